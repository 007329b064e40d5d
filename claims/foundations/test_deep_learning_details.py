"""004 (Frank Kane's TensorFlow/Keras course), lecture 5 "Deep Learning Details" (file line 6):
activation functions, optimizers, overfitting and its remedies, and sizing the network.

Data: scikit-learn's 8x8 digits (1,797 images; the offline stand-in for MNIST, the course's data set)
for every training claim; random tensors for the identities and timings. The lecture states no setup
and no numbers; each claim says the setting it chose (plain MLPs, the optimizers' usual defaults).
"""
import math

import numpy as np
import torch
import torch.nn.functional as F

from harness.declaring.claim import Claim, Kind, Source, Unexecutable, Verdict
from harness.running.device import Clock
from harness.training.engine import TrainConfig
from harness.training.experiments import fit
from harness.recipes.playground import heavy_ball_steps, spd_quadratic
from harness.recipes.tabular_sets import digits_sets
from harness.recipes.shared_runs import once
from harness.declaring.vague_words import VAGUE

DOC = "004_2947cf972490c874.txt"
SEC = "Lecture 5: Deep Learning Details"
LINE = (6, 6)
ONCE = {"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}}
LOG_TENTH = -math.log(1 - VAGUE["better (relative)"].delta)     # 10% lower, on a log scale
LOOKS = {"smoke": (12,), "ci": (12, 24), "full": (24, 48)}
DIGITS_NOTE = "8x8 digits scaled to [0, 1], 1,200 training and 597 test images per seed (random split)."


def src(quote):
    return Source(DOC, SEC, LINE, quote)


def sized(**per_profile):
    """sizes with the standard looks: sized(ci={...}, ...)."""
    return {p: {"seeds": LOOKS[p], **per_profile.get(p, {})} for p in LOOKS}


def digits_losses(ctx, arms, layers, make_cfg, *, activation="relu"):
    """Per arm: log final training loss and test accuracy of one digits net; arms: name -> kwargs for
    make_cfg (and optionally 'activation'); same init, order and split in every arm."""
    (X, y), test = digits_sets(ctx)
    out = {}
    for name, kw in arms.items():
        kw = dict(kw)
        act = kw.pop("activation", activation)
        f = fit(ctx, layers, X, y, make_cfg(ctx.sizes, **kw), activation=act, evals={"test": test})
        out[f"{name}_log_train_loss"] = f.history.train_loss[:, -1].log().tolist()
        out[f"{name}_test_accuracy"] = f["test"].tolist()
    return out


# ------------------------------------------------------------------ activations
def relu_errors(ctx):
    """torch.relu against max(0, x) computed elementwise in Python on random floats; slope 1 right of 0 and 0
    left of it (autograd)."""
    g = ctx.generator(ctx.seeds[0], "x")
    x = torch.randn(ctx.sizes["cases"], generator=g, dtype=torch.float64) * 10
    ref = torch.tensor([v if v > 0 else 0.0 for v in x.tolist()], dtype=torch.float64)
    xr = x.clone().requires_grad_(True)
    (d,) = torch.autograd.grad(torch.relu(xr).sum(), xr)
    slope_ref = (x > 0).double()
    return {"error": (torch.relu(x) - ref).abs().tolist() + (d - slope_ref).abs().tolist()}


RELU = Claim(
    id="relu-is-zero-below-zero-and-identity-above",
    statement="ReLU is 0 for inputs below zero and climbs at 45 degrees above it: torch.relu(x) = max(0, x), with "
              "slope exactly 1 for x > 0 and 0 for x < 0.",
    sources=(src("That stands for rectified linear unit. And that's what this graph here is showing basically it zero "
                 "if it's less than zero, and if it's greater than zero, it climbs up at a 45 degree angle."),),
    kind=Kind.IDENTITY, topic="architecture", metric="|relu - max(0, x)|; |slope - 1[x > 0]| per value (float64)",
    direction="holds", tolerance=0.0, experiment=relu_errors,
    sizes={"smoke": {"seeds": 1, "cases": 100}, "ci": {"seeds": 1, "cases": 10000}, "full": {"seeds": 1, "cases": 100000}},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci): exact on 10,000 random values",
)


OTHERS = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "elu": F.elu}


def activation_times(ctx):
    """Per seed: CPU seconds of forward + backward over a 2^20-element float32 tensor (the fastest of 7 repeats, the
    usual micro-benchmark statistic, least disturbed by other processes), ReLU vs the fastest of sigmoid, tanh and
    ELU, as logs."""
    out = {"relu_log_seconds": [], "fastest_other_log_seconds": []}
    for seed in ctx.seeds:
        x0 = torch.randn(ctx.sizes["n"], generator=ctx.generator(seed, "x"))

        def timed(f):
            ts = []
            for _ in range(7):
                x = x0.clone().requires_grad_(True)
                with Clock(ctx.device) as c:
                    f(x).sum().backward()
                ts.append(c.seconds)
            return max(min(ts), 1e-7)
        out["relu_log_seconds"].append(math.log(timed(torch.relu)))
        out["fastest_other_log_seconds"].append(math.log(min(timed(f) for f in OTHERS.values())))
    return out


