"""Opt-in fast path for fully connected nets: hand-written backward, the optimizer fused in.

``train_fast(model, X, y, cfg, order_seeds)`` trains a ``harness.training.engine.BatchedMLP`` in place like
``harness.training.engine.train`` (same initialisation, same data order, same History), without autograd:

* forward ``Z_i = b_i + H_{i-1} W_i`` (baddbmm), ``H_i = act(Z_i)``; cross-entropy's gradient
  ``(softmax(Z_L) - onehot(y)) / B`` written out; any other loss of ``harness.training.engine.LOSSES`` (or a
  callable of the same signature) gets its gradient w.r.t. the outputs ``Z_L`` from autograd on
  the (K, B, C) outputs alone, so the loss is the engine's own function, computed the same way;
* backward layer by layer; with SGD the update is fused into the weight-gradient GEMM,
  ``W_i.baddbmm_(H_{i-1}^T, dZ_i, beta=1 - lr*wd, alpha=-lr)``, after ``dH_{i-1} = dZ_i W_i^T`` has
  used the old weights (what torch.optim.SGD does after a full backward);
* with Adam all parameters and gradients live in one flat buffer each, gradients are written by the
  GEMMs straight into it, and one ``torch._fused_adam_`` call updates everything.

Numbers: the same computation as the reference loop, in a different rounding order (alpha inside the
GEMM, the loss gradient by formula, the fused Adam kernel), so it is NOT bit-identical to
``engine.train``; ``tests/test_training_families.py`` holds it to float tolerance of the per-seed
loop. The committed baselines use ``engine.train``; a claim moving to this path must say so.
Supported: any loss on the outputs, activations relu/tanh/sigmoid/linear, no dropout, SGD without
momentum (weight decay allowed) or Adam (betas/eps/weight decay), lr_schedule, ``on_epoch_end``;
anything else (dropout, momentum, a penalty, ``after_backward``, which has no place in a fused
backward) is a ValueError naming what is unsupported (use ``engine.train``).
"""
from __future__ import annotations

import math
from typing import Callable, Mapping, Sequence

import torch
from torch import Tensor

from harness.training.engine import (LOSSES, METRICS, BatchedMLP, History, TrainConfig, _loader_permutation,
                      end_epoch, gather_rows, per_model)
from harness.running.seeds import torch_generator

_DERIV: dict[str, Callable[[Tensor, Tensor], Tensor]] = {
    # derivative from the activation's output h (and pre-activation z where needed)
    "relu": None,                                  # threshold_backward, below
    "tanh": lambda h, z: 1 - h * h,
    "sigmoid": lambda h, z: h * (1 - h),
    "linear": lambda h, z: torch.ones_like(h),
}


# Output heads: (per-seed loss, dL/dz) for outputs z (K, B, C), written with the ops autograd runs for
# the engine's loss of the same name, so the gradient is bit for bit autograd's
# (tests/test_training_families.py) without building a graph. Autograd's overhead on these small
# (K, B, 10) tensors, through nll_loss's 2-d kernels, was 15-40% of a recipe step.
def _nll_log_softmax_head(z: Tensor, y: Tensor) -> tuple[Tensor, Tensor]:
    """LogSoftmax + NLLLoss (002's log-softmax arm)."""
    logp = torch.log_softmax(z, dim=-1)
    picked = logp.gather(2, y.unsqueeze(2))
    g = torch.zeros_like(logp).scatter_(2, y.unsqueeze(2), -1.0 / z.shape[1])
    return -picked.squeeze(2).mean(1), torch._log_softmax_backward_data(g, logp, -1, logp.dtype)


def _nll_softmax_head(z: Tensor, y: Tensor) -> tuple[Tensor, Tensor]:
    """softmax probabilities into NLLLoss: the loss is -p_y (002's lin-softmax arm)."""
    p = torch.softmax(z, dim=-1)
    g = torch.zeros_like(p).scatter_(2, y.unsqueeze(2), -1.0 / z.shape[1])
    return (-p.gather(2, y.unsqueeze(2)).squeeze(2)).mean(1), torch._softmax_backward_data(g, p, -1, p.dtype)


def _cross_entropy_after_softmax_head(z: Tensor, y: Tensor) -> tuple[Tensor, Tensor]:
    """softmax output into CrossEntropyLoss (softmax applied twice), on F.cross_entropy's (K, C, B) layout."""
    s = torch.softmax(z, dim=-1)
    lt = torch.log_softmax(s.transpose(1, 2), dim=1)
    g = torch.zeros_like(lt).scatter_(1, y.unsqueeze(1), -1.0 / z.shape[1])
    gs = torch._log_softmax_backward_data(g, lt, 1, lt.dtype).transpose(1, 2)
    return (-lt.gather(1, y.unsqueeze(1)).squeeze(1)).mean(1), torch._softmax_backward_data(gs, s, -1, s.dtype)


