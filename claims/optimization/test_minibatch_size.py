"""Mini-batch size (001, "Training in mini-batches" to "CodeChallenge: Effects of mini-batch size",
lines 1958-2071).

The document's challenge: iris, the 4-64-64-3 net, SGD at lr .001, batch sizes 2^1..2^6, accuracy
against EPOCHS ([nb] 500 epochs, train_size .8, drop_last, shuffle). Small batches "learned much
faster"; the document credits the homogeneity of iris. At equal epochs a batch of 2 takes 60 steps per
epoch on 120 rows and a batch of 64 takes one, so the suite declares the document's comparison and
a step-matched one beside it. The other claims are the section's mechanics (drop_last, the precision
of a small batch's accuracy, the noise of mini-batch gradients) and its heterogeneous-data claim.
"""
import math

import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.training.engine import BatchedMLP, TrainConfig, cross_entropy
from harness.training.experiments import fit
from harness.recipes.small_problems import iris_sets, pooled_mnist_sets

DOC = "001_21bdbe3614939729.txt"
CHALLENGE = Source(
    DOC, "CodeChallenge: Effects of mini-batch size", (2042, 2051),
    "set the mimi-batch size to 2^N for N=1,...,6. Set the learning rate to 0.001. ... The model learned "
    "much faster when we had fewer training examples bundled into the many batches.")
IRIS_NET = (4, 64, 64, 3)
SIMILAR = Source(
    DOC, "How and why to train with mini-batches? / Batch training in action", (1979, 2021),
    "If samples are highly similar, minibatch=1 can give faster training. ... when you have a lot of similarity "
    "in the training set, it's actually good to have a small mini batch size that actually speeds up learning.")
HOMOGENEOUS = Source(
    DOC, "CodeChallenge: Effects of mini-batch size", (2053, 2069),
    "when all of the data samples are pretty similar to each other, then the model learns really well from each "
    "individual. ... Whereas these data values, the iris data are much more homogenous.")


def iris_batch_arms(ctx):
    """Test accuracy for each arm's (batch size, epochs): same data, split, init and order streams."""
    s = ctx.sizes
    train, test = iris_sets(ctx)
    out = {}
    for arm, (batch, epochs) in s["arms"].items():
        cfg = TrainConfig(epochs=epochs, lr=0.001, batch_size=batch, drop_last=True, optimizer="sgd")
        f = fit(ctx, IRIS_NET, *train, cfg, evals={"test": test, "train": train})
        out[arm], out[arm + "_train"] = f["test"], f["train"]
        out[arm + "_steps"] = [f.history.steps] * len(ctx.seeds)
    return out


EQUAL_EPOCHS = Claim(
    id="minibatch-2-beats-64-at-equal-epochs-iris",
    statement="The document's comparison: on iris (4-64-64-3, SGD lr .001, drop_last), after the same number "
              "of epochs a batch size of 2 reaches a test accuracy at least 10 points above a batch size of 64.",
    sources=(CHALLENGE, SIMILAR), kind=Kind.COMPARATIVE, topic="optimization",
    metric="test accuracy (fraction), 30 held-out iris rows", arms=("batch_2", "batch_64"),
    direction="greater", delta=0.10, experiment=iris_batch_arms,
    sizes={"smoke": {"seeds": (12,), "arms": {"batch_2": (2, 10), "batch_64": (64, 10)}},
           "ci": {"seeds": (12, 24), "arms": {"batch_2": (2, 50), "batch_64": (64, 50)}},
           "full": {"seeds": (20, 40), "arms": {"batch_2": (2, 500), "batch_64": (64, 500)}}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 12 seeds, 50 epochs): batch 2 leads by 0.600 [0.489, 0.675] (batch 64 has taken 50 steps and is still near chance)",
    notes="ci: 50 epochs (3,000 steps at batch 2, 50 at batch 64); full: the notebook's 500 epochs. "
          "Delta 10 points: the document's 'much faster' is a large effect on its accuracy curves.",
)