RELU_FAST = Claim(
    id="relu-faster-to-compute-than-sigmoid-tanh-elu",
    measures_time=True,
    statement="ReLU is very fast to compute: forward and backward over a million values take at least 10% less CPU "
              "time with ReLU than with the fastest of sigmoid, tanh and ELU.",
    sources=(src("Okay, so that the advantage that Rela has is that it's very simple, very easy and very fast to "
                 "compute."),),
    kind=Kind.COMPARATIVE, topic="architecture", metric="log(CPU seconds, forward + backward, fastest of 7)",
    redesigned="2026-12-07: the fastest of 7 repeats instead of the median of 5; two measured runs on a loaded "
               "machine disagreed (refuted, +0.30 [0.15, 0.56]; then inconclusive, -0.18 [-0.28, -0.08]), so the "
               "statistic least disturbed by other processes is used. Checked on the unseen seed family 8191.",
    arms=("relu_log_seconds", "fastest_other_log_seconds"), direction="less", delta=LOG_TENTH,
    experiment=activation_times, sizes=sized(smoke={"n": 2 ** 16}, ci={"n": 2 ** 20}, full={"n": 2 ** 22}),
    expect=Verdict.INCONCLUSIVE,
    requires={"ci": "a CPU-time race whose verdict moves with the machine's load (inconclusive and supported "
                  "on the same code in two runs on 2026-12-07): a ci run could only flip against its baseline; "
                  "run it with --claims-profile=full, where it is recorded and not pinned"},
    unmeasured={p: "not pinned (lead's review): a CPU-time race between activation kernels that swings with the machine's load: inconclusive on the helper's run, supported on seed family 8191 and on the lead's whole-suite run (-0.40 log seconds); a verdict that moves with load is not one to pin on a shared 2-core machine" for p in ("ci", "full")},
    expect_reason="recorded, not pinned (see unmeasured). measured (ci, 24 seeds, fastest of 7): log seconds -7.00 ReLU vs -6.83 for the fastest other (about "
                  "16% faster), difference -0.169 [-0.274, 0.057]: not shown beyond 10% on a loaded 2-core machine. "
                  "Seed family 8191: supported, -0.263 [-0.359, -0.192]; the verdict moves with machine load",
    notes="Timed on the run's device with one thread (CPU in ci); 'very fast' read as the table's relative "
          "'better' (10% less time). How much this matters for a whole training step (matmuls dominate) is not "
          "part of the claim.",
)


def leaky_slope_errors(ctx):
    """LeakyReLU(0.01) has slope 0.01 left of zero (ReLU: 0) and 1 right of it (autograd, float64)."""
    x = torch.linspace(-10, 10, 2000, dtype=torch.float64, requires_grad=True)
    (d,) = torch.autograd.grad(F.leaky_relu(x, 0.01).sum(), x)
    ref = torch.where(x > 0, torch.tensor(1.0, dtype=torch.float64), torch.tensor(0.01, dtype=torch.float64))
    return {"error": (d - ref).abs().tolist()}


LEAKY_SLOPE = Claim(
    id="leaky-relu-has-small-slope-left-of-zero",
    statement="Leaky ReLU is not flat left of zero: it has a small slope there (0.01 in torch's default), so the "
              "derivative is never zero, unlike ReLU's.",
    sources=(src("And all that is is instead of being flat left of zero, it actually has a little bit of a slope there "
                 "as well, a very small slope and again, that's for mathematical purposes to have an actual meaningful "
                 "derivative there to work with"),),
    kind=Kind.IDENTITY, topic="architecture", metric="|autograd slope - (0.01 left of 0, 1 right)|",
    direction="holds", tolerance=0.0, experiment=leaky_slope_errors, sizes=ONCE,
    expect=Verdict.SUPPORTED, expect_reason="measured: exact on 2,000 grid points",
)


def adam_cfg(s, **kw):
    return TrainConfig(epochs=s["epochs"], lr=1e-3, batch_size=32, optimizer="adam", **kw)


def sgd_cfg(s, **kw):
    return TrainConfig(epochs=s["epochs"], lr=kw.pop("lr", 0.01), batch_size=32, **kw)


def momentum_cfg(s, **kw):
    return TrainConfig(epochs=s["epochs"], lr=0.01, batch_size=32, momentum=0.9, **kw)


ACT_REDESIGN = ("2026-12-07: SGD with momentum 0.9 (was: plain SGD lr 0.01, under which the 4-hidden-layer net "
                "barely left its initial loss in 10 epochs, so neither arm learned and the comparison said nothing). "
                "Arms, metric, delta and looks unchanged; checked on the unseen seed family 8191.")


DEEP = (64, 64, 64, 64, 64, 10)


def leaky_vs_relu(ctx):
    return digits_losses(ctx, {"leaky": {"activation": "leaky_relu"}, "relu": {}}, DEEP, momentum_cfg)


