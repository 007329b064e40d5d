"""Embedding family: nn.Embedding for K seeds as one lookup in a (K*V, D) table.

Seed k's token t reads row k*V + t, so a seed reads and (in backward) writes only its own table.
``padding_idx`` behaves as nn.Embedding's: the row starts at zero and gets no gradient.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from harness.training.net import MODEL, BatchedLayer, Layer


@dataclass(frozen=True)
class Embedding(Layer):
    num_embeddings: int
    embedding_dim: int
    padding_idx: int | None = None
    layout = MODEL

    def out_shape(self, s):
        return (*s, self.embedding_dim)

    def reference(self, s):
        return nn.Embedding(self.num_embeddings, self.embedding_dim, padding_idx=self.padding_idx)

    def batched(self, s, k):
        return BatchedEmbedding(k, self.num_embeddings, self.embedding_dim, self.padding_idx)


class BatchedEmbedding(BatchedLayer):
    def __init__(self, k, v, d, padding_idx):
        super().__init__(k)
        self.v, self.padding_idx = v, padding_idx
        self.weight = nn.Parameter(torch.empty(k, v, d))

    def init_seed(self, k, g, init):
        w = torch.empty(self.weight.shape[1:])
        if init == "glorot_uniform":
            nn.init.xavier_uniform_(w, generator=g)
        else:
            nn.init.normal_(w, generator=g)                 # nn.Embedding.reset_parameters
        if self.padding_idx is not None:
            w[self.padding_idx] = 0
        with torch.no_grad():
            self.weight[k] = w

    def reference_state(self, k):
        return {"weight": self.weight[k]}

    def forward(self, h, noise=None):
        K = self.k
        offsets = torch.arange(K, device=h.device).mul_(self.v).view(K, *([1] * (h.dim() - 1)))
        out = F.embedding(h + offsets, self.weight.view(K * self.v, -1))
        if self.padding_idx is not None:
            out = out * (h != self.padding_idx).unsqueeze(-1).to(out.dtype)
        return out
