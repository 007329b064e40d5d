"""Speed statements of 001's regularization section, timed with pytest-benchmark (no verdicts).

* dropout vs none for one training epoch (l.1623 "each epoch computes faster"; the verdict is the
  claim dropout-epochs-compute-faster, timed in CPU seconds);
* evaluation with and without torch.no_grad() (l.1510-1518 "makes large models evaluate faster");
* one epoch at batch sizes 1, 16, 63, 64, 65, 256 (l.1971-1975: vectorization, powers of two,
  large batches) - reported as time per epoch of the same 2,048 rows.

Random tensors of the experiments' shapes; run with `pytest tests/benchmarks -n 0`.
"""
import pytest
import torch

from harness.training.engine import BatchedMLP, TrainConfig, outputs, train


def data(n, d, classes=10):
    g = torch.Generator().manual_seed(0)
    return torch.rand(n, d, generator=g), torch.randint(0, classes, (n,), generator=g)


@pytest.mark.parametrize("p", [0.0, 0.5])
def test_dropout_epoch(benchmark, p):
    X, y = data(2048, 196)
    cfg = TrainConfig(epochs=1, lr=0.01, batch_size=64)
    benchmark.group = "dropout epoch (196-256-256-10, batch 64)"
    benchmark.extra_info["dropout"] = p
    benchmark(lambda: train(BatchedMLP((196, 256, 256, 10), [0], dropout=p, device="cpu"), X, y, cfg, [1]))


@pytest.mark.parametrize("no_grad", [False, True])
def test_no_grad_eval(benchmark, no_grad):
    X, _ = data(512, 512)
    model = BatchedMLP((512, 2048, 2048, 10), [0], device="cpu").eval()
    x = X.unsqueeze(0)

    def forward():
        if no_grad:
            with torch.no_grad():
                return model(x)
        return model(x)
    benchmark.group = "evaluation with / without no_grad (512-2048-2048-10, 512 rows)"
    benchmark.extra_info["no_grad"] = no_grad
    benchmark(forward)


@pytest.mark.parametrize("batch", [1, 16, 63, 64, 65, 256])
def test_epoch_by_batch_size(benchmark, batch):
    X, y = data(2048, 64)
    cfg = TrainConfig(epochs=1, lr=0.01, batch_size=batch)
    benchmark.group = "one epoch of 2,048 rows by batch size (64-256-10)"
    benchmark.extra_info["batch_size"] = batch
    benchmark.pedantic(lambda: train(BatchedMLP((64, 256, 10), [0], device="cpu"), X, y, cfg, [1]), rounds=3, iterations=1)
