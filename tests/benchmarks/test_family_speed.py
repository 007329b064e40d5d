"""Batched families vs the documents' per-seed loop on the same work (pytest-benchmark).

Each experiment trains the same K seeds for the same epochs both ways. Because other work shares
the machine, the speed ratio is measured inside one test: per-seed loop and batched engine run back
to back, several rounds, ratio of the minima (and of the medians) -> ``extra_info``. Beside it, the
achieved GFLOP/s of the batched run (matmul/conv FLOPs of forward + backward, 3x forward) and the
"GEMM floor": the same FLOPs as plain batched matmuls of the layers' own (im2col) shapes, timed in
the same run, i.e. the peak the machine gives those shapes. And a ceiling on the ratio, measured in
the same run: the per-seed loop's time over the least time the batched run could take,
``ceiling_ratio = per_seed_loop_s / floor_s``. For the FFN the floor is its FLOPs at the square-matmul
rate; for the CNN and the LSTM it is the time of the layers batching cannot speed further, their
convolutions (the engine's grouped channels-last kernels, forward and backward, at the run's own
shapes and steps) or their recurrences (ATen's fused per-seed cell, as the per-seed loop calls it),
with everything else taken as free. Nothing about speed is asserted.
Run without xdist: ``pytest tests/benchmarks/test_family_speed.py -n 0 --benchmark-json=...``.
On a GPU: ``CLAIMS_BENCH_DEVICE=cuda`` runs both sides there (data resident, every timing
synchronised, the device's name in ``extra_info``); the FFN's GPU target is >= 50x, because there the
per-seed loop is bound by kernel launches, not arithmetic.
"""
from __future__ import annotations

import os
import statistics
import time

import pytest
import torch

from harness.training.engine import BatchedMLP, TrainConfig, train
from harness.training.reference import sequential, train_one
from harness.training import (LSTM, Conv2d, Embedding, Flatten, Linear, MaxPool2d, Net, ReLU,
                              reference_noise)
from harness.training.conv import BatchedConv
from harness.training.dense import BatchedLinear
from harness.training.fast_ffn import train_fast
from harness.training.recurrent import GATES, BatchedRecurrent

from harness.running.device import resolve_device

DEV = resolve_device(os.environ.get("CLAIMS_BENCH_DEVICE", "cpu"))
ON_GPU = DEV.type == "cuda"


def sync():
    """Wait for queued GPU work, so a wall-clock interval covers the work it times."""
    if ON_GPU:
        torch.cuda.synchronize(DEV)


def device_name() -> str:
    return torch.cuda.get_device_name(DEV) if ON_GPU else "cpu"
LENET = Net((1, 28, 28), [Conv2d(6, 5), ReLU(), MaxPool2d(2), Conv2d(16, 5), ReLU(), MaxPool2d(2), Flatten(),
                          Linear(120), ReLU(), Linear(84), ReLU(), Linear(10)])
TEXT_LSTM = Net((40,), [Embedding(1000, 32, padding_idx=0), LSTM(32), Linear(2)])

EXPERIMENTS = {
    # 003/004 style: a LeNet-size CNN on MNIST-shaped images, SGD, batch 32 (target >= 5x).
    "lenet-cnn-mnist": dict(net=LENET, n=960, seeds=12, kind="images", classes=10, target=5.0,
                            cfg=TrainConfig(epochs=1, lr=0.01, batch_size=32)),
    # Embedding + LSTM on left-padded 40-token sentences, Adam, batch 32 (target >= 5x).
    "lstm-padded-sentences": dict(net=TEXT_LSTM, n=640, seeds=12, kind="text", classes=2, target=5.0,
                                  cfg=TrainConfig(epochs=1, lr=1e-3, batch_size=32, optimizer="adam")),
    # 002's 784-64-32-32-10 FFN through the opt-in fast path (fused SGD / flat fused Adam), batch 32;
    # targets >= 7x (SGD) and >= 6x (Adam); extra_info also has engine.train's ratio in the same run.
    "ffn-002-sgd-fast": dict(sizes=(784, 64, 32, 32, 10), n=2000, seeds=12, kind="ffn", classes=10, target=7.0,
                             cfg=TrainConfig(epochs=1, lr=0.01, batch_size=32)),
    "ffn-002-adam-fast": dict(sizes=(784, 64, 32, 32, 10), n=2000, seeds=12, kind="ffn", classes=10, target=6.0,
                              cfg=TrainConfig(epochs=1, lr=1e-3, batch_size=32, optimizer="adam")),
}
# Issue 9's GPU target: the FFN >= 50x (the per-seed loop there is launch-bound); none set for the others.
GPU_TARGETS = {"ffn-002-sgd-fast": 50.0, "ffn-002-adam-fast": 50.0}
TIMES: dict[str, dict[str, float]] = {}


