"""The TensorFlow Playground (playground.tensorflow.org) re-implemented for 004's lecture 4.

Written from the public source of github.com/tensorflow/playground (Apache 2.0), read, not copied:
``src/dataset.ts`` (classifyCircleData, classifySpiralData, classifyXORData, classifyTwoGaussData),
``src/playground.ts`` (generateData: shuffle once, first ``percTrainData``% train, rest test; oneStep:
the training points in the same order every epoch, an update after every ``batchSize`` points),
``src/nn.ts`` (links start at U(-0.5, 0.5), biases at 0.1; the output node is tanh for
classification; the error is 0.5 (output - target)^2; an update moves each weight by learningRate
times the mean of its accumulated derivatives) and ``src/state.ts`` (the defaults: 500 points,
noise 0, 50% training data, batch 10, learning rate 0.03, tanh, features x1 and x2, hidden [4, 2]).

Labels are 1 (blue, the Playground's +1) and 0 (orange, its -1); the loss maps them back to +-1.
The net's last layer is one linear unit and ``playground_loss`` applies the tanh output node, so
the engine's ``accuracy`` (output > 0 is class 1) is the Playground's sign rule.

Each seed draws its own data (stream "data"), split and initialisation (stream "init") through
numpy/torch generators; the Playground's Math.random is not reproduced draw for draw (it is
unseeded in the browser), only its distributions and procedure.
"""
from __future__ import annotations

import math
from typing import Sequence

import numpy as np
import torch
from torch import Tensor

from fixtures import Dataset

from harness.training.engine import BatchedMLP, History, TrainConfig, outputs, train
from harness.training.experiments import as_labels, as_tensor
from harness.running.seeds import substream, torch_generator

N_POINTS = 500          # state.ts numSamples default
TRAIN_PERCENT = 50      # state.ts percTrainData
LEARNING_RATE = 0.03    # state.ts learningRate
BATCH_SIZE = 10         # state.ts batchSize
DEFAULT_HIDDEN = (4, 2)  # state.ts networkShape
RADIUS = 5.0


