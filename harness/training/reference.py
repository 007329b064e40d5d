"""The documents' way of training: one nn.Sequential per seed, a shuffling DataLoader loop.

Kept for two jobs only: the engine equivalence test (the batched engine must reproduce this to
float tolerance) and the engine benchmark (how much faster the batched engine is on the same work).
Claims about DataLoader itself may use it too.
"""
from __future__ import annotations

from typing import Sequence

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from harness.training.engine import ACTIVATIONS, LOSSES, TrainConfig, make_optimizer
from harness.running.seeds import torch_generator


class _Act(nn.Module):
    def __init__(self, name: str):
        super().__init__()
        self.fn = ACTIVATIONS[name]

    def forward(self, x):
        return self.fn(x)


def sequential(layer_sizes: Sequence[int], init_seed: int, activation: str = "relu") -> nn.Sequential:
    """nn.Sequential of Linear layers initialised from `init_seed` as the documents do (manual_seed)."""
    torch.manual_seed(int(init_seed) & 0x7FFF_FFFF_FFFF_FFFF)
    layers: list[nn.Module] = []
    pairs = list(zip(layer_sizes[:-1], layer_sizes[1:]))
    for i, (a, b) in enumerate(pairs):
        layers.append(nn.Linear(a, b))
        if i < len(pairs) - 1:
            layers.append(_Act(activation))
    return nn.Sequential(*layers)


def train_one(net: nn.Sequential, X: torch.Tensor, y: torch.Tensor, cfg: TrainConfig, order_seed: int) -> list[float]:
    """One seed, DataLoader(shuffle=True) loop; returns the mean batch loss per epoch."""
    loader = DataLoader(TensorDataset(X, y), batch_size=cfg.batch_size or len(X), shuffle=cfg.shuffle,
                        drop_last=cfg.drop_last, generator=torch_generator(order_seed))
    opt = make_optimizer(net.parameters(), cfg)
    loss_fn = LOSSES[cfg.loss] if isinstance(cfg.loss, str) else cfg.loss
    history = []
    for _ in range(cfg.epochs):
        net.train()
        # summed on the device in float64 (the same additions as Python floats), read once per
        # epoch: a per-step .item() would wait for every GPU step
        total, n = torch.zeros((), dtype=torch.float64, device=next(net.parameters()).device), 0
        for xb, yb in loader:
            # The engine's losses take a leading model axis; a single net is K=1.
            out = net(xb)
            out = tuple(o.unsqueeze(0) for o in out) if isinstance(out, tuple) else out.unsqueeze(0)
            loss = loss_fn(out, yb.unsqueeze(0))[0]
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.detach().double()
            n += 1
        history.append(total.item() / max(n, 1))
    return history


def train_gan_one(G: nn.Module, D: nn.Module, X: torch.Tensor, cfg_d: TrainConfig, cfg_g: TrainConfig,
                  order_seed: int, latent_shape: Sequence[int], noise: str = "normal") -> tuple[list[float], list[float]]:
    """One generator/discriminator pair, DataLoader loop, alternating steps (the DCGAN tutorial's
    order: D on real + detached fake, then G on D(fake)); z from the global generator, so seed it
    first (``harness.training.reference_noise``); ``noise`` "uniform" draws U(-sqrt 3, sqrt 3) instead of
    N(0, 1). Returns mean D and G batch losses per epoch."""
    import torch.nn.functional as F

    def bce(logits, target):
        return F.binary_cross_entropy_with_logits(logits.reshape(-1), torch.full((logits.numel(),), target))

    loader = DataLoader(TensorDataset(X), batch_size=cfg_d.batch_size or len(X), shuffle=cfg_d.shuffle,
                        drop_last=cfg_d.drop_last, generator=torch_generator(order_seed))
    opt_d, opt_g = make_optimizer(D.parameters(), cfg_d), make_optimizer(G.parameters(), cfg_g)
    d_hist, g_hist = [], []
    G.train()
    D.train()
    for _ in range(cfg_d.epochs):
        d_tot = g_tot = 0.0
        n = 0
        for (real,) in loader:
            z = (torch.randn(len(real), *latent_shape) if noise == "normal"
                 else (torch.rand(len(real), *latent_shape) * 2 - 1) * 3 ** 0.5)
            fake = G(z)
            d_loss = bce(D(real), 1.0) + bce(D(fake.detach()), 0.0)
            opt_d.zero_grad()
            d_loss.backward()
            opt_d.step()
            g_loss = bce(D(fake), 1.0)
            opt_g.zero_grad()
            g_loss.backward()
            opt_g.step()
            d_tot += d_loss.item()
            g_tot += g_loss.item()
            n += 1
        d_hist.append(d_tot / max(n, 1))
        g_hist.append(g_tot / max(n, 1))
    return d_hist, g_hist
