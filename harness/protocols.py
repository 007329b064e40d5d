"""Evaluation protocols of document 003 (Chollet, Deep Learning with Python, 4.2): hold-out,
K-fold and iterated K-fold with shuffling, as index splits shared by every claim that needs them.

Only indices are produced here; models are trained by ``harness.engine`` / ``harness.training``
and scored by the claim. Every function is deterministic given its ``torch.Generator`` (or None
for the unshuffled, in-order splits the book's listings use), so arms that share a generator's
seed share folds (common random numbers).

- ``kfold_indices(n, k)``: the book's Listing 3.27 split: fold i's validation rows are
  ``i*(n//k) : (i+1)*(n//k)`` of the (optionally shuffled) order and the rest is training; the
  last ``n % k`` rows are never validated, exactly as the listing (``num_val_samples = len(x)
  // k``) does. ``cover_all=True`` spreads the remainder over the first folds instead.
- ``iterated_kfold(n, k, p, gen)``: P repetitions of K-fold, the data shuffled before each
  (4.2.1: "applying K-fold validation multiple times, shuffling the data every time").
- ``holdout_indices(n, val_fraction, gen)``: one shuffled hold-out split (Listing 4.1 shape).
"""
from __future__ import annotations

import torch

__all__ = ["holdout_indices", "iterated_kfold", "kfold_indices"]


def _order(n: int, gen: torch.Generator | None) -> torch.Tensor:
    if gen is None:
        return torch.arange(n)
    return torch.randperm(n, generator=gen)


def kfold_indices(n: int, k: int, gen: torch.Generator | None = None, *,
                  cover_all: bool = False) -> list[tuple[torch.Tensor, torch.Tensor]]:
    """K (train_idx, val_idx) pairs of LongTensors over ``range(n)``.

    ``gen`` None: in-order folds (the book's listing, which relies on data already shuffled);
    a generator: the rows are permuted once by it first. ``cover_all`` False reproduces the
    listing's ``n // k`` fold size (the last ``n % k`` rows only ever train); True gives every
    row exactly one validation fold (sizes differ by at most one)."""
    if not (2 <= k <= n):
        raise ValueError(f"K-fold needs 2 <= k <= n, got k={k}, n={n}")
    order = _order(n, gen)
    if cover_all:
        sizes = [n // k + (1 if i < n % k else 0) for i in range(k)]
    else:
        sizes = [n // k] * k
    folds, start = [], 0
    for size in sizes:
        val = order[start:start + size]
        train = torch.cat([order[:start], order[start + size:]])
        folds.append((train, val))
        start += size
    return folds


def iterated_kfold(n: int, k: int, p: int, gen: torch.Generator, *,
                   cover_all: bool = True) -> list[list[tuple[torch.Tensor, torch.Tensor]]]:
    """P repetitions of K-fold, each on a fresh shuffle drawn from ``gen``: P lists of K
    (train_idx, val_idx) pairs, P*K fits in all. By default every row is validated once per
    repetition (``cover_all=True``)."""
    if p < 1:
        raise ValueError(f"iterated K-fold needs p >= 1, got {p}")
    return [kfold_indices(n, k, gen, cover_all=cover_all) for _ in range(p)]


def holdout_indices(n: int, val_fraction: float, gen: torch.Generator | None = None
                    ) -> tuple[torch.Tensor, torch.Tensor]:
    """(train_idx, val_idx): the first ``round(n * val_fraction)`` rows of the (shuffled, when
    ``gen`` is given) order are the validation set, the rest training."""
    if not 0 < val_fraction < 1:
        raise ValueError(f"val_fraction must be in (0, 1), got {val_fraction}")
    n_val = int(round(n * val_fraction))
    order = _order(n, gen)
    return order[n_val:], order[:n_val]
