"""004 (Frank Kane's TensorFlow/Keras course), lecture 2 "Getting Started and Pre-Requisites" (file
line 3): gradient descent, momentum, local minima, reverse-mode autodiff, softmax.

Data: random convex quadratics (float64) for the optimisation facts; scikit-learn's 8x8 digits (the
offline stand-in for MNIST, the course's data set) for the statements about training neural
networks; random logits for softmax. The lecture shows slides only, no code and no numbers.
"""
import math

import numpy as np
import torch

from harness.declaring.claim import Claim, Kind, Source, Unexecutable, Verdict
from harness.training.engine import TrainConfig, evaluate
from harness.training.experiments import fit
from harness.recipes.playground import heavy_ball_steps, spd_quadratic
from harness.recipes.tabular_sets import digits_sets
from harness.declaring.vague_words import VAGUE

DOC = "004_2947cf972490c874.txt"
SEC = "Lecture 2: Getting Started and Pre-Requisites"
LINE = (3, 3)
ONE = {"smoke": {"seeds": 1, "cases": 5}, "ci": {"seeds": 1, "cases": 20}, "full": {"seeds": 1, "cases": 200}}
# 'converge more quickly' on a step count: the vague-word table's relative 'better' (10% fewer steps),
# decided on log(steps), where 10% fewer is a difference of -log(0.9)
LOG_TENTH = -math.log(1 - VAGUE["better (relative)"].delta)


# ------------------------------------------------------------------ gradient descent
def gd_quadratic_errors(ctx):
    """Per random quadratic (d = 20, condition 10, lr = 1/L): the largest rise of f between two steps
    (relative to |f*|) and the final distance to the minimiser A^-1 b after 2,000 steps."""
    rng = ctx.rng(ctx.seeds[0], "quadratics")
    errors = []
    for _ in range(ctx.sizes["cases"]):
        A, b = spd_quadratic(rng, 20, 10.0)
        w_star = np.linalg.solve(A, b)
        lr = 1.0 / np.linalg.eigvalsh(A).max()
        w = np.zeros(20)
        fs = []
        for _ in range(2000):
            fs.append(0.5 * w @ A @ w - b @ w)
            w = w - lr * (A @ w - b)
        fstar = 0.5 * w_star @ A @ w_star - b @ w_star
        rise = max(0.0, float(np.max(np.diff(fs)))) / abs(fstar)
        errors.append(max(rise, float(np.linalg.norm(w - w_star))))
    return {"error": errors}


GD = Claim(
    id="gd-descends-to-the-minimum-of-a-convex-cost",
    statement="Gradient descent pushes the parameters downhill until the error is minimal: on random convex "
              "quadratics (20 parameters, condition number 10) with a step of 1/L, the cost never rises "
              "between steps and the parameters end within 1e-6 of the exact minimiser A^-1 b.",
    sources=(Source(DOC, SEC, LINE, "we keep on pushing those parameters in a given direction until the error "
                    "minimizes itself and starts to come back up some other value, okay, and that's how gradient "
                    "descent works in a nutshell"),),
    kind=Kind.IDENTITY, topic="optimization",
    metric="max(largest rise of f between steps / |f*|, ||w_2000 - A^-1 b||) per quadratic (float64)",
    direction="holds", tolerance=1e-6, experiment=gd_quadratic_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured (ci): largest error 1.9e-15 over 20 quadratics (no rise of f; final distance at float64 "
                  "rounding)",
    notes="The lecture's picture ('until the error ... starts to come back up') is a line search; plain gradient "
          "descent takes fixed steps. With a step below 2/L it descends monotonically on a convex cost.",
)


# ------------------------------------------------------------------ momentum
MOMENTUM_SRC = Source(DOC, SEC, LINE, "So on optimization that we'll talk about later is using the concept of a "
                      "momentum. You can actually have that ball gain speed as it goes down the hill here, if you "
                      "will. And slow down as it reaches the bottom ... That's a way to make it to converge more "
                      "quickly")


def momentum_quadratic(ctx):
    """Per seed: log(steps to f - f* < 1e-6) on a random quadratic (d = 20, condition 100), SGD at lr = 1/L
    with momentum 0.9 and without."""
    out = {"momentum_log_steps": [], "plain_log_steps": []}
    for seed in ctx.seeds:
        A, b = spd_quadratic(ctx.rng(seed, "quadratic"), 20, 100.0)
        lr = 1.0 / np.linalg.eigvalsh(A).max()
        for arm, beta in (("momentum", 0.9), ("plain", 0.0)):
            out[f"{arm}_log_steps"].append(math.log(heavy_ball_steps(A, b, lr, beta, 1e-6, ctx.sizes["max_steps"])))
    return out


MOMENTUM_QUAD = Claim(
    id="momentum-converges-faster-on-ill-conditioned-quadratic",
    statement="Momentum makes gradient descent converge more quickly: on random quadratics of condition number "
              "100, SGD at lr = 1/L with momentum 0.9 reaches f - f* < 1e-6 in at least 10% fewer steps than "
              "without momentum.",
    sources=(MOMENTUM_SRC,), kind=Kind.COMPARATIVE, topic="optimization",
    metric="log(steps to f - f* < 1e-6)", arms=("momentum_log_steps", "plain_log_steps"),
    direction="less", delta=LOG_TENTH, experiment=momentum_quadratic,
    sizes={"smoke": {"seeds": (12,), "max_steps": 5000}, "ci": {"seeds": (12, 24), "max_steps": 5000},
           "full": {"seeds": (24, 48), "max_steps": 5000}},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): log steps 4.85 with momentum vs 6.37 without (about 128 vs 585 steps), "
                  "difference -1.52 [-1.58, -1.44]",
    notes="'Converge more quickly' is the vague-word table's relative 'better' (10% fewer steps), on log steps.",
)


