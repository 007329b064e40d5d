"""Resampling and augmentation of training rows, shared by the data claims of 000 ("More on data").

Everything works on per-seed index arrays (K, n) into one pool of rows, as
``harness.training.experiments.split_indices`` returns them, so arms built from the same split share their
rows (common random numbers) and only the remedy differs:

* :func:`replicate` - exact copies (the document's "doubling", oversampling by replication);
* :func:`oversample_to_balance` / :func:`undersample_to_balance` - random replication of the
  minority class, or random removal from the majority, until the classes are equal;
* :func:`smote` - Chawla et al. (2002), Synthetic Minority Over-sampling TEchnique: each new point
  lies on the segment from a minority sample to one of its k nearest minority neighbours;
* :func:`uniform_noise_copies` - the document's noise augmentation, ``data + U[0, 1)/2``;
* :func:`class_weighted_loss` - cross-entropy / BCE with per-class weights, for the engine.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import torch
import torch.nn.functional as F
from torch import Tensor


def replicate(idx: np.ndarray, times: int = 2) -> np.ndarray:
    """Per-seed rows repeated `times` over: (K, n) -> (K, times * n) (exact copies)."""
    return np.concatenate([idx] * int(times), axis=1)


def _balanced_rows(rng: np.random.Generator, rows: np.ndarray, labels: np.ndarray, grow: bool) -> np.ndarray:
    classes, counts = np.unique(labels[rows], return_counts=True)
    target = counts.max() if grow else counts.min()
    parts = []
    for c, count in zip(classes, counts):
        members = rows[labels[rows] == c]
        if grow:
            extra = rng.choice(members, size=target - count, replace=True)
            parts.append(np.concatenate([members, extra]))
        else:
            parts.append(rng.choice(members, size=target, replace=False))
    return rng.permutation(np.concatenate(parts))


def oversample_to_balance(ctx, idx: np.ndarray, labels: np.ndarray, stream: str = "oversample") -> np.ndarray:
    """Per seed: every class randomly replicated (with replacement) up to the largest class's count."""
    return np.stack([_balanced_rows(ctx.rng(s, stream), r, np.asarray(labels), True) for s, r in zip(ctx.seeds, idx)])


def undersample_to_balance(ctx, idx: np.ndarray, labels: np.ndarray, stream: str = "undersample") -> np.ndarray:
    """Per seed: every class randomly cut (without replacement) down to the smallest class's count."""
    return np.stack([_balanced_rows(ctx.rng(s, stream), r, np.asarray(labels), False) for s, r in zip(ctx.seeds, idx)])


def smote(rng: np.random.Generator, X_min: np.ndarray, n_new: int, k: int = 5
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """SMOTE as Chawla et al. (2002) publish it: n_new points x_i + gap * (x_nn - x_i), with x_i a
    random minority sample, x_nn one of its k nearest minority neighbours (Euclidean, itself
    excluded) and gap ~ U[0, 1). Returns (points, i, nn, gap)."""
    X_min = np.asarray(X_min, dtype=np.float64)
    d2 = ((X_min[:, None, :] - X_min[None, :, :]) ** 2).sum(-1)
    np.fill_diagonal(d2, np.inf)
    neighbours = np.argsort(d2, axis=1, kind="stable")[:, :k]
    i = rng.integers(0, len(X_min), n_new)
    nn = neighbours[i, rng.integers(0, k, n_new)]
    gap = rng.random(n_new)
    return X_min[i] + gap[:, None] * (X_min[nn] - X_min[i]), i, nn, gap


def uniform_noise_copies(X: Tensor, generator: torch.Generator, high: float = 0.5) -> Tensor:
    """The document's noisy copy of every row: X + U[0, high) (np.random.random_sample(shape) / 2)."""
    return X + torch.rand(X.shape, generator=generator, dtype=X.dtype) * high


def class_weighted_loss(weights: Sequence[float], binary: bool = False):
    """A loss for harness.training.engine.train: per-model mean of class-weighted cross-entropy (or BCE with
    logits when binary), each row weighted by its class's weight, normalised as torch's weighted
    mean (sum of weighted losses / sum of weights)."""
    w = torch.as_tensor(list(weights), dtype=torch.float32)

    def loss(out: Tensor, y: Tensor) -> Tensor:
        wy = w.to(out.device)[y]
        if binary:
            per_row = F.binary_cross_entropy_with_logits(out.squeeze(-1), y.to(out.dtype), reduction="none")
        else:
            per_row = F.cross_entropy(out.transpose(1, 2), y, reduction="none")
        return (per_row * wy).sum(dim=1) / wy.sum(dim=1)
    return loss
