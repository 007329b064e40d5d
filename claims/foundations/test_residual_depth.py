"""Document 004 (Frank Kane's TensorFlow/Keras course), lecture 11 (file line 12): ResNet's skip
connections. "It's an even deeper neural network, but it maintains performance by what's called skip
Connection. So it has special connections between the layers of the Perceptron to further accelerate
things."

Read in context (LeNet, AlexNet, GoogLeNet, then ResNet, each deeper): depth alone would cost
performance; the skip connections keep it, and make training faster. "Performance" may mean accuracy
or speed (the next sentence says CNNs "can be very demanding on performance"), so both readings are
tested, on the same fits:

* ``resnet-skip-connections-enable-depth`` (accuracy): a 30-layer ReLU MLP with residual blocks
  against the same 30 layers without skips. The plain net trains three times the epochs, so a plain
  net that is merely slower (undertrained) is not counted as one that lost performance.
* ``resnet-skip-connections-accelerate-training`` (speed): the training loss after the same number
  of epochs (same steps, same data order).
* ``skip-connections-change-little-in-a-shallow-net`` (control): with one block (4 weighted layers)
  the same skip connection changes test accuracy by less than 2 points, so the deep effect is one of
  depth, not of a better block.

The networks (``harness.training.Residual``): Linear(64), ReLU, then n blocks, then Linear(10). A
residual block is x + f(x), f = Linear(64), ReLU, Linear(64), then ReLU (ResNet's basic block without
batch normalisation); the plain net has the same layers with the addition left out, so both arms have
the same parameters and draw the same initial weights (Keras' default glorot_uniform with zero biases,
the document's framework), the same split and the same data order. 14 blocks: 30 weighted layers.
Data: scikit-learn's 8x8 digits (pixels / 16), 360 held out per seed (stratified). Adam lr 1e-3
(Keras' default), batch 64, cross-entropy.
"""
import math

import torch

from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.declaring.vague_words import VAGUE
from harness.recipes.shared_runs import shared_experiment
from harness.recipes.tabular_sets import digits_sets
from harness.training import Linear, Net, ReLU, Residual
from harness.training.engine import LOSSES, TrainConfig, train

DOC = "004_2947cf972490c874.txt"
L11 = "11. Convolutional Neural Networks"
SKIP = Source(DOC, L11, (12, 12), "It's an even deeper neural network, but it maintains performance by what's "
              "called skip Connection. So it has special connections between the layers of the Perceptron to "
              "further accelerate things.")
N_TEST = 360
WIDTH = 64
LOG10_REL = math.log10(1 + VAGUE["better (relative)"].delta)


def nets(blocks: int) -> tuple[Net, Net]:
    """(plain, residual): 2 * blocks + 2 weighted layers each, the same layers in the same order."""
    head, tail = [Linear(WIDTH), ReLU()], [Linear(10)]
    plain = head + [Linear(WIDTH), ReLU(), Linear(WIDTH), ReLU()] * blocks + tail
    residual = head + [Residual([Linear(WIDTH), ReLU(), Linear(WIDTH)]), ReLU()] * blocks + tail
    return Net((64,), plain, init="glorot_uniform"), Net((64,), residual, init="glorot_uniform")


def first_layer_grad_norm(model, X, y) -> list[float]:
    """Per seed: the norm of the first layer's weight gradient of the training loss, at initialisation."""
    loss = LOSSES["cross_entropy"](model(X), y)
    grad, = torch.autograd.grad(loss.sum(), model.blocks[0].weight)
    return grad.flatten(1).norm(dim=1).tolist()


def run(ctx, net: Net, train_set, test, epochs: int, eval_every: int = 0):
    model = net.build(ctx.stream("init"), device=ctx.device)
    X, y = (t.to(ctx.device) for t in train_set)
    grad = first_layer_grad_norm(model, X, y)
    cfg = TrainConfig(epochs=epochs, lr=1e-3, batch_size=64, optimizer="adam", eval_every=eval_every)
    hist = train(model, X, y, cfg, ctx.stream("order"),
                 eval_sets={"test": tuple(t.to(ctx.device) for t in test), "train": (X, y)})
    return hist, grad


