"""Over- and under-fitting, and what generalization costs (001, "The problem with overfitting",
"Over- and Under- fitting: summary", "Generalization and accuracy").

* Few noisy points from a quadratic: a wide two-hidden-layer net (over-parameterized) has a higher
  test error than a small one; a straight line (under-parameterized) too.
* Two populations ("city A", "city B") with different rules: a model trained on both is less
  accurate on A than a model trained on A alone when it cannot represent both rules (linear), and
  about as accurate when it can (an MLP told the city) -- the document's "entails" is not universal.

Also the module's Unexecutable entries for this part's statements that no experiment can decide.
"""
import numpy as np
import torch

from harness.declaring.claim import Claim, Kind, Source, Unexecutable, Verdict
from harness.training.engine import TrainConfig, mse
from harness.training.experiments import as_labels, as_tensor, fit

DOC = "001_21bdbe3614939729.txt"

OVERFIT_SRC = Source(
    DOC, "The problem with overfitting", (848, 850),
    "Overfitting limits our ability to generalize the pattern to new data. So in this particular example, the "
    "model with fewer parameters is better and the model with more parameters. But that, of course, is not a "
    "general claim.")
SUMMARY_SRC = Source(
    DOC, "Over- and Under- fitting: summary", (858, 866),
    "Overfitting - Overly sensitive to noise ... - Reduced generalizability ... Underfitting - Less sensitive "
    "to noise - Less likely to detect true effects - Reduced generalizability")


def quadratic_data(ctx):
    """Per seed: n points x ~ U(-2, 2), y = x^2 + noise * N(0, 1); fresh test points from the same law."""
    s = ctx.sizes
    sets = []
    for n, stream in ((s["n_train"], "data"), (s["n_test"], "test-data")):
        xs, ys = [], []
        for seed in ctx.seeds:
            rng = ctx.rng(seed, stream)
            x = rng.uniform(-2, 2, n)
            xs.append(x[:, None])
            ys.append(x ** 2 + s["noise"] * rng.standard_normal(n))
        sets.append((as_tensor(np.stack(xs)), as_tensor(np.stack(ys))))
    return sets


def regression_arms(**arms):
    """Experiment: each arm (hidden widths) fits the same points, init stream and order; test MSE."""
    def experiment(ctx):
        (X, y), test = quadratic_data(ctx)
        s = ctx.sizes
        cfg = TrainConfig(epochs=s["epochs"], lr=s["lr"], batch_size=None, optimizer="adam", loss="mse")
        out = {}
        for arm, hidden in arms.items():
            f = fit(ctx, (1, *hidden, 1), X, y, cfg, evals={"test": test, "train": (X, y)}, metric=mse,
                    activation="tanh")
            out[arm] = f["test"]
            out[f"{arm}_train_mse"] = f["train"]
        return out
    return experiment


REGRESSION_SIZES = {
    "smoke": {"seeds": (12,), "n_train": 20, "n_test": 1000, "noise": 1.0, "epochs": 500, "lr": 0.01},
    "ci": {"seeds": (12, 24), "n_train": 20, "n_test": 2000, "noise": 1.0, "epochs": 1000, "lr": 0.01},
    "full": {"seeds": (20, 40, 80), "n_train": 20, "n_test": 10000, "noise": 1.0, "epochs": 5000, "lr": 0.01},
}
SMALL, LARGE = (8,), (128, 128)

OVERFIT = Claim(
    id="overfit-more-params-worse-generalization",
    statement="With 20 noisy points from a quadratic, a net with many parameters (1-128-128-1, 16.8k) fits "
              "the training points more closely but predicts new points worse than a small one (1-8-1, 25).",
    sources=(OVERFIT_SRC, SUMMARY_SRC,
             Source("004_2947cf972490c874.txt", "17. Deep Learning Regularization with Dropout and Early Stopping",
                    (18, 18), "And the simplest regularization technique is simply to use fewer neurons or use fewer "
                    "layers."), Source("004_2947cf972490c874.txt", "17. Deep Learning Regularization with Dropout and Early Stopping", (18, 18), "So if you see a high accuracy on your training dataset, but a lower accuracy on your test set or your evaluation dataset. That's nature's way of telling you that you might be overfitting. ... If you have a really deep neural network with lots of weights and connections and neurons that are built into it. It can totally pick up on complex patterns like that.")), kind=Kind.COMPARATIVE, topic="evaluation",
    metric="test MSE on fresh points (noise variance 1)", arms=("large", "small"),
    direction="greater", delta=0.1, experiment=regression_arms(large=LARGE, small=SMALL),
    sizes=REGRESSION_SIZES, expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 24 seeds): test MSE 3.15 vs 1.76, difference +1.38 [0.98, 1.97]; train "
                  "MSE 0.06 vs 0.65",
    notes="delta 0.1 = a tenth of the noise variance. tanh units, full-batch Adam lr .01; the document's own "
          "example is a figure with no numbers, and it says the direction is not general.",
)

