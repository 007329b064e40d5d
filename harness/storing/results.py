"""The one result writer and reader.

One JSON file per (claim, profile, environment) at ``<root>/<env_key>/<profile>/<claim_id>.json``,
mode 0644, written atomically (temp file ``.<name>.<pid>.<random>.tmp`` in the same folder, fsync,
os.replace), so parallel workers never leave a half-written file and a failed run never replaces a
good one; temp files of killed writers are removed by the next write into the folder. Results from
several machines merge by copying directories. The writer validates what it writes and every
reader validates what it reads against the one typed schema, :mod:`harness.storing.schema`.

A claim that could not run because of its data gets an *error outcome* (summary.verdict "error",
``error`` {type, message, previous}), written beside its result as ``<claim_id>.error.json`` so a
stored verdict is never lost; the next good result of that claim removes the error file.

Schema (version 1), top-level keys:

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
- ``error`` (error outcomes only): type, message, previous (path and verdict of the stored result)
"""
from __future__ import annotations

import json
import math
import os
import platform
import re
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any, Iterable

from harness.storing.schema import ERROR, SCHEMA, SCHEMA_VERSION, check_benchmark, check_result

ERROR_SUFFIX = ".error.json"
RESULT_MODE = 0o644
ORPHAN_AGE_S = 3600.0

REQUIRED_KEYS = ("schema", "schema_version", "claim", "profile", "env_key", "environment",
                 "config", "seeds", "arms", "summary", "timing")
REPO_ROOT = Path(__file__).resolve().parents[2]
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


def result_path(root: str | os.PathLike, env: str, profile: str, claim_id: str, *, error: bool = False) -> Path:
    """Where a result goes; an error outcome goes beside the claim's result (``<id>.error.json``)."""
    return Path(root) / env / profile / (f"{claim_id}{ERROR_SUFFIX}" if error else f"{claim_id}.json")


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


def _tmp_prefix(name: str) -> str:
    return f".{name}.{os.getpid()}."


TMP_PATTERN = re.compile(r"^\.(?P<name>.+\.json)\.(?:(?P<pid>\d+)\.)?[^.]+\.tmp$")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True                    # exists (another user's) or cannot tell: keep its file
    return True


