"""Reading result sets for the reporting commands (report, compare, export).

:func:`collect` walks files and directories once and sorts what it finds into claims result files
(validated by :mod:`harness.storing.results`), pytest-benchmark JSON files (top-level ``"benchmarks"``
list) and errors, one message per unreadable file, naming it. Files are only ever opened for
reading. Small helpers shared by the three commands live here too: numbers stored as JSON strings
("nan", "inf") back to floats, the headline choice among several results of one claim, and the
de-duplication of results that describe the same (claim, environment, profile).
"""
from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from harness.storing.results import ResultFileError, read_json, validate, validate_benchmark

PROFILE_RANK = {"full": 3, "ci": 2, "smoke": 1}
# Folders next to an input that may hold pytest-benchmark JSON (only benchmark files are taken there).
BENCHMARK_DIRS = ("benchmarks", "benchmark", ".benchmarks")


@dataclass
class ResultSet:
    results: list[dict[str, Any]] = field(default_factory=list)
    benchmarks: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def num(x: Any) -> float:
    """A stored number as float: JSON-safe strings ("nan", "inf", "-inf") and None become floats."""
    if x is None:
        return math.nan
    if isinstance(x, bool):
        return float(x)
    if isinstance(x, (int, float)):
        return float(x)
    if isinstance(x, str):
        try:
            return float(x)
        except ValueError:
            return math.nan
    return math.nan


def nums(values: Any) -> list[float]:
    if not isinstance(values, (list, tuple)):
        return []
    return [num(v) for v in values]


def _walk_json(root: Path) -> Iterator[Path]:
    """``*.json`` files under ``root`` in sorted order, lazily (one directory listing at a time).

    Hidden names (a leading dot: the atomic writer's temp files, editor back-ups) are skipped."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    for e in entries:
        if e.name.startswith("."):
            continue
        if e.is_dir():
            yield from _walk_json(Path(e.path))
        elif e.name.endswith(".json") and e.is_file():
            yield Path(e.path)


def _is_benchmark(data: Any) -> bool:
    return isinstance(data, dict) and "benchmarks" in data and "schema" not in data


def _under(p: Path, roots: list[Path]) -> bool:
    return any(p == r or r in p.parents for r in roots)


RESULT, BENCHMARK, ERROR = "result", "benchmark", "error"


def iter_entries(paths: Iterable[str | os.PathLike]) -> Iterator[tuple[Path, str, dict[str, Any] | None, str | None]]:
    """Every JSON file under the inputs, one at a time: (path, kind, validated data, error).

    kind is "result" (a validated claims result, with ``_path`` set), "benchmark" (a validated
    pytest-benchmark file, ``_path`` set) or "error" (data None, error names the file and why).
    Inside an input directory every ``*.json`` is read; beside each input (in its parent folder),
    folders named ``benchmarks``, ``benchmark`` or ``.benchmarks`` are searched for benchmark
    files only (anything else there is ignored, not an error). A file reached through two inputs is
    read once. Memory does not grow with the number of files. A path that does not exist raises
    FileNotFoundError before anything is yielded (a usage error, not a bad file).
    """
    inputs = [Path(raw) for raw in paths]
    for p in inputs:
        if not p.exists():
            raise FileNotFoundError(f"{p}: no such file or directory")
    done: list[Path] = []                      # resolved inputs already walked
    for p in inputs:
        rp = p.resolve()
        if _under(rp, done):
            continue
        files = _walk_json(p) if p.is_dir() else iter([p])
        inner = [d for d in done if rp in d.parents]     # earlier inputs inside this one
        for f in files:
            if inner and _under(f.resolve(), inner):
                continue
            yield _read_entry(f)[:4]
        done.append(rp)
    beside_done: list[Path] = []
    for p in inputs:
        parent = (p.resolve() if p.is_dir() else p.resolve().parent).parent
        for name in BENCHMARK_DIRS:
            d = parent / name
            if not d.is_dir() or _under(d.resolve(), done + beside_done):
                continue
            beside_done.append(d.resolve())
            for f in _walk_json(d):
                *entry, looks_like_benchmark = _read_entry(f)
                if looks_like_benchmark:       # beside the inputs only benchmark files are taken
                    yield tuple(entry)


def _read_entry(p: Path) -> tuple[Path, str, dict[str, Any] | None, str | None, bool]:
    """(path, kind, data, error, looks like a benchmark file)."""
    try:
        data = read_json(p)
    except ResultFileError as e:
        return p, ERROR, None, str(e), False
    bench = _is_benchmark(data)
    try:
        data = validate_benchmark(data, p) if bench else validate(data, p)
    except ResultFileError as e:
        return p, ERROR, None, str(e), bench
    data["_path"] = str(p)
    return p, BENCHMARK if bench else RESULT, data, None, bench


def iter_results(paths: Iterable[str | os.PathLike]) -> Iterator[tuple[Path, dict[str, Any] | None, str | None]]:
    """Claims result files under the inputs, streamed: (path, validated result or None, error or None).

    One file is read at a time and nothing is kept, so memory is independent of the number of
    files. Benchmark files are skipped here (:func:`collect` gathers them). Every unreadable or
    invalid file is yielded with result None and a message naming the file and the reason; the
    caller decides whether to go on (every command here does). Files are only opened for reading.
    """
    for p, kind, data, error in iter_entries(paths):
        if kind == RESULT:
            yield p, data, None
        elif kind == ERROR:
            yield p, None, error


def collect(paths: Iterable[str | os.PathLike]) -> ResultSet:
    """Results, benchmarks and errors under the given files/directories, in memory.

    Built on :func:`iter_entries` (same walk, same validation, same messages as
    :func:`iter_results`). A path that does not exist raises FileNotFoundError.
    """
    out = ResultSet()
    for _p, kind, data, error in iter_entries(paths):
        if kind == RESULT:
            out.results.append(data)
        elif kind == BENCHMARK:
            out.benchmarks.append(data)
        else:
            out.errors.append(error)
    return out


def family(r: dict[str, Any]) -> str:
    """The result's profile and seed family as one label: "ci", or "ci-seed7" for --claims-seed=7.

    Results of two seed families are two results (never duplicates): compare, the baseline gate
    and the report match and group on this label wherever they used the profile."""
    from harness.running.seeds import family_label
    return family_label(str(r.get("profile")), (r.get("config") or {}).get("global_seed"))


def result_key(r: dict[str, Any]) -> tuple[str, str, str]:
    return (r["claim"]["id"], str(r.get("env_key")), family(r))


def dedupe(results: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """One result per (claim, env, profile): the most recently finished; warnings name the others."""
    best: dict[tuple[str, str, str], dict[str, Any]] = {}
    warnings: list[str] = []
    for r in results:
        k = result_key(r)
        old = best.get(k)
        if old is None:
            best[k] = r
            continue
        keep, drop = (r, old) if finished(r) >= finished(old) else (old, r)
        best[k] = keep
        kv, dv = ((x.get("summary") or {}).get("verdict") for x in (keep, drop))
        if kv == "error" and dv != "error":
            warnings.append(f"{keep.get('_path', '?')}: the last run of {k[0]} ({k[1]}, {k[2]}) is an error "
                            f"outcome; the stored {dv} result {drop.get('_path', '?')} is older and not shown")
        else:
            warnings.append(f"{drop.get('_path', '?')}: duplicate result for {k[0]} ({k[1]}, {k[2]}); "
                            f"using the newer {keep.get('_path', '?')}")
    return list(best.values()), warnings


def finished(r: dict[str, Any]) -> str:
    t = r.get("timing")
    return str(t.get("finished", "")) if isinstance(t, dict) else ""


def version_tuple(env: str) -> tuple:
    """Sort key for env keys like torch-2.13.0-cpu: numeric torch version, then the device part."""
    m = re.match(r"torch-([0-9][0-9.]*)(.*)$", env or "")
    if not m:
        return ((), env or "")
    return (tuple(int(x) for x in m.group(1).split(".") if x.isdigit()), m.group(2))


def env_sort_key(env_profile: tuple[str, str]) -> tuple:
    env, profile = env_profile                  # profile may be a family label ("ci-seed7")
    base = profile.split("-seed")[0]
    return (version_tuple(env), -PROFILE_RANK.get(base, 0), env, profile != base, profile)


def headline(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The result a claim's index row shows: newest torch, then the largest profile, then latest run."""
    return max(results, key=lambda r: (version_tuple(str(r.get("env_key"))),
                                       PROFILE_RANK.get(str(r.get("profile")), 0),
                                       family(r) == str(r.get("profile")),     # the default seed family
                                       finished(r)))


