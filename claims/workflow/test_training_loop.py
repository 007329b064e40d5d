"""Document 003 (1.1, 1.3, 2.4, the TF1 example): how training works and why depth took off.

- identities: backprop's gradients are the true derivatives (finite differences, float64); one
  step against the gradient lowers the batch loss; constant initialisation keeps a layer's units
  identical (why the slides start from small random values);
- the raw TF1 linear regression's loop, run in torch (per-sample gradient descent on the 17
  printed points) against closed-form least squares;
- comparisons on scikit-learn's 8x8 digits (1,797 images; the MNIST stand-in, offline): depth 2 vs
  4 for the "shallow learning" remark, and the 'algorithmic advances' (ReLU + Adam vs sigmoid +
  SGD) on a deep net. All trained K seeds at once by harness.training.engine.
"""

import numpy as np
import torch
import torch.nn.functional as F

from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.training.engine import BatchedMLP, TrainConfig, train
from harness.training.experiments import fit
from harness.training.scalar_gd import descend
from harness.recipes.shared_runs import once
from harness.recipes.tabular_sets import TF1_X, TF1_Y, digits_sets, tf1_least_squares
from harness.declaring.vague_words import VAGUE

DOC = "003_9348410d8d3ffd8d.txt"
ONE = {p: {"seeds": 1} for p in ("smoke", "ci", "full")}


# ------------------------------------------------------------------ backprop = true gradient
def backprop_errors(ctx):
    rng = ctx.rng(ctx.seeds[0], "net")
    errors = []
    for _ in range(5):
        net = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3)).double()
        with torch.no_grad():
            for p in net.parameters():
                p.copy_(torch.as_tensor(rng.standard_normal(p.shape)))
        x = torch.as_tensor(rng.standard_normal((16, 4)))
        y = torch.as_tensor(rng.integers(0, 3, 16))
        net.zero_grad()
        F.cross_entropy(net(x), y).backward()
        for p in net.parameters():
            flat = p.data.view(-1)
            for i in range(flat.numel()):          # central differences, one coordinate at a time
                old = flat[i].item()
                flat[i] = old + 1e-6
                up = F.cross_entropy(net(x), y).item()
                flat[i] = old - 1e-6
                down = F.cross_entropy(net(x), y).item()
                flat[i] = old
                errors.append(abs(p.grad.view(-1)[i].item() - (up - down) / 2e-6))
    return {"error": errors}


BACKPROP = Claim(
    id="backprop-gradient-matches-finite-differences",
    statement="Backpropagation gives the optimizer the true gradient of the loss score with respect to every "
              "weight: autograd's gradients of a 4-8-3 tanh net's cross-entropy equal central finite differences.",
    sources=(Source(DOC, "1.1.5 How Does Machine Learning (or DL) Work?", (123, 125),
                    "The loss score is used as a feedback signal to adjust the weights ... Optimizer implements the "
                    "Backpropagation algorithm: the central algorithm in deep learning"),),
    kind=Kind.IDENTITY, topic="workflow",
    metric="|autograd - central difference (h = 1e-6)| per weight, 5 random nets, float64",
    direction="holds", tolerance=1e-7, experiment=backprop_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured: every one of 315 partial derivatives within 1e-9",
    notes="Strictly, backprop computes the gradient and the optimizer consumes it; the slide merges the two.",
)


# ------------------------------------------------------------------ one step against the gradient
def descent_step_errors(ctx):
    rng = ctx.rng(ctx.seeds[0], "batches")
    errors, literal_down = [], 0
    step = 1e-3
    for _ in range(100):
        A = torch.as_tensor(rng.standard_normal((32, 10)))
        t = torch.as_tensor(rng.standard_normal(32))
        w = torch.as_tensor(rng.standard_normal(10), dtype=torch.float64).requires_grad_(True)
        loss = lambda v: ((A @ v - t) ** 2).mean()          # noqa: E731
        l0 = loss(w)
        g, = torch.autograd.grad(l0, w)
        w0 = w.detach().clone()
        opt = torch.optim.SGD([w], lr=step)
        w.grad = g.clone()
        opt.step()
        errors.append(float((w.detach() - (w0 - step * g)).abs().max()))
        errors.append(max(0.0, loss(w.detach()).item() - l0.item()))     # the batch loss went down
        literal_down += int(loss(step * g).item() < l0.item())           # the printed 'w := step * gradient'
    ctx.note("share of batches where the printed 'w := step * gradient' lowers the loss", literal_down / 100)
    return {"error": errors}


