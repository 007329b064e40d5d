"""002's numerical statements about softmax, log-softmax and the losses built on them.

Deterministic facts, each an identity claim checked against float64 (or exact) references:
softmax is a probability distribution; log_softmax is log(softmax) (and z - logsumexp z);
log-softmax 'stretches the penalties' (gradient ratio 1/p_y); log_softmax stays exact where
log(softmax) underflows to -inf; that 1e-16..1e-19 beside a top probability ~1 are below float32
machine epsilon (lost from p_top, kept by log_softmax); and
CrossEntropyLoss = log_softmax + NLLLoss, in value and along a whole training trajectory.
"""
import math

import numpy as np
import torch
import torch.nn.functional as F

from harness.declaring.claim import Claim, Kind, Source, Unexecutable, Verdict
from harness.recipes.mnist_recipe import LAYERS, recipe_config, train_test
from harness.training.experiments import fit

DOC = "002_011bd4079aac2586.txt"
ONE = {"smoke": {"seeds": 1, "cases": 20}, "ci": {"seeds": 1, "cases": 200}, "full": {"seeds": 1, "cases": 2000}}


def random_logits(rng, dtype=torch.float64):
    """A random (B, C) logit batch at a random scale (1e-3 .. 1e4)."""
    b, c = int(rng.integers(1, 65)), int(rng.integers(2, 101))
    scale = float(rng.choice([1e-3, 1.0, 10.0, 100.0, 1e4]))
    return torch.as_tensor(rng.standard_normal((b, c)) * scale, dtype=dtype)


# ------------------------------------------------------------------ softmax is a distribution
def softmax_distribution_errors(ctx):
    rng = ctx.rng(ctx.seeds[0], "logits")
    errors = []
    for _ in range(ctx.sizes["cases"]):
        for dtype in (torch.float32, torch.float64):
            z = random_logits(rng, dtype)
            p = torch.softmax(z, dim=1)
            q = torch.exp(torch.log_softmax(z, dim=1))
            errors.append(max((p.sum(1) - 1).abs().max().item(), (-p).clamp(min=0).max().item(),
                              (q.sum(1) - 1).abs().max().item(), float(not torch.isfinite(p).all())))
    return {"error": errors}


SOFTMAX_DIST = Claim(
    id="softmax-outputs-a-probability-distribution",
    statement="Softmax outputs are non-negative and sum to 1 over the classes (a probability mass function; "
              "the document says 'density'), for any logits, float32 or float64, including +-1e4 scales; "
              "exp(log_softmax) sums to 1 too.",
    sources=(Source(DOC, "Reminders", (483, 483),
                    "And that's going to guarantee that the final output is a probability density"),
             Source("004_2947cf972490c874.txt", "Lecture 2: Getting Started and Pre-Requisites", (3, 3),
                    "Basically it converts each of the final weights that come out of your neural network into a probability. ... So it's just a way of normalizing things, if you will, into a comparable range.")),
    kind=Kind.IDENTITY, topic="numerics",
    metric="max(|sum p - 1|, max(-p), |sum exp(log_softmax) - 1|, non-finite) per batch",
    direction="holds", tolerance=1e-6, experiment=softmax_distribution_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason='measured: max error 3.6e-7 (float32 rounding) over 400 random batches',
    notes="Softmax gives a probability mass function over 10 discrete classes, not a density: the document's "
          "word is loose, the guarantee (non-negative, sums to 1) holds.",
)


# ------------------------------------------------------------------ log_softmax = log(softmax)
def log_of_softmax_errors(ctx):
    rng = ctx.rng(ctx.seeds[0], "logits")
    errors = []
    for _ in range(ctx.sizes["cases"]):
        z = torch.as_tensor(rng.standard_normal((16, 10)) * float(rng.choice([0.1, 1.0, 5.0])))
        ls = torch.log_softmax(z, dim=1)
        errors.append(max((ls - torch.log(torch.softmax(z, dim=1))).abs().max().item(),
                          (ls - (z - torch.logsumexp(z, dim=1, keepdim=True))).abs().max().item()))
        # a confidently right sample: top logit 20+ above the others -> top log-prob in (-1e-8, 0]
        gap = float(rng.uniform(20, 60))
        z2 = torch.as_tensor(rng.standard_normal(10))
        z2[3] = z2.max() + gap
        top = torch.log_softmax(z2, dim=0)[3].item()
        errors.append(0.0 if -1e-8 < top <= 0.0 else abs(top))
    return {"error": errors}


