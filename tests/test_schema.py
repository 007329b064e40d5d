"""The one typed schema (harness.storing.schema): every reader and the writer refuse what is not a result.

Each check plants one real fault in a file among good ones and asserts: the file is named with the
reason, the rest is still read, and nothing on disk changed.
"""
from __future__ import annotations

import copy
import hashlib
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from harness.storing.results import (ERROR_SUFFIX, ResultFileError, clean_orphaned_temps, load_result,
                             result_path, validate, write_result)
from harness.storing.resultset import collect, iter_results
from harness.storing.schema import check_benchmark, check_result
from results_factory import benchmark_file, make_result, standard_set, write_set

REPO = Path(__file__).resolve().parents[1]
BASELINES = REPO / "reports" / "baselines"


def tree_hash(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        h.update(str(p.relative_to(root)).encode())
        if p.is_file():
            h.update(p.read_bytes())
            h.update(oct(p.stat().st_mode).encode())
    return h.hexdigest()


# ------------------------------------------------------------------ committed files stay valid
def test_every_committed_baseline_file_validates():
    files = sorted(BASELINES.rglob("*.json"))
    results = [f for f in files if "benchmarks" not in f.parts]
    assert len(results) >= 200                       # at least the default family's whole ci profile
    for f in results:
        load_result(f)                              # raises, naming the file, if one does not
    rs = collect([BASELINES])
    assert rs.errors == [] and len(rs.results) == len(results) and rs.benchmarks


def test_committed_benchmark_file_validates():
    for f in BASELINES.rglob("benchmarks/*.json"):
        assert check_benchmark(json.loads(f.read_text())) is None, f


# ------------------------------------------------------------------ one fault per file
def _good() -> dict:
    return copy.deepcopy(standard_set()[0])


def _keys_only(r):
    for k in ("claim", "environment", "config", "seeds", "arms", "summary", "timing"):
        r[k] = {}
    r["summary"] = {"verdict": "refuted"}


FAULTS = {
    "integer-claim-id": (lambda r: r["claim"].__setitem__("id", 7), "claim.id"),
    "sources-as-string": (lambda r: r["claim"].__setitem__("sources", "001_21bdbe3614939729.txt"), "claim.sources"),
    "keys-only": (_keys_only, "claim.id: Field required"),
    "string-arm-value": (lambda r: r["arms"]["fast"].__setitem__(3, "0.91"), "arms.fast[3]"),
    "bool-arm-value": (lambda r: r["arms"]["slow"].__setitem__(0, True), "arms.slow[0]"),
    "unknown-verdict": (lambda r: r["summary"].__setitem__("verdict", "SUPPORTED"), "summary.verdict"),
    "n-disagrees-with-values": (lambda r: r["summary"].__setitem__("n", 99), "summary.n is 99"),
    "arm-missing": (lambda r: r["arms"].pop("slow"), "arm 'slow'"),
    "ci-as-string": (lambda r: r["summary"].__setitem__("ci", "[0.1, 0.2]"), "summary.ci"),
    "seeds-disagree": (lambda r: r["seeds"]["values"].pop(), "seeds"),
    "error-without-message": (lambda r: r["summary"].__setitem__("verdict", "error"), '"error"'),
    "verdict-not-last-look": (lambda r: r["summary"].__setitem__("verdict", "refuted"), "last look"),
    "matches-expectation-wrong": (lambda r: r.__setitem__("matches_expectation", False), "matches_expectation"),
    "delta-as-string": (lambda r: r["claim"].__setitem__("delta", "0.02"), "claim.delta"),
}


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_planted_fault_is_named_skipped_and_left_alone(tmp_path, name):
    mutate, expect = FAULTS[name]
    root = tmp_path / "r"
    write_set(standard_set(), root)
    bad = _good()
    mutate(bad)
    assert check_result(bad) is not None
    target = root / "torch-2.13.0-cpu" / "ci" / f"{name}.json"
    target.write_text(json.dumps(bad))
    before = tree_hash(root)
    rs = collect([root])
    assert len(rs.results) == 4                       # the rest is processed
    assert len(rs.errors) == 1 and str(target) in rs.errors[0] and expect in rs.errors[0], rs.errors
    assert "\n" not in rs.errors[0]
    streamed = [(p, r, e) for p, r, e in iter_results([root]) if r is None]
    assert [(p, e) for p, _, e in streamed] == [(target, rs.errors[0])]
    with pytest.raises(ResultFileError):              # and the writer refuses it too
        write_result(bad, tmp_path / "w")
    assert not (tmp_path / "w").exists() or not list((tmp_path / "w").rglob("*.json"))
    assert tree_hash(root) == before


def test_nan_literal_is_refused(tmp_path):
    root = tmp_path / "r"
    write_set(standard_set(), root)
    text = json.dumps(_good()).replace('"alpha-supported"', '"nan-literal"', 1)
    text = text.replace('"estimate": ', '"estimate": NaN, "was": ', 1)
    target = root / "torch-2.13.0-cpu" / "ci" / "nan-literal.json"
    target.write_text(text)
    before = tree_hash(root)
    rs = collect([root])
    assert len(rs.results) == 4 and len(rs.errors) == 1
    assert str(target) in rs.errors[0] and "NaN" in rs.errors[0]
    assert tree_hash(root) == before


def test_stored_nan_strings_are_accepted_as_values():
    r = _good()
    r["arms"]["fast"][0] = "nan"
    r["arms"]["slow"][1] = "-inf"
    assert check_result(r) is None


@pytest.mark.parametrize("mutate,expect", [
    (lambda d: d.__setitem__("benchmarks", "many"), "benchmarks"),
    (lambda d: d["benchmarks"][0]["stats"].__setitem__("mean", "0.5"), "benchmarks[0].stats.mean"),
    (lambda d: d["benchmarks"][1].pop("stats"), "benchmarks[1].stats"),
    (lambda d: d["benchmarks"][0]["stats"].__setitem__("rounds", 0), "benchmarks[0].stats.rounds"),
    (lambda d: d["benchmarks"].__setitem__(0, 42), "benchmarks[0]"),
], ids=["list-as-string", "mean-as-string", "no-stats", "zero-rounds", "entry-not-object"])
def test_malformed_benchmark_file_is_named_and_skipped(tmp_path, mutate, expect):
    root = tmp_path / "results"
    write_set(standard_set(), root)
    good = benchmark_file(root / "bench" / "good.json", {"mlp": 3.0})
    bad = benchmark_file(root / "bench" / "bad.json", {"mlp": 2.0})
    data = json.loads(bad.read_text())
    mutate(data)
    bad.write_text(json.dumps(data))
    beside = benchmark_file(tmp_path / "benchmarks" / "beside-bad.json", {"mlp": 2.0})
    beside.write_text(json.dumps(data))               # a malformed one beside the input is named too
    before = tree_hash(tmp_path)
    rs = collect([root])
    assert len(rs.results) == 4 and [b["_path"] for b in rs.benchmarks] == [str(good)]
    assert len(rs.errors) == 2 and all(expect in e and "pytest-benchmark" in e for e in rs.errors)
    assert {str(bad), str(beside)} == {e.split(": ")[0] for e in rs.errors}
    assert tree_hash(tmp_path) == before


def test_report_and_export_process_the_rest_of_a_faulty_tree(tmp_path):
    """The commands built on the reader: faulty files named on stderr, the rest processed, exit 2
    (unreadable input never reads as success), inputs untouched."""
    root = tmp_path / "results"
    write_set(standard_set(), root)
    folder = root / "torch-2.13.0-cpu" / "ci"
    for name, (mutate, _) in FAULTS.items():
        r = _good()
        mutate(r)
        (folder / f"{name}.json").write_text(json.dumps(r))
    bench = benchmark_file(tmp_path / "benchmarks" / "engine.json", {"mlp": 3.0})
    bench.write_text(bench.read_text().replace('"mean": 0.5', '"mean": "fast"'))
    before = (tree_hash(root), tree_hash(bench.parent))
    for cmd in (["report", str(root), "-o", str(tmp_path / "out" / "html")],
                ["export", str(root), "-o", str(tmp_path / "out" / "tables")]):
        p = subprocess.run([sys.executable, "-m", "harness.cli", *cmd], capture_output=True, text=True,
                           cwd=tmp_path, timeout=300)
        assert p.returncode == 2, (cmd, p.stderr[-2000:])
        assert (tmp_path / "out" / ("html/index.html" if cmd[0] == "report" else "tables/claims.csv")).is_file()
        for name in FAULTS:
            assert f"{name}.json" in p.stderr, (cmd, name)
        if cmd[0] == "report":
            assert "engine.json" in p.stderr
    assert (tree_hash(root), tree_hash(bench.parent)) == before


# ------------------------------------------------------------------ the writer
def test_writer_validates_what_it_writes_and_keeps_the_old_file(tmp_path):
    path = write_result(_good(), tmp_path)
    before = path.read_bytes()
    bad = _good()
    bad["summary"]["n"] = 3
    with pytest.raises(ResultFileError, match="summary.n is 3.*Nothing was written"):
        write_result(bad, tmp_path)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_result_files_are_0644(tmp_path):
    old = os.umask(0o077)
    try:
        path = write_result(_good(), tmp_path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_orphaned_temp_files_are_cleaned_on_the_next_write(tmp_path):
    folder = tmp_path / "torch-2.13.0-cpu" / "ci"
    folder.mkdir(parents=True)
    dead = folder / f".alpha-supported.json.{_dead_pid()}.abc123xy.tmp"       # killed writer
    live = folder / f".beta-refuted.json.{os.getppid()}.zz99yy88.tmp"          # a writer still running
    ancient = folder / ".gamma-noisy.json.k2j3h4g5.tmp"                         # old name, no pid
    recent = folder / ".delta-identity.json.q1w2e3r4.tmp"
    other = folder / ".notes.txt"
    for f in (dead, live, ancient, recent, other):
        f.write_text("{half")
    os.utime(ancient, (1, 1))
    path = write_result(_good(), tmp_path)
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted([path.name, live.name, recent.name, other.name])
    assert clean_orphaned_temps(folder) == []         # nothing more to remove


def test_error_outcome_goes_beside_and_a_good_result_removes_it(tmp_path):
    good = write_result(_good(), tmp_path)
    before = good.read_bytes()
    err = _good()
    err.update(arms={}, seeds={"indices": [], "values": []}, looks=[],
               summary={"verdict": "error", "n": 0, "message": "wine not found"},
               error={"type": "DataError", "message": "wine not found", "previous": None},
               matches_expectation=False)
    epath = write_result(err, tmp_path)
    assert epath.name == "alpha-supported" + ERROR_SUFFIX and epath.parent == good.parent
    assert good.read_bytes() == before
    assert load_result(epath)["summary"]["verdict"] == "error"
    write_result(_good(), tmp_path)
    assert not epath.exists() and good.exists()


def test_error_outcome_needs_its_message_and_holds_no_verdict():
    err = _good()
    err["summary"] = {"verdict": "error", "n": 0}
    assert '"error"' in check_result(err)
    err["error"] = {"type": "DataError", "message": "x"}
    err["matches_expectation"] = True
    assert "cannot match" in check_result(err)
    ok = _good()
    ok["error"] = {"type": "DataError", "message": "x"}
    assert "not \"error\"" in check_result(ok)
