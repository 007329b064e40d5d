"""Result files as tables: ``claims.<fmt>`` (one row per claim x environment x profile) and
``seeds.<fmt>`` (one row per stored per-seed value, long format), as CSV or Parquet.

Unreadable files are reported on stderr and skipped; the exit status is 0 when at least one
result was exported, 1 when none could be read.
"""
from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Any

from .resultset import arm_names, ci, collect, cpu_seconds, dedupe, estimate, is_identity, num, seconds

CLAIM_COLUMNS = ["id", "topic", "kind", "profile", "env_key", "torch", "device", "verdict", "expected",
                 "matches_expectation", "estimate", "ci_low", "ci_high", "p_value", "p_refute", "n",
                 "delta", "alpha", "tolerance", "direction", "metric", "arm_a", "arm_b", "test", "seconds",
                 "cpu_seconds", "git_commit", "git_dirty", "code_hash", "global_seed", "sources",
                 "statement", "finished", "file"]
SEED_COLUMNS = ["id", "env_key", "profile", "role", "arm", "position", "seed_index", "seed", "value"]


def claim_row(r: dict[str, Any]) -> dict[str, Any]:
    c, s = r["claim"], r["summary"]
    env = r.get("environment") or {}
    dev = env.get("device") or {}
    lo, hi = ci(r)
    arms = arm_names(r)
    git = r.get("git") or {}
    return {
        "id": c["id"], "topic": c.get("topic"), "kind": c.get("kind"), "profile": r.get("profile"),
        "env_key": r.get("env_key"), "torch": env.get("torch"),
        "device": dev.get("type") if not dev.get("name") else f"{dev.get('type')}: {dev.get('name')}",
        "verdict": s.get("verdict"), "expected": r.get("expected"),
        "matches_expectation": r.get("matches_expectation"),
        "estimate": estimate(r), "ci_low": lo, "ci_high": hi,
        "p_value": num(s.get("p_value")), "p_refute": num(s.get("p_refute")),
        "n": s.get("n"), "delta": num(c.get("delta")), "alpha": num(c.get("alpha")),
        "tolerance": num(c.get("tolerance")), "direction": c.get("direction"), "metric": c.get("metric"),
        "arm_a": None if is_identity(r) else arms[0], "arm_b": None if is_identity(r) else arms[1],
        "test": s.get("test"), "seconds": seconds(r), "cpu_seconds": cpu_seconds(r),
        "git_commit": git.get("commit"), "git_dirty": git.get("dirty"), "code_hash": c.get("code_hash"),
        "global_seed": (r.get("config") or {}).get("global_seed"),
        "sources": "; ".join(f"{x.get('document')} l.{x.get('lines', ['?', '?'])[0]}-{x.get('lines', ['?', '?'])[-1]}"
                             f" ({x.get('section')})" for x in c.get("sources") or []),
        "statement": c.get("statement"), "finished": (r.get("timing") or {}).get("finished"),
        "file": r.get("_path"),
    }


def seed_rows(r: dict[str, Any]) -> list[dict[str, Any]]:
    """Per-seed values of the arms (identity: per-case errors of the single seed) and numeric extras."""
    seeds = r.get("seeds") or {}
    idx, vals = list(seeds.get("indices") or []), list(seeds.get("values") or [])
    base = {"id": r["claim"]["id"], "env_key": r.get("env_key"), "profile": r.get("profile")}
    rows = []
    ident = is_identity(r)
    groups = [("arm", k, v) for k, v in r["arms"].items()]
    groups += [("extra", k, v) for k, v in (r.get("extra") or {}).items()]
    for role, name, values in groups:
        if not isinstance(values, list):
            continue
        per_seed = not ident and len(values) == len(idx)
        for i, v in enumerate(values):
            if isinstance(v, (dict, list)) or (isinstance(v, str) and math.isnan(num(v)) and v != "nan"):
                continue                           # non-numeric extras stay in the JSON
            if per_seed:
                si, sv = idx[i], vals[i]
            elif ident and idx:
                si, sv = idx[0], vals[0]
            else:
                si, sv = None, None
            rows.append({**base, "role": role, "arm": name, "position": i, "seed_index": si,
                         "seed": sv, "value": num(v)})
    return rows


def tables(results: list[dict[str, Any]]):
    import pandas as pd
    results, _ = dedupe(results)
    results = sorted(results, key=lambda r: (r["claim"]["id"], str(r.get("env_key")), str(r.get("profile"))))
    claims = pd.DataFrame([claim_row(r) for r in results], columns=CLAIM_COLUMNS)
    seeds = pd.DataFrame([row for r in results for row in seed_rows(r)], columns=SEED_COLUMNS)
    seeds["seed_index"] = seeds["seed_index"].astype("Int64")
    seeds["seed"] = seeds["seed"].astype("Int64")      # 63-bit seeds fit
    claims["n"] = claims["n"].astype("Int64")
    return claims, seeds


def main_export(args: Any) -> int:
    fmt = getattr(args, "format", "csv") or "csv"
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise RuntimeError("parquet export needs the 'pyarrow' package (pip install pyarrow); "
                               "or use --format csv") from None
    elif fmt != "csv":
        raise ValueError(f"unknown format {fmt!r}; choose csv or parquet")
    rs = collect(args.results)
    for e in rs.errors:
        print(f"claims export: error: {e}", file=sys.stderr)
    results, warnings = dedupe(rs.results)
    for w in warnings:
        print(f"claims export: warning: {w}", file=sys.stderr)
    if not results:
        print("claims export: no result could be read; nothing written", file=sys.stderr)
        return 1
    claims, seeds = tables(results)
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / f"claims.{fmt}", out / f"seeds.{fmt}"]
    for df, p in zip((claims, seeds), paths):
        if fmt == "csv":
            df.to_csv(p, index=False)
        else:
            df.to_parquet(p, index=False)
    print(f"claims export: {len(claims)} claim rows -> {paths[0]}; {len(seeds)} value rows -> {paths[1]}")
    return 0