DESCENT_STEP = Claim(
    id="step-against-gradient-reduces-batch-loss",
    statement="Moving the parameters a little against the gradient (w := w - step * gradient, torch's SGD step) "
              "lowers the loss on the batch: on 100 random least-squares batches with step 1e-3 it always does.",
    sources=(Source(DOC, "2.4 The Engine of NNs: Gradient-based Optimization", (663, 668),
                    "Training loop: ... Compute the gradient of the loss with regard to the network's parameters "
                    "(backward pass) ... Move the parameters a little in the opposite direction from the "
                    "gradient—for example $w := step * gradient$ —thus reducing the loss on the batch a bit"),),
    kind=Kind.IDENTITY, topic="workflow",
    metric="|SGD step - (w - step g)| (float64 rounding allowed); loss increase after the step",
    direction="holds", tolerance=1e-12, experiment=descent_step_errors, sizes=ONE,
    expect=Verdict.SUPPORTED,
    expect_reason="measured: torch's step is exactly w - step g and lowered the loss on all 100 batches",
    notes="The printed formula 'w := step * gradient' drops 'w -' (a typo, read as intended here); taken literally it "
          "replaces the weights by a tiny vector, which lowers the loss only by accident (share noted).",
)


# ------------------------------------------------------------------ random initialisation
def _constant_init(model: BatchedMLP, value: float) -> BatchedMLP:
    with torch.no_grad():
        for w in model.weights:
            w.fill_(value)
        for b in model.biases:
            b.zero_()
    return model


INIT_CFG = dict(epochs=30, lr=0.1, batch_size=128, optimizer="sgd")


def init_fits(ctx):
    """Both arms on the same splits and batch orders: torch's random init and all-0.01 weights."""
    (Xtr, ytr), (Xte, yte) = digits_sets(ctx, 450, stratify=True)
    cfg = TrainConfig(**ctx.sizes["cfg"])
    rand = fit(ctx, (64, 32, 10), Xtr, ytr, cfg, evals={"test": (Xte, yte)})
    const = _constant_init(BatchedMLP((64, 32, 10), ctx.stream("init"), device=ctx.device), 0.01)
    hist = train(const, Xtr.to(ctx.device), ytr.to(ctx.device), cfg, ctx.stream("order"),
                 eval_sets={"test": (Xte.to(ctx.device), yte.to(ctx.device))})
    W1 = const.weights[0].detach()                       # (K, 64, 32): column j = hidden unit j's weights
    return {"random_init": rand["test"].tolist(), "constant_init": hist.final("test").tolist(),
            "unit_spread": (W1 - W1[:, :, :1]).abs().amax(dim=(1, 2)).tolist(),
            "moved": (W1 - 0.01).abs().amax(dim=(1, 2)).tolist()}


def symmetry_errors(ctx):
    f = once(ctx, "init-digits", "init_fits", init_fits)
    ctx.note("how far training moved the weights (max |w - 0.01|)", f["moved"])
    ctx.note("test accuracy with constant init", f["constant_init"])
    return {"error": f["unit_spread"]}


INIT_REDESIGN = ("2026-12-07, before any pin: batch 64 -> 128 and both claims share one set of fits, for the CI "
                 "budget; first run (batch 64): units identical (spread 0), random - constant +0.68 [0.66, 0.70]")
INIT_SIZES = {"smoke": {"seeds": (12,), "cfg": dict(INIT_CFG, epochs=2)}, "ci": {"seeds": (12, 24), "cfg": INIT_CFG},
              "full": {"seeds": (24, 48), "cfg": INIT_CFG}}


