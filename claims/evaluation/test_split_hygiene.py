"""Splitting data into train / devset / test sets (001, "Cross-validation - manual separation",
"Cross-validation - scikitlearn", "HUGE dataset - 98/1/1 split", "Spliting data into train,
devset, and test").

Deterministic facts (the sorted-iris split's label means, the 98/1/1 figures, train_test_split's
sizes) are identity claims; "a random split is balanced, a sequential one is not" is a paired
comparison over seeds (each seed draws its own random split, as np.random.choice does unseeded).
"""
import numpy as np
import torch
from sklearn.model_selection import train_test_split

from fixtures import iris
from fixtures.course_fakedata import fake_data, row_number
from harness.declaring.claim import Claim, Kind, Source, Unexecutable, Verdict

DOC = "001_21bdbe3614939729.txt"

SEQUENTIAL_SRC = Source(
    DOC, "Cross-validation - manual separation", (996, 1050),
    "# is this the correct way to select samples? traintestBool[range(nTraining)] = True ... "
    "Average of full data: tensor(1.) ... Average of training data: tensor(0.7500) ... "
    "Average of test data: tensor(2.)")
RANDOM_SRC = Source(
    DOC, "Cross-validation - manual separation", (1070, 1124),
    "# this is better, but why? items2use4train = np.random.choice(range(len(labels)),nTraining,replace=False) "
    "... Average of training data: tensor(1.0250) ... Average of test data: tensor(0.9000) ... "
    "the importance of randomly sampling your data to include in the training set versus the test set.")

PROP_TRAINING = .8


def label_means(labels: torch.Tensor, train_mask: np.ndarray) -> tuple[float, float, float]:
    """(full, train, test) label means as the document prints them: torch.mean(labels.float())."""
    mask = torch.as_tensor(train_mask)
    return (torch.mean(labels.float()).item(), torch.mean(labels[mask].float()).item(),
            torch.mean(labels[~mask].float()).item())


def sequential_mask(n: int) -> np.ndarray:
    """The document's first split: the first int(n * .8) rows train, the rest test."""
    mask = np.zeros(n, dtype=bool)
    mask[range(int(n * PROP_TRAINING))] = True
    return mask


def sequential_split_errors(ctx):
    ds = ctx.data(iris)
    labels = torch.tensor(np.array(ds.y))
    mask = sequential_mask(len(labels))
    full, train, test = label_means(labels, mask)
    test_classes = np.unique(ds.y[~mask])
    ctx.note("train_label_mean", train)
    ctx.note("test_label_mean", test)
    ctx.note("test_classes", test_classes.tolist())
    ctx.note("train_class_counts", np.bincount(ds.y[mask], minlength=3).tolist())
    return {"error": [abs(full - 1.0), abs(train - 0.75), abs(test - 2.0), len(test_classes) - 1]}


SEQUENTIAL = Claim(
    id="manual-split-sorted-labels-unbalanced",
    statement="On iris (150 rows sorted by class, 50 each) taking the first 80% of rows as the training set "
              "gives training labels averaging exactly 0.75 and test labels averaging exactly 2.0 (the test "
              "set holds class 2 only), while the full data average 1.",
    sources=(SEQUENTIAL_SRC,), kind=Kind.IDENTITY, topic="evaluation",
    metric="|measured label mean - document figure| for full, train, test; (number of classes in test) - 1",
    direction="holds", tolerance=0.0, experiment=sequential_split_errors,
    sizes={p: {"seeds": 1} for p in ("smoke", "ci", "full")},
    expect=Verdict.SUPPORTED,
    expect_reason="measured: train mean 0.75, test mean 2.0, test holds only class 2 (train counts 50/50/20)",
    document_figures={"full_mean": 1.0, "train_mean": 0.75, "test_mean": 2.0},
)


def split_balance(ctx):
    """Per seed: |train label mean - 1| for the sequential split and for a random 80% draw."""
    ds = ctx.data(iris)
    labels = torch.tensor(np.array(ds.y))
    n = len(labels)
    n_training = int(n * PROP_TRAINING)
    seq = abs(label_means(labels, sequential_mask(n))[1] - 1.0)
    random_dev, random_test_dev = [], []
    for seed in ctx.seeds:
        mask = np.zeros(n, dtype=bool)
        mask[ctx.rng(seed, "split").choice(range(n), n_training, replace=False)] = True
        _, train, test = label_means(labels, mask)
        random_dev.append(abs(train - 1.0))
        random_test_dev.append(abs(test - 1.0))
    # The document's unseeded draw: 1.025 * 120 = 123 and 0.9 * 30 = 27 are label sums that add to 150.
    ctx.note("document_draw_label_sums", [round(1.025 * n_training, 6), round(0.9 * (n - n_training), 6)])
    return {"sequential": [seq] * len(ctx.seeds), "random": random_dev, "random_test_deviation": random_test_dev}


