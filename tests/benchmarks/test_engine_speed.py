"""Batched engine vs the documents' way (one nn.Sequential per seed, a DataLoader loop), same work.

Each experiment trains the same K seeds for the same epochs both ways. pytest-benchmark times
them; the speed ratio (per-seed loop / batched) is printed at the end of the run and stored in the
benchmark JSON (extra_info), where `claims report` picks it up. Data are random tensors of the
experiments' shapes: the content does not change the arithmetic, and no data directory is needed.
Run without xdist: `pytest tests/benchmarks --benchmark-json=reports/results/benchmarks/engine.json`.
"""
import pytest
import torch

from harness.training.engine import BatchedMLP, TrainConfig, train
from harness.training.reference import sequential, train_one

EXPERIMENTS = {
    # 001/003 style: a small deep MLP on 2-D points, many seeds.
    "xor-5-layer-mlp": dict(sizes=(2, 16, 16, 16, 16, 2), n=400, seeds=16,
                            cfg=TrainConfig(epochs=5, lr=0.01, batch_size=32, optimizer="adam")),
    # 002: the 784-64-32-32-10 FFN, SGD lr .01, batch 32.
    "mnist-ffn-784-64-32-32-10": dict(sizes=(784, 64, 32, 32, 10), n=2000, seeds=12,
                                      cfg=TrainConfig(epochs=2, lr=0.01, batch_size=32)),
}
TIMES: dict[str, dict[str, float]] = {}


def make_data(spec):
    g = torch.Generator().manual_seed(0)
    X = torch.rand(spec["n"], spec["sizes"][0], generator=g)
    y = torch.randint(0, spec["sizes"][-1], (spec["n"],), generator=g)
    return X, y


def run_batched(spec, X, y):
    k = spec["seeds"]
    model = BatchedMLP(spec["sizes"], list(range(k)), device="cpu")
    train(model, X, y, spec["cfg"], list(range(100, 100 + k)))


def run_per_seed(spec, X, y):
    for s in range(spec["seeds"]):
        train_one(sequential(spec["sizes"], s), X, y, spec["cfg"], 100 + s)


@pytest.mark.parametrize("engine", ["batched", "per_seed_loop"])
@pytest.mark.parametrize("experiment", sorted(EXPERIMENTS))
def test_engine_speed(benchmark, experiment, engine):
    spec = EXPERIMENTS[experiment]
    X, y = make_data(spec)
    fn = run_batched if engine == "batched" else run_per_seed
    benchmark.group = f"engine: {experiment}"
    benchmark.extra_info.update(engine=engine, experiment=experiment, seeds=spec["seeds"],
                                epochs=spec["cfg"].epochs, threads=torch.get_num_threads())
    benchmark.pedantic(fn, args=(spec, X, y), rounds=3, iterations=1, warmup_rounds=1)
    if benchmark.stats is not None:          # None when benchmarks are disabled (e.g. under xdist)
        TIMES.setdefault(experiment, {})[engine] = benchmark.stats.stats.mean