def clean_orphaned_temps(folder: Path, *, max_age_s: float = ORPHAN_AGE_S) -> list[Path]:
    """Remove temp files a killed writer left in ``folder``; returns what was removed.

    A temp file (``.<name>.json.<pid>.<random>.tmp``) is an orphan when its writer process is gone
    (on this machine), or, for a name without a pid or a pid still in use, when it is older than
    ``max_age_s``. A live writer's temp file is never touched, so parallel workers are safe."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for e in entries:
        m = TMP_PATTERN.match(e.name)
        if not m or not e.is_file(follow_symlinks=False):
            continue
        pid = int(m.group("pid")) if m.group("pid") else None
        try:
            old = now - e.stat(follow_symlinks=False).st_mtime > max_age_s
        except OSError:
            continue
        if pid == os.getpid() or not (old or (pid is not None and not _pid_alive(pid))):
            continue
        try:
            os.unlink(e.path)
            removed.append(Path(e.path))
        except OSError:
            pass
    return removed


def write_result(result: dict[str, Any], root: str | os.PathLike = DEFAULT_RESULTS_DIR) -> Path:
    """Validate, then write atomically (mode 0644); returns the path.

    What is validated (harness.storing.schema) is exactly what is written. An existing file is replaced
    only by a complete new one. An error outcome (summary.verdict "error") is written beside the
    claim's result as ``<id>.error.json`` and never replaces a stored verdict; a later good result
    removes that error file. Orphaned temp files of killed writers in the folder are removed."""
    safe = _json_safe({k: v for k, v in result.items() if not k.startswith("_")})
    validate(safe, f"result of {result.get('claim', {}).get('id', '?')} to be written", WRITE_FIX)
    is_error = safe["summary"]["verdict"] == ERROR
    from harness.running.seeds import family_label
    folder = family_label(safe["profile"], (safe.get("config") or {}).get("global_seed"))
    path = result_path(root, safe["env_key"], folder, safe["claim"]["id"], error=is_error)
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_orphaned_temps(path.parent)
    text = json.dumps(safe, indent=1, sort_keys=True, allow_nan=False)
    fd, tmp = tempfile.mkstemp(prefix=_tmp_prefix(path.name), suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w") as f:
            os.fchmod(f.fileno(), RESULT_MODE)
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
    if not is_error:
        stale = result_path(root, safe["env_key"], safe["profile"], safe["claim"]["id"], error=True)
        try:
            stale.unlink()
        except FileNotFoundError:
            pass
    return path


def error_result(claim: dict[str, Any], *, profile: str, env: dict[str, Any], exc: BaseException,
                 root: str | os.PathLike | None, command: str, config: dict[str, Any],
                 started: str, finished: str, seconds: float, expected: str | None) -> dict[str, Any]:
    """The record of a claim that could not run (e.g. missing data): summary.verdict "error",
    ``error`` {type, message, previous}; no per-seed values. ``previous`` names the stored good
    result of the same (claim, profile, environment) under ``root``, if any, and its verdict."""
    key = env_key(env)
    previous = None
    if root is not None:
        good = result_path(root, key, profile, claim["id"])
        if good.is_file():
            try:
                old = load_result(good)
                previous = {"path": str(good), "verdict": old["summary"]["verdict"],
                            "finished": (old.get("timing") or {}).get("finished")}
            except ResultFileError as e:
                previous = {"path": str(good), "verdict": None, "unreadable": str(e)}
    return {
        "schema": SCHEMA, "schema_version": SCHEMA_VERSION, "claim": claim, "profile": profile,
        "env_key": key, "environment": env, "config": config, "data": [],
        "seeds": {"indices": [], "values": []}, "arms": {}, "extra": {}, "looks": [],
        "summary": {"verdict": ERROR, "n": 0, "message": str(exc)},
        "error": {"type": type(exc).__name__, "message": str(exc), "previous": previous},
        "expected": expected, "matches_expectation": None if expected is None else False,
        "timing": {"started": started, "finished": finished, "seconds_total": seconds},
        "git": git_info(), "command": command,
    }


READ_FIX = ("Fix: re-run the claim to regenerate it, or restore it from its baseline; the file was "
            "left as it is.")
WRITE_FIX = "Nothing was written (a bug in the claim's experiment or the harness: fix it and re-run)."


def validate(result: Any, where: str | os.PathLike, fix: str = READ_FIX) -> dict[str, Any]:
    """``result`` itself when it is a valid claims result (harness.storing.schema), else ResultFileError.

    The message names ``where``, says what is wrong (field, problem, what was found) and the fix.
    The dict is not changed."""
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
    problem = check_result(result)
    if problem:
        raise ResultFileError(f"{where}: invalid claims result: {problem}. {fix}")
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
    """``data`` itself when it is a valid pytest-benchmark file (harness.storing.schema), else ResultFileError."""
    problem = check_benchmark(data)
    if problem:
        raise ResultFileError(f"{where}: invalid pytest-benchmark file: {problem}. Fix: re-run "
                              "`pytest tests/benchmarks -n 0 --benchmark-json=FILE` to regenerate it.")
    return data


def load_results(paths: Iterable[str | os.PathLike]) -> tuple[list[dict[str, Any]], list[ResultFileError]]:
    """Every result under the given files or directories, and the files that could not be read.

    One walker serves everything: this delegates to harness.storing.resultset.collect (which the report,
    compare and export use), so bad files are named the same way everywhere and the rest goes on.
    """
    from harness.storing.resultset import collect     # resultset builds on this module; import here, not at the top
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
    from harness.running.device import cpu_name
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
