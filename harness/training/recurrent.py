"""Recurrent family: RNN (tanh/relu), LSTM, GRU over (T, F) sequences, batch_first, one layer each.

Chosen by measurement (1 thread, hidden 32, 40 steps, batch 32, forward+backward of the recurrence):
for 12 seeds, 12 calls of ATen's fused CPU LSTM (oneDNN) 20-23 ms; the same recurrence written out
with batched matmuls, one step at a time, 38-39 ms even with a hand-written BPTT (autograd's
version was slower still); for 48 seeds 85 ms against 146 ms. The per-step Python and kernel-launch
cost of a written-out loop outweighs what batching the small matmuls saves. So each seed's
recurrence runs as its own fused ATen call (``torch._VF.lstm/gru/rnn_tanh/rnn_relu``, the op nn.LSTM
calls, on that seed's slice of the stacked parameters), while everything around it (embedding,
dense layers, loss, optimizer, data order) stays batched. The arithmetic is then exactly nn.LSTM's.

Padded sentences run over every step including the padding, as Keras' LSTM without masking and
nn.LSTM on an unpacked batch do; ``return_sequences=False`` returns the last step's hidden state
(Keras' default, ``output[:, -1]`` in PyTorch). Stack layers by listing several (all but the last
with ``return_sequences=True``); nn.LSTM(num_layers=2) draws the same numbers.

Initialisation. Under ``Net(init="torch")`` each cell draws nn.RNNBase's defaults; under
``Net(init="glorot_uniform")`` both weights are Glorot-uniform and the biases zero. ``init="keras"``
on the layer (``LSTM(32, init="keras")``, in a ``Net(init="glorot_uniform")``) gives the cell Keras 3's
own recurrent defaults instead: ``kernel_initializer="glorot_uniform"`` (the input weight, bound
sqrt(6 / (F + G*H)) as Keras' (F, G*H) kernel has), ``recurrent_initializer="orthogonal"`` (the whole
(G*H, H) recurrent weight has orthonormal columns, as Keras' (H, G*H) recurrent kernel has orthonormal
rows; drawn by ``nn.init.orthogonal_``, Gaussian then QR with the sign fix, as Keras draws it) and
zero biases, with ``unit_forget_bias=True`` for LSTM (PyTorch's gate order i, f, g, o is Keras'
i, f, c, o; Keras' one bias is b_ih + b_hh here, so b_ih's forget block is 1 and b_hh stays 0). Keras'
GRU (``reset_after=True``, PyTorch's form) and SimpleRNN take the same kernel, recurrent and zero-bias
defaults. Every draw comes from the seed's one init generator in the net's layer order (input weight,
then recurrent weight), in the batched net and in ``net.reference(seed)`` alike, so both start from the
same numbers. Checked against Keras itself: tests/test_keras_recurrent_init.py.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from harness.training.net import MODEL, BatchedLayer, Layer

GATES = {"rnn": 1, "lstm": 4, "gru": 3}
INITS = (None, "keras")


def keras_recurrent_draw(w_ih: torch.Tensor, w_hh: torch.Tensor, b_ih: torch.Tensor, b_hh: torch.Tensor,
                         kind: str, hidden: int, g: torch.Generator) -> None:
    """Keras 3's recurrent defaults, in place, on one cell's tensors in nn.RNNBase's layouts: input
    weight glorot-uniform, then recurrent weight orthogonal (both from ``g``), zero biases and, for
    LSTM, forget-gate bias 1 in ``b_ih``."""
    with torch.no_grad():
        nn.init.xavier_uniform_(w_ih, generator=g)
        nn.init.orthogonal_(w_hh, generator=g)
        b_ih.zero_()
        b_hh.zero_()
        if kind == "lstm":
            b_ih[hidden:2 * hidden] = 1.0


def _needs_glorot_net(layer: str, init: str) -> ValueError:
    return ValueError(f"{layer}(init='keras') completes Keras' defaults of a Net(init='glorot_uniform'); "
                      f"this net's init is {init!r}")


class _KerasCell:
    """Mixin for the reference's nn.RNN/LSTM/GRU under init="keras": ``Net.glorot_reference`` calls
    :meth:`keras_init` on it (with the seed's init generator, in layer order) in place of the plain
    glorot re-draw; a forward before that refuses to run on torch's defaults."""
    keras_kind = "lstm"

    def keras_init(self, g: torch.Generator) -> None:
        keras_recurrent_draw(self.weight_ih_l0, self.weight_hh_l0, self.bias_ih_l0, self.bias_hh_l0,
                             self.keras_kind, self.hidden_size, g)
        self.keras_ready = True

    def forward(self, *args, **kwargs):
        if not getattr(self, "keras_ready", False):
            raise _needs_glorot_net(self.keras_kind.upper(), "torch")
        return super().forward(*args, **kwargs)


class _KerasLSTM(_KerasCell, nn.LSTM):
    keras_kind = "lstm"


class _KerasGRU(_KerasCell, nn.GRU):
    keras_kind = "gru"


class _KerasRNN(_KerasCell, nn.RNN):
    keras_kind = "rnn"


class _RecurrentRef(nn.Module):
    """nn.RNN/LSTM/GRU(batch_first=True) returning all outputs or the last step's."""

    def __init__(self, rnn: nn.Module, return_sequences: bool):
        super().__init__()
        self.rnn, self.return_sequences = rnn, return_sequences

    def forward(self, x):
        out, _ = self.rnn(x)
        return out if self.return_sequences else out[:, -1]


@dataclass(frozen=True)
class _RecurrentSpec(Layer):
    hidden_size: int
    return_sequences: bool = False
    init: str | None = None          # "keras": Keras 3's recurrent defaults (see the module docstring)
    kind = "lstm"
    nonlinearity = "tanh"
    layout = MODEL

    def out_shape(self, s):
        if len(s) != 2:
            raise ValueError(f"{type(self).__name__} needs (T, F) inputs")
        return (s[0], self.hidden_size) if self.return_sequences else (self.hidden_size,)

    def __post_init__(self):
        if self.init not in INITS:
            raise ValueError(f"{type(self).__name__} init {self.init!r}: use one of {INITS}")

    def reference(self, s):
        keras = self.init == "keras"
        if self.kind == "rnn":
            rnn = (_KerasRNN if keras else nn.RNN)(s[1], self.hidden_size, nonlinearity=self.nonlinearity,
                                                   batch_first=True)
        else:
            cls = {"lstm": (nn.LSTM, _KerasLSTM), "gru": (nn.GRU, _KerasGRU)}[self.kind][keras]
            rnn = cls(s[1], self.hidden_size, batch_first=True)
        return _RecurrentRef(rnn, self.return_sequences)

    def batched(self, s, k):
        return BatchedRecurrent(k, self.kind, s[1], self.hidden_size, self.return_sequences, self.nonlinearity,
                                keras=self.init == "keras")


@dataclass(frozen=True)
class LSTM(_RecurrentSpec):
    kind = "lstm"


@dataclass(frozen=True)
class GRU(_RecurrentSpec):
    kind = "gru"


@dataclass(frozen=True)
class RNN(_RecurrentSpec):
    nonlinearity: str = "tanh"
    kind = "rnn"

    def __post_init__(self):
        super().__post_init__()
        if self.nonlinearity not in ("tanh", "relu"):
            raise ValueError(f"RNN nonlinearity {self.nonlinearity!r}: use tanh or relu")


class BatchedRecurrent(BatchedLayer):
    """K seeds' parameters stacked in nn.RNNBase's own layouts: w_ih (K, G*H, F), w_hh (K, G*H, H)."""

    def __init__(self, k, kind, fin, hidden, return_sequences, nonlinearity="tanh", keras=False):
        super().__init__(k)
        self.keras = keras
        self.out_time_major = return_sequences     # nn.RNNBase's batch_first output is a transposed view
        self.kind, self.hidden, self.return_sequences = kind, hidden, return_sequences
        self.op = {"lstm": torch._VF.lstm, "gru": torch._VF.gru,
                   "rnn": torch._VF.rnn_tanh if nonlinearity == "tanh" else torch._VF.rnn_relu}[kind]
        gh = GATES[kind] * hidden
        self.w_ih = nn.Parameter(torch.empty(k, gh, fin))
        self.w_hh = nn.Parameter(torch.empty(k, gh, hidden))
        self.b_ih = nn.Parameter(torch.empty(k, gh))
        self.b_hh = nn.Parameter(torch.empty(k, gh))

    def init_seed(self, k, g, init):
        # nn.RNNBase.reset_parameters: every weight U(-1/sqrt(H), 1/sqrt(H)) in the order
        # weight_ih, weight_hh, bias_ih, bias_hh; Keras-style: glorot on the weights, zero biases.
        stdv = 1.0 / self.hidden ** 0.5
        tensors = [torch.empty(p.shape[1:]) for p in (self.w_ih, self.w_hh, self.b_ih, self.b_hh)]
        if self.keras:
            if init != "glorot_uniform":
                raise _needs_glorot_net(self.kind.upper(), init)
            keras_recurrent_draw(*tensors, self.kind, self.hidden, g)
        elif init == "glorot_uniform":
            nn.init.xavier_uniform_(tensors[0], generator=g)
            nn.init.xavier_uniform_(tensors[1], generator=g)
            tensors[2].zero_()
            tensors[3].zero_()
        else:
            for t in tensors:
                nn.init.uniform_(t, -stdv, stdv, generator=g)
        with torch.no_grad():
            for p, t in zip((self.w_ih, self.w_hh, self.b_ih, self.b_hh), tensors):
                p[k] = t

    def reference_state(self, k):
        return {"rnn.weight_ih_l0": self.w_ih[k], "rnn.weight_hh_l0": self.w_hh[k],
                "rnn.bias_ih_l0": self.b_ih[k], "rnn.bias_hh_l0": self.b_hh[k]}

    def forward(self, x, noise=None):
        K, B = x.shape[:2]
        h0 = x.new_zeros(1, B, self.hidden)
        hx = (h0, h0) if self.kind == "lstm" else h0
        outs = []
        # unbind, not [k]: one backward that stacks the K gradients instead of K zero-filled ones
        for xk, *w in zip(x.unbind(0), self.w_ih.unbind(0), self.w_hh.unbind(0), self.b_ih.unbind(0),
                          self.b_hh.unbind(0)):
            out = self.op(xk, hx, w, True, 1, 0.0, self.training, False, True)[0]
            outs.append(out if self.return_sequences else out[:, -1])
        return torch.stack(outs)
