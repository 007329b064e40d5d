"""One declared way to describe a network, two ways to run it.

A claim describes its network once, as a :class:`Net` of layer specs (``Linear(64)``,
``Conv2d(6, 5)``, ``LSTM(32)`` ...). ``net.build(init_seeds, device=...)`` gives a
:class:`BatchedNet` that trains the K seeds together in the harness's one training loop
(``harness.training.engine.train``); ``net.reference(init_seed, device=...)`` gives the documents' plain
``nn.Sequential`` for one seed (used by the equivalence tests and the benchmarks). Claim code never
sees how a family is batched.

Batched activations travel in one of two layouts, chosen per layer family by measurement
(see ``harness/training/conv.py``):

* ``MODEL``: ``(K, B, *features)``, the model axis first; Linear (batched matmul), Embedding,
  RNN/LSTM/GRU work here.
* ``STACKED``: ``(B, K*C, *spatial)``, the seeds' channels side by side, in channels-last memory for
  2-D maps; convolutions run as one grouped convolution (``groups=K``) and pooling acts per channel.

The net inserts the layout changes between layers; its output is always ``MODEL`` layout, so the
engine's losses and metrics (which take ``(K, B, C)``) apply unchanged.

Initialisation. Each seed's draws come from its own generator (``harness.running.seeds.torch_generator``),
layer by layer in the order ``torch.nn`` modules make them under ``torch.manual_seed`` (the same
``nn.init`` calls on tensors of the modules' own shapes), so seed k's batched net starts exactly where
``net.reference(init_seeds[k])`` starts. ``init="glorot_uniform"`` is Keras' default instead: every
weight Glorot-uniform (fan-in/fan-out as Keras computes them), every bias zero; the reference applies
the same draws to its modules in the same order.

Randomness during training (dropout masks, a VAE's reparameterisation noise) comes from one
generator per seed, ``noise_seeds[k]``, drawn per seed in the shapes and order a single model makes
them from the global generator after ``torch.manual_seed(noise_seeds[k])`` (see
:func:`reference_noise`). So masks are each seed's own and reproduce the per-seed loop exactly on
CPU. (On CUDA nn.Dropout uses a fused kernel that consumes its generator differently, so there the
batched masks are still per seed and reproducible but not the ones a CUDA per-seed loop would draw.)
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Sequence

import torch
from torch import Tensor, nn

from harness.running.seeds import torch_generator

MODEL = "model"
STACKED = "stacked"
INITS = ("torch", "glorot_uniform")


# ---------------------------------------------------------------------------- init helpers
def torch_weight_init(w: Tensor, g: torch.Generator) -> None:
    """nn.Linear / nn.ConvNd default on a weight of the module's own shape."""
    nn.init.kaiming_uniform_(w, a=math.sqrt(5), generator=g)


def torch_bias_init(b: Tensor, w: Tensor, g: torch.Generator) -> None:
    fan_in, _ = nn.init._calculate_fan_in_and_fan_out(w)
    bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0
    nn.init.uniform_(b, -bound, bound, generator=g)


def init_weight_bias(w: Tensor, b: Tensor | None, g: torch.Generator, init: str) -> None:
    """Draw (in place) one layer's weight then bias as the module would, or Keras' glorot + zeros."""
    if init == "torch":
        torch_weight_init(w, g)
        if b is not None:
            torch_bias_init(b, w, g)
    elif init == "glorot_uniform":
        nn.init.xavier_uniform_(w, generator=g)
        if b is not None:
            b.zero_()
    else:
        raise ValueError(f"unknown init {init!r}: use one of {INITS}")


def glorot_reinit(module: nn.Module, g: torch.Generator) -> None:
    """Keras' default on a built reference module: weights glorot-uniform in parameter order, biases 0.
    A module with Keras defaults of its own (a recurrent cell declared ``init="keras"``) draws them
    itself from ``g`` (``module.keras_init(g)``)."""
    own = getattr(module, "keras_init", None)
    if own is not None:
        own(g)
        return
    with torch.no_grad():
        for name, p in module.named_parameters(recurse=False):
            if name.startswith("weight"):
                nn.init.xavier_uniform_(p, generator=g)
            elif name.startswith("bias"):
                p.zero_()
        if isinstance(module, nn.Embedding) and module.padding_idx is not None:
            module.weight[module.padding_idx].zero_()


