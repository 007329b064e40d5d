"""Document 003's IMDB recipe (Chollet 3.4 / 4.4) on the sentence polarity data, shared by the
claims in ``claims/text``.

Stand-in. IMDB (``keras.datasets.imdb``, 50,000 reviews of ~230 tokens, 25k train / 25k test) is
not available offline; the sentence polarity data (``fixtures.text.polarity``: 10,662 real
movie-review snippets of ~21 tokens, balanced) stands in. Every claim that uses it says so.

Split (fixed, as IMDB ships one fixed split): the snippets are shuffled once with
``SPLIT_SEED`` and cut into a test part (``N_TEST`` = 1,662) and a training part (9,000); as the
slides do with ``x_train[:10000]``, the first ``N_VAL`` = 3,600 training rows are the validation
set and the remaining 5,400 ``partial_x_train`` (IMDB: 10,000 of 25,000, i.e. the same 40%).

Encoding (Keras' ``imdb.load_data(num_words=10000)`` conventions): the word index is built on the
9,000 training snippets only (ranked by count, ties by first occurrence); a word of rank r has id
r + 3 (0 padding, 1 start of sequence, 2 unknown: "indices were offset by 3"), ids >= num_words
become 2, every sequence starts with 1. :func:`polarity_imdb` returns the token-id lists (usable by
a sequence model) and labels of the train / val / test parts.

Network. ``vectorize_sequences`` followed by ``Dense(16)`` is a sum of the kernel rows of the
distinct ids in a review, plus the bias. ``harness.training.MultiHotDense`` computes exactly that from the
padded distinct ids (so a 10,000-wide multi-hot matrix is never built: the 512-unit net of
Listing 4.5 would otherwise cost minutes per run); its parameters are drawn as a ``Linear(10000,
out)`` of the same init would draw them. ``claims/text/test_imdb_encoding.py`` checks it against
the dense product in float64. :func:`imdb_net` builds the slides' nets with Keras' default
``glorot_uniform`` kernels and zero biases; :func:`keras_rmsprop` is ``optimizer='rmsprop'`` with
Keras' defaults (lr 1e-3, rho 0.9, epsilon 1e-7; torch adds epsilon outside the square root,
Keras 3 inside it); the loss is Keras' ``binary_crossentropy`` on a sigmoid output (probabilities
clipped to [1e-7, 1 - 1e-7]).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import torch
import torch.nn.functional as F
from torch import Tensor

from fixtures import text
from harness.training.engine import TrainConfig, outputs, train
from harness.training import Dropout, Layer, Linear, MultiHotDense, Net, ReLU

SPLIT_SEED = 20260307
N_TEST = 1662
N_VAL = 3600
NUM_WORDS = 10_000
START, OOV, INDEX_FROM = 1, 2, 3
KERAS_EPS = 1e-7

__all__ = ["polarity_imdb", "keras_sequences", "distinct_padded", "imdb_net",
           "keras_rmsprop", "keras_bce", "run_curves", "Curves", "l2_kernel_penalty"]


@dataclass(frozen=True)
class TextParts:
    """Token-id lists and labels of the fixed split; ``index``: word -> rank (1 = most frequent)."""
    train: tuple[list[list[int]], np.ndarray]        # partial_x_train (5,400)
    val: tuple[list[list[int]], np.ndarray]          # x_val (3,600)
    test: tuple[list[list[int]], np.ndarray]         # 1,662
    index: dict[str, int]
    num_words: int


def keras_sequences(texts: Sequence[str], index: dict[str, int], num_words: int) -> list[list[int]]:
    """imdb.load_data's ids: [1] + (rank + 3, or 2 when rank + 3 >= num_words) for each word."""
    out = []
    for t in texts:
        ids = [index.get(w) for w in text.tokens(t)]
        out.append([START] + [OOV if r is None or r + INDEX_FROM >= num_words else r + INDEX_FROM for r in ids])
    return out


def polarity_imdb(ctx, num_words: int = NUM_WORDS) -> TextParts:
    """The fixed polarity split encoded as the slides encode IMDB (see the module docstring)."""
    ds = ctx.data(text.polarity)
    order = np.random.RandomState(SPLIT_SEED).permutation(len(ds.y))
    test_rows, train_rows = order[:N_TEST], order[N_TEST:]
    X, y = np.asarray(ds.X), np.asarray(ds.y)
    # the training part's words only: the test snippets must not shape the encoding
    index = text.word_index(X[train_rows])
    seqs = keras_sequences(X, index, num_words)
    pick = lambda rows_: ([seqs[i] for i in rows_], y[rows_])       # noqa: E731
    val_rows, part_rows = train_rows[:N_VAL], train_rows[N_VAL:]
    return TextParts(train=pick(part_rows), val=pick(val_rows), test=pick(test_rows), index=index,
                     num_words=num_words)


