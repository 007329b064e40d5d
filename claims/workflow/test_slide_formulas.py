"""Document 003: the code and worked examples printed on the slides (losses, the categorical
cross-entropy example, the dropout test-time scaling, the gradient-descent update, the raw TF1
linear regression's cost), each run as printed and compared with an independent reference
(float64 math, torch's loss functions, closed-form least squares).

Where a slide's code is wrong as printed (a typo such as ``-log(y)``), the claim states what the
printed code does and the verdict says whether it is what the slide calls it; the intended
formula is checked beside it, so a transcription slip is never the only thing measured.
"""
import math

import numpy as np
import torch
import torch.nn.functional as F

from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.recipes.tabular_sets import TF1_X, TF1_Y, tf1_least_squares
from harness.declaring.vague_words import VAGUE, printed_tolerance

DOC = "003_9348410d8d3ffd8d.txt"
ONE = {p: {"seeds": 1} for p in ("smoke", "ci", "full")}


# ------------------------------------------------------------------ the slides' loss code
def L1(yHat, y):                       # noqa: N802,N803  (the slide's names)
    return np.sum(np.absolute(yHat - y))


def MSE(yHat, y):                      # noqa: N802,N803
    return np.sum((yHat - y)**2) / y.size


def binary_cross_entropy(pred, y):     # the slide's code, verbatim (natural log)
    if y == 1:
        return -math.log(y)
    else:
        return -math.log(1-pred)


def _pairs(ctx, n_cases=50):
    rng = ctx.rng(ctx.seeds[0], "values")
    for _ in range(n_cases):
        shape = (int(rng.integers(2, 60)),) if rng.random() < 0.5 else (int(rng.integers(2, 9)), int(rng.integers(2, 9)))
        yield rng.standard_normal(shape), rng.standard_normal(shape)


def l1_mean_errors(ctx):
    errors, ratios = [], []
    for yhat, y in _pairs(ctx):
        mae = F.l1_loss(torch.as_tensor(yhat), torch.as_tensor(y)).item()      # mean absolute error
        errors.append(abs(L1(yhat, y) - mae) / mae)
        ratios.append(L1(yhat, y) / mae / y.size)
    ctx.note("slide L1 / torch mean L1 / n (1 = the slide computes the sum)", [min(ratios), max(ratios)])
    return {"error": errors}


L1_MEAN = Claim(
    id="slide-l1-code-computes-mean-absolute-error",
    statement="The slide's L1(yHat, y) = np.sum(np.absolute(yHat - y)) computes the Mean Absolute Error "
              "(torch's L1Loss with its default mean reduction).",
    sources=(Source(DOC, "MAE and MSE", (1058, 1064),
                    "Mean Absolute Error (L1 loss) ... def L1(yHat, y): ... return np.sum(np.absolute(yHat - y))"),),
    kind=Kind.IDENTITY, topic="workflow", metric="|slide L1 - mean absolute error| / mean absolute error (float64)",
    direction="holds", tolerance=1e-9, experiment=l1_mean_errors, sizes=ONE,
    expect=Verdict.REFUTED,
    expect_reason="measured: the slide's code returns exactly n times the MAE (the sum, L1Loss(reduction='sum')) "
                  "on all 50 random arrays",
    notes="The scale matters: the sum grows with the batch size, so a learning rate tuned for the mean is n times "
          "too large for the sum.",
)


def mse_errors(ctx):
    return {"error": [abs(MSE(yhat, y) - F.mse_loss(torch.as_tensor(yhat), torch.as_tensor(y)).item())
                      / F.mse_loss(torch.as_tensor(yhat), torch.as_tensor(y)).item() for yhat, y in _pairs(ctx)]}


MSE_MEAN = Claim(
    id="slide-mse-code-is-mean-squared-error",
    statement="The slide's MSE(yHat, y) = np.sum((yHat - y)**2) / y.size is the mean squared error over all "
              "elements (torch's mse_loss), for vectors and matrices alike.",
    sources=(Source(DOC, "MAE and MSE", (1067, 1071),
                    "Mean Squared Error (L2 loss) ... def MSE(yHat, y): ... return np.sum((yHat - y)**2) / y.size"),),
    kind=Kind.IDENTITY, topic="workflow", metric="|slide MSE - torch mse_loss| / mse_loss (float64)",
    direction="holds", tolerance=1e-12, experiment=mse_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured: equal to float64 rounding on 50 random 1D and 2D arrays",
)


