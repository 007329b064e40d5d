"""Residual family: ``Residual(f)``, the skip connection x + f(x) of a ResNet block.

``f`` is a list of layer specs of any family that maps its input shape to the same shape; a block
whose ``f`` changes the shape (``Residual([Linear(32)])`` on 64 features) is refused when the
:class:`~harness.training.net.Net` is declared, with the shapes named (``ValueError``), never
broadcast or projected silently. A projection shortcut (ResNet's 1x1 conv when the width changes) is
not implemented: declare it as a plain layer before the block.

Batched form: the inner layers run as the chain a :class:`~harness.training.net.BatchedNet` builds for
them (layout changes included, so a convolutional ``f`` works too), and the block adds its input to
the chain's output, both in the ``MODEL`` layout ``(K, B, *features)``. Seed k's parameters are drawn
from seed k's init generator by the inner layers in order, as ``torch.nn`` draws them when it builds
the reference's modules one after the other, so the batched block equals K reference blocks.

Reference form: :class:`ResidualSequential`, an ``nn.Sequential`` of the inner modules whose forward
returns ``x + seq(x)``; its state_dict names are ``<block>.<inner index>.<name>`` (``3.0.weight``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import torch
from torch import nn

from harness.training.net import MODEL, BatchedLayer, BatchedNet, Layer, Net


class ResidualSequential(nn.Sequential):
    """The documents' residual block on one seed: x + f(x), f the inner modules in order."""

    def forward(self, x):
        return x + super().forward(x)


@dataclass(frozen=True)
class Residual(Layer):
    """x + f(x); ``layers`` (f) must map the block's input shape to itself."""
    layers: tuple[Layer, ...]
    layout = MODEL

    def __post_init__(self):
        object.__setattr__(self, "layers", tuple(self.layers))
        if not self.layers:
            raise ValueError("Residual needs at least one inner layer (x + f(x) with f the layers)")
        for i, layer in enumerate(self.layers):
            if not isinstance(layer, Layer):
                raise TypeError(f"Residual inner layer {i} is {layer!r}, not a layer spec")

    @property
    def stochastic(self) -> bool:                         # dropout inside the block
        return any(layer.stochastic for layer in self.layers)

    def _inner(self, s) -> Net:
        return Net(tuple(s), self.layers)                  # inner shape errors name the inner layer

    def out_shape(self, s):
        out = self._inner(s).output_shape
        if tuple(out) != tuple(s):
            raise ValueError(f"residual block maps {tuple(s)} to {tuple(out)}: x + f(x) needs f to keep "
                             f"the shape (add a projection layer before the block)")
        return tuple(s)

    def reference(self, s):
        return ResidualSequential(*self._inner(s).reference_modules())

    def batched(self, s, k):
        return BatchedResidual(k, self._inner(s))

    def describe(self) -> str:
        return f"Residual([{', '.join(layer.describe() for layer in self.layers)}])"


class BatchedResidual(BatchedLayer):
    """K seeds of one residual block; its inner chain is a BatchedNet's blocks, run here directly."""

    def __init__(self, k: int, inner: Net):
        super().__init__(k)
        # The chain is built with throwaway generators; init_seed draws the real parameters.
        chain = BatchedNet(inner, [0] * k, device="cpu", generators=[torch.Generator() for _ in range(k)])
        self.blocks = chain.blocks
        self._ref_index = chain._ref_index

    @property
    def ref_time_major(self):
        return False

    @ref_time_major.setter
    def ref_time_major(self, value):
        if value:
            # nn.RNNBase(batch_first=True) returns a transposed view; what x + f(x) and a dropout inside
            # would do with that memory order is not reproduced here, so it is refused, not approximated.
            raise ValueError("Residual directly on a recurrent layer's return_sequences output is not "
                             "supported: put a Linear layer between them")

    def init_seed(self, k, g, init):
        for b in self.blocks:
            b.init_seed(k, g, init)

    def reference_state(self, k):
        out = {}
        for b, i in zip(self.blocks, self._ref_index):
            if i is None:
                continue
            for name, t in b.reference_state(k).items():
                out[f"{i}.{name}" if name else str(i)] = t
        return out

    def forward(self, h, noise: Sequence[torch.Generator] | None = None):
        f = h
        for b in self.blocks:
            f = b(f, noise)
        return h + f
