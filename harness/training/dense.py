"""Dense family: Linear, activations, dropout, Flatten/Unflatten.

Linear runs as one batched matmul over the model axis (``baddbmm``), weights stored (K, in, out) as in
``harness.training.engine.BatchedMLP``; inputs with extra leading feature axes (a sequence's time axis) are
folded into the row axis, as nn.Linear applies to the last axis.
"""
from __future__ import annotations

from dataclasses import dataclass
from math import prod

import torch
from torch import nn

from harness.training.engine import ACTIVATIONS
from harness.training.net import MODEL, STACKED, BatchedLayer, Layer, dropout_mask, init_weight_bias


@dataclass(frozen=True)
class Linear(Layer):
    out_features: int
    bias: bool = True

    def out_shape(self, s):
        return (*s[:-1], self.out_features)

    def reference(self, s):
        return nn.Linear(s[-1], self.out_features, bias=self.bias)

    def batched(self, s, k):
        return BatchedLinear(k, s[-1], self.out_features, self.bias)


class BatchedLinear(BatchedLayer):
    def __init__(self, k, fan_in, fan_out, bias):
        super().__init__(k)
        self.weight = nn.Parameter(torch.empty(k, fan_in, fan_out))
        self.bias = nn.Parameter(torch.empty(k, 1, fan_out)) if bias else None

    def init_seed(self, k, g, init):
        w = torch.empty(self.weight.shape[2], self.weight.shape[1])      # nn.Linear's (out, in)
        b = torch.empty(self.weight.shape[2]) if self.bias is not None else None
        init_weight_bias(w, b, g, init)
        with torch.no_grad():
            self.weight[k] = w.T
            if b is not None:
                self.bias[k, 0] = b

    def reference_state(self, k):
        out = {"weight": self.weight[k].T}
        if self.bias is not None:
            out["bias"] = self.bias[k, 0]
        return out

    def forward(self, h, noise=None):
        K, B = h.shape[:2]
        lead = h.shape[2:-1]
        x = h.reshape(K, B * prod(lead), h.shape[-1]) if lead else h
        out = torch.baddbmm(self.bias, x, self.weight) if self.bias is not None else torch.bmm(x, self.weight)
        return out.view(K, B, *lead, -1) if lead else out


class _ActModule(nn.Module):
    def __init__(self, name):
        super().__init__()
        self.name = name
        self.fn = ACTIVATIONS[name]

    def forward(self, x):
        return self.fn(x)


@dataclass(frozen=True)
class Act(Layer):
    """An elementwise activation by name (harness.training.engine.ACTIVATIONS); runs in either layout."""
    name: str
    layout = None

    def __post_init__(self):
        if self.name not in ACTIVATIONS:
            raise ValueError(f"unknown activation {self.name!r}: use one of {sorted(ACTIVATIONS)}")

    def out_shape(self, s):
        return s

    def reference(self, s):
        return _ActModule(self.name)

    def batched(self, s, k):
        return _BatchedAct(k, self.name)


class _BatchedAct(BatchedLayer):
    def __init__(self, k, name):
        super().__init__(k)
        self.fn = ACTIVATIONS[name]

    def forward(self, h, noise=None):
        return self.fn(h)


def ReLU():
    return Act("relu")


def Tanh():
    return Act("tanh")


def Sigmoid():
    return Act("sigmoid")


@dataclass(frozen=True)
class Dropout(Layer):
    """nn.Dropout(p): inverted scaling in training, identity in eval; each seed its own masks."""
    p: float
    layout = None
    stochastic = True

    def __post_init__(self):
        if not 0 <= self.p < 1:
            raise ValueError(f"dropout p={self.p} must be in [0, 1)")

    def out_shape(self, s):
        return s

    def reference(self, s):
        return nn.Dropout(self.p)

    def batched(self, s, k):
        return BatchedDropout(k, self.p, s)


class BatchedDropout(BatchedLayer):
    def __init__(self, k, p, shape):
        super().__init__(k)
        self.p = p
        self.shape = tuple(shape)

    def forward(self, h, noise=None):
        if noise is None or self.p == 0:
            return h
        if self.in_layout == MODEL and self.ref_time_major:
            # After nn.LSTM/GRU/RNN(batch_first=True) the reference's activation is a (B, T, ...)
            # view of (T, B, ...) memory, and nn.Dropout fills its mask in memory order.
            B, T = h.shape[1], h.shape[2]
            return h * torch.stack([dropout_mask((T, B, *self.shape[1:]), self.p, g, h.device, h.dtype)
                                    .transpose(0, 1) for g in noise])
        if self.in_layout == MODEL:                                    # (K, B, ...)
            B = h.shape[1]
            return h * torch.stack([dropout_mask((B, *self.shape), self.p, g, h.device, h.dtype) for g in noise])
        B = h.shape[0]                                                 # STACKED (B, K*C, ...)
        masks = torch.stack([dropout_mask((B, *self.shape), self.p, g, h.device, h.dtype) for g in noise], 1)
        masks = masks.view(h.shape)
        if h.dim() == 4 and h.is_contiguous(memory_format=torch.channels_last):
            masks = masks.contiguous(memory_format=torch.channels_last)    # keep the maps channels-last
        return h * masks


@dataclass(frozen=True)
class Flatten(Layer):
    """nn.Flatten(): all per-example axes into one, channel slowest (as on an NCHW tensor)."""
    layout = None

    def out_shape(self, s):
        return (prod(s),)

    def reference(self, s):
        return nn.Flatten()

    def batched(self, s, k):
        return _BatchedFlatten(k)


class _BatchedFlatten(BatchedLayer):
    out_layout = MODEL

    def forward(self, h, noise=None):
        if self.in_layout == STACKED:                                  # (B, K*C, *S) -> (K, B, C*prod(S))
            B, KC, S = h.shape[0], h.shape[1], h.shape[2:]
            if h.dim() == 4 and h.is_contiguous(memory_format=torch.channels_last):
                # Through the channels-last view (B, H, W, K, C), so the gradient flowing back is
                # channels-last too: mixing memory formats in backward costs 3x in relu/conv grads.
                hw = h.permute(0, 2, 3, 1).view(B, *S, self.k, KC // self.k)
                return hw.permute(3, 0, 4, 1, 2).reshape(self.k, B, -1)
            return h.reshape(B, self.k, -1).transpose(0, 1)
        return h.reshape(self.k, h.shape[1], -1)


@dataclass(frozen=True)
class Unflatten(Layer):
    """nn.Unflatten(1, shape): a flat feature vector into (C, H, W) (e.g. a decoder's first map)."""
    shape: tuple[int, ...]

    def out_shape(self, s):
        if prod(s) != prod(self.shape):
            raise ValueError(f"cannot unflatten {s} into {self.shape}")
        return tuple(self.shape)

    def reference(self, s):
        return nn.Unflatten(1, tuple(self.shape))

    def batched(self, s, k):
        return _BatchedUnflatten(k, tuple(self.shape))


class _BatchedUnflatten(BatchedLayer):
    def __init__(self, k, shape):
        super().__init__(k)
        self.shape = shape

    def forward(self, h, noise=None):
        return h.reshape(self.k, h.shape[1], *self.shape)
