"""`claims compare` and the --claims-baseline check never pass silently.

Each hole of the old gate is planted and must fail with a named reason and the documented exit
status (0 nothing failed, 1 failure, 2 usage/unreadable input, 3 internal error), and the input
trees must be byte-identical afterwards.
"""
from __future__ import annotations

import copy
import hashlib
import json
import re
from pathlib import Path

import pytest

from harness import cli
from harness.reporting.compare import (ERRORED, INSUFFICIENT, MISSING, NONFINITE, UNCHANGED,
                             check_against_baseline, compare_sets)
from harness.storing.results import load_result, write_result
from results_factory import make_result, paired_values, standard_set, write_set

REPO = Path(__file__).resolve().parents[1]
BASELINES = REPO / "reports" / "baselines"
ENV = "torch-2.13.0-cpu"


def tree_hash(*roots: Path) -> str:
    h = hashlib.sha256()
    for root in roots:
        for p in sorted(root.rglob("*")):
            h.update(str(p).encode())
            if p.is_file():
                h.update(p.read_bytes())
    return h.hexdigest()


def compare_cli(base, new, capsys, *extra):
    before = tree_hash(Path(base), Path(new)) if Path(base).exists() and Path(new).exists() else None
    rc = cli.main(["compare", str(base), str(new), *extra])
    out = capsys.readouterr()
    if before is not None:
        assert tree_hash(Path(base), Path(new)) == before, "compare must not modify its inputs"
    return rc, out


def error_outcome(r, message="UCI red wine quality data not found: looked for /x/uci/winequality-red.csv. Fix: restore it"):
    r = copy.deepcopy(r)
    r.update(arms={}, seeds={"indices": [], "values": []}, looks=[],
             summary={"verdict": "error", "n": 0, "message": message},
             error={"type": "DataError", "message": message, "previous": None}, matches_expectation=False)
    return r


def with_nan(r, arm="fast", k=1):
    r = copy.deepcopy(r)
    for i in range(k):
        r["arms"][arm][i] = float("nan")
    return r


@pytest.fixture
def sets(tmp_path):
    base, new = tmp_path / "base", tmp_path / "new"
    write_set(standard_set("torch-2.12.0-cpu"), base)
    return base, new


# ------------------------------------------------------------------ claims compare
def test_unchanged_sets_exit_0(sets, capsys):
    base, new = sets
    write_set(standard_set(), new)
    rc, out = compare_cli(base, new, capsys)
    assert rc == 0 and "4 unchanged" in out.out and "nothing failed" in out.out


def test_claims_missing_from_new_exit_1_named(sets, capsys):
    base, new = sets
    write_set(standard_set()[2:], new)
    rc, out = compare_cli(base, new, capsys)
    assert rc == 1
    assert re.search(r"MISSING IN NEW +alpha-supported \(ci\)", out.out) and "beta-refuted" in out.out
    assert "not in the new set" in out.out and "2 missing in new" in out.out


def test_claim_only_in_new_is_listed_but_does_not_fail(sets, capsys):
    base, new = sets
    a, b = paired_values(12, 0.1, seed=4)
    write_set(standard_set() + [make_result("brand-new", a=a, b=b)], new)
    rc, out = compare_cli(base, new, capsys)
    assert rc == 0 and "ONLY IN NEW" in out.out and "brand-new" in out.out


@pytest.mark.parametrize("empty", ["base", "new"])
def test_empty_side_exits_2_naming_the_directory(sets, capsys, empty):
    base, new = sets
    write_set(standard_set(), new)
    side = {"base": base, "new": new}[empty]
    for p in side.rglob("*.json"):
        p.unlink()
    rc, out = compare_cli(base, new, capsys)
    assert rc == 2
    assert f"{empty} {side} holds no readable claims result" in out.err and "Fix:" in out.err


def test_side_with_only_unreadable_files_exits_2(sets, capsys):
    base, new = sets
    (new / ENV / "ci").mkdir(parents=True)
    (new / ENV / "ci" / "half.json").write_text('{"schema": ')
    rc, out = compare_cli(base, new, capsys)
    assert rc == 2 and "half.json" in out.err and "1 file(s) could not be read" in out.err


