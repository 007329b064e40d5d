"""Synthetic result files (schema v1) for the report / compare / export tests.

Summaries are computed by the real statistics (harness.deciding.stats), so a planted change in the per-seed
values gives the verdict the suite would give; nothing here hard-codes a verdict.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from harness.deciding import stats
from harness.storing.results import SCHEMA, SCHEMA_VERSION, write_result
from harness.running.seeds import derive_seed

GLOBAL_SEED = 20261121


def paired_values(n: int, mean_diff: float, *, base: float = 0.8, noise: float = 0.01,
                  seed: int = 0) -> tuple[list[float], list[float]]:
    rng = np.random.default_rng(seed)
    b = base + noise * rng.standard_normal(n)
    a = b + mean_diff + noise * rng.standard_normal(n)
    return a.tolist(), b.tolist()


def make_result(cid: str, *, a: Sequence[float] | None = None, b: Sequence[float] | None = None,
                errors: Sequence[float] | None = None, env_key: str = "torch-2.13.0-cpu",
                profile: str = "ci", direction: str = "greater", delta: float = 0.02,
                tolerance: float = 1e-10, topic: str = "testing", expect: str = "supported",
                document: str = "001_21bdbe3614939729.txt", quote: str | None = None,
                figures: dict[str, Any] | None = None, finished: str = "2026-11-21T05:00:00+00:00",
                torch_version: str | None = None, summary: dict[str, Any] | None = None) -> dict[str, Any]:
    """A complete result dict: identity if ``errors`` is given, otherwise paired arms a/b.

    ``summary`` replaces the computed one (for results the statistics cannot produce, e.g. 1 seed)."""
    identity = errors is not None
    kind = "identity" if identity else ("equivalence" if direction == "equivalent" else "comparative")
    arms = ["fast", "slow"]
    torch_version = torch_version or (env_key.split("-") + ["?", "?"])[1]
    given = summary
    if identity:
        summary = stats.identity_verdict(list(errors), tolerance)
        arm_values = {"error": list(errors)}
        n_seeds = 1
    elif given is None:
        summary = stats.compare_paired(list(a), list(b), direction=direction, delta=delta, alpha=0.001).as_dict()
    if not identity:
        arm_values = {arms[0]: list(a), arms[1]: list(b)}
        n_seeds = len(a)
    if given is not None:
        summary = dict(given)
    summary.update(look=1, looks_planned=1, alpha_family=0.001)
    claim = {
        "id": cid, "statement": f"Statement of {cid}: fast beats slow.", "topic": topic, "kind": kind,
        "metric": "test accuracy (fraction)", "arms": arms,
        "direction": "holds" if identity else direction, "delta": 0.0 if identity else delta,
        "alpha": 0.001, "tolerance": tolerance if identity else None,
        "sources": [{"document": document, "section": "Some section", "lines": [10, 12],
                     "quote": quote or f"The document says {cid} is true."}],
        "expect": expect, "expect_reason": "measured in the factory", "document_figures": figures or {},
        "sizes": {"ci": {"seeds": [n_seeds]}}, "requires": {}, "notes": "", "module": "claims/x/test_x.py",
        "executable": True, "code_hash": "0123456789abcdef",
    }
    return {
        "schema": SCHEMA, "schema_version": SCHEMA_VERSION, "claim": claim, "profile": profile,
        "env_key": env_key,
        "environment": {"torch": torch_version, "torch_full_version": torch_version + "+cpu",
                        "device": {"type": "cpu", "name": "test cpu"}, "python": "3.11.7", "numpy": "2",
                        "scipy": "1", "platform": "linux", "cpu": "test cpu", "cpu_count": 2,
                        "determinism": {"use_deterministic_algorithms": True}, "worker": None},
        "config": {"global_seed": GLOBAL_SEED, "sizes": {"seeds": [n_seeds]}, "seed_schedule": [n_seeds],
                   "alpha_per_look": [0.001], "device_requested": "cpu"},
        "data": [],
        "seeds": {"indices": list(range(n_seeds)),
                  "values": [derive_seed(GLOBAL_SEED, cid, i) for i in range(n_seeds)]},
        "arms": arm_values, "extra": {}, "notes": {}, "looks": [dict(summary)], "summary": summary,
        "expected": expect, "matches_expectation": summary["verdict"] == expect,
        "timing": {"started": "2026-11-21T04:59:58+00:00", "finished": finished, "seconds_total": 2.5,
                   "seconds_per_look": [2.5], "cpu_seconds": 2.25},
        "git": {"commit": "abc123", "dirty": False},
        "command": f"pytest claims/x/test_x.py::{cid} --claims-profile={profile} --claims-seed={GLOBAL_SEED} "
                   "--claims-device=cpu",
    }


def standard_set(env_key: str = "torch-2.13.0-cpu") -> list[dict[str, Any]]:
    """Four claims: supported, refuted, inconclusive-ish (tiny n), identity."""
    a1, b1 = paired_values(16, 0.10, seed=1)
    a2, b2 = paired_values(16, 0.00, seed=2)
    a3, b3 = paired_values(16, 0.03, noise=0.05, seed=3)
    return [
        make_result("alpha-supported", a=a1, b=b1, env_key=env_key, figures={"fast": 0.95, "gap": "10 points"}),
        make_result("beta-refuted", a=a2, b=b2, env_key=env_key, expect="refuted", topic="numerics",
                    document="002_011bd4079aac2586.txt", quote="Beta is <b>bold</b> & true."),
        make_result("gamma-noisy", a=a3, b=b3, env_key=env_key, expect="inconclusive"),
        make_result("delta-identity", errors=[1e-16, 2e-16, 0.0], env_key=env_key, topic="numerics"),
    ]


def write_set(results: list[dict[str, Any]], root: Path) -> list[Path]:
    return [write_result(copy.deepcopy(r), root) for r in results]


def benchmark_file(path: Path, ratios: dict[str, float]) -> Path:
    """A pytest-benchmark-shaped JSON with batched / per_seed_loop pairs at the given speed ratios."""
    benches = []
    for exp, ratio in ratios.items():
        for engine, mean in (("batched", 0.5), ("per_seed_loop", 0.5 * ratio)):
            benches.append({"group": f"engine: {exp}", "name": f"test_engine_speed[{engine}-{exp}]",
                            "fullname": f"tests/benchmarks/test_engine_speed.py::test_engine_speed[{engine}-{exp}]",
                            "params": {"engine": engine, "experiment": exp},
                            "extra_info": {"engine": engine, "experiment": exp, "seeds": 16, "epochs": 5,
                                           "threads": 1},
                            "stats": {"min": mean * 0.9, "max": mean * 1.1, "mean": mean, "stddev": mean * 0.05,
                                      "rounds": 3, "median": mean, "iterations": 1, "ops": 1 / mean}})
    data = {"machine_info": {"node": "test", "cpu": {"brand_raw": "Test CPU"}}, "commit_info": {},
            "benchmarks": benches, "datetime": "2026-11-21T05:00:00", "version": "5.2.3"}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1))
    return path
