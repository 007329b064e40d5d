"""What torch.utils.data.DataLoader does with the course's 10-row fake data (001, "Cross-validation -
DataLoader"): one row per batch by default, every row once per shuffled epoch, ceil(N/B) batches.

These are claims about the DataLoader itself, so they call it directly (no training involved).
"""
import dataclasses
import math

import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

from fixtures import iris
from fixtures.course_fakedata import fake_data, row_number
from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.running.device import Clock
from harness.training.engine import TrainConfig
from harness.training.experiments import as_labels, as_tensor, fit

DOC = "001_21bdbe3614939729.txt"

SHUFFLE_SRC = Source(
    DOC, "Cross-validation - DataLoader", (1241, 1271),
    "fakeDataset = torch.utils.data.TensorDataset(torch.Tensor(fakedata),torch.Tensor(fakelabels)) ... "
    "fakedataLdr = DataLoader(fakeDataset, shuffle=True) # iterate through the data for dat,lab in fakedataLdr: "
    "print(dat,lab) ... # tensor([[91., 92., 93., 94.]]) tensor([1.]) # tensor([[31., 32., 33., 34.]]) tensor([0.])")


def fake_dataset() -> TensorDataset:
    data, labels = fake_data()
    return TensorDataset(torch.Tensor(data), torch.Tensor(labels))


def epoch_rows(loader) -> tuple[list[int], int]:
    """Row numbers in the order one pass yields them, and the count of rows whose label is not row > 55."""
    order, mispaired = [], 0
    for dat, lab in loader:
        for row, label in zip(dat, lab):
            order.append(row_number(row))
            mispaired += int(bool(row[0] > 55) != bool(label))
    return order, mispaired


def shuffle_errors(ctx):
    """Per generator seed: shape failures, permutation failures, mispaired labels, repeated orders."""
    ds = fake_dataset()
    errors, repeats = [], 0
    for i in range(ctx.sizes["generators"]):
        g = torch.Generator().manual_seed(ctx.look_seed(f"gen-{i}") % 2**63)
        loader = DataLoader(ds, shuffle=True, generator=g)
        shapes = [tuple(dat.shape) for dat, _ in loader]
        errors.append(float(len(shapes) != 10 or any(s != (1, 4) for s in shapes)))
        first, bad1 = epoch_rows(loader)
        second, bad2 = epoch_rows(loader)
        errors.append(float(sorted(first) != list(range(1, 11))) + float(sorted(second) != list(range(1, 11))))
        errors.append(float(bad1 + bad2))
        repeats += first == second
    in_order, bad = epoch_rows(DataLoader(ds, shuffle=False))
    errors.append(float(in_order != list(range(1, 11))) + bad)
    # Two epochs of 10 rows repeat an order with chance 1/10!; more than one repeat would mean no reshuffle.
    errors.append(float(repeats > 1))
    ctx.note("epochs_with_repeated_order", repeats)
    ctx.note("default_batch_size", DataLoader(ds).batch_size)
    return {"error": errors}


