"""Evaluation protocols of document 003 (Chollet, Deep Learning with Python, 4.2): hold-out,
K-fold and iterated K-fold with shuffling, as index splits shared by every claim that needs them.

Only indices are produced here; models are trained by ``harness.training.engine`` / ``harness.training``
and scored by the claim. Every function is deterministic given its generator (a
``torch.Generator``, a NumPy ``Generator`` where the caller's split has always been drawn with one,
or None for the unshuffled, in-order splits the book's listings use), so arms that share a
generator's seed share folds (common random numbers).

- ``kfold_indices(n, k)``: the book's Listing 3.27 split: fold i's validation rows are
  ``i*(n//k) : (i+1)*(n//k)`` of the (optionally shuffled) order and the rest is training; the
  last ``n % k`` rows are never validated, exactly as the listing (``num_val_samples = len(x)
  // k``) does. ``cover_all=True`` spreads the remainder over the first folds instead.
- ``iterated_kfold(n, k, p, gen)``: P repetitions of K-fold, the data shuffled before each
  (4.2.1: "applying K-fold validation multiple times, shuffling the data every time").
- ``holdout_indices(n, val_fraction, gen)``: one shuffled hold-out split (Listing 4.1 shape).
- ``kfold_test_sets(n, k, rng)``: the validation sets of ``kfold_indices`` as NumPy arrays (the
  mammography project's shuffled 10-fold CV, which derives each fold's training rows itself).
- ``stratified_kfold(y, k, seed)``: scikit-learn's ``StratifiedKFold``, as ``cross_val_score(cv=k)``
  uses it (seed None: unshuffled), for document 004's votes claims.

"""
from __future__ import annotations

import numpy as np
import torch

__all__ = ["holdout_indices", "iterated_kfold", "kfold_indices", "kfold_test_sets", "stratified_kfold"]

Order = torch.Generator | np.random.Generator | None


def _order(n: int, gen: Order) -> torch.Tensor:
    if gen is None:
        return torch.arange(n)
    if isinstance(gen, np.random.Generator):
        return torch.as_tensor(gen.permutation(n))          # one NumPy draw: gen.permutation(n)
    return torch.randperm(n, generator=gen)


def kfold_indices(n: int, k: int, gen: Order = None, *,
                  cover_all: bool = False) -> list[tuple[torch.Tensor, torch.Tensor]]:
    """K (train_idx, val_idx) pairs of LongTensors over ``range(n)``.

    ``gen`` None: in-order folds (the book's listing, which relies on data already shuffled);
    a generator: the rows are permuted once by it first (``torch.randperm(n, generator=gen)`` for a
    torch.Generator, ``gen.permutation(n)`` for a NumPy Generator). ``cover_all`` False reproduces the
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


def kfold_test_sets(n: int, k: int, gen: Order = None, *, cover_all: bool = False) -> list[np.ndarray]:
    """The K validation index sets of :func:`kfold_indices` as int64 NumPy arrays, for callers
    that derive each fold's training rows themselves. With a NumPy ``gen`` and ``cover_all=False``:
    ``perm = gen.permutation(n)``, fold i tests ``perm[i*(n//k):(i+1)*(n//k)]`` and the last
    ``n % k`` rows of the permutation only ever train."""
    return [val.numpy() for _, val in kfold_indices(n, k, gen, cover_all=cover_all)]


def stratified_kfold(y, k: int = 10, seed: int | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """scikit-learn's ``StratifiedKFold(k)`` (train, test) pairs over the labels ``y``, as
    ``cross_val_score(cv=k)`` builds them: seed None gives the unshuffled split; a seed shuffles
    within each class with ``random_state=seed % 2**32``."""
    from sklearn.model_selection import StratifiedKFold
    skf = StratifiedKFold(k, shuffle=seed is not None, random_state=None if seed is None else seed % 2**32)
    return list(skf.split(np.zeros(len(y)), y))


def holdout_indices(n: int, val_fraction: float, gen: torch.Generator | None = None
                    ) -> tuple[torch.Tensor, torch.Tensor]:
    """(train_idx, val_idx): the first ``round(n * val_fraction)`` rows of the (shuffled, when
    ``gen`` is given) order are the validation set, the rest training."""
    if not 0 < val_fraction < 1:
        raise ValueError(f"val_fraction must be in (0, 1), got {val_fraction}")
    n_val = int(round(n * val_fraction))
    order = _order(n, gen)
    return order[n_val:], order[:n_val]
