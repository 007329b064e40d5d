"""The pytest plugin: collects Claim objects as test items, runs them, stores results, summarises.

Hooks, in order: options -> configure (bind this worker to its GPU and thread cap before any CUDA
call; determinism flags) -> collect (every ``Claim`` in a claims module becomes one item; shard
filter) -> run (runner -> result file -> compare with the pinned expectation, and with a baseline
if one is given) -> terminal summary (from report properties, so it works under pytest-xdist).

A claim whose data is missing or corrupt (fixtures.DataError, raised directly or wrapped) fails
with one line (``ERROR <id>: DataError: <message>; error recorded in ...``, no traceback), is
listed in the summary with verdict ERROR and the message, and gets an error-outcome result file
beside its stored result (``<id>.error.json``; the stored verdict is kept). Any other exception
keeps its traceback and writes nothing. With ``--claims-baseline`` a claim also fails, with the
reason, unless its baseline entry (same id, profile and environment) exists and is unchanged
(harness.reporting.compare.check_against_baseline).
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from harness.declaring.claim import PROFILES, Claim
from harness.running.seeds import DEFAULT_GLOBAL_SEED

SUMMARY_KEY = "claims_summary"


def pytest_addoption(parser: pytest.Parser) -> None:
    g = parser.getgroup("claims", "claims: executable course claims")
    g.addoption("--claims-profile", choices=PROFILES, default=os.environ.get("CLAIMS_PROFILE", "ci"),
                help="sizes to run: smoke (seconds), ci (default), full (documents' sizes)")
    g.addoption("--claims-seed", type=int, default=int(os.environ.get("CLAIMS_SEED", DEFAULT_GLOBAL_SEED)),
                help="global seed; a different value shifts the whole seed family")
    g.addoption("--claims-device", default=os.environ.get("CLAIMS_DEVICE", "cpu"),
                help="cpu (default), cuda, cuda:N or auto")
    g.addoption("--claims-data-dir", default=None,
                help="data directory (overrides CLAIMS_DATA_DIR), laid out as mnist/, uci/, text/")
    g.addoption("--claims-results-dir", default=os.environ.get("CLAIMS_RESULTS_DIR"),
                help="where result files go (default reports/results)")
    g.addoption("--claims-threads", type=int, default=None,
                help="CPU threads per process (default 1; parallelism comes from xdist workers)")
    g.addoption("--claims-shard", default=None, metavar="I/N",
                help="run only shard I of N (1-based): whole modules, balanced by the baselines' recorded cost")
    g.addoption("--claims-baseline", default=None, metavar="DIR",
                help="also fail claims that flipped, drifted, errored, hold non-finite values or have no "
                     "entry for this environment in this baseline directory (docs/reports.md)")
    g.addoption("--claims-no-write", action="store_true", help="do not write result files")


def _parse_shard(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        i, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise pytest.UsageError(f"--claims-shard={text!r}: expected I/N, e.g. 1/4") from None
    if not (n >= 1 and 1 <= i <= n):
        raise pytest.UsageError(f"--claims-shard={text!r}: need 1 <= I <= N")
    return i, n


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (pytest.ini): one worker per core on CPU, a few per GPU for CUDA runs."""
    from harness.running.device import auto_workers
    return auto_workers(config.getoption("--claims-device"))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """--dist loadfile (pytest.ini): whole fit groups, costliest first (harness/running/scheduling.py).
    Any other --dist the user asks for is xdist's own."""
    if config.getoption("dist", None) != "loadfile":
        return None
    from harness.running.scheduling import FitGroupScheduling
    return FitGroupScheduling(config, log, profile=config.getoption("--claims-profile"))