UNDERFIT = Claim(
    id="underfit-overfit-both-reduce-generalization",
    statement="Under-fitting also reduces generalization: on the same 20 quadratic points a straight line "
              "(no hidden layer) predicts new points worse than the small 1-8-1 net.",
    sources=(SUMMARY_SRC,), kind=Kind.COMPARATIVE, topic="evaluation",
    metric="test MSE on fresh points (noise variance 1)", arms=("line", "small"),
    direction="greater", delta=0.1, experiment=regression_arms(line=(), small=SMALL),
    sizes=REGRESSION_SIZES, expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 12 seeds): test MSE 2.63 (line) vs 1.46 (1-8-1), difference +1.17 "
                  "[1.06, 1.29]",
    notes="The over-fitting half is overfit-more-params-worse-generalization. 'Parameters are better "
          "estimated' is not tested.",
)

GENERALIZATION_SRC = Source(
    DOC, "Generalization and accuracy", (962, 975),
    "Must work on city A. - Doesn't need to work in any other city. ... Important: Generalization entails "
    "some loss of accuracy! The trick is to build a model that does well within the generalization boundaries.")


def city_data(rng: np.random.Generator, n: int, city: int, flip: float):
    """x ~ N(0, I_2); city A (0): y = 1[x1 > 0], city B (1): y = 1[x2 > 0]; labels flipped with prob `flip`.
    Inputs are (x1, x2, city)."""
    x = rng.standard_normal((n, 2))
    y = (x[:, city] > 0).astype(np.int64)
    y ^= (rng.random(n) < flip).astype(np.int64)
    return np.column_stack([x, np.full(n, float(city))]), y


def city_experiment(hidden):
    def experiment(ctx):
        s = ctx.sizes
        spec, gen, test = ([], []), ([], []), ([], [])
        for seed in ctx.seeds:
            rng = ctx.rng(seed, "data")
            Xa, ya = city_data(rng, s["n_per_city"], 0, s["flip"])
            Xb, yb = city_data(rng, s["n_per_city"], 1, s["flip"])
            Xt, yt = city_data(rng, s["n_test"], 0, s["flip"])
            # the specialist sees A's rows twice, so both models take the same number of steps on as many rows
            for (xs, ys), (Xp, yp) in ((spec, (np.concatenate([Xa, Xa]), np.concatenate([ya, ya]))),
                                       (gen, (np.concatenate([Xa, Xb]), np.concatenate([ya, yb]))),
                                       (test, (Xt, yt))):
                xs.append(Xp)
                ys.append(yp)
        as_set = lambda p: (as_tensor(np.stack(p[0])), as_labels(np.stack(p[1])))   # noqa: E731
        cfg = TrainConfig(epochs=s["epochs"], lr=s["lr"], batch_size=s["batch_size"], optimizer="adam")
        out = {}
        for arm, data in (("specialist_on_A", spec), ("generalist_on_A", gen)):
            out[arm] = fit(ctx, (3, *hidden, 2), *as_set(data), cfg, evals={"test_A": as_set(test)})["test_A"]
        return out
    return experiment


CITY_SIZES = {
    "smoke": {"seeds": (12,), "n_per_city": 500, "n_test": 2000, "flip": 0.05, "epochs": 20, "lr": 0.01,
              "batch_size": 50},
    "ci": {"seeds": (12, 24), "n_per_city": 500, "n_test": 4000, "flip": 0.05, "epochs": 30, "lr": 0.01,
           "batch_size": 50},
    "full": {"seeds": (20, 40), "n_per_city": 2000, "n_test": 20000, "flip": 0.05, "epochs": 60, "lr": 0.01,
             "batch_size": 50},
}

