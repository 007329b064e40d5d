"""Wide beats deep at a fixed number of hidden units on the qwerties (000, "Data size and network
size").

The course's experiment (DUDL_data_dataVsDepth [nb]): 80 hidden units arranged as 1x80, 5x16,
10x8 or 20x4; the net is Linear(2, n) with no activation, then L x (Linear(n, n) + ReLU), then
Linear(n, 3); cross-entropy, SGD lr .01, batch 8 (drop_last), 50 epochs, train_size .9; the
qwerties are three Gaussian blobs at (1,1), (5,1), (4,4) with sigma 1, 50..550 points per class;
each result is the mean of the last five epochs of one run.

Here each seed draws its own qwerties, split and initialisation, and test accuracy is read on
3,000 fresh points (instead of the 10% split) over the last five epochs, as the document averages.
ci uses 100 points per class (in the document's sweep; its trial run used 200, which gives the same
verdicts at twice the cost); full averages each seed's
values over the document's sweep of 50..550 points per class.
"""
import math

import torch

from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.training.engine import BatchedMLP, TrainConfig
from harness.training.experiments import fit
from harness.recipes.shared_runs import once
from harness.recipes.tabular_sets import qwerty_layout, qwerty_sets

DOC = "000_d7a1d0a6624d5a73.txt"
SECTION = "Data size and network size"

FEWER_PARAMS = Source(
    DOC, SECTION, (557, 565),
    "different model architectures can have the same number of units, but still have a different number "
    "of trainable parameters. ... In particular, models tend to have fewer total parameters for, you "
    "know, when you equate the number of nodes compared to wide models.")
SETUP = Source(
    DOC, SECTION, (575, 579),
    "And what we are going to do is parametrically vary the depth and the breadth of the models while "
    "keeping the total number of units constant. ... So here we are going to have all of our models "
    "with exactly 80 units.")
LAYERS = Source(
    DOC, SECTION, (765, 829),
    "So our model is going to have one layer, five layers, 10 hidden layers and 20 hidden layers. ... "
    "This is an order of magnitude difference in the number of trainable parameters, even though the "
    "total number of units in the model is exactly the same.")
SGD = Source(
    DOC, SECTION, (687, 691),
    "Now you can see that here I'm using stochastic gradient descent with a learning rate of point zero "
    "one. In fact, I made this choice because I wanted to slow down the learning a little bit. So in the "
    "additional exploration's at the end of this notebook, you'll see that there are some opportunities "
    "for you to explore whether the findings that we will see here with gradient descent are also "
    "observed with using the adam optimizer.")
LOSSES = Source(
    DOC, SECTION, (871, 877),
    "So one layer with 80 units and five layers with 16 units and they're the lost function is small. "
    "Now, it looks like the green line is missing here, but it's actually almost perfectly overlapping "
    "with the red line. So having 10 layers and 20 layers basically gives the same loss, which is pretty "
    "much saturating at the maximum.")
ACCURACY = Source(
    DOC, SECTION, (887, 899),
    "So in this case, having a wide network does really well. And also you have five layers with six "
    "units that also does pretty well, but having really deep layers, but very shallow. So not many "
    "units, but many layers. Those also just performed abysmal, really, really terrible. Barely got up "
    "to, you know, 33 percent performance, which would be accuracy. So it was really just totally "
    "guessing here.")

DEPTHS = (1, 5, 10, 20)
LAST = 5                   # the document averages the last five epochs
LN3 = math.log(3.0)


def depth_experiment(optimizer: str, lr: float, *, chance_arm: bool = False, family: str | None = None,
                     **arms: int):
    """Experiment: for each arm (name -> number of hidden layers), test accuracy and train loss,
    each the mean of the last five epochs, averaged over the sizes' points per class. With
    chance_arm, an arm "ln3" holds the chance-level loss ln 3 for every seed.

    family: run on the seeds of this claim id instead of the claim's own, and reuse every net that
    claim trained in this process (harness.recipes.shared_runs): a claim reading nets another claim trains
    (the deep nets' losses) costs nothing more."""
    def experiment(ctx):
        s = ctx.sizes
        fam = family or ctx.claim.id
        out: dict[str, torch.Tensor] = {}
        sweep = s["n_per_cluster"]
        for n_per_cluster in sweep:
            for name, depth in arms.items():
                acc, loss = once(ctx, fam, ("depth-net", optimizer, lr, depth, n_per_cluster),
                                 lambda c, d=depth, n=n_per_cluster: _train_depth(c, optimizer, lr, d, n))
                for key, value in ((f"{name}_accuracy", acc), (f"{name}_loss", loss)):
                    out[key] = out.get(key, 0) + value / len(sweep)
        if chance_arm:
            out["ln3"] = torch.full((len(ctx.seeds),), LN3, dtype=torch.float64)
        return out
    return experiment


