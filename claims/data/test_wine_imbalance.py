"""Class imbalance biases per-class accuracy: the red-wine thresholds of 000 "CodeChallenge:
unbalanced data" on the real UCI red wine data.

The course's challenge (DUDL_data_CodeChallengeUnbalanced [nb]): drop the rows with total sulfur
dioxide >= 200, z-score the 11 features, label quality > t (t = 4.5, 5.5, 6.5), split 90/10,
train 11-16-32-32-1 with leaky ReLU, BCEWithLogits, Adam lr .001, batch 8 (drop_last), 500 epochs,
then read the test accuracy within each class.

What the suite does differently, and why:
* The file holds 240 rows that exactly repeat another row (features and quality). A random split
  would put copies on both sides, so every row is kept once (first occurrence) before splitting:
  1,357 distinct rows after the sulfur-dioxide filter.
* The split is stratified (each seed's test set keeps the class shares), so the 4.5 test set
  always holds its ~6 low-quality wines instead of sometimes none.
* Features are z-scored with each seed's training rows (the notebook uses all rows; the
  difference is immaterial here and this way nothing leaks).
* Each seed is its own split, initialisation and batch order.
* Because the duplicates change the 5.5 result, that threshold is also declared on the data as the
  notebook keeps them (duplicates in).
* ci trains with batch 32 for 150 epochs (about 5.7k Adam steps, the notebook's setting is 76k)
  to fit the suite's CPU budget; full uses the notebook's batch 8 and 500 epochs.
"""
import numpy as np
import torch

from harness.declaring.vague_words import printed_tolerance
from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.training.engine import TrainConfig, evaluate
from harness.training.experiments import as_labels, as_tensor, fit, per_class_accuracy, rows, split_indices
from harness.recipes.tabular_sets import distinct_wines

DOC = "000_d7a1d0a6624d5a73.txt"
SECTION = "CodeChallenge: unbalanced data"

SETUP = Source(
    DOC, SECTION, (1069, 1117),
    "you want to develop a model that uses the leaky RELU activation function, the adam optimizer with "
    "a learning rate of zero point zero zero one train for 500 epochs. ... You want to create three "
    "different data sets using three different thresholds for quality. ... So if you use a threshold of "
    "four point five, that means that these two categories are going to be considered low quality ... "
    "which means that only the seven and eights are considered high quality.")
LOW_45 = Source(
    DOC, SECTION, (1371, 1409),
    "So now this this is with a quality threshold of 4.5. ... When you see the test accuracy for the low "
    "quality and high quality wine, you see, it's a huge bias. The model is basically getting nearly all "
    "of the high quality wines correct, around 90 over 90 percent accuracy. And for the low quality wine, "
    "I think this is exactly zero. ... But anyway, it's basically at zero. ... It's just learning to say "
    "good all the time.")
HIGH_65 = Source(
    DOC, SECTION, (1415, 1429),
    "And here we have the opposite example as what I showed above. ... Now, it's not so extreme in this "
    "case, but there is still clearly a bias. So here you see the model is really just preferring to say "
    "that the wine is low quality as often as possible. And here for good, this looks like it's around 40 "
    "percent ish accuracy. ... So the model has clearly learned a bias in this case")
COUNTS_45 = Source(
    DOC, SECTION, (1237, 1239),
    "So you see here with a threshold of fours actually in the slides, what I referred to as four point "
    "five. We have sixty so fifty nine low rated wines and almost fourteen hundred high rated wines.")
BALANCED_55 = Source(
    DOC, SECTION, (1161, 1169),
    "So you can see that the accuracy is roughly equivalent. It seems like it's a bit higher here for the "
    "high quality wines compared to the low quality wines, but that's actually not a real meaningful "
    "difference. If you would run this whole experiment again, you might find this flip. So these are "
    "roughly comparable for these two categories.")
BALANCED_55_RESULT = Source(
    DOC, SECTION, (1253, 1259),
    "They are around 100 samples different. But it turns out that this is not really problematic. The "
    "accuracy for these two categories is roughly similar.")
BALANCED_55_RUN = Source(
    DOC, SECTION, (1411, 1413),
    "Still, you can see it's fairly balanced between these two categories.")

