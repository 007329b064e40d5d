"""Vanishing and exploding gradients, and the remedies the document lists (001, lines 367-389).

A deep fully connected net (20 hidden layers of 32 units) is trained on z-scored iris with plain
full-batch SGD; after every backward pass the ratio of the first layer's to the last layer's
weight-gradient norm is recorded. A vanishing gradient shows as a ratio far below 1 (log10 far
below 0). Each remedy is compared with the plain deep sigmoid net on the same init and data.
Not covered here: batch normalization, residual connections, weight normalization and autoencoder
pre-training (the engine's MLP has none of them); see UNEXECUTABLE.
"""
import math

import numpy as np
import torch

import fixtures
from harness.declaring.claim import Claim, Kind, Source, Unexecutable, Verdict
from harness.training.engine import BatchedMLP, TrainConfig, evaluate, train
from harness.training.experiments import as_labels, as_tensor

DOC = "001_21bdbe3614939729.txt"
PROBLEM = Source(DOC, "Vanishing and exploding gradients", (374, 380),
                 "Vanishing gradient: ... Weights don't change -> no learning. Problematic for deep networks. ... "
                 "Exploding gradient: ... Weights change wildly -> bad solutions.")
REMEDIES = Source(DOC, "How to minimize gradient problems", (382, 389),
                  "- Use models with few hidden layers. - Use activation functions that do not saturate (e.g., "
                  "ReLU) ... - Use regularization techniques like batch normalization, dropout, and weight decay.")


def iris_z(ctx):
    ds = ctx.data(fixtures.iris)
    X = (ds.X - ds.X.mean(0)) / ds.X.std(0)
    return as_tensor(X), as_labels(np.array(ds.y))


def deep_net(ctx, depth, activation="sigmoid", gain=None, dropout=0.0):
    """(4, 32 x depth, 3) net on the 'init' stream; `gain` rescales every weight to std gain/sqrt(fan_in)."""
    s = ctx.sizes
    model = BatchedMLP((4, *[s["width"]] * depth, 3), ctx.stream("init"), activation=activation,
                       dropout=dropout, device=ctx.device)
    if gain is not None:        # default init is U(+-1/sqrt(fan_in)): std 1/sqrt(3 fan_in)
        with torch.no_grad():
            for w in model.weights:
                w.mul_(gain * math.sqrt(3.0))
    return model


def grad_log_ratio(model):
    """Per seed: log10(||grad W_first|| / ||grad W_last||)."""
    first = model.weights[0].grad.flatten(1).norm(dim=1)
    last = model.weights[-1].grad.flatten(1).norm(dim=1)
    return torch.log10(first / last).double()


def train_recording(ctx, model, *, weight_decay=0.0):
    """Full-batch SGD on z-scored iris; returns the mean log ratio over steps and the final accuracy."""
    s = ctx.sizes
    X, y = iris_z(ctx)
    ratios = []
    cfg = TrainConfig(epochs=s["epochs"], lr=s["lr"], weight_decay=weight_decay,
                      after_backward=lambda m, epoch, step: ratios.append(grad_log_ratio(m)))
    train(model, X, y, cfg, ctx.stream("order"), noise_seed=ctx.look_seed("noise"))
    w0 = model.weights[0].detach().clone()
    return torch.stack(ratios).mean(0), evaluate(model, X, y), w0


def arms_experiment(**arms):
    """Each arm: dict(depth, activation, dropout, weight_decay); all share init seeds and data."""
    def experiment(ctx):
        out = {}
        for name, a in arms.items():
            model = deep_net(ctx, a["depth"], a.get("activation", "sigmoid"), dropout=a.get("dropout", 0.0))
            start = model.weights[0].detach().clone()
            ratio, acc, end = train_recording(ctx, model, weight_decay=a.get("weight_decay", 0.0))
            out[name] = ratio
            out[f"{name}_train_accuracy"] = acc
            out[f"{name}_first_layer_relative_change"] = ((end - start).flatten(1).norm(dim=1)
                                                          / start.flatten(1).norm(dim=1)).double()
        return out
    return experiment


SIZES = {"smoke": {"seeds": (12,), "width": 32, "epochs": 20, "lr": 0.1},
         "ci": {"seeds": (12,), "width": 32, "epochs": 60, "lr": 0.1},
         "full": {"seeds": (24, 48), "width": 32, "epochs": 300, "lr": 0.1}}