RANDOM_BALANCED = Claim(
    id="random-split-approximately-balanced",
    statement="A random 80% draw of iris rows (np.random.choice without replacement) keeps the training "
              "label mean near 1, much closer than the sequential first-80% split (off by 0.25).",
    sources=(RANDOM_SRC,), kind=Kind.COMPARATIVE, topic="evaluation",
    metric="|mean training label - 1| (iris, 120 of 150 rows)", arms=("sequential", "random"),
    direction="greater", delta=0.1, experiment=split_balance,
    sizes={"smoke": {"seeds": (12,)}, "ci": {"seeds": (12, 24)}, "full": {"seeds": (100, 1000)}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 12 seeds): sequential - random = 0.225 [0.215, 0.235]; random draws miss 1 "
                  "by about 0.025 on average",
    document_figures={"random_train_mean": 1.025, "random_test_mean": 0.9},
    notes="delta 0.1 label units is 40% of the sequential split's deviation. The document's 1.025 / 0.900 are "
          "one unseeded draw; the experiment only checks they are attainable (label sums 123 + 27 = 150).",
)

HUGE_SRC = Source(DOC, "HUGE dataset - 98/1/1 split", (1139, 1145),
                  "HUGE dataset - 98/1/1 split ... 98% training: 14,055,151 - 1% devset: 141,971 - 1% test: 141,971")
HUGE_FIGURES = {"train": (14_055_151, 0.98), "devset": (141_971, 0.01), "test": (141_971, 0.01)}


def huge_share_errors(ctx):
    total = sum(n for n, _ in HUGE_FIGURES.values())
    ctx.note("total", total)
    ctx.note("shares_percent", {k: 100 * n / total for k, (n, _) in HUGE_FIGURES.items()})
    return {"error": [abs(100 * n / total - 100 * share) for n, share in HUGE_FIGURES.values()]}


HUGE_SHARES = Claim(
    id="huge-dataset-98-1-1-split-shares",
    statement="The document's three set sizes (14,055,151 / 141,971 / 141,971) are 98% / 1% / 1% of their "
              "total to within 0.05 percentage points.",
    sources=(HUGE_SRC,), kind=Kind.IDENTITY, topic="evaluation",
    metric="|share of the total (percent) - stated percent|, per set",
    direction="holds", tolerance=0.05, experiment=huge_share_errors,
    sizes={p: {"seeds": 1} for p in ("smoke", "ci", "full")},
    expect=Verdict.SUPPORTED,
    expect_reason="measured: shares 98.020% / 0.990% / 0.990% of 14,339,093 (max error 0.020 pp)",
    document_figures={k: n for k, (n, _) in HUGE_FIGURES.items()},
)

RETIRED = [
    Unexecutable(
        id="huge-dataset-98-1-1-split-exact-rows",
        statement="The document's three set sizes are an exact 98/1/1 split of their total: each within one row "
                  "of its share.",
        sources=(HUGE_SRC,),
        reason="retired: reads a rounded label literally. '98/1/1' labels the shares of the printed sizes "
               "(98.02% / 0.99% / 0.99%), which huge-dataset-98-1-1-split-shares checks to 0.05 points; the "
               "document never says the split is exact to the row, so a 2,840-row gap refutes nothing it says"),
]


SKLEARN_SRC = Source(
    DOC, "Cross-validation - scikitlearn", (1169, 1179),
    "train_test_split(fakedata, fakelabels, test_size=.2) # NOTE the third input parameter above. "
    "# This can be specified as test size or training size. # Be mindful of which parameter is written! "
    "... Training data size: (8, 4) Test data size: (2, 4)")


def row_ids(part: np.ndarray) -> list[int]:
    return sorted(row_number(r) for r in part)


def sklearn_split_errors(ctx):
    data, labels = fake_data()
    errors, test_sets = [], set()
    for state in range(ctx.sizes["states"]):
        tr, te, ytr, yte = train_test_split(data, labels, test_size=.2, random_state=state)
        errors.append(float(tr.shape != (8, 4)) + float(te.shape != (2, 4)))
        errors.append(float(sorted(row_ids(tr) + row_ids(te)) != list(range(1, 11))))   # disjoint, covering
        errors.append(float(bool(np.any(((tr[:, 0] > 55) != ytr))) or bool(np.any((te[:, 0] > 55) != yte))))
        rev_tr, rev_te, _, _ = train_test_split(data, labels, train_size=.2, random_state=state)
        errors.append(float(rev_tr.shape != (2, 4)) + float(rev_te.shape != (8, 4)))
        test_sets.add(tuple(row_ids(te)))
    errors.append(float(len(test_sets) < 2))          # shuffled: not always the same two rows
    ctx.note("distinct_test_sets", len(test_sets))
    return {"error": errors}