def is_identity(r: dict[str, Any]) -> bool:
    return r["claim"].get("kind") == "identity"


def arm_names(r: dict[str, Any]) -> list[str]:
    """The two arm names (a, b) of a paired claim: the declaration's, else the first two stored."""
    arms = r["claim"].get("arms")
    if isinstance(arms, (list, tuple)) and len(arms) == 2:
        return [str(x) for x in arms]
    stored = [k for k in r.get("arms") or {} if k != "error"]
    return (stored + ["a", "b"])[:2]


def seed_diffs(r: dict[str, Any]) -> list[float]:
    """Per-seed a - b for a paired claim (finite pairs only); [] for identity claims."""
    if is_identity(r):
        return []
    arms = arm_names(r)
    a, b = nums(r["arms"].get(arms[0])), nums(r["arms"].get(arms[1]))
    return [x - y for x, y in zip(a, b) if math.isfinite(x) and math.isfinite(y)]


def estimate(r: dict[str, Any]) -> float:
    """The headline number: mean(a - b) for paired claims, max error for identity claims."""
    s = r.get("summary", {})
    return num(s.get("max_error") if is_identity(r) else s.get("estimate"))


def ci(r: dict[str, Any]) -> tuple[float, float]:
    c = r.get("summary", {}).get("ci")
    if isinstance(c, (list, tuple)) and len(c) == 2:
        return num(c[0]), num(c[1])
    return math.nan, math.nan


def seconds(r: dict[str, Any]) -> float:
    t = r.get("timing") or {}
    return num(t.get("seconds_total"))


def cpu_seconds(r: dict[str, Any]) -> float:
    t = r.get("timing") or {}
    return num(t.get("cpu_seconds"))


def fmt(x: Any, digits: int = 4) -> str:
    """Compact number for tables and messages; '—' for missing."""
    if x is None:
        return "—"
    if isinstance(x, bool):
        return str(x)
    if isinstance(x, int):
        return str(x)
    if isinstance(x, float):
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
        if x == 0:
            return "0"
        if abs(x) >= 1e7 or abs(x) < 1e-3:
            return f"{x:.{max(digits - 1, 1)}e}"
        if abs(x) >= 10 ** digits:
            return f"{x:.0f}"
        return f"{x:.{digits}g}"
    return str(x)