def _train_depth(ctx, optimizer: str, lr: float, depth: int, n_per_cluster: int):
    """(test accuracy, train loss), each (K,) and the mean of the last five epochs, of one 80-unit net."""
    s = ctx.sizes
    (X, y), test = qwerty_sets(ctx, n_per_cluster, s["n_test_per_cluster"])
    cfg = TrainConfig(epochs=s["epochs"], lr=lr, batch_size=8, optimizer=optimizer, drop_last=True, eval_every=1)
    sizes, acts = qwerty_layout(depth)
    f = fit(ctx, sizes, X, y, cfg, evals={"test": test}, activation=acts)
    return torch.stack(f.history.evals["test"][-LAST:]).mean(dim=0), f.history.train_loss[:, -LAST:].mean(dim=1)


def parameter_count_errors(ctx):
    """Per depth: |count - closed form| for the notebook's nn.Linear stack and for the engine's net,
    then how far the widest/deepest ratio falls short of an order of magnitude (10x)."""
    errors, counts = [], {}
    for depth in DEPTHS:
        sizes, acts = qwerty_layout(depth)
        n = sizes[1]
        closed = 3 * n + depth * (n * n + n) + (n + 1) * 3
        reference = torch.nn.ModuleList(torch.nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:]))
        nn_count = sum(p.numel() for p in reference.parameters() if p.requires_grad)
        engine_count = BatchedMLP(sizes, [0], activation=acts, device="meta").n_parameters()   # counts only
        counts[depth] = nn_count
        ctx.note(f"{depth}x{n}_parameters", nn_count)
        errors += [abs(nn_count - closed), abs(engine_count - closed), abs(nn_count - EXPECTED_COUNTS[depth])]
    ratio = counts[1] / counts[20]
    ctx.note("ratio_1x80_to_20x4", ratio)
    errors.append(max(0.0, 10.0 - ratio))
    return {"error": errors}


EXPECTED_COUNTS = {1: 6963, 5: 1459, 10: 771, 20: 427}

PARAMETER_COUNTS = Claim(
    id="qwerty-80-units-parameter-counts",
    statement="With 80 hidden units in the course's layout (Linear(2,n), L x Linear(n,n), Linear(n,3)), "
              "1x80, 5x16, 10x8 and 20x4 nets have 6963, 1459, 771 and 427 trainable parameters: the "
              "deeper the fewer, and the widest has more than 10 times the deepest's.",
    sources=(FEWER_PARAMS, LAYERS), kind=Kind.IDENTITY, topic="architecture",
    metric="|count - 3n + L(n^2+n) + 3(n+1)| for an nn.Linear stack and the engine's net, "
           "|count - stated|, and max(0, 10 - 6963/427)",
    direction="holds", tolerance=0.0, experiment=parameter_count_errors,
    sizes={p: {"seeds": 1} for p in ("smoke", "ci", "full")},
    expect=Verdict.SUPPORTED,
    expect_reason=("measured: the nn.Linear stack and the engine's net both count 6963 / 1459 / 771 / 427; ratio "
                   "16.3"),
    document_figures={"ratio_stated": "an order of magnitude"},
    notes="The transcript shows the counts on screen without reading them; 6963/1459/771/427 are the "
          "closed form for the notebook's layout. Hidden units are 80 in every net; with the input "
          "layer's n units the total is 80 + n + 3, so 'the same number of units' holds for the hidden "
          "layers only.",
)

SIZES = {
    "smoke": {"seeds": (12,), "n_per_cluster": (100,), "n_test_per_cluster": 500, "epochs": 10},
    "ci": {"seeds": (12, 24), "n_per_cluster": (100,), "n_test_per_cluster": 1000, "epochs": 50},
    "full": {"seeds": (20, 40), "n_per_cluster": tuple(range(50, 551, 50)), "n_test_per_cluster": 2000,
             "epochs": 50},
}
NOTES = ("Each seed draws its own qwerties (ci: 100 per class, 270 training points; full: the document's "
         "50..550 per class, values averaged over the sweep) and a fresh test set (3 x n_test_per_cluster "
         "points). Metric as the document: mean of the last five epochs.")