SYMMETRY = Claim(
    id="constant-init-keeps-hidden-units-identical",
    statement="Random initialization is what lets units differ: started from equal weights (all 0.01, zero biases), "
              "the 32 hidden units of a 64-32-10 net on digits receive identical gradients and stay identical "
              "through 30 epochs of SGD, so the layer acts as one unit.",
    sources=(Source(DOC, "2.4 The Engine of NNs: Gradient-based Optimization", (650, 651),
                    "Initially, these weight matrices are filled with small random values (a step called random "
                    "initialization) - Training is the gradual adjustment of the weights"),),
    kind=Kind.IDENTITY, topic="workflow",
    metric="max |w_ij - w_i0| over the first layer's hidden units after training, per seed (12 seeds)",
    direction="holds", tolerance=1e-6, experiment=symmetry_errors,
    sizes=INIT_SIZES, redesigned=INIT_REDESIGN,
    expect=Verdict.SUPPORTED,
    expect_reason="measured: the units differ by exactly 0 after 30 epochs on every seed, while the weights moved",
)


def init_comparison(ctx):
    f = once(ctx, "init-digits", "init_fits", init_fits)
    return {"random_init": f["random_init"], "constant_init": f["constant_init"]}


INIT_COMPARE = Claim(
    id="random-init-beats-constant-init",
    statement="Starting from small random weights (torch's default) trains a 64-32-10 digits net to better test "
              "accuracy than starting from equal weights (all 0.01), same data, order and 30 epochs of SGD.",
    sources=(Source(DOC, "2.4 The Engine of NNs: Gradient-based Optimization", (650, 650),
                    "Initially, these weight matrices are filled with small random values (a step called random "
                    "initialization)"),),
    kind=Kind.COMPARATIVE, topic="workflow", metric="test accuracy (fraction), 450 held-out digits",
    arms=("random_init", "constant_init"), direction="greater", delta=VAGUE["better"].delta,
    experiment=init_comparison,
    sizes=INIT_SIZES, redesigned=INIT_REDESIGN,
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): random - constant = +0.73 [0.73, 0.74] test accuracy; the constant-init net behaves as one hidden unit; seed family 2718: +0.73 [0.73, 0.74], supported",
    notes="delta: the unqualified 'better' (the slide says why random values are used, not by how much).",
)


# ------------------------------------------------------------------ the TF1 loop, in torch
def tf_gd_errors(ctx):
    """The loop in float64 via harness.training.scalar_gd: state (W, b) per init, one point per step, in order."""
    n = len(TF1_X)
    s = ctx.sizes
    starts = np.array([ctx.rng(seed, "randn").standard_normal(2) for seed in ctx.seeds])   # rng.randn() x 2
    step = iter(range(10 ** 9))

    def grad(wb):       # gradient of (x W + b - y)^2 / (2 n) at the next point of the epoch's pass
        i = next(step) % n
        r = wb[:, 0] * TF1_X[i] + wb[:, 1] - TF1_Y[i]
        return np.stack([r * TF1_X[i], r], axis=1) / n

    W, b = descend(grad, starts, s["lr"], s["epochs"] * n).final.T
    cost = np.sum((np.outer(W, TF1_X) + b[:, None] - TF1_Y) ** 2, axis=1) / (2 * n)
    w_ols, b_ols, c_ols = tf1_least_squares()
    ctx.note("least squares W, b, cost", [w_ols, b_ols, c_ols])
    ctx.note("final W per init", W.tolist())
    ctx.note("final b per init", b.tolist())
    ctx.note("final cost per init", cost.tolist())
    return {"error": ((cost - c_ols) / c_ols).tolist()}


