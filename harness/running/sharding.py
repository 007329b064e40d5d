"""Sharding and scheduling units: fit groups, balanced by recorded cost.

Claims of one module often share fits (harness.recipes.mnist_recipe, harness.recipes.shared_runs); splitting them
across shards trains those fits once per shard (measured at 3 shards by claim id: +27% training in
the modules that share fits). So the unit is a fit group: one module, or the modules that share a
per-process cache across modules (``SHARED_FIT_GROUPS``: the 002 MNIST recipe's three modules, whose
variants and baseline fit are trained once per process). A shard takes whole fit groups, assigned
greedily, largest first, to the least-loaded shard (LPT); under xdist the same units go to workers
costliest first (harness.running.scheduling). A module's cost is the CPU seconds its claims took in the committed
baseline of this profile (any environment), else the median cost of a known module; ties break on
the module path. Every shard computes the same assignment from the same inputs, on any machine.
"""
from __future__ import annotations

import json
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Iterable

_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_COST_DIR = _ROOT / "reports" / "baselines"

# Modules that share a per-process fit cache with each other (paths relative to the project root).
# tests/test_plugin_results.py checks that every claims module importing the cache's module is here.
SHARED_FIT_GROUPS: dict[str, tuple[str, ...]] = {
    "mnist-recipe": ("claims/mnist/test_ffn_mnist.py", "claims/mnist/test_normalization.py",
                     "claims/numerics/test_log_softmax_mnist.py"),
}
_GROUP_OF = {m: g for g, mods in SHARED_FIT_GROUPS.items() for m in mods}


def fit_group(module: str | Path) -> str:
    """The scheduling unit of a module: its shared-fit group's name, else the module path itself.
    ``module`` is a path, absolute or relative to the project root."""
    p = Path(module)
    key = p.as_posix()
    if p.is_absolute():
        try:
            key = p.relative_to(_ROOT).as_posix()
        except ValueError:
            pass
    return _GROUP_OF.get(key, key)


def recorded_costs(root: str | Path | None = None, profile: str = "ci") -> dict[str, float]:
    """claim id -> CPU seconds, from result files of this profile under root (the largest per id).

    Unreadable files are skipped: costs only balance shards, they never decide anything."""
    root = Path(root) if root is not None else DEFAULT_COST_DIR
    out: dict[str, float] = {}
    if not root.is_dir():
        return out
    for p in root.glob(f"*/{profile}/*.json"):
        try:
            r = json.loads(p.read_text())
            cid = r["claim"]["id"]
            t = r.get("timing") or {}
            cost = float(t.get("cpu_seconds", t.get("seconds_total", 0.0)))
        except (OSError, ValueError, KeyError, TypeError):
            continue
        out[cid] = max(out.get(cid, 0.0), cost)
    return out


def assign(modules: dict[str, Iterable[str]], costs: dict[str, float], n: int) -> dict[str, int]:
    """module -> shard index 0..n-1. ``modules``: module path -> the claim ids it declares."""
    weight = module_weights(modules, costs)
    loads = [0.0] * n
    out: dict[str, int] = {}
    for m in sorted(weight, key=lambda m: (-weight[m], m)):
        i = min(range(n), key=lambda k: (loads[k], k))
        out[m] = i
        loads[i] += weight[m]
    return out


def module_weights(modules: dict[str, Iterable[str]], costs: dict[str, float]) -> dict[str, float]:
    """module -> recorded CPU seconds of its claims (a claim without a record counts the median)."""
    known = [costs[c] for ids in modules.values() for c in ids if c in costs]
    fallback = statistics.median(known) if known else 1.0
    return {m: sum(costs.get(c, fallback) for c in ids) + 1e-3 for m, ids in modules.items()}


def shard_items(items: list, shard: tuple[int, int], profile: str, cost_dir: str | Path | None = None
                ) -> tuple[list, list]:
    """(kept, deselected) claim items for shard (I, N), 1-based."""
    i, n = shard
    groups: dict[str, list[str]] = defaultdict(list)
    for it in items:
        groups[fit_group(it.path)].append(it.claim.id)
    where = assign(groups, recorded_costs(cost_dir, profile), n)
    kept = [it for it in items if where[fit_group(it.path)] == i - 1]
    return kept, [it for it in items if where[fit_group(it.path)] != i - 1]