def _circle(rng: np.random.Generator, n: int, noise: float):
    """classifyCircleData: n/2 points with r ~ U(0, 2.5) and n/2 with r ~ U(3.5, 5); the label is
    whether the (noise-shifted) point lies within 2.5 of the centre."""
    pts, labels = [], []
    for lo, hi in ((0.0, RADIUS * 0.5), (RADIUS * 0.7, RADIUS)):
        for _ in range(n // 2):
            r, angle = rng.uniform(lo, hi), rng.uniform(0, 2 * math.pi)
            x, y = r * math.sin(angle), r * math.cos(angle)
            nx, ny = rng.uniform(-RADIUS, RADIUS) * noise, rng.uniform(-RADIUS, RADIUS) * noise
            pts.append((x, y))
            labels.append(1 if math.hypot(x + nx, y + ny) < RADIUS * 0.5 else 0)
    return pts, labels


def _spiral(rng: np.random.Generator, n: int, noise: float):
    """classifySpiralData: two arms of n/2 points, r = 5 i/(n/2), t = 1.75 * 2 pi i/(n/2) (+ pi for
    the second arm), each coordinate shifted by U(-1, 1) * noise."""
    pts, labels = [], []
    half = n // 2
    for delta_t, label in ((0.0, 1), (math.pi, 0)):
        for i in range(half):
            r = i / half * 5
            t = 1.75 * i / half * 2 * math.pi + delta_t
            pts.append((r * math.sin(t) + rng.uniform(-1, 1) * noise, r * math.cos(t) + rng.uniform(-1, 1) * noise))
            labels.append(label)
    return pts, labels


def _xor(rng: np.random.Generator, n: int, noise: float):
    """classifyXORData: x, y ~ U(-5, 5) pushed 0.3 away from the axes; label 1 where x y >= 0
    (of the noise-shifted point)."""
    pts, labels = [], []
    for _ in range(n):
        x = rng.uniform(-5, 5)
        x += 0.3 if x > 0 else -0.3
        y = rng.uniform(-5, 5)
        y += 0.3 if y > 0 else -0.3
        nx, ny = rng.uniform(-5, 5) * noise, rng.uniform(-5, 5) * noise
        pts.append((x, y))
        labels.append(1 if (x + nx) * (y + ny) >= 0 else 0)
    return pts, labels


GENERATORS = {"circle": _circle, "spiral": _spiral, "xor": _xor}


def playground_data(name: str, n: int = N_POINTS, *, noise: float = 0.0, seed: int) -> Dataset:
    """One Playground data set, shuffled once (Fisher-Yates, as playground.ts does before splitting).
    ``noise`` is the fraction (the UI's percentage / 100)."""
    rng = np.random.default_rng(seed)
    pts, labels = GENERATORS[name](rng, n, noise)
    order = rng.permutation(len(pts))
    X = np.ascontiguousarray(np.asarray(pts, dtype=np.float64)[order])
    y = np.asarray(labels, dtype=np.int64)[order]
    X.flags.writeable = False
    y.flags.writeable = False
    prov = {"name": f"playground-{name}", "source": "synthetic: harness.recipes.playground (re-implementation of "
            "tensorflow/playground src/dataset.ts)", "files": [], "rows": int(n), "version": "playground-v1",
            "notes": "shuffled once; the first half trains, the second tests (percTrainData 50)",
            "params": {"n": n, "noise": noise}, "seed": int(seed)}
    return Dataset(name=f"playground-{name}", X=X, y=y, provenance=prov, feature_names=("x1", "x2"))


def playground_sets(ctx, name: str, *, n: int = N_POINTS, noise: float = 0.0, stream: str = "data"):
    """Per seed: ((X_train, y_train), (X_test, y_test)), (K, n/2, 2) each, the Playground's 50/50 split."""
    sets = [ctx.data(playground_data, name, n, noise=noise, seed=substream(s, stream)) for s in ctx.seeds]
    X = as_tensor(np.stack([d.X for d in sets]))
    y = as_labels(np.stack([d.y for d in sets]))
    cut = n * TRAIN_PERCENT // 100
    return (X[:, :cut], y[:, :cut]), (X[:, cut:], y[:, cut:])


def playground_loss(out: Tensor, y: Tensor) -> Tensor:
    """The Playground's error through its tanh output node: mean of 0.5 (tanh(out) - t)^2, t = +-1."""
    t = 2.0 * y.to(out.dtype) - 1.0
    return (0.5 * (torch.tanh(out.squeeze(-1)) - t) ** 2).mean(dim=1)


def playground_net(hidden: Sequence[int], init_seeds: Sequence[int], *, activation="tanh", device,
                   n_inputs: int = 2) -> BatchedMLP:
    """K nets x1,x2 -> hidden -> 1, initialised as nn.ts does: weights U(-0.5, 0.5), biases 0.1."""
    model = BatchedMLP((n_inputs, *hidden, 1), init_seeds, activation=activation, device=device)
    with torch.no_grad():
        for k, seed in enumerate(init_seeds):
            g = torch_generator(substream(seed, "playground-init"))
            for w in model.weights:
                w[k] = (torch.rand(w.shape[1:], generator=g) - 0.5).to(w.device)
        for b in model.biases:
            b.fill_(0.1)
    return model


def playground_config(epochs: int, *, lr: float = LEARNING_RATE, batch_size: int = BATCH_SIZE,
                      eval_every: int = 0) -> TrainConfig:
    """SGD on the mean batch error, the training points in the same order every epoch (playground.ts)."""
    return TrainConfig(epochs=epochs, lr=lr, batch_size=batch_size, optimizer="sgd", loss=playground_loss,
                       shuffle=False, eval_every=eval_every)


def train_playground(ctx, hidden: Sequence[int], train_set, test_set, epochs: int, *, activation="tanh",
                     init_stream: str = "init", lr: float = LEARNING_RATE, eval_every: int = 0, arms: int = 1):
    """Train one Playground architecture for every seed of the look: (model, History) with train and
    test accuracy evaluated at the end (and every ``eval_every`` epochs).

    ``arms`` > 1 trains that many copies of every seed side by side (same init, same data: the data
    sets are tiled arm-major), for an ``activation`` that treats the copies differently
    (:func:`split_activation`); results come back arm-major, (arms * K,)."""
    init = ctx.stream(init_stream) * arms
    model = playground_net(hidden, init, activation=activation, device=ctx.device)
    dev = ctx.device
    if arms > 1:
        tile = lambda t: t.repeat(arms, *[1] * (t.dim() - 1))
        train_set, test_set = tuple(map(tile, train_set)), tuple(map(tile, test_set))
    hist: History = train(model, train_set[0].to(dev), train_set[1].to(dev),
                          playground_config(epochs, lr=lr, eval_every=eval_every), ctx.stream("order") * arms,
                          eval_sets={"train": tuple(t.to(dev) for t in train_set),
                                     "test": tuple(t.to(dev) for t in test_set)})
    return model, hist


def train_playground_shapes(ctx, shapes: Sequence[Sequence[int]], train_set, test_set, epochs: int, *,
                            init_streams: Sequence[str] | None = None, activation="tanh", eval_every: int = 0):
    """Several Playground architectures of the same depth trained in one batched run, arm-major (M * K,).

    Each layer is as wide as its widest arm; in an arm with fewer units, the extra units' outgoing
    weights start at 0 and their gradients are zeroed after every backward pass, so those units add
    exactly 0 to the next layer and (their outgoing weights being 0) their own weights get no gradient:
    the arm trains exactly as the narrower net would, on the same data and in the same order, from the
    same initial draws for the units it shares (common random numbers). One run instead of M saves the
    per-step overhead that dominates these tiny nets. ``init_streams`` (default "init" for every arm)
    name each arm's init stream."""
    shapes = [tuple(h) for h in shapes]
    if len({len(h) for h in shapes}) != 1:
        raise ValueError(f"shapes {shapes} differ in depth")
    M, K = len(shapes), len(ctx.seeds)
    width = tuple(max(h[i] for h in shapes) for i in range(len(shapes[0])))
    streams = list(init_streams or ["init"] * M)
    model = playground_net(width, [s for name in streams for s in ctx.stream(name)], activation=activation,
                           device=ctx.device)
    # keep[l]: (M*K, width[l], 1), 1 where the unit exists in that model's arm
    keep = []
    for l, w in enumerate(width):
        m = torch.zeros(M * K, w, 1)
        for a, h in enumerate(shapes):
            m[a * K:(a + 1) * K, :h[l]] = 1.0
        keep.append(m.to(ctx.device))
    with torch.no_grad():
        for l, m in enumerate(keep):
            model.weights[l + 1].mul_(m)

    def mask_grads(net, epoch, step):
        for l, m in enumerate(keep):
            net.weights[l + 1].grad.mul_(m)
    tile = lambda t: t.repeat(M, *[1] * (t.dim() - 1))
    dev = ctx.device
    train_set, test_set = tuple(tile(t).to(dev) for t in train_set), tuple(tile(t).to(dev) for t in test_set)
    cfg = playground_config(epochs, eval_every=eval_every)
    cfg.after_backward = mask_grads
    hist = train(model, *train_set, cfg, ctx.stream("order") * M, eval_sets={"train": train_set, "test": test_set})
    return model, hist


def split_activation(*names: str):
    """An activation for ``arms`` = len(names) copies of each seed: the i-th block of models (arm-major)
    uses ACTIVATIONS[names[i]], e.g. tanh and ReLU nets of the same init trained in one batched run."""
    from harness.training.engine import ACTIVATIONS
    fns = [ACTIVATIONS[n] for n in names]

    def act(h: Tensor) -> Tensor:
        return torch.cat([f(part) for f, part in zip(fns, h.chunk(len(fns), dim=0))], dim=0)
    act.__name__ = "+".join(names)
    return act


def grid(extent: float = 6.0, n: int = 100) -> Tensor:
    """The Playground's heat map domain: an n x n grid over [-extent, extent]^2, (n*n, 2)."""
    ax = torch.linspace(-extent, extent, n)
    gx, gy = torch.meshgrid(ax, ax, indexing="xy")
    return torch.stack([gx.reshape(-1), gy.reshape(-1)], dim=1)


def grid_decisions(model: BatchedMLP) -> Tensor:
    """(K, n*n) class decisions of each seed's net on :func:`grid`."""
    return (outputs(model, grid().to(next(model.parameters()).device)).squeeze(-1) > 0).cpu()


# ---------------------------------------------------------------------------- shared by 004's lectures 2-6
def spd_quadratic(rng: np.random.Generator, d: int, cond: float):
    """A random symmetric positive definite A (eigenvalues log-spaced from 1 to cond, random basis)
    and b ~ N(0, 1): f(w) = 0.5 w'Aw - b'w, minimum at A^-1 b."""
    q, _ = np.linalg.qr(rng.standard_normal((d, d)))
    eig = np.logspace(0, np.log10(cond), d)
    A = (q * eig) @ q.T
    return (A + A.T) / 2, rng.standard_normal(d)


def heavy_ball_steps(A, b, lr: float, momentum: float, tol: float, max_steps: int, *, nesterov: bool = False) -> int:
    """Steps of torch.optim.SGD (lr, momentum, nesterov) on f(w) = 0.5 w'Aw - b'w from w = 0 until
    f - f* < tol (float64); max_steps when it never gets there."""
    At, bt = torch.as_tensor(A), torch.as_tensor(b)
    fstar = float(-0.5 * bt @ torch.linalg.solve(At, bt))
    w = torch.zeros(len(b), dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr, momentum=momentum, nesterov=nesterov)
    with torch.no_grad():
        for step in range(max_steps):
            if float(0.5 * w @ At @ w - bt @ w) - fstar < tol:
                return step
            w.grad = At @ w - bt            # the exact gradient, given to the optimizer as backward would
            opt.step()
    return max_steps
