"""Recurrent family: RNN (tanh/relu), LSTM, GRU over (T, F) sequences, batch_first, one layer each.

Written out step by step with batched matmuls: the input projection of all T steps is one
``baddbmm``, each step one ``baddbmm`` with the recurrent weights, then the gate arithmetic of
ATen's CPU cells (``aten/src/ATen/native/RNN.cpp``) in the same order. With K seeds the per-step op
count is that of one model, so the Python/autograd overhead that dominates small recurrent nets is
paid once, not K times. Padded sentences run over every step including the padding, as Keras' LSTM
without masking and nn.LSTM on an unpacked batch do; ``return_sequences=False`` returns the last
step's hidden state (Keras' default, ``output[:, -1]`` in PyTorch). Stack layers by listing several
(all but the last with ``return_sequences=True``); nn.LSTM(num_layers=2) draws the same numbers.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from .net import MODEL, BatchedLayer, Layer

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


class _LSTMSequence(torch.autograd.Function):
    """The LSTM recurrence for K seeds with a hand-written backward (BPTT).

    Measured against the same recurrence through autograd (1 thread, 12 seeds, batch 32, 40 steps,
    hidden 32): per step autograd runs ~10 small forward and ~20 backward kernels plus a weight-
    gradient matmul; here the backward is ~10 elementwise kernels and one matmul per step, and the
    recurrent weight gradient is one matmul over all T*B rows at the end. Forward arithmetic is
    ATen's CPU LSTM cell in the same order: gates = (h W_hh^T + b_hh) + (x W_ih^T + b_ih);
    c' = f*c + i*g; h' = o*tanh(c'). Input xw: (K, T, B, 4H), the input projection with b_ih.
    Output: (K, T, B, H), every step's hidden state.
    """

    @staticmethod
    def forward(ctx, xw, w_hh, b_hh):
        K, T, B, G = xw.shape
        H = G // 4
        A = xw.new_empty(T, K, B, G)          # activated gates i, f, g, o
        C = xw.new_empty(T, K, B, H)
        TC = xw.new_empty(T, K, B, H)
        Hs = xw.new_empty(T, K, B, H)
        h = c = None
        for t in range(T):
            gates = b_hh + xw[:, t] if h is None else torch.baddbmm(b_hh, h, w_hh).add_(xw[:, t])
            a = A[t]
            torch.sigmoid(gates, out=a)
            a[..., 2 * H:3 * H] = torch.tanh(gates[..., 2 * H:3 * H])
            i, f, g, o = a.chunk(4, -1)
            c = torch.mul(i, g, out=C[t]) if c is None else torch.add(f * c, i * g, out=C[t])
            tc = torch.tanh(c, out=TC[t])
            h = torch.mul(o, tc, out=Hs[t])
        ctx.save_for_backward(A, C, TC, Hs, w_hh)
        return Hs.transpose(0, 1)

    @staticmethod
    def backward(ctx, dHs):
        A, C, TC, Hs, w_hh = ctx.saved_tensors
        T, K, B, G = A.shape
        H = G // 4
        D = A - A * A                                     # sigmoid' = s(1-s) ...
        D[..., 2 * H:3 * H] = 1 - A[..., 2 * H:3 * H].square()    # ... tanh' = 1-g^2 for the cell gate
        dG = torch.empty_like(A)
        w_t = w_hh.transpose(1, 2)
        dh_next = dc_next = None
        for t in range(T - 1, -1, -1):
            dh = dHs[:, t] if dh_next is None else dHs[:, t] + dh_next
            i, f, g, o = A[t].chunk(4, -1)
            tc = TC[t]
            dc = dh * o * (1 - tc * tc)
            if dc_next is not None:
                dc = dc + dc_next
            di, df, dg, do = dG[t].chunk(4, -1)
            torch.mul(dc, g, out=di)
            if t > 0:
                torch.mul(dc, C[t - 1], out=df)
            else:
                df.zero_()
            torch.mul(dc, i, out=dg)
            torch.mul(dh, tc, out=do)
            dG[t].mul_(D[t])
            dc_next = dc * f
            dh_next = torch.bmm(dG[t], w_t)
        dGk = dG.transpose(0, 1)                           # (K, T, B, G)
        d_w_hh = None
        if T > 1:
            h_prev = Hs[:-1].transpose(0, 1).reshape(K, (T - 1) * B, H)
            d_w_hh = torch.bmm(h_prev.transpose(1, 2), dGk[:, 1:].reshape(K, (T - 1) * B, G))
        else:
            d_w_hh = torch.zeros_like(w_hh)
        d_b_hh = dGk.sum(dim=(1, 2)).unsqueeze(1)
        return dGk, d_w_hh, d_b_hh


class BatchedRecurrent(BatchedLayer):
    def __init__(self, k, kind, fin, hidden, return_sequences, nonlinearity="tanh"):
        super().__init__(k)
        self.out_time_major = return_sequences     # nn.RNNBase's batch_first output is a transposed view
        self.kind, self.hidden, self.return_sequences = kind, hidden, return_sequences
        self.act = torch.tanh if nonlinearity == "tanh" else torch.relu
        gh = GATES[kind] * hidden
        self.w_ih = nn.Parameter(torch.empty(k, fin, gh))
        self.w_hh = nn.Parameter(torch.empty(k, hidden, gh))
        self.b_ih = nn.Parameter(torch.empty(k, 1, gh))
        self.b_hh = nn.Parameter(torch.empty(k, 1, gh))

    def init_seed(self, k, g, init):
        # nn.RNNBase.reset_parameters: every weight U(-1/sqrt(H), 1/sqrt(H)) in the order
        # weight_ih, weight_hh, bias_ih, bias_hh; Keras-style: glorot on the weights, zero biases.
        stdv = 1.0 / self.hidden ** 0.5
        w_ih = torch.empty(self.w_ih.shape[2], self.w_ih.shape[1])
        w_hh = torch.empty(self.w_hh.shape[2], self.w_hh.shape[1])
        b_ih, b_hh = torch.empty(self.b_ih.shape[2]), torch.empty(self.b_hh.shape[2])
        if init == "glorot_uniform":
            nn.init.xavier_uniform_(w_ih, generator=g)
            nn.init.xavier_uniform_(w_hh, generator=g)
            b_ih.zero_()
            b_hh.zero_()
        else:
            for t in (w_ih, w_hh, b_ih, b_hh):
                nn.init.uniform_(t, -stdv, stdv, generator=g)
        with torch.no_grad():
            self.w_ih[k], self.w_hh[k] = w_ih.T, w_hh.T
            self.b_ih[k, 0], self.b_hh[k, 0] = b_ih, b_hh

    def reference_state(self, k):
        return {"rnn.weight_ih_l0": self.w_ih[k].T, "rnn.weight_hh_l0": self.w_hh[k].T,
                "rnn.bias_ih_l0": self.b_ih[k, 0], "rnn.bias_hh_l0": self.b_hh[k, 0]}

    def forward(self, x, noise=None):
        K, B, T, Fin = x.shape
        H = self.hidden
        xs = x.transpose(1, 2).reshape(K, T * B, Fin)               # time-major rows
        if self.kind == "lstm":
            xw = torch.baddbmm(self.b_ih, xs, self.w_ih).view(K, T, B, -1)
            hs = _LSTMSequence.apply(xw, self.w_hh, self.b_hh)
            return hs.transpose(1, 2) if self.return_sequences else hs[:, -1]
        # unbind, not xw[:, t]: the backward of T selects would zero-fill T full-size gradients.
        xw = torch.baddbmm(self.b_ih, xs, self.w_ih).view(K, T, B, -1).unbind(1)
        h = c = None
        outs = []
        for t in range(T):
            hw = self.b_hh.expand(K, B, self.b_hh.shape[2]) if h is None else \
                torch.baddbmm(self.b_hh, h, self.w_hh)
            if self.kind == "lstm":
                i, f, g, o = (hw + xw[t]).chunk(4, -1)
                i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
                c = i * g if c is None else f * c + i * g
                h = o * torch.tanh(c)
            elif self.kind == "gru":
                xr, xz, xn = xw[t].chunk(3, -1)
                hr, hz, hn = hw.chunk(3, -1)
                r = torch.sigmoid(hr + xr)
                z = torch.sigmoid(hz + xz)
                n = torch.tanh(xn + hn * r)
                h = (-n if h is None else h - n) * z + n
            else:
                h = self.act(hw + xw[t])
            if self.return_sequences:
                outs.append(h)
        return torch.stack(outs, 2) if self.return_sequences else h