def bce_code_errors(ctx):
    rng = ctx.rng(ctx.seeds[0], "values")
    errors, zero_for_positive = [], 0
    for _ in range(200):
        p, y = float(rng.uniform(0.001, 0.999)), int(rng.integers(0, 2))
        ref = F.binary_cross_entropy(torch.tensor(p, dtype=torch.float64), torch.tensor(float(y), dtype=torch.float64)).item()
        got = binary_cross_entropy(p, y)
        errors.append(abs(got - ref) / ref)
        zero_for_positive += int(y == 1 and got == 0.0)
    ctx.note("positive examples whose slide loss is 0", zero_for_positive)
    ctx.note("slide loss at pred 0.012, y 1 (formula: -ln 0.012 = 4.42)", binary_cross_entropy(0.012, 1))
    return {"error": errors}


BCE_CODE = Claim(
    id="slide-bce-code-computes-log-loss",
    statement="The slide's binary_cross_entropy(pred, y) code computes the log loss -(y log p + (1 - y) log(1 - p)) "
              "it is printed under (torch's binary_cross_entropy).",
    sources=(Source(DOC, "Cross Entropy (or Log Loss)", (1087, 1094),
                    "$$-(y \\log(p) + (1 - y) \\log(1 - p))$$ ... def binary_cross_entropy(pred, y): ... if y == 1: "
                    "... return -log(y) ... else: ... return -log(1-pred)"),),
    kind=Kind.IDENTITY, topic="workflow", metric="|slide code - log loss| / log loss, 200 random (p, y) pairs",
    direction="holds", tolerance=1e-9, experiment=bce_code_errors, sizes=ONE,
    expect=Verdict.REFUTED,
    expect_reason="measured: right for y = 0, but for every y = 1 it returns -log(1) = 0 (relative error 1): "
                  "'-log(y)' should read '-log(pred)'",
    notes="A typo, but a consequential one: with this loss the positive examples give no gradient, so a model "
          "trained on it learns to predict 0 everywhere. The formula printed above the code is right.",
)


# ------------------------------------------------------------------ the log-loss examples
def log_loss_errors(ctx):
    bce = lambda p, y: F.binary_cross_entropy(torch.tensor(p, dtype=torch.float64),   # noqa: E731
                                              torch.tensor(y, dtype=torch.float64)).item()
    confident_wrong = [bce(0.012, 1.0), bce(0.97, 0.0)]
    unsure = bce(0.5, 1.0)
    sq = [(1 - 0.012) ** 2, 0.97 ** 2]                      # squared error stays below 1
    ctx.note("log loss at (0.012, 1), (0.97, 0)", confident_wrong)
    ctx.note("log loss at (0.5, .)", unsure)
    ctx.note("squared error of the same predictions", sq)
    # 'high loss': several times the loss of an unsure 0.5 guess, while squared error stays below 1;
    # 'negative output when the input is < 1': ln p < 0 on (0, 1)
    grid = np.linspace(1e-6, 1 - 1e-6, 1001)
    return {"error": [max(0.0, 3 * unsure - c) for c in confident_wrong] + [float((np.log(grid) >= 0).any())]
            + [max(0.0, s - 1) for s in sq]}


LOG_LOSS = Claim(
    id="log-loss-penalises-confident-wrong-predictions",
    statement="Log loss penalises confident wrong predictions heavily: predicting 0.012 for a true 1 costs "
              "-ln 0.012 = 4.42 and 0.97 for a true 0 costs 3.51, more than three times an unsure 0.5 guess "
              "(0.69), while their squared errors stay below 1; ln p is negative for p < 1, hence the minus sign.",
    sources=(Source(DOC, "Cross Entropy (or Log Loss)", (1077, 1082),
                    "Log loss penalizes both types of errors, but especially those predictions that are confident "
                    "and wrong! ... Predicting a probability of .012 when the actual observation label is 1 would "
                    "result in a high loss value - Similarly predicting 0.97 when the true label is 0 results in "
                    "high loss - Negative output when the input is < 1 - So, add a minus for a positive loss"),),
    kind=Kind.IDENTITY, topic="workflow",
    metric="shortfall below 3 x the loss of a 0.5 guess; ln p >= 0 anywhere on (0, 1); squared error above 1",
    direction="holds", tolerance=0.0, experiment=log_loss_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured: 4.42 and 3.51 against 3 x 0.693 = 2.08; squared errors 0.98, 0.94",
)