LEAKY = Claim(
    id="leaky-relu-converges-better-than-relu",
    redesigned=ACT_REDESIGN,
    statement="Leaky ReLU gives better convergence than ReLU: a 4-hidden-layer 64-unit net on the 8x8 digits, "
              "trained by SGD (lr 0.01, momentum 0.9, batch 32), reaches a training loss at least 10% lower with leaky ReLU than "
              "with ReLU after the same epochs.",
    sources=(src("Now there are variants of rela that work even better if you don't care so much about efficiency "
                 "when it's called leaky rela. ... so that can provide even better convergence."),),
    kind=Kind.COMPARATIVE, topic="optimization", metric="log(mean training loss of the last epoch)",
    arms=("leaky_log_train_loss", "relu_log_train_loss"), direction="less", delta=LOG_TENTH,
    experiment=leaky_vs_relu, sizes=sized(smoke={"epochs": 2}, ci={"epochs": 10}, full={"epochs": 30}),
    expect=Verdict.REFUTED, expect_reason="measured (ci, 12 seeds): last-epoch training loss 1.19 leaky vs 1.19 ReLU (logs 0.172 vs 0.178), "
                  "difference -0.0062 [-0.0093, -0.0041]: well under 10%",
    notes=DIGITS_NOTE + " Same init (torch's default) and order in both arms.",
)


def noisy_relu_factory(seed, sigma):
    """ReLU of the input plus N(0, sigma^2) noise while training (grad enabled), plain ReLU when evaluating
    (the engine evaluates under no_grad); the noise comes from its own seeded generator."""
    g = torch.Generator().manual_seed(seed)

    def noisy_relu(h):
        if torch.is_grad_enabled():
            h = h + sigma * torch.randn(h.shape, generator=g, dtype=h.dtype).to(h.device)
        return torch.relu(h)
    return noisy_relu


def noisy_vs_relu(ctx):
    return digits_losses(ctx, {"noisy": {"activation": noisy_relu_factory(ctx.look_seed("relu-noise") % 2 ** 63, 0.1)},
                               "relu": {}}, DEEP, momentum_cfg)


NOISY = Claim(
    id="noisy-relu-helps-convergence",
    redesigned=ACT_REDESIGN,
    statement="Noisy ReLU (Gaussian noise, sd 0.1, added to the pre-activation in training) helps convergence: the "
              "same 4-hidden-layer digits net reaches a training loss at least 10% lower than with plain ReLU.",
    sources=(src("It's also something called noisy rela, which can also help with convergence."),),
    kind=Kind.COMPARATIVE, topic="optimization", metric="log(mean training loss of the last epoch)",
    arms=("noisy_log_train_loss", "relu_log_train_loss"), direction="less", delta=LOG_TENTH,
    experiment=noisy_vs_relu, sizes=sized(smoke={"epochs": 2}, ci={"epochs": 10}, full={"epochs": 30}),
    expect=Verdict.REFUTED, expect_reason="measured (ci, 12 seeds): last-epoch training loss 2.18 noisy vs 1.28 plain (logs 0.780 vs 0.247), "
                  "difference +0.53 [0.43, 0.66]: the noise slows training",
    notes=DIGITS_NOTE + " The training loss is the noisy net's own (with noise), as a training curve shows it.",
)


def elu_vs_relu(ctx):
    return digits_losses(ctx, {"elu": {"activation": F.elu}, "relu": {}}, DEEP, momentum_cfg)


ELU = Claim(
    id="elu-learns-faster-than-relu",
    redesigned=ACT_REDESIGN,
    statement="The exponential linear unit often produces faster learning: the same 4-hidden-layer digits net "
              "reaches a training loss at least 10% lower with ELU than with ReLU after the same epochs.",
    sources=(src("But, ah, these days yell you. The exponential linear unit will often produce faster learning."),),
    kind=Kind.COMPARATIVE, topic="optimization", metric="log(mean training loss of the last epoch)",
    arms=("elu_log_train_loss", "relu_log_train_loss"), direction="less", delta=LOG_TENTH,
    experiment=elu_vs_relu, sizes=sized(smoke={"epochs": 2}, ci={"epochs": 10}, full={"epochs": 30}),
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): last-epoch training loss 0.25 with ELU vs 1.26 with ReLU (logs -1.40 vs "
                  "0.23), difference -1.63 [-1.78, -1.48]",
    notes=DIGITS_NOTE + " Plain deep net without normalisation, where ELU's non-zero mean output is said to help.",
)


# ------------------------------------------------------------------ optimizers
NESTEROV_SRC = src("there's also something called the Nesterov accelerated Grady in, which is just a tweak on top of "
                   "momentum optimization. Basically, it's looking ahead a little bit to the Grady and in front of you "
                   "to take that information into account. So that works even better.")


