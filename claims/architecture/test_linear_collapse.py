"""Stacked Linear layers with no nonlinearity are one linear map (001, 003).

Three claims: the identity itself (float64, random shapes); its consequence, that a deep linear net
learns basically the same as one layer (on overlapping blobs, where both learn); and that the same
depth with ReLU beats its linear twin on XOR blobs, which no linear map solves.
"""
import numpy as np
import torch

from fixtures import qwerties
from fixtures.per_seed import draws
from fixtures.synthetic import xor_blobs
from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.training.engine import TrainConfig
from harness.training.experiments import as_labels, as_tensor, fit
from harness.running.seeds import substream
from harness.declaring.vague_words import VAGUE

DOC_001 = Source(
    "001_21bdbe3614939729.txt", "Why multilayer linear models don't exist / Layers collapse without nonlinearities",
    (641, 650),
    "Why a `multi-layer` linear model is really just one layer, as long as there are no nonlinear "
    "activation units. ... All the weights just get to be combined into one sigle layer.")
DOC_003 = Source(
    "003_9348410d8d3ffd8d.txt", "Activation Functions", (984, 990),
    "No activation function = A simple linear function ... A Neural Network without Activation function "
    "= Linear regression model ... No matter how many layers you have")


def collapse_errors(ctx):
    """Relative max error between a random Linear stack and its folded single layer, per case."""
    errors = []
    for seed in ctx.seeds:
        rng = ctx.rng(seed, "shapes")
        torch.manual_seed(ctx.look_seed("weights"))
        for _ in range(ctx.sizes["cases"]):
            widths = rng.integers(1, 65, size=rng.integers(3, 8)).tolist()
            layers = [torch.nn.Linear(a, b, dtype=torch.float64) for a, b in zip(widths[:-1], widths[1:])]
            stack = torch.nn.Sequential(*layers)
            W = torch.eye(widths[0], dtype=torch.float64)
            b = torch.zeros(widths[0], dtype=torch.float64)
            for layer in layers:               # x -> W_l x + b_l folded: W <- W_l W, b <- W_l b + b_l
                W = layer.weight @ W
                b = layer.weight @ b + layer.bias
            x = torch.randn(256, widths[0], dtype=torch.float64) * float(rng.choice([1e-3, 1.0, 1e3]))
            with torch.no_grad():
                deep = stack(x)
                folded = x @ W.T + b
            scale = deep.abs().max().clamp(min=1.0)
            errors.append(((deep - folded).abs().max() / scale).item())
    return {"error": errors}