# ------------------------------------------------------------------ categorical cross-entropy example
PRED = {"Dog": 0.1, "Cat": 0.4, "Rabbit": 0.8, "Squirrel": 0.2}


def cce_example_errors(ctx):
    p = torch.tensor(list(PRED.values()), dtype=torch.float64)
    target = torch.tensor([0.0, 0.0, 1.0, 0.0], dtype=torch.float64)
    ce = float(-(target * torch.log(p)).sum())              # the slide's own sum, computed
    ctx.note("-(1 * ln 0.8)", ce)
    ctx.note("-ln 0.4 (Cat)", -math.log(0.4))
    ctx.note("the 'prediction' sums to", float(p.sum()))
    ctx.note("CE after normalising the prediction to sum 1", float(-torch.log(p / p.sum())[2]))
    return {"error": [abs(ce - 0.916)], "computed": [ce]}


CCE_EXAMPLE = Claim(
    id="slide-cce-rabbit-example-is-0-916",
    statement="The slide's worked example: for true label Rabbit and prediction Dog 0.1, Cat 0.4, Rabbit 0.8, "
              "Squirrel 0.2, the categorical cross-entropy -(0 ln 0.1 + 0 ln 0.4 + 1 ln 0.8 + 0 ln 0.2) is 0.916.",
    sources=(Source(DOC, "Categorical Cross-Entropy Loss (or Softmax Loss)", (1104, 1110),
                    "True Label: Rabbit ... Prediction: Dog = 0.1, Cat = 0.4, Rabbit = 0.8, Squirrel = 0.2 ... "
                    "&= - (0 + 0 + (-0.916) + 0) \\\\ &= 0.916"),),
    kind=Kind.IDENTITY, topic="workflow", metric="|computed cross-entropy - 0.916| (float64)",
    direction="holds", tolerance=printed_tolerance("0.916"), experiment=cce_example_errors, sizes=ONE,
    expect=Verdict.REFUTED,
    expect_reason="measured: -ln 0.8 = 0.2231, not 0.916 (0.916 is -ln 0.4, Cat's probability); the 'prediction' "
                  "also sums to 1.5, so it is no softmax output (normalised, the loss would be 0.629)",
    document_figures={"cce": 0.916},
)


# ------------------------------------------------------------------ dropout: test-time scaling by the rate
def dropout_rate_scaling_errors(ctx):
    g = torch.Generator().manual_seed(ctx.seeds[0] % (2 ** 63))
    a = torch.rand(200_000, generator=g, dtype=torch.float64) * 2     # activations of a layer
    errors, rows = [], {}
    for rate in (0.2, 0.3, 0.5):
        keep = (torch.rand(a.shape, generator=g, dtype=torch.float64) >= rate).double()
        train_mean = float((a * keep).mean())               # Strategy 1: drop, no rescaling in training
        test_mean = float((a * rate).mean())                # the slide: scale by the dropout rate at test
        rows[rate] = [train_mean, test_mean, float((a * (1 - rate)).mean())]
        errors.append(abs(test_mean - train_mean) / train_mean)
    ctx.note("rate: [train mean, test mean x rate, test mean x (1 - rate)]", rows)
    return {"error": errors}


