"""Document 003 (the Chollet-based slides): catalogued statements that no claim covered before the
catalog-coverage review (``scripts/catalog_coverage.py``, ``docs/catalog-coverage.md``).

Each is small: built-in NumPy operations against Python loops, the sigmoid's all-positive outputs
and the signs of a neuron's weight gradients, the three scaling formulas of the normalization slide
(on the Boston housing features, against scikit-learn's scalers), feature scaling and an RBF SVM's
solver iterations (scikit-learn's breast cancer data), gradient descent on correlated features,
retraining the final model on all non-test data (scikit-learn's 8x8 digits, the offline stand-in for
MNIST), a network's last hidden layer making two rings linearly separable, and a shallow (softmax
regression) against a deep model on raw digit pixels.
"""
import math

import numpy as np
import torch

import fixtures.tabular as tabular
from harness.declaring.claim import Claim, Kind, Source, Unexecutable, Verdict
from harness.running.device import Clock
from harness.training.engine import BatchedMLP, TrainConfig, train
from harness.training.experiments import as_tensor, fit
from harness.recipes.small_problems import rings_sets
from harness.recipes.tabular_sets import digits_sets
from harness.declaring.vague_words import VAGUE

DOC = "003_9348410d8d3ffd8d.txt"
ONCE = {"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}}
LOG10_REL = math.log10(1 + VAGUE["better (relative)"].delta)       # a 10% change, on a log10 scale
LOG_NOTE = ("delta: the vague-word table's 'better (relative)' (a 10% change of a time or a count), on "
            "the log10 scale: log10(1.1) = 0.0414.")


# ----------------------------------------------------------------- built-in NumPy vs Python loops
def naive_relu(x):
    out = x.copy()
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            out[i, j] = max(x[i, j], 0.0)
    return out


def naive_add(x, y):
    out = x.copy()
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            out[i, j] += y[i, j]
    return out


def naive_matmul(x, y):
    out = np.zeros((x.shape[0], y.shape[1]))
    for i in range(x.shape[0]):
        for j in range(y.shape[1]):
            out[i, j] = sum(x[i, k] * y[k, j] for k in range(x.shape[1]))
    return out


def loop_vs_builtin(ctx):
    """Per seed: CPU seconds of the slides' naive loops (relu, add; a triple-loop matmul) against
    np.maximum, + and @ on the same random float64 arrays; the builtin time is the mean of `reps`
    calls (one call is below the clock's resolution). Loop and builtin order alternates by seed."""
    s = ctx.sizes
    loop_t, np_t, max_diff = [], [], []
    for i, seed in enumerate(ctx.seeds):
        rng = ctx.rng(seed, "data")
        x, y = rng.standard_normal((s["n"], s["n"])), rng.standard_normal((s["n"], s["n"]))
        a, b = rng.standard_normal((s["m"], s["m"])), rng.standard_normal((s["m"], s["m"]))

        def loops():
            return naive_relu(x), naive_add(x, y), naive_matmul(a, b)

        def builtin():
            return np.maximum(x, 0.0), x + y, a @ b

        def timed(fn, reps):
            with Clock("cpu") as c:
                for _ in range(reps):
                    out = fn()
            return c.seconds / reps, out

        order = [("loop", loops, 1), ("np", builtin, s["reps"])]
        res = dict((name, timed(fn, reps)) for name, fn, reps in (order if i % 2 == 0 else order[::-1]))
        loop_t.append(math.log10(res["loop"][0]))
        np_t.append(math.log10(max(res["np"][0], 1e-9)))
        max_diff.append(max(float(np.abs(p - q).max()) for p, q in zip(res["loop"][1], res["np"][1])))
    ctx.note("max_abs_difference_loop_vs_builtin", max(max_diff))
    return {"python_loop_log10_seconds": loop_t, "numpy_builtin_log10_seconds": np_t}


VECTORIZED = Claim(
    id="numpy-builtin-ops-faster-than-python-loops",
    measures_time=True,
    statement="NumPy's built-in operations (np.maximum, +, @, which delegate to optimized C/BLAS routines) run "
              "the slides' element-wise relu, addition and a matrix product faster than the same operations "
              "written as Python loops over the entries (by more than 10% of the time).",
    sources=(Source(DOC, "2.3.1 Element-wise Operations", (512, 516),
                    "With Numpy arrays, these operations are available as well-optimized built-in Numpy functions"),),
    kind=Kind.COMPARATIVE, topic="tensors", metric="log10 CPU seconds per call (relu + add of 64x64, matmul of 24x24)",
    arms=("python_loop_log10_seconds", "numpy_builtin_log10_seconds"), direction="greater", delta=LOG10_REL,
    experiment=loop_vs_builtin,
    sizes={"smoke": {"seeds": (12,), "n": 16, "m": 8, "reps": 20},
           "ci": {"seeds": (12, 24), "n": 64, "m": 24, "reps": 100},
           "full": {"seeds": (20, 40), "n": 128, "m": 64, "reps": 100}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured supported (ci, 12 seeds): log10 seconds loop - builtin = +2.95 [2.921, 2.967]; means python_loop_log10_seconds -2.252, numpy_builtin_log10_seconds -5.202 (about 890x; a timing: re-measured numbers move in the last digits)",
    notes=LOG_NOTE + " The slides claim no number; the loops are the slides' naive_relu/naive_add pattern "
          "(section 2.3.1) and a triple loop for the product. Both compute the same values (the largest "
          "difference is stored as a note). CPU process time, one thread.",
)


# ----------------------------------------------------------------- sigmoid outputs are never zero centred
def gradient_signs(ctx):
    """A linear neuron fed by sigmoid outputs (all in (0, 1)): for every example, the gradient of its
    squared error with respect to each weight, by autograd in float64, has the sign of the error
    signal delta = 2 (w.x + b - t) for every weight (so one example moves all weights the same way).
    One error per example: 1 if its weight gradients have mixed signs. Beside it (a note, not the
    verdict): the share of examples with mixed signs when the inputs are tanh outputs instead."""
    s = ctx.sizes
    g = ctx.generator(ctx.seeds[0], "data")
    Z = torch.randn(s["cases"], s["inputs"], generator=g, dtype=torch.float64) * 3
    w = torch.randn(s["inputs"], generator=g, dtype=torch.float64)
    b = torch.randn((), generator=g, dtype=torch.float64)
    t = torch.randn(s["cases"], generator=g, dtype=torch.float64)

    def per_example(x):
        W = w.expand(s["cases"], -1).clone().requires_grad_(True)
        out = (W * x).sum(1) + b
        (grad,) = torch.autograd.grad(((out - t) ** 2).sum(), W)
        delta = 2 * (out.detach() - t)
        same = (torch.sign(grad) == torch.sign(delta).unsqueeze(1)).all(1)
        return (~same).double()

    x = torch.sigmoid(Z)
    ctx.note("sigmoid_output_range", [float(x.min()), float(x.max())])
    ctx.note("tanh_inputs_share_with_mixed_gradient_signs", float(per_example(torch.tanh(Z)).mean()))
    return {"error": per_example(x).tolist()}


SIGMOID_SIGNS = Claim(
    id="sigmoid-outputs-not-zero-centered-give-same-sign-weight-gradients",
    statement="The sigmoid's output is not zero centred (0 < output < 1), so for a neuron fed by sigmoid outputs "
              "the gradients of one example's loss with respect to all its input weights share one sign: each "
              "update moves all of them in the same direction.",
    sources=(Source(DOC, "Sigmoid Activation function", (1003, 1007),
                    "Its output isn't zero centered ($0 < \\text{output} < 1$) ... makes the gradient updates "
                    "go too far in different directions"),),
    kind=Kind.IDENTITY, topic="numerics", metric="examples whose weight gradients have mixed signs (0/1 each)",
    direction="holds", tolerance=0.0, experiment=gradient_signs,
    sizes={"smoke": {"seeds": 1, "cases": 50, "inputs": 10}, "ci": {"seeds": 1, "cases": 1000, "inputs": 10},
           "full": {"seeds": 1, "cases": 10000, "inputs": 10}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured (ci): max error 0 over 1000 cases (with tanh inputs 99.9% of the examples have mixed gradient signs)",
    notes="The mechanism under 'makes the gradient updates go too far in different directions' (zig-zag): "
          "with all-positive inputs dL/dw_i = delta * x_i has the sign of delta for every i. The slide's "
          "consequence ('slow convergence') is not decided here; the share of mixed-sign examples with tanh "
          "inputs is stored as a note for contrast.",
)


# ----------------------------------------------------------------- the normalization slide's formulas
def scaling_formulas(ctx):
    """The slide's three formulas in float64 on the 13 Boston housing features against scikit-learn:
    standardization (x - mean) / std vs StandardScaler; min-max (x - min) / (max - min) vs
    MinMaxScaler; mean normalization (x - mean) / (max - min) has mean 0 and range exactly 1. Plus:
    standardized outputs include negative values (0 if some are negative, else 1)."""
    from sklearn.preprocessing import MinMaxScaler, StandardScaler
    X = np.asarray(ctx.data(tabular.boston).X, dtype=np.float64)
    mean, std, lo, hi = X.mean(0), X.std(0), X.min(0), X.max(0)
    standard = (X - mean) / std
    minmax = (X - lo) / (hi - lo)
    meannorm = (X - mean) / (hi - lo)
    errors = [float(np.abs(standard - StandardScaler().fit_transform(X)).max()),
              float(np.abs(minmax - MinMaxScaler().fit_transform(X)).max()),
              float(np.abs(meannorm.mean(0)).max()),
              float(np.abs((meannorm.max(0) - meannorm.min(0)) - 1).max()),
              0.0 if (standard < 0).any() else 1.0]
    ctx.note("standardized_share_negative", float((standard < 0).mean()))
    return {"error": errors}


SCALING = Claim(
    id="normalization-slide-formulas-standard-minmax-mean",
    statement="The normalization slide's formulas do what it says: standardization gives zero mean and unit "
              "variance (and negative outputs), rescaling (min-max) maps each feature onto [0, 1], and mean "
              "normalization x' = (x - average(x)) / (max(x) - min(x)) gives zero mean and a range of exactly 1; "
              "the first two equal scikit-learn's StandardScaler and MinMaxScaler.",
    sources=(Source(DOC, "Normalization / Standardization / Feature Scaling", (1332, 1350),
                    "Output can be -ve"),
             Source(DOC, "Normalization / Standardization / Feature Scaling", (1332, 1350),
                    "Mean normalization")),
    kind=Kind.IDENTITY, topic="workflow", metric="largest absolute deviation from the formula's property",
    direction="holds", tolerance=1e-12, experiment=scaling_formulas, sizes=ONCE,
    expect=Verdict.SUPPORTED,
    expect_reason="measured (ci): max error 2.3e-15 over 5 cases (59% of the standardized values are negative)",
    notes="Data: the 506 x 13 Boston housing features (the boston wheel's CSV). 'Works well for populations "
          "that are normally distributed' and 'very fast' are not decided here.",
)


# ----------------------------------------------------------------- feature scaling and an SVM
def svm_iterations(ctx):
    """Per seed: a stratified 80% subsample of breast cancer (569 x 30); an RBF SVC (C=1, gamma='scale')
    fitted on the raw features and on StandardScaler'd features (scaler fitted on the subsample);
    libsvm's solver iterations (n_iter_, deterministic for given data) and the CPU seconds of the fit."""
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import SVC
    ds = ctx.data(tabular.sklearn_set, "breast_cancer")
    X, y = np.asarray(ds.X, dtype=np.float64), np.asarray(ds.y)
    out = {"raw_log10_solver_iterations": [], "scaled_log10_solver_iterations": [],
           "raw_fit_cpu_seconds": [], "scaled_fit_cpu_seconds": [], "raw_support_vectors": [],
           "scaled_support_vectors": []}
    for seed in ctx.seeds:
        rng = ctx.rng(seed, "split")
        keep = np.concatenate([rng.permutation(np.flatnonzero(y == c))[: int(round(0.8 * (y == c).sum()))]
                               for c in np.unique(y)])
        Xs, ys = X[keep], y[keep]
        for name, data in (("raw", Xs), ("scaled", StandardScaler().fit_transform(Xs))):
            with Clock("cpu") as c:
                svc = SVC(kernel="rbf", C=1.0, gamma="scale").fit(data, ys)
            out[f"{name}_log10_solver_iterations"].append(math.log10(int(np.sum(svc.n_iter_))))
            out[f"{name}_fit_cpu_seconds"].append(c.seconds)
            out[f"{name}_support_vectors"].append(int(svc.n_support_.sum()))
    return out


SVM_SCALING = Claim(
    id="feature-scaling-cuts-svm-solver-iterations",
    statement="In support vector machines, feature scaling reduces the time to find the support vectors: an RBF "
              "SVC needs more solver iterations (by more than 10%) on breast cancer's raw features than on "
              "standardized ones.",
    sources=(Source(DOC, "Normalization / Standardization / Feature Scaling", (1353, 1353),
                    "In support vector machines, it can reduce the time to find support vectors"),),
    kind=Kind.COMPARATIVE, topic="workflow", metric="log10 libsvm solver iterations (n_iter_)",
    arms=("raw_log10_solver_iterations", "scaled_log10_solver_iterations"), direction="greater",
    delta=LOG10_REL, experiment=svm_iterations,
    sizes={"smoke": {"seeds": (12,)}, "ci": {"seeds": (12, 24)}, "full": {"seeds": (20, 40)}},
    expect=Verdict.REFUTED,
    expect_reason="measured refuted (ci, 12 seeds): log10 iterations raw - scaled = -0.2994 [-0.3184, -0.2778]; means raw_log10_solver_iterations 1.974, scaled_log10_solver_iterations 2.273 (raw features take about half the iterations of standardized ones with gamma='scale')",
    notes=LOG_NOTE + " Time as solver iterations (deterministic for given data; CPU seconds of each fit "
          "are stored beside it but do not decide). scikit-learn's SVC defaults (C=1, gamma='scale').",
)


# ----------------------------------------------------------------- correlated features slow gradient descent
def gd_steps(ctx):
    """Per seed: n points with two standardized features of correlation rho (and an uncorrelated copy of
    the design, same noise), y = x1 - x2 + N(0, 0.5^2); a single linear neuron (the most basic network)
    trained by full-batch gradient descent on the mean squared error with its stable step 1/L
    (L = 2 (1 + |rho|), the largest eigenvalue of the population Hessian). Steps until the training
    loss is within 0.1% of the least-squares optimum (epochs + 1 if never)."""
    s = ctx.sizes
    out = {}
    for name, rho in (("correlated", s["rho"]), ("uncorrelated", 0.0)):
        Xs, ys, best = [], [], []
        for seed in ctx.seeds:
            rng = ctx.rng(seed, "data")
            z = rng.standard_normal((s["n"], 2))
            noise = rng.standard_normal(s["n"]) * 0.5
            x = np.column_stack([z[:, 0], rho * z[:, 0] + math.sqrt(1 - rho ** 2) * z[:, 1]])
            y = x[:, 0] - x[:, 1] + noise
            A = np.column_stack([x, np.ones(s["n"])])
            coef = np.linalg.lstsq(A, y, rcond=None)[0]
            best.append(float(np.mean((A @ coef - y) ** 2)))
            Xs.append(x)
            ys.append(y)
        X, y = as_tensor(np.stack(Xs), torch.float64), as_tensor(np.stack(ys), torch.float64)
        model = BatchedMLP((2, 1), ctx.stream("init"), device=ctx.device, dtype=torch.float64)
        cfg = TrainConfig(epochs=s["epochs"], lr=1.0 / (2 * (1 + abs(rho))), batch_size=None, loss="mse",
                          shuffle=False)
        hist = train(model, X.to(ctx.device), y.to(ctx.device), cfg, ctx.stream("order"))
        rel = hist.train_loss.double().cpu() / torch.tensor(best, dtype=torch.float64).unsqueeze(1) - 1
        hit = rel <= s["tol"]
        steps = torch.where(hit.any(1), hit.double().argmax(1).double(), torch.full((len(best),), s["epochs"] + 1.0))
        out[f"{name}_log10_steps"] = torch.log10(steps.clamp(min=1)).tolist()
    return out


CORRELATED = Claim(
    id="correlated-features-slow-gradient-descent",
    statement="Basic network training is slower when two features are highly correlated: a linear neuron trained "
              "by full-batch gradient descent needs more steps (by more than 10%) to reach the least-squares "
              "loss when its two standardized features have correlation 0.9 than when they are uncorrelated.",
    sources=(Source(DOC, "4.1.2 Unsupervised Learning", (1423, 1425),
                    "basic NN training is slower when two features are highly correlated"),),
    kind=Kind.COMPARATIVE, topic="optimization", metric="log10 gradient-descent steps to within 0.1% of the optimum",
    arms=("correlated_log10_steps", "uncorrelated_log10_steps"), direction="greater", delta=LOG10_REL,
    experiment=gd_steps,
    sizes={"smoke": {"seeds": (12,), "n": 500, "rho": 0.9, "epochs": 300, "tol": 1e-3},
           "ci": {"seeds": (12, 24), "n": 2000, "rho": 0.9, "epochs": 1000, "tol": 1e-3},
           "full": {"seeds": (20, 40), "n": 2000, "rho": 0.9, "epochs": 1000, "tol": 1e-3}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured supported (ci, 12 seeds): log10 steps correlated - uncorrelated = +1.52 [1.486, 1.609]; means correlated_log10_steps 1.796, uncorrelated_log10_steps 0.2759 (about 63 steps against 2)",
    notes=LOG_NOTE + " Each arm uses the largest stable constant step for its own features (1/L), so the "
          "comparison is of conditioning, not of a shared learning rate. 'Highly correlated' read as 0.9. "
          "Steps counted from the loss recorded before each update (step 0 = the initial loss).",
)


# ----------------------------------------------------------------- the final model on all non-test data
DIGITS_NET = (64, 64, 10)


def retrain_all_nontest(ctx):
    """Per seed: digits split stratified into 360 test rows and 1,437 others; the first 1,077 of those
    (a random 60% of all rows) are the training part, the other 360 the validation part. The same net
    and epochs trained on the training part only, and retrained from scratch on training + validation."""
    s = ctx.sizes
    (X, y), test = digits_sets(ctx, 360, stratify=True)
    cfg = TrainConfig(epochs=s["epochs"], lr=0.1, batch_size=32, optimizer="sgd")
    n_train = X.shape[1] - 360
    part = fit(ctx, DIGITS_NET, X[:, :n_train], y[:, :n_train], cfg, evals={"test": test}, fast=True)
    full = fit(ctx, DIGITS_NET, X, y, cfg, evals={"test": test}, fast=True)
    return {"train_plus_validation_test_accuracy": full["test"].tolist(),
            "train_only_test_accuracy": part["test"].tolist()}


RETRAIN = Claim(
    id="final-model-on-all-non-test-data-beats-train-only",
    statement="Training the final model from scratch on all non-test data (training + validation) gives a better "
              "test accuracy (by at least 1 point) than the same model trained on the training part only "
              "(digits, 64-64-10 MLP, 30 epochs).",
    sources=(Source(DOC, "Listing 4.1 Hold-out validation", (1562, 1594),
                    "Once you've tuned your hyperparameters, it's common to train your final model from scratch "
                    "on all non-test data available."),),
    kind=Kind.COMPARATIVE, topic="workflow", metric="test accuracy (fraction, 360 held-out digits)",
    arms=("train_plus_validation_test_accuracy", "train_only_test_accuracy"), direction="greater",
    delta=VAGUE["better"].delta, experiment=retrain_all_nontest,
    sizes={"smoke": {"seeds": (12,), "epochs": 3}, "ci": {"seeds": (12, 24), "epochs": 30},
           "full": {"seeds": (20, 40), "epochs": 30}},
    expect=Verdict.INCONCLUSIVE,
    expect_reason="measured inconclusive (ci, 24 seeds): train+validation - train only = +0.0034 [0.0012, 0.0058]; means train_plus_validation_test_accuracy 0.964, train_only_test_accuracy 0.9606 (a gain, but of a third of a point, not shown to reach 1 point nor shown below it at alpha)",
    notes="The slide gives the practice, not its benefit; the benefit it implies (more data, a better final "
          "model) is read with the vague-word table's 'better' (1 point). Digits (8x8, the offline MNIST "
          "stand-in), 60/20/20 split, ReLU, SGD lr 0.1, batch 32; the epochs are fixed for both arms rather "
          "than tuned on the validation part, so the retrained model also makes a third more updates, as "
          "the listing's retraining does.",
)


# ----------------------------------------------------------------- the last hidden layer uncrumples the rings
def probe_vs_raw(ctx):
    """Per seed: two noisy concentric rings (radii 10 and 15, noise 2; not linearly separable in the
    plane). A logistic regression on the raw (x, y) and one on the trained 2-32-32-2 MLP's last hidden
    layer (the same training rows, Adam lr 0.01); both scored on the same held-out points."""
    from sklearn.linear_model import LogisticRegression
    s = ctx.sizes
    (X, y), (Xt, yt) = rings_sets(ctx, s["n_per_ring"], s["n_test"])
    f = fit(ctx, (2, 32, 32, 2), X, y, TrainConfig(epochs=s["epochs"], lr=0.01, batch_size=64, optimizer="adam"),
            evals={"test": (Xt, yt)}, fast=True)
    f.model.eval()
    with torch.no_grad():
        H = f.model(X.to(ctx.device), return_hidden=True)[1][-1].cpu().numpy()
        Ht = f.model(Xt.to(ctx.device), return_hidden=True)[1][-1].cpu().numpy()
    probe, raw = [], []
    for k in range(len(ctx.seeds)):
        for feats, feats_t, dest in ((H[k], Ht[k], probe), (X[k].numpy(), Xt[k].numpy(), raw)):
            lr = LogisticRegression(max_iter=2000).fit(feats, y[k].numpy())
            dest.append(float(lr.score(feats_t, yt[k].numpy())))
    return {"hidden_layer_linear_probe_test_accuracy": probe, "raw_input_logistic_test_accuracy": raw,
            "mlp_test_accuracy": f["test"].tolist()}


UNCRUMPLE = Claim(
    id="mlp-hidden-layer-makes-rings-linearly-separable",
    statement="A network learns a transformation that uncrumples the data so the two classes become cleanly "
              "separable: a linear classifier on a trained MLP's last hidden layer separates two concentric rings "
              "much better (by at least 5 points of test accuracy) than one on the raw coordinates.",
    sources=(Source(DOC, "2.3.6 A Geometric Interpretation of Deep Learning", (631, 638),
                    "What a neural network (or any other machine-learning model) is meant to do is figure out a "
                    "transformation of the paper ball that would uncrumple it, so as to make the two classes "
                    "cleanly separable again"),),
    kind=Kind.COMPARATIVE, topic="architecture", metric="test accuracy (fraction) of a logistic regression",
    arms=("hidden_layer_linear_probe_test_accuracy", "raw_input_logistic_test_accuracy"), direction="greater",
    delta=VAGUE["much better"].delta, experiment=probe_vs_raw,
    sizes={"smoke": {"seeds": (12,), "n_per_ring": 200, "n_test": 100, "epochs": 5},
           "ci": {"seeds": (12, 24), "n_per_ring": 500, "n_test": 400, "epochs": 40},
           "full": {"seeds": (20, 40), "n_per_ring": 500, "n_test": 400, "epochs": 40}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured supported (ci, 12 seeds): probe - raw = +0.3833 [0.3596, 0.4067]; means hidden_layer_linear_probe_test_accuracy 0.8919, raw_input_logistic_test_accuracy 0.5085",
    notes="'Cleanly separable' read as the vague-word table's 'much better' (5 points) for the probe over the "
          "raw-input linear model; the MLP's own test accuracy is stored beside. Rings from "
          "fixtures.synthetic (the paper ball's two sheets stand-in).",
)


# ----------------------------------------------------------------- shallow vs deep on raw pixels
def shallow_vs_deep(ctx):
    """Per seed: digits, stratified 360 test rows; softmax regression (a 64-10 net: the classical shallow
    model) and a 64-128-128-10 ReLU MLP, both on the raw pixels, same optimizer (Adam lr 1e-3, batch 32)
    and epochs."""
    s = ctx.sizes
    train_set, test = digits_sets(ctx, 360, stratify=True)
    cfg = TrainConfig(epochs=s["epochs"], lr=1e-3, batch_size=32, optimizer="adam")
    deep = fit(ctx, (64, 128, 128, 10), *train_set, cfg, evals={"test": test}, fast=True)
    shallow = fit(ctx, (64, 10), *train_set, cfg, evals={"test": test}, fast=True)
    return {"mlp_raw_pixels_test_accuracy": deep["test"].tolist(),
            "softmax_regression_raw_pixels_test_accuracy": shallow["test"].tolist()}


SHALLOW = Claim(
    id="shallow-model-on-raw-pixels-worse-than-deep",
    statement="Classical shallow algorithms do not have hypothesis spaces rich enough to learn useful features by "
              "themselves: on raw digit pixels a softmax regression scores a lower test accuracy (by at least 1 "
              "point) than an MLP that learns its own features.",
    sources=(Source(DOC, "4.3.2 Feature Engineering", (1799, 1815),
                    "Classical shallow algorithms don't have hypothesis spaces rich enough to learn useful features "
                    "by themselves"),),
    kind=Kind.COMPARATIVE, topic="workflow", metric="test accuracy (fraction, 360 held-out digits)",
    arms=("mlp_raw_pixels_test_accuracy", "softmax_regression_raw_pixels_test_accuracy"), direction="greater",
    delta=VAGUE["better"].delta, experiment=shallow_vs_deep,
    sizes={"smoke": {"seeds": (12,), "epochs": 3}, "ci": {"seeds": (12, 24), "epochs": 40},
           "full": {"seeds": (20, 40), "epochs": 40}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured supported (ci, 12 seeds): MLP - softmax regression = +0.0373 [0.0306, 0.0437]; means mlp_raw_pixels_test_accuracy 0.9697, softmax_regression_raw_pixels_test_accuracy 0.9324",
    notes="Digits (8x8, the offline MNIST stand-in). The slide's hand-crafted MNIST features (loops, height, "
          "pixel histogram) are history and are not rebuilt; the claim tests the reason it gives for them. "
          "'Not rich enough' read as 'worse' with the vague-word table's 'better' (1 point).",
)


# ----------------------------------------------------------------- not executable here
UNEXECUTABLE = [
    Unexecutable(
        id="relu-dense-stack-performs-well-on-vectors",
        statement="For vector inputs and scalar (0/1) labels, a type of network that performs well is a simple stack of "
                  "fully connected layers with relu activations.",
        sources=(Source(DOC, "3.4.3 Building Your Network", (949, 953),
                        "A type of network that performs well on such a problem is a simple stack of fully connected "
                        "(Dense) layers with relu activations"),),
        reason="a recommendation with no criterion: 'performs well' names neither a level nor an alternative to beat. "
               "What the slides' 16-16-1 relu stack does on the IMDB stand-in is tested by claims/text (e.g. "
               "imdb-net-fits-training-data-far-better-than-validation, imdb-retrain-for-validation-chosen-epochs-"
               "beats-20-epochs); the hidden layers' worth against no hidden layer is shallow-model-on-raw-pixels-"
               "worse-than-deep on digits",
        topic="text"),
]