def distinct_padded(seqs: Sequence[Sequence[int]]) -> Tensor:
    """(N, T) long: each row's distinct ids (what the multi-hot vector keeps), 0-padded."""
    rows_ = [sorted(set(s) - {0}) for s in seqs]
    width = max(1, max(len(r) for r in rows_))
    out = torch.zeros(len(rows_), width, dtype=torch.long)
    for i, r in enumerate(rows_):
        out[i, :len(r)] = torch.tensor(r, dtype=torch.long)
    return out


def imdb_net(width: int, *, dropout: float = 0.0, dimension: int = NUM_WORDS, max_ids: int = 1,
             depth: int = 2) -> Net:
    """Listings 4.3-4.5 / 4.8: Dense(width, relu) x depth [Dropout] -> Dense(1) (sigmoid in the loss)."""
    layers: list[Layer] = [MultiHotDense(dimension, width), ReLU()]
    if dropout:
        layers.append(Dropout(dropout))
    for _ in range(depth - 1):
        layers += [Linear(width), ReLU()]
        if dropout:
            layers.append(Dropout(dropout))
    layers.append(Linear(1))
    return Net((max_ids,), layers, init="glorot_uniform")


def l2_kernel_penalty(scale: float):
    """Keras' kernel_regularizer=regularizers.l2(scale) on every hidden Dense kernel: scale * sum(w^2)
    per seed (the output layer and the biases are not regularised, as in Listing 4.6)."""
    def penalty(model):
        kernels = [b.weight for b in model.blocks if getattr(b, "weight", None) is not None]
        hidden = kernels[:-1]
        return scale * sum(w.pow(2).flatten(1).sum(1) for w in hidden)
    return penalty


# ---------------------------------------------------------------------------- training
def keras_bce(out: Tensor, y: Tensor) -> Tensor:
    """Keras' binary_crossentropy on sigmoid(out), clipped to [1e-7, 1 - 1e-7]; per-model mean."""
    p = torch.sigmoid(out.squeeze(-1)).clamp(KERAS_EPS, 1 - KERAS_EPS)
    y = y.to(p.dtype)
    return (-(y * torch.log(p) + (1 - y) * torch.log1p(-p))).reshape(p.shape[0], -1).mean(1)


def keras_rmsprop(epochs: int, *, batch_size: int = 512, lr: float = 1e-3, penalty=None,
                  loss=keras_bce) -> TrainConfig:
    return TrainConfig(epochs=epochs, lr=lr, batch_size=batch_size, optimizer="rmsprop", loss=loss,
                       penalty=penalty, eval_every=1,
                       optimizer_kwargs={"alpha": 0.9, "eps": KERAS_EPS})


@dataclass
class Curves:
    """Per-epoch curves, each (K, epochs): training loss (mean batch loss, Keras' 'loss'), and per
    evaluation set its loss and accuracy; ``model`` is the trained BatchedNet."""
    train_loss: Tensor
    loss: dict[str, Tensor]
    acc: dict[str, Tensor]
    model: object


class _LossAndAccuracy:
    """Metric for engine.train: returns the loss and keeps the accuracy of the same pass, in the
    order the engine evaluates (every epoch, sets in dict order)."""

    def __init__(self, loss_fn):
        self.loss_fn = loss_fn
        self.acc: list[Tensor] = []

    def __call__(self, out: Tensor, y: Tensor) -> Tensor:
        pred = (out.squeeze(-1) > 0).to(y.dtype)
        self.acc.append((pred == y).to(torch.float64).mean(dim=-1))
        return self.loss_fn(out, y)