def make_data(spec):
    X, y = _make_data(spec)
    return X.to(DEV), y.to(DEV)


def _make_data(spec):
    g = torch.Generator().manual_seed(0)
    if spec["kind"] == "ffn":
        return (torch.rand(spec["n"], spec["sizes"][0], generator=g),
                torch.randint(0, spec["classes"], (spec["n"],), generator=g))
    net = spec["net"]
    if spec["kind"] == "images":
        X = torch.rand(spec["n"], *net.input_shape, generator=g)
    else:
        T = net.input_shape[0]
        X = torch.randint(1, 1000, (spec["n"], T), generator=g)
        pad = torch.randint(0, T - 3, (spec["n"],), generator=g)
        X[torch.arange(T).expand(spec["n"], T) < pad.unsqueeze(1)] = 0
    return X, torch.randint(0, spec["classes"], (spec["n"],), generator=g)


def run_engine_mlp(spec, X, y):
    k = spec["seeds"]
    train(BatchedMLP(spec["sizes"], list(range(k)), device=DEV), X, y, spec["cfg"], list(range(100, 100 + k)))


def run_batched(spec, X, y):
    k = spec["seeds"]
    if spec["kind"] == "ffn":
        model = BatchedMLP(spec["sizes"], list(range(k)), device=DEV)
        train_fast(model, X, y, spec["cfg"], list(range(100, 100 + k)))
        return
    model = spec["net"].build(list(range(k)), device=DEV)
    train(model, X, y, spec["cfg"], list(range(100, 100 + k)), noise_seeds=list(range(200, 200 + k)))


def run_per_seed(spec, X, y):
    if spec["kind"] == "ffn":
        for s in range(spec["seeds"]):
            train_one(sequential(spec["sizes"], s).to(DEV), X, y, spec["cfg"], 100 + s)
        return
    for s in range(spec["seeds"]):
        net = spec["net"].reference(s, device=DEV)
        reference_noise(200 + s)
        train_one(net, X, y, spec["cfg"], 100 + s)


def gemm_shapes(net, batch: int) -> list[tuple[int, int, int]]:
    """(rows, inner, cols) of each layer's forward matmul per seed and step (convs as im2col)."""
    if isinstance(net, tuple):                                  # an MLP's layer sizes
        return [(batch, a, b) for a, b in zip(net[:-1], net[1:])]
    model = net.build([0], device=DEV)
    shapes, out = net.shapes(), []
    blocks = [b for b, i in zip(model.blocks, model._ref_index) if i is not None]
    for b, s_in, s_out in zip(blocks, shapes[:-1], shapes[1:]):
        if isinstance(b, BatchedLinear):
            lead = 1
            for d in s_in[:-1]:
                lead *= d
            out.append((batch * lead, s_in[-1], s_out[-1]))
        elif isinstance(b, BatchedConv) and not b.transpose:
            rf = 1
            for d in b.weight.shape[2:]:
                rf *= d
            spatial = 1
            for d in s_out[1:]:
                spatial *= d
            out.append((batch * spatial, b.cin * rf, b.cout))
        elif isinstance(b, BatchedRecurrent):
            T, F = s_in
            gh = GATES[b.kind] * b.hidden
            out.append((batch * T, F, gh))
            out += [(batch, b.hidden, gh)] * T
    return out


def train_flops(shapes, seeds, steps) -> float:
    return 3 * 2 * sum(m * k * n for m, k, n in shapes) * seeds * steps


def gemm_floor_seconds(shapes, seeds, steps, reps=3) -> float:
    """Time of the forward, input-gradient and weight-gradient matmuls of these shapes for K seeds."""
    ops = []
    for m, k, n in set(shapes):
        count = shapes.count((m, k, n))
        a, w, g = (torch.rand(seeds, m, k, device=DEV), torch.rand(seeds, k, n, device=DEV),
                   torch.rand(seeds, m, n, device=DEV))
        ops.append((count, a, w, g))

    def once():
        for count, a, w, g in ops:
            for _ in range(count):
                torch.bmm(a, w)
                torch.bmm(g, w.transpose(1, 2))
                torch.bmm(a.transpose(1, 2), g)
    return best_of(once, reps) * steps


def best_of(fn, reps) -> float:
    """Least wall time of `reps` calls after one warm-up call, GPU work included."""
    fn()
    best = float("inf")
    for _ in range(reps):
        sync()
        t0 = time.perf_counter()
        fn()
        sync()
        best = min(best, time.perf_counter() - t0)
    return best


def square_matmul_gflops(n=512, reps=5) -> float:
    """The device's matmul rate on a square n x n product (one thread on a CPU), measured now."""
    if ON_GPU:
        n = 4096
    a, b = torch.rand(n, n, device=DEV), torch.rand(n, n, device=DEV)
    return 2 * n ** 3 / best_of(lambda: a @ b, reps) / 1e9