def pytest_configure(config: pytest.Config) -> None:
    from harness.running.device import bind_worker, resolve_device, set_determinism
    config.addinivalue_line("markers", "claim: a claim from the course documents")
    config._claims_shard = _parse_shard(config.getoption("--claims-shard"))
    if config.getoption("--claims-data-dir"):
        os.environ["CLAIMS_DATA_DIR"] = str(Path(config.getoption("--claims-data-dir")).resolve())
    bind_worker(threads=config.getoption("--claims-threads"), device=config.getoption("--claims-device"))
    try:
        config._claims_device = resolve_device(config.getoption("--claims-device"))
    except (RuntimeError, ValueError) as e:
        raise pytest.UsageError(str(e)) from None
    config._claims_determinism = set_determinism()
    config.pluginmanager.register(SessionSummary(config), "claims-session-summary")
    baseline = config.getoption("--claims-baseline")
    if baseline and not Path(baseline).is_dir():
        raise pytest.UsageError(f"--claims-baseline={baseline}: no such directory")


def pytest_pycollect_makeitem(collector, name: str, obj: Any):
    if isinstance(obj, Claim):
        return [ClaimItem.from_parent(collector, name=obj.id, claim=obj)]
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list) -> None:
    """--claims-shard I/N: keep whole fit groups (their claims share fits), balanced by recorded cost.

    The run order under xdist is harness.running.scheduling's: fit groups, costliest first."""
    shard = getattr(config, "_claims_shard", None)
    if not shard:
        return
    from harness.running.sharding import shard_items
    claims = [it for it in items if isinstance(it, ClaimItem)]
    kept, dropped = shard_items(claims, shard, config.getoption("--claims-profile"))
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        keep = set(map(id, kept))
        items[:] = [it for it in items if not isinstance(it, ClaimItem) or id(it) in keep]


class ClaimMismatch(Exception):
    pass


class ClaimDataError(Exception):
    """A claim could not run because of its data; shown as one line (the DataError's message)."""


def _data_error(exc: BaseException) -> BaseException | None:
    """The fixtures.DataError in ``exc``'s chain (raised directly or wrapped), if any."""
    from fixtures import DataError
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, DataError):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


class ClaimItem(pytest.Item):
    def __init__(self, *, claim: Claim, **kwargs: Any):
        super().__init__(**kwargs)
        self.claim = claim
        self.add_marker(pytest.mark.claim)

    def runtest(self) -> None:
        from harness.storing.results import DEFAULT_RESULTS_DIR, write_result
        from harness.running.runner import format_summary, run_claim
        cfg = self.config
        profile = cfg.getoption("--claims-profile")
        if profile in self.claim.requires:
            pytest.skip(f"{self.claim.id}: {self.claim.requires[profile]}")
        write = not cfg.getoption("--claims-no-write")
        root = cfg.getoption("--claims-results-dir") or DEFAULT_RESULTS_DIR
        started, t0 = _dt.datetime.now(_dt.timezone.utc), time.perf_counter()
        try:
            result = run_claim(self.claim, profile, global_seed=cfg.getoption("--claims-seed"),
                               device=cfg._claims_device, device_requested=cfg.getoption("--claims-device"))
        except Exception as exc:
            data_error = _data_error(exc)
            if data_error is None:
                raise
            self._fail_with_data_error(data_error, profile, started, time.perf_counter() - t0,
                                       root if write else None)
        if write:
            result["_path"] = str(write_result(result, root))
        s = result["summary"]
        self.user_properties.append((SUMMARY_KEY, json.dumps({
            "id": self.claim.id, "verdict": s["verdict"], "expected": result["expected"],
            "estimate": s.get("estimate", s.get("max_error")), "ci": s.get("ci"), "n": s.get("n"),
            "seconds": result["timing"]["seconds_total"], "kind": self.claim.kind.value,
            "path": result.get("_path")}, default=str)))
        problems = []
        if result["matches_expectation"] is False:
            problems.append(
                f"verdict changed: pinned {result['expected']} ({self.claim.expect_reason}); "
                f"measured {format_summary(result)}")
        baseline = cfg.getoption("--claims-baseline")
        if baseline:
            from harness.reporting.compare import check_against_baseline
            message = check_against_baseline(result, baseline)
            if message:
                problems.append(message)
        if problems:
            raise ClaimMismatch(f"claim {self.claim.id}:\n  " + "\n  ".join(problems)
                                + f"\n  reproduce: {result['command']}")

    def _fail_with_data_error(self, exc: BaseException, profile: str, started, seconds: float, root) -> None:
        """Write the error record (beside any stored result), note it for the summary, fail in one line."""
        from harness.storing.results import write_result
        from harness.running.runner import error_record
        cfg = self.config
        record = error_record(self.claim, profile, exc, global_seed=cfg.getoption("--claims-seed"),
                              device=cfg._claims_device, device_requested=cfg.getoption("--claims-device"),
                              started=started, seconds=seconds, results_root=root)
        path = str(write_result(record, root)) if root is not None else None
        message = str(exc)
        self.user_properties.append((SUMMARY_KEY, json.dumps({
            "id": self.claim.id, "verdict": "error", "expected": record["expected"], "message": message,
            "error_type": type(exc).__name__, "seconds": seconds, "kind": self.claim.kind.value,
            "path": path}, default=str)))
        previous = (record["error"].get("previous") or {})
        kept = (f"; the stored result {previous['path']} ({previous.get('verdict')}) is kept"
                if previous.get("path") else "")
        where = f"; error recorded in {path}" if path else ""
        raise ClaimDataError(f"ERROR {self.claim.id}: {type(exc).__name__}: {message}{where}{kept}")

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, (ClaimMismatch, ClaimDataError)):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        return self.path, None, f"claim {self.claim.id}"


