"""Document 003, 4.2-4.3: evaluation protocols and data preprocessing.

- K-fold and iterated K-fold as defined on the slides (harness.recipes.protocols, checked against
  scikit-learn's KFold);
- hold-out vs K-fold estimates on little data: scikit-learn's 8x8 digits (1,797 images, offline)
  with a closed-form ridge classifier (the protocols are the subject, so a deterministic,
  instant model); each seed is one reshuffle of the data, and an estimate's error is its distance
  from the same recipe's accuracy on all the unused rows;
- data representativeness: digits sorted by label and split without shuffling (the slides ask the
  question of the Pima data, which is not shipped; digits stands in);
- the arrow of time: the slides' temperature table (which test targets a random split of
  overlapping windows hands to training);
- value normalisation: the slide's standardisation code, and heterogeneous raw features (UCI wine,
  13 features from 0.1 to 1,680) vs standardised ones for an SGD-trained MLP.
"""
import numpy as np
import torch
from sklearn.model_selection import KFold
from sklearn.linear_model import RidgeClassifier

from fixtures.tabular import sklearn_set
from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.training.engine import TrainConfig
from harness.training.experiments import as_labels, as_tensor, fit, rows
from harness.recipes.protocols import iterated_kfold, kfold_indices
from harness.declaring.vague_words import VAGUE

DOC = "003_9348410d8d3ffd8d.txt"
ONE = {p: {"seeds": 1} for p in ("smoke", "ci", "full")}
REL = VAGUE["better (relative)"].delta