@shared_experiment("resnet-skip-connections-enable-depth")
def deep_runs(ctx):
    """Per seed: the deep residual net for `epochs`, the deep plain net for plain_factor * epochs (its
    training loss and accuracies after `epochs` are read on the way)."""
    s = ctx.sizes
    E = s["epochs"]
    train_set, test = digits_sets(ctx, N_TEST, stratify=True)
    plain, residual = nets(s["blocks"])
    r, r_grad = run(ctx, residual, train_set, test, E)
    p, p_grad = run(ctx, plain, train_set, test, E * s["plain_factor"], eval_every=E)
    at_e = p.eval_epochs.index(E)
    return {
        "residual_test_accuracy": r.final("test").tolist(),
        "plain_longer_test_accuracy": p.final("test").tolist(),
        "residual_log10_train_loss": r.train_loss[:, E - 1].log10().tolist(),
        "plain_log10_train_loss": p.train_loss[:, E - 1].log10().tolist(),
        "residual_train_accuracy": r.final("train").tolist(),
        "plain_longer_train_accuracy": p.final("train").tolist(),
        "plain_test_accuracy_at_equal_epochs": p.evals["test"][at_e].tolist(),
        "plain_train_accuracy_at_equal_epochs": p.evals["train"][at_e].tolist(),
        "plain_longer_final_train_loss": p.train_loss[:, -1].tolist(),
        "residual_first_layer_grad_norm_at_init": r_grad,
        "plain_first_layer_grad_norm_at_init": p_grad,
    }


def shallow_runs(ctx):
    """Per seed: one block (4 weighted layers), residual and plain, the same epochs."""
    s = ctx.sizes
    train_set, test = digits_sets(ctx, N_TEST, stratify=True)
    plain, residual = nets(1)
    r, _ = run(ctx, residual, train_set, test, s["epochs"])
    p, _ = run(ctx, plain, train_set, test, s["epochs"])
    return {"shallow_residual_test_accuracy": r.final("test").tolist(),
            "shallow_plain_test_accuracy": p.final("test").tolist(),
            "shallow_residual_train_accuracy": r.final("train").tolist(),
            "shallow_plain_train_accuracy": p.final("train").tolist()}


DEEP_SIZES = {"smoke": {"seeds": (12,), "blocks": 2, "epochs": 1, "plain_factor": 3},
              "ci": {"seeds": (12,), "blocks": 14, "epochs": 8, "plain_factor": 3},
              "full": {"seeds": (12, 24), "blocks": 14, "epochs": 20, "plain_factor": 3}}
NET_NOTE = ("Both nets: Linear(64), ReLU, 14 blocks, Linear(10) (30 weighted layers, width 64, no normalisation), "
            "glorot_uniform with zero biases, Adam 1e-3, batch 64, digits (1,437 train / 360 test per seed). ")

ENABLE_DEPTH = Claim(
    id="resnet-skip-connections-enable-depth",
    statement="Skip connections let a very deep network keep its performance: a 30-layer ReLU MLP built of residual "
              "blocks (x + f(x)) classifies held-out digits better (by more than 1 point) than the same 30 layers "
              "without the skips, even when the plain net trains three times as many epochs.",
    sources=(SKIP,), kind=Kind.COMPARATIVE, topic="architecture",
    metric=f"test accuracy (fraction, {N_TEST} held-out digits)",
    arms=("residual_test_accuracy", "plain_longer_test_accuracy"), direction="greater",
    delta=VAGUE["better"].delta, experiment=deep_runs, sizes=DEEP_SIZES,
    expect=Verdict.SUPPORTED,
    expect_reason="measured supported (ci, 12 seeds): residual - plain = +0.183 [0.148, 0.237]; means residual_test_accuracy 0.946, plain_longer_test_accuracy 0.763 (the plain net at 24 epochs: training accuracy 0.81, still climbing; at the residual net's 8 epochs 0.40; first-layer gradient at init ~1e-5 against ~10 with the skips); seed family 7: +0.117 [0.0875, 0.16], supported; seed family 12345: +0.111 [0.0688, 0.191], supported; full: supported, +0.0924 [0.0515, 0.166] over 24 seeds (its second look; 20 and 60 epochs); means residual_test_accuracy 0.960, plain_longer_test_accuracy 0.868",
    contrasts={"as-many-hidden-layers-as-compute-allows-digits":
               "the same lecture: plain depth limited only by compute (8 hidden layers at 3x the epochs, inconclusive within 2 points); here 30 plain layers at 3x the epochs fall far behind the same layers with skips"},
    notes=NET_NOTE + "'Maintains performance' read against the sentence's 'even deeper ... but': depth without the "
          "skips loses accuracy and with them it does not; the claim is that the skips make a difference a reader "
          "reads as 'better' (the vague-word table's unqualified 'better', 1 point). The plain net gets three "
          "times the epochs (the residual net 8, the plain 24 in ci) so that 'loses performance' is not just "
          "'trains slower' (the other claim); its accuracy at equal epochs, the training accuracies and both "
          "nets' first-layer gradient norm at initialisation are stored beside the arms. Neither net has batch normalisation (ResNet's blocks do) and both start from Keras' default glorot_uniform, under which the plain stack's first-layer gradient is about 1e-5 against about 10 with the skips; so the gap is the one of a default Dense stack, and it narrows with training (0.18 in ci, 0.09 at the full 20/60 epochs, where most seeds' plain nets reach 0.9-1.0 training accuracy and a few stay far behind).",
)