def test_some_nan_values_fail_as_non_finite(sets, capsys):
    base, new = sets
    now = standard_set()
    now[0] = with_nan(now[0], k=2)
    write_set(now, new)
    assert load_result(next(new.rglob("alpha-supported.json")))["arms"]["fast"][:2] == ["nan", "nan"]
    rc, out = compare_cli(base, new, capsys)
    assert rc == 1
    assert re.search(r"NON-FINITE VALUES +alpha-supported", out.out) and "2 of 16 values of 'fast'" in out.out


def test_all_nan_values_fail_as_non_finite_not_insufficient(sets, capsys):
    base, new = sets
    now = standard_set()
    now[1] = with_nan(now[1], arm="slow", k=16)
    write_set(now, new)
    rc, out = compare_cli(base, new, capsys, "--json")
    data = json.loads(out.out)
    assert rc == 1 and data["exit_status"] == 1
    ch = {c["id"]: c for c in data["changes"]}["beta-refuted"]
    assert ch["status"] == NONFINITE and "16 of 16 values of 'slow'" in ch["reason"]


def test_too_few_seeds_fail_as_insufficient():
    one = {"verdict": "inconclusive", "estimate": 0.1, "ci": [None, None], "n": 1, "test": "t"}
    ch = compare_sets([make_result("tiny", a=[0.9], b=[0.8], summary=one)],
                      [make_result("tiny", a=[0.9], b=[0.8], summary=one)])[0]
    assert ch.status == INSUFFICIENT and ch.failed


def test_nan_identity_errors_fail():
    base = [make_result("ident", errors=[1e-16, 2e-16])]
    new = [make_result("ident", errors=[1e-16, float("nan")])]
    ch = compare_sets(base, new)[0]
    assert ch.failed and ch.status in (NONFINITE, "flipped")
    assert "1 of 2 values of 'error'" in (ch.reason + " ".join(ch.notes))


def test_error_outcome_fails_never_unchanged(sets, capsys):
    base, new = sets
    now = standard_set()
    now[0] = error_outcome(now[0])
    write_set(now, new)
    rc, out = compare_cli(base, new, capsys)
    assert rc == 1
    assert re.search(r"ERROR +alpha-supported \(ci\): error outcome, not a verdict", out.out)
    assert "DataError: UCI red wine" in out.out


def test_error_file_beside_a_good_one_is_the_current_state(sets, capsys):
    base, new = sets
    now = standard_set()
    write_set(now, new)
    err = error_outcome(now[0])
    err["timing"] = dict(err["timing"], finished="2026-11-22T00:00:00+00:00")
    write_result(err, new)                    # beside alpha-supported.json, newer
    rc, out = compare_cli(base, new, capsys)
    assert rc == 1 and "alpha-supported" in out.out and "error outcome" in out.out


def test_unreadable_file_exits_2_and_the_rest_is_compared(sets, capsys):
    base, new = sets
    write_set(standard_set(), new)
    (new / ENV / "ci" / "broken.json").write_bytes(b"\xff\xfe garbage")
    rc, out = compare_cli(base, new, capsys)
    assert rc == 2 and "broken.json" in out.err and "4 unchanged" in out.out


def test_missing_path_and_bad_floor_exit_2(sets, capsys):
    base, _ = sets
    rc, out = compare_cli(base, base.parent / "nope", capsys)
    assert rc == 2 and "nope: no such file or directory" in out.err
    rc, out = compare_cli(base, base, capsys, "--floor", "-1")
    assert rc == 2 and "--floor" in out.err


def test_unexpected_exception_exits_3_not_1(sets, capsys, monkeypatch):
    base, new = sets
    write_set(standard_set(), new)
    import harness.reporting.compare

    def boom(*a, **k):
        raise KeyError("summary")
    monkeypatch.setattr(harness.reporting.compare, "compare_sets", boom)
    rc, out = compare_cli(base, new, capsys)
    assert rc == 3
    line = out.err.strip().splitlines()[-1]
    assert "internal error: KeyError" in line and "CLAIMS_DEBUG=1" in line and "Traceback" not in out.err
    monkeypatch.setenv("CLAIMS_DEBUG", "1")
    rc, out = compare_cli(base, new, capsys)
    assert rc == 3 and "Traceback" in out.err


