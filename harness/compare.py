"""Verdict flips and effect drift between two result sets (e.g. two torch versions).

Results are matched on (claim id, profile). For every claim present in both sets:

- **flipped**: the verdict differs (any change, e.g. supported -> inconclusive);
- **drifted**: same verdict, but the effect moved: the change in mean(a - b) has a 95% CI that
  excludes zero AND |change| exceeds ``floor * max(|base estimate|, claim delta, 1e-9)``.
  The CI is a seeded (deterministic) percentile bootstrap of the difference of the two means,
  resampling the per-seed differences of each set independently (the two sets are treated as
  independent samples);
- **insufficient data**: same verdict, fewer than 2 finite per-seed differences on a side;
- **unchanged**: otherwise. Identity claims (max error vs tolerance) are flipped when the
  verdict differs and unchanged otherwise; their max errors are shown side by side.

Claims found on one side only are listed as "only in base" / "only in new". Exit status of
``claims compare``: 1 when something flipped or drifted, 2 when a file could not be read (the
rest is still compared and printed), 0 otherwise.
"""
from __future__ import annotations

import json
import math
import sys
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .resultset import (ci, collect, dedupe, env_sort_key, estimate, finished, fmt, is_identity,
                        num, seed_diffs, version_tuple)

DEFAULT_FLOOR = 0.25
TINY = 1e-9
CI_LEVEL = 0.95
N_BOOT = 10000
BOOT_SEED = 20261121

UNCHANGED, DRIFTED, FLIPPED, INSUFFICIENT = "unchanged", "drifted", "flipped", "insufficient data"
ONLY_BASE, ONLY_NEW = "only in base", "only in new"
STATUS_ORDER = (FLIPPED, DRIFTED, INSUFFICIENT, ONLY_BASE, ONLY_NEW, UNCHANGED)


@dataclass
class Change:
    id: str
    profile: str
    status: str
    kind: str = ""
    base_verdict: str | None = None
    new_verdict: str | None = None
    base_estimate: float | None = None      # mean(a - b); identity: max error
    new_estimate: float | None = None
    base_ci: tuple[float, float] | None = None
    new_ci: tuple[float, float] | None = None
    base_n: int | None = None
    new_n: int | None = None
    base_env: str | None = None
    new_env: str | None = None
    change: float | None = None             # mean(new diffs) - mean(base diffs)
    change_ci: tuple[float, float] | None = None
    threshold: float | None = None          # floor * max(|base estimate|, delta, tiny)
    tolerance: float | None = None          # identity claims
    base_path: str | None = None
    new_path: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.status in (FLIPPED, DRIFTED)

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for k, v in d.items():
            if isinstance(v, float) and not math.isfinite(v):
                d[k] = str(v)
            if isinstance(v, tuple):
                d[k] = [x if math.isfinite(x) else str(x) for x in v]
        return d


def bootstrap_mean_difference(base: list[float], new: list[float], *, seed: int = BOOT_SEED,
                              n_boot: int = N_BOOT, level: float = CI_LEVEL) -> tuple[float, float]:
    """Percentile CI of mean(new) - mean(base), resampling each sample independently (seeded)."""
    rng = np.random.default_rng(seed)
    b, n = np.asarray(base, dtype=np.float64), np.asarray(new, dtype=np.float64)
    mb = b[rng.integers(0, b.size, size=(n_boot, b.size))].mean(axis=1)
    mn = n[rng.integers(0, n.size, size=(n_boot, n.size))].mean(axis=1)
    d = mn - mb
    lo, hi = np.quantile(d, [(1 - level) / 2, 1 - (1 - level) / 2])
    return float(lo), float(hi)


def _index(results: list[dict[str, Any]], side: str) -> tuple[dict[tuple[str, str], dict[str, Any]], list[str]]:
    """(claim id, profile) -> result; with several environments for one key, the newest wins."""
    results, warnings = dedupe(results)
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for r in results:
        k = (r["claim"]["id"], str(r.get("profile")))
        old = out.get(k)
        if old is None:
            out[k] = r
            continue
        keep = max((old, r), key=lambda x: (version_tuple(str(x.get("env_key"))), finished(x)))
        drop = r if keep is old else old
        out[k] = keep
        warnings.append(f"{side}: {k[0]} ({k[1]}) has results for several environments; comparing "
                        f"{keep.get('env_key')} ({keep.get('_path')}), ignoring {drop.get('env_key')}")
    return out, warnings