def nesterov_quadratic(ctx):
    out = {"nesterov_log_steps": [], "momentum_log_steps": []}
    for seed in ctx.seeds:
        A, b = spd_quadratic(ctx.rng(seed, "quadratic"), 20, 1000.0)
        lr = 1.0 / np.linalg.eigvalsh(A).max()
        for arm, nest in (("nesterov", True), ("momentum", False)):
            out[f"{arm}_log_steps"].append(math.log(heavy_ball_steps(A, b, lr, 0.9, 1e-8, ctx.sizes["max_steps"],
                                                                     nesterov=nest)))
    return out


NESTEROV_QUAD = Claim(
    id="nesterov-beats-momentum-on-ill-conditioned-quadratic",
    statement="Nesterov's look-ahead works better than plain momentum: on random quadratics of condition number "
              "1,000, SGD (lr = 1/L, momentum 0.9) reaches f - f* < 1e-8 in at least 10% fewer steps with "
              "nesterov=True.",
    sources=(NESTEROV_SRC,), kind=Kind.COMPARATIVE, topic="optimization", metric="log(steps to f - f* < 1e-8)",
    arms=("nesterov_log_steps", "momentum_log_steps"), direction="less", delta=LOG_TENTH,
    experiment=nesterov_quadratic, sizes=sized(smoke={"max_steps": 5000}, ci={"max_steps": 5000},
                                               full={"max_steps": 20000}),
    expect=Verdict.REFUTED, expect_reason="measured (ci, 12 seeds): log steps 6.605 Nesterov vs 6.594 heavy ball (about 739 vs 731 steps), "
                  "difference +0.011 [0.010, 0.012]: Nesterov is slightly slower at this lr and momentum",
)


def nesterov_digits(ctx):
    return digits_losses(ctx, {"nesterov": {"momentum": 0.9, "optimizer_kwargs": {"nesterov": True}},
                               "momentum": {"momentum": 0.9}}, (64, 64, 10), sgd_cfg)


NESTEROV_NET = Claim(
    id="nesterov-beats-momentum-training-digits-mlp",
    statement="Nesterov momentum works better than plain momentum in network training: a 64-64-10 net on the 8x8 "
              "digits (SGD lr 0.01, momentum 0.9, batch 32) reaches a training loss at least 10% lower with "
              "nesterov=True after the same epochs.",
    sources=(NESTEROV_SRC,), kind=Kind.COMPARATIVE, topic="optimization",
    metric="log(mean training loss of the last epoch)", arms=("nesterov_log_train_loss", "momentum_log_train_loss"),
    direction="less", delta=LOG_TENTH, experiment=nesterov_digits,
    sizes=sized(smoke={"epochs": 2}, ci={"epochs": 10}, full={"epochs": 30}),
    expect=Verdict.REFUTED, expect_reason="measured (ci, 12 seeds): last-epoch training loss 0.256 Nesterov vs 0.257 momentum (logs -1.364 vs "
                  "-1.359), difference -0.0055 [-0.0067, -0.0042]: far under 10%", notes=DIGITS_NOTE,
)


ADAM_SRC = src("Finally, there's something called Adam stands for adaptive moment esten ization. Basically, it's the Mo "
               "mentum optimizer and RMS prop combined kind of gives you the best of both worlds, and that is a popular "
               "choice today because it works really well.")


def adam_errors(ctx):
    """50 steps on a random quadratic (float64): (1) a hand-written Adam, a momentum average of the gradients
    (beta1) divided by the root of an RMSprop average of their squares (beta2), both bias-corrected, against
    torch.optim.Adam; (2) torch.optim.RMSprop against the hand-written RMSprop average alone (beta1 = 0, no
    bias correction); (3) SGD with torch's momentum against the momentum average (unnormalised)."""
    A, b = spd_quadratic(ctx.rng(ctx.seeds[0], "quadratic"), 10, 50.0)
    At, bt = torch.as_tensor(A), torch.as_tensor(b)
    grad = lambda w: At @ w - bt
    lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-8
    errors = []

    def run(opt_fn, hand_step):
        w = torch.zeros(10, dtype=torch.float64, requires_grad=True)
        opt = opt_fn([w])
        hand = torch.zeros(10, dtype=torch.float64)
        state = {}
        worst = 0.0
        for t in range(1, 51):
            opt.zero_grad()
            (0.5 * w @ At @ w - bt @ w).backward()
            opt.step()
            hand = hand_step(hand, grad(hand), t, state)
            worst = max(worst, (w.detach() - hand).abs().max().item())
        return worst

    def adam(w, g, t, st):
        st["m"] = b1 * st.get("m", 0) + (1 - b1) * g
        st["v"] = b2 * st.get("v", 0) + (1 - b2) * g * g
        return w - lr * (st["m"] / (1 - b1 ** t)) / ((st["v"] / (1 - b2 ** t)).sqrt() + eps)

    def rmsprop(w, g, t, st):
        st["v"] = 0.99 * st.get("v", 0) + 0.01 * g * g
        return w - lr * g / (st["v"].sqrt() + eps)

    def momentum(w, g, t, st):
        st["m"] = 0.9 * st["m"] + g if "m" in st else g
        return w - lr * st["m"]
    errors.append(run(lambda p: torch.optim.Adam(p, lr=lr, betas=(b1, b2), eps=eps), adam))
    errors.append(run(lambda p: torch.optim.RMSprop(p, lr=lr, alpha=0.99, eps=eps), rmsprop))
    errors.append(run(lambda p: torch.optim.SGD(p, lr=lr, momentum=0.9), momentum))
    return {"error": errors}