class SessionSummary:
    """Collects claim summaries from test reports (on the xdist controller too) and prints them."""

    def __init__(self, config: pytest.Config):
        self.config = config
        self.entries: list[dict[str, Any]] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "call":
            return
        for key, value in getattr(report, "user_properties", ()):
            if key == SUMMARY_KEY:
                entry = json.loads(value)
                entry["outcome"] = report.outcome
                self.entries.append(entry)

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if not self.entries or hasattr(self.config, "workerinput"):
            return
        tr, config = terminalreporter, self.config
        tr.section(f"claims ({config.getoption('--claims-profile')} profile, seed {config.getoption('--claims-seed')})")
        rows = sorted(self.entries, key=lambda e: e["id"])
        width = max(len(e["id"]) for e in rows)
        tr.write_line(f"{'claim':<{width}}  {'verdict':<12} {'pinned':<12} {'estimate':>10}  {'95% CI':<23} {'seeds':>5} {'sec':>7}")
        for e in rows:
            if e["verdict"] == "error":
                tr.write_line(f"{e['id']:<{width}}  {'ERROR':<12} {e['expected'] or '-':<12} "
                              f"{e.get('error_type', 'error')}: {' '.join(str(e.get('message', '')).split())}")
                continue
            ci = e.get("ci")
            ci_text = f"[{ci[0]:.4g}, {ci[1]:.4g}]" if isinstance(ci, list) and len(ci) == 2 and None not in ci else "-"
            est = e.get("estimate")
            est_text = f"{est:.4g}" if isinstance(est, (int, float)) else str(est)
            flag = "" if e["expected"] in (None, e["verdict"]) else "  <-- changed"
            tr.write_line(f"{e['id']:<{width}}  {e['verdict'].upper():<12} {e['expected'] or '-':<12} {est_text:>10}  "
                          f"{ci_text:<23} {e.get('n') or '-':>5} {e['seconds']:7.1f}{flag}")
        counts: dict[str, int] = {}
        for e in rows:
            counts[e["verdict"]] = counts.get(e["verdict"], 0) + 1
        tr.write_line(", ".join(f"{v} {k}" for k, v in sorted(counts.items())))
        paths = {str(Path(e["path"]).parent.parent) for e in rows if e.get("path")}
        if paths:
            tr.write_line("results in: " + ", ".join(sorted(paths)))