SHUFFLE = Claim(
    id="dataloader-shuffle-each-sample-once-per-epoch",
    statement="DataLoader(TensorDataset, shuffle=True) with the default batch size yields the 10 fake-data rows "
              "one per batch, each row exactly once per epoch with its own label, in a new random order each "
              "epoch; shuffle=False yields them in order.",
    sources=(SHUFFLE_SRC,), kind=Kind.IDENTITY, topic="data",
    metric="failed checks per generator seed (batch shapes, permutation, label pairing), shuffle=False order, "
           "repeated epoch orders",
    direction="holds", tolerance=0.0, experiment=shuffle_errors,
    sizes={"smoke": {"seeds": 1, "generators": 20}, "ci": {"seeds": 1, "generators": 200},
           "full": {"seeds": 1, "generators": 2000}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured (torch 2.13): every check passes for 200 generators; no epoch repeated its predecessor",
)

BATCHES_SRC = Source(
    DOC, "Cross-validation - DataLoader", (1283, 1316),
    "# finally, translate into dataloader objects # notice the batches (see next cell)! "
    "train_loader = DataLoader(train_data,batch_size=4) test_loader = DataLoader(test_data) ... # TRAINING DATA "
    "# tensor([[81., 82., 83., 84.], ... # TESTING DATA # tensor([[91., 92., 93., 94.]]) tensor([1.]) "
    "# tensor([[71., 72., 73., 74.]]) tensor([1.])")


def batch_count_errors(ctx):
    """The document's loaders (8 train rows, B=4; 2 test rows, default B), then ceil/floor over (N, B)."""
    from sklearn.model_selection import train_test_split
    data, labels = fake_data()
    errors = []
    for state in range(ctx.sizes["states"]):
        tr, te, ytr, yte = train_test_split(data, labels, test_size=.2, random_state=state)
        train_loader = DataLoader(TensorDataset(torch.Tensor(tr), torch.Tensor(ytr)), batch_size=4)
        test_loader = DataLoader(TensorDataset(torch.Tensor(te), torch.Tensor(yte)))
        train_batches = [b for b, _ in train_loader]
        errors.append(float(len(train_loader) != 2 or [tuple(b.shape) for b in train_batches] != [(4, 4), (4, 4)]))
        # no shuffle: the batches are the split's rows in the split's order
        errors.append(float(not np.array_equal(torch.cat(train_batches).numpy(), tr.astype(np.float32))))
        errors.append(float(len(test_loader) != 2 or any(b.shape != (1, 4) for b, _ in test_loader)))
    rng = np.random.default_rng(ctx.look_seed("sizes"))
    for _ in range(ctx.sizes["cases"]):
        n, b = int(rng.integers(1, 300)), int(rng.integers(1, 64))
        ds = TensorDataset(torch.zeros(n, 1))
        for drop_last, expected in ((False, math.ceil(n / b)), (True, n // b)):
            loader = DataLoader(ds, batch_size=b, drop_last=drop_last)
            sizes = [len(x) for (x,) in loader]
            errors.append(abs(len(loader) - expected) + abs(len(sizes) - expected)
                          + float(any(s != b for s in sizes[:n // b])))
    return {"error": errors}


BATCH_COUNT = Claim(
    id="dataloader-batch-size-4-splits-8-rows-in-2",
    statement="DataLoader(train_data, batch_size=4) on the 8 training rows gives 2 batches of 4 rows in the "
              "split's order, and DataLoader(test_data) gives the 2 test rows as 2 batches; in general a loader "
              "has ceil(N/B) batches (floor(N/B) with drop_last=True), all full but the last.",
    sources=(BATCHES_SRC,), kind=Kind.IDENTITY, topic="data",
    metric="failed checks per split (batch count and shapes, order) and |batches - ceil or floor(N/B)| per (N, B)",
    direction="holds", tolerance=0.0, experiment=batch_count_errors,
    sizes={"smoke": {"seeds": 1, "states": 5, "cases": 20}, "ci": {"seeds": 1, "states": 20, "cases": 200},
           "full": {"seeds": 1, "states": 100, "cases": 2000}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured (torch 2.13): every check passes (20 splits, 200 random (N, B) pairs)",
)

SPEED_SRC = Source(
    DOC, "Cross-validation - DataLoader", (1198, 1200),
    "about the DataLoader and Dataset pytorch objects. - A bit about batches, which are important for speeding "
    "up learning and decreasing computation time!")


def epoch_cpu_seconds(ctx):
    """Per seed, one model at a time: log10 CPU seconds per epoch on iris at batch size 1 and at 32."""
    s = ctx.sizes
    ds = ctx.data(iris)
    X, y = as_tensor(np.array(ds.X)), as_labels(np.array(ds.y))
    out = {f"batch_{b}": [] for b in s["batch_sizes"]}
    for idx, seed in zip(ctx.seed_indices, ctx.seeds):
        one = dataclasses.replace(ctx, seeds=[seed], seed_indices=[idx])
        for b in s["batch_sizes"]:
            cfg = TrainConfig(epochs=s["epochs"], lr=0.01, batch_size=b, optimizer="sgd")
            with Clock(ctx.device) as clock:
                fit(one, (4, 64, 64, 3), X, y, cfg)
            out[f"batch_{b}"].append(np.log10(clock.seconds / s["epochs"]))
    return out


BATCH_SPEED = Claim(
    id="batches-speed-up-learning",
    measures_time=True,
    statement="Mini-batches decrease computation time: an epoch over iris (150 rows, 4-64-64-3 MLP, SGD) in "
              "batches of 32 costs at least 5 times less CPU time than an epoch of single-row batches.",
    sources=(SPEED_SRC,), kind=Kind.COMPARATIVE, topic="data",
    metric="log10 CPU seconds per epoch (process time, one thread), batch 1 vs batch 32",
    arms=("batch_1", "batch_32"), direction="greater", delta=math.log10(5), experiment=epoch_cpu_seconds,
    sizes={"smoke": {"seeds": (12,), "epochs": 2, "batch_sizes": (1, 32)},
           "ci": {"seeds": (12, 24), "epochs": 3, "batch_sizes": (1, 32)},
           "full": {"seeds": (20, 40), "epochs": 20, "batch_sizes": (1, 32)}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 12 seeds): log10 ratio 1.356 [1.350, 1.360], i.e. batch-1 epochs cost 23x "
                  "the CPU time of batch-32 epochs",
    notes="Time per epoch only: the same number of epochs takes 150 updates at batch 1 and 5 at batch 32, so "
          "'speeding up learning' per update is not what this measures. CPU time (not wall time) because the "
          "suite shares its cores.",
)