# ---------------------------------------------------------------------------- layouts
def to_stacked(h: Tensor) -> Tensor:
    """(K, B, C, *S) -> (B, K*C, *S); 2-D maps in channels-last memory."""
    K, B, C = h.shape[:3]
    out = h.transpose(0, 1).reshape(B, K * C, *h.shape[3:])
    if out.dim() == 4:
        out = out.contiguous(memory_format=torch.channels_last)
    return out


def to_model(h: Tensor, k: int) -> Tensor:
    """(B, K*C, *S) -> (K, B, C, *S) (a view)."""
    B, KC = h.shape[:2]
    return h.reshape(B, k, KC // k, *h.shape[2:]).transpose(0, 1)


# ---------------------------------------------------------------------------- layer protocol
class Layer:
    """A layer spec: immutable, knows its output shape, its reference module and its batched form.

    ``layout``: the layout its batched form consumes (``MODEL``, ``STACKED``, or None for
    elementwise layers that run in either). ``stochastic``: draws noise in training mode.
    """
    layout: str | None = MODEL
    stochastic = False

    def out_shape(self, in_shape: tuple[int, ...]) -> tuple[int, ...]:
        raise NotImplementedError

    def reference(self, in_shape: tuple[int, ...]) -> nn.Module:
        """The torch.nn module(s) the documents would write; built under the caller's global seed."""
        raise NotImplementedError

    def batched(self, in_shape: tuple[int, ...], k: int) -> "BatchedLayer":
        raise NotImplementedError

    def describe(self) -> str:
        """E.g. ``Conv2d(out_channels=6, kernel_size=5)``: the fields that differ from their defaults."""
        parts = []
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            if f.default is dataclasses.MISSING or v != f.default:
                parts.append(f"{f.name}={v!r}")
        return f"{type(self).__name__}({', '.join(parts)})"


class BatchedLayer(nn.Module):
    """K seeds of one layer. Parameters are built empty; ``init_seed`` fills seed k's slice."""

    out_layout: str | None = None           # None: the layout it was given
    in_layout: str = MODEL                   # set by BatchedNet
    ref_time_major = False                   # set by BatchedNet (see BatchedDropout)

    def __init__(self, k: int):
        super().__init__()
        self.k = k

    def init_seed(self, k: int, g: torch.Generator, init: str) -> None:
        """Draw seed k's parameters from g, in the order the reference module draws them."""

    def reference_state(self, k: int) -> dict[str, Tensor]:
        """Seed k's parameters under the reference module's state_dict names and shapes."""
        return {}

    def forward(self, h: Tensor, noise: "Sequence[torch.Generator] | None" = None) -> Tensor:
        raise NotImplementedError


class _Convert(BatchedLayer):
    def __init__(self, k: int, target: str):
        super().__init__(k)
        self.target = target

    def forward(self, h, noise=None):
        return to_stacked(h) if self.target == STACKED else to_model(h, self.k)


# ---------------------------------------------------------------------------- the net
@dataclass(frozen=True)
class Net:
    """A network as the documents declare it: input shape (per example) and layers in order."""
    input_shape: tuple[int, ...]
    layers: tuple[Layer, ...]
    init: str = "torch"

    def __post_init__(self):
        object.__setattr__(self, "input_shape", tuple(int(s) for s in self.input_shape))
        object.__setattr__(self, "layers", tuple(self.layers))
        if self.init not in INITS:
            raise ValueError(f"unknown init {self.init!r}: use one of {INITS}")
        self.shapes()                                   # shape errors at declaration

    def shapes(self) -> list[tuple[int, ...]]:
        """Per-example shape after each layer (the input first)."""
        shapes = [self.input_shape]
        for i, layer in enumerate(self.layers):
            try:
                shapes.append(tuple(layer.out_shape(shapes[-1])))
            except ValueError as e:
                raise ValueError(f"layer {i} {layer.describe()} on input {shapes[-1]}: {e}") from None
        return shapes

    @property
    def output_shape(self) -> tuple[int, ...]:
        return self.shapes()[-1]

    @property
    def stochastic(self) -> bool:
        return any(layer.stochastic for layer in self.layers)

    def describe(self) -> str:
        inner = ", ".join(layer.describe() for layer in self.layers)
        return f"Net(input={self.input_shape}, init={self.init}, [{inner}])"

    def build(self, init_seeds: Sequence[int], *, device: torch.device | str,
              dtype: torch.dtype = torch.float32, target_dims: int = 0) -> "BatchedNet":
        """K seeds of this net. ``target_dims``: feature axes of the training targets (0 for class
        labels; ``len(input_shape)`` for an autoencoder trained on its inputs)."""
        from harness.training.engine import note_device
        if device is not None:                  # BatchedNet refuses a missing device with its own error
            note_device(device)                 # the runner checks claims train where results say
        return BatchedNet(self, init_seeds, device=device, dtype=dtype, target_dims=target_dims)

    def reference(self, init_seed: int, *, device: torch.device | str) -> nn.Sequential:
        """One seed the documents' way: torch.manual_seed(init_seed), then nn modules in order.

        The global generator is restored afterwards, so building a reference has no side effect.
        """
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(int(init_seed) & 0x7FFF_FFFF_FFFF_FFFF)
            seq = self.reference_modules()
        if self.init == "glorot_uniform":
            self.glorot_reference(seq, torch_generator(init_seed))
        return seq.to(device)

    def reference_modules(self) -> nn.Sequential:
        """The nn.Sequential, drawing its default init from the global generator as it stands."""
        return nn.Sequential(*[layer.reference(shape) for layer, shape in zip(self.layers, self.shapes())])

    @staticmethod
    def glorot_reference(seq: nn.Module, g: torch.Generator) -> None:
        for m in seq.modules():
            glorot_reinit(m, g)


def _execution_order(layers, shapes) -> list[tuple[int, Layer, tuple[int, ...]]]:
    """(reference index, layer, input shape) in the order the batched net runs them.

    One exact rewrite: ReLU followed by max-pooling runs as pooling then ReLU (4x fewer elements
    through the ReLU, forward and backward). The values are equal (relu is monotone, so max and relu
    commute) and so are the gradients: where the window's maximum is positive both orders route the
    gradient to the same first-maximal element, and where it is not, relu's gradient is zero either way.
    """
    from harness.training.conv import MaxPool2d              # (conv imports this module)
    out, i = [], 0
    while i < len(layers):
        layer = layers[i]
        nxt = layers[i + 1] if i + 1 < len(layers) else None
        if getattr(layer, "name", None) == "relu" and isinstance(nxt, MaxPool2d):
            out.append((i + 1, nxt, shapes[i]))
            out.append((i, layer, shapes[i + 2]))
            i += 2
            continue
        out.append((i, layer, shapes[i]))
        i += 1
    return out


class BatchedNet(nn.Module):
    """K seeds of one :class:`Net`, trained by ``harness.training.engine.train`` like a ``BatchedMLP``."""

    def __init__(self, net: Net, init_seeds: Sequence[int], *, device: torch.device | str,
                 dtype: torch.dtype = torch.float32, generators: Sequence[torch.Generator] | None = None,
                 target_dims: int = 0):
        """``generators``: continue these per-seed init generators instead of fresh ones from
        ``init_seeds`` (a composite model whose second net draws after its first, as nn modules
        built one after the other under one manual_seed do)."""
        super().__init__()
        if device is None:
            raise ValueError("BatchedNet needs an explicit device")
        self.net = net
        self._device = torch.device(device)
        self.n_models = k = len(init_seeds)
        if k < 1:
            raise ValueError("BatchedNet needs at least one init seed")
        self.input_dims = len(net.input_shape)
        self.target_dims = int(target_dims)
        self.eval_chunk = 1024                 # rows per forward in evaluate/outputs
        shapes = net.shapes()
        order = _execution_order(net.layers, shapes)
        blocks: list[BatchedLayer] = []
        self._ref_index: list[int | None] = []   # which reference submodule each block stands for
        layout = MODEL
        time_major = False      # the reference's activation is a batch_first view of time-major memory
        for i, layer, shape in order:
            want = layer.layout
            if want is not None and want != layout:
                blocks.append(_Convert(k, want))
                self._ref_index.append(None)
                layout = want
            blocks.append(layer.batched(shape, k))
            blocks[-1].in_layout = layout
            blocks[-1].ref_time_major = time_major
            if layer.layout is not None:         # elementwise layers keep their input's memory order
                time_major = getattr(blocks[-1], "out_time_major", False)
            self._ref_index.append(i)
            layout = blocks[-1].out_layout or layout
        if layout != MODEL:
            blocks.append(_Convert(k, MODEL))
            self._ref_index.append(None)
        self.blocks = nn.ModuleList(blocks)
        gens = list(generators) if generators is not None else [torch_generator(s) for s in init_seeds]
        if len(gens) != k:
            raise ValueError(f"{len(gens)} init generators for {k} models")
        for j, g in enumerate(gens):
            for b in self.blocks:
                b.init_seed(j, g, net.init)
        self.to(device=device, dtype=dtype)
        self.noise: list[torch.Generator] | None = None

    @property
    def device(self) -> torch.device:
        p = next(self.parameters(), None)
        return p.device if p is not None else self._device

    def seed_noise(self, noise_seeds: Sequence[int] | None) -> None:
        """One generator per seed for dropout masks and other training noise."""
        if noise_seeds is None:
            if self.net.stochastic:
                raise ValueError(f"{self.net.describe()} draws noise in training: pass noise_seeds "
                                 f"(one per seed) to train()")
            self.noise = None
            return
        if len(noise_seeds) != self.n_models:
            raise ValueError(f"{len(noise_seeds)} noise seeds for {self.n_models} models")
        self.noise = [torch_generator(s, self.device) for s in noise_seeds]

    def forward(self, x: Tensor) -> Tensor:
        """x: (K, B, *input_shape) -> (K, B, *output_shape)."""
        if x.dim() != self.input_dims + 2 or x.shape[0] != self.n_models:
            raise ValueError(f"input of shape {tuple(x.shape)}: expected ({self.n_models}, B, "
                             f"{', '.join(map(str, self.net.input_shape))})")
        h = x
        for b in self.blocks:
            h = b(h, self.noise if self.training else None)
        return h

    def reference_state(self, k: int) -> dict[str, Tensor]:
        """Seed k as a state_dict for ``net.reference(...)`` (detached copies, on this device)."""
        out: dict[str, Tensor] = {}
        for b, i in zip(self.blocks, self._ref_index):
            if i is None:
                continue
            for name, t in b.reference_state(k).items():
                out[f"{i}.{name}" if name else str(i)] = t.detach().clone()
        return out

    def n_parameters(self) -> int:
        """Per model (one seed), as a document would count them."""
        return sum(t.numel() for t in self.reference_state(0).values())


def reference_noise(noise_seed: int) -> None:
    """Seed the global generator as a per-seed loop does before training (dropout draws from it)."""
    torch.manual_seed(int(noise_seed) & 0x7FFF_FFFF_FFFF_FFFF)


def dropout_mask(shape: Sequence[int], p: float, g: torch.Generator, device, dtype) -> Tensor:
    """The scaled mask nn.Dropout multiplies by on CPU: bernoulli_(1-p) then div_(1-p)."""
    noise = torch.empty(tuple(shape), device=device, dtype=dtype).bernoulli_(1 - p, generator=g)
    return noise.div_(1 - p)