# ------------------------------------------------------------------ K-fold definition
def kfold_errors(ctx):
    errors = []
    for n, k in ((12, 3), (404, 4), (1797, 5), (10, 10)):
        ours = kfold_indices(n, k, cover_all=True)
        ref = list(KFold(n_splits=k).split(np.arange(n)))          # scikit-learn, unshuffled
        errors.append(float(any(not np.array_equal(np.sort(t.numpy()), np.sort(rt)) or
                                not np.array_equal(np.sort(v.numpy()), np.sort(rv))
                                for (t, v), (rt, rv) in zip(ours, ref))))
        seen = np.concatenate([v.numpy() for _, v in ours])
        errors.append(float(len(seen) != n or len(np.unique(seen)) != n))      # each row validated once
        errors.append(float(max(len(v) for _, v in ours) - min(len(v) for _, v in ours) > 1))  # equal sizes
        listing = kfold_indices(n, k)                                           # the book's n // k slices
        errors.append(float(any(len(v) != n // k for _, v in listing)))
    g = torch.Generator().manual_seed(ctx.seeds[0] % (2 ** 63))
    reps = iterated_kfold(100, 4, 3, g)
    errors.append(float(sum(len(r) for r in reps) != 3 * 4))                     # P x K fits
    firsts = [tuple(r[0][1].tolist()) for r in reps]
    errors.append(float(len(set(firsts)) != 3))                                 # reshuffled each time
    for r in reps:
        seen = np.concatenate([v.numpy() for _, v in r])
        errors.append(float(len(np.unique(seen)) != 100))
    return {"error": errors}


KFOLD = Claim(
    id="kfold-partitions-and-iterated-kfold-count",
    statement="K-fold validation splits the data into K partitions of equal size (sizes differing by at most one "
              "row, or n // K rows each as the book's listing slices them), validates on each partition once while "
              "training on the other K - 1 (as scikit-learn's KFold does), and iterated K-fold reshuffles before "
              "each of P runs, P x K fits in all.",
    sources=(Source(DOC, "4.2.1 Three Classic Evaluation Recipes", (1612, 1614),
                    "Split your data into K partitions of equal size - For each partition i, train a model on the "
                    "remaining $K - 1$ partitions, and evaluate it on partition i - Your final score is then the "
                    "averages of the K scores obtained"),
             Source(DOC, "4.2.1 Three Classic Evaluation Recipes", (1642, 1645),
                    "Apply K-fold validation multiple times, shuffling the data every time before splitting it K "
                    "ways ... You end up training and evaluating $P \\times K$ models (where P is the number of "
                    "iterations you use) - can be very expensive")),
    kind=Kind.IDENTITY, topic="evaluation",
    metric="1 per check failed: folds equal sklearn KFold's, every row validated once, sizes, P x K, reshuffling",
    direction="holds", tolerance=0.0, experiment=kfold_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured: all 19 checks pass",
)


# ------------------------------------------------------------------ hold-out on little data
def _digits(ctx):
    ds = ctx.data(sklearn_set, "digits")
    return np.asarray(ds.X) / 16.0, np.asarray(ds.y)


def ridge_score(X, y, tr, te):
    """Accuracy on rows te of a ridge classifier (closed form, deterministic) fitted on rows tr."""
    return float(RidgeClassifier(alpha=1.0).fit(X[tr], y[tr]).score(X[te], y[te]))


PROTOCOL_REDESIGN = ("2026-12-07, before any pin: the model whose accuracy is estimated changed from a softmax "
                     "regression trained by the engine (150 full-batch Adam steps) to scikit-learn's closed-form "
                     "RidgeClassifier, to fit the CI budget (several fits per seed); the claims are about the "
                     "protocols, not the model. First run: hold-out 150 vs 1000 rows +0.034 [0.024, 0.048] "
                     "(supported), K-fold vs hold-out +0.008 [0.003, 0.014] at 48 seeds (inconclusive), "
                     "unshuffled +0.95 (supported); the new design was run on the default family and on seed family "
                     "2718")


def holdout_size_fits(ctx):
    X, y = _digits(ctx)
    n = len(y)
    out = {"little": [], "more": []}
    for seed in ctx.seeds:
        perm = ctx.rng(seed, "shuffle").permutation(n)
        for name in out:
            n_used = ctx.sizes[name]
            n_val = n_used // 5
            tr, va, rest = perm[n_val:n_used], perm[:n_val], perm[n_used:]
            out[name].append(abs(ridge_score(X, y, tr, va) - ridge_score(X, y, tr, rest)))
    out["more_inflated"] = [(1 + REL) * v for v in out["more"]]
    return out


HOLDOUT = Claim(
    id="holdout-estimate-unreliable-with-little-data",
    statement="With little data the hold-out validation set is too small to be representative: on digits, a 20% "
              "hold-out of 150 rows misses the recipe's accuracy on the unused data by more than a 20% hold-out of "
              "1,000 rows does (by more than 10%, each seed a different shuffle).",
    sources=(Source(DOC, "4.2.1 Three Classic Evaluation Recipes", (1598, 1604),
                    "If little data is available, then your validation and test sets may contain too few samples to "
                    "be statistically representative of the data at hand ... If different random shuffling rounds of "
                    "the data before splitting end up yields very different measures of model performance, then you "
                    "have this issue"),),
    kind=Kind.COMPARATIVE, topic="evaluation",
    metric="|hold-out accuracy - accuracy on all unused rows| (ridge classifier, closed form)",
    arms=("little", "more_inflated"), direction="greater", delta=0.0, experiment=holdout_size_fits,
    sizes={"smoke": {"seeds": (12,), "little": 150, "more": 1000},
           "ci": {"seeds": (24, 48, 96), "little": 150, "more": 1000},
           "full": {"seeds": (96, 192, 384), "little": 150, "more": 1000}},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 24 seeds): miss(150 rows) - 1.1 x miss(1000 rows) = +0.041 [0.027, 0.056] accuracy; seed family 2718: +0.026 [0.016, 0.037] at 48 seeds, supported", redesigned=PROTOCOL_REDESIGN,
    notes="'Too few to be representative' has no number: the smaller hold-out must miss by more than 1.1x the "
          "larger one's miss (the vague-word table's relative 'better', 10%), with delta 0 on that scaled arm.",
)


def kfold_vs_holdout_fits(ctx):
    X, y = _digits(ctx)
    n, n_used, k = len(y), ctx.sizes["n"], 4
    out = {"holdout": [], "kfold": []}
    for seed in ctx.seeds:
        perm = ctx.rng(seed, "shuffle").permutation(n)
        used, rest = perm[:n_used], perm[n_used:]
        scores = [ridge_score(X, y, used[tr.numpy()], used[va.numpy()]) for tr, va in kfold_indices(n_used, k)]
        target = ridge_score(X, y, used, rest)           # the final model on the unseen rows
        out["holdout"].append(abs(scores[0] - target))   # one split: the first fold alone
        out["kfold"].append(abs(float(np.mean(scores)) - target))
    out["kfold_inflated"] = [(1 + REL) * v for v in out["kfold"]]
    return out


KFOLD_VS_HOLDOUT = Claim(
    id="kfold-estimate-closer-than-single-holdout",
    statement="K-fold validation addresses the variance of a single split: on 300 digits, the mean of 4 fold scores "
              "lands closer to the final model's accuracy on unseen data than one 25% hold-out score does (by more "
              "than 10%).",
    sources=(Source(DOC, "4.2.1 Three Classic Evaluation Recipes", (1606, 1606),
                    "K-fold validation and iterated K-fold validation are two ways to address this!"),
             Source(DOC, "4.2.1 Three Classic Evaluation Recipes", (1634, 1635),
                    "When to use K-fold validation? - This method is helpful when the performance of your model shows "
                    "significant variance based on your train-test split")),
    kind=Kind.COMPARATIVE, topic="evaluation",
    metric="|estimate - accuracy of the model trained on all 300 rows, on the 1,497 unused rows|",
    arms=("holdout", "kfold_inflated"), direction="greater", delta=0.0, experiment=kfold_vs_holdout_fits,
    sizes={"smoke": {"seeds": (12,), "n": 300}, "ci": {"seeds": (24, 48, 96, 192), "n": 300},
           "full": {"seeds": (192, 384, 768), "n": 300}},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 96 seeds): miss(hold-out) - 1.1 x miss(4-fold mean) = +0.012 [0.008, 0.016] accuracy; seed family 2718: +0.012 [0.007, 0.017] at 96 seeds, supported", redesigned=PROTOCOL_REDESIGN,
    notes="The hold-out is the first fold on its own, so both estimates share their fits; 300 of the 1,797 digits per seed (a different random sample and shuffle each seed). 'Address' read as the "
          "relative 'better' of the vague-word table: the hold-out's miss must exceed 1.1x the K-fold miss.",
)


# ------------------------------------------------------------------ representativeness: no shuffle
def unshuffled_fits(ctx):
    X, y = _digits(ctx)
    n = len(y)
    n_test = n // 5
    order = np.argsort(y, kind="stable")                  # the file sorted by label
    seq = ridge_score(X, y, order[:-n_test], order[-n_test:])
    shuffled = []
    for seed in ctx.seeds:
        perm = ctx.rng(seed, "shuffle").permutation(n)
        shuffled.append(ridge_score(X, y, perm[n_test:], perm[:n_test]))
    ctx.note("classes in the unshuffled test set", sorted(set(y[order[-n_test:]].tolist())))
    return {"shuffled": shuffled, "unshuffled": [seq] * len(ctx.seeds)}


UNSHUFFLED = Claim(
    id="unshuffled-split-of-sorted-data-unrepresentative",
    statement="Without shuffling, a split of data stored in class order is not representative: digits sorted by "
              "label and split 80/20 in file order test on classes the model never saw, and score far below the "
              "same model on a shuffled 80/20 split.",
    sources=(Source(DOC, "4.2.2 How to Choose an Evaluation Protocol?", (1663, 1666),
                    "You want both your training set and test set to be representative of the data at hand - On the "
                    "Pima Indian Diabetes dataset, what can happen if we don't shuffle the data?"),
             Source(DOC, "4.2.1 Three Classic Evaluation Recipes", (1586, 1586),
                    "Shuffling the data is usually appropriate.")),
    kind=Kind.COMPARATIVE, topic="evaluation", metric="test accuracy (fraction), 359 test rows",
    arms=("shuffled", "unshuffled"), direction="greater", delta=VAGUE["much better"].delta,
    experiment=unshuffled_fits,
    sizes={"smoke": {"seeds": (12,)}, "ci": {"seeds": (12, 24)}, "full": {"seeds": (24, 48)}},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): shuffled - unshuffled = +0.92 [0.91, 0.92]; the unshuffled test set holds only 7s, 8s and 9s, mostly unseen classes; seed family 2718: +0.92, supported", redesigned=PROTOCOL_REDESIGN,
    contrasts={"manual-split-sorted-labels-unbalanced": "001 shows the same trap on iris label means"},
    notes="Pima is not shipped; digits sorted by label stands in for a file stored in outcome order.",
)


