"""The qwerty data function, parameter counts at a fixed number of units, the wide net's trial run (000,
"Data size and network size", l.538-917), and saving/loading a trained model (announced in the section's
goals, l.52).

The course's code (DUDL_data_dataVsDepth [nb]): createSomeData(nPerClust) makes three Gaussian qwerty
blobs at (1,1), (5,1), (4,4), sigma 1, and splits them train_size .9 into loaders of batch 8; the net
is Linear(2, n) (no activation), L x (Linear(n, n) + ReLU), Linear(n, 3), with 80 hidden units; SGD lr
.01, 50 epochs. The layout is harness.recipes.tabular_sets.qwerty_layout, shared with the headline
wide-vs-deep claims.
"""
import io
import math

import numpy as np
import torch
from sklearn.model_selection import train_test_split

from fixtures import qwerties
from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.training.engine import BatchedMLP, TrainConfig, evaluate, outputs
from harness.training.experiments import fit
from harness.recipes.tabular_sets import qwerty_layout, qwerty_sets
from harness.training.fast_ffn import train_fast

DOC = "000_d7a1d0a6624d5a73.txt"
SECTION = "Data size and network size"


def src(lines, quote, section=SECTION):
    return Source(DOC, section, lines, quote)


SIZES_SRC = src((637, 641),
                "So I get this variable, the data, which is actually a dictionary and I call the function with 50 and "
                "N equals 50. So in fact, also as a little reminder, this actually creates one hundred and fifty "
                "total data points. It's fifty data points per category.")
SWEEP = src((775, 779),
            "And then the number of data points varies from fifty to five hundred and fifty instead of 50. And again, "
            "this is per category. So the total sample size is actually these numbers times three.")
THREE_COLUMNS = src((699, 705),
                    "So and then here I'm just inputting some random numbers into the model. ... So there's three "
                    "categories of qwerties. So we expect to have three columns here.")


def data_size_errors(ctx):
    """Per nPerClust in 50..550: |rows - 3n|, classes of n each, the 90/10 split's sizes (sklearn), and the
    output shape of every 80-unit layout on (10, 2) random inputs."""
    errors = []
    for n in range(50, 551, 50):
        ds = ctx.data(qwerties, n, seed=ctx.seeds[0] + n)
        tr, te = train_test_split(np.arange(len(ds.y)), train_size=.9, random_state=n)
        errors += [abs(len(ds.y) - 3 * n), float(np.any(np.bincount(ds.y) != n)),
                   abs(len(tr) - math.floor(.9 * 3 * n)) + abs(len(tr) + len(te) - 3 * n)]
    g = torch.Generator().manual_seed(ctx.seeds[0] % 2**63)
    for depth in (1, 5, 10, 20):
        sizes, _ = qwerty_layout(depth)
        net = torch.nn.Sequential(*[torch.nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])])
        errors.append(float(tuple(net(torch.randn(10, 2, generator=g)).shape) != (10, 3)))
    return {"error": errors}


DATA_SIZES = Claim(
    id="qwerty-data-function-sizes",
    statement="createSomeData(n) makes 3n qwerties, n per category (150 for n = 50; the sweep 50..550 per "
              "category is 150..1650 in total), splits them 90/10, and every 80-unit net maps 10 inputs to 10 x 3 "
              "outputs (three categories).",
    sources=(SIZES_SRC, SWEEP, THREE_COLUMNS), kind=Kind.IDENTITY, topic="data",
    metric="per nPerClust: |rows - 3n|, unequal classes (0/1), split sizes off floor(.9 * 3n); per depth: output "
           "shape not (10, 3) (0/1)",
    direction="holds", tolerance=0.0, experiment=data_size_errors,
    sizes={p: {"seeds": 1} for p in ("smoke", "ci", "full")},
    expect=Verdict.SUPPORTED, expect_reason="measured: 3n rows with n per category for n = 50..550, splits of floor(.9 x 3n) training rows, and (10, 3) outputs for 1x80, 5x16, 10x8 and 20x4",
)

FEWER = Source(
    DOC, SECTION, (557, 565),
    "different model architectures can have the same number of units, but still have a different number of "
    "trainable parameters. ... In particular, models tend to have fewer total parameters for, you know, when you "
    "equate the number of nodes compared to wide models.")


