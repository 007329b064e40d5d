"""Document 004's recipes (Frank Kane's TensorFlow/Keras lectures 7-12), shared by claims/kane_mnist
and claims/votes.

MNIST (official 60k/10k files, pixels / 255):
  * LOWLEVEL (lectures 7-8, low-level TensorFlow): 784-512 sigmoid-10 softmax, weights N(0, 0.05^2)
    [ext: tf.initializers.RandomNormal(), Keras' default stddev], zero biases, loss = batch SUM of
    -log clip(softmax, 1e-9, 1) [ext: tf.reduce_mean(-tf.reduce_sum(...)) without an axis], SGD lr
    0.001 [ext], 3,000 steps of 250 drawn from repeat().shuffle().batch(250) (60,000 / 250 = 240
    batches per pass, so 3,000 steps = 12.5 reshuffled passes).
  * KERAS_MLP (lecture 9): Dense(512, relu) -> Dense(10, softmax), Glorot-uniform kernels, zero
    biases (Keras' defaults), categorical cross-entropy, RMSprop (Keras defaults: lr 1e-3, rho 0.9,
    epsilon 1e-7), batch 100, 10 epochs, test set monitored every epoch.
  * KERAS_CNN (lecture 12): Conv 32@3x3 relu -> Conv 64@3x3 relu -> MaxPool 2 -> Dropout 0.25 ->
    Flatten -> Dense 128 relu -> Dropout 0.5 -> Dense 10; Adam (eps 1e-7), batch 32, 10 epochs.
[ext] marks values taken from public reproductions of the notebooks (the narration does not speak
them; see /work/shared/catalog/004a.md).

Votes (lecture 10): complete cases of the UCI 1984 votes, 16-32-16-1 network (relu, sigmoid
output, N(0, 0.05^2) kernels [ext: kernel_initializer='normal'], zero biases), binary cross-entropy,
Adam, batch 32 (Keras default), 100 epochs [ext], scored by 10-fold cross-validation; every fold of
every seed is one model of one batched run. Baselines under the same folds: the single best vote
(chosen on the training fold) and scikit-learn's LogisticRegression.

Fits are cached per process (key: recipe, sizes, seeds, device) so claims on the same recipe share
one run.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import torch
from torch import Tensor

from fixtures.mnist_tensors import mnist_tensors

from harness.training.engine import BatchedMLP, TrainConfig, evaluate, train
from harness.recipes.protocols import stratified_kfold
from harness.running.seeds import derive_seed, substream, torch_generator
from harness.training import Conv2d, Dropout, Flatten, Linear, MaxPool2d, Net, ReLU
from harness.recipes.shared_runs import family_ctx

SUBSET_SEED = 4004          # fixed permutation for reduced training sets
LOWLEVEL_LAYERS = (784, 512, 10)
NORMAL_STD = 0.05           # Keras RandomNormal() default stddev [ext]
KERAS_EPS = 1e-7            # Keras' Adam/RMSprop epsilon
KERAS_RMSPROP = {"alpha": 0.9, "eps": KERAS_EPS}   # Keras RMSprop rho=0.9

_CACHE: dict[tuple, dict] = {}


def normal_reinit(model, seeds: Sequence[int], std: float = NORMAL_STD) -> None:
    """Kernels N(0, std^2) (one generator per seed), biases zero: tf.random normal / Keras 'normal'."""
    with torch.no_grad():
        for k, s in enumerate(seeds):
            g = torch_generator(substream(s, "normal-init"))
            for w in model.weights:
                w[k].copy_(torch.randn(w[k].shape, generator=g) * std)
        for b in model.biases:
            b.zero_()


# ---------------------------------------------------------------------------- MNIST data
def mnist_sets(ctx, n_train: int | None = None):
    """((X, y), (Xt, yt)): official training set (or a fixed subset of n_train rows) and test set."""
    X, y = mnist_tensors(ctx, "mnist_train")
    if n_train is not None and n_train < X.shape[0]:
        keep = torch.as_tensor(np.sort(np.random.default_rng(SUBSET_SEED).permutation(X.shape[0])[:n_train]))
        X, y = X[keep], y[keep]
    return (X, y), mnist_tensors(ctx, "mnist_test")


def _key(ctx, name, **kw):
    return (name, ctx.global_seed, tuple(ctx.seeds), ctx.profile, str(ctx.device), tuple(sorted(kw.items())))


# ---------------------------------------------------------------------------- lectures 7-8
def clipped_sum_ce(out: Tensor, y: Tensor) -> Tensor:
    """The notebook's loss per model: -sum over the batch of log clip(softmax, 1e-9, 1) at the label."""
    p = torch.softmax(out, dim=-1).clamp(1e-9, 1.0)
    return -torch.log(p.gather(-1, y.unsqueeze(-1))).squeeze(-1).sum(dim=-1)