@pytest.mark.parametrize("command", ["list", "index", "report", "export"])
def test_unexpected_exception_in_any_command_exits_3(tmp_path, capsys, monkeypatch, command):
    import harness.declaring.catalog
    import harness.storing.export
    import harness.reporting.report
    import harness.storing.resultset

    def boom(*a, **k):
        raise TypeError("planted bug")
    if command in ("list", "index"):
        monkeypatch.setattr(harness.declaring.catalog, "discover", boom)
    else:
        for mod in (harness.storing.resultset, harness.reporting.report, harness.storing.export):
            for name in ("collect", "iter_results", "iter_entries"):
                if hasattr(mod, name):
                    monkeypatch.setattr(mod, name, boom)
    write_set(standard_set(), tmp_path / "r")
    argv = {"list": ["list"], "index": ["index"],
            "report": ["report", str(tmp_path / "r"), "-o", str(tmp_path / "html")],
            "export": ["export", str(tmp_path / "r"), "-o", str(tmp_path / "tables")]}[command]
    rc = cli.main(argv)
    err = capsys.readouterr().err
    assert rc == 3, err
    assert "internal error: TypeError: planted bug" in err


def test_help_documents_the_exit_codes(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    text = capsys.readouterr().out
    assert "exit status" in text and "3 internal error" in text and "2 usage error" in text


# ------------------------------------------------------------------ --claims-baseline
@pytest.fixture
def baseline(tmp_path):
    root = tmp_path / "baselines"
    write_set(standard_set(ENV), root)
    return root


def test_gate_passes_unchanged(baseline):
    for r in standard_set(ENV):
        assert check_against_baseline(r, baseline) is None


def test_gate_fails_a_claim_without_baseline_entry(baseline):
    msg = check_against_baseline(make_result("new-claim", a=[1.0] * 12, b=[0.0] * 12), baseline)
    assert "no baseline entry for new-claim" in msg and "a new claim?" in msg
    assert "docs/reports.md" in msg and f"{ENV}/ci" in msg


def test_gate_fails_when_the_baseline_has_no_results_for_this_environment(baseline):
    r = standard_set("torch-9.9.9-cpu")[0]
    msg = check_against_baseline(r, baseline)
    assert f"{baseline} has no baseline for torch-9.9.9-cpu/ci" in msg
    assert f"it has: {ENV}/ci" in msg and "Fix: refresh the baseline" in msg


def test_gate_never_uses_another_environment(tmp_path):
    root = tmp_path / "baselines"
    write_set(standard_set("torch-2.12.0-cpu"), root)
    msg = check_against_baseline(standard_set(ENV)[0], root)
    assert msg is not None and f"no baseline for {ENV}/ci" in msg


def test_gate_fails_nan_values(baseline):
    msg = check_against_baseline(with_nan(standard_set(ENV)[0]), baseline)
    assert "non-finite values" in msg and "1 of 16 values of 'fast'" in msg


def test_gate_fails_nan_in_the_baseline(tmp_path):
    root = tmp_path / "baselines"
    now = standard_set(ENV)
    write_set([with_nan(now[0], k=16)], root)
    msg = check_against_baseline(now[0], root)
    assert "non-finite values" in msg and "base: 16 of 16" in msg


def test_gate_fails_an_error_outcome_in_the_baseline(tmp_path):
    root = tmp_path / "baselines"
    now = standard_set(ENV)
    write_result(error_outcome(now[0]), root)
    msg = check_against_baseline(now[0], root)
    assert "error outcome" in msg and "DataError" in msg


def test_gate_fails_an_unreadable_baseline_file(baseline):
    f = baseline / ENV / "ci" / "alpha-supported.json"
    f.write_text(f.read_text()[:200])
    before = f.read_bytes()
    msg = check_against_baseline(standard_set(ENV)[0], baseline)
    assert "baseline file unreadable" in msg and str(f) in msg and "not valid JSON" in msg
    assert f.read_bytes() == before


def test_gate_fails_insufficient_data(tmp_path):
    root = tmp_path / "baselines"
    one = {"verdict": "inconclusive", "estimate": 0.1, "ci": [None, None], "n": 1, "test": "t"}
    r = make_result("tiny", a=[0.9], b=[0.8], summary=one)
    write_set([r], root)
    msg = check_against_baseline(r, root)
    assert "insufficient data" in msg and "fewer than 2" in msg


def test_committed_baseline_passes_against_itself():
    """What CI runs: every committed ci result, checked against the committed baselines, passes."""
    files = sorted((BASELINES / ENV / "ci").glob("*.json"))
    assert len(files) > 200
    before = tree_hash(BASELINES)
    failures = [(f.name, m) for f in files if (m := check_against_baseline(load_result(f), BASELINES))]
    assert failures == []
    assert tree_hash(BASELINES) == before
