"""Verdict flips and effect drift between two result sets (e.g. two torch versions).

Results are matched on (claim id, profile). Every claim gets one status; the statuses marked
(fails) make ``claims compare`` exit 1 and fail the ``--claims-baseline`` check, each with a named
reason; nothing passes silently:

- **flipped** (fails): the verdict differs (any change, e.g. supported -> inconclusive);
- **drifted** (fails): same verdict, but the effect moved: the change in mean(a - b) has a 95% CI
  that excludes zero AND |change| exceeds ``floor * max(|base estimate|, claim delta, 1e-9)``.
  The CI is a seeded (deterministic) percentile bootstrap of the difference of the two means,
  resampling the per-seed differences of each set independently;
  A speed claim (``measures_time``: its arms are timings) never drifts: its moved effect is a note.
- **error** (fails): a side holds an error outcome (summary.verdict "error": the claim could not
  run, e.g. missing data), never a verdict; the reason is the stored error message;
- **non-finite values** (fails): a side's per-seed values (or identity errors, or the estimate)
  hold NaN or infinity, so drift cannot be judged;
- **insufficient data** (fails): same verdict, fewer than 2 per-seed differences on a side;
- **missing in new** (fails): the base has the claim, the new set does not;
- **only in new**: the new set has a claim the base lacks (listed, does not fail: the base is the
  reference; the pytest baseline check, which is per claim, does fail it);
- **unchanged**: otherwise. Identity claims (max error vs tolerance) are flipped when the verdict
  differs and unchanged otherwise; their max errors are shown side by side.

Exit status of ``claims compare``: 0 nothing failed; 1 something flipped, drifted, is missing,
errored, has non-finite values or too little data; 2 a usage error or unreadable input (a path
that does not exist, a side with no readable result, any unreadable file: the rest is still
compared and printed); 3 an internal error (see harness.cli).
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

from harness.storing.resultset import (arm_names, ci, collect, dedupe, env_sort_key, estimate, family, finished, fmt,
                        is_identity, num, nums, seed_diffs, version_tuple)
from harness.storing.results import ERROR_SUFFIX, ResultFileError, load_result
from harness.storing.schema import ERROR

DEFAULT_FLOOR = 0.25
TINY = 1e-9
CI_LEVEL = 0.95
N_BOOT = 10000
BOOT_SEED = 20261121

UNCHANGED, DRIFTED, FLIPPED, INSUFFICIENT = "unchanged", "drifted", "flipped", "insufficient data"
ERRORED, NONFINITE = "error", "non-finite values"
MISSING, ONLY_NEW = "missing in new", "only in new"
ONLY_BASE = MISSING                       # the old name of "in base, not in new"
STATUS_ORDER = (FLIPPED, DRIFTED, ERRORED, NONFINITE, INSUFFICIENT, MISSING, ONLY_NEW, UNCHANGED)
FAILING = frozenset({FLIPPED, DRIFTED, ERRORED, NONFINITE, INSUFFICIENT, MISSING})
EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2


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
    reason: str = ""                        # one line: why this status (set for every failing one)
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.status in (FLIPPED, DRIFTED)

    @property
    def failed(self) -> bool:
        """Flipped, drifted, errored, non-finite, too little data or missing: a named failure."""
        return self.status in FAILING

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
        k = (r["claim"]["id"], family(r))
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


def _error_text(r: dict[str, Any]) -> str:
    e = r.get("error") or {}
    return f"{e.get('type', 'error')}: {e.get('message', r['summary'].get('message', 'no message'))}"


def _nonfinite(r: dict[str, Any]) -> str | None:
    """What is non-finite in a result's raw values or headline estimate, or None."""
    names = ["error"] if is_identity(r) else arm_names(r)
    bad = []
    for name in names:
        values = nums(r["arms"].get(name))
        k = sum(not math.isfinite(v) for v in values)
        if k:
            bad.append(f"{k} of {len(values)} values of {name!r}")
    if not bad and not is_identity(r) and not math.isfinite(estimate(r)):
        bad.append(f"the estimate is {fmt(estimate(r))}")
    return ", ".join(bad) or None


