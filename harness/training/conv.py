"""Convolution family: Conv1d, Conv2d, ConvTranspose2d, MaxPool1d, MaxPool2d.

Chosen by measurement (1 thread, LeNet shapes, 12 seeds, batch 32, forward+backward of the two
conv/relu/pool stages): a loop of per-seed convs 28 ms; one grouped convolution (``groups=K``) on
NCHW maps 28 ms, because ``max_pool2d`` on NCHW CPU tensors is slow (5.9 ms for a 32x72x24x24 map);
the same grouped convolution with maps and weights in channels-last memory 8.9 ms; im2col + batched
matmul 55 ms. So the seeds' channels are stacked side by side, ``(B, K*C, H, W)`` in channels-last
memory (the ``STACKED`` layout), each conv is one grouped convolution and pooling acts per channel,
which is per seed. A grouped convolution computes each group exactly as a separate convolution of that
group's channels, so seed k sees only its own weights and maps.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from harness.training.net import STACKED, BatchedLayer, Layer, init_weight_bias


def _tuple(v, n):
    return tuple(v) if isinstance(v, (tuple, list)) else (int(v),) * n


def _conv_out(size, k, s, p, d=1):
    out = (size + 2 * p - d * (k - 1) - 1) // s + 1
    if out < 1:
        raise ValueError(f"kernel {k} (stride {s}, padding {p}) does not fit a size-{size} input")
    return out


@dataclass(frozen=True)
class _ConvSpec(Layer):
    out_channels: int
    kernel_size: int | tuple
    stride: int | tuple = 1
    padding: int | tuple = 0
    bias: bool = True
    layout = STACKED
    dims = 2

    def _geom(self):
        n = self.dims
        return _tuple(self.kernel_size, n), _tuple(self.stride, n), _tuple(self.padding, n)

    def out_shape(self, s):
        if len(s) != self.dims + 1:
            raise ValueError(f"{type(self).__name__} needs (C, {'H, W' if self.dims == 2 else 'L'}) inputs")
        k, st, p = self._geom()
        return (self.out_channels, *(_conv_out(n, a, b, c) for n, a, b, c in zip(s[1:], k, st, p)))

    def reference(self, s):
        k, st, p = self._geom()
        cls = nn.Conv2d if self.dims == 2 else nn.Conv1d
        return cls(s[0], self.out_channels, k, stride=st, padding=p, bias=self.bias)

    def batched(self, s, k):
        kk, st, p = self._geom()
        return BatchedConv(k, s[0], self.out_channels, kk, st, p, self.bias, transpose=False)


@dataclass(frozen=True)
class Conv2d(_ConvSpec):
    dims = 2


@dataclass(frozen=True)
class Conv1d(_ConvSpec):
    dims = 1


@dataclass(frozen=True)
class ConvTranspose2d(Layer):
    out_channels: int
    kernel_size: int | tuple
    stride: int | tuple = 1
    padding: int | tuple = 0
    output_padding: int | tuple = 0
    bias: bool = True
    layout = STACKED

    def out_shape(self, s):
        if len(s) != 3:
            raise ValueError("ConvTranspose2d needs (C, H, W) inputs")
        k, st, p, op = (_tuple(v, 2) for v in (self.kernel_size, self.stride, self.padding, self.output_padding))
        return (self.out_channels, *((n - 1) * b - 2 * c + a + o for n, a, b, c, o in zip(s[1:], k, st, p, op)))

    def reference(self, s):
        return nn.ConvTranspose2d(s[0], self.out_channels, self.kernel_size, stride=self.stride,
                                  padding=self.padding, output_padding=self.output_padding, bias=self.bias)

    def batched(self, s, k):
        return BatchedConv(k, s[0], self.out_channels, _tuple(self.kernel_size, 2), _tuple(self.stride, 2),
                           _tuple(self.padding, 2), self.bias, transpose=True,
                           output_padding=_tuple(self.output_padding, 2))


class BatchedConv(BatchedLayer):
    """K convolutions as one grouped convolution on (B, K*C, *S) maps."""

    def __init__(self, k, cin, cout, kernel, stride, padding, bias, *, transpose, output_padding=None):
        super().__init__(k)
        self.cin, self.cout, self.transpose = cin, cout, transpose
        self.stride, self.padding, self.output_padding = stride, padding, output_padding
        # nn layout per seed: conv (out, in, *k); transposed conv (in, out, *k)
        self.per_seed = (cin, cout, *kernel) if transpose else (cout, cin, *kernel)
        w = torch.empty(k * self.per_seed[0], *self.per_seed[1:])
        if w.dim() == 4:
            w = w.contiguous(memory_format=torch.channels_last)
        self.weight = nn.Parameter(w)
        self.bias = nn.Parameter(torch.empty(k * cout)) if bias else None

    def init_seed(self, k, g, init):
        w = torch.empty(self.per_seed)
        b = torch.empty(self.cout) if self.bias is not None else None
        init_weight_bias(w, b, g, init)
        n = self.per_seed[0]
        with torch.no_grad():
            self.weight[k * n:(k + 1) * n] = w
            if b is not None:
                self.bias[k * self.cout:(k + 1) * self.cout] = b

    def reference_state(self, k):
        n = self.per_seed[0]
        out = {"weight": self.weight[k * n:(k + 1) * n].contiguous()}
        if self.bias is not None:
            out["bias"] = self.bias[k * self.cout:(k + 1) * self.cout]
        return out

    def forward(self, h, noise=None):
        d = self.weight.dim() - 2
        if self.transpose:
            return F.conv_transpose2d(h, self.weight, self.bias, self.stride, self.padding,
                                      self.output_padding, groups=self.k)
        conv = F.conv2d if d == 2 else F.conv1d
        return conv(h, self.weight, self.bias, self.stride, self.padding, groups=self.k)


@dataclass(frozen=True)
class MaxPool2d(Layer):
    kernel_size: int
    stride: int | None = None
    layout = STACKED
    dims = 2

    def out_shape(self, s):
        if len(s) != self.dims + 1:
            raise ValueError(f"{type(self).__name__} needs a (C, {'H, W' if self.dims == 2 else 'L'}) input")
        st = self.stride or self.kernel_size
        return (s[0], *(_conv_out(n, self.kernel_size, st, 0) for n in s[1:]))

    def reference(self, s):
        cls = nn.MaxPool2d if self.dims == 2 else nn.MaxPool1d
        return cls(self.kernel_size, stride=self.stride)

    def batched(self, s, k):
        return _BatchedMaxPool(k, self.kernel_size, self.stride or self.kernel_size, self.dims)


@dataclass(frozen=True)
class MaxPool1d(MaxPool2d):
    dims = 1


class _BatchedMaxPool(BatchedLayer):
    def __init__(self, k, kernel, stride, dims):
        super().__init__(k)
        self.kernel, self.stride_, self.dims = kernel, stride, dims

    def forward(self, h, noise=None):
        pool = F.max_pool2d if self.dims == 2 else F.max_pool1d
        return pool(h, self.kernel, self.stride_)
