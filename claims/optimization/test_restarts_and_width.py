"""Two remedies for local minima (001, "What to do about it?", lines 225-229).

The document names two: re-train many times from different random weights and keep the best model,
or make the model bigger. Both are tried on the same trap: a 2-2-2 ReLU net on XOR blobs, which in
most runs ends in a local minimum at ~75% train accuracy (one blob given up), whatever the number of
further epochs. Data: four Gaussian blobs (sigma 0.35), training, dev and test sets drawn
independently per seed; full-batch SGD lr 0.3, cross-entropy.

Three claims: best-of-5 restarts (chosen on the dev set, scored on the test set) beats a single run
(the document's remedy, at 5x the compute); the same best-of-5 against one run given the same total
number of epochs (compute-matched control: is it the restarts or just more training?); and a wider
hidden layer (16 units) gets stuck in fewer runs than 2 units.
"""
import dataclasses

import numpy as np
import torch

from fixtures.per_seed import draws
from fixtures.synthetic import xor_blobs
from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.training.engine import TrainConfig
from harness.training.experiments import fit
from harness.running.seeds import substream

DOC = "001_21bdbe3614939729.txt"
RETRAIN = Source(DOC, "What to do about it?", (225, 227),
                 "When model performance is good, don't worry about local minima. ... One possible solution: "
                 "`Re-train the model many times using different random weights` (different starting locations on "
                 "the loss landsacpe) and pick the model that does best.")
WIDER = Source(DOC, "What to do about it?", (229, 229),
               "Another possible solution: `Increase the dimensionality (complexity) of the model to have fewer "
               "local minima.`")

STUCK_BELOW = 0.95          # train accuracy under which a run counts as stuck (a blob given up)


def xor_splits(ctx, parts=("", "dev_", "test_")):
    """Per seed: independent XOR draws (training, dev, test), each (X (K, n, 2), y (K, n))."""
    s = ctx.sizes
    return [draws(ctx, xor_blobs, s[f"n_{p}per_cluster"], sigma=s["sigma"], stream=f"{p or 'train_'}data")[:2]
            for p in parts]


def restarts(ctx, m):
    """A view of ctx with m restarts per seed (restart-major): each restart its own init and order."""
    return dataclasses.replace(ctx, seeds=[substream(q, f"restart-{r}") for r in range(m) for q in ctx.seeds])


def tile(t, m):
    return t.repeat(m, *[1] * (t.dim() - 1))


def config(epochs):
    return TrainConfig(epochs=epochs, lr=0.3)


def fit_restarts(ctx, hidden, m, epochs, sets):
    """Train m restarts per seed at once; (train, dev, test) accuracies, each (m, K)."""
    (X, y), dev, test = sets
    rctx = restarts(ctx, m)
    evals = {"train": (tile(X, m), tile(y, m)), "dev": tuple(tile(t, m) for t in dev),
             "test": tuple(tile(t, m) for t in test)}
    f = fit(rctx, (2, hidden, 2), tile(X, m), tile(y, m), config(epochs), evals=evals)
    k = len(ctx.seeds)
    return tuple(f[name].reshape(m, k).numpy() for name in ("train", "dev", "test"))


def best_of(ctx, sets):
    """Test accuracy of the restart with the best dev accuracy (first on ties), plus the pool."""
    s = ctx.sizes
    train, dev, test = fit_restarts(ctx, s["hidden"], s["restarts"], s["epochs"], sets)
    pick = dev.argmax(axis=0)
    cols = np.arange(dev.shape[1])
    return test[pick, cols], {"restart_train_accuracy": train, "restart_test_accuracy": test, "picked": pick}


def pool_extras(pool):
    train, test = pool["restart_train_accuracy"], pool["restart_test_accuracy"]
    return {"stuck_restarts_per_seed": (train < STUCK_BELOW).sum(axis=0),
            "single_train_accuracy": train[0], "best_restart_index": pool["picked"],
            "all_restarts_stuck": (train < STUCK_BELOW).all(axis=0).astype(float),
            "pool_test_accuracy_mean": test.mean(axis=0)}


def best_vs_single(ctx):
    sets = xor_splits(ctx)
    best, pool = best_of(ctx, sets)
    return {"best_of_restarts": best, "single_run": pool["restart_test_accuracy"][0], **pool_extras(pool)}