METRIC = ("mean over SGD steps of log10(||grad W_first|| / ||grad W_last||), 20 hidden layers of 32 "
          "units on z-scored iris (full batch, lr 0.1)")
SIGMOID_DEEP = dict(depth=20, activation="sigmoid")

VANISHING = Claim(
    id="vanishing-gradient-deep-sigmoid",
    statement="Vanishing gradients are a problem of deep networks: in a 20-hidden-layer sigmoid net the "
              "first layer's gradient, relative to the last layer's, is at least 2 orders of magnitude "
              "smaller than in a 2-hidden-layer sigmoid net.",
    sources=(PROBLEM, REMEDIES, Source("003_9348410d8d3ffd8d.txt", "Sigmoid Activation function", (995, 1002),
                                       "Sigmoid Activation function ... Problems: - Vanishing gradient problem")),
    kind=Kind.COMPARATIVE, topic="optimization",
    metric=METRIC.replace("20 hidden layers", "20 or 2 hidden layers"),
    arms=("deep_sigmoid", "shallow_sigmoid"), direction="less", delta=2.0,
    experiment=arms_experiment(deep_sigmoid=SIGMOID_DEEP, shallow_sigmoid=dict(depth=2, activation="sigmoid")),
    sizes=SIZES, expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 12 seeds): deep - shallow = -12.0 decades [-12.2, -11.9]; the deep net's first layer does not move (relative change ~0) and it stays at chance (0.33) after 60 epochs",
    notes="Also stored: the first layer's relative weight change and the train accuracy per arm "
          "('weights don't change -> no learning').",
)

RELU = Claim(
    id="relu-mitigates-vanishing-gradient",
    statement="A non-saturating activation (ReLU) relieves the vanishing gradient: in the same 20-layer net "
              "with PyTorch's default init the first/last gradient ratio is at least 1 order of magnitude "
              "larger with ReLU than with sigmoid.",
    sources=(REMEDIES,), kind=Kind.COMPARATIVE, topic="optimization", metric=METRIC,
    arms=("deep_relu", "deep_sigmoid"), direction="greater", delta=1.0,
    experiment=arms_experiment(deep_relu=dict(depth=20, activation="relu"), deep_sigmoid=SIGMOID_DEEP),
    sizes=SIZES, expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 12 seeds): ReLU - sigmoid = +6.6 decades [6.3, 7.1] (ReLU still at -5.8 decades)",
    notes="With the default init (std 1/sqrt(3 fan_in), not Kaiming) the ReLU net still loses gradient with "
          "depth; ReLU relieves the problem rather than removing it.",
)

DROPOUT = Claim(
    id="dropout-relieves-vanishing-gradient",
    statement="As the document lists it, dropout (p = 0.2 after every hidden layer) is a remedy for the "
              "vanishing gradient: it raises the first/last gradient ratio of the 20-layer sigmoid net by at "
              "least half an order of magnitude.",
    sources=(REMEDIES,), kind=Kind.COMPARATIVE, topic="optimization", metric=METRIC,
    arms=("deep_sigmoid_dropout", "deep_sigmoid"), direction="greater", delta=0.5,
    experiment=arms_experiment(deep_sigmoid_dropout=dict(SIGMOID_DEEP, dropout=0.2), deep_sigmoid=SIGMOID_DEEP),
    sizes=SIZES, expect=Verdict.REFUTED,
    expect_reason="measured (ci, 12 seeds): dropout - plain = -3.55 decades [-3.66, -3.42]: dropout makes the ratio smaller, not larger",
    notes="delta: half a decade (about 3x), small against the ~11 decades the depth costs.",
)

WEIGHT_DECAY = Claim(
    id="weight-decay-relieves-vanishing-gradient",
    statement="As the document lists it, weight decay (0.01) is a remedy for the vanishing gradient: it "
              "raises the first/last gradient ratio of the 20-layer sigmoid net by at least half an order of "
              "magnitude.",
    sources=(REMEDIES,), kind=Kind.COMPARATIVE, topic="optimization", metric=METRIC,
    arms=("deep_sigmoid_wd", "deep_sigmoid"), direction="greater", delta=0.5,
    experiment=arms_experiment(deep_sigmoid_wd=dict(SIGMOID_DEEP, weight_decay=0.01), deep_sigmoid=SIGMOID_DEEP),
    sizes=SIZES, expect=Verdict.REFUTED,
    expect_reason="measured (ci, 12 seeds): weight decay - plain = -1.73 decades [-1.84, -1.63]: the gradient vanishes faster",
    notes="Weight decay shrinks the weights, and the backward pass multiplies by them: if anything it "
          "makes the gradient vanish faster.",
)


