"""Data and training steps shared by the sequence and tuning claims of document 004 (lectures 13-18).

* :func:`order_task` - synthetic token sequences where word order decides the label (marker A
  before marker B?) or where it cannot (more "positive" than "negative" tokens?), per seed.
* :func:`counts` - bag-of-words count vectors of token sequences (the order-blind baseline).
* :func:`polarity_sequences` - the sentence-polarity snippets (IMDB stand-in) as padded id
  sequences with Keras' ``pad_sequences`` defaults, plus multi-hot bag-of-words rows of the same
  split; the word index is built on the training rows only.
* :func:`fit_net` - train a :class:`harness.training.Net` for every seed of the look through the
  one engine, with the look's named streams ("init", "order", "noise").
* :class:`EpochProbe` - a function of the model recorded after every epoch (e.g. validation loss,
  which the engine's single eval metric does not give beside accuracy), read at the first step of
  each next epoch, when the weights are exactly the previous epoch's, and once after training.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
import torch
from torch import Tensor

import fixtures
import fixtures.text as text

from harness.training.engine import History, TrainConfig, train

PAD = 0


# ---------------------------------------------------------------------------- synthetic sequences
def order_task(ctx, n: int, length: int, vocab: int, *, order_matters: bool) -> tuple[Tensor, Tensor]:
    """Per seed (K, n, length) token ids in 1..vocab-1 and (K, n) labels, from stream "data".

    order_matters=True: tokens 1 (A) and 2 (B) occur exactly once each at random positions among
    filler tokens 5..vocab-1; label = A comes before B. Every sequence holds the same multiset of
    marker tokens, so a bag of words carries no information about the label (chance is 0.5).
    order_matters=False: tokens 3 ("good") and 4 ("bad") are sprinkled in (1-6 of each, counts
    drawn independently, ties redrawn); label = more "good" than "bad". Order is irrelevant.
    """
    Xs, ys = [], []
    for seed in ctx.seeds:
        rng = ctx.rng(seed, "data")
        X = rng.integers(5, vocab, size=(n, length))
        if order_matters:
            pos = np.stack([rng.choice(length, 2, replace=False) for _ in range(n)])
            X[np.arange(n), pos[:, 0]] = 1
            X[np.arange(n), pos[:, 1]] = 2
            y = (pos[:, 0] < pos[:, 1]).astype(np.int64)
        else:
            y = np.empty(n, np.int64)
            for i in range(n):
                while True:
                    g, b = rng.integers(1, 7, size=2)
                    if g != b:
                        break
                slots = rng.choice(length, g + b, replace=False)
                X[i, slots[:g]] = 3
                X[i, slots[g:]] = 4
                y[i] = int(g > b)
        Xs.append(X)
        ys.append(y)
    return torch.as_tensor(np.stack(Xs)), torch.as_tensor(np.stack(ys))


def first_step_task(ctx, n: int, length: int) -> tuple[Tensor, Tensor]:
    """Per seed (K, n, length, 2) float sequences and (K, n) labels, from stream "data": step 0
    carries the label as +-1 in channel 0, every later step carries N(0, 1) noise in channel 1 (and
    0 in channel 0). The label sits at the start, as far from the last step as it can be."""
    Xs, ys = [], []
    for seed in ctx.seeds:
        rng = ctx.rng(seed, "data")
        y = rng.integers(0, 2, size=n)
        X = np.zeros((n, length, 2), np.float32)
        X[:, 0, 0] = 2 * y - 1
        X[:, 1:, 1] = rng.standard_normal((n, length - 1))
        Xs.append(X)
        ys.append(y)
    return torch.as_tensor(np.stack(Xs)), torch.as_tensor(np.stack(ys))


def counts(tokens: Tensor, vocab: int) -> Tensor:
    """Bag-of-words counts (..., vocab) of token ids (..., T); the padding id is not counted."""
    out = torch.zeros(*tokens.shape[:-1], vocab)
    out.scatter_add_(-1, tokens, torch.ones(tokens.shape))
    out[..., PAD] = 0
    return out


# ---------------------------------------------------------------------------- polarity snippets
@dataclass
class PolaritySplit:
    train_seq: Tensor      # (N, maxlen) long, Keras pad_sequences defaults (pre-padding, pre-truncating)
    train_y: Tensor
    test_seq: Tensor
    test_y: Tensor
    train_bow: Tensor      # (N, num_words) multi-hot of the same ids
    test_bow: Tensor
    num_words: int
    info: dict = field(default_factory=dict)


def polarity_sequences(ctx, num_words: int, maxlen: int, n_test: int) -> PolaritySplit:
    """One random split of the 10,662 snippets per look (stream "split" of the look's first seed),
    shared by every seed of the look (the seeds vary initialisation and data order): per-seed
    multi-hot rows of the whole set would not fit in memory. Ids >= num_words are dropped, as
    ``imdb.load_data(num_words=...)`` with ``oov_char=None`` would; index 0 is padding."""
    ds = ctx.data(text.polarity)
    n = len(ds.y)
    perm = ctx.rng(ctx.look_seed("split"))
    perm = perm.permutation(n)
    te, tr = perm[:n_test], perm[n_test:]
    index = text.word_index(ds.X[tr], num_words=num_words)
    seqs = text.encode(ds.X, index)
    lengths = np.array([len(s) for s in seqs])
    padded = text.pad_sequences(seqs, maxlen=maxlen)
    bow = text.multi_hot(seqs, num_words)
    y = ds.y.astype(np.int64)
    info = {"n_train": len(tr), "n_test": len(te), "mean_tokens": float(lengths.mean()),
            "share_truncated": float((lengths > maxlen).mean()), "num_words": num_words, "maxlen": maxlen}
    ctx.note("polarity_split", info)
    t = lambda a: torch.as_tensor(np.ascontiguousarray(a))   # noqa: E731
    return PolaritySplit(t(padded[tr]), t(y[tr]), t(padded[te]), t(y[te]), t(bow[tr]), t(bow[te]),
                         num_words, info)


# ---------------------------------------------------------------------------- training
class EpochProbe:
    """``cfg.after_backward`` hook recording ``fn(model)`` (a (K,) tensor) after every epoch.

    At the first step of epoch e the weights are still those at the end of epoch e - 1 (the hook
    runs before ``opt.step()``); call :meth:`finish` after training for the last epoch."""

    def __init__(self, fn: Callable[[torch.nn.Module], Tensor]):
        self.fn, self.values = fn, []

    def __call__(self, model, epoch: int, step: int) -> None:
        if epoch > 0 and step == 0:
            self.values.append(self.fn(model).detach().cpu())

    def finish(self, model) -> Tensor:
        """(K, epochs) values."""
        self.values.append(self.fn(model).detach().cpu())
        return torch.stack(self.values, dim=1)


def fit_net(ctx, net, X: Tensor, y: Tensor, cfg: TrainConfig, *, evals=None, metric="accuracy",
            dtype: torch.dtype = torch.float32, streams: Sequence[str] = ("init", "order", "noise")):
    """Build ``net`` for the look's seeds and train it through ``harness.training.engine.train``.
    Keras' recurrent defaults (orthogonal recurrent weights, LSTM forget bias 1) are declared on the
    layer, ``LSTM(32, init="keras")`` (``harness.training.recurrent``). Returns (model, History)."""
    init, order, noise = streams
    model = net.build(ctx.stream(init), device=ctx.device, dtype=dtype)
    evals = {k: (a.to(ctx.device), b.to(ctx.device)) for k, (a, b) in (evals or {}).items()}
    hist: History = train(model, X.to(ctx.device), y.to(ctx.device), cfg, ctx.stream(order),
                          eval_sets=evals, metric=metric, noise_seeds=ctx.stream(noise))
    return model, hist