def compare_pair(base: dict[str, Any], new: dict[str, Any], floor: float = DEFAULT_FLOOR) -> Change:
    """Classify one claim present in both sets (same id and profile)."""
    c = new["claim"]
    ch = Change(id=c["id"], profile=str(new.get("profile")), status=UNCHANGED, kind=str(c.get("kind")),
                base_verdict=base["summary"]["verdict"], new_verdict=new["summary"]["verdict"],
                base_estimate=estimate(base), new_estimate=estimate(new),
                base_env=base.get("env_key"), new_env=new.get("env_key"),
                base_n=base["summary"].get("n"), new_n=new["summary"].get("n"),
                base_path=base.get("_path"), new_path=new.get("_path"))
    if not is_identity(new):
        ch.base_ci, ch.new_ci = ci(base), ci(new)
    else:
        ch.tolerance = num(c.get("tolerance"))
    bc, nc = base["claim"], new["claim"]
    if bc.get("code_hash") and nc.get("code_hash") and bc.get("code_hash") != nc.get("code_hash"):
        ch.notes.append(f"claim module changed (code_hash {bc.get('code_hash')} -> {nc.get('code_hash')})")
    for key in ("delta", "direction", "kind", "arms", "tolerance"):
        if bc.get(key) != nc.get(key):
            ch.notes.append(f"claim {key} changed: {bc.get(key)!r} -> {nc.get(key)!r}")
    if ch.base_verdict != ch.new_verdict:
        ch.status = FLIPPED
    if is_identity(new) or is_identity(base):
        return ch
    db, dn = seed_diffs(base), seed_diffs(new)
    ch.base_n, ch.new_n = len(db), len(dn)
    if len(db) < 2 or len(dn) < 2:
        if ch.status != FLIPPED:
            ch.status = INSUFFICIENT
        return ch
    ch.change = float(np.mean(dn) - np.mean(db))
    seed = (BOOT_SEED + zlib.crc32(f"{ch.id}|{ch.profile}".encode())) % 2**32
    ch.change_ci = bootstrap_mean_difference(db, dn, seed=seed)
    scale = max(abs(ch.base_estimate) if math.isfinite(ch.base_estimate) else 0.0,
                abs(num(c.get("delta"))) if math.isfinite(num(c.get("delta"))) else 0.0, TINY)
    ch.threshold = floor * scale
    excludes_zero = ch.change_ci[0] > 0 or ch.change_ci[1] < 0
    if ch.status != FLIPPED and excludes_zero and abs(ch.change) > ch.threshold:
        ch.status = DRIFTED
    return ch


def compare_sets(base: list[dict[str, Any]], new: list[dict[str, Any]],
                 floor: float | None = DEFAULT_FLOOR) -> list[Change]:
    """Every (claim id, profile) of either set, classified; sorted by status, then id."""
    floor = DEFAULT_FLOOR if floor is None else float(floor)
    if not floor >= 0:
        raise ValueError(f"floor must be >= 0, got {floor}")
    bi, _ = _index(base, "base")
    ni, _ = _index(new, "new")
    changes: list[Change] = []
    for k in sorted(set(bi) | set(ni)):
        b, n = bi.get(k), ni.get(k)
        if b is not None and n is not None:
            changes.append(compare_pair(b, n, floor))
        else:
            r = b if b is not None else n
            changes.append(Change(
                id=k[0], profile=k[1], status=ONLY_BASE if n is None else ONLY_NEW,
                kind=str(r["claim"].get("kind")),
                base_verdict=b["summary"]["verdict"] if b else None,
                new_verdict=n["summary"]["verdict"] if n else None,
                base_estimate=estimate(b) if b else None, new_estimate=estimate(n) if n else None,
                base_env=b.get("env_key") if b else None, new_env=n.get("env_key") if n else None,
                base_path=b.get("_path") if b else None, new_path=n.get("_path") if n else None))
    changes.sort(key=lambda c: (STATUS_ORDER.index(c.status), c.id, c.profile))
    return changes


# ------------------------------------------------------------------------------ text output
def _ci_text(c: tuple[float, float] | None) -> str:
    return "—" if not c else f"[{fmt(c[0])}, {fmt(c[1])}]"


def describe(ch: Change) -> str:
    """One readable block for a change."""
    head = f"{ch.status.upper():<17} {ch.id} ({ch.profile})"
    if ch.status in (ONLY_BASE, ONLY_NEW):
        side = "base" if ch.status == ONLY_BASE else "new"
        v = ch.base_verdict if side == "base" else ch.new_verdict
        e = ch.base_env if side == "base" else ch.new_env
        return f"{head}: {v} in {e}"
    lines = [head]
    if ch.kind == "identity":
        lines.append(f"    verdict    {ch.base_verdict} -> {ch.new_verdict}; max error {fmt(ch.base_estimate)} "
                     f"-> {fmt(ch.new_estimate)} (tolerance {fmt(ch.tolerance)})")
    else:
        lines.append(f"    verdict    {ch.base_verdict} -> {ch.new_verdict}")
        lines.append(f"    estimate   {fmt(ch.base_estimate)} {_ci_text(ch.base_ci)} n={ch.base_n} -> "
                     f"{fmt(ch.new_estimate)} {_ci_text(ch.new_ci)} n={ch.new_n}")
        if ch.change is not None:
            lines.append(f"    change     {ch.change:+.4g} {_ci_text(ch.change_ci)} (drift floor {fmt(ch.threshold)})")
    lines.append(f"    envs       {ch.base_env} -> {ch.new_env}")
    lines += [f"    note       {n}" for n in ch.notes]
    return "\n".join(lines)