def compare_pair(base: dict[str, Any], new: dict[str, Any], floor: float = DEFAULT_FLOOR) -> Change:
    """Classify one claim present in both sets (same id and profile)."""
    c = new["claim"]
    ch = Change(id=c["id"], profile=family(new), status=UNCHANGED, kind=str(c.get("kind")),
                base_verdict=base["summary"]["verdict"], new_verdict=new["summary"]["verdict"],
                base_estimate=estimate(base), new_estimate=estimate(new),
                base_env=base.get("env_key"), new_env=new.get("env_key"),
                base_n=base["summary"].get("n"), new_n=new["summary"].get("n"),
                base_path=base.get("_path"), new_path=new.get("_path"))
    errors = [f"{side}: {_error_text(r)}" for side, r in (("base", base), ("new", new))
              if r["summary"]["verdict"] == ERROR]
    if errors:
        ch.status = ERRORED
        ch.reason = "error outcome, not a verdict (" + "; ".join(errors) + ")"
        return ch
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
    nonfinite = [f"{side}: {text}" for side, r in (("base", base), ("new", new)) if (text := _nonfinite(r))]
    if ch.base_verdict != ch.new_verdict:
        ch.status = FLIPPED
        ch.reason = f"verdict {ch.base_verdict} -> {ch.new_verdict}"
        if nonfinite:
            ch.notes.append("non-finite values (" + "; ".join(nonfinite) + ")")
    elif nonfinite:
        ch.status = NONFINITE
        ch.reason = "NaN or infinite values, drift cannot be judged (" + "; ".join(nonfinite) + ")"
    if is_identity(new) or is_identity(base) or ch.status == NONFINITE:
        return ch
    db, dn = seed_diffs(base), seed_diffs(new)
    ch.base_n, ch.new_n = len(db), len(dn)
    if len(db) < 2 or len(dn) < 2:
        if ch.status != FLIPPED:
            ch.status = INSUFFICIENT
            ch.reason = (f"fewer than 2 per-seed differences (base {len(db)}, new {len(dn)}): "
                         "drift cannot be judged")
        return ch
    ch.change = float(np.mean(dn) - np.mean(db))
    seed = (BOOT_SEED + zlib.crc32(f"{ch.id}|{ch.profile}".encode())) % 2**32
    ch.change_ci = bootstrap_mean_difference(db, dn, seed=seed)
    scale = max(abs(ch.base_estimate) if math.isfinite(ch.base_estimate) else 0.0,
                abs(num(c.get("delta"))) if math.isfinite(num(c.get("delta"))) else 0.0, TINY)
    ch.threshold = floor * scale
    excludes_zero = ch.change_ci[0] > 0 or ch.change_ci[1] < 0
    if ch.status != FLIPPED and excludes_zero and abs(ch.change) > ch.threshold and nc.get("measures_time"):
        ch.notes.append(f"a timing moved by {ch.change:+.4g} {_ci_text(ch.change_ci)}, beyond the drift floor "
                        f"{fmt(ch.threshold)}: not a failure (timings move with the machine's load)")
    elif ch.status != FLIPPED and excludes_zero and abs(ch.change) > ch.threshold:
        ch.status = DRIFTED
        ch.reason = (f"effect moved by {ch.change:+.4g} {_ci_text(ch.change_ci)}, beyond the drift floor "
                     f"{fmt(ch.threshold)}")
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
                id=k[0], profile=k[1], status=MISSING if n is None else ONLY_NEW,
                reason=(f"in base ({b.get('_path') or b.get('env_key')}) but not in the new set" if n is None
                        else "not in base (a new claim? refresh the baseline, docs/reports.md)"),
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
    if ch.status in (MISSING, ONLY_NEW):
        side = "base" if ch.status == MISSING else "new"
        v = ch.base_verdict if side == "base" else ch.new_verdict
        e = ch.base_env if side == "base" else ch.new_env
        return f"{head}: {v} in {e}; {ch.reason}"
    lines = [head + (f": {ch.reason}" if ch.reason else "")]
    if ch.status == ERRORED:
        lines.append(f"    files      {ch.base_path} -> {ch.new_path}")
        return "\n".join(lines)
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
    text = [f"baseline check: {ch.status} against {base.get('_path')}" + (f": {ch.reason}" if ch.reason else "")]
    text += [f"    {a:<{w0}}  {b:<{w1}}  {c}" for a, b, c in rows]
    if ch.change is not None:
        text.append(f"    change in mean(a - b): {ch.change:+.4g} {_ci_text(ch.change_ci)}, "
                    f"drift floor {fmt(ch.threshold)}")
    text += [f"    note: {n}" for n in ch.notes]
    return "\n".join(text)


def _empty_side(label: str, path: Any, rs: Any) -> str | None:
    if rs.results:
        return None
    why = f"{len(rs.errors)} file(s) could not be read" if rs.errors else "no claims result files (*.json) there"
    return (f"{label} {path} holds no readable claims result ({why}): nothing to compare. Fix: pass a "
            f"result directory laid out as <env_key>/<profile>/<claim-id>.json (e.g. reports/results/"
            f"torch-2.13.0-cpu), or regenerate it with pytest claims/")