def _nll_log_of_softmax_head(z: Tensor, y: Tensor) -> tuple[Tensor, Tensor]:
    """log(softmax) in two steps into NLLLoss (-inf, and NaN gradients, where p underflows, as autograd)."""
    s = torch.softmax(z, dim=-1)
    g = torch.zeros_like(s).scatter_(2, y.unsqueeze(2), -1.0 / z.shape[1])
    loss = (-torch.log(s).gather(2, y.unsqueeze(2)).squeeze(2)).mean(1)
    return loss, torch._softmax_backward_data(g / s, s, -1, s.dtype)


# Losses whose output gradient is written out (the rest go through autograd on the outputs).
_HEADS = {"nll_log_softmax": _nll_log_softmax_head, "nll_softmax": _nll_softmax_head,
          "cross_entropy_after_softmax": _cross_entropy_after_softmax_head,
          "nll_log_of_softmax": _nll_log_of_softmax_head}


def _check(model: BatchedMLP, cfg: TrainConfig) -> list[str]:
    problems = []
    names = model.activation_name.split(",")
    if any(n not in _DERIV for n in names):
        problems.append(f"activation {model.activation_name!r} (supported: {sorted(_DERIV)})")
    if model.dropout or model.input_dropout:
        problems.append("dropout")
    if isinstance(cfg.loss, str) and cfg.loss not in LOSSES:
        problems.append(f"loss {cfg.loss!r} (known: {sorted(LOSSES)})")
    if cfg.penalty is not None or cfg.after_backward is not None:
        problems.append("penalty/after_backward hooks")
    opt = cfg.optimizer.lower()
    if opt not in ("sgd", "adam"):
        problems.append(f"optimizer {cfg.optimizer!r}")
    if opt == "sgd" and (cfg.momentum or cfg.optimizer_kwargs):
        problems.append("SGD momentum/extra options")
    if opt == "adam" and set(cfg.optimizer_kwargs) - {"betas", "eps"}:
        problems.append(f"Adam options {sorted(set(cfg.optimizer_kwargs) - {'betas', 'eps'})}")
    return problems