# ------------------------------------------------------------------ the temperature table
TABLE = {"A": {9: 10, 10: 14, 11: 15, 12: 13, 13: 7}, "B": {9: 15, 10: 11, 11: 10, 12: 9, 13: 7}}
ROWS = [("A", 11, "train"), ("A", 9, "test"), ("A", 10, None), ("B", 11, None), ("B", 9, None), ("B", 10, None)]


def leaked_share(series_len, test_starts, train_starts, width=3):
    """Share of test windows whose target value (time t + width) is an input of some training window."""
    seen = set()
    for s in train_starts:
        seen.update(range(s, s + width))
    return float(np.mean([(s + width) in seen for s in test_starts]))


def table_errors(ctx):
    # the slide's split: A (train) = 11 AM..1 PM -> 2 PM, A (test) = 9..11 AM -> 12 PM
    train_inputs = [TABLE["A"][h] for h in (11, 12, 13)]
    test_target_time = 12
    leaked = test_target_time in (11, 12, 13)
    ctx.note("A (train) inputs", train_inputs)
    ctx.note("A (test) target: 12 PM =", TABLE["A"][12])
    errors = [float(not leaked)]
    # generalised: windows of 3 over a 1,000-step series, random 80/20 vs chronological split with a gap
    rng = ctx.rng(ctx.seeds[0], "split")
    starts = np.arange(1000 - 3)
    perm = rng.permutation(starts)
    n_test = len(starts) // 5
    random_share = leaked_share(1000, perm[:n_test], perm[n_test:])
    cut = len(starts) - n_test
    chrono_share = leaked_share(1000, starts[cut:], starts[:cut - 3])
    ctx.note("random split: share of test targets seen as training inputs", random_share)
    ctx.note("chronological split (gap 3): share", chrono_share)
    errors += [float(random_share < 0.5), chrono_share]
    return {"error": errors}