def fewer_params_errors(ctx):
    """For hidden units U split into L equal layers (every divisor L of U) between d inputs and k outputs,
    the course's layout Linear(d, n), L x Linear(n, n), Linear(n, k): |nn.Linear count - closed form|, and
    1 per step where the deeper split does not have fewer parameters."""
    errors = []
    for U, d, k in ctx.sizes["cases"]:
        counts = []
        for L in [L for L in range(1, U + 1) if U % L == 0]:
            n = U // L
            sizes = (d, n, *([n] * L), k)
            net = torch.nn.ModuleList(torch.nn.Linear(a, b, device="meta") for a, b in zip(sizes[:-1], sizes[1:]))
            count = sum(p.numel() for p in net.parameters())
            errors.append(abs(count - ((d + 1) * n + L * (n * n + n) + (n + 1) * k)))
            counts.append(count)
        errors += [float(b >= a) for a, b in zip(counts, counts[1:])]
    return {"error": errors}


FEWER_PARAMS = Claim(
    id="equal-units-deeper-nets-fewer-parameters",
    statement="At a fixed number of hidden units split into equal layers, the deeper net has fewer trainable "
              "parameters than the wider one, for every split (80 units on the qwerties, 64 on MNIST's 784 "
              "inputs, 120 on the wine's 11).",
    sources=(FEWER,), kind=Kind.IDENTITY, topic="architecture",
    metric="|nn.Linear parameter count - closed form| per split, and 1 per deeper split without fewer parameters",
    direction="holds", tolerance=0.0, experiment=fewer_params_errors,
    sizes={p: {"seeds": 1, "cases": ((80, 2, 3), (64, 784, 10), (120, 11, 1))} for p in ("smoke", "ci", "full")},
    contrasts={"same-nodes-different-parameter-counts":
               "001's layout has no hidden-to-hidden layer in a 1-layer net, so there 1x100 (603) has fewer "
               "parameters than 2x50 (2,853): 'deeper, fewer' holds for the course's 000 layout, not in general"},
    expect=Verdict.SUPPORTED, expect_reason="measured: the nn.Linear counts equal the closed form and strictly fall with depth for every divisor split of 80 (d=2, k=3), 64 (784, 10) and 120 (11, 1) units",
    notes="The hidden-to-hidden weights are about U^2/L, so they shrink with depth; with unequal widths (a wide "
          "first layer) a deep net can have more parameters, so the statement holds for equal-width stacks, the "
          "course's layout.",
)

TRIAL = src((725, 749),
            "So I'm creating some data with two hundred data points per category. ... Now, here I say the inputs are "
            "80 comman one. ... Looks like the train accuracy is around 95 percent, 94 percent. And the test accuracy "
            "kind of wobbles around a little, actually, but some also somewhere around 95 percent overall.")
DOC_AROUND = 0.945          # 'around 95 percent, 94 percent': 94-95 read to half a unit each, 93.5-95.5


def trial_run(ctx):
    s = ctx.sizes
    (X, y), test = qwerty_sets(ctx, 200, s["n_test_per_cluster"])
    sizes, acts = qwerty_layout(1)
    cfg = TrainConfig(epochs=50, lr=0.01, batch_size=8, drop_last=True, eval_every=s["eval_every"])
    model = BatchedMLP(sizes, ctx.stream("init"), activation=acts, device=ctx.device)
    hist = train_fast(model, X, y, cfg, ctx.stream("order"), eval_sets={"test": test})
    last5 = torch.stack(hist.evals["test"][-s["last"]:]).mean(dim=0)
    Xt, yt = test
    c = torch.tensor([[1., 1.], [5., 1.], [4., 4.]])
    bayes = (((Xt.unsqueeze(-2) - c) ** 2).sum(-1).argmin(-1) == yt).double().mean(-1)
    ctx.note("bayes_optimal_test_accuracy_mean", float(bayes.mean()))
    ctx.note("train_accuracy_mean", float(evaluate(model, X, y).mean()))
    return {"wide_1x80_test": last5, "document_around_94_95": torch.full_like(last5, DOC_AROUND)}