def kernel_floor_seconds(spec, X, steps, reps=3) -> tuple[float, str]:
    """Time of the blocks a batched step cannot speed further (convolutions, recurrences), forward
    and backward, at the shapes they see in a real step, for `steps` steps; everything else free."""
    net, k, B = spec["net"], spec["seeds"], spec["cfg"].batch_size
    model = net.build(list(range(k)), device=DEV)
    kinds = (BatchedConv, BatchedRecurrent)
    inputs = []

    def grab(block, args):
        inputs.append((block, args[0].detach().clone(), args[0].requires_grad))
    hooks = [b.register_forward_pre_hook(grab) for b in model.blocks if isinstance(b, kinds)]
    xb = per_model_batch(X, k, B)
    model(xb)
    for h in hooks:
        h.remove()
    basis = ", ".join(sorted({type(b).__name__ for b, _, _ in inputs}))

    def once():
        for block, x, needs_grad in inputs:
            x = x.requires_grad_(needs_grad)
            out = block(x)
            out.backward(torch.ones_like(out))
    return best_of(once, reps) * steps, basis


def per_model_batch(X, k, B):
    """K seeds' first mini-batches, (K, B, *features): different rows per seed, as in training."""
    return torch.stack([X[i * B % len(X):i * B % len(X) + B] for i in range(k)])


def timed(fn, *args) -> float:
    sync()
    t0 = time.perf_counter()
    fn(*args)
    sync()
    return time.perf_counter() - t0


def synced(fn):
    """`fn`, then a wait for its GPU work: what pytest-benchmark times is the work, not its queueing."""
    def run(*args):
        fn(*args)
        sync()
    return run


@pytest.mark.parametrize("engine", ["batched", "per_seed_loop"])
@pytest.mark.parametrize("experiment", sorted(EXPERIMENTS))
def test_family_speed(benchmark, experiment, engine):
    spec = EXPERIMENTS[experiment]
    X, y = make_data(spec)
    cfg = spec["cfg"]
    steps = cfg.epochs * -(-spec["n"] // cfg.batch_size)
    fn = synced(run_batched if engine == "batched" else run_per_seed)
    benchmark.group = f"families: {experiment}"
    arch = spec["net"].describe() if "net" in spec else f"BatchedMLP{spec['sizes']}"
    benchmark.extra_info.update(engine=engine, experiment=experiment, seeds=spec["seeds"], epochs=cfg.epochs,
                                threads=torch.get_num_threads(), net=arch, device=device_name())
    benchmark.pedantic(fn, args=(spec, X, y), rounds=3, iterations=1, warmup_rounds=1)
    if benchmark.stats is not None:
        TIMES.setdefault(experiment, {})[engine] = benchmark.stats.stats.min
    if engine != "batched":
        return
    # Same-run ratio: loop and engine back to back, 3 rounds.
    loop_t, batch_t, engine_t = [], [], []
    for _ in range(3):
        loop_t.append(timed(run_per_seed, spec, X, y))
        batch_t.append(timed(run_batched, spec, X, y))
        if spec["kind"] == "ffn":
            engine_t.append(timed(run_engine_mlp, spec, X, y))
    if engine_t:
        benchmark.extra_info.update(engine_train_s=min(engine_t), engine_train_ratio_min=min(loop_t) / min(engine_t))
    shapes = gemm_shapes(spec.get("net", spec.get("sizes")), cfg.batch_size)
    flops = train_flops(shapes, spec["seeds"], steps)
    floor = gemm_floor_seconds(shapes, spec["seeds"], steps)
    square = square_matmul_gflops()
    if spec["kind"] == "ffn":
        least_s, basis = flops / square / 1e9, "all FLOPs at the square-matmul rate"
    else:
        least_s, basis = kernel_floor_seconds(spec, X, steps)
        basis = f"{basis} forward+backward alone (the rest free)"
    benchmark.extra_info.update(
        per_seed_loop_s=min(loop_t), batched_s=min(batch_t),
        ratio_min=min(loop_t) / min(batch_t), ratio_median=statistics.median(loop_t) / statistics.median(batch_t),
        target_ratio=GPU_TARGETS.get(experiment) if ON_GPU else spec["target"], steps=steps, train_gflop=flops / 1e9,
        achieved_gflops=flops / min(batch_t) / 1e9, gemm_floor_s=floor, gemm_peak_gflops=flops / floor / 1e9,
        square_matmul_gflops=square, loop_gflops=flops / min(loop_t) / 1e9,
        floor_s=least_s, floor_basis=basis, ceiling_ratio=min(loop_t) / least_s,
        ms_per_seed_epoch_batched=1e3 * min(batch_t) / spec["seeds"] / cfg.epochs,
        ms_per_seed_epoch_loop=1e3 * min(loop_t) / spec["seeds"] / cfg.epochs)
    TIMES[experiment]["extra"] = benchmark.extra_info
