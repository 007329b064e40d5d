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
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from harness.training.net import MODEL, BatchedLayer, Layer

GATES = {"rnn": 1, "lstm": 4, "gru": 3}


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
    kind = "lstm"
    nonlinearity = "tanh"
    layout = MODEL

    def out_shape(self, s):
        if len(s) != 2:
            raise ValueError(f"{type(self).__name__} needs (T, F) inputs")
        return (s[0], self.hidden_size) if self.return_sequences else (self.hidden_size,)

    def reference(self, s):
        if self.kind == "rnn":
            rnn = nn.RNN(s[1], self.hidden_size, nonlinearity=self.nonlinearity, batch_first=True)
        else:
            rnn = (nn.LSTM if self.kind == "lstm" else nn.GRU)(s[1], self.hidden_size, batch_first=True)
        return _RecurrentRef(rnn, self.return_sequences)

    def batched(self, s, k):
        return BatchedRecurrent(k, self.kind, s[1], self.hidden_size, self.return_sequences, self.nonlinearity)


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
        if self.nonlinearity not in ("tanh", "relu"):
            raise ValueError(f"RNN nonlinearity {self.nonlinearity!r}: use tanh or relu")


class BatchedRecurrent(BatchedLayer):
    """K seeds' parameters stacked in nn.RNNBase's own layouts: w_ih (K, G*H, F), w_hh (K, G*H, H)."""

    def __init__(self, k, kind, fin, hidden, return_sequences, nonlinearity="tanh"):
        super().__init__(k)
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
        if init == "glorot_uniform":
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