def main_compare(args: Any) -> int:
    """``claims compare BASE NEW``: prints the changes; returns the exit status (module docstring)."""
    floor = getattr(args, "floor", None)
    if floor is not None and not (math.isfinite(floor) and floor >= 0):
        raise ValueError(f"--floor {floor}: must be a finite number >= 0 (default {DEFAULT_FLOOR})")
    base_set, new_set = collect([args.base]), collect([args.new])
    changes = compare_sets(base_set.results, new_set.results, floor=floor)
    errors = base_set.errors + new_set.errors
    errors += [e for e in (_empty_side("base", args.base, base_set), _empty_side("new", args.new, new_set)) if e]
    _, wb = _index(base_set.results, "base")
    _, wn = _index(new_set.results, "new")
    warnings = wb + wn
    counts = {s: sum(c.status == s for c in changes) for s in STATUS_ORDER}
    failing = [c for c in changes if c.failed]
    rc = EXIT_INPUT if errors else (EXIT_FAILED if failing else EXIT_OK)
    if getattr(args, "json", False):
        json.dump({"base": str(args.base), "new": str(args.new),
                   "floor": DEFAULT_FLOOR if floor is None else floor, "exit_status": rc,
                   "counts": counts, "failing": len(failing), "changes": [c.as_dict() for c in changes],
                   "errors": errors, "warnings": warnings}, sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        print(f"claims compare: base {args.base} ({len(base_set.results)} results) vs new {args.new} "
              f"({len(new_set.results)} results)")
        for c in changes:
            if c.status != UNCHANGED:
                print(describe(c))
        print(", ".join(f"{n} {s}" for s, n in counts.items()))
        verdict = {EXIT_OK: "nothing failed", EXIT_FAILED: f"{len(failing)} failing (exit 1)",
                   EXIT_INPUT: f"unreadable input (exit 2); {len(failing)} failing among what could be read"}
        print(f"claims compare: {verdict[rc]}")
    for w in warnings:
        print(f"claims compare: warning: {w}", file=sys.stderr)
    for e in errors:
        print(f"claims compare: error: {e}", file=sys.stderr)
    return rc


# ------------------------------------------------------------------------------ pytest baseline
BASELINE_FIX = ("Fix: refresh the baseline after reviewing the results (docs/reports.md, \"Refreshing a "
                "baseline\"), or point --claims-baseline at the directory that holds them")


def _baseline_candidates(result: dict[str, Any], baseline_dir: Path) -> list[Path]:
    cid = result["claim"]["id"]
    return sorted(p for name in (f"{cid}.json", f"{cid}{ERROR_SUFFIX}")
                  for p in baseline_dir.rglob(name) if p.is_file())


def _baseline_envs(baseline_dir: Path) -> list[str]:
    """The <env_key>/<profile> folders under a baseline directory that hold result files."""
    found = set()
    for p in baseline_dir.rglob("*.json"):
        if p.parent.parent.name.startswith("torch-"):
            found.add(f"{p.parent.parent.name}/{p.parent.name}")
    return sorted(found)


def check_against_baseline(result: dict[str, Any], baseline_dir: str | Path,
                           floor: float = DEFAULT_FLOOR) -> str | None:
    """None when the claim is unchanged against its baseline; otherwise the named failure.

    The baseline is the result of the same claim id, profile and environment (env_key) under
    ``baseline_dir``. Fails: a flip, drift, error outcome, non-finite values or too few seeds (same
    rules as ``claims compare``, with old and new side by side); an unreadable baseline file; no
    baseline for this environment at all; no entry for this claim (a new claim: refresh the
    baseline). Baselines of other environments are never used in place of this one's."""
    root = Path(baseline_dir)
    cid, profile, env = result["claim"]["id"], family(result), str(result.get("env_key"))
    found, bad = [], []
    for p in _baseline_candidates(result, root):
        try:
            r = load_result(p)
        except ResultFileError as e:
            bad.append(str(e))
            continue
        if r["claim"]["id"] == cid and family(r) == profile and str(r.get("env_key")) == env:
            r["_path"] = str(p)
            found.append(r)
    if bad:
        return "baseline check: baseline file unreadable: " + "; ".join(bad)
    if not found:
        envs = _baseline_envs(root)
        if f"{env}/{profile}" not in envs:
            has = ", ".join(envs) if envs else "no result files at all"
            return (f"baseline check: {root} has no baseline for {env}/{profile} (it has: {has}), so "
                    f"{cid} cannot be checked. {BASELINE_FIX}.")
        return (f"baseline check: no baseline entry for {cid} in {root} ({env}/{profile}): a new claim? "
                f"{BASELINE_FIX} (copy its result file into {env}/{profile}/).")
    base = max(found, key=finished)
    ch = compare_pair(base, result, floor)
    if not ch.failed:
        return None
    return side_by_side(ch, base, result)