def best_vs_long_single(ctx):
    s = ctx.sizes
    sets = xor_splits(ctx)
    best, pool = best_of(ctx, sets)
    # restart 0 again (same init and order streams), trained for all restarts' epochs together
    train, _, test = fit_restarts(ctx, s["hidden"], 1, s["epochs"] * s["restarts"], sets)
    return {"best_of_restarts": best, "single_long_run": test[0], "single_long_train_accuracy": train[0],
            "single_short_run": pool["restart_test_accuracy"][0], **pool_extras(pool)}


XOR = {"sigma": 0.35, "n_per_cluster": 50, "n_dev_per_cluster": 50, "n_test_per_cluster": 250,
       "hidden": 2, "restarts": 5, "epochs": 200}
SIZES = {"smoke": {"seeds": (12,), **XOR, "epochs": 50},
         "ci": {"seeds": (24, 48, 96), **XOR},
         "full": {"seeds": (50, 100), **XOR}}

PICK_BEST = Claim(
    id="retrain-multiple-seeds-pick-best",
    statement="Re-training a small net from 5 different random initialisations and keeping the one that does "
              "best (on a separate dev set) beats a single training run by at least 2 points of test accuracy, "
              "on XOR blobs where a 2-2-2 ReLU net often ends in a local minimum (SGD lr 0.3, 200 full-batch "
              "epochs per run).",
    sources=(RETRAIN,
             Source("004_2947cf972490c874.txt", "Lecture 2: Getting Started and Pre-Requisites", (3, 3),
                    "Now, there are various ways of dealing with this problem. Obviously, you could start from "
                    "different locations, so try to prevent that sort of thing.")),
    kind=Kind.COMPARATIVE, topic="optimization",
    metric="test accuracy (fraction) on a fresh XOR draw (1,000 points)", arms=("best_of_restarts", "single_run"),
    direction="greater", delta=0.02, experiment=best_vs_single, sizes=SIZES,
    redesigned='2026-12-07: ci looks (12, 24) -> (24, 48, 96), the uniform remedy for claims whose verdict differed between the seed families default/7/12345 (looks added, each doubling the last planned one, up to 4x its seeds; the 12-seed look dropped, since at its share of alpha it could never decide). Why: verdict differed between seed families 7/12345/default: power (bimodal differences: 0 when restart 0 is not stuck, ~0.23 when it is). Arms, metric, direction, delta and data unchanged. Confirmed on seed family 31337 (never used by the suite): supported at 48 seeds, +0.1078 [0.07396, 0.1457].',
    expect=Verdict.SUPPORTED,
    expect_reason='measured supported (ci, 48 seeds): +0.1366 [0.0991, 0.1784]; seed family 7: +0.1015 [0.06881, 0.1395] at 48 seeds, supported; seed family 12345: +0.1466 [0.1129, 0.1782] at 48 seeds, supported; seed family 31337: +0.1078 [0.07396, 0.1457] at 48 seeds, supported. Earlier: measured (ci, 24 seeds): best-of-5 0.959 vs single run 0.824 test accuracy, +0.135 [0.080, 0.201]; ~3 of 5 restarts stuck per seed, all 5 stuck in 2 of 24 seeds',
    notes="The single run is restart 0 of the same pool (common random numbers). Selection uses a dev set "
          "drawn independently of the test set, so the gain is not a selection artefact. The best-of-5 "
          "arm costs 5x the training of the single run; see retrain-best-of-5-vs-one-run-5x-longer.",
)