TEMPORAL_TABLE = Claim(
    id="temporal-leak-table-test-target-in-training-inputs",
    statement="In the slides' temperature table, the A (test) row's label (12 PM = 13) is an input of the A (train) "
              "row: a random split of overlapping windows puts test targets among the training inputs (for most "
              "test windows of a 1,000-step series), while a chronological split with a 3-step gap puts none.",
    sources=(Source(DOC, "Temporal Leak Example", (1702, 1712),
                    "Given the temperature of three previous time steps, we would like to predict the temperature at "
                    "current time step. ... A (train)	11 AM = 15	12 PM = 13	1 PM = 7	2 PM = ? ... "
                    "A (test)	9 AM = 10	10 AM = 14	11 AM = 15	12 PM = ? ... How can information leak if we "
                    "randomly split into training and test set?"), Source("003_9348410d8d3ffd8d.txt", "4.2.2 2. The arrow of time", (1690, 1692), "you should not randomly shuffle your data before splitting it, because doing so will create a temporal leak: ... Our model will effectively be trained on data from the future ... Make sure all data in your test set is **posterior** to the data in the training set"),),
    kind=Kind.IDENTITY, topic="evaluation",
    metric="table target not among training inputs; random-split share below 0.5; chronological share",
    direction="holds", tolerance=0.0, experiment=table_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured: the A (test) target 12 PM is an input of A (train); 99% of random-split test targets are training inputs, 0% with a chronological split and a 3-step gap",
)