WIDE_TRIAL = Claim(
    id="qwerty-wide-1x80-trial-accuracy-around-95",
    statement="The wide net (80 units in one hidden layer) trained on 200 qwerties per category reaches a test "
              "accuracy of around 95 percent, 94 percent (within 93.5-95.5%).",
    sources=(TRIAL,), kind=Kind.EQUIVALENCE, topic="data",
    metric="test accuracy on fresh qwerties (fraction), final epoch (full: mean of the last five), vs 0.945",
    arms=("wide_1x80_test", "document_around_94_95"), direction="equivalent", delta=0.01, experiment=trial_run,
    sizes={"smoke": {"seeds": (12,), "n_test_per_cluster": 500, "eval_every": 0, "last": 1},
           "ci": {"seeds": (24,), "n_test_per_cluster": 1000, "eval_every": 0, "last": 1},
           "full": {"seeds": (24, 48), "n_test_per_cluster": 3000, "eval_every": 1, "last": 5}},
    redesigned="2026-12-07: ci reads the final epoch's test accuracy instead of the mean of the last five "
               "(evaluating every epoch cost 5 CPU seconds, over the slice's budget), after the first measured run "
               "(-0.0087 [-0.0107, -0.0069], inconclusive); full keeps the last five; checked on seed family 31337.",
    expect=Verdict.INCONCLUSIVE, expect_reason="measured (ci, 24 seeds, final epoch): net minus 0.945 -0.0084 [-0.0104, -0.0064], TOST p = 0.07; the net reaches 0.937 on fresh points (training 0.941), the Bayes-optimal rule 0.941: 'around 94-95%' at the lower edge, and 95% is above what any classifier can average on this generator. Full profile, 2026-12-07 (CPU, 20 CPU-s; mean of the last five epochs on 3 x 3,000 fresh points): measured inconclusive (full, 48 seeds): -0.008996 [-0.009777, -0.008244], TOST p = 0.009 > alpha; means wide_1x80_test 0.936, document_around_94_95 0.945; seed family 7: -0.009532 [-0.01056, -0.008616] at 48 seeds, inconclusive; seed family 12345: -0.009602 [-0.01048, -0.008673] at 48 seeds, inconclusive. The net sits 0.9-1.0 point under 94.5%, at the edge of 'around 94-95%' (0.935), too close to it for 48 seeds to decide",
    notes="The document's figures read to half a unit of their last digit (vague-word table, 'around'): 94 and 95 "
          "percent span 93.5-95.5%, hence 0.945 +- 0.01. The document's test set is 60 points (10% of 600), so its "
          "own reading carries about +-3 points of sampling noise; here 3 x 1,000 fresh points per seed, the "
          "document's setup otherwise (SGD lr .01, batch 8, 50 epochs; ci reads the final epoch, full the mean of the last five epochs). The "
          "Bayes-optimal accuracy of this generator (nearest centre) is recorded beside it.",
)


# ------------------------------------------------------------------ save and load
SAVE = Source(
    DOC, "Anatomy of a torch dataset and dataloader", (52, 52),
    "And also we'll talk about how to save models after you've trained them and how to load train models back "
    "into your Python workspace so that you don't need to retrain the model every single time you want to use it.")


def save_load_errors(ctx):
    """Train the wide qwerty net (every seed at once), save its state_dict to bytes, load it into a fresh
    net with other initial weights: 1 per parameter not bit-identical, per seed whose outputs or accuracy
    differ; the fresh net before loading must differ (control)."""
    (X, y), (Xt, yt) = qwerty_sets(ctx, 100, 500)
    sizes, acts = qwerty_layout(1)
    f = fit(ctx, sizes, X, y, TrainConfig(epochs=ctx.sizes["epochs"], lr=0.01, batch_size=8, drop_last=True),
            activation=acts)
    buffer = io.BytesIO()
    torch.save(f.model.state_dict(), buffer)
    buffer.seek(0)
    fresh = BatchedMLP(sizes, [s + 1 for s in ctx.stream("init")], activation=acts, device=ctx.device)
    before = outputs(fresh, Xt)
    fresh.load_state_dict(torch.load(buffer, weights_only=True))
    errors = [float(not torch.equal(a, b)) for a, b in zip(f.model.state_dict().values(), fresh.state_dict().values())]
    out_trained, out_loaded = outputs(f.model, Xt), outputs(fresh, Xt)
    errors += [float(not torch.equal(a, b)) for a, b in zip(out_trained, out_loaded)]
    errors += list((evaluate(f.model, Xt, yt) - evaluate(fresh, Xt, yt)).abs().tolist())
    errors.append(float(torch.equal(before, out_trained)))
    return {"error": errors}


SAVE_LOAD = Claim(
    id="saved-model-loads-back-identical",
    statement="A trained model saved (its state_dict) and loaded back into a fresh model has bit-identical "
              "parameters, outputs and accuracy, so it need not be retrained.",
    sources=(SAVE,), kind=Kind.IDENTITY, topic="data",
    metric="1 per parameter tensor or seed's outputs not bit-identical, |accuracy difference| per seed, 1 if the "
           "fresh net matched before loading",
    direction="holds", tolerance=0.0, experiment=save_load_errors,
    sizes={"smoke": {"seeds": 2, "epochs": 2}, "ci": {"seeds": 4, "epochs": 5}, "full": {"seeds": 12, "epochs": 50}},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 4 seeds): every parameter, output and accuracy bit-identical after the round trip; the fresh net differed before loading",
    notes="Announced in the section's goals; this transcript does not show the code (the course's "
          "saveLoadModels notebook is elsewhere). The engine's batched net is a torch.nn.Module, so its "
          "state_dict round-trip is torch.save/torch.load as in the course.",
)