ADAM_IS = Claim(
    id="adam-is-momentum-plus-rmsprop",
    statement="Adam is the momentum optimizer and RMSprop combined: torch.optim.Adam's updates equal a momentum "
              "average of the gradients divided by the root of RMSprop's average of squared gradients (both "
              "bias-corrected), and torch's RMSprop and momentum SGD equal those two averages used alone.",
    sources=(ADAM_SRC,), kind=Kind.IDENTITY, topic="optimization",
    metric="max |torch parameters - hand-written update| over 50 steps (float64): Adam, RMSprop, momentum",
    direction="holds", tolerance=1e-12, experiment=adam_errors, sizes=ONCE,
    expect=Verdict.SUPPORTED, expect_reason="measured: largest difference 2.8e-16 over 50 steps (Adam, RMSprop, momentum SGD)",
    notes="Adam's first moment is an exponential average ((1 - beta1) g), torch's SGD momentum a plain sum; "
          "Adam also bias-corrects both averages, which RMSprop does not.",
)


def adam_vs_sgd(ctx):
    return digits_losses(ctx, {"adam": {"optimizer": "adam", "lr": 1e-3}, "sgd": {}}, (64, 64, 10), sgd_cfg)


ADAM_WORKS = Claim(
    id="adam-works-really-well-at-defaults",
    statement="Adam works really well: a 64-64-10 net on the 8x8 digits trained by Adam at its default rate (1e-3) "
              "classifies the test images at least 1 point better than plain SGD at lr 0.01 after the same epochs "
              "(batch 32).",
    sources=(ADAM_SRC,), kind=Kind.COMPARATIVE, topic="optimization", metric="test accuracy (fraction), 597 images",
    arms=("adam_test_accuracy", "sgd_test_accuracy"), direction="greater", delta=VAGUE["better"].delta,
    experiment=adam_vs_sgd, sizes=sized(smoke={"epochs": 2}, ci={"epochs": 10}, full={"epochs": 30}),
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): test accuracy 0.933 Adam vs 0.662 SGD, difference +0.271 [0.233, 0.318]",
    contrasts={"adam-beats-sgd-here": "002's MNIST notebook: Adam no better than its SGD there (refuted)"},
    notes=DIGITS_NOTE + " Each optimizer at its usual default rate (Keras: SGD 0.01, Adam 0.001).",
)


# ------------------------------------------------------------------ overfitting
OVERFIT_FAMILY = "kane-digits-overfit"
BIG = (64, 64, 64, 10)


def overfit_run(ctx, name, **kw):
    """The small-data setting shared by the overfitting claims: 300 training, 300 validation and 597 test digits
    per seed, a 64-64-64-10 ReLU net (8,970 weights and biases), Adam 1e-3, batch 32, accuracies every 2 epochs."""
    def compute(fctx):
        s = fctx.sizes
        (X, y), test = digits_sets(fctx, n_train=600)
        train, val = (X[:, :300], y[:, :300]), (X[:, 300:600], y[:, 300:600])
        f = fit(fctx, BIG, *train, TrainConfig(epochs=s["epochs"], lr=1e-3, batch_size=32, optimizer="adam", eval_every=2,
                                                weight_decay=kw.get("weight_decay", 0.0)),
                evals={"train": train, "val": val, "test": test}, dropout=kw.get("dropout", 0.0))
        ev = {k: torch.stack(v) for k, v in f.history.evals.items()}           # (epochs, K)
        return ev
    return once(ctx, OVERFIT_FAMILY, name, compute)


OVERFIT_SIZES = sized(smoke={"epochs": 4}, ci={"epochs": 50}, full={"epochs": 200})


def early_stopping(ctx):
    ev = overfit_run(ctx, "plain")
    best = ev["val"].argmax(0)
    k = torch.arange(ev["val"].shape[1])
    return {"early_stopped_test_accuracy": ev["test"][best, k].tolist(),
            "trained_to_the_end_test_accuracy": ev["test"][-1].tolist(),
            "best_validation_epoch": (best + 1).tolist()}


