"""Small data sets that claims of several modules read the same way, written once.

* :func:`digits_tensors` / :func:`digits_sets` - scikit-learn's 1,797 8x8 digits scaled to [0, 1]
  (/16); :func:`digits_sets` splits them per seed, randomly (document 004's playground claims) or
  stratified (004's sequence and tuning claims, 003's workflow claims).
* :func:`distinct_wines` - the UCI red wine after 000's outlier filter (total SO2 < 200), each
  distinct row once (000 "CodeChallenge: unbalanced data" and the imbalance remedies).
* :func:`qwerty_sets` and :func:`qwerty_layout` - 000's qwerty blobs (or another seeded 2-D set)
  split 90/10 as the notebooks do, with a fresh test set, and the 80-unit net arranged in L equal
  hidden layers (DUDL_data_dataVsDepth, "Data size and network size"; the feature-augmentation
  challenge).
* ``TF1_X``, ``TF1_Y`` and :func:`tf1_least_squares` - the 17 points of 003's raw TF1 linear
  regression slide and their closed-form least-squares line.

Every per-seed function draws from the look's named streams only ("split" by default), so arms of
one claim that call it share data and split (common random numbers).
"""
from __future__ import annotations

import math

import numpy as np
import torch
from torch import Tensor

import fixtures
import fixtures.tabular as tabular
from fixtures.per_seed import draws

from harness.training.experiments import as_labels, as_tensor, rows, split_indices

__all__ = ["digits_tensors", "digits_sets", "distinct_wines", "WINE_TOTAL_SO2", "qwerty_sets",
           "qwerty_layout", "QWERTY_UNITS", "QWERTY_TRAIN_SHARE", "TF1_X", "TF1_Y", "tf1_least_squares"]


# ---------------------------------------------------------------------------- scikit-learn digits
def digits_tensors(ctx) -> tuple[Tensor, Tensor]:
    """All 1,797 digits: X (1797, 64) float32, pixels / 16 (exactly representable), y (1797,) long."""
    ds = ctx.data(tabular.sklearn_set, "digits")
    return as_tensor(np.asarray(ds.X) / 16.0), as_labels(ds.y)


def digits_sets(ctx, n_test: int = 597, *, n_train: int | None = None, stratify: bool = False,
                stream: str = "split"):
    """Per seed: the digits split into n_test held-out rows and the rest (or its first n_train) for
    training: ((X, y), (X_test, y_test)), X (K, n, 64).

    ``stratify=False``: a random permutation of the rows (the playground claims' split);
    ``stratify=True``: each class keeps its share of the test set (``split_indices(stratify=)``).
    Both draw from the look's stream ``stream`` exactly as ``harness.training.experiments.split_indices`` does."""
    X, y = digits_tensors(ctx)
    tr, te = split_indices(ctx, len(y), n_test, stream=stream, stratify=y.numpy() if stratify else None)
    if n_train is not None:
        tr = tr[:, :n_train]
    return (rows(X, tr), rows(y, tr)), (rows(X, te), rows(y, te))


# ---------------------------------------------------------------------------- UCI red wine
WINE_TOTAL_SO2 = 6          # column index of total sulfur dioxide (UCI order)


def distinct_wines(ctx, dedupe: bool = True):
    """(X (n, 11) float64, quality (n,)) after the notebook's outlier filter (total SO2 < 200), each
    distinct row once (with dedupe=False, every row of the file as the notebook keeps them); the
    counts are recorded as notes."""
    ds = ctx.data(fixtures.wine_red)
    keep = ds.X[:, WINE_TOTAL_SO2] < 200
    X, q = ds.X[keep], ds.y[keep]
    _, first = np.unique(np.column_stack([X, q]), axis=0, return_index=True)
    first = np.sort(first) if dedupe else np.arange(len(q))
    ctx.note("rows_in_file", int(len(ds.y)))
    ctx.note("rows_dropped_total_so2_ge_200", int((~keep).sum()))
    ctx.note("rows_dropped_exact_duplicates", int(keep.sum() - len(first)))
    ctx.note("rows_used", int(len(first)))
    return X[first], q[first]


# ---------------------------------------------------------------------------- 000's qwerties
QWERTY_UNITS = 80            # the notebook's hidden units, split into equal layers
QWERTY_TRAIN_SHARE = 0.9     # the notebook's train_test_split(train_size=.9)


def qwerty_layout(n_layers: int, units: int = QWERTY_UNITS) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """The notebook's net for ``units`` hidden units in n_layers hidden layers: Linear(2, n) (no
    activation), n_layers x (Linear(n, n) + ReLU), Linear(n, 3); layer sizes and activations."""
    n = units // n_layers
    return (2, n, *([n] * n_layers), 3), ("linear",) + ("relu",) * n_layers


def qwerty_sets(ctx, n_per_cluster: int, n_test_per_cluster: int, *, loader=None,
                streams: tuple[str, str, str] | None = None, **kw):
    """Per seed: the notebook's training rows (90% of the drawn points, (K, N, 2)) and a fresh test
    set of n_test_per_cluster points per class: ((X, y), (X_test, y_test)).

    ``loader``: the seeded data set (default ``fixtures.qwerties``; another, e.g.
    ``fixtures.synthetic.rings``, is split the same way), called with ``**kw``. ``streams``: the
    (data, split, test data) stream names, by default ("data-<n>", "split-<n>", "test-data")."""
    loader = fixtures.qwerties if loader is None else loader
    data, split, test = streams or (f"data-{n_per_cluster}", f"split-{n_per_cluster}", "test-data")
    X, y, _ = draws(ctx, loader, n_per_cluster, stream=data, **kw)
    n = X.shape[1]
    tr, _ = split_indices(ctx, n, n - math.floor(QWERTY_TRAIN_SHARE * n), stream=split)
    k = torch.arange(len(ctx.seeds)).unsqueeze(1)
    idx = torch.as_tensor(tr)
    X_test, y_test, _ = draws(ctx, loader, n_test_per_cluster, stream=test, **kw)
    return (X[k, idx], y[k, idx]), (X_test, y_test)


# ---------------------------------------------------------------------------- 003's TF1 regression slide
TF1_X = np.asarray([3.3, 4.4, 5.5, 6.71, 6.93, 4.168, 9.779, 6.182, 7.59, 2.167,
                    7.042, 10.791, 5.313, 7.997, 5.654, 9.27, 3.1])
TF1_Y = np.asarray([1.7, 2.76, 2.09, 3.19, 1.694, 1.573, 3.366, 2.596, 2.53, 1.221,
                    2.827, 3.465, 1.65, 2.904, 2.42, 2.94, 1.3])


def tf1_least_squares() -> tuple[float, float, float]:
    """Closed-form least-squares line (w, b) of the 17 points (float64) and its cost sum(r^2) / (2 n)."""
    n = len(TF1_X)
    A = np.column_stack([TF1_X, np.ones(n)])
    w, b = np.linalg.lstsq(A, TF1_Y, rcond=None)[0]
    return float(w), float(b), float(np.sum((A @ np.array([w, b]) - TF1_Y) ** 2) / (2 * n))