def momentum_digits(ctx):
    """Per seed: log of the final mean training loss after the epochs, plain SGD (lr 0.01) vs momentum 0.9,
    same init and batch order; digits 64-64-10 ReLU, batch 32."""
    s = ctx.sizes
    (X, y), test = digits_sets(ctx)
    res = {}
    for arm, beta in (("momentum", 0.9), ("plain", 0.0)):
        f = fit(ctx, (64, 64, 10), X, y, TrainConfig(epochs=s["epochs"], lr=0.01, batch_size=32, momentum=beta),
                evals={"test": test})
        res[f"{arm}_log_train_loss"] = f.history.train_loss[:, -1].log().tolist()
        res[f"{arm}_test_accuracy"] = f["test"].tolist()
    return res


MOMENTUM_NET = Claim(
    id="momentum-trains-digits-mlp-faster",
    statement="Momentum converges more quickly in neural network training too: a 64-64-10 ReLU net on the "
              "8x8 digits trained by SGD (lr 0.01, batch 32) reaches a training loss at least 10% lower after "
              "the same number of epochs with momentum 0.9 than without.",
    sources=(MOMENTUM_SRC,), kind=Kind.COMPARATIVE, topic="optimization",
    metric="log(mean training loss of the last epoch)", arms=("momentum_log_train_loss", "plain_log_train_loss"),
    direction="less", delta=LOG_TENTH, experiment=momentum_digits,
    sizes={"smoke": {"seeds": (12,), "epochs": 3}, "ci": {"seeds": (12, 24), "epochs": 10},
           "full": {"seeds": (24, 48), "epochs": 30}},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): last-epoch training loss 0.25 with momentum vs 2.02 without (logs -1.38 vs "
                  "0.70), difference -2.08 [-2.10, -2.06]",
    notes="Same learning rate in both arms, as the lecture's picture (the ball gains speed) implies; at a fixed lr "
          "momentum raises the effective step about 1/(1 - 0.9) = 10-fold. Digits stand in for MNIST.",
)


# ------------------------------------------------------------------ local minima in practice
RESTARTS = 5


def single_vs_best_of_restarts(ctx):
    """Per seed: the final training accuracy of one run and the best of 5 restarts (the first restart is
    that run), digits 64-64-10 ReLU, Adam 1e-3, batch 32; test accuracies stored beside."""
    import dataclasses
    from harness.running.seeds import substream
    s = ctx.sizes
    (X, y), test = digits_sets(ctx)
    K = len(ctx.seeds)
    rctx = dataclasses.replace(ctx, seeds=[substream(q, f"restart-{r}") if r else q
                                           for r in range(RESTARTS) for q in ctx.seeds])
    tile = lambda t: t.repeat(RESTARTS, *[1] * (t.dim() - 1))
    f = fit(rctx, (64, 64, 10), tile(X), tile(y), TrainConfig(epochs=s["epochs"], lr=1e-3, batch_size=32,
                                                              optimizer="adam"),
            evals={"train": (tile(X), tile(y)), "test": tuple(map(tile, test))})
    tr = f["train"].reshape(RESTARTS, K)
    te = f["test"].reshape(RESTARTS, K)
    best = tr.argmax(0)
    return {"single_run_train_accuracy": tr[0].tolist(), "best_of_5_train_accuracy": tr.max(0).values.tolist(),
            "single_run_test_accuracy": te[0].tolist(),
            "best_of_5_test_accuracy": te[best, torch.arange(K)].tolist()}