def side_by_side(ch: Change, base: dict[str, Any], new: dict[str, Any]) -> str:
    """Old and new next to each other (used by the pytest plugin's --claims-baseline check)."""
    rows = [("", f"baseline ({base.get('env_key')})", f"now ({new.get('env_key')})"),
            ("verdict", str(ch.base_verdict), str(ch.new_verdict))]
    if ch.kind == "identity":
        rows.append(("max error", fmt(ch.base_estimate), fmt(ch.new_estimate)))
        rows.append(("tolerance", fmt(ch.tolerance), fmt(ch.tolerance)))
    else:
        rows.append(("estimate", fmt(ch.base_estimate), fmt(ch.new_estimate)))
        rows.append(("95% CI", _ci_text(ch.base_ci), _ci_text(ch.new_ci)))
    rows.append(("n", str(ch.base_n), str(ch.new_n)))
    rows.append(("env", str(base.get("env_key")), str(new.get("env_key"))))
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    text = [f"baseline check: {ch.status} against {base.get('_path')}"]
    text += [f"    {a:<{w0}}  {b:<{w1}}  {c}" for a, b, c in rows]
    if ch.change is not None:
        text.append(f"    change in mean(a - b): {ch.change:+.4g} {_ci_text(ch.change_ci)}, "
                    f"drift floor {fmt(ch.threshold)}")
    text += [f"    note: {n}" for n in ch.notes]
    return "\n".join(text)


def main_compare(args: Any) -> int:
    base_set, new_set = collect([args.base]), collect([args.new])
    changes = compare_sets(base_set.results, new_set.results, floor=getattr(args, "floor", None))
    errors = base_set.errors + new_set.errors
    _, wb = _index(base_set.results, "base")
    _, wn = _index(new_set.results, "new")
    warnings = wb + wn
    counts = {s: sum(c.status == s for c in changes) for s in STATUS_ORDER}
    if getattr(args, "json", False):
        json.dump({"base": str(args.base), "new": str(args.new),
                   "floor": DEFAULT_FLOOR if getattr(args, "floor", None) is None else args.floor,
                   "counts": counts, "changes": [c.as_dict() for c in changes],
                   "errors": errors, "warnings": warnings}, sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        print(f"claims compare: base {args.base} ({len(base_set.results)} results) vs new {args.new} "
              f"({len(new_set.results)} results)")
        for c in changes:
            if c.status != UNCHANGED:
                print(describe(c))
        print(", ".join(f"{n} {s}" for s, n in counts.items()))
    for w in warnings:
        print(f"claims compare: warning: {w}", file=sys.stderr)
    for e in errors:
        print(f"claims compare: error: {e}", file=sys.stderr)
    if errors:
        return 2
    return 1 if any(c.changed for c in changes) else 0


# ------------------------------------------------------------------------------ pytest baseline
def _baseline_candidates(result: dict[str, Any], baseline_dir: Path) -> list[Path]:
    cid = result["claim"]["id"]
    return sorted(p for p in baseline_dir.rglob(f"{cid}.json") if p.is_file())


def check_against_baseline(result: dict[str, Any], baseline_dir: str | Path,
                           floor: float = DEFAULT_FLOOR) -> str | None:
    """None when the claim is unchanged against the baseline (or has none, or too few seeds);
    otherwise a message with old and new side by side. Prefers a baseline of the same env_key."""
    from .results import ResultFileError, load_result
    root = Path(baseline_dir)
    cid, profile = result["claim"]["id"], str(result.get("profile"))
    found, bad = [], []
    for p in _baseline_candidates(result, root):
        try:
            r = load_result(p)
        except ResultFileError as e:
            bad.append(str(e))
            continue
        if r["claim"]["id"] == cid and str(r.get("profile")) == profile:
            r["_path"] = str(p)
            found.append(r)
    if not found:
        if bad:
            return "baseline check: baseline file unreadable: " + "; ".join(bad)
        return None
    same_env = [r for r in found if r.get("env_key") == result.get("env_key")]
    pool = same_env or found
    base = max(pool, key=lambda r: (env_sort_key((str(r.get("env_key")), profile))[0], finished(r)))
    ch = compare_pair(base, result, floor)
    if not ch.changed:
        return None
    return side_by_side(ch, base, result)
