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

from .engine import ACTIVATIONS, LOSSES, TrainConfig, make_optimizer
from .seeds import torch_generator


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
        total, n = 0.0, 0
        for xb, yb in loader:
            # The engine's losses take a leading model axis; a single net is K=1.
            loss = loss_fn(net(xb).unsqueeze(0), yb.unsqueeze(0))[0]
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
            n += 1
        history.append(total / max(n, 1))
    return history
