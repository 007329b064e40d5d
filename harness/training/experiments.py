"""Shared experiment steps that claims compose: per-seed splits, fitting K seeds, evaluating.

A claim module calls these instead of writing its own loops, so every claim trains through the one
engine and draws its randomness from the same named streams:
  "init"  - initial weights, "order" - mini-batch order, "split" - train/test split,
  "noise" - dropout masks and other in-training noise, "data" - synthetic data draws.
Arms of one claim that call `fit` with the same streams share init and order (common random
numbers); only what the arm changes differs.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

import numpy as np
import torch
from torch import Tensor

from harness.training.engine import BatchedMLP, History, TrainConfig, evaluate, train


def as_tensor(x: Any, dtype: torch.dtype = torch.float32, device: torch.device | str = "cpu") -> Tensor:
    if isinstance(x, Tensor):
        return x.to(device=device, dtype=dtype)
    arr = np.asarray(x)
    if not arr.flags.writeable:          # fixtures hand out read-only arrays; torch wants its own copy
        arr = arr.copy()
    return torch.as_tensor(arr, dtype=dtype, device=device)


def as_labels(y: Any, device: torch.device | str = "cpu") -> Tensor:
    return as_tensor(y, torch.long, device)


def split_indices(ctx, n: int, n_test: int, *, stream: str = "split", stratify: Any = None
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Per-seed random split of n rows: (train idx (K, n - n_test), test idx (K, n_test)).

    With `stratify` (labels), each class keeps its share in the test set (rounded), as
    sklearn's stratified split does.
    """
    if not 0 < n_test < n:
        raise ValueError(f"n_test={n_test} must lie in (0, {n})")
    train_rows, test_rows = [], []
    for seed in ctx.seeds:
        rng = ctx.rng(seed, stream)
        if stratify is None:
            perm = rng.permutation(n)
            test, tr = perm[:n_test], perm[n_test:]
        else:
            labels = np.asarray(stratify)
            test_parts = []
            classes, counts = np.unique(labels, return_counts=True)
            quotas = np.floor(counts * n_test / n).astype(int)
            # hand the remaining test slots to the classes with the largest remainders
            rest = n_test - quotas.sum()
            order = np.argsort(-(counts * n_test / n - quotas), kind="stable")
            quotas[order[:rest]] += 1
            for c, q in zip(classes, quotas):
                rows = rng.permutation(np.flatnonzero(labels == c))
                test_parts.append(rows[:q])
            test = np.sort(np.concatenate(test_parts))
            mask = np.ones(n, bool)
            mask[test] = False
            tr = rng.permutation(np.flatnonzero(mask))
            test = rng.permutation(test)
        train_rows.append(tr)
        test_rows.append(test)
    return np.stack(train_rows), np.stack(test_rows)


def rows(X: Tensor, idx: np.ndarray | Tensor) -> Tensor:
    """Per-seed rows: X (N, ...) and idx (K, n) -> (K, n, ...)."""
    idx_t = torch.as_tensor(np.asarray(idx), dtype=torch.long, device=X.device)
    return X[idx_t]


@dataclass
class Fit:
    model: BatchedMLP
    history: History
    metrics: dict[str, Tensor]       # eval set name -> (K,) final metric

    def __getitem__(self, name: str) -> Tensor:
        return self.metrics[name]


def fit(ctx, layer_sizes: Sequence[int], X: Tensor, y: Tensor, cfg: TrainConfig, *,
        evals: Mapping[str, tuple[Tensor, Tensor]] | None = None, activation: str | Callable = "relu",
        dropout: float = 0.0, input_dropout: float = 0.0, bias: bool = True,
        metric: str | Callable = "accuracy", dtype: torch.dtype = torch.float32,
        init_stream: str = "init", order_stream: str = "order", noise_stream: str = "noise",
        fast: bool = False) -> Fit:
    """Train one architecture for every seed of this look and evaluate it.

    X: (N, D) shared or (K, N, D) per seed; evals: name -> (X, y), shared or per seed.
    ``fast``: train through ``harness.training.fast_ffn.train_fast`` (hand-written backward, the
    optimizer fused in; same initialisation and data order, the same numbers to float rounding but
    not bit for bit, so a claim's pins are measured on the path it uses).
    """
    device = ctx.device
    model = BatchedMLP(layer_sizes, ctx.stream(init_stream), activation=activation, bias=bias,
                       dropout=dropout, input_dropout=input_dropout, device=device, dtype=dtype)
    # Evaluation sets move to the run's device once here, not on every evaluate() call.
    evals = {name: (Xe.to(device=device), ye.to(device=device)) for name, (Xe, ye) in (evals or {}).items()}
    if fast:
        from harness.training.fast_ffn import train_fast
        hist = train_fast(model, X.to(device=device), y.to(device=device), cfg, ctx.stream(order_stream),
                          eval_sets=evals, metric=metric)
    else:
        hist = train(model, X.to(device=device), y.to(device=device), cfg, ctx.stream(order_stream),
                     eval_sets=evals, metric=metric, noise_seed=ctx.look_seed(noise_stream))
    metrics = {name: hist.final(name) for name in evals}
    return Fit(model=model, history=hist, metrics=metrics)


def final_train_loss(f: Fit) -> Tensor:
    return f.history.train_loss[:, -1]


def per_class_accuracy(model: BatchedMLP, X: Tensor, y: Tensor, classes: Sequence[int]) -> Tensor:
    """(K, len(classes)) accuracy within each true class (NaN where a seed's set lacks the class)."""
    from harness.training.engine import outputs, predictions
    yk = y if y.dim() == 2 else y.unsqueeze(0).expand(model.n_models, -1)
    pred = predictions(outputs(model, X)).cpu()
    yk = yk.cpu()
    out = torch.full((model.n_models, len(classes)), float("nan"), dtype=torch.float64)
    for j, c in enumerate(classes):
        mask = yk == c
        hits = ((pred == c) & mask).sum(dim=1).double()
        count = mask.sum(dim=1).double()
        out[:, j] = torch.where(count > 0, hits / count.clamp(min=1), torch.nan)
    return out