EARLY = Claim(
    id="early-stopping-beats-training-too-long",
    statement="Letting training go on too long reinforces overfitting, and early stopping deals with it: a "
              "64-64-64-10 net on 300 digits, stopped at its best validation epoch, classifies the test images "
              "at least 1 point better than the same run trained to the end (50 epochs of batch 32).",
    sources=(src("like these weird spikes sometimes and sometimes if you let things go a little bit too long , it ends "
                 "up reinforcing those spikes. You know, those over fitted areas where you're not really fitting to the "
                 "pattern you're looking for. You're just fitting to the training data that you were given."),
             src("There are ways to deal with it when it's called early stopping. So as soon as you see performance "
                 "start to drop, that might be in a trice way of telling you that it might be time for you to stop "
                 "learning . You know, at this point, maybe you're just over fitting.")),
    kind=Kind.COMPARATIVE, topic="regularization", metric="test accuracy (fraction), 597 images",
    arms=("early_stopped_test_accuracy", "trained_to_the_end_test_accuracy"), direction="greater",
    delta=VAGUE["better"].delta, experiment=early_stopping, sizes=OVERFIT_SIZES,
    expect=Verdict.REFUTED,
    unmeasured={p: "not pinned (lead's review): the lecture's advice is hedged ('might be time to stop') and about fits that chase noise; on these clean labels training on did not hurt, which one setting cannot turn into a refutation of the advice (other settings: early-stopping-patience-zero-lowers-test-loss, keras-default-early-stopping-beats-full-training-digits)" for p in ("ci", "full")},
    expect_reason="recorded, not pinned (see unmeasured). measured (ci, 12 seeds): test accuracy 0.925 at the best validation check vs 0.928 at the end, "
                  "difference -0.003 [-0.008, -0.0001]: training on did not hurt",
    contrasts={"rising-test-loss-signals-overfitting": "002 reads overfitting off a rising test loss; here the "
                                                       "question is whether accuracy pays for training on"},
    notes="Validation accuracy every 2 epochs; the stopped model is the one at the best validation check (Keras' "
          "restore_best_weights). Clean labels.",
)


def many_weights_gap(ctx):
    ev = overfit_run(ctx, "plain")
    return {"train_accuracy": ev["train"][-1].tolist(), "test_accuracy": ev["test"][-1].tolist()}


EASY_OVERFIT = Claim(
    id="many-weights-overfit-easily",
    statement="With thousands of weights overfitting happens easily: a 64-64-64-10 net (8,970 weights and biases) trained on "
              "300 digits classifies its training images much better (at least 5 points) than unseen test images.",
    sources=(src("And obviously, if you have thousands of weights to tune, you know those connections between each "
                 "neuron and each layer of your neurons can add up really quickly. So it is very easy for over fitting "
                 "toe happen."),),
    kind=Kind.BIAS, topic="regularization", metric="accuracy (fraction): 300 training vs 597 test images",
    arms=("train_accuracy", "test_accuracy"), direction="greater", delta=VAGUE["much better"].delta,
    experiment=many_weights_gap, sizes=OVERFIT_SIZES,
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): training accuracy 0.997 vs test accuracy 0.928, gap +0.069 [0.065, 0.076]",
    notes="'Very easy' read as a generalisation gap the vague-word table calls much (5 points).",
)


def dropout_effect(ctx):
    plain, drop = overfit_run(ctx, "plain"), overfit_run(ctx, "dropout", dropout=0.5)
    return {"dropout_test_accuracy": drop["test"][-1].tolist(), "no_dropout_test_accuracy": plain["test"][-1].tolist()}


DROPOUT = Claim(
    id="dropout-very-effective-on-small-data",
    statement="Dropout (half the hidden neurons each step) is very effective: the 64-64-64-10 net trained on 300 "
              "digits classifies the test images much better (at least 5 points) with dropout 0.5 than without.",
    sources=(src("But a surprisingly effective technique is called dropout, and a Kennison is an example of a very "
                 "simple idea that is very effective."),
             src("So very simple concept very effective in making sure that you're making full use of your neural "
                 "network.")),
    kind=Kind.COMPARATIVE, topic="regularization", metric="test accuracy (fraction), 597 images",
    arms=("dropout_test_accuracy", "no_dropout_test_accuracy"), direction="greater", delta=VAGUE["much better"].delta,
    experiment=dropout_effect, sizes=OVERFIT_SIZES,
    expect=Verdict.REFUTED,
    unmeasured={p: "not pinned (lead's review): one dropout rate after 50 epochs, with no control trained to a plateau; a dropout net learns more slowly, so the shortfall may be undertraining, and a refutation of 'very effective' needs that control" for p in ("ci", "full")},
    expect_reason="recorded, not pinned (see unmeasured). measured (ci, 12 seeds): test accuracy 0.904 with dropout 0.5 vs 0.928 without, difference -0.024 "
                  "[-0.031, -0.018]: dropout hurt here",
    contrasts={"dropout-hurts-small-model-iris-document-setup": "001: dropout hurts a small model; here a large "
                                                                "net on little data, where it should help most",
               "dropout-rings-sweep-best-at-zero": "001: on its rings problem the best dropout rate is 0"},
    notes="An over-parameterised net on little data, the regime where dropout is expected to help most; 'very "
          "effective' read as the table's 'much better' (5 points).",
)