EQUAL_STEPS = Claim(
    id="minibatch-2-vs-64-at-equal-steps-iris",
    statement="Control for steps per epoch: with the SAME number of optimizer steps (3,000: 50 epochs at batch 2, "
              "3,000 epochs at batch 64), batch 2 and batch 64 reach test accuracies within 5 points of each other.",
    sources=(CHALLENGE, HOMOGENEOUS), kind=Kind.EQUIVALENCE, topic="optimization",
    metric="test accuracy (fraction), 30 held-out iris rows", arms=("batch_2", "batch_64"),
    direction="equivalent", delta=0.05, experiment=iris_batch_arms,
    sizes={"smoke": {"seeds": (16,), "arms": {"batch_2": (2, 5), "batch_64": (64, 300)}},
           "ci": {"seeds": (16, 48), "arms": {"batch_2": (2, 50), "batch_64": (64, 3000)}},
           "full": {"seeds": (20, 40, 80), "arms": {"batch_2": (2, 500), "batch_64": (64, 30000)}}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 48 seeds, 3,000 steps each): batch 2 - batch 64 = -0.004 [-0.012, 0.008], inside +-0.05: the per-epoch lead is the step count",
    notes="If this holds, 'learned much faster' per epoch is the step count, not the homogeneity of iris. "
          "Steps per arm are stored (batch_2_steps, batch_64_steps).",
)


def mnist_batch_arms(ctx):
    s = ctx.sizes
    train, test = pooled_mnist_sets(ctx, s["n_train"], s["n_test"])
    out = {}
    for arm, batch in (("batch_32", 32), ("batch_4", 4)):
        cfg = TrainConfig(epochs=s["epochs"][arm], lr=s["lr"], batch_size=batch, optimizer="sgd")
        f = fit(ctx, (196, 64, 10), *train, cfg, evals={"test": test})
        out[arm], out[arm + "_steps"] = f["test"], [f.history.steps] * len(ctx.seeds)
    return out


HETEROGENEOUS = Claim(
    id="larger-batches-better-on-heterogeneous-images",
    statement="On images (pooled MNIST digits, 500 training rows, a 196-64-10 MLP, SGD lr .01, the same number "
              "of epochs), a batch size of 32 gives at least 1 point higher test accuracy than a batch size of 4.",
    sources=(Source(DOC, "CodeChallenge: Effects of mini-batch size", (2061, 2065),
                    "when the different samples are much more different from each other, then you often see the "
                    "reverse that larger batch sizes up to a certain point. ... Larger batch sizes will generally "
                    "give better performance and the model will learn faster. ... computer vision and image processing."),),
    kind=Kind.COMPARATIVE, topic="optimization", metric="test accuracy (fraction), 2,000 held-out digits",
    arms=("batch_32", "batch_4"), direction="greater", delta=0.01, experiment=mnist_batch_arms,
    sizes={"smoke": {"seeds": (12,), "n_train": 300, "n_test": 1000, "epochs": {"batch_32": 3, "batch_4": 3}, "lr": 0.01},
           "ci": {"seeds": (12, 24), "n_train": 500, "n_test": 2000, "epochs": {"batch_32": 10, "batch_4": 10}, "lr": 0.01},
           "full": {"seeds": (20, 40), "n_train": 4000, "n_test": 1000, "epochs": {"batch_32": 30, "batch_4": 30}, "lr": 0.01}},
    expect=Verdict.REFUTED,
    expect_reason="measured (ci, 12 seeds, 10 epochs): batch 32 - batch 4 = -0.453 [-0.497, -0.417]: at equal epochs the smaller batch wins by far (8x the steps)",
    notes="Fixed learning rate and epochs, as in the document's iris challenge; the document gives no setup "
          "for this statement. Batch 4 takes 8x the steps per epoch.",
)


# ----------------------------------------------------------------- mechanics
def precision_errors(ctx):
    """Batch-of-2 vs batch-of-38 accuracy: attainable values, the pooled-vs-mean example, and the sampling SD
    of a batch's accuracy over random batches (hypergeometric, 40 rows, 36 correct) vs its formula."""
    rng = np.random.default_rng(ctx.look_seed("batches"))
    errors = [abs(len({k / 2 for k in range(3)}) - 3), abs(round(100 / 38, 1) - 2.6)]   # values; 2.6% steps
    batch_mean, pooled = (38 / 38 + 0 / 2) / 2, (38 + 0) / 40
    errors += [abs(batch_mean - 0.5), abs(pooled - 0.95)]
    correct = np.zeros(40, bool)
    correct[:36] = True
    draws = ctx.sizes["draws"]
    for n in (2, 38):
        accs = np.array([correct[rng.permutation(40)[:n]].mean() for _ in range(draws)])
        sd_formula = math.sqrt(0.9 * 0.1 / n * (40 - n) / 39)
        errors.append(abs(accs.std() / sd_formula - 1))                   # relative error of the SD
    ctx.note("sd_batch_2_formula", math.sqrt(0.9 * 0.1 / 2 * 38 / 39))
    ctx.note("sd_batch_38_formula", math.sqrt(0.9 * 0.1 / 38 * 2 / 39))
    return {"error": errors}