TEST_SHARE = 0.1       # the notebook's train_test_split(test_size=.1)
LAYERS = (11, 16, 32, 32, 1)


def per_class_experiment(threshold, minority, majority, dedupe=True):
    """Experiment: per-seed test accuracy within the low (0) and high (1) quality classes."""
    names = {0: "low_quality", 1: "high_quality"}

    def experiment(ctx):
        s = ctx.sizes
        X, q = distinct_wines(ctx, dedupe)
        y = (q > threshold).astype(np.int64)
        n = len(y)
        n_test = int(np.ceil(TEST_SHARE * n))
        tr, te = split_indices(ctx, n, n_test, stratify=y)
        Xt, yt = as_tensor(X, torch.float64), as_labels(y)
        Xtr, Xte = rows(Xt, tr), rows(Xt, te)
        mu, sd = Xtr.mean(dim=1, keepdim=True), Xtr.std(dim=1, keepdim=True, unbiased=False)
        Xtr, Xte = ((Xtr - mu) / sd).float(), ((Xte - mu) / sd).float()
        ytr, yte = rows(yt, tr), rows(yt, te)
        cfg = TrainConfig(epochs=s["epochs"], lr=0.001, batch_size=s["batch_size"], optimizer="adam",
                          loss="bce_logits", drop_last=True)
        f = fit(ctx, LAYERS, Xtr, ytr, cfg, evals={"test": (Xte, yte)}, activation="leaky_relu")
        acc = per_class_accuracy(f.model, Xte, yte, (0, 1))
        ctx.note("train_counts_low_high", [int((y[tr[0]] == 0).sum()), int((y[tr[0]] == 1).sum())])
        ctx.note("test_counts_low_high", [int((y[te[0]] == 0).sum()), int((y[te[0]] == 1).sum())])
        return {names[minority]: acc[:, minority], names[majority]: acc[:, majority],
                "overall_test_accuracy": f["test"],
                "train_accuracy": evaluate(f.model, Xtr, ytr),
                "final_train_loss": f.history.train_loss[:, -1]}
    return experiment


SIZES = {
    "smoke": {"seeds": (12,), "epochs": 20, "batch_size": 32},
    "ci": {"seeds": (12, 24), "epochs": 150, "batch_size": 32},
    "full": {"seeds": (20, 40), "epochs": 500, "batch_size": 8},
}
SIZES_55 = {
    "smoke": {"seeds": (12,), "epochs": 20, "batch_size": 32},
    "ci": {"seeds": (24,), "epochs": 150, "batch_size": 32},
    "full": {"seeds": (20, 60), "epochs": 500, "batch_size": 8},
}
NOTES = ("Real UCI red wine (1,599 rows): the 2 rows with total SO2 >= 200 dropped as in the notebook, "
         "then the 240 exact duplicate rows dropped (1,357 distinct wines) so that no wine sits in both "
         "train and test. Stratified 90/10 split per seed (136 test wines), z-scored with training "
         "statistics. ci: batch 32, 150 epochs; full: the notebook's batch 8, 500 epochs.")

LOW_QUALITY_AT_4P5 = Claim(
    id="wine-threshold-4p5-minority-accuracy-collapses",
    statement="Red wine binarised at quality > 4.5 (4.6% low-quality wines): the course's leaky-ReLU "
              "net's test accuracy on the minority low-quality class is far below (by at least 20 "
              "points) its accuracy on the majority high-quality class.",
    sources=(SETUP, LOW_45, COUNTS_45), kind=Kind.BIAS, topic="data",
    metric="per-class test accuracy (fraction), minority (low quality) vs majority (high quality)",
    arms=("low_quality", "high_quality"), direction="less", delta=0.20,
    experiment=per_class_experiment(4.5, minority=0, majority=1), sizes=SIZES,
    expect=Verdict.SUPPORTED,
    expect_reason=("measured (ci, 12 seeds): low-quality minus high-quality accuracy -0.757 [-0.844, -0.666]; low "
                   "0.22, high 0.98, overall 0.946 (always saying 'high' scores 0.956 on these test sets)"),
    document_figures={"low_quality_test_accuracy": 0.0, "high_quality_test_accuracy": 0.9,
                      "overall_test_accuracy": 0.9, "train_accuracy": 1.0,
                      "training_count_low": 59, "training_count_high_about": 1400},
    notes=NOTES + " delta 0.20: 'far below' read as at least 20 points of per-class accuracy.",
)