LOG_OF_SOFTMAX = Claim(
    id="log-softmax-is-log-of-softmax",
    statement="log_softmax(z) equals log(softmax(z)) and z - logsumexp(z) for moderate logits (float64), and "
              "the true class of a confident correct prediction has log-probability just below 0 (log 1 = 0).",
    sources=(Source(DOC, "Softmax vs. log-softmax", (501, 501),
                    "But the basic idea is we repeat the regular softmax function and we just take the log of "
                    "the output."),
             Source(DOC, "Inspecting the trained model", (1141, 1147),
                    "log of one is zero")),
    kind=Kind.IDENTITY, topic="numerics", metric="max abs difference (float64); top log-prob outside (-1e-8, 0]",
    direction="holds", tolerance=1e-12, experiment=log_of_softmax_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason='measured: max difference 3.6e-15 over 400 cases',
)


# ------------------------------------------------------------------ gradient ratio 1/p_y
P_TRUE = (0.5, 0.1, 1e-2, 1e-4, 1e-6)


def penalty_stretch_errors(ctx):
    """|ratio * p_y - 1| where ratio = dNLL(log_softmax)/dz_y over d(-p_y)/dz_y (expected 1/p_y)."""
    errors, ratios = [], []
    for p in P_TRUE:
        # 10 logits: the true class has probability p, the other 9 share the rest equally
        z = torch.zeros(10, dtype=torch.float64)
        z[0] = math.log(p * 9 / (1 - p))
        grads = []
        for loss_fn in (lambda z: -torch.log_softmax(z, 0)[0], lambda z: -torch.softmax(z, 0)[0]):
            zz = z.clone().requires_grad_(True)
            loss_fn(zz).backward()
            grads.append(zz.grad[0].item())
        ratio = grads[0] / grads[1]
        ratios.append(ratio)
        errors.append(abs(ratio * p - 1))
    return {"error": errors, "gradient_ratio": ratios, "p_true": list(P_TRUE)}