PRECISION = Claim(
    id="small-batch-accuracy-is-imprecise",
    statement="A batch of 2 can only score 0, 50 or 100% and, averaged unweighted with a batch of 38, misstates "
              "the pooled accuracy (38/38 and 0/2 average to 50%, pooled 95%); its accuracy's sampling SD at 90% "
              "correct is the finite-population binomial SD (21% for n = 2 of 40, 1.1% for n = 38 of 40).",
    sources=(Source(DOC, "The importance of equal batch sizes", (2032, 2034),
                    "the average accuracy over only two data samples and then interpreting that accuracy in the "
                    "same way that you would interpret the accuracy from a set of 40 samples. ... be mindful of "
                    "the reduced precision in your accuracy."),),
    kind=Kind.IDENTITY, topic="optimization",
    metric="|value - stated| for the arithmetic; |empirical SD / formula SD - 1| over random batches",
    direction="holds", tolerance=0.05, experiment=precision_errors,
    sizes={"smoke": {"seeds": 1, "draws": 5000}, "ci": {"seeds": 1, "draws": 40000}, "full": {"seeds": 1, "draws": 400000}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 40k draws): arithmetic exact; Monte Carlo SDs within 0.1% of the formula",
    notes="[nb] DUDL_regular_testBatchT2: 40 test rows in batches of 38, so the last batch has 2. Tolerance 5% "
          "for the Monte Carlo SD (its own relative SE is under 1% at 40k draws).",
)


def drop_last_errors(ctx):
    g = torch.Generator().manual_seed(ctx.look_seed("loader"))
    data = TensorDataset(torch.arange(120))
    loader = DataLoader(data, batch_size=64, shuffle=True, drop_last=True, generator=g)
    errors = [abs(len(loader) - 1)]
    seen, per_epoch = set(), []
    for _ in range(ctx.sizes["epochs"]):
        rows_ = torch.cat([b[0] for b in loader]).tolist()
        per_epoch.append(len(rows_))
        seen.update(rows_)
    errors += [max(abs(n - 64) for n in per_epoch), abs(len(seen) - 120)]
    kept = DataLoader(data, batch_size=64, shuffle=True, drop_last=False, generator=g)
    errors += [abs(len(kept) - 2), abs(sum(len(b[0]) for b in kept) - 120)]
    return {"error": errors}