def run_curves(ctx, net: Net, train_xy: tuple[Tensor, Tensor], cfg: TrainConfig,
               evals: dict[str, tuple[Tensor, Tensor]], *, init_stream: str = "init",
               order_stream: str = "order", noise_stream: str = "noise") -> Curves:
    """Train ``net`` for every seed of this look (one engine run) and keep every epoch's curves.
    Evaluation losses are the plain loss (no penalty), as Keras reports val_loss."""
    device = ctx.device
    model = net.build(ctx.stream(init_stream), device=device)
    metric = _LossAndAccuracy(cfg.loss if callable(cfg.loss) else keras_bce)
    ev = {k: (x.to(device), y.to(device)) for k, (x, y) in evals.items()}
    hist = train(model, train_xy[0].to(device), train_xy[1].to(device), cfg, ctx.stream(order_stream),
                 eval_sets=ev, metric=metric,
                 noise_seeds=ctx.stream(noise_stream) if net.stochastic else None)
    names = list(ev)
    n = len(names)
    loss = {k: torch.stack(hist.evals[k], dim=1) for k in names}
    acc = {k: torch.stack(metric.acc[i::n], dim=1).cpu() for i, k in enumerate(names)}
    return Curves(train_loss=hist.train_loss, loss=loss, acc=acc, model=model)


def tensors(parts: TextParts):
    """(X, y) tensors of distinct padded ids (one width for all parts) and float labels."""
    seqs = [parts.train[0], parts.val[0], parts.test[0]]
    width = max(max(len(set(s)) for s in ss) for ss in seqs)
    out = []
    for ss, yy in (parts.train, parts.val, parts.test):
        ids = distinct_padded(ss)
        ids = F.pad(ids, (0, width - ids.shape[1]))
        out.append((ids, torch.as_tensor(np.asarray(yy), dtype=torch.float32)))
    return tuple(out)


def predict_proba(model, X: Tensor) -> Tensor:
    """model.predict: sigmoid outputs (K, N)."""
    return torch.sigmoid(outputs(model, X).squeeze(-1)).cpu()


def first_rise_epoch(val_loss: Tensor) -> Tensor:
    """Early stopping as the slide states it (patience 0): per seed the 1-based epoch at which the
    validation loss is first higher than at the previous check (the last epoch when it never is)."""
    K, E = val_loss.shape
    rise = val_loss[:, 1:] > val_loss[:, :-1]
    first = torch.where(rise.any(1), rise.float().argmax(1) + 2, torch.full((K,), E))
    return first


def log_ratio(a: Tensor, b: Tensor) -> Tensor:
    return torch.log(a.double()) - torch.log(b.double())


LOG_10PCT = math.log(1.1)


# ---------------------------------------------------------------------------- the shared runs
# Every IMDB-recipe claim of 003 reads one of these runs on the seeds of one family
# (harness.recipes.shared_runs): the 16-16-1 baseline is trained once per process and look and is the
# common arm of the capacity, L2, dropout, optimizer, loss and early-stopping comparisons (same
# init streams where shapes agree, same data order: common random numbers).
FAMILY = "imdb-val-loss-rises-after-early-minimum"
EPOCHS = 20            # nb_epoch=20, batch_size=512 (l.1130)

VARIANTS = {
    # name: (width, dropout, l2, optimizer, lr, loss, training rows, labels, epochs)
    "16": dict(width=16),
    "4": dict(width=4, epochs_factor=3),     # the slides' 20 epochs, continued to 60 (a plateau)
    "512": dict(width=512),
    "16-l2": dict(width=16, l2=1e-3),
    "16-dropout": dict(width=16, dropout=0.5),
    "16-sgd": dict(width=16, optimizer="sgd", lr=0.01),
    "16-mse": dict(width=16, loss="mse"),
    "16-half": dict(width=16, rows="half", epochs_factor=2),   # half the rows, as many steps
    "16-random": dict(width=16, labels="shuffled"),
    "4-random": dict(width=4, labels="shuffled"),
    "16-all": dict(width=16, rows="all"),     # x_train = partial + val, evaluated on test
}


def keras_mse_sigmoid(out: Tensor, y: Tensor) -> Tensor:
    """loss='mse' on the sigmoid output."""
    p = torch.sigmoid(out.squeeze(-1))
    return (p - y.to(p.dtype)).pow(2).reshape(p.shape[0], -1).mean(1)


def imdb_run(ctx, name: str) -> Curves:
    """One variant's curves (train loss; val and test loss and accuracy per epoch) on FAMILY's seeds."""
    from harness.recipes.shared_runs import once
    return once(ctx, FAMILY, ("imdb", name), lambda c: _imdb_run(c, name))