PICK_BEST_MATCHED = Claim(
    id="retrain-best-of-5-vs-one-run-5x-longer",
    statement="Compute-matched control: the best of 5 restarts of 200 epochs (chosen on a dev set) beats one "
              "run trained for 1,000 epochs from the first restart's initialisation by at least 2 points of test "
              "accuracy: the restarts, not the extra epochs, get the net out of its local minima.",
    sources=(RETRAIN,), kind=Kind.COMPARATIVE, topic="optimization",
    metric="test accuracy (fraction) on a fresh XOR draw (1,000 points)",
    arms=("best_of_restarts", "single_long_run"), direction="greater", delta=0.02,
    experiment=best_vs_long_single, sizes=SIZES, redesigned='2026-12-07: ci looks (12, 24) -> (24, 48, 96), the uniform remedy for claims whose verdict differed between the seed families default/7/12345 (looks added, each doubling the last planned one, up to 4x its seeds; the 12-seed look dropped, since at its share of alpha it could never decide). Why: verdict differed between seed families 7/12345/default: power (bimodal differences: 0 when restart 0 is not stuck, ~0.23 when it is). Arms, metric, direction, delta and data unchanged. Confirmed on seed family 31337 (never used by the suite): supported at 24 seeds, +0.1265 [0.07783, 0.1849].',
    expect=Verdict.SUPPORTED,
    expect_reason='measured supported (ci, 24 seeds): +0.1654 [0.108, 0.2252]; seed family 7: +0.1376 [0.1011, 0.175] at 48 seeds, supported; seed family 12345: +0.1252 [0.09217, 0.1549] at 48 seeds, supported; seed family 31337: +0.1265 [0.07783, 0.1849] at 24 seeds, supported. Earlier: measured (ci, 24 seeds): best-of-5 0.957 vs one 1,000-epoch run 0.792, +0.165 [0.108, 0.225]; the long run ends where its 200-epoch point was (0.790): stuck runs stay stuck',
    notes="The long run starts from restart 0's weights and data order, so 'single_short_run' (its first "
          "200 epochs' endpoint) and 'single_long_run' differ only in training length.",
)


def width_runs(ctx):
    s = ctx.sizes
    (X, y), test = xor_splits(ctx, ("", "test_"))
    out = {}
    for arm, hidden in (("wide", s["wide"]), ("narrow", s["narrow"])):
        f = fit(ctx, (2, hidden, 2), X, y, config(s["epochs"]), evals={"train": (X, y), "test": test})
        out[arm] = (f["train"] >= STUCK_BELOW).double()
        out[f"{arm}_train_accuracy"] = f["train"]
        out[f"{arm}_test_accuracy"] = f["test"]
    return out


WIDTH = {"sigma": 0.35, "n_per_cluster": 50, "n_test_per_cluster": 250,
         "narrow": 2, "wide": 16, "epochs": 200}

WIDER_FEWER_MINIMA = Claim(
    id="wider-model-fewer-local-minima",
    statement="A bigger model gets stuck in local minima less often: on XOR blobs a 2-16-2 ReLU net ends "
              "training (SGD lr 0.3, 200 full-batch epochs) above 95% train accuracy in at least 10 points more "
              "runs than a 2-2-2 net from the same data.",
    sources=(WIDER,), kind=Kind.COMPARATIVE, topic="optimization",
    metric="indicator per seed: final train accuracy >= 0.95 (not stuck)", arms=("wide", "narrow"),
    direction="greater", delta=0.10, experiment=width_runs,
    sizes={"smoke": {"seeds": (12,), **WIDTH, "epochs": 50}, "ci": {"seeds": (24, 48, 96), **WIDTH},
           "full": {"seeds": (50, 100), **WIDTH}},
    redesigned='2026-12-07: ci looks (12, 24) -> (24, 48, 96), the uniform remedy for claims whose verdict differed between the seed families default/7/12345 (looks added, each doubling the last planned one, up to 4x its seeds; the 12-seed look dropped, since at its share of alpha it could never decide). Why: verdict differed between seed families 7/12345/default: power (0/1 differences). Arms, metric, direction, delta and data unchanged. Confirmed on seed family 31337 (never used by the suite): supported at 48 seeds, +0.6667 [0.5208, 0.7917].',
    expect=Verdict.SUPPORTED,
    expect_reason='measured supported (ci, 24 seeds): +0.7083 [0.5, 0.875]; seed family 7: +0.6667 [0.5208, 0.7917] at 48 seeds, supported; seed family 12345: +0.625 [0.4167, 0.7917] at 24 seeds, supported; seed family 31337: +0.6667 [0.5208, 0.7917] at 48 seeds, supported. Earlier: measured (ci, 24 seeds): 24/24 wide runs vs 7/24 narrow runs end above 95% train accuracy, +0.708 [0.500, 0.875]; narrow runs sit at ~0.74',
    notes="'Stuck' is the observable side of a local minimum here: the narrow net's failures sit at ~0.75 "
          "train accuracy (one XOR blob given up) and do not move with more epochs. Train and test "
          "accuracies of both arms are stored.",
)
