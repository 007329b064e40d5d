"""Generative family: a VAE (composite loss, reparameterisation noise) and a GAN (two networks
trained against each other, alternating steps), K seeds at once.

VAE: ``VAE(encoder, latent, decoder)``; the encoder Net ends in ``2*latent`` outputs (mu then
log-variance, as fc21/fc22 of PyTorch's VAE example), the decoder Net maps ``(latent,)`` to the
data's shape and ends in logits. In training z = mu + eps * exp(logvar / 2) with eps ~ N(0, 1) drawn
per seed (its noise generator, after the encoder's dropout draws and before the decoder's); in eval
z = mu. ``vae_loss``: per example the summed Bernoulli cross-entropy of the reconstruction plus the KL
divergence to N(0, I), averaged over the batch. ``harness.training.engine.train(vae, X, X, ...)`` trains it.

GAN: ``train_gan(G, D, X, ...)``; per batch each seed draws z (B, latent) from its noise generator,
fake = G(z); the discriminator steps on BCE(D(real), 1) + BCE(D(fake.detach()), 0), then the generator
on BCE(D(fake), 1) (the non-saturating loss of the DCGAN tutorial). ``harness.training.reference.train_gan_one``
is the same loop for one seed with nn modules; ``tests/test_training_families.py`` checks they agree.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from harness.training.engine import TrainConfig, _loader_permutation, gather_rows, make_optimizer, per_model
from harness.running.seeds import torch_generator
from harness.training.net import BatchedNet, Net


@dataclass(frozen=True)
class VAE:
    encoder: Net
    latent: int
    decoder: Net

    def __post_init__(self):
        if self.encoder.output_shape != (2 * self.latent,):
            raise ValueError(f"the encoder must end in 2*latent = {2 * self.latent} outputs, "
                             f"not {self.encoder.output_shape}")
        if self.decoder.input_shape != (self.latent,):
            raise ValueError(f"the decoder must take ({self.latent},), not {self.decoder.input_shape}")
        if self.decoder.output_shape != self.encoder.input_shape:
            raise ValueError(f"decoder output {self.decoder.output_shape} != data shape {self.encoder.input_shape}")
        if self.encoder.init != self.decoder.init:
            raise ValueError("encoder and decoder must use the same init")

    def describe(self) -> str:
        return f"VAE(latent={self.latent}, encoder={self.encoder.describe()}, decoder={self.decoder.describe()})"

    def build(self, init_seeds: Sequence[int], *, device, dtype=torch.float32) -> "BatchedVAE":
        from harness.training.engine import note_device
        note_device(device)
        return BatchedVAE(self, init_seeds, device=device, dtype=dtype)

    def reference(self, init_seed: int, *, device) -> "VAEReference":
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(int(init_seed) & 0x7FFF_FFFF_FFFF_FFFF)
            ref = VAEReference(self.encoder.reference_modules(), self.decoder.reference_modules(), self.latent)
        if self.encoder.init == "glorot_uniform":
            g = torch_generator(init_seed)
            Net.glorot_reference(ref.encoder, g)
            Net.glorot_reference(ref.decoder, g)
        return ref.to(device)


def reparameterize(mu: Tensor, logvar: Tensor, eps: Tensor) -> Tensor:
    return mu + eps * torch.exp(0.5 * logvar)


class VAEReference(nn.Module):
    """One seed's VAE as the documents write it; eps from the global generator."""

    def __init__(self, encoder: nn.Module, decoder: nn.Module, latent: int):
        super().__init__()
        self.encoder, self.decoder, self.latent = encoder, decoder, latent

    def forward(self, x):
        h = self.encoder(x)
        mu, logvar = h[:, :self.latent], h[:, self.latent:]
        z = reparameterize(mu, logvar, torch.randn_like(mu)) if self.training else mu
        return self.decoder(z), mu, logvar


class BatchedVAE(nn.Module):
    def __init__(self, spec: VAE, init_seeds, *, device, dtype=torch.float32):
        super().__init__()
        gens = [torch_generator(s) for s in init_seeds]
        self.spec, self.latent, self.n_models = spec, spec.latent, len(init_seeds)
        self.encoder = BatchedNet(spec.encoder, init_seeds, device=device, dtype=dtype, generators=gens)
        self.decoder = BatchedNet(spec.decoder, init_seeds, device=device, dtype=dtype, generators=gens)
        self.input_dims = self.target_dims = len(spec.encoder.input_shape)
        self.eval_chunk = 1024
        self.noise = None

    def seed_noise(self, noise_seeds):
        if noise_seeds is None:
            raise ValueError("a VAE draws reparameterisation noise: pass noise_seeds (one per seed) to train()")
        self.encoder.seed_noise(noise_seeds)
        self.decoder.noise = self.noise = self.encoder.noise     # one stream per seed, in forward order

    def forward(self, x):
        h = self.encoder(x)
        mu, logvar = h[..., :self.latent], h[..., self.latent:]
        if self.training:
            eps = torch.stack([torch.randn(mu.shape[1:], generator=g, device=mu.device, dtype=mu.dtype)
                               for g in self.noise])
            z = reparameterize(mu, logvar, eps)
        else:
            z = mu
        return self.decoder(z), mu, logvar

    def reference_state(self, k):
        out = {f"encoder.{n}": t for n, t in self.encoder.reference_state(k).items()}
        out.update({f"decoder.{n}": t for n, t in self.decoder.reference_state(k).items()})
        return out