HIGH_QUALITY_AT_6P5 = Claim(
    id="wine-threshold-6p5-minority-accuracy-biased",
    statement="Red wine binarised at quality > 6.5 (13.4% high-quality wines): the course's net's test "
              "accuracy on the minority high-quality class is far below (by at least 20 points) its "
              "accuracy on the majority low-quality class.",
    sources=(SETUP, HIGH_65), kind=Kind.BIAS, topic="data",
    metric="per-class test accuracy (fraction), minority (high quality) vs majority (low quality)",
    arms=("high_quality", "low_quality"), direction="less", delta=0.20,
    experiment=per_class_experiment(6.5, minority=1, majority=0), sizes=SIZES,
    expect=Verdict.SUPPORTED,
    expect_reason=("measured (ci, 12 seeds): high-quality minus low-quality accuracy -0.492 [-0.585, -0.396]; high "
                   "0.43 (document: about 0.40), low 0.92"),
    document_figures={"high_quality_test_accuracy": 0.40},
    notes=NOTES + " delta 0.20: 'clearly a bias' read as at least 20 points of per-class accuracy.",
)

NEAR_BALANCED_AT_5P5 = Claim(
    id="wine-threshold-5p5-per-class-accuracy-equivalent",
    statement="Red wine binarised at quality > 5.5 (47% / 53%): the course's net's test accuracy on "
              "high-quality and on low-quality wines is equivalent (differs by less than 10 points).",
    sources=(BALANCED_55, BALANCED_55_RESULT, BALANCED_55_RUN), kind=Kind.EQUIVALENCE, topic="data",
    metric="per-class test accuracy (fraction), high quality vs low quality",
    arms=("high_quality", "low_quality"), direction="equivalent", delta=0.10,
    experiment=per_class_experiment(5.5, minority=0, majority=1), sizes=SIZES_55,
    expect=Verdict.INCONCLUSIVE,
    expect_reason=("measured (ci, 24 seeds, one look): high minus low +0.076 [0.027, 0.120], TOST p = 0.17 > alpha; "
                   "high 0.73, low 0.65. On average the gap favours high quality by 7-8 points, too close to the "
                   "10-point margin to decide at affordable seeds (48 seeds gave +0.070 [0.037, 0.102], TOST p = "
                   "0.039, still inconclusive)"),
    document_figures={"low_quality_test_accuracy_trial_run": 0.70,
                      "high_quality_test_accuracy_trial_run": 0.74, "overall_test_accuracy_usual": 0.80},
    notes=NOTES + " delta 0.10: the document calls a few points 'not a real meaningful difference'; "
                  "10 points is half the 'far below' margin of the unbalanced thresholds. A one-off run at "
                  "the notebook's settings (batch 8, 500 epochs; the first 20 seeds, outside the suite) "
                  "gave high 0.693, low 0.642 (gap +0.051), overall 0.669, training accuracy 0.970.",
)

NEAR_BALANCED_AT_5P5_WITH_DUPLICATES = Claim(
    id="wine-threshold-5p5-per-class-accuracy-equivalent-duplicates-kept",
    statement="The same 5.5 comparison on the data as the notebook keeps them (the 240 duplicate rows "
              "left in, so copies of a test wine can sit in training): test accuracy on high-quality and "
              "on low-quality wines differs by less than 10 points.",
    sources=(BALANCED_55, BALANCED_55_RESULT, BALANCED_55_RUN), kind=Kind.EQUIVALENCE, topic="data",
    metric="per-class test accuracy (fraction), high quality vs low quality",
    arms=("high_quality", "low_quality"), direction="equivalent", delta=0.10,
    experiment=per_class_experiment(5.5, minority=0, majority=1, dedupe=False), sizes=SIZES_55,
    expect=Verdict.INCONCLUSIVE,
    expect_reason=("measured (ci, 24 seeds, one look): high minus low +0.038 [-0.021, 0.092], TOST p = 0.021 > "
                   "alpha; high 0.74, low 0.70, overall 0.725 (deduplicated: 0.694). Keeping the duplicates lifts "
                   "overall test accuracy but leaves a gap favouring high quality (48 seeds gave +0.056 [0.020, "
                   "0.090], TOST p = 0.010, still inconclusive)"),
    document_figures={"low_quality_test_accuracy_trial_run": 0.70,
                      "high_quality_test_accuracy_trial_run": 0.74, "overall_test_accuracy_usual": 0.80},
    notes=NOTES.replace("then the 240 exact duplicate rows dropped (1,357 distinct wines) so that no wine "
                        "sits in both train and test", "the 240 exact duplicate rows KEPT (1,597 rows), as "
                        "the notebook does").replace("136 test wines", "160 test wines")
          + " The document's own data handling, declared beside the deduplicated claim: duplicates "
            "change both the overall accuracy and the per-class gap.",
)