def l2_effect(ctx):
    plain, l2 = overfit_run(ctx, "plain"), overfit_run(ctx, "l2", weight_decay=1e-3)
    return {"l2_test_accuracy": l2["test"][-1].tolist(), "no_penalty_test_accuracy": plain["test"][-1].tolist()}


L2 = Claim(
    id="regularization-term-helps-against-overfitting",
    statement="A regularization term added to the cost helps against overfitting: the 64-64-64-10 net trained on "
              "300 digits with an L2 term (weight decay 1e-3 in Adam) classifies the test images at least 1 point "
              "better than without.",
    sources=(src("There are also regularization terms. You can add to the cost function during training. You know that "
                 "can basically like the bias turn that we talked about earlier that could help to."),),
    kind=Kind.COMPARATIVE, topic="regularization", metric="test accuracy (fraction), 597 images",
    arms=("l2_test_accuracy", "no_penalty_test_accuracy"), direction="greater", delta=VAGUE["better"].delta,
    experiment=l2_effect, sizes=OVERFIT_SIZES,
    expect=Verdict.REFUTED,
    unmeasured={p: "not pinned (lead's review): the lecture says a regularization term 'could help'; one fixed strength on clean labels cannot refute a 'could' (001's regularization-trades-train-acc-for-generalization shows the mechanism where it applies, with the strength chosen on validation data)" for p in ("ci", "full")},
    expect_reason="recorded, not pinned (see unmeasured). measured (ci, 12 seeds): test accuracy 0.929 with the L2 term vs 0.928 without, difference +0.001 "
                  "[-0.001, 0.003]",
    contrasts={"regularization-trades-train-acc-for-generalization": "001: tuned L2 helps where 20% of the labels "
                                                                     "are wrong; here clean labels and a fixed "
                                                                     "strength"},
    notes="torch's Adam weight_decay adds 1e-3 x w to the gradient, the gradient of an L2 term (1e-3/2)||w||^2 in "
          "the cost. The lecture's comparison with the bias term is not tested (a bias is a parameter, not a "
          "penalty).",
)


def dropout_mask_errors(ctx):
    """nn.Dropout(0.5) in training mode on 2^20 ones: |share zeroed - 0.5| minus 4 binomial standard errors (floored
    at 0); a fresh mask on a second call (error 1 if identical); eval mode is the identity (max difference)."""
    torch.manual_seed(ctx.seeds[0] % 2 ** 31)
    d = torch.nn.Dropout(0.5)
    x = torch.ones(2 ** 20)
    a, b = d(x), d(x)
    se = math.sqrt(0.25 / x.numel())
    errors = [max(0.0, abs((a == 0).double().mean().item() - 0.5) - 4 * se), float(torch.equal(a, b))]
    d.eval()
    errors.append((d(x) - x).abs().max().item())
    return {"error": errors}


DROP_HALF = Claim(
    id="dropout-ignores-half-the-neurons-each-step",
    statement="Dropout with rate 0.5 ignores a random half of the neurons at each training step (a fresh random half "
              "each call) and none at evaluation.",
    sources=(src("The idea is just to ignore, say, half of the neurons randomly each training step, pretend that they "
                 "don't exist it all."),),
    kind=Kind.IDENTITY, topic="regularization",
    metric="|zeroed share - 0.5| beyond 4 standard errors; 1 if two calls share a mask; eval-mode change",
    direction="holds", tolerance=0.0, experiment=dropout_mask_errors, sizes=ONCE,
    expect=Verdict.SUPPORTED, expect_reason="measured: zeroed share within 4 standard errors of 0.5 on 2^20 units; two calls draw different "
                  "masks; eval mode changes nothing",
    notes="'Pretend that they don't exist' leaves out the 1/(1 - p) scaling of the kept units (001's "
          "pytorch-dropout-scales-up-in-training-not-at-test).",
)


# ------------------------------------------------------------------ topology
def oversized(ctx):
    (X, y), test = digits_sets(ctx)
    out = {}
    for name, layers in (("oversized", (64, 256, 10)), ("small", (64, 32, 10))):
        f = fit(ctx, layers, X, y, adam_cfg(ctx.sizes), evals={"test": test})
        out[f"{name}_test_accuracy"] = f["test"].tolist()
    return out