DROP_LAST = Claim(
    id="drop-last-uses-64-of-120-rows-per-epoch",
    statement="With the notebooks' batch 64 and drop_last on 120 training rows, each epoch is one batch of 64 "
              "rows (56 rows, 47%, unused per epoch, a different random set each time, so all are seen within "
              "50 epochs); without drop_last an epoch is two batches covering all 120.",
    sources=(Source(DOC, "L1 regularization in practice", (1903, 1903), "for X,y in train_loader:"),),
    kind=Kind.IDENTITY, topic="optimization", metric="|count - stated| per check",
    direction="holds", tolerance=0.0, experiment=drop_last_errors,
    sizes={"smoke": {"seeds": 1, "epochs": 50}, "ci": {"seeds": 1, "epochs": 50}, "full": {"seeds": 1, "epochs": 50}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured: one batch of 64 per epoch, all 120 rows seen within 50 epochs, two batches without drop_last",
    notes="drop_last and the batch size are not in the transcript; they are the notebooks' settings [nb].",
)


def gradient_noise_errors(ctx):
    """Variance of the mini-batch gradient (batches without replacement) around the full-batch gradient,
    relative to (1/B)(N-B)/(N-1) times the per-sample variance, at a fixed random iris net."""
    train, _ = iris_sets(ctx)
    X, y = train[0][0].double(), train[1][0]
    model = BatchedMLP(IRIS_NET, [ctx.look_seed("init")], dtype=torch.float64, device=ctx.device)
    N = len(y)

    def grad(idx):
        model.zero_grad()
        cross_entropy(model(X[idx].unsqueeze(0)), y[idx].unsqueeze(0)).sum().backward()
        return torch.cat([p.grad.flatten() for p in model.parameters()])

    per_sample = torch.stack([grad(torch.tensor([i])) for i in range(N)])
    full = per_sample.mean(0)
    var1 = ((per_sample - full) ** 2).sum(1).mean().item()
    rng = np.random.default_rng(ctx.look_seed("batches"))
    errors = []
    for B in (1, 4, 16, 64):
        gs = torch.stack([per_sample[torch.as_tensor(rng.permutation(N)[:B])].mean(0) for _ in range(ctx.sizes["draws"])])
        measured = ((gs - full) ** 2).sum(1).mean().item()
        errors.append(abs(measured / (var1 / B * (N - B) / (N - 1)) - 1))
        ctx.note(f"gradient_variance_batch_{B}", measured)
    return {"error": errors}


GRADIENT_NOISE = Claim(
    id="minibatch-gradient-variance-falls-as-one-over-b",
    statement="Averaging over a mini-batch smooths the gradient: its variance around the full-batch gradient is "
              "the per-sample variance times (1/B)(N-B)/(N-1) (B rows drawn without replacement from N).",
    sources=(Source(DOC, "How and why to train with mini-batches?", (1977, 1977),
                    "Batching is a form of regularization: It smooths learning by averaging the loss over many "
                    "samples, and thereby recues overfitting."),
             Source(DOC, "Why does batch-training regularize?", (1995, 1997),
                    "we are averaging over, let's say, 20 or 30 samples. So that's going to smooth out a lot of "
                    "these rough edges here")),
    kind=Kind.IDENTITY, topic="optimization",
    metric="|Monte Carlo variance / formula - 1| for B in {1, 4, 16, 64}, iris, a fixed random 4-64-64-3 net",
    direction="holds", tolerance=0.1, experiment=gradient_noise_errors,
    sizes={"smoke": {"seeds": 1, "draws": 500}, "ci": {"seeds": 1, "draws": 1500}, "full": {"seeds": 1, "draws": 20000}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 1,500 draws): Monte Carlo variance within 3.6% of (1/B)(N-B)/(N-1) times the "
                  "per-sample variance for B = 1, 4, 16, 64 (2.9% at 3,000 draws, the earlier ci size)",
    notes="Only the 'smooths learning' half is tested. 'thereby reduces overfitting' (larger batches overfit "
          "less) is not: it needs a step- and lr-controlled overfitting experiment the ci budget cannot hold; "
          "the usual finding is the reverse (small-batch noise regularizes).",
)

HETEROGENEOUS_STEPS = Claim(
    id="larger-batches-vs-small-at-equal-steps-images",
    statement="Step-matched control: on the same pooled MNIST task, batch 32 trained for as many optimizer steps "
              "as batch 4 (78 vs 10 epochs in ci, about 1,250 steps each) gives at least 1 point higher test accuracy.",
    sources=HETEROGENEOUS.sources, kind=Kind.COMPARATIVE, topic="optimization",
    metric="test accuracy (fraction), 2,000 held-out digits", arms=("batch_32", "batch_4"),
    direction="greater", delta=0.01, experiment=mnist_batch_arms,
    sizes={"smoke": {"seeds": (12,), "n_train": 300, "n_test": 1000, "epochs": {"batch_32": 24, "batch_4": 3}, "lr": 0.01},
           "ci": {"seeds": (12,), "n_train": 500, "n_test": 2000, "epochs": {"batch_32": 78, "batch_4": 10}, "lr": 0.01},
           "full": {"seeds": (20, 40), "n_train": 4000, "n_test": 1000, "epochs": {"batch_32": 240, "batch_4": 30}, "lr": 0.01}},
    expect=Verdict.INCONCLUSIVE,
    expect_reason="measured (ci, 12 seeds in one look, ~1,250 steps each): batch 32 - batch 4 = +0.007 "
                  "[0.004, 0.010], p = .00098 against 0, p_refute = .03: larger batches do a little better at "
                  "equal steps, but below the 1-point delta without refuting it (the earlier 24-seed schedule "
                  "measured +0.007 [0.004, 0.012], also inconclusive)",
    notes="500 rows: batch 32 takes 16 steps per epoch (the last one short), batch 4 takes 125; steps are stored.",
)


# ----------------------------------------------------------------- trajectories
def trajectories(ctx):
    """Path of (slope, intercept) over the first S steps of SGD on a 2-parameter linear regression."""
    s = ctx.sizes
    n, S = s["n"], s["steps"]
    x = torch.stack([torch.as_tensor(ctx.rng(q, "data").standard_normal(n), dtype=torch.float64) for q in ctx.seeds])
    noise = torch.stack([torch.as_tensor(ctx.rng(q, "noise").standard_normal(n), dtype=torch.float64) for q in ctx.seeds])
    y = 2 * x + 1 + s["noise"] * noise
    design = torch.stack([x, torch.ones_like(x)], -1)
    optimum = torch.linalg.lstsq(design, y.unsqueeze(-1)).solution[..., 0]            # (K, 2)
    out = {}
    for arm, batch in (("batch_1", 1), ("batch_25", 25)):
        path = []
        record = lambda m, epoch, step: path.append(torch.cat([m.weights[0].detach().flatten(1), m.biases[0].detach().flatten(1)], 1).clone())
        epochs = math.ceil(S / math.ceil(n / batch))
        cfg = TrainConfig(epochs=epochs, lr=s["lr"], batch_size=batch, optimizer="sgd", loss="mse", after_backward=record)
        fit(ctx, (1, 1), x.unsqueeze(-1), y, cfg, dtype=torch.float64)
        P = torch.stack(path[:S + 1], 1)                                               # (K, S + 1, 2)
        length = (P[:, 1:] - P[:, :-1]).norm(dim=-1).sum(1)
        out[arm] = length / (P[:, -1] - P[:, 0]).norm(dim=-1)
        dist = (P - optimum.unsqueeze(1).to(P.dtype)).norm(dim=-1)
        within = dist < s["epsilon"]
        out[arm + "_steps_to_epsilon"] = torch.where(within.any(1), within.double().argmax(1).double(), torch.tensor(float("nan"), dtype=torch.float64))
    return out


TRAJECTORY = Claim(
    id="minibatch-trajectory-straighter-than-single-sample",
    statement="With the same learning rate, mini-batches of 25 take a cleaner path to the minimum than single "
              "samples: over the first 40 steps of SGD on a 2-parameter linear regression, the path length divided "
              "by the net displacement is at least 0.1 lower.",
    sources=(Source(DOC, "Why does batch-training regularize?", (1995, 1997),
                    "we are averaging over, let's say, 20 or 30 samples. So that's going to smooth out a lot of these "
                    "rough edges here and get us a nice cleaner trajectory with fewer steps to get to the center"),),
    kind=Kind.COMPARATIVE, topic="optimization", metric="tortuosity of the parameter path (path length / displacement, >= 1)",
    arms=("batch_1", "batch_25"), direction="greater", delta=0.1, experiment=trajectories,
    sizes={"smoke": {"seeds": (12,), "n": 100, "steps": 40, "noise": 1.0, "lr": 0.05, "epsilon": 0.2},
           "ci": {"seeds": (12, 24), "n": 100, "steps": 40, "noise": 1.0, "lr": 0.05, "epsilon": 0.2},
           "full": {"seeds": (20, 40), "n": 100, "steps": 40, "noise": 1.0, "lr": 0.05, "epsilon": 0.2}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 12 seeds): tortuosity 2.6 (batch 1) vs 1.14 (batch 25), difference 1.44 [1.19, 1.96]; "
                  "steps to within .2 of the optimum: batch 25 in 17-31, batch 1 in 12-40 (2 of 12 not within 40)",
    notes="y = 2x + 1 + N(0,1), x ~ N(0,1), 100 rows, start at the engine's Linear(1,1) init. Steps to come within "
          ".2 of the least-squares optimum are stored per arm (NaN if not within 40 steps): 'fewer steps' is "
          "recorded, not tested.",
)