IDENTITY = Claim(
    id="stacked-linear-layers-collapse",
    statement="A stack of Linear layers with no activation between them computes exactly one affine map "
              "(W = W_L...W_1, b folded), for any depth and widths.",
    sources=(DOC_001, DOC_003), kind=Kind.IDENTITY, topic="architecture",
    metric="max |stack(x) - folded(x)| / max(1, max|stack(x)|), float64, 256 inputs per case",
    direction="holds", tolerance=1e-10, experiment=collapse_errors,
    sizes={"smoke": {"seeds": 1, "cases": 20}, "ci": {"seeds": 1, "cases": 200}, "full": {"seeds": 1, "cases": 2000}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured: errors stay at float64 rounding (~1e-15) over random depths 2-6 and widths 1-64",
)


def xor_data(ctx):
    """Per-seed XOR train and test sets (K, n, 2): each seed draws its own data."""
    s = ctx.sizes
    sets = []
    for n, stream in ((s["n_per_cluster"], "data"), (s["n_test_per_cluster"], "test-data")):
        draws = [ctx.data(xor_blobs, n, sigma=s["sigma"], seed=substream(q, stream)) for q in ctx.seeds]
        sets.append((as_tensor(np.stack([d.X for d in draws])), as_labels(np.stack([d.y for d in draws]))))
    return sets


def xor_arms(**arms):
    """Experiment: each arm (hidden widths, activation) trained on the same data, init and order."""
    def experiment(ctx):
        (X, y), test = xor_data(ctx)
        s = ctx.sizes
        cfg = TrainConfig(epochs=s["epochs"], lr=s["lr"], batch_size=s["batch_size"], optimizer="adam")
        return {arm: fit(ctx, (2, *hidden, 2), X, y, cfg, evals={"test": test}, activation=act)["test"]
                for arm, (hidden, act) in arms.items()}
    return experiment


DEEP = (16, 16, 16, 16)
XOR_SIZES = {
    "smoke": {"seeds": (12,), "n_per_cluster": 50, "n_test_per_cluster": 100, "sigma": 0.35,
              "epochs": 60, "lr": 0.01, "batch_size": 32},
    "ci": {"seeds": (32, 64, 128), "n_per_cluster": 100, "n_test_per_cluster": 250, "sigma": 0.35,
           "epochs": 100, "lr": 0.01, "batch_size": 32},
    "full": {"seeds": (20, 40, 80), "n_per_cluster": 250, "n_test_per_cluster": 1000, "sigma": 0.35,
             "epochs": 200, "lr": 0.01, "batch_size": 32},
}

BLOBS = ((1.0, 1.0), (2.5, 2.5))       # two overlapping blobs (sigma 1): the best boundary is linear, ~85%


def blob_arms(ctx):
    """Deep linear stack vs one linear layer on overlapping blobs, where a linear map learns ~85%.

    Same data, init streams, order and Adam settings as the XOR arms. Returned beside the arms: each
    arm's train loss over the last tenth of training and the tenth before (a plateau check)."""
    s = ctx.sizes
    X, y, _ = draws(ctx, qwerties, s["n_per_cluster"], centers=BLOBS, sigma=1.0)
    test = draws(ctx, qwerties, s["n_test_per_cluster"], centers=BLOBS, sigma=1.0, stream="test-data")[:2]
    cfg = TrainConfig(epochs=s["epochs"], lr=s["lr"], batch_size=s["batch_size"], optimizer="adam")
    out = {}
    tail = max(1, s["epochs"] // 10)
    for arm, hidden in (("deep_linear", DEEP), ("one_layer", ())):
        f = fit(ctx, (2, *hidden, 2), X, y, cfg, evals={"test": test, "train": (X, y)}, activation="linear")
        loss = f.history.train_loss
        out[arm] = f["test"]
        out[f"{arm}_train"] = f["train"]
        out[f"{arm}_loss_last_tenth"] = loss[:, -tail:].mean(1)
        out[f"{arm}_loss_previous_tenth"] = loss[:, -2 * tail:-tail].mean(1)
    return out


BLOB_SIZES = {
    "smoke": {"seeds": (12,), "n_per_cluster": 100, "n_test_per_cluster": 500, "epochs": 30, "lr": 0.01,
              "batch_size": 32},
    "ci": {"seeds": (16, 32, 64), "n_per_cluster": 100, "n_test_per_cluster": 500, "epochs": 100, "lr": 0.01,
           "batch_size": 32},
    "full": {"seeds": (20, 40, 80), "n_per_cluster": 250, "n_test_per_cluster": 1000, "epochs": 200,
             "lr": 0.01, "batch_size": 32},
}

DEEP_LINEAR_NO_BETTER = Claim(
    id="deep-linear-net-no-better-than-one-layer",
    redesigned="2026-12-04: delta 0.02 from the vague-word table ('basically the same'; was 0.05 while the statement said 3 points) and overlapping blobs where both arms learn (was XOR, both at chance); plateau check stored. Confirmed on unseen seed family 424242: SUPPORTED.",
    statement="A multi-layer linear model 'is really just one layer': a 5-layer net without activations "
              "(2-16-16-16-16-2) reaches basically the same test accuracy as a single linear layer (within "
              "2 points either way) on a problem a linear boundary solves as well as possible (two "
              "overlapping Gaussian blobs, ~85% attainable), trained the same way (Adam, lr 0.01, 100 epochs).",
    sources=(DOC_001, DOC_003), kind=Kind.EQUIVALENCE, topic="architecture",
    metric="test accuracy (fraction) on 1,000 fresh points", arms=("deep_linear", "one_layer"),
    direction="equivalent", delta=VAGUE["basically the same"].delta,
    experiment=blob_arms, sizes=BLOB_SIZES, expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 16 seeds): deep linear 0.850 vs one layer 0.848, +0.0014 [-0.0006, 0.0033]; "
                  "seed family 424242: -0.0008 [-0.0027, 0.0010], supported; both arms on a plateau (train "
                  "loss 0.318 vs 0.317 over the last two tenths of training)",
    notes="'Really just one layer' is read as 'basically the same' (vague-word table: +-0.02). Design "
          "changed on 2026-12-04 after measured runs: the earlier design stated 3 points, tested 0.05, and "
          "compared two arms that both sit at chance on XOR (0.28-0.67 across seeds), where any two "
          "non-learners look equivalent; now both arms learn (a linear boundary is optimal) and the train "
          "loss over the last tenth of training vs the tenth before is stored per arm as a plateau check. Confirmed on seed family 424242 (never seen): supported.",
)

RELU_NEEDED = Claim(
    id="relu-net-beats-deep-linear-on-xor",
    statement="The same 5-layer net with ReLU between layers beats its linear twin on XOR blobs by at "
              "least 10 points of test accuracy.",
    sources=(DOC_001, DOC_003), kind=Kind.COMPARATIVE, topic="architecture",
    metric="test accuracy (fraction) on fresh XOR blobs", arms=("deep_relu", "deep_linear"),
    direction="greater", delta=0.10,
    experiment=xor_arms(deep_relu=(DEEP, "relu"), deep_linear=(DEEP, "linear")),
    sizes=XOR_SIZES, expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 32 seeds): ReLU leads by 0.51 [0.48, 0.54]; the linear stack sits at 0.5",
)
