"""The one result writer and reader.

One JSON file per (claim, profile, environment) at ``<root>/<env_key>/<profile>/<claim_id>.json``,
written atomically (temp file in the same folder, fsync, os.replace), so parallel workers never
leave a half-written file and a failed run never replaces a good one. Results from several
machines merge by copying directories. Schema (version 1), top-level keys:

- ``schema`` = "claims-result", ``schema_version`` = 1
- ``claim``: the declaration (id, statement, sources with quotes, kind, metric, arms, direction,
  delta, alpha, tolerance, expect, expect_reason, document_figures, sizes, module, code_hash)
- ``profile``; ``env_key`` (e.g. "torch-2.13.0-cpu"); ``environment`` (torch version and build,
  CUDA, device, CPU, python, numpy, scipy, platform, determinism flags, worker)
- ``config``: global_seed, sizes used, seed schedule, alpha per look, device requested
- ``data``: provenance of every data set loaded (files, sha256, rows)
- ``seeds``: {"indices": [...], "values": [...]} in order
- ``arms``: {arm name: [per-seed values]} (identity claims: {"error": [...]})
- ``extra``: {name: [raw values]} any other raw numbers the experiment recorded
- ``looks``: one summary per planned look actually taken
- ``summary``: verdict, estimate, ci, p_value, p_refute, test, alpha, delta, direction, n, ...
- ``expected``, ``matches_expectation``
- ``timing``: started, finished (UTC ISO), seconds_total, seconds_per_look
- ``git``: commit, dirty; ``command``: the command that reproduces it
"""
from __future__ import annotations

import json
import math
import os
import platform
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Iterable

SCHEMA = "claims-result"
SCHEMA_VERSION = 1
REQUIRED_KEYS = ("schema", "schema_version", "claim", "profile", "env_key", "environment",
                 "config", "seeds", "arms", "summary", "timing")
REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_RESULTS_DIR = REPO_ROOT / "reports" / "results"


class ResultFileError(ValueError):
    """A result file that cannot be read as a claims result; the message names the file."""


def env_key(environment: dict[str, Any]) -> str:
    dev = environment.get("device", {})
    kind = dev.get("type", "cpu")
    if kind == "cuda":
        name = re.sub(r"[^a-z0-9]+", "-", str(dev.get("name", "gpu")).lower()).strip("-")
        kind = f"cuda-{name}"
    return f"torch-{environment.get('torch', 'unknown')}-{kind}"


def result_path(root: str | os.PathLike, env: str, profile: str, claim_id: str) -> Path:
    return Path(root) / env / profile / f"{claim_id}.json"