TF_GD = Claim(
    id="tf-linear-regression-gd-reaches-least-squares",
    statement="The raw TensorFlow example's loop (one gradient-descent step per point per epoch on cost = "
              "sum((pred - Y)^2)/(2n), from rng.randn() initial W and b), with the upstream notebook's "
              "learning_rate 0.01 and 1,000 epochs, fits the 17 printed points: its final cost is within 1% of "
              "the least-squares minimum 0.07693.",
    sources=(Source(DOC, "Tensorflow vs Keras", (722, 767),
                    "W = tf.Variable(rng.randn(), name=\"weight\") ... cost = tf.reduce_sum(tf.pow(pred-Y, 2))/"
                    "(2*n_samples) ... optimizer = tf.train.GradientDescentOptimizer(learning_rate).minimize(cost) "
                    "... for epoch in range(training_epochs): ... for (x, y) in zip(train_X, train_Y): ... "
                    "sess.run(optimizer, feed_dict={X: x, Y: y})"),),
    kind=Kind.IDENTITY, topic="workflow", metric="(final cost - least-squares cost) / least-squares cost, per init",
    direction="holds", tolerance=VAGUE["negligible"].delta, experiment=tf_gd_errors,
    sizes={"smoke": {"seeds": 2, "epochs": 20, "lr": 0.01}, "ci": {"seeds": 12, "epochs": 1000, "lr": 0.01},
           "full": {"seeds": 100, "epochs": 1000, "lr": 0.01}},
    expect=Verdict.REFUTED,
    unmeasured={p: "not pinned: the slide shows the code and states no outcome, and its learning rate and epochs "
                   "come from the upstream notebook, which stops short of convergence itself (it prints cost "
                   "0.0884); a refutation would hold the slide to a result it never claims"
                for p in ("ci", "full")},
    expect_reason="not pinned (see unmeasured). Measured (ci, 12 inits): final cost 0.0770 to 0.0936 against the minimum 0.07693, up to 22% above; only 4 of 12 inits within 1% (final b from 0.28 to 1.25, least squares 0.80)",
    notes="learning_rate and training_epochs are not on the slide; 0.01 and 1,000 are the values of the linked "
          "upstream notebook (aymericdamien/TensorFlow-Examples), which itself prints cost 0.0884 (15% above the "
          "minimum). The inputs are uncentred (mean 6.2), which makes the intercept slow to converge.",
)


# ------------------------------------------------------------------ depth
DEPTH_CFG = {"old": dict(activation="sigmoid", optimizer="sgd", lr=0.1),
             "modern": dict(activation="relu", optimizer="adam", lr=1e-3)}


def depth_fits(ctx):
    """Test accuracy per style (old: sigmoid + SGD 0.1; modern: ReLU + Adam 1e-3) and depth (2, 4)."""
    (Xtr, ytr), (Xte, yte) = digits_sets(ctx, 450, stratify=True)
    s = ctx.sizes
    out = {}
    for style, cfgd in DEPTH_CFG.items():
        cfg = TrainConfig(epochs=s["epochs"], lr=cfgd["lr"], batch_size=s["batch"], optimizer=cfgd["optimizer"])
        for depth in (2, 4):
            f = fit(ctx, (64,) + (s["width"],) * depth + (10,), Xtr, ytr, cfg, evals={"test": (Xte, yte)},
                    activation=cfgd["activation"])
            out[f"{style}_{depth}"] = f["test"].tolist()
    return out


def _arms(**names):
    """An experiment reading two arms of the shared depth fits (computed once per process and look)."""
    def experiment(ctx):
        fits = once(ctx, "depth-digits", "depth_fits", depth_fits)
        return {arm: fits[key] for arm, key in names.items()}
    return experiment


DEPTH_SIZES = {"smoke": {"seeds": (12,), "epochs": 2, "batch": 128, "width": 64},
               "ci": {"seeds": (12, 24), "epochs": 30, "batch": 128, "width": 64},
               "full": {"seeds": (24, 48, 96), "epochs": 100, "batch": 128, "width": 64}}   # plateau control
DEPTH_REDESIGN = ("2026-12-07, before any pin: batch 64 -> 128 and the three claims share one set of fits "
                  "(ADVANCES compares the 4-hidden-layer arms instead of separate 8-layer nets), to fit the CI "
                  "budget; first run (batch 64): modern 2-vs-4 +0.017 [0.013, 0.021], old +0.026 [0.010, 0.052], "
                  "8-layer modern-vs-old +0.75; the new design was then run on seed family 2718 (numbers in expect_reason: the modern 2-vs-4 drop is inconclusive there)")

SHALLOW_SRC = Source(DOC, "1.1.4 The “Deep” in Deep Learning", (74, 76),
                     "Shallow Learning - ML methods that focus on learning only one or two layers of representations "
                     "of the data - After two hidden layers, performance starts to drop")