LOCAL_MINIMA = Claim(
    id="local-minima-not-a-big-deal-in-practice",
    statement="Local minima are not a big deal when training neural networks: a single run of a 64-64-10 net "
              "on the 8x8 digits ends with basically the same training accuracy (within 2 points) as the best "
              "of 5 random restarts.",
    sources=(Source(DOC, SEC, LINE, "But in practical terms, it turns out that local minima aren't really that "
                    "big of a deal when it comes to train neural networks. It's just doesn't really happen that "
                    "often. You don't end up with shapes like this in practice."),),
    kind=Kind.EQUIVALENCE, topic="optimization", metric="final training accuracy (fraction)",
    arms=("single_run_train_accuracy", "best_of_5_train_accuracy"), direction="equivalent",
    delta=VAGUE["basically the same"].delta, experiment=single_vs_best_of_restarts,
    sizes={"smoke": {"seeds": (12,), "epochs": 3}, "ci": {"seeds": (12, 24), "epochs": 20},
           "full": {"seeds": (24, 48), "epochs": 40}},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): training accuracy 0.974 for one run vs 0.978 for the best of 5, difference "
                  "-0.0044 [-0.0070, -0.0024], inside +-0.02",
    contrasts={"retrain-multiple-seeds-pick-best": "001 recommends restarts because a tiny 2-2-2 net on XOR "
                                                   "blobs gets trapped in most runs; here a practical-size net "
                                                   "gains nothing from them",
               "wider-model-fewer-local-minima": "001: local minima trap small models; a wider one escapes them, "
                                                 "which is the regime this claim tests"},
    notes="'Not a big deal' read as: restarting (the usual remedy) buys basically nothing (the vague-word table's "
          "'basically the same', 2 points). The tiny-net counter-case is 001's retrain-multiple-seeds-pick-best.",
)


# ------------------------------------------------------------------ reverse-mode autodiff
def autodiff_errors(ctx):
    """(1) One forward and one backward pass (outputs + 1 = 2 traversals for a scalar loss) give every
    partial derivative of a 2-layer tanh net with ~10^4 parameters: relative error against central finite
    differences (float64) on 50 random coordinates. (2) For m outputs, m backward passes after one forward
    (m + 1 traversals) give the whole Jacobian: error against forward-mode torch.func.jacfwd."""
    g = ctx.generator(ctx.seeds[0], "net")
    W1 = torch.randn(100, 100, generator=g, dtype=torch.float64) / 10
    W2 = torch.randn(5, 100, generator=g, dtype=torch.float64) / 10
    x = torch.randn(100, generator=g, dtype=torch.float64)
    net = lambda W1, x, m: W2[:m] @ torch.tanh(W1 @ x)
    errors = []
    W = W1.clone().requires_grad_(True)
    net(W, x, 1).sum().backward()
    rng = ctx.rng(ctx.seeds[0], "coords")
    h = 1e-6
    for idx in rng.integers(0, W1.numel(), ctx.sizes["cases"]):
        e = torch.zeros(W1.numel(), dtype=torch.float64)
        e[idx] = h
        e = e.view_as(W1)
        fd = (net(W1 + e, x, 1) - net(W1 - e, x, 1)).item() / (2 * h)
        errors.append(abs(W.grad.view(-1)[idx].item() - fd) / max(1e-3, abs(fd)))
    for m in (1, 3, 5):
        xr = x.clone().requires_grad_(True)
        y = net(W1, xr, m)                       # one forward traversal
        rows = [torch.autograd.grad(y[i], xr, retain_graph=True)[0] for i in range(m)]   # m backward
        J = torch.func.jacfwd(lambda v: net(W1, v, m))(x)
        errors.append((torch.stack(rows) - J).abs().max().item())
    return {"error": errors}