CATS = Source(
    DOC, "A thought experiement", (944, 972),
    "We have 100 different pictures or 100 pictures, 99 of them are cats and one is a ship. ... All you "
    "need to do is tell the model to call everything a cat. ... The model just says that everything is a "
    "cat and the model is actually going to be correct 99 percent of the time.")


STATED_SHARES = {4.5: "95.4", 5.5: "52.8", 6.5: "86.6"}     # percent, as printed in the statement below


def constant_guess_errors(ctx):
    """Each printed accuracy of the constant majority guess against its measured value.

    The 99 cats and 1 boat: |accuracy of 'call everything a cat' - 0.99| (the document's figure);
    the red wines (1,357 distinct, binarized at each threshold): |accuracy of predicting the
    majority label for every wine - the printed percent|, in fractions; each error is compared with
    half a unit of the figure's last printed digit (vague-word table).
    Errors are returned already divided by that tolerance, so the claim's tolerance is 1.
    """
    cats = np.array([0] * 99 + [1])
    errors = [abs(float(np.mean(np.zeros_like(cats) == cats)) - 0.99) / printed_tolerance("99", 0.01)]
    X, q = distinct_wines(ctx)
    for threshold, printed in STATED_SHARES.items():
        y = (q > threshold).astype(np.int64)
        majority = int(np.bincount(y).argmax())
        acc = float(np.mean(np.full_like(y, majority) == y))
        ctx.note(f"constant_guess_accuracy_t{threshold}", acc)
        errors.append(abs(acc - float(printed) / 100) / printed_tolerance(printed, 0.01))
    return {"error": errors}


MAJORITY_BASELINE = Claim(
    id="constant-majority-guess-accuracy-equals-majority-share",
    redesigned='2026-12-04: each printed figure (99%, 95.4 / 52.8 / 86.6%) checked against the measured accuracy to half a printed unit (was: one mean computed two ways). Deterministic: SUPPORTED on every seed family.',
    statement="A model that calls everything the majority class is 'correct 99 percent of the time' on 99 cats "
              "and 1 boat, and on the 1,357 distinct red wines it is correct 95.4% / 52.8% / 86.6% of the time "
              "at quality thresholds 4.5 / 5.5 / 6.5, without learning anything (each figure to its printed "
              "digit).",
    sources=(CATS,), kind=Kind.IDENTITY, topic="data",
    metric="|accuracy of the constant majority guess - printed figure| / (half a unit of its last digit)",
    direction="holds", tolerance=1.0, experiment=constant_guess_errors,
    sizes={p: {"seeds": 1} for p in ("smoke", "ci", "full")},
    expect=Verdict.SUPPORTED,
    expect_reason="measured: cats 0.99 exactly; wines 0.9536 / 0.5284 / 0.8659 against 95.4 / 52.8 / 86.6, "
                  "the largest gap 0.85 of half a printed unit (95.36 printed as 95.4)",
    document_figures={"cats_constant_guess_accuracy": 0.99},
    notes="Design changed on 2026-12-04 after a measured run that computed one mean two ways and never "
          "checked the printed percentages; now each printed figure is compared with the measured accuracy "
          "of the constant guess, to half a unit of its last digit (harness.declaring.vague_words.printed_tolerance). "
          "The wine percentages are the suite's own figures (the document's thought experiment gives only "
          "the 99%), recorded so the per-class claims beside it can be read against the baseline. "
          "Deterministic: the same on every seed family.",
)