DEPTH_MODERN = Claim(
    id="performance-drops-after-two-hidden-layers-modern",
    statement="After two hidden layers performance starts to drop: a width-64 ReLU MLP trained with Adam on digits "
              "is more accurate with 2 hidden layers than with 4.",
    sources=(SHALLOW_SRC,), kind=Kind.COMPARATIVE, topic="workflow",
    metric="test accuracy (fraction), 450 held-out digits, 30 epochs, batch 128",
    arms=("depth_2", "depth_4"), direction="greater", delta=VAGUE["better"].delta,
    experiment=_arms(depth_2="modern_2", depth_4="modern_4"), sizes=DEPTH_SIZES,
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 24 seeds): depth 2 - depth 4 = +0.019 [0.015, 0.023] test accuracy; seed family 2718: +0.015 [0.011, 0.021], inconclusive at 24 seeds (same direction, the CI stays above 0 but not clear of the 1-point delta); full profile (100 epochs, the plateau control): +0.009 [0.007, 0.011] at 96 seeds, inconclusive: trained to a plateau the 4-layer net closes most of the gap, so the 30-epoch drop partly reflects its slower training", redesigned=DEPTH_REDESIGN, expect_profiles={"full": Verdict.INCONCLUSIVE},
    contrasts={"deeper-not-necessarily-better": "001 says more depth need not help; this slide says it hurts past 2"},
    notes="delta: an unqualified 'drop' read as the unqualified 'worse' (one point). The bullet describes the "
          "'shallow learning' era; the old-style variant (sigmoid + SGD) is the companion claim.",
)

DEPTH_OLD = Claim(
    id="performance-drops-after-two-hidden-layers-sigmoid-sgd",
    statement="In the pre-deep-learning setting (sigmoid units, plain SGD with lr 0.1), a width-64 MLP on digits "
              "is more accurate with 2 hidden layers than with 4 after the same 30 epochs.",
    sources=(SHALLOW_SRC,), kind=Kind.COMPARATIVE, topic="workflow",
    metric="test accuracy (fraction), 450 held-out digits, 30 epochs, batch 128",
    arms=("depth_2", "depth_4"), direction="greater", delta=VAGUE["better"].delta,
    experiment=_arms(depth_2="old_2", depth_4="old_4"), sizes=DEPTH_SIZES,
    expect=Verdict.INCONCLUSIVE, expect_reason="measured (ci, 24 seeds): depth 2 - depth 4 = +0.036 [0.018, 0.062]; the 4-layer sigmoid runs vary widely across seeds, so 24 seeds cannot exclude a gap below one point; seed family 2718: +0.026 [0.012, 0.045], inconclusive; full profile (100 epochs): +0.35 [0.31, 0.39] at 24 seeds, supported: with enough epochs the 2-layer sigmoid net learns and the 4-layer one still does not", redesigned=DEPTH_REDESIGN, expect_profiles={"full": Verdict.SUPPORTED},
    notes="Neither arm learns much in 30 epochs (depth 2: 0.10-0.28, depth 4: 0.10), so the comparison cannot "
          "decide; equal epochs on purpose: the historical claim is about what the old recipe reached, and deep sigmoid "
          "nets train slowly under it (vanishing gradients), which is the point of 1.3's 'algorithmic advances'.",
)

ADVANCES = Claim(
    id="relu-adam-train-deep-nets-better-than-sigmoid-sgd",
    statement="Better activation functions and optimizers are what made depth work: a 4-hidden-layer width-64 net "
              "on digits reaches better test accuracy with ReLU and Adam than with sigmoid and plain SGD.",
    sources=(Source(DOC, "1.3 Why Deep Learning? Why Now?", (145, 147),
                    "Algorithmic advances - Better activation functions and better weight-initialization schemes - "
                    "Better optimization schemes, such as RMSProp and Adam"),),
    kind=Kind.COMPARATIVE, topic="workflow", metric="test accuracy (fraction), 450 held-out digits, 30 epochs",
    arms=("modern", "old"), direction="greater", delta=VAGUE["better"].delta,
    experiment=_arms(modern="modern_4", old="old_4"), sizes=DEPTH_SIZES,
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): ReLU + Adam - sigmoid + SGD = +0.84 [0.84, 0.85] at 4 hidden layers (the sigmoid net stays near chance in 30 epochs); seed family 2718: +0.85 [0.84, 0.85], supported; full profile (100 epochs): +0.86 [0.86, 0.86], supported", redesigned=DEPTH_REDESIGN, expect_profiles={"full": Verdict.SUPPORTED},
    notes="Both arms use torch's default initialisation; the initialisation half of the bullet is not separated. "
          "The old recipe at this budget (330 SGD steps, lr 0.1) barely learns even at depth 2 (0.10-0.28): the "
          "comparison shows how much faster the modern recipe trains, not a tuned old baseline.",
)