COST_LINEAR = Claim(
    id="generalization-costs-accuracy",
    statement="A linear classifier trained on cities A and B (different rules) is less accurate on city A than "
              "the same model trained on city A alone, by at least 2 points.",
    sources=(GENERALIZATION_SRC,), kind=Kind.COMPARATIVE, topic="evaluation",
    metric="test accuracy on fresh city-A rows", arms=("specialist_on_A", "generalist_on_A"),
    direction="greater", delta=0.02, experiment=city_experiment(()), sizes=CITY_SIZES,
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): city-A accuracy 0.934 (specialist) vs 0.726 (generalist), "
                  "+0.208 [0.197, 0.220]",
    notes="City A labels by x1 > 0, city B by x2 > 0, 5% label noise; inputs include the city. Same number "
          "of rows and steps for both models (the specialist sees A's rows twice).",
)

COST_CAPACITY = Claim(
    id="generalization-cost-vanishes-with-capacity",
    statement="An MLP (3-32-32-2) that is told the city and trained on cities A and B is as accurate on city "
              "A as the same MLP trained on city A alone (within 2 points): generalization need not cost "
              "accuracy.",
    sources=(GENERALIZATION_SRC,), kind=Kind.EQUIVALENCE, topic="evaluation",
    metric="test accuracy on fresh city-A rows", arms=("specialist_on_A", "generalist_on_A"),
    direction="equivalent", delta=0.02, experiment=city_experiment((32, 32)), sizes=CITY_SIZES,
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): 0.941 vs 0.937, difference +0.004 [0.001, 0.008], "
                  "inside +-0.02",
    notes="Controlled companion of generalization-costs-accuracy: same data, only the model's capacity "
          "differs. It tests the word 'entails' (always), not the advice.",
)

UNEXECUTABLE = [
    Unexecutable(
        id="overfitting-not-intrinsically-bad",
        statement="Overfitting is not intrinsically bad: it reduces generalizability, which may or may not "
                  "matter depending on the goals and scope of the model.",
        sources=(Source(DOC, "Does cross-validation really prevent overfitting?", (937, 937),
                        "Conclusion: Overfitting is not intrinsically bad. `overfitting reduces generalizability`, "
                        "which may or may not be problematic depending on the goals and scope of the model."),),
        reason="a judgement about goals; its measurable part (a specialist beats a generalist inside its "
               "boundary) is generalization-costs-accuracy / generalization-cost-vanishes-with-capacity"),
    Unexecutable(
        id="cv-avoid-overfitting-list",
        statement="To avoid overfitting use cross-validation (training/hold-out/test sets) and regularization "
                  "(L2, dropout, data manipulations, early stopping).",
        sources=(Source(DOC, "How to avoid overfitting", (876, 879),
                        "1. Use cross-validation (training/hold-out/test sets). 2. Use regularization (L2, "
                        "drop-out, data manipulations, early stopping)"),),
        reason="an umbrella list of remedies, not a single testable statement; its items are claims of their "
               "own (the dropout and L2 claims of this part, regularization-trades-train-acc-for-generalization); "
               "early stopping has no experiment in this document"),
    Unexecutable(
        id="cv-regression-holdout-generalizes",
        statement="Cross-validation on the regression data of the previous section (figures only).",
        sources=(Source(DOC, "Cross-validation on regression", (1387, 1396),
                        "See another example of cross-validation using the regression data from the previous "
                        "section"),),
        reason="the transcript shows only two figures and states no result or figure to check; the notebook's "
               "settings are not in the document"),
    Unexecutable(
        id="regularization-can-increase-or-decrease-training-time",
        statement="Regularization can increase or decrease training time.",
        sources=(Source(DOC, "Why regularize?", (1414, 1416),
                        "Other observations - Can increase or decrease training time."),),
        reason="admits both directions, so no outcome can refute it; the direction for dropout is tested by "
               "the dropout claims of this part (more epochs, cost per epoch)"),
    Unexecutable(
        id="three-families-of-regularizers",
        statement="Regularizers come in three families: modify the model (dropout), add a cost to the loss "
                  "(L1/L2), modify or add data (batch training, data augmentation, normalization).",
        sources=(Source(DOC, "Three families of regularizer (in DL)", (1421, 1427),
                        "Family 1: Modify the model (drop out). Family 2: Add a cost to the loss function (L1/2). "
                        "Family 3: Modify or add data (batch training, data augmentation, normalization)."),),
        reason="a taxonomy (definitions); its one testable piece, that batch training regularizes, is the "
               "mini-batch claim batching-regularizes-by-averaging-reduces-overfitting of this part"),
]
