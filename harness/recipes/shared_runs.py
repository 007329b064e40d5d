"""Claims that read different arms of the same runs: shared seeds, computed once per process.

Two claims often test two readings of one experiment (train vs test accuracy of the same fits, a
comparison and its control sharing an arm). Each claim has its own seeds by default, so each trains
everything again. Here a claim can instead run on the seeds of a named *family* (seed i of a look is
``derive_seed(global_seed, family, i)``), and a computation on those seeds is done once per process
and reused by every claim that asks for it with the same family, key, profile, sizes and look.

* :func:`family_ctx` - the context with its seeds replaced by the family's seeds (same indices).
* :func:`once` - ``compute(family_ctx)`` done once per (family, key, look, profile, sizes, device);
  the data provenance and notes it records are replayed into every later caller's result.

Naming the family after one of the claims (its id) keeps that claim's seeds, hence its numbers,
exactly as they were; the other claims of the family take its seeds. Claims sharing a family need
the same seed schedule for their looks to meet in the cache (a different look just trains again).
Only the per-seed seeds are replaced: ``ctx.look_seed`` (dropout noise) stays the claim's own, so
an experiment that draws look-level noise should not rely on sharing. The cache is per process:
under pytest-xdist each worker has its own, and a claim on another worker computes the same values
again (same seeds, same numbers), so verdicts never depend on where a claim ran.
"""
from __future__ import annotations

import dataclasses
import json
from typing import Any, Callable

from harness.running.seeds import derive_seed

_CACHE: dict[tuple, tuple[Any, list, dict]] = {}
_CACHE_MAX = 32


def family_ctx(ctx, family: str):
    """The context with its seeds replaced by the family's seeds at the same indices."""
    seeds = [derive_seed(ctx.global_seed, family, i) for i in ctx.seed_indices]
    return dataclasses.replace(ctx, seeds=seeds)


def _sizes_key(sizes: dict) -> str:
    return json.dumps(sizes, sort_keys=True, default=str)


def once(ctx, family: str, key: Any, compute: Callable[[Any], Any]) -> Any:
    """``compute(family_ctx(ctx, family))``, computed once per process for this family, key, look,
    profile, sizes and device. Dict results come back as a shallow copy (callers may add keys)."""
    ck = (family, key, ctx.global_seed, ctx.profile, tuple(ctx.seed_indices), _sizes_key(ctx.sizes),
          str(ctx.device))
    if ck not in _CACHE:
        # a fresh record, so that every data set the computation reads is kept with it (the caller
        # may have recorded some already) and replayed into each later caller's result
        fctx = dataclasses.replace(family_ctx(ctx, family), provenance=[], notes={})
        value = compute(fctx)
        if len(_CACHE) >= _CACHE_MAX:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[ck] = (value, list(fctx.provenance), dict(fctx.notes))
    value, prov, notes = _CACHE[ck]
    for p in prov:
        if p not in ctx.provenance:
            ctx.provenance.append(p)
    ctx.notes.update(notes)
    return dict(value) if isinstance(value, dict) else value


def shared_experiment(family: str, key: Any = None):
    """Decorator: the experiment runs on ``family``'s seeds, once per process and look (see :func:`once`).

    ``key`` defaults to the function's qualified name, so two claims declared with the same
    decorated function share its result."""
    def deco(fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
        k = key if key is not None else f"{fn.__module__}.{fn.__qualname__}"

        def experiment(ctx):
            return once(ctx, family, k, fn)
        experiment.__module__ = fn.__module__          # the claim's module (code_hash, module_path)
        experiment.__name__ = getattr(fn, "__name__", "experiment")
        experiment.__qualname__ = getattr(fn, "__qualname__", "experiment")
        experiment.__doc__ = fn.__doc__
        experiment.__wrapped__ = fn
        return experiment
    return deco