OVERSIZED = Claim(
    id="oversized-network-is-fine",
    redesigned="2026-12-07: decided as 'no worse' (the oversized net's test accuracy above the small net's, delta 0) "
               "with 256 vs 32 hidden units (was: equivalence within 2 points, 512 vs 32). The first measured run "
               "refuted the equivalence because the 512-unit net was better (+0.034 [0.031, 0.038]): the 32-unit net "
               "was not a right-sized net, and 'more neurons than it needs is okay' says the larger net does no harm, "
               "which a better larger net does not contradict. 256 units for the ci budget. Checked on the unseen seed "
               "family 8191.",
    statement="A network with more neurons than it needs is okay: on the 8x8 digits a 256-unit hidden layer classifies "
              "the test images no worse than a 32-unit one (Adam 1e-3, batch 32, same epochs), decided as the larger "
              "net's accuracy exceeding the smaller's.",
    sources=(src("Sometimes you don't really care so much. It's probably okay. Toe have a deep neural network that has "
                 "more neurons that it really needs, right? I mean, what's the real expensive involved in that these "
                 "days? Probably not much."),),
    kind=Kind.COMPARATIVE, topic="architecture", metric="test accuracy (fraction), 597 images",
    arms=("oversized_test_accuracy", "small_test_accuracy"), direction="greater", delta=0.0, experiment=oversized,
    sizes=sized(smoke={"epochs": 2}, ci={"epochs": 15}, full={"epochs": 50}),
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): test accuracy 0.962 with 256 units vs 0.936 with 32, difference +0.025 "
                  "[0.021, 0.032]",
    contrasts={"overfit-more-params-worse-generalization": "001: on 20 noisy points a many-parameter net "
                                                           "generalises worse; here ample data for the task"},
    notes=DIGITS_NOTE + " A directional test cannot support 'equally good'; if the larger net were exactly as good the "
          "verdict would be inconclusive, not refuted. The time cost ('real expense') is not part of the claim.",
)


def deeper_vs_wider(ctx):
    (X, y), test = digits_sets(ctx)
    out = {}
    for name, layers in (("deeper", (64, 64, 64, 64, 64, 10)), ("wider", (64, 256, 10))):
        f = fit(ctx, layers, X, y, adam_cfg(ctx.sizes), evals={"test": test})
        out[f"{name}_log_train_loss"] = f.history.train_loss[:, -1].log().tolist()
        out[f"{name}_test_accuracy"] = f["test"].tolist()
    return out


DEEPER = Claim(
    id="more-layers-learn-faster-than-more-neurons",
    statement="More layers often yield faster learning than more neurons in fewer layers: with the same 256 hidden "
              "units on the 8x8 digits, four layers of 64 reach a training loss at least 10% lower than one layer of "
              "256 after the same few epochs (Adam 1e-3, batch 32).",
    sources=(src("I will say that more layers will often yield faster learning than having more neurons and less "
                 "layers. So if you care about speed of convergence, adding more layers is often the right thing to "
                 "do."),),
    kind=Kind.COMPARATIVE, topic="architecture", metric="log(mean training loss of the last epoch)",
    arms=("deeper_log_train_loss", "wider_log_train_loss"), direction="less", delta=LOG_TENTH,
    experiment=deeper_vs_wider, sizes=sized(smoke={"epochs": 2}, ci={"epochs": 5}, full={"epochs": 20}),
    expect=Verdict.REFUTED, expect_reason="measured (ci, 12 seeds): last-epoch training loss 0.45 for 4 x 64 vs 0.32 for 1 x 256 (logs -0.79 vs"
                  " -1.14), difference +0.35 [0.29, 0.43]: the deeper net is slower",
    contrasts={"wide-beats-deep-at-fixed-units": "000: at a fixed number of units the wide net wins",
               "playground-spiral-wider-or-deeper-same-result": "lecture 4 of the same course says wider or deeper "
                                                                "give the same result"},
    notes=DIGITS_NOTE + " 'Faster learning' measured as the training loss after 5 epochs.",
)


UNEXECUTABLE = [
    Unexecutable(
        id="model-zoos-save-time",
        statement="Model zoos hold network topologies for specific problems; checking them saves reinventing the wheel.",
        sources=(src("Or you can also use something called model zoos. There are actually libraries out there of neural "
                     "network to apologies for specific problems"),),
        reason="advice about a resource; testing it needs downloaded published models"),
    Unexecutable(
        id="topology-search-by-trial-and-error",
        statement="Tune the topology by trial and error: shrink the network until it stops working, or grow it until "
                  "it stops helping.",
        sources=(src("Can I get away with a smaller network and still get good results and just keep on making it "
                     "smaller and smaller until you find the smallest, it can be safely, or you can try to make your "
                     "network larger and larger and see you know what point it stops providing more benefits to you."),),
        reason="a procedure recommendation, not a statement with an outcome; its premise (bigger helps up to a point) "
               "is oversized-network-is-fine and the circle/spiral capacity claims"),
    Unexecutable(
        id="rmsprop-finds-the-right-direction",
        statement="RMSprop uses an adaptive learning rate, a more sophisticated way of finding the right direction "
                  "towards the minimum.",
        sources=(src("There's also something called RMS prop, which is just using an adaptive learning rate that again "
                     "helps point you in the right direction toward the minimum."),),
        reason="a description without a comparison or outcome; RMSprop's update rule is checked in "
               "adam-is-momentum-plus-rmsprop"),
    Unexecutable(
        id="elu-gaining-popularity",
        statement="ELU is gaining popularity as computing resources become less of a concern (deep learning on "
                  "clusters in the cloud).",
        sources=(src("That's kind of the It's gaining popularity now that computing resource is air becoming less and "
                     "less of a concern"),),
        reason="a statement about practice and popularity, not about a computation"),
]