def train_fast(model: BatchedMLP, X: Tensor, y: Tensor, cfg: TrainConfig, order_seeds: Sequence[int], *,
               eval_sets: Mapping[str, tuple[Tensor, Tensor]] | None = None,
               metric: str | Callable[[Tensor, Tensor], Tensor] = "accuracy") -> History:
    problems = _check(model, cfg)
    if problems:
        raise ValueError(f"train_fast does not support {', '.join(problems)}: use harness.training.engine.train")
    K = model.n_models
    if len(order_seeds) != K:
        raise ValueError(f"{len(order_seeds)} order seeds for {K} models")
    device = model.weights[0].device
    Xk = per_model(X.to(device), K, 1)
    yk = per_model(y.to(device), K, 0)
    N = Xk.shape[1]
    B = N if cfg.batch_size is None else int(cfg.batch_size)
    n_batches = N // B if cfg.drop_last else math.ceil(N / B)
    metric_fn = METRICS[metric] if isinstance(metric, str) else metric
    # cross_entropy by its formula; any other loss through autograd on the outputs alone
    loss_fn = None if cfg.loss == "cross_entropy" else LOSSES[cfg.loss] if isinstance(cfg.loss, str) else cfg.loss
    head = _HEADS.get(cfg.loss) if isinstance(cfg.loss, str) else None
    names = model.activation_name.split(",")
    acts = model.acts
    derivs = [_DERIV[n] for n in (names if len(names) == len(acts) else names * len(acts))]
    Ws = [w.data for w in model.weights]
    bs = [b.data for b in model.biases] if model.has_bias else [None] * len(Ws)
    adam = cfg.optimizer.lower() == "adam"
    if adam:
        # One flat buffer for all parameters (the model's parameters become views of it) and one
        # for their gradients, written in place by the GEMMs.
        params = [p for i, w in enumerate(model.weights)
                  for p in ((w, model.biases[i]) if model.has_bias else (w,))]
        flat = torch.cat([p.data.reshape(-1) for p in params])
        gflat = torch.zeros_like(flat)
        gviews, off = [], 0
        for p in params:
            n = p.numel()
            p.data = flat[off:off + n].view(p.shape)
            gviews.append(gflat[off:off + n].view(p.shape))
            off += n
        Ws = [w.data for w in model.weights]
        bs = [b.data for b in model.biases] if model.has_bias else [None] * len(Ws)
        per = 2 if model.has_bias else 1
        gW = gviews[0::per]
        gb = gviews[1::per] if model.has_bias else [None] * len(Ws)
        exp_avg, exp_avg_sq = torch.zeros_like(flat), torch.zeros_like(flat)
        step = torch.zeros((), dtype=torch.float32, device=device)
        beta1, beta2 = cfg.optimizer_kwargs.get("betas", (0.9, 0.999))
        eps = cfg.optimizer_kwargs.get("eps", 1e-8)
    gens = [torch_generator(s) for s in order_seeds]
    losses = torch.zeros(K, cfg.epochs, dtype=torch.float64)
    evals: dict[str, list[Tensor]] = {name: [] for name in (eval_sets or {})}
    eval_epochs: list[int] = []
    steps = 0
    L = len(Ws)
    for epoch in range(cfg.epochs):
        lr = cfg.lr * (cfg.lr_schedule(epoch) if cfg.lr_schedule is not None else 1.0)
        order = torch.stack([_loader_permutation(N, g) for g in gens]).to(device) if cfg.shuffle \
            else torch.arange(N, device=device).expand(K, N)
        epoch_loss = torch.zeros(K, dtype=torch.float64, device=device)
        for bi in range(n_batches):
            idx = order[:, bi * B:(bi + 1) * B]
            h = gather_rows(Xk, idx)
            yb = gather_rows(yk, idx)
            nb = h.shape[1]
            hs, zs = [h], []
            for i in range(L):
                z = torch.baddbmm(bs[i], hs[-1], Ws[i]) if bs[i] is not None else torch.bmm(hs[-1], Ws[i])
                zs.append(z)
                if i < L - 1:
                    hs.append(acts[i](z))
            if loss_fn is None:
                # log-softmax through logsumexp: 2x faster than log_softmax on (K, B, 10) on CPU
                logp = zs[-1] - torch.logsumexp(zs[-1], dim=-1, keepdim=True)
                epoch_loss -= logp.gather(2, yb.unsqueeze(2)).squeeze(2).mean(1).to(torch.float64)
                dz = logp.exp_()
                dz.scatter_add_(2, yb.unsqueeze(2), torch.full((K, nb, 1), -1.0, device=device, dtype=dz.dtype))
                dz.div_(nb)
            elif head is not None:
                per_seed, dz = head(zs[-1], yb)
                epoch_loss += per_seed.to(torch.float64)
            else:
                out = zs[-1].detach().requires_grad_(True)
                with torch.enable_grad():
                    per_seed = loss_fn(out, yb)
                    (dz,) = torch.autograd.grad(per_seed.sum(), out)
                epoch_loss += per_seed.detach().to(torch.float64)
            for i in range(L - 1, -1, -1):
                dh = torch.bmm(dz, Ws[i].transpose(1, 2)) if i > 0 else None
                if adam:
                    torch.bmm(hs[i].transpose(1, 2), dz, out=gW[i])
                    if bs[i] is not None:
                        torch.sum(dz, dim=1, keepdim=True, out=gb[i])
                else:
                    Ws[i].baddbmm_(hs[i].transpose(1, 2), dz, beta=1 - lr * cfg.weight_decay, alpha=-lr)
                    if bs[i] is not None:
                        if cfg.weight_decay:
                            bs[i].mul_(1 - lr * cfg.weight_decay)
                        bs[i].add_(dz.sum(dim=1, keepdim=True), alpha=-lr)
                if dh is not None:
                    d = derivs[i - 1]
                    dz = torch.ops.aten.threshold_backward(dh, hs[i], 0.0) if d is None else dh.mul_(d(hs[i], zs[i - 1]))
            if adam:
                step += 1
                torch._fused_adam_([flat], [gflat], [exp_avg], [exp_avg_sq], [], [step], lr=lr, beta1=beta1,
                                   beta2=beta2, weight_decay=cfg.weight_decay, eps=eps, amsgrad=False,
                                   maximize=False)
            steps += 1
        end_epoch(model, cfg, epoch, epoch_loss, n_batches, losses, eval_sets, evals, eval_epochs, metric_fn)
    model.eval()
    return History(train_loss=losses, evals=evals, eval_epochs=eval_epochs, steps=steps)