AUTODIFF = Claim(
    id="reverse-autodiff-all-partials-in-outputs-plus-one-passes",
    statement="Reverse-mode autodiff computes all partial derivatives in (number of outputs + 1) traversals of "
              "the graph: one forward and one backward pass give all 10^4 weight derivatives of a scalar output "
              "(matching central finite differences), and one forward plus m backward passes give the whole "
              "m-output Jacobian (matching forward mode).",
    sources=(Source(DOC, SEC, LINE, "So specifically we use something called reverse mode auto diff. And what you "
                    "need to know is that it can compute all the partial derivatives you need just by traversing "
                    "your graph in the number of outputs plus one that you have."),),
    kind=Kind.IDENTITY, topic="optimization",
    metric="relative error against central differences (50 coordinates); max |J_reverse - J_forward| for m = 1, 3, 5",
    direction="holds", tolerance=1e-6, experiment=autodiff_errors,
    sizes={"smoke": {"seeds": 1, "cases": 10}, "ci": {"seeds": 1, "cases": 50}, "full": {"seeds": 1, "cases": 500}},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci): largest relative error 3.2e-8 against central differences (h = 1e-6) on 50 "
                  "coordinates; reverse and forward Jacobians agree to float64 rounding",
)


def jacobian_times(ctx):
    """Per seed (a fresh random tanh net R^2000 -> R^1): CPU seconds of the Jacobian by reverse mode
    (torch.func.jacrev) and by forward mode (torch.func.jacfwd), median of 3, as logs."""
    from harness.running.device import Clock
    n = ctx.sizes["n_inputs"]
    out = {"reverse_log_seconds": [], "forward_log_seconds": []}
    for seed in ctx.seeds:
        g = ctx.generator(seed, "net")
        W1 = torch.randn(256, n, generator=g) / math.sqrt(n)
        w2 = torch.randn(1, 256, generator=g) / 16
        f = lambda v: w2 @ torch.tanh(W1 @ v)
        x = torch.randn(n, generator=g)
        for arm, jac in (("reverse", torch.func.jacrev(f)), ("forward", torch.func.jacfwd(f))):
            times = []
            for _ in range(3):
                with Clock(ctx.device) as c:
                    jac(x)
                times.append(c.seconds)
            out[f"{arm}_log_seconds"].append(math.log(sorted(times)[1]))
    return out


REVERSE_SUITS = Claim(
    id="reverse-mode-suits-many-inputs-few-outputs",
    measures_time=True,
    statement="Reverse mode suits neural networks, which have many inputs and few outputs: for a tanh net from "
              "2,000 inputs to 1 output, the Jacobian by reverse mode takes at least 10% less time than by "
              "forward mode.",
    sources=(Source(DOC, SEC, LINE, "And this works out really well in neural networks. Because in a neural "
                    "network you tend to have an artificial neurons that have very many inputs, but probably only "
                    "one output or very few outputs in comparison to the inputs."),),
    kind=Kind.COMPARATIVE, topic="optimization", metric="log(CPU seconds for the Jacobian), median of 3",
    arms=("reverse_log_seconds", "forward_log_seconds"), direction="less", delta=LOG_TENTH,
    experiment=jacobian_times,
    sizes={"smoke": {"seeds": (12,), "n_inputs": 500}, "ci": {"seeds": (12, 24), "n_inputs": 2000},
           "full": {"seeds": (24, 48), "n_inputs": 2000}},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): log CPU seconds -7.62 reverse vs -3.70 forward (about 50x faster), "
                  "difference -3.92 [-4.01, -3.72]; an earlier run on the same seeds: -3.35 [-3.50, -3.21] (timings "
                  "vary with machine load)",
    notes="'Works out really well' read as the relative 'better' of the vague-word table (10% less time); the "
          "expected gap is far larger (forward mode needs one pass per input).",
)


# ------------------------------------------------------------------ softmax argmax
def argmax_errors(ctx):
    rng = ctx.rng(ctx.seeds[0], "logits")
    errors = []
    for _ in range(ctx.sizes["cases"]):
        z = torch.as_tensor(rng.standard_normal((1000, 10)) * float(rng.choice([0.01, 1.0, 10.0])))
        errors.append(float((torch.softmax(z, 1).argmax(1) != z.argmax(1)).sum()))
    return {"error": errors}


ARGMAX = Claim(
    id="softmax-argmax-equals-logit-argmax",
    statement="Choosing the highest softmax output picks the same class as the highest raw output (softmax is "
              "strictly increasing in each logit), so a classifier's decision is the same with or without it.",
    sources=(Source(DOC, SEC, LINE, "And in such a manner that if you actually choose the highest value of the "
                    "softmax function from the various outputs, you end up with the best choice of classification "
                    "at the end of the day."),),
    kind=Kind.IDENTITY, topic="numerics", metric="rows whose softmax argmax differs from the logit argmax (float64)",
    direction="holds", tolerance=0.0, experiment=argmax_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured (ci): 0 disagreements in 20,000 random rows",
)