STRETCH = Claim(
    id="log-softmax-stretches-penalties",
    statement="Log-softmax 'stretches out the penalties for small probability values': the gradient of "
              "-log p_y with respect to the true logit is 1/p_y times that of -p_y (softmax fed to NLLLoss), "
              "so a confidently wrong net keeps a gradient near -1 instead of one that vanishes with p_y.",
    sources=(Source(DOC, "Softmax vs. log-softmax", (505, 507),
                    "Again, the idea is that log softmax will stretch out the penalties for small probability "
                    "values and this helps learning. ... the model is getting strong penalties for making "
                    "incorrect responses."),),
    kind=Kind.IDENTITY, topic="numerics", metric="|gradient ratio x p_y - 1| (autograd, float64)",
    direction="holds", tolerance=0.01, experiment=penalty_stretch_errors,
    sizes={"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}},
    expect=Verdict.SUPPORTED, expect_reason='measured: ratio x p_y - 1 at most 6.7e-16 for p_y from 0.5 to 1e-6',
    notes="Exactly: d(-log p_y)/dz_y = p_y - 1 and d(-p_y)/dz_y = -p_y (1 - p_y); the ratio is 1/p_y.",
)


# ------------------------------------------------------------------ numerical stability
GAPS = (10.0, 50.0, 110.0, 200.0, 1000.0)
UNDERFLOWS = 110.0        # exp(-110) < half the smallest float32 subnormal: softmax gives exactly 0


def stability_errors(ctx):
    """Per gap g, logits [0, -g] in float32: |log_softmax[1] - ref| / g with ref = -g - log1p(exp(-g))
    in float64; and for g >= 110 whether the
    two-step log(softmax) fails (error 1 if it does NOT give -inf: the hazard claimed would be absent)."""
    errors, naive = [], []
    for g in GAPS:
        z = torch.tensor([0.0, -g], dtype=torch.float32)
        ref = -g - math.log1p(math.exp(-g))
        errors.append(abs(torch.log_softmax(z, 0)[1].item() - ref) / g)
        two_step = torch.log(torch.softmax(z, 0))[1].item()
        naive.append(two_step)
        if g >= UNDERFLOWS:
            errors.append(0.0 if math.isinf(two_step) else 1.0)
    ce = F.cross_entropy(torch.tensor([[0.0, -1000.0]]), torch.tensor([1])).item()
    nll_naive = F.nll_loss(torch.log(torch.softmax(torch.tensor([[0.0, -1000.0]]), 1)), torch.tensor([1])).item()
    errors.append(abs(ce - 1000.0) / 1000.0)
    return {"error": errors, "log_of_softmax_float32": naive, "gaps": list(GAPS),
            "cross_entropy_gap_1000": ce, "nll_of_log_softmax_naive_gap_1000": nll_naive}


STABILITY = Claim(
    id="log-softmax-numerically-stable",
    statement="log_softmax stays exact where tiny probabilities underflow: in float32, for logits [0, -g], "
              "log_softmax gives -g - log(1 + e^-g) (relative error < 1e-6 against float64) for g up to 1000, while log(softmax) returns -inf "
              "from g = 110 on; CrossEntropyLoss stays finite (= 1000) where NLLLoss(log(softmax)) is inf.",
    sources=(Source(DOC, "Softmax vs. log-softmax", (509, 509),
                    "And it also increases numerical stability because we don't have to worry about tiny "
                    "probability values being close to zero, instead, tiny probability values become large "
                    "magnitude negative numbers."),),
    kind=Kind.IDENTITY, topic="numerics",
    metric="|log_softmax - float64 reference| / g per gap; 1 where log(softmax) does not underflow at g >= 110",
    direction="holds", tolerance=1e-6, experiment=stability_errors,
    sizes={"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}},
    expect=Verdict.SUPPORTED, expect_reason='measured: log_softmax relative error <= 3.8e-8; log(softmax) is -inf at g = 110, 200, 1000',
)


# ------------------------------------------------------------------ 'machine precision'
TINY = (1e-16, 1e-19)


def tiny_logits(v: float) -> torch.Tensor:
    """Ten logits whose nine off-class softmax probabilities are each v (the top one is ~1)."""
    return torch.tensor([math.log(1 / v)] + [0.0] * 9, dtype=torch.float64)


def machine_precision_errors(ctx):
    """One error per check; 0 when the check holds.

    Per value v: (1) v is at or below float32's machine epsilon (the document's model runs in
    float32): error max(0, log10(v / eps32)); (2) the top probability of the softmax whose
    off-class probabilities are v is stored in float32 as exactly 1.0, so 1 - p_top no longer
    carries them: error 1 if not; (3) log_softmax keeps the off-class log-probability: relative
    error against the float64 reference log(v).
    """
    eps32, eps64 = torch.finfo(torch.float32).eps, torch.finfo(torch.float64).eps
    errors, seen = [], {}
    for v in TINY:
        z64 = tiny_logits(v)
        z32 = z64.float()
        p32 = torch.softmax(z32, 0)
        ls32 = torch.log_softmax(z32, 0)
        ref = torch.log_softmax(z64, 0)
        errors.append(max(0.0, math.log10(v / eps32)))
        errors.append(float(p32[0].item() != 1.0))
        errors.append(abs(ls32[1].item() - ref[1].item()) / abs(ref[1].item()))
        seen[f"{v:g}"] = {"log10_v_over_eps32": math.log10(v / eps32), "log10_v_over_eps64": math.log10(v / eps64),
                          "float32_top_probability": p32[0].item(), "float32_one_minus_top": 1.0 - p32[0].item(),
                          "float32_off_class_probability": p32[1].item(),
                          "float32_log_softmax_off_class": ls32[1].item(), "float64_log_v": ref[1].item()}
    ctx.note("checks", seen)
    return {"error": errors}


MACHINE_PRECISION = Claim(
    id="tiny-probabilities-at-machine-precision",
    redesigned="2026-12-04: 'machine precision' re-read as machine epsilon beside a top probability ~1 (was: distance from the smallest normal float32, a definition game, REFUTED). Deterministic, so every seed family gives the same errors: SUPPORTED.",
    statement="Beside a top probability 'really, really close to one', off-class probabilities of 1e-16 to "
              "1e-19 are 'at around machine precision': at or below the machine epsilon of the float32 model "
              "(1.19e-7), so the stored top probability is exactly 1.0 and no longer carries them, while the "
              "log-probabilities (log_softmax) keep them to float32 accuracy ('one of the advantages of "
              "taking the log').",
    sources=(Source(DOC, "Inspecting the trained model", (1102, 1119),
                    "So here you see this value is actually really, really close to one. ... Ten to the minus 19. "
                    "... These numbers are basically at around machine precision. ... So "
                    "this is one of the advantages of taking the log of these probabilities."),),
    kind=Kind.IDENTITY, topic="numerics",
    metric="per value: max(0, log10(v / eps32)); 1 if float32 p_top != 1.0; relative error of float32 log_softmax",
    direction="holds", tolerance=1e-6, experiment=machine_precision_errors,
    sizes={"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured: 1e-16 and 1e-19 lie 9.1 and 12.1 orders of magnitude below float32 epsilon (and 0.3 "
                  "and 3.3 below float64's); float32 p_top is exactly 1.0 for both; float32 log_softmax keeps "
                  "log(v) to relative error 4.1e-8 at most",
    notes="'Machine precision' is read as the field uses it, machine epsilon (the relative resolution of "
          "numbers near 1), and in the context the document gives: tiny values next to a top probability "
          "close to one. Design changed on 2026-12-04 after a measured run of the earlier reading (distance "
          "from the smallest normal float32, REFUTED), which was a definition game. It is deterministic (no "
          "seed enters), so the seed family 424242 gives the same errors: SUPPORTED on both.",
)


RETIRED = [
    Unexecutable(
        id="error-rate-is-inverse-of-accuracy",
        statement="Read literally, 'error rates are the inverse of accuracy': accuracy = 1 / error rate.",
        sources=(Source(DOC, "The MNIST dataset", (189, 189),
                        "So the error rates are just the inverse of accuracy."),),
        reason="retired: an everyday word read literally. The document's own numbers in the same passage "
               "(7.6 -> 92.4, 0.17 -> 99.8) show 'inverse' means the complement, which "
               "error-rate-is-complement-of-accuracy tests; 1 / error rate was never meant"),
]


# ------------------------------------------------------------------ CE = log_softmax + NLL
def ce_identity_errors(ctx):
    rng = ctx.rng(ctx.seeds[0], "logits")
    errors = []
    for _ in range(ctx.sizes["cases"]):
        for dtype in (torch.float32, torch.float64):
            z = random_logits(rng, dtype)
            y = torch.as_tensor(rng.integers(0, z.shape[1], z.shape[0]))
            ce = F.cross_entropy(z, y)
            nll = F.nll_loss(torch.log_softmax(z, 1), y)
            errors.append(abs(ce.item() - nll.item()) / max(1.0, abs(ce.item())))
    return {"error": errors}


CE_VALUES = Claim(
    id="cross-entropy-equals-log-softmax-nll",
    statement="CrossEntropyLoss on raw outputs equals NLLLoss on log_softmax outputs (relative difference "
              "< 1e-6), for random logits up to 1e4 in float32 and float64.",
    sources=(Source(DOC, "Our FFN model (code)", (774, 774),
                    "You can export the raw output numbers and then use the loss function of cross entropy loss."),
             Source(DOC, "CodeChallenge: data normalization", (1575, 1575),
                    "And then I went back to the cross entropy loss loss function, which will internally "
                    "compute log softmax from the raw numerical outputs."),
             Source("000_d7a1d0a6624d5a73.txt", "Data size and network size", (683, 683),
                    "And here, of course, I'm returning the raw numerical value because I'm using the cross "
                    "entropy loss function."),
             Source("003_9348410d8d3ffd8d.txt", "Categorical Cross-Entropy Loss (or Softmax Loss)", (1099, 1100),
                    "Categorical Cross-Entropy loss is the most commonly used loss - It is a Softmax activation "
                    "plus a Cross-Entropy loss")),
    kind=Kind.IDENTITY, topic="numerics", metric="|CE - NLL(log_softmax)| / max(1, |CE|)",
    direction="holds", tolerance=1e-6, experiment=ce_identity_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason='measured: max relative difference 0 over 400 batches (CE computes log_softmax + NLL)',
)


def ce_trajectory_errors(ctx):
    """Max |parameter difference| after training the recipe in float64 with each formulation."""
    (X, y), _ = train_test(ctx)
    X, y = X.double(), y
    models = []
    for loss in ("cross_entropy", "nll_log_softmax"):
        f = fit(ctx, LAYERS, X, y, recipe_config(ctx, loss=loss), dtype=torch.float64)
        models.append([p.detach() for p in f.model.parameters()])
    diffs = [(a - b).abs().max().item() for a, b in zip(*models)]
    return {"error": [max(diffs)], "per_tensor_max_abs_difference": diffs}


CE_TRAJECTORY = Claim(
    id="cross-entropy-trains-like-log-softmax-nll",
    statement="Training the document's net with CrossEntropyLoss on raw outputs or with log_softmax + NLLLoss "
              "gives the same weights (same init and batch order, float64, max |difference| < 1e-9).",
    sources=CE_VALUES.sources, kind=Kind.IDENTITY, topic="numerics",
    metric="max |parameter difference| after training (float64)",
    direction="holds", tolerance=1e-9, experiment=ce_trajectory_errors,
    sizes={"smoke": {"seeds": 1, "train_set": "mnist_5k", "n_train": 500, "epochs": 1},
           "ci": {"seeds": 1, "train_set": "mnist_5k", "n_train": 2000, "epochs": 3},
           "full": {"seeds": 1, "train_set": "mnist_18k", "epochs": 60}},
    expect=Verdict.SUPPORTED, expect_reason='measured (ci): max parameter difference 2.8e-17 after 186 float64 SGD steps',
    notes="ci: 2,000 of the 5,000 mnist_5k images, 3 epochs (186 SGD steps); full: 18,000 images, 60 epochs.",
)


# ------------------------------------------------------------------ float data, long labels
def dtype_errors(ctx):
    errors = [float(torch.long is not torch.int64),
              float(torch.tensor([1.0]).long().dtype != torch.int64)]
    lin = torch.nn.Linear(4, 3)
    try:
        lin(torch.zeros(2, 4, dtype=torch.float64))
        errors.append(1.0)                       # float64 input accepted: the cast would be unneeded
    except RuntimeError:
        errors.append(0.0)
    z = torch.randn(5, 3)
    ok64 = F.nll_loss(torch.log_softmax(z, 1), torch.tensor([0, 1, 2, 0, 1], dtype=torch.int64))
    errors.append(float(not torch.isfinite(ok64)))
    try:
        F.cross_entropy(z, torch.tensor([0, 1, 2, 0, 1], dtype=torch.int32))
        int32_ok = 1.0
    except RuntimeError:
        int32_ok = 0.0
    return {"error": errors, "int32_targets_accepted": int32_ok}


DTYPES = Claim(
    id="float-data-long-labels",
    statement="torch's .long() is a 64-bit integer; the model needs float32 data (a float64 batch, e.g. from "
              "numpy's .astype(float), raises a dtype error in nn.Linear), and int64 class labels work with "
              "NLLLoss/CrossEntropyLoss.",
    sources=(Source(DOC, "Create train/test groups", (675, 681),
                    "Now here we have to make sure that the data are floating point ... The labels are converted "
                    "into integers, which is called long. ... In this case, the keyword long actually converts "
                    "to 64 bit precision integers."),
             Source("000_d7a1d0a6624d5a73.txt", "Anatomy of a torch dataset and dataloader", (188, 190),
                    "We have often used this long format when we when we create labels. So we need the labels in "
                    "PyTorch to be integers and the data should be floating point."),),
    kind=Kind.IDENTITY, topic="numerics", metric="1 per failed check, 0 otherwise",
    direction="holds", tolerance=0.0, experiment=dtype_errors,
    sizes={"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}},
    expect=Verdict.SUPPORTED, expect_reason='measured: all four checks pass (torch 2.13)',
    notes="Whether int32 targets are accepted depends on the torch version; recorded (int32_targets_accepted), "
          "not asserted.",
)


# ------------------------------------------------------------------ min-max scaling
def minmax_errors(ctx):
    rng = ctx.rng(ctx.seeds[0], "vectors")
    errors = []
    for _ in range(ctx.sizes["cases"]):
        n = int(rng.integers(4, 200))
        x = rng.standard_normal(n) * float(rng.choice([1e-3, 1.0, 1e3])) + float(rng.uniform(-100, 100))
        y = (x - x.min()) / (x.max() - x.min())
        i, j, k, l = rng.integers(0, n, 4)
        ratio_err = 0.0
        if x[k] != x[l]:
            ratio_err = abs((y[i] - y[j]) / (y[k] - y[l]) - (x[i] - x[j]) / (x[k] - x[l]))
            ratio_err /= max(1.0, abs((x[i] - x[j]) / (x[k] - x[l])))
        rank_changes = float(np.any(np.argsort(x, kind="stable") != np.argsort(y, kind="stable")))
        errors.append(max(abs(y.min()), abs(y.max() - 1), rank_changes, ratio_err))
    # MNIST: data / max equals min-max scaling because the minimum is 0
    pix = np.arange(256, dtype=np.float64)
    errors.append(float(np.abs(pix / pix.max() - (pix - pix.min()) / (pix.max() - pix.min())).max()))
    return {"error": errors}


MINMAX = Claim(
    id="minmax-scaling-properties",
    statement="Min-max scaling maps the smallest value to 0 and the largest to 1, keeps the order, and keeps "
              "ratios of differences (it is affine); for 0..255 pixels, dividing by the max is the same map.",
    sources=(Source(DOC, "Normalizing data (reminder)", (1407, 1409),
                    "rescale the data so that the smallest value turns into zero and the largest value turns "
                    "into one and all the data points in between our linearly scale. So the relationship between "
                    "the successive data points is the same before and after scaling."),),
    kind=Kind.IDENTITY, topic="numerics", metric="max of |min|, |max - 1|, order changes, ratio error (float64)",
    direction="holds", tolerance=1e-9, experiment=minmax_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason='measured: max error 5.9e-14 over 200 random vectors',
)


# ------------------------------------------------------------------ error rate vs accuracy
TABLE = ((7.6, 92.4), (0.17, 99.8))   # (error rate %, accuracy % as the document states it)


def complement_errors(ctx):
    return {"error": [abs((100 - e) - a) for e, a in TABLE]}


ERROR_SRC = Source(DOC, "The MNIST dataset", (189, 199),
                   "So the error rates are just the inverse of accuracy. So this is an error rate of seven point six "
                   "means an accuracy of ninety two point four percent. ... An error rate of zero point one seven "
                   "means that this model here is CNN convolutional neural network has an accuracy rate of ninety "
                   "nine point eight percent.")

COMPLEMENT = Claim(
    id="error-rate-is-complement-of-accuracy",
    statement="The document's conversions are right as complements: accuracy = 100% - error rate "
              "(7.6 -> 92.4; 0.17 -> 99.83, stated as 99.8), within 0.05 points.",
    sources=(ERROR_SRC,), kind=Kind.IDENTITY, topic="numerics", metric="|100 - error - stated accuracy| (points)",
    direction="holds", tolerance=0.05, experiment=complement_errors,
    sizes={"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}},
    expect=Verdict.SUPPORTED, expect_reason='measured: errors 0 and 0.03 points (99.83 stated as 99.8)',
)