# ------------------------------------------------------------------ value normalisation
def standardize_errors(ctx):
    ds = ctx.data(sklearn_set, "wine")
    rng = ctx.rng(ctx.seeds[0], "split")
    perm = rng.permutation(len(ds.y))
    train_data = np.asarray(ds.X, dtype=np.float64)[perm[:133]].copy()
    test_data = np.asarray(ds.X, dtype=np.float64)[perm[133:]].copy()
    # the slide's code, verbatim
    mean = train_data.mean(axis=0)
    train_data -= mean
    std = train_data.std(axis=0)
    train_data /= std
    test_data -= mean
    test_data /= std
    ctx.note("test columns: largest |mean| and |std - 1| (training statistics applied)",
             [float(np.abs(test_data.mean(0)).max()), float(np.abs(test_data.std(0) - 1).max())])
    raw = np.asarray(ds.X)[perm[133:]]
    ctx.note("test features stay on the training scale: max |z - (x - mean)/std|",
             float(np.abs(test_data - (raw - mean) / std).max()))
    return {"error": [float(np.abs(train_data.mean(0)).max()), float(np.abs(train_data.std(0) - 1).max())]}


STANDARDIZE = Claim(
    id="standardize-with-training-statistics",
    statement="The slides' normalisation code gives every training feature mean 0 and standard deviation 1 and "
              "applies the training mean and std to the test data (whose columns are then only near 0 and 1).",
    sources=(Source(DOC, "4.3.1 Data Preprocessing for Neural Networks", (1738, 1745),
                    "mean = train_data.mean(axis=0) ... train_data -= mean ... std = train_data.std(axis=0) ... "
                    "train_data /= std ... test_data -= mean ... test_data /= std"),),
    kind=Kind.IDENTITY, topic="evaluation", metric="max |training column mean|, max |training column std - 1| (float64)",
    direction="holds", tolerance=1e-12, experiment=standardize_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured: training columns mean 0 and std 1 to 7e-15; test columns off by up to 0.30 (mean) and 0.20 (std)",
    notes="UCI wine (13 features, 133 training rows) stands in for Boston. In NumPy the in-place -= and /= need a "
          "float array: on an integer array they raise a casting error.",
)


def scaling_fits(ctx):
    ds = ctx.data(sklearn_set, "wine")
    X, y = np.asarray(ds.X, dtype=np.float64), as_labels(ds.y)
    n = len(y)
    n_test = 45
    cfg = TrainConfig(epochs=ctx.sizes["epochs"], lr=0.01, batch_size=16, optimizer="sgd")
    perms = np.stack([ctx.rng(seed, "split").permutation(n) for seed in ctx.seeds])
    tr, te = perms[:, n_test:], perms[:, :n_test]
    Xr = as_tensor(X)
    mean = torch.stack([Xr[t].mean(0) for t in tr])[:, None, :]
    std = torch.stack([Xr[t].std(0, unbiased=False) for t in tr])[:, None, :]
    out = {}
    for name, (Xtr, Xte) in {"raw": (rows(Xr, tr), rows(Xr, te)),
                             "standardized": ((rows(Xr, tr) - mean) / std, (rows(Xr, te) - mean) / std)}.items():
        f = fit(ctx, (13, 16, 3), Xtr, rows(y, tr), cfg, evals={"test": (Xte, rows(y, te))})
        out[name] = torch.nan_to_num(f["test"], nan=0.0).tolist()
    return out