def _imdb_run(ctx, name: str) -> Curves:
    v = {"dropout": 0.0, "l2": 0.0, "optimizer": "rmsprop", "lr": 1e-3, "loss": "bce",
         "rows": "partial", "labels": "real", "epochs_factor": 1, **VARIANTS[name]}
    v["epochs"] = ctx.sizes.get("epochs", EPOCHS) * v["epochs_factor"]
    parts = polarity_imdb(ctx)
    (Xtr, ytr), (Xva, yva), (Xte, yte) = tensors(parts)
    ctx.note("stand_in", "sentence polarity (10,662 snippets, ~21 tokens) for IMDB (50,000 reviews, ~230)")
    ctx.note("split", f"fixed: {len(ytr)} partial_x_train, {len(yva)} x_val, {len(yte)} test; "
                      f"word index of the 9,000 training snippets ({len(parts.index)} words), num_words={NUM_WORDS}")
    if v["rows"] == "half":
        Xtr, ytr = Xtr[: len(ytr) // 2], ytr[: len(ytr) // 2]
    elif v["rows"] == "all":
        Xtr, ytr = torch.cat([Xtr, Xva]), torch.cat([ytr, yva])
    if v["labels"] == "shuffled":
        # each seed its own permutation of the training labels: no word predicts them
        ytr = torch.stack([ytr[torch.as_tensor(ctx.rng(s, "labels").permutation(len(ytr)))] for s in ctx.seeds])
    loss = keras_bce if v["loss"] == "bce" else keras_mse_sigmoid
    cfg = keras_rmsprop(v["epochs"], lr=v["lr"], loss=loss,
                        penalty=l2_kernel_penalty(v["l2"]) if v["l2"] else None)
    if v["optimizer"] == "sgd":              # Keras' SGD defaults: lr 0.01, no momentum
        cfg = TrainConfig(epochs=v["epochs"], lr=v["lr"], batch_size=512, optimizer="sgd", loss=loss,
                          eval_every=1)
    net = imdb_net(v["width"], dropout=v["dropout"], max_ids=Xtr.shape[-1])
    # the test set is read only by the baseline's and the retrained net's claims
    evals = ({"test": (Xte, yte)} if v["rows"] == "all" else
             {"val": (Xva, yva), "test": (Xte, yte)} if name == "16" else {"val": (Xva, yva)})
    c = run_curves(ctx, net, (Xtr, ytr), cfg, evals)
    # training-set accuracy of the final model (one pass, eval mode), beside the curves
    out = outputs(c.model, Xtr).squeeze(-1).cpu()
    yk = ytr if ytr.dim() == 2 else ytr.unsqueeze(0)
    c.acc["train_final"] = ((out > 0).float() == yk).double().mean(1)
    return c


def at(curve: Tensor, epoch: int) -> Tensor:
    """(K,) values of a (K, epochs) curve at a 1-based epoch."""
    return curve[:, epoch - 1].double()


def argmin_epoch(curve: Tensor, upto: int | None = None) -> Tensor:
    """(K,) 1-based epoch of each seed's minimum (over the first ``upto`` epochs)."""
    c = curve if upto is None else curve[:, :upto]
    return c.argmin(1) + 1


def min_upto(curve: Tensor, upto: int | None = None) -> Tensor:
    c = curve if upto is None else curve[:, :upto]
    return c.min(1).values.double()


# Sizes shared by every claim of the family (the shared-run cache keys on them).
SIZES = {"smoke": {"seeds": (12,), "epochs": 5}, "ci": {"seeds": (12,), "epochs": EPOCHS},
         "full": {"seeds": (12, 24), "epochs": EPOCHS}}
STAND_IN = ("Stand-in: the sentence polarity data (10,662 real movie-review snippets, ~21 tokens, "
            "balanced) for IMDB (50,000 reviews, ~230 tokens, 25k/25k), which is not available "
            "offline; fixed split 5,400 partial_x_train / 3,600 x_val (the slides' 40%) / 1,662 "
            "test; num_words=10000 over a 19,615-word training vocabulary (IMDB: 10,000 of ~88,000). "
            "An epoch is 11 batches of 512 here against IMDB's 30, so epoch numbers are not "
            "comparable with the slides' (compare the shapes of the curves, not the epochs). The "
            "slides' models as Keras builds them: glorot_uniform kernels, zero biases, "
            "RMSprop(lr 1e-3, rho 0.9, eps 1e-7), binary cross-entropy on a sigmoid output, batch 512.")