def _json_safe(x: Any) -> Any:
    """NaN/inf are not JSON: store them as strings so the file stays valid and lossless."""
    if isinstance(x, float):
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
        return x
    if isinstance(x, dict):
        return {str(k): _json_safe(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_json_safe(v) for v in x]
    if hasattr(x, "tolist"):            # numpy / torch arrays and scalars
        return _json_safe(x.tolist())
    if hasattr(x, "item"):
        return _json_safe(x.item())
    if isinstance(x, Path):
        return str(x)
    return x


def write_result(result: dict[str, Any], root: str | os.PathLike = DEFAULT_RESULTS_DIR) -> Path:
    """Write atomically; returns the path. An existing file is replaced only by a complete new one."""
    validate(result, "<in memory>")
    path = result_path(root, result["env_key"], result["profile"], result["claim"]["id"])
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(_json_safe(result), indent=1, sort_keys=True, allow_nan=False)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


def validate(result: Any, where: str | os.PathLike) -> dict[str, Any]:
    if not isinstance(result, dict):
        raise ResultFileError(f"{where}: not a claims result (top level is {type(result).__name__}, expected an object)")
    if result.get("schema") != SCHEMA:
        raise ResultFileError(f"{where}: not a claims result file (schema is {result.get('schema')!r}, expected {SCHEMA!r})")
    version = result.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ResultFileError(
            f"{where}: schema_version {version!r} is not supported (this claims reads {SCHEMA_VERSION}). "
            "Fix: regenerate it with this version of claims, or read it with the version that wrote it.")
    missing = [k for k in REQUIRED_KEYS if k not in result]
    if missing:
        raise ResultFileError(f"{where}: missing keys {missing}; the file is incomplete or not a claims result")
    summary = result["summary"]
    if not isinstance(summary, dict) or summary.get("verdict") not in ("supported", "refuted", "inconclusive"):
        raise ResultFileError(f"{where}: summary.verdict missing or not supported/refuted/inconclusive")
    if not isinstance(result["claim"], dict) or "id" not in result["claim"]:
        raise ResultFileError(f"{where}: claim.id missing")
    if not isinstance(result["arms"], dict):
        raise ResultFileError(f"{where}: arms must map arm names to per-seed values")
    return result


def read_json(path: str | os.PathLike) -> Any:
    """Parse one JSON file (any content); errors name the file, the reason and the fix.

    Non-standard literals (NaN, Infinity) are refused: the writer never produces them (it stores
    "nan"/"inf" strings), so a file holding them was not written by claims."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise ResultFileError(f"{p}: cannot be read ({e.strerror or e})") from e
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ResultFileError(f"{p}: not a text file ({e.reason}); not a claims result") from e

    def no_constants(name: str) -> Any:
        raise ValueError(f"non-standard JSON literal {name}")
    try:
        return json.loads(text, parse_constant=no_constants)
    except json.JSONDecodeError as e:
        raise ResultFileError(
            f"{p}: not valid JSON ({e.msg} at line {e.lineno}, column {e.colno}); the file is truncated "
            "or corrupt. Fix: re-run the claim to regenerate it, or restore it from its baseline.") from e
    except ValueError as e:
        raise ResultFileError(
            f"{p}: not valid JSON ({e}); claims stores NaN and infinity as the strings \"nan\", \"inf\". "
            "Fix: re-run the claim to regenerate it, or restore it from its baseline.") from e


def load_result(path: str | os.PathLike) -> dict[str, Any]:
    """Read and validate one result file; never modifies it."""
    return validate(read_json(path), Path(path))


def validate_benchmark(data: Any, where: str | os.PathLike) -> dict[str, Any]:
    """A pytest-benchmark JSON file: a "benchmarks" list of objects with a name and numeric stats."""
    if not isinstance(data, dict) or not isinstance(data.get("benchmarks"), list):
        raise ResultFileError(f"{where}: not a pytest-benchmark file (no \"benchmarks\" list)")
    return data


def load_results(paths: Iterable[str | os.PathLike]) -> tuple[list[dict[str, Any]], list[ResultFileError]]:
    """Every result under the given files or directories, and the files that could not be read.

    One walker serves everything: this delegates to harness.resultset.collect (which the report,
    compare and export use), so bad files are named the same way everywhere and the rest goes on.
    """
    from .resultset import collect     # resultset builds on this module; import here, not at the top
    found = collect(paths)
    return found.results, [ResultFileError(message) for message in found.errors]


def git_info() -> dict[str, Any]:
    def run(*args: str) -> str | None:
        try:
            return subprocess.run(["git", *args], cwd=REPO_ROOT, capture_output=True, text=True,
                                  timeout=10).stdout.strip() or None
        except (OSError, subprocess.SubprocessError):
            return None
    commit = run("rev-parse", "HEAD")
    status = run("status", "--porcelain", "--untracked-files=no")
    return {"commit": commit, "dirty": bool(status)}


def environment(device_info: dict[str, Any], determinism: dict[str, Any]) -> dict[str, Any]:
    import numpy
    import torch
    try:
        import scipy
        scipy_version = scipy.__version__
    except ImportError:  # pragma: no cover
        scipy_version = None
    from .device import cpu_name
    return {
        "torch": torch.__version__.split("+")[0],
        "torch_full_version": torch.__version__,
        "torch_build": {"cuda": torch.version.cuda, "git_version": getattr(torch.version, "git_version", None),
                        "debug": bool(torch.version.debug)},
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "scipy": scipy_version,
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu": cpu_name(),
        "cpu_count": os.cpu_count(),
        "device": device_info,
        "determinism": determinism,
        "worker": os.environ.get("PYTEST_XDIST_WORKER"),
    }