SKLEARN_SIZES = Claim(
    id="sklearn-train-test-split-sizes",
    statement="train_test_split(fakedata, fakelabels, test_size=.2) on 10 rows gives 8 training and 2 test "
              "rows, disjoint, covering the data, labels kept with their rows, the rows drawn at random; "
              "train_size=.2 gives the reverse (2 training, 8 test rows).",
    sources=(SKLEARN_SRC,), kind=Kind.IDENTITY, topic="evaluation",
    metric="count of failed checks per random_state (shapes, partition, pairing, reverse), plus randomness",
    direction="holds", tolerance=0.0, experiment=sklearn_split_errors,
    sizes={"smoke": {"seeds": 1, "states": 20}, "ci": {"seeds": 1, "states": 100},
           "full": {"seeds": 1, "states": 1000}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured (sklearn 1.9.1): all checks pass for 100 random states; 39 distinct test pairs",
    document_figures={"train_shape": [8, 4], "test_shape": [2, 4]},
)

DEVSET_SRC = Source(
    DOC, "Spliting data into train, devset, and test", (1375, 1384),
    "partitions = [.8,.1,.1] ... train_test_split(fakedata, fakelabels, train_size=partitions[0]) ... "
    "split = partitions[1] / np.sum(partitions[1:]) devset_data,test_data, devset_labels,test_labels = \\ "
    "train_test_split(testTMP_data, testTMP_labels, train_size=split)")
PARTITIONS = [.8, .1, .1]


def two_step_split(n: int, state: int, partitions=PARTITIONS):
    """The document's two calls; returns the three index sets."""
    idx = np.arange(n)
    train, tmp = train_test_split(idx, train_size=partitions[0], random_state=state)
    split = partitions[1] / np.sum(partitions[1:])
    dev, test = train_test_split(tmp, train_size=split, random_state=state + 1)
    return train, dev, test


def two_step_errors(ctx):
    """Per (N, state): max |size - share * N| over the three sets (rows), and partition failures."""
    errors, sizes = [], {}
    rng = np.random.default_rng(ctx.look_seed("sizes"))
    ns = [10, 150] + rng.integers(10, 5000, size=ctx.sizes["random_ns"]).tolist()
    for n in ns:
        for state in range(ctx.sizes["states"]):
            parts = two_step_split(n, state)
            errors.append(max(abs(len(p) - share * n) for p, share in zip(parts, PARTITIONS)))
            union = np.sort(np.concatenate(parts))
            errors.append(float(not np.array_equal(union, np.arange(n))) * n)   # pairwise disjoint, covering
            sizes.setdefault(n, [len(p) for p in parts])
    ctx.note("sizes_10", sizes[10])
    ctx.note("sizes_150", sizes[150])
    ctx.note("devset_rows_if_second_split_used_train_size_0.1_on_150", len(train_test_split(
        np.arange(30), train_size=PARTITIONS[1], random_state=0)[0]))
    return {"error": errors}


TWO_STEP = Claim(
    id="train-dev-test-two-step-split-sizes",
    statement="Splitting with train_size=.8 and then splitting the remainder with train_size=.1/(.1+.1) gives "
              "80/10/10 train/devset/test sets (8/1/1 of 10 rows, 120/15/15 of 150), each within one row of "
              "its share for any size, disjoint and covering the data.",
    sources=(DEVSET_SRC,), kind=Kind.IDENTITY, topic="evaluation",
    metric="max over the three sets of |rows - share x N|; N x (1 if not a partition)",
    direction="holds", tolerance=1.0, experiment=two_step_errors,
    sizes={"smoke": {"seeds": 1, "random_ns": 10, "states": 3}, "ci": {"seeds": 1, "random_ns": 50, "states": 5},
           "full": {"seeds": 1, "random_ns": 500, "states": 10}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured: sizes 8/1/1 and 120/15/15; max deviation 0.9 rows (tolerance 1) over 52 sizes x 5 states",
    notes="Using partitions[1] (.1) directly in the second call would keep 10% of the 20% remainder: 3 devset "
          "rows of 150 instead of 15 (recorded in the notes).",
)