ACCELERATE = Claim(
    id="resnet-skip-connections-accelerate-training",
    statement="Skip connections accelerate training: after the same number of epochs (same steps and data order) a "
              "30-layer ReLU MLP of residual blocks has a training loss more than 10% lower than the same 30 layers "
              "without the skips.",
    sources=(SKIP,), kind=Kind.COMPARATIVE, topic="architecture",
    metric="log10 of the training loss (mean batch cross-entropy of the last epoch, 8 epochs in ci)",
    arms=("residual_log10_train_loss", "plain_log10_train_loss"), direction="less",
    delta=LOG10_REL, experiment=deep_runs, sizes=DEEP_SIZES,
    expect=Verdict.SUPPORTED,
    expect_reason="measured supported (ci, 12 seeds): log10 loss residual - plain = -1.25 [-1.35, -1.18]; means residual_log10_train_loss -1.096, plain_log10_train_loss 0.156 (losses about 0.08 against 1.4 after 8 epochs, 18x lower); seed family 7: -1.37 [-1.42, -1.32], supported; seed family 12345: -1.30 [-1.36, -1.17], supported; full: supported, -1.65 [-2.07, -1.42] over 12 seeds (after 20 epochs); means residual_log10_train_loss -1.868, plain_log10_train_loss -0.219",
    notes=NET_NOTE + "'Accelerate' read as faster optimisation: a lower training loss at an equal, fixed number of "
          "epochs. The loss is the unqualified 'better (relative)' of the vague-word table, a 10% change, tested "
          "on log10 (delta = log10(1.1)). The same fits as resnet-skip-connections-enable-depth (the plain net's "
          "loss is read at the residual net's last epoch, which a shorter run would reproduce exactly).",
)

SHALLOW = Claim(
    id="skip-connections-change-little-in-a-shallow-net",
    statement="Control for the skip-connection claims: in a shallow net (one residual block, 4 weighted layers) the "
              "skip connection changes held-out digit accuracy by less than 2 points either way.",
    sources=(SKIP,), kind=Kind.EQUIVALENCE, topic="architecture",
    metric=f"test accuracy (fraction, {N_TEST} held-out digits)",
    arms=("shallow_residual_test_accuracy", "shallow_plain_test_accuracy"), direction="equivalent",
    delta=VAGUE["basically the same"].delta, experiment=shallow_runs,
    sizes={"smoke": {"seeds": (12,), "epochs": 1},
           "ci": {"seeds": (12, 24), "epochs": 24},
           "full": {"seeds": (12, 24), "epochs": 60}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured supported (ci, 12 seeds): residual - plain = +0.0019 [-0.0002, 0.0037]; means shallow_residual_test_accuracy 0.973, shallow_plain_test_accuracy 0.971 (decided at the first look); seed family 7: +0.0007 [-0.0021, 0.0032], supported; seed family 12345: +0.0021 [-0.0014, 0.0067], supported; full: supported, +0.0005 [-0.0016, 0.0058] over 12 seeds (60 epochs); means shallow_residual_test_accuracy 0.974, shallow_plain_test_accuracy 0.974",
    notes="The quote credits the skips with keeping the performance of an 'even deeper' net; if the same block "
          "helped as much in a shallow net, the deep comparison would show a better block, not depth made "
          "trainable. Same nets as the deep claims with one block, both trained as long as the deep plain net "
          "(24 epochs in ci); 'no difference' is the vague-word table's 'basically the same' (2 points).",
)