# ------------------------------------------------------------------ autodiff vs brute force
def gradient_times(ctx):
    """Per seed: CPU seconds for the whole gradient of a scalar tanh-net output (1,000 weights) by one reverse-mode
    backward pass and by brute force (central differences, two forward passes per weight), as logs; the two
    gradients are checked to agree (float64)."""
    from harness.running.device import Clock
    out = {"autodiff_log_seconds": [], "brute_force_log_seconds": [], "max_relative_difference": []}
    for seed in ctx.seeds:
        g = ctx.generator(seed, "net")
        W = torch.randn(50, 20, generator=g, dtype=torch.float64) / 5
        v, x = torch.randn(50, generator=g, dtype=torch.float64), torch.randn(20, generator=g, dtype=torch.float64)
        f = lambda W: v @ torch.tanh(W @ x)
        with Clock(ctx.device) as ad:
            Wr = W.clone().requires_grad_(True)
            f(Wr).backward()
        h = 1e-6
        fd = torch.zeros_like(W)
        with Clock(ctx.device) as bf:
            with torch.no_grad():
                for i in range(W.shape[0]):
                    for j in range(W.shape[1]):
                        e = torch.zeros_like(W)
                        e[i, j] = h
                        fd[i, j] = (f(W + e) - f(W - e)) / (2 * h)
        out["autodiff_log_seconds"].append(math.log(max(ad.seconds, 1e-7)))
        out["brute_force_log_seconds"].append(math.log(max(bf.seconds, 1e-7)))
        out["max_relative_difference"].append(((Wr.grad - fd).abs().max() / Wr.grad.abs().max()).item())
    return out


AUTODIFF_FAST = Claim(
    id="autodiff-faster-than-brute-force-gradient",
    measures_time=True,
    statement="Autodiff speeds up finding the gradient: the gradient of a tanh net's output with respect to its 1,000 "
              "weights takes at least 10% less CPU time by one reverse-mode backward pass than by brute force "
              "(central differences, two forward passes per weight), and the two agree.",
    sources=(Source(DOC, SEC, LINE, "Now it turns out that this is very mathematically intensive and inefficient for "
                    "computers to do. So by just doing the brute force approach to gradient descent. That gets very "
                    "expensive very quickly. Auto diff is a technique for speeding that up."),),
    kind=Kind.COMPARATIVE, topic="optimization", metric="log(CPU seconds for the whole gradient)",
    arms=("autodiff_log_seconds", "brute_force_log_seconds"), direction="less", delta=LOG_TENTH,
    experiment=gradient_times, sizes={"smoke": {"seeds": (12,)}, "ci": {"seeds": (12, 24)}, "full": {"seeds": (24, 48)}},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): log CPU seconds -8.64 by one backward pass vs -3.77 by central differences "
                  "(about 130x faster), difference -4.87 [-4.92, -4.79]; the gradients agree to 1.5e-10 relative",
    notes="'Speeding that up' read as the table's relative 'better' (10% less time); brute force needs 2,000 forward "
          "passes here, so the expected gap is far larger.",
)


UNEXECUTABLE = [
    Unexecutable(
        id="tensorflow-uses-reverse-mode-autodiff",
        statement="Reverse-mode autodiff is what TensorFlow uses under the hood to implement gradient descent.",
        sources=(Source(DOC, SEC, LINE, "And what's also important is that it's what the TensorFlow library uses under "
                        "the hood to implement its gradient descent."),),
        reason="a statement about TensorFlow's implementation; needs TensorFlow (not installed; the suite is PyTorch, "
               "whose autograd is reverse mode: reverse-autodiff-all-partials-in-outputs-plus-one-passes)"),
    Unexecutable(
        id="local-minima-once-feared-to-limit-ai",
        statement="For a long time people believed AI would be limited by local minima.",
        sources=(Source(DOC, SEC, LINE, "Good thing because for a long time, people believe that AI would be limited by "
                        "this local minimum effect."),),
        reason="history of the field's beliefs, not a property of a computation"),
    Unexecutable(
        id="course-setup-anaconda-tensorflow",
        statement="The course runs in Anaconda with Python 3.7 or newer; TensorFlow is installed with conda; "
                  "tensorflow-gpu may cause compatibility issues.",
        sources=(Source(DOC, SEC, LINE, "Make sure you install the Python 3.7 or newer version."),),
        reason="installation instructions for the course's environment, not a statement about deep learning"),
]