WIDE_BEATS_DEEP = Claim(
    id="wide-beats-deep-at-fixed-units",
    statement="At 80 hidden units, the wide net (1x80) beats the deep narrow net (20x4) on qwerty test "
              "accuracy by at least 10 points (course setup: SGD lr .01, batch 8, 50 epochs).",
    sources=(SETUP, LAYERS, ACCURACY), kind=Kind.COMPARATIVE, topic="architecture",
    metric="test accuracy (fraction), mean of the last five epochs", arms=("wide_1x80_accuracy", "deep_20x4_accuracy"),
    direction="greater", delta=0.10,
    experiment=depth_experiment("sgd", 0.01, wide_1x80=1, mid_5x16=5, deep_10x8=10, deep_20x4=20),
    sizes=SIZES, expect=Verdict.SUPPORTED,
    expect_reason=("measured (ci, 12 seeds, 100 per class): +0.602 [0.600, 0.604]; 1x80 0.936, 5x16 0.791, 10x8 and "
                   "20x4 0.333 (a single class) in every seed (at 200 per class: +0.605; 5x16 0.930)"),
    document_figures={"wide_1x80_test_accuracy_trial_run": 0.95, "deep_10x8_and_20x4_accuracy": 0.33},
    notes=NOTES + " The 5x16 and 10x8 nets are trained too and stored beside the two arms.",
)

DEEP_LOSS_AT_CHANCE = Claim(
    id="deep-narrow-qwerty-loss-stays-at-ln3",
    statement="The deep narrow net (20x4) does not learn the qwerties: its training loss over the last "
              "five epochs stays within 0.03 of ln 3, the loss of a uniform guess over three classes.",
    sources=(LOSSES, ACCURACY), kind=Kind.EQUIVALENCE, topic="architecture",
    metric="cross-entropy training loss (nats), mean of the last five epochs, vs ln 3",
    arms=("deep_20x4_loss", "ln3"), direction="equivalent", delta=0.03,
    experiment=depth_experiment("sgd", 0.01, chance_arm=True, family="wide-beats-deep-at-fixed-units",
                                deep_10x8=10, deep_20x4=20),
    sizes=SIZES,
    expect=Verdict.SUPPORTED,
    expect_reason=("measured (ci, 12 seeds, 100 per class, shared with wide-beats-deep-at-fixed-units): 20x4 loss "
                   "minus ln 3 +0.0002 [-0.0002, 0.0003]; the 10x8 loss is the same 1.0988 (at 200 per class, own "
                   "seeds: +0.0003)"),
    document_figures={"loss_10x8_vs_20x4": "almost perfectly overlapping, saturating at the maximum"},
    notes=NOTES + " ln 3 = 1.0986 is the loss of predicting the class shares (1/3 each) of balanced "
                  "three-class data; cross-entropy has no maximum, so 'saturating at the maximum' is read "
                  "as 'stuck at chance'. The 10x8 net is trained too and its loss stored. Runs on the seeds of "
                  "wide-beats-deep-at-fixed-units and reuses its 10x8 and 20x4 nets (harness.recipes.shared_runs).",
)

WIDE_BEATS_DEEP_ADAM = Claim(
    id="wide-beats-deep-at-fixed-units-with-adam",
    statement="The document's open question, answered: with Adam (lr .001) instead of SGD, the wide net "
              "(1x80) still beats the deep narrow net (20x4) on qwerty test accuracy by at least 10 points.",
    sources=(SGD, ACCURACY), kind=Kind.COMPARATIVE, topic="architecture",
    metric="test accuracy (fraction), mean of the last five epochs", arms=("wide_1x80_accuracy", "deep_20x4_accuracy"),
    direction="greater", delta=0.10,
    experiment=depth_experiment("adam", 0.001, wide_1x80=1, deep_20x4=20),
    sizes=SIZES, expect=Verdict.SUPPORTED,
    expect_reason=("measured (ci, 12 seeds, 100 per class): +0.601 [0.597, 0.604]; under Adam too the 20x4 net stays "
                   "at 0.333 (loss 1.0985) while 1x80 reaches 0.934 (at 200 per class: +0.602)"),
    notes=NOTES + " Same data, split, init and order as the SGD arms would draw; Adam at its default "
                  "learning rate, the course's usual choice.",
)