def lowlevel_fit(ctx, *, steps: int, n_train: int | None = None, every: int = 100, snapshot: int = 2000) -> dict:
    """Train the lecture-8 network for ``steps`` steps of 250 on every seed at once.

    Returns per-seed tensors: "test" and "train" accuracy at the end, "test_at_snapshot" (after
    ``snapshot`` steps), and curves every ``every`` steps: "batch_acc" (the current batch of 250, as
    the notebook prints it) and "test_curve" (the fixed 10,000-image test set), shape (K, checkpoints).
    """
    key = _key(ctx, "lowlevel", steps=steps, n_train=n_train, every=every, snapshot=snapshot)
    if key in _CACHE:
        return _CACHE[key]
    (X, y), (Xt, yt) = mnist_sets(ctx, n_train)
    Xt, yt = Xt.to(ctx.device), yt.to(ctx.device)
    B = 250
    per_pass = X.shape[0] // B
    model = BatchedMLP(LOWLEVEL_LAYERS, ctx.stream("init"), activation="sigmoid", device=ctx.device)
    normal_reinit(model, ctx.stream("init"))
    state = {"calls": 0, "step": 0}
    batch_acc, test_curve, snap = [], [], {}

    def loss(out, yb):
        # The notebook prints the accuracy of the current batch every `every` steps.
        if state["calls"] % every == every - 1 and state["calls"] < steps:
            batch_acc.append((out.argmax(-1) == yb).double().mean(-1).detach().cpu())
        state["calls"] += 1
        return clipped_sum_ce(out, yb)

    def hook(m, epoch, b):
        s = state["step"]
        if s >= steps:                          # past the document's step count: plain SGD, no step
            for p in m.parameters():
                p.grad.zero_()
        elif s > 0 and s % every == 0:          # s steps done
            test_curve.append(evaluate(m, Xt, yt))
            if s == snapshot:
                snap["test"] = test_curve[-1]
        state["step"] = s + 1

    epochs = -(-steps // per_pass)
    cfg = TrainConfig(epochs=epochs, lr=0.001, batch_size=B, optimizer="sgd", loss=loss, drop_last=True,
                      after_backward=hook)
    train(model, X.to(ctx.device), y.to(ctx.device), cfg, ctx.stream("order"))
    test = evaluate(model, Xt, yt)
    test_curve.append(test)
    res = {"test": test, "train": evaluate(model, X.to(ctx.device), y.to(ctx.device)),
           "test_at_snapshot": snap.get("test", torch.full_like(test, float("nan"))),
           "batch_acc": torch.stack(batch_acc, 1), "test_curve": torch.stack(test_curve, 1),
           "epochs_seen": steps * B / X.shape[0]}
    _CACHE[key] = res
    return res


# ---------------------------------------------------------------------------- lecture 9
def keras_mlp_net(hidden: Sequence[int] = (512,), dropout: float = 0.0, n_in: int = 784, n_out: int = 10) -> Net:
    layers = []
    for h in hidden:
        layers += [Linear(h), ReLU()] + ([Dropout(dropout)] if dropout > 0 else [])
    return Net((n_in,), layers + [Linear(n_out)], init="glorot_uniform")


def keras_fit(ctx, net: Net, X, y, evals: dict, *, epochs: int, batch: int, optimizer: str = "rmsprop",
              eval_every: int = 1, cache: tuple | None = None):
    """Keras-style training of a harness Net for every seed: Keras optimizer defaults (lr 1e-3,
    epsilon 1e-7, RMSprop rho 0.9), softmax cross-entropy, reshuffled batches, short last batch kept."""
    key = _key(ctx, "keras", net=net.describe(), epochs=epochs, batch=batch, opt=optimizer, tag=cache) if cache else None
    if key and key in _CACHE:
        return _CACHE[key]
    kw = dict(KERAS_RMSPROP) if optimizer == "rmsprop" else {"eps": KERAS_EPS}
    model = net.build(ctx.stream("init"), device=ctx.device)
    cfg = TrainConfig(epochs=epochs, lr=1e-3, batch_size=batch, optimizer=optimizer, loss="cross_entropy",
                      eval_every=eval_every, optimizer_kwargs=kw)
    evals = {n: (a.to(ctx.device), b.to(ctx.device)) for n, (a, b) in evals.items()}
    hist = train(model, X.to(ctx.device), y.to(ctx.device), cfg, ctx.stream("order"), eval_sets=evals,
                 noise_seeds=ctx.stream("dropout") if net.stochastic else None)
    res = {"model": model, "history": hist, "curves": {n: torch.stack(v, 1) for n, v in hist.evals.items()}}
    if key:
        _CACHE[key] = res
    return res


def keras_mlp_mnist(ctx, *, epochs: int = 10, n_train: int | None = None) -> dict:
    """Lecture 9's Keras MLP on MNIST; curves["test"] is the per-epoch validation (= test) accuracy."""
    (X, y), (Xt, yt) = mnist_sets(ctx, n_train)
    return keras_fit(ctx, keras_mlp_net(), X, y, {"test": (Xt, yt)}, epochs=epochs, batch=100,
                     cache=("mnist", n_train))


# ---------------------------------------------------------------------------- lecture 12
def keras_cnn_net(side: int = 28, dropout: bool = True) -> Net:
    d1, d2 = ([Dropout(0.25)], [Dropout(0.5)]) if dropout else ([], [])
    return Net((1, side, side), [Conv2d(32, 3), ReLU(), Conv2d(64, 3), ReLU(), MaxPool2d(2), *d1, Flatten(),
                                 Linear(128), ReLU(), *d2, Linear(10)], init="glorot_uniform")


# ---------------------------------------------------------------------------- lecture 10: votes
def votes_complete(ctx):
    """(X (232, 16) of 0/1, y (232,) 1 = republican) after dropna, and the raw Dataset."""
    import fixtures.tabular as tab
    ds = ctx.data(tab.votes)
    keep = ~np.isnan(ds.X).any(axis=1)
    return ds.X[keep].astype(np.float32), ds.y[keep].astype(np.int64), ds


def votes_nn_cv(ctx, X: np.ndarray, y: np.ndarray, folds_per_seed: list[list], *, layers=(16, 32, 16, 1),
                epochs: int = 100) -> np.ndarray:
    """Mean 10-fold accuracy per seed of the lecture-10 network; (K,). One model per (seed, fold),
    trained together, grouped by training-fold size (the batched engine needs equal sizes)."""
    key = _key(ctx, "votes-nn", layers=layers, epochs=epochs,
               folds=hash(tuple(tuple(te.tolist()) for fs in folds_per_seed for _, te in fs)))
    if key in _CACHE:
        return _CACHE[key]
    seeds = ctx.stream("init")
    jobs = [(i, f, tr, te) for i, fs in enumerate(folds_per_seed) for f, (tr, te) in enumerate(fs)]
    acc = np.zeros((len(folds_per_seed), len(folds_per_seed[0])))
    Xt_all, yt_all = torch.as_tensor(X), torch.as_tensor(y)
    for n in sorted({len(tr) for _, _, tr, _ in jobs}):
        group = [j for j in jobs if len(j[2]) == n]
        init = [derive_seed(seeds[i], "fold", f) for i, f, _, _ in group]
        order = [derive_seed(ctx.stream("order")[i], "fold", f) for i, f, _, _ in group]
        model = BatchedMLP(layers, init, activation="relu", device=ctx.device)
        normal_reinit(model, init)
        Xg = torch.stack([Xt_all[torch.as_tensor(tr)] for _, _, tr, _ in group])
        yg = torch.stack([yt_all[torch.as_tensor(tr)] for _, _, tr, _ in group]).float()
        cfg = TrainConfig(epochs=epochs, lr=1e-3, batch_size=32, optimizer="adam", loss="bce_logits",
                          optimizer_kwargs={"eps": KERAS_EPS})
        train(model, Xg.to(ctx.device), yg.to(ctx.device), cfg, order)
        for m_te in sorted({len(te) for _, _, _, te in group}):
            sub = [k for k, j in enumerate(group) if len(j[3]) == m_te]
            Xe = torch.stack([Xt_all[torch.as_tensor(group[k][3])] for k in sub])
            ye = torch.stack([yt_all[torch.as_tensor(group[k][3])] for k in sub])
            full = evaluate_rows(model, sub, Xe.to(ctx.device), ye.to(ctx.device))
            for k, a in zip(sub, full):
                acc[group[k][0], group[k][1]] = a
    res = acc.mean(axis=1)
    _CACHE[key] = res
    return res


@torch.no_grad()
def evaluate_rows(model: BatchedMLP, which: list[int], Xe: Tensor, ye: Tensor) -> list[float]:
    """Accuracy of models ``which`` on their own test rows Xe[i] (one-logit outputs: logit > 0)."""
    model.eval()
    out = []
    for i, k in enumerate(which):
        h = Xe[i]
        for li, w in enumerate(model.weights):
            h = h @ w[k] + model.biases[li][k]
            if li < len(model.weights) - 1:
                h = model.acts[li](h)
        out.append(((h.squeeze(-1) > 0).long() == ye[i]).double().mean().item())
    return out


def stump_cv(X: np.ndarray, y: np.ndarray, folds) -> float:
    """Mean CV accuracy of the single best vote: per training fold, each vote predicts the majority
    party of its yes voters and of its no voters (ties: 1); the vote with the best training accuracy
    (first on ties) is kept and scored on the test fold."""
    accs = []
    for tr, te in folds:
        Xtr, ytr = X[tr] > 0.5, y[tr]
        rule = {}
        for v in (False, True):
            m = Xtr == v
            cnt, ones = m.sum(0), (m & (ytr[:, None] == 1)).sum(0)
            rule[v] = np.where(cnt > 0, 2 * ones >= cnt, False)
        pred = np.where(Xtr, rule[True], rule[False])
        j = int(np.argmax((pred == ytr[:, None]).mean(0)))
        pte = np.where(X[te, j] > 0.5, rule[True][j], rule[False][j])
        accs.append(float((pte == y[te]).mean()))
    return float(np.mean(accs))


def logreg_cv(X: np.ndarray, y: np.ndarray, folds) -> float:
    from sklearn.linear_model import LogisticRegression
    accs = [LogisticRegression().fit(X[tr], y[tr]).score(X[te], y[te]) for tr, te in folds]
    return float(np.mean(accs))


# Claims on one recipe share their runs through a named seed family (harness/recipes/shared_runs.py).
shared_ctx = family_ctx


def seeded_folds(ctx, y: np.ndarray) -> list[list]:
    """One shuffled stratified 10-fold split per seed (stream 'folds'), shared by every arm."""
    return [stratified_kfold(y, 10, s) for s in ctx.stream("folds")]

