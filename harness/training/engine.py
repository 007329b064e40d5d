"""The one training engine: K seeds of one architecture trained together.

Each seed k has its own initialisation (a generator seeded from its own seed, drawing in the same
order as ``torch.nn.Linear``), its own data order (its own ``randperm`` per epoch, the draw a
shuffling DataLoader makes), and, where data differ per seed (splits), its own rows. Parameters are
stacked along a leading model axis and the forward pass is one batched matmul per layer. Because
the per-seed losses are summed and no parameter is shared, each seed's gradient is exactly its own;
SGD (with momentum, weight decay) and Adam act elementwise, so the K runs are K independent
trainings done at once. ``tests/test_engine.py`` checks this against the documents' loop
(``harness.training.reference``) to float tolerance.

Shapes: inputs are (N, D) shared by all seeds or (K, N, D) per seed; labels (N,) or (K, N).
Model outputs are (K, B, C).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from harness.running.seeds import torch_generator

ACTIVATIONS: dict[str, Callable[[Tensor], Tensor]] = {
    "relu": torch.relu,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "linear": lambda x: x,
    "leaky_relu": F.leaky_relu,
    "gelu": F.gelu,
}


# Every device a model was placed on in this process since the last reset. The runner resets it
# before a claim and checks it after, so no claim trains on another device than its result names.
_DEVICES_USED: set[str] = set()


def note_device(device: torch.device | str) -> None:
    d = torch.device(device)
    if d.type == "meta":            # shapes and parameter counts only: nothing is computed there
        return
    _DEVICES_USED.add(f"{d.type}:{d.index or 0}" if d.type == "cuda" else d.type)


def devices_used() -> set[str]:
    return set(_DEVICES_USED)


def reset_devices_used() -> None:
    _DEVICES_USED.clear()


class BatchedMLP(nn.Module):
    """K independent fully connected nets of the same layer sizes.

    ``layer_sizes`` = (in, hidden..., out). ``activation`` applies after every hidden layer;
    the output layer is linear (losses and heads decide what follows). ``activation`` may also be
    a sequence with one entry per hidden layer (e.g. ``("linear", "relu", "relu")`` for a net whose
    input layer has no nonlinearity). ``dropout`` applies after each hidden activation in
    training mode, inverted scaling as ``nn.Dropout``.
    """

    def __init__(self, layer_sizes: Sequence[int], init_seeds: Sequence[int], *,
                 activation: str | Callable[[Tensor], Tensor] = "relu", bias: bool = True,
                 dropout: float = 0.0, input_dropout: float = 0.0,
                 device: torch.device | str, dtype: torch.dtype = torch.float32):
        super().__init__()
        if len(layer_sizes) < 2:
            raise ValueError("layer_sizes needs at least (in, out)")
        self.layer_sizes = tuple(int(s) for s in layer_sizes)
        self.n_models = len(init_seeds)
        per_layer = isinstance(activation, (list, tuple))
        acts = list(activation) if per_layer else [activation] * (len(self.layer_sizes) - 2)
        if len(acts) != len(self.layer_sizes) - 2:
            raise ValueError(f"{len(acts)} activations for {len(self.layer_sizes) - 2} hidden layers")

        def _name(a):
            return a if isinstance(a, str) else getattr(a, "__name__", "custom")
        self.activation_name = ",".join(_name(a) for a in acts) if per_layer else _name(activation)
        self.act = None if per_layer else ACTIVATIONS[activation] if isinstance(activation, str) else activation
        self.acts = [ACTIVATIONS[a] if isinstance(a, str) else a for a in acts]
        self.dropout = float(dropout)
        self.input_dropout = float(input_dropout)
        self.has_bias = bias
        self.noise: torch.Generator | None = None
        weights, biases = [], []
        for fan_in, fan_out in zip(self.layer_sizes[:-1], self.layer_sizes[1:]):
            weights.append(torch.empty(self.n_models, fan_in, fan_out, dtype=dtype))
            biases.append(torch.empty(self.n_models, 1, fan_out, dtype=dtype) if bias else None)
        # Same draws, in the same order, as torch.manual_seed(seed); nn.Sequential(nn.Linear, ...):
        # weight (out, in) then bias (out), each U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
        for k, seed in enumerate(init_seeds):
            g = torch_generator(seed)
            for w, b in zip(weights, biases):
                fan_in = w.shape[1]
                bound = 1.0 / math.sqrt(fan_in)
                wt = torch.empty(w.shape[2], fan_in, dtype=torch.float32).uniform_(-bound, bound, generator=g)
                w[k] = wt.T.to(dtype)
                if b is not None:
                    b[k, 0] = torch.empty(w.shape[2]).uniform_(-bound, bound, generator=g).to(dtype)
        self.weights = nn.ParameterList([nn.Parameter(w.to(device)) for w in weights])
        self.biases = nn.ParameterList([nn.Parameter(b.to(device)) for b in biases if b is not None])
        note_device(self.weights[0].device)

    def _drop(self, h: Tensor, p: float) -> Tensor:
        if not self.training or p <= 0:
            return h
        if p >= 1:
            return torch.zeros_like(h)
        keep = torch.rand(h.shape, generator=self.noise, device=h.device, dtype=h.dtype) >= p
        return h * keep / (1 - p)

    def forward(self, x: Tensor, return_hidden: bool = False):
        h = self._drop(x, self.input_dropout)
        hidden = []
        last = len(self.weights) - 1
        for i, w in enumerate(self.weights):
            h = torch.bmm(h, w) if not self.has_bias else torch.baddbmm(self.biases[i], h, w)
            if i < last:
                h = self.acts[i](h)
                hidden.append(h)
                h = self._drop(h, self.dropout)
        return (h, hidden) if return_hidden else h

    def n_parameters(self) -> int:
        """Per model (one seed), as a document would count them."""
        return sum(p[0].numel() for p in self.parameters())


# ---------------------------------------------------------------------------- losses
def _per_model_mean(x: Tensor) -> Tensor:
    return x.reshape(x.shape[0], -1).mean(dim=1)


def cross_entropy(out: Tensor, y: Tensor) -> Tensor:
    """nn.CrossEntropyLoss on raw outputs (log-softmax + NLL), per-model mean."""
    return _per_model_mean(F.cross_entropy(out.transpose(1, 2), y, reduction="none"))


def nll_log_softmax(out: Tensor, y: Tensor) -> Tensor:
    """log_softmax output fed to NLLLoss (002's log-softmax arm): same value as cross_entropy."""
    return _per_model_mean(F.nll_loss(torch.log_softmax(out, dim=-1).transpose(1, 2), y, reduction="none"))


def nll_softmax(out: Tensor, y: Tensor) -> Tensor:
    """softmax probabilities fed to NLLLoss: the loss is -p_y (002's lin-softmax arm, reading (i))."""
    return _per_model_mean(F.nll_loss(torch.softmax(out, dim=-1).transpose(1, 2), y, reduction="none"))


def cross_entropy_after_softmax(out: Tensor, y: Tensor) -> Tensor:
    """softmax output fed to CrossEntropyLoss (softmax applied twice)."""
    return cross_entropy(torch.softmax(out, dim=-1), y)


def nll_log_of_softmax(out: Tensor, y: Tensor) -> Tensor:
    """log(softmax) computed in two steps, fed to NLLLoss (002's reading (iii)): -inf where p underflows."""
    return _per_model_mean(F.nll_loss(torch.log(torch.softmax(out, dim=-1)).transpose(1, 2), y, reduction="none"))


def bce_logits(out: Tensor, y: Tensor) -> Tensor:
    return _per_model_mean(F.binary_cross_entropy_with_logits(out.squeeze(-1), y.to(out.dtype), reduction="none"))


def mse(out: Tensor, y: Tensor) -> Tensor:
    return _per_model_mean((out.squeeze(-1) - y.to(out.dtype)) ** 2)


LOSSES: dict[str, Callable[[Tensor, Tensor], Tensor]] = {
    "cross_entropy": cross_entropy,
    "nll_log_softmax": nll_log_softmax,
    "nll_softmax": nll_softmax,
    "cross_entropy_after_softmax": cross_entropy_after_softmax,
    "nll_log_of_softmax": nll_log_of_softmax,
    "bce_logits": bce_logits,
    "mse": mse,
}


# ---------------------------------------------------------------------------- metrics
def predictions(out: Tensor) -> Tensor:
    """Class predictions: argmax for several outputs, logit > 0 for one."""
    if out.shape[-1] == 1:
        return (out.squeeze(-1) > 0).long()
    return out.argmax(dim=-1)


def accuracy(out: Tensor, y: Tensor) -> Tensor:
    return (predictions(out) == y).to(torch.float64).mean(dim=-1)


METRICS: dict[str, Callable[[Tensor, Tensor], Tensor]] = {"accuracy": accuracy}


# ---------------------------------------------------------------------------- data
def per_model(t: Tensor, k: int, feature_dims: int) -> Tensor:
    """View shared data (N, ...) as (K, N, ...) without copying; per-model data pass through."""
    if t.dim() == feature_dims + 1:
        return t.unsqueeze(0).expand(k, *t.shape)
    if t.dim() == feature_dims + 2 and t.shape[0] == k:
        return t
    raise ValueError(f"data of shape {tuple(t.shape)} fits neither (N, ...) nor ({k}, N, ...)")


def gather_rows(t: Tensor, idx: Tensor) -> Tensor:
    """t: (K, N, ...), idx: (K, B) -> (K, B, ...).

    One index_select on a flat (rows, ...) view: several times faster on CPU than advanced
    indexing with a (K, 1) x (K, B) index pair. Shared data (an expanded view, stride 0 on the
    model axis) is indexed directly, without materialising K copies.
    """
    K, N = t.shape[0], t.shape[1]
    rest = t.shape[2:]
    if t.stride(0) == 0:
        flat, flat_idx = t[0], idx.reshape(-1)
    else:
        flat = t.reshape(K * N, *rest)
        flat_idx = (idx + torch.arange(K, device=idx.device).unsqueeze(1) * N).reshape(-1)
    return flat.index_select(0, flat_idx).view(K, idx.shape[1], *rest)


# ---------------------------------------------------------------------------- training
def _loader_permutation(n: int, g: torch.Generator) -> Tensor:
    """The order a shuffling DataLoader with generator `g` yields in one epoch.

    Each epoch the loader's iterator first draws an int64 base seed from `g`, then RandomSampler
    draws randperm(n) and a second randperm(n) that it slices to zero length. Both extra draws
    advance the generator, so they are made here too to keep the orders identical.
    """
    torch.empty((), dtype=torch.int64).random_(generator=g)
    perm = torch.randperm(n, generator=g)
    torch.randperm(n, generator=g)
    return perm


@dataclass
class TrainConfig:
    epochs: int
    lr: float
    batch_size: int | None = None            # None: full batch
    optimizer: str = "sgd"                   # "sgd" | "adam" | "rmsprop"
    momentum: float = 0.0
    weight_decay: float = 0.0
    loss: str | Callable[[Tensor, Tensor], Tensor] = "cross_entropy"
    drop_last: bool = False                  # DataLoader's default keeps the short last batch
    shuffle: bool = True
    # Extra per-model penalty added to the loss (e.g. L1): model -> (K,)
    penalty: Callable[[BatchedMLP], Tensor] | None = None
    # Multiplier of lr per epoch (e.g. a decay schedule), epoch -> factor
    lr_schedule: Callable[[int], float] | None = None
    # Called after each backward, before the step: (model, epoch, step) -> None
    after_backward: Callable[[BatchedMLP, int, int], None] | None = None
    # Called after each epoch's update steps, before its evaluations: (model, epochs done) -> None.
    # Both training loops (engine.train and the fast path) call it, so a hook that only reads the
    # parameters (a snapshot, a per-epoch probe) works on either.
    on_epoch_end: Callable[[BatchedMLP, int], None] | None = None
    # Evaluate these sets every `eval_every` epochs (0: only at the end)
    eval_every: int = 0
    optimizer_kwargs: Mapping[str, float] = field(default_factory=dict)


@dataclass
class History:
    train_loss: Tensor                          # (K, epochs): mean batch loss per epoch
    evals: dict[str, list[Tensor]]              # name -> list of (K,) metric values per evaluation
    eval_epochs: list[int]
    steps: int

    def final(self, name: str) -> Tensor:
        return self.evals[name][-1]


def make_optimizer(params, cfg: TrainConfig) -> torch.optim.Optimizer:
    name = cfg.optimizer.lower()
    if name == "sgd":
        return torch.optim.SGD(params, lr=cfg.lr, momentum=cfg.momentum, weight_decay=cfg.weight_decay,
                               **cfg.optimizer_kwargs)
    if name == "adam":
        return torch.optim.Adam(params, lr=cfg.lr, weight_decay=cfg.weight_decay, **cfg.optimizer_kwargs)
    if name == "rmsprop":
        return torch.optim.RMSprop(params, lr=cfg.lr, weight_decay=cfg.weight_decay, **cfg.optimizer_kwargs)
    raise ValueError(f"unknown optimizer {cfg.optimizer!r}: use sgd, adam or rmsprop")


def end_epoch(model, cfg: TrainConfig, epoch: int, epoch_loss: Tensor, n_batches: int, losses: Tensor,
              eval_sets, evals: dict[str, list[Tensor]], eval_epochs: list[int], metric_fn) -> None:
    """Book-keeping after an epoch, shared by every training loop: the mean batch loss, and the
    evaluations due at this epoch (every ``cfg.eval_every`` epochs and after the last)."""
    losses[:, epoch] = (epoch_loss / max(n_batches, 1)).cpu()
    if cfg.on_epoch_end is not None:
        cfg.on_epoch_end(model, epoch + 1)
    last = epoch == cfg.epochs - 1
    if eval_sets and (last or (cfg.eval_every and (epoch + 1) % cfg.eval_every == 0)):
        eval_epochs.append(epoch + 1)
        for name, (Xe, ye) in eval_sets.items():
            evals[name].append(evaluate(model, Xe, ye, metric_fn))


def train(model: BatchedMLP, X: Tensor, y: Tensor, cfg: TrainConfig, order_seeds: Sequence[int], *,
          eval_sets: Mapping[str, tuple[Tensor, Tensor]] | None = None,
          metric: str | Callable[[Tensor, Tensor], Tensor] = "accuracy",
          noise_seed: int = 0, noise_seeds: Sequence[int] | None = None) -> History:
    """Train all K models in place. X: (N, D) or (K, N, D); y: (N,) or (K, N).

    ``model`` is a ``BatchedMLP`` or any batched model with the same interface, e.g. a
    ``harness.training.BatchedNet`` (whose inputs have ``model.input_dims`` feature axes, targets
    ``model.target_dims``, and whose training noise comes from one generator per seed,
    ``noise_seeds``; a BatchedMLP draws its dropout masks from one generator, ``noise_seed``).
    """
    K = model.n_models
    if len(order_seeds) != K:
        raise ValueError(f"{len(order_seeds)} order seeds for {K} models")
    device = next(model.parameters()).device
    Xk = per_model(X.to(device), K, getattr(model, "input_dims", 1))
    yk = per_model(y.to(device), K, getattr(model, "target_dims", 0))
    N = Xk.shape[1]
    B = N if cfg.batch_size is None else int(cfg.batch_size)
    loss_fn = LOSSES[cfg.loss] if isinstance(cfg.loss, str) else cfg.loss
    metric_fn = METRICS[metric] if isinstance(metric, str) else metric
    opt = make_optimizer(model.parameters(), cfg)
    gens = [torch_generator(s) for s in order_seeds]
    if hasattr(model, "seed_noise"):
        model.seed_noise(noise_seeds)
    else:
        model.noise = torch_generator(noise_seed, device)
    n_batches = N // B if cfg.drop_last else math.ceil(N / B)
    losses = torch.zeros(K, cfg.epochs, dtype=torch.float64)
    evals: dict[str, list[Tensor]] = {name: [] for name in (eval_sets or {})}
    eval_epochs: list[int] = []
    steps = 0
    for epoch in range(cfg.epochs):
        if cfg.lr_schedule is not None:
            for group in opt.param_groups:
                group["lr"] = cfg.lr * cfg.lr_schedule(epoch)
        model.train()
        if cfg.shuffle:
            order = torch.stack([_loader_permutation(N, g) for g in gens]).to(device)
        else:
            order = torch.arange(N, device=device).expand(K, N)
        epoch_loss = torch.zeros(K, dtype=torch.float64, device=device)
        for b in range(n_batches):
            idx = order[:, b * B:(b + 1) * B]
            out = model(gather_rows(Xk, idx))
            loss = loss_fn(out, gather_rows(yk, idx))
            total = loss if cfg.penalty is None else loss + cfg.penalty(model)
            opt.zero_grad(set_to_none=True)
            total.sum().backward()
            if cfg.after_backward is not None:
                cfg.after_backward(model, epoch, b)
            opt.step()
            epoch_loss += loss.detach().to(torch.float64)
            steps += 1
        end_epoch(model, cfg, epoch, epoch_loss, n_batches, losses, eval_sets, evals, eval_epochs, metric_fn)
    model.eval()
    return History(train_loss=losses, evals=evals, eval_epochs=eval_epochs, steps=steps)


@torch.no_grad()
def evaluate(model: BatchedMLP, X: Tensor, y: Tensor,
             metric: str | Callable[[Tensor, Tensor], Tensor] = "accuracy") -> Tensor:
    """Metric per model, (K,), in eval mode (no dropout). Restores the previous mode."""
    was_training = model.training
    model.eval()
    device = next(model.parameters()).device
    Xk = per_model(X.to(device), model.n_models, getattr(model, "input_dims", 1))
    yk = per_model(y.to(device), model.n_models, getattr(model, "target_dims", 0))
    metric_fn = METRICS[metric] if isinstance(metric, str) else metric
    out = metric_fn(_forward_all(model, Xk), yk).detach().to(torch.float64).cpu()
    model.train(was_training)
    return out


def _forward_all(model, Xk: Tensor) -> Tensor:
    """model(Xk), in row chunks of ``model.eval_chunk`` where the model sets one (conv and recurrent
    nets, whose activations for a whole test set would not fit); a BatchedMLP runs in one call."""
    chunk = getattr(model, "eval_chunk", None)
    if not chunk or Xk.shape[1] <= chunk:
        return model(Xk)
    parts = [model(Xk[:, i:i + chunk]) for i in range(0, Xk.shape[1], chunk)]
    if isinstance(parts[0], tuple):                       # e.g. a VAE's (reconstruction, mu, logvar)
        return tuple(torch.cat(p, dim=1) for p in zip(*parts))
    return torch.cat(parts, dim=1)


@torch.no_grad()
def outputs(model: BatchedMLP, X: Tensor) -> Tensor:
    """Raw outputs (K, N, C) in eval mode."""
    was_training = model.training
    model.eval()
    device = next(model.parameters()).device
    out = _forward_all(model, per_model(X.to(device), model.n_models, getattr(model, "input_dims", 1)))
    model.train(was_training)
    return out