# ------------------------------------------------------------------ exploding gradients
def exploding(ctx):
    X, y = iris_z(ctx)
    out = {}
    for name, gain in (("gain_3", 3.0), ("gain_sqrt2", math.sqrt(2.0))):
        model = deep_net(ctx, ctx.sizes["depth"], "relu", gain=gain)
        loss = torch.nn.functional.cross_entropy(model(X.expand(model.n_models, *X.shape)).transpose(1, 2),
                                                 y.expand(model.n_models, -1), reduction="none").mean(1)
        loss.sum().backward()
        out[name] = torch.log10(model.weights[0].grad.flatten(1).norm(dim=1)).double()
        model.zero_grad()
        s = ctx.sizes
        hist = train(model, X, y, TrainConfig(epochs=s["epochs"], lr=s["lr"]), ctx.stream("order"),
                     eval_sets={"train": (X, y)})
        acc = hist.final("train")
        final = hist.train_loss[:, -1]
        out[f"{name}_train_accuracy"] = acc
        out[f"{name}_final_loss"] = final
    return out


EXPLODING_SIZES = {"smoke": {"seeds": (12,), "width": 32, "depth": 20, "epochs": 20, "lr": 0.01},
                   "ci": {"seeds": (12,), "width": 32, "depth": 20, "epochs": 60, "lr": 0.01},
                   "full": {"seeds": (24,), "width": 32, "depth": 20, "epochs": 300, "lr": 0.01}}

EXPLODING = Claim(
    id="exploding-gradient-large-init",
    statement="Exploding gradient: in a 20-hidden-layer ReLU net whose weights are drawn with std 3/sqrt(fan_in) "
              "(instead of the ReLU-preserving sqrt(2)/sqrt(fan_in)), the first layer's gradient norm at init "
              "is at least 3 orders of magnitude larger.",
    sources=(PROBLEM,), kind=Kind.COMPARATIVE, topic="optimization",
    metric="log10 ||grad W_first|| at init (cross-entropy on z-scored iris)", arms=("gain_3", "gain_sqrt2"),
    direction="greater", delta=3.0, experiment=exploding, sizes=EXPLODING_SIZES, expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 12 seeds): +6.75 decades [6.64, 6.91]",
)

EXPLODING_BAD = Claim(
    id="exploding-gradient-bad-solutions",
    statement="'Weights change wildly -> bad solutions': after SGD training (lr 0.01) the 20-layer ReLU net "
              "initialised with std 3/sqrt(fan_in) has a train accuracy at least 10 points below the same net "
              "initialised with sqrt(2)/sqrt(fan_in).",
    sources=(PROBLEM,), kind=Kind.COMPARATIVE, topic="optimization",
    metric="train accuracy (fraction) on z-scored iris after full-batch SGD; a diverged (NaN) run counts as "
           "its argmax accuracy", arms=("gain_sqrt2_train_accuracy", "gain_3_train_accuracy"),
    direction="greater", delta=0.10, experiment=exploding, sizes=EXPLODING_SIZES, expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 12 seeds): +0.535 [0.477, 0.581]; every gain-3 run diverges to a NaN loss (chance accuracy)",
)

UNEXECUTABLE = [
    Unexecutable(
        "gradient-remedies-normalization-resnet-pretraining",
        "Weight normalization, batch normalization, autoencoder pre-training and residual architectures "
        "minimize gradient problems.",
        (Source(DOC, "How to minimize gradient problems", (386, 389),
                "- Apply weight normalization. - Pre-train networks using autoencoders. - Use regularization "
                "techniques like batch normalization, dropout, and weight decay. - Use architectures like "
                "residual networks (`resnet`)."),),
        "the suite's one training engine (harness.training.engine.BatchedMLP) has no normalization layers, skip "
        "connections or pre-training; the dropout, weight-decay, ReLU and depth remedies are tested in "
        "claims/optimization/test_gradient_flow.py"),
]