SCALING = Claim(
    id="heterogeneous-raw-features-hurt-sgd-training",
    statement="Heterogeneous data is unsafe for neural networks: an MLP (13-16-3) trained with SGD on the raw UCI "
              "wine features (ranges from 0.1 to 1,680) reaches lower test accuracy than on standardised features.",
    sources=(Source(DOC, "4.3.1 Data Preprocessing for Neural Networks", (1735, 1736),
                    "Heterogeneous data is unsafe for neural networks - for example, data where one feature is in "
                    "the range 0–1 and another is in the range 100–200"),
             Source(DOC, "Normalization / Standardization / Feature Scaling", (1351, 1352),
                    "In stochastic gradient descent, feature scaling can sometimes improve the convergence speed of "
                    "the algorithm")),
    kind=Kind.COMPARATIVE, topic="evaluation", metric="test accuracy (fraction), 45 held-out wines, 100 epochs",
    arms=("standardized", "raw"), direction="greater", delta=VAGUE["better"].delta, experiment=scaling_fits,
    sizes={"smoke": {"seeds": (12,), "epochs": 5}, "ci": {"seeds": (12, 24), "epochs": 100},
           "full": {"seeds": (24, 48), "epochs": 100}},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): standardised - raw = +0.57 [0.53, 0.60] test accuracy (raw inputs leave SGD near chance)",
    notes="SGD lr 0.01, batch 16 for both arms (no tuning per arm); a diverged run (NaN) scores 0.",
)


# ------------------------------------------------------------------ iterated K-fold
def iterated_fits(ctx):
    X, y = _digits(ctx)
    n, n_used, k, p = len(y), ctx.sizes["n"], 4, 3
    out = {"kfold": [], "iterated": []}
    for seed in ctx.seeds:
        perm = ctx.rng(seed, "shuffle").permutation(n)
        used, rest = perm[:n_used], perm[n_used:]
        target = ridge_score(X, y, used, rest)
        single = [ridge_score(X, y, used[tr.numpy()], used[va.numpy()]) for tr, va in kfold_indices(n_used, k)]
        g = torch.Generator().manual_seed(int(ctx.rng(seed, "reshuffle").integers(2 ** 62)))
        runs = [[ridge_score(X, y, used[tr.numpy()], used[va.numpy()]) for tr, va in rep]
                for rep in iterated_kfold(n_used, k, p, g)]
        out["kfold"].append(abs(float(np.mean(single)) - target))
        out["iterated"].append(abs(float(np.mean(runs)) - target))
    out["iterated_inflated"] = [(1 + REL) * v for v in out["iterated"]]
    return out


ITERATED = Claim(
    id="iterated-kfold-estimate-closer-than-kfold",
    statement="Iterated K-fold with shuffling evaluates a model more precisely on little data: on 300 digits, the "
              "mean of 3 reshuffled 4-fold runs (12 fits) lands closer to the final model's accuracy on unseen data "
              "than a single 4-fold run does (by more than 10%).",
    sources=(Source(DOC, "4.2.1 Three Classic Evaluation Recipes", (1651, 1658),
                    "Apply K-fold validation multiple times, shuffling the data every time before splitting it K "
                    "ways - The final score is the average of the scores obtained at each run of K-fold validation "
                    "... For situations in which you have relatively little data available and you need to evaluate "
                    "your model as precisely as possible"),),
    kind=Kind.COMPARATIVE, topic="evaluation",
    metric="|estimate - accuracy of the ridge classifier trained on all 300 rows, on the 1,497 unused rows|",
    arms=("kfold", "iterated_inflated"), direction="greater", delta=0.0, experiment=iterated_fits,
    sizes={"smoke": {"seeds": (12,), "n": 300}, "ci": {"seeds": (24, 48, 96), "n": 300},
           "full": {"seeds": (192, 384, 768), "n": 300}},
    expect=Verdict.INCONCLUSIVE, expect_reason="measured (ci, 96 seeds): miss(single 4-fold) - 1.1 x miss(3 x 4-fold) = +0.001 [-0.001, +0.003]: reshuffling helps too little here to show a 10% gain (the two estimates share most of their error); seed family 2718: +0.0002 [-0.002, +0.002], inconclusive",
    notes="Same model, data and target as kfold-estimate-closer-than-single-holdout. 'More precisely' read as the "
          "relative 'better' of the vague-word table: the single run's miss must exceed 1.1x the iterated miss.",
)