def vae_loss(out, x: Tensor) -> Tensor:
    """Per model (K,): mean over the batch of [sum over features of BCE(recon, x)] + KL(q(z|x) || N(0, I))."""
    recon, mu, logvar = out
    K, B = x.shape[:2]
    bce = F.binary_cross_entropy_with_logits(recon, x.to(recon.dtype), reduction="none").reshape(K, B, -1).sum(-1)
    kld = -0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum(-1)
    return (bce + kld).mean(dim=1)


def gan_bce(logits: Tensor, target: float) -> Tensor:
    """Per model mean BCE of D's logits (K, B, 1) against a constant label."""
    lg = logits.reshape(logits.shape[0], -1)
    return F.binary_cross_entropy_with_logits(lg, torch.full_like(lg, target), reduction="none").mean(dim=1)


@dataclass
class GANHistory:
    d_loss: Tensor          # (K, epochs): mean batch loss per epoch
    g_loss: Tensor
    steps: int


NOISE_KINDS = ("normal", "uniform")


def _unknown_noise(kind: str) -> ValueError:
    return ValueError(f"noise {kind!r}: use one of {NOISE_KINDS}")


def draw_noise(shape: Sequence[int], generator: torch.Generator, device, kind: str = "normal") -> Tensor:
    """A generator's input noise: "normal" N(0, 1) (the course's ``random.normal``), or "uniform"
    U(-sqrt 3, sqrt 3), the uniform distribution of the same mean and variance (the lecture's "you could
    try a uniform distribution"). One draw from ``generator`` either way."""
    if kind == "normal":
        return torch.randn(tuple(shape), generator=generator, device=device)
    if kind == "uniform":
        return (torch.rand(tuple(shape), generator=generator, device=device) * 2 - 1) * math.sqrt(3.0)
    raise _unknown_noise(kind)


def train_gan(G: BatchedNet, D: BatchedNet, X: Tensor, cfg_d: TrainConfig, cfg_g: TrainConfig,
              order_seeds: Sequence[int], noise_seeds: Sequence[int], *, noise: str = "normal") -> GANHistory:
    """Train K generator/discriminator pairs in place; seed k: G[k] against D[k] on its own order/noise.

    Epochs, batch size, drop_last and shuffling come from ``cfg_d``; each net its own optimizer.
    ``noise``: the distribution of G's input (:func:`draw_noise`)."""
    K = G.n_models
    if D.n_models != K or len(order_seeds) != K or len(noise_seeds) != K:
        raise ValueError(f"G has {K} models, D {D.n_models}, {len(order_seeds)} order seeds, "
                         f"{len(noise_seeds)} noise seeds: they must agree")
    latent = G.net.input_shape
    if noise not in NOISE_KINDS:                                # fail before any training
        raise _unknown_noise(noise)
    if G.net.output_shape != D.net.input_shape:
        raise ValueError(f"G makes {G.net.output_shape}, D reads {D.net.input_shape}")
    device = G.device
    Xk = per_model(X.to(device), K, len(D.net.input_shape))
    N = Xk.shape[1]
    B = N if cfg_d.batch_size is None else int(cfg_d.batch_size)
    n_batches = N // B if cfg_d.drop_last else math.ceil(N / B)
    opt_d, opt_g = make_optimizer(D.parameters(), cfg_d), make_optimizer(G.parameters(), cfg_g)
    gens = [torch_generator(s) for s in order_seeds]
    noise_gens = [torch_generator(s, device) for s in noise_seeds]
    G.noise = D.noise = noise_gens
    G.train()
    D.train()
    d_hist = torch.zeros(K, cfg_d.epochs, dtype=torch.float64)
    g_hist = torch.zeros(K, cfg_d.epochs, dtype=torch.float64)
    steps = 0
    for epoch in range(cfg_d.epochs):
        order = torch.stack([_loader_permutation(N, g) for g in gens]).to(device) if cfg_d.shuffle \
            else torch.arange(N, device=device).expand(K, N)
        d_sum = torch.zeros(K, dtype=torch.float64, device=device)
        g_sum = torch.zeros(K, dtype=torch.float64, device=device)
        for b in range(n_batches):
            real = gather_rows(Xk, order[:, b * B:(b + 1) * B])
            nb = real.shape[1]
            z = torch.stack([draw_noise((nb, *latent), g, device, noise) for g in noise_gens])
            fake = G(z)
            d_loss = gan_bce(D(real), 1.0) + gan_bce(D(fake.detach()), 0.0)
            opt_d.zero_grad(set_to_none=True)
            d_loss.sum().backward()
            opt_d.step()
            g_loss = gan_bce(D(fake), 1.0)
            opt_g.zero_grad(set_to_none=True)
            g_loss.sum().backward()
            opt_g.step()
            d_sum += d_loss.detach().to(torch.float64)
            g_sum += g_loss.detach().to(torch.float64)
            steps += 1
        d_hist[:, epoch] = (d_sum / max(n_batches, 1)).cpu()
        g_hist[:, epoch] = (g_sum / max(n_batches, 1)).cpu()
    G.eval()
    D.eval()
    return GANHistory(d_loss=d_hist, g_loss=g_hist, steps=steps)