DROPOUT_RATE = Claim(
    id="slide-dropout-test-scale-equals-dropout-rate",
    statement="As the slide words Strategy 1: without rescaling in training, scaling the layer's outputs at test "
              "time by a factor equal to the dropout rate balances for the units that were dropped in training "
              "(the test-time mean equals the training-time mean), for rates 0.2, 0.3 and 0.5.",
    sources=(Source(DOC, "4.4.3 Adding Dropout", (2112, 2115),
                    "At test time, no units are dropped out (Strategy 1) - Instead, the layer's output values are "
                    "scaled down by a factor equal to the dropout rate - `layer_output *= 0.5` - This is to balance "
                    "for the fact that more units are active than at training time"), Source("003_9348410d8d3ffd8d.txt", "4.4.3 Adding Dropout", (2110, 2116), "What about during testing? ... What will happen if we dropout during test?"),),
    kind=Kind.IDENTITY, topic="workflow",
    metric="|test mean (x rate) - training mean (dropped)| / training mean, 200,000 activations",
    direction="holds", tolerance=VAGUE["negligible"].delta, experiment=dropout_rate_scaling_errors, sizes=ONE,
    expect=Verdict.REFUTED,
    expect_reason="measured: off by 75% at rate 0.2 and 57% at 0.3, right only at 0.5 (the slide's example), where "
                  "rate = keep probability; the factor must be the keep probability 1 - rate",
    contrasts={"dropout-train-upscaling-equals-test-downscaling":
               "001's statement scales by the keep probability (right); this slide scales by the rate (wrong unless 0.5)"},
    notes="The book (Chollet 4.4.3) has the same wording. Keras itself uses inverted dropout "
          "(keras-dropout-is-inverted), which needs no test-time scaling.",
)


# ------------------------------------------------------------------ the TF1 linear regression's cost
def tf_cost_errors(ctx):
    n = TF1_X.shape[0]
    X = torch.tensor(TF1_X, dtype=torch.float64)
    Y = torch.tensor(TF1_Y, dtype=torch.float64)
    w_ols, b_ols, _ = tf1_least_squares()           # the reference minimiser
    rng = ctx.rng(ctx.seeds[0], "params")
    errors = []
    for _ in range(20):
        W = torch.tensor(float(rng.standard_normal()), dtype=torch.float64, requires_grad=True)
        b = torch.tensor(float(rng.standard_normal()), dtype=torch.float64, requires_grad=True)
        pred = X * W + b
        cost = torch.sum(torch.pow(pred - Y, 2)) / (2 * n)            # the slide's cost, in torch
        errors.append(abs(cost.item() - 0.5 * F.mse_loss(pred, Y).item()))
    # the cost's gradient vanishes at the least-squares line (its minimiser)
    W = torch.tensor(w_ols, dtype=torch.float64, requires_grad=True)
    b = torch.tensor(b_ols, dtype=torch.float64, requires_grad=True)
    cost = torch.sum(torch.pow(X * W + b - Y, 2)) / (2 * n)
    cost.backward()
    errors += [abs(W.grad.item()), abs(b.grad.item())]
    ctx.note("least squares W, b, minimum cost", [float(w_ols), float(b_ols), cost.item()])
    return {"error": errors}


TF_COST = Claim(
    id="tf-linear-regression-cost-is-half-mse",
    statement="The raw TensorFlow example's cost, reduce_sum((pred - Y)^2) / (2 n) for pred = X W + b, is half the "
              "mean squared error, and its gradient vanishes at the least-squares line of the 17 printed points "
              "(W = 0.2516, b = 0.7988), which gradient descent on it therefore seeks.",
    sources=(Source(DOC, "Tensorflow vs Keras", (714, 741),
                    "train_X = numpy.asarray([3.3,4.4,5.5,6.71,6.93,4.168,9.779,6.182,7.59,2.167, ... "
                    "pred = tf.add(tf.multiply(X, W), b) ... # Mean squared error ... "
                    "cost = tf.reduce_sum(tf.pow(pred-Y, 2))/(2*n_samples) ... # Gradient descent"),),
    kind=Kind.IDENTITY, topic="workflow",
    metric="|slide cost - MSE/2| at 20 random (W, b); |gradient| at the least-squares solution (float64)",
    direction="holds", tolerance=1e-12, experiment=tf_cost_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured: equal to float64 rounding; gradient at the OLS line ~1e-16",
    notes="The comment calls the cost 'Mean squared error'; it is half of it (the 1/2 only rescales the gradient). "
          "The training loop's convergence is checked in tf-linear-regression-gd-reaches-least-squares.",
)
