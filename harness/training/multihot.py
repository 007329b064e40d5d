"""Multi-hot Dense family: ``Dense(out)`` on the multi-hot vector of a review's distinct word ids,
for K seeds, computed as a sum of kernel rows (never building the ``dimension``-wide vector).

Document 003's IMDB recipe (``vectorize_sequences`` then ``Dense(16)``) on 10,000 words: the input
is each row's distinct ids, 0-padded (``harness.recipes.text_recipes.distinct_padded``; id 0 is padding and
never a word). Seed k's parameters are drawn exactly as ``nn.Linear(dimension, out)`` of the same
init draws them, and ``reference`` is the slides' way (scatter into the multi-hot vector, then a
float matmul), so the family is checked against a per-seed loop like every other
(tests/test_multihot_dense.py; claims/text/test_imdb_encoding.py checks it on the polarity data).
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from harness.training.net import MODEL, BatchedLayer, Layer, init_weight_bias


class MultiHotDenseRef(nn.Module):
    """One seed, the slides' way: vectorize_sequences then Dense (float matmul)."""

    def __init__(self, dimension: int, out_features: int):
        super().__init__()
        self.dimension = dimension
        self.linear = nn.Linear(dimension, out_features)

    def forward(self, ids: Tensor) -> Tensor:
        x = torch.zeros(*ids.shape[:-1], self.dimension, dtype=self.linear.weight.dtype, device=ids.device)
        x.scatter_(-1, ids, 1.0)
        x[..., 0] = 0.0                     # id 0 pads the distinct-id rows; IMDB never uses it
        return self.linear(x)


@dataclass(frozen=True)
class MultiHotDense(Layer):
    """Dense(out_features) applied to the multi-hot vector of ``dimension`` built from distinct ids."""
    dimension: int
    out_features: int
    layout = MODEL

    def out_shape(self, s):
        return (self.out_features,)

    def reference(self, s):
        return MultiHotDenseRef(self.dimension, self.out_features)

    def batched(self, s, k):
        return BatchedMultiHotDense(k, self.dimension, self.out_features)


class BatchedMultiHotDense(BatchedLayer):
    def __init__(self, k, dimension, out_features):
        super().__init__(k)
        self.dimension = dimension
        self.weight = nn.Parameter(torch.empty(k, dimension, out_features))
        self.bias = nn.Parameter(torch.empty(k, 1, out_features))

    def init_seed(self, k, g, init):
        w = torch.empty(self.weight.shape[2], self.dimension)      # nn.Linear's (out, in): same draws
        b = torch.empty(self.weight.shape[2])
        init_weight_bias(w, b, g, init)
        with torch.no_grad():
            self.weight[k] = w.T
            self.bias[k, 0] = b

    def reference_state(self, k):
        return {"linear.weight": self.weight[k].T, "linear.bias": self.bias[k, 0]}

    def forward(self, h, noise=None):
        K, B, T = h.shape
        offsets = torch.arange(K, device=h.device).mul_(self.dimension).view(K, 1, 1)
        keep = h != 0                                   # 0 pads the distinct-id rows
        flat = (h + offsets)[keep]                      # row-major: review by review
        starts = torch.zeros(K * B, dtype=torch.long, device=h.device)
        starts[1:] = keep.reshape(K * B, T).sum(1).cumsum(0)[:-1]
        # a sum of kernel rows per review
        out = F.embedding_bag(flat, self.weight.view(K * self.dimension, -1), starts, mode="sum")
        return out.view(K, B, -1) + self.bias
