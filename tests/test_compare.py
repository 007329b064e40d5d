"""`claims compare` and the --claims-baseline check: planted flips and drifts are found, exactly."""
from __future__ import annotations

import argparse
import json

import pytest

from harness.reporting.compare import (DRIFTED, FLIPPED, INSUFFICIENT, ONLY_BASE, ONLY_NEW, UNCHANGED,
                             bootstrap_mean_difference, check_against_baseline, compare_sets, main_compare)
from results_factory import make_result, paired_values, standard_set, write_set


def by_id(changes):
    return {c.id: c for c in changes}


def run(base, new, capsys, *extra):
    args = argparse.Namespace(base=str(base), new=str(new), json="--json" in extra, floor=None)
    rc = main_compare(args)
    return rc, capsys.readouterr()


def flipped_set(env="torch-2.13.0-cpu"):
    new = standard_set(env)
    a, b = paired_values(16, 0.10, seed=9)         # beta was refuted (no effect); now a clear effect
    new[1] = make_result("beta-refuted", a=a, b=b, env_key=env, expect="refuted", topic="numerics")
    assert new[1]["summary"]["verdict"] != standard_set()[1]["summary"]["verdict"]
    return new


def test_identical_sets_report_nothing_changed(tmp_path, capsys):
    base, new = standard_set("torch-2.12.0-cpu"), standard_set("torch-2.13.0-cpu")
    changes = compare_sets(base, new)
    assert {c.status for c in changes} == {UNCHANGED}
    assert len(changes) == len(base)
    write_set(base, tmp_path / "a")
    write_set(new, tmp_path / "b")
    rc, out = run(tmp_path / "a", tmp_path / "b", capsys)
    assert rc == 0
    assert f"0 flipped, 0 drifted" in out.out


def test_planted_flip_is_reported_exactly_and_exits_nonzero(tmp_path, capsys):
    changes = compare_sets(standard_set("torch-2.12.0-cpu"), flipped_set())
    assert [c.id for c in changes if c.status != UNCHANGED] == ["beta-refuted"]
    ch = by_id(changes)["beta-refuted"]
    assert ch.status == FLIPPED and ch.base_verdict == "refuted" and ch.new_verdict == "supported"
    assert ch.change_ci[0] > 0                      # the effect moved up, and the CI says so
    write_set(standard_set("torch-2.12.0-cpu"), tmp_path / "a")
    write_set(flipped_set(), tmp_path / "b")
    rc, out = run(tmp_path / "a", tmp_path / "b", capsys)
    assert rc == 1
    assert "FLIPPED" in out.out and "beta-refuted" in out.out and "refuted -> supported" in out.out
    rc, out = run(tmp_path / "a", tmp_path / "b", capsys, "--json")
    data = json.loads(out.out)
    assert rc == 1 and data["counts"][FLIPPED] == 1 and data["counts"][UNCHANGED] == 3
    assert [c["id"] for c in data["changes"] if c["status"] == FLIPPED] == ["beta-refuted"]


def test_planted_drift_with_same_verdict_is_drifted():
    base = standard_set("torch-2.12.0-cpu")
    new = standard_set("torch-2.13.0-cpu")
    a, b = paired_values(16, 0.10, seed=1)
    new[0] = make_result("alpha-supported", a=[x + 0.05 for x in a], b=b, env_key="torch-2.13.0-cpu")
    changes = by_id(compare_sets(base, new))
    ch = changes["alpha-supported"]
    assert ch.base_verdict == ch.new_verdict == "supported"
    assert ch.status == DRIFTED
    assert ch.change == pytest.approx(0.05) and ch.change_ci[0] > 0
    assert [c.id for c in changes.values() if c.changed] == ["alpha-supported"]


def test_a_timing_claims_moved_effect_is_a_note_not_drift():
    base = standard_set("torch-2.12.0-cpu")
    new = standard_set("torch-2.13.0-cpu")
    a, b = paired_values(16, 0.10, seed=1)
    new[0] = make_result("alpha-supported", a=[x + 0.05 for x in a], b=b, env_key="torch-2.13.0-cpu")
    new[0]["claim"]["measures_time"] = True
    ch = by_id(compare_sets(base, new))["alpha-supported"]
    assert ch.status == UNCHANGED and not ch.changed
    assert any("a timing moved by +0.05" in n for n in ch.notes)
    new[0]["summary"]["verdict"] = "refuted"                     # a flip still fails
    assert by_id(compare_sets(base, new))["alpha-supported"].status == FLIPPED


def test_small_shift_below_the_floor_is_not_drift():
    base = standard_set("torch-2.12.0-cpu")
    new = standard_set("torch-2.13.0-cpu")
    a, b = paired_values(16, 0.10, seed=1)
    new[0] = make_result("alpha-supported", a=[x + 0.01 for x in a], b=b, env_key="torch-2.13.0-cpu")
    ch = by_id(compare_sets(base, new))["alpha-supported"]
    assert ch.change_ci[0] > 0                      # detectable ...
    assert ch.status == UNCHANGED                   # ... but below 25% of the base estimate
    assert by_id(compare_sets(base, new, floor=0.05))["alpha-supported"].status == DRIFTED


def test_one_sided_claims_are_named_and_short_data_is_insufficient():
    one_seed = {"verdict": "inconclusive", "estimate": 0.1, "ci": [None, None], "n": 1,
                "test": "exact sign-flip permutation (one-sided)"}
    base = standard_set("torch-2.12.0-cpu")[:3]
    new = standard_set("torch-2.13.0-cpu")[1:] + [make_result("tiny", a=[0.9], b=[0.8], summary=one_seed)]
    base.append(make_result("tiny", a=[0.9], b=[0.8], env_key="torch-2.12.0-cpu", summary=one_seed))
    changes = by_id(compare_sets(base, new))
    assert changes["alpha-supported"].status == ONLY_BASE == "missing in new"
    assert changes["alpha-supported"].failed and "not in the new set" in changes["alpha-supported"].reason
    assert changes["delta-identity"].status == ONLY_NEW and not changes["delta-identity"].failed
    assert changes["tiny"].status == INSUFFICIENT and changes["tiny"].failed
    assert "fewer than 2" in changes["tiny"].reason


def test_identity_claims_flip_only_on_verdict():
    base = [make_result("ident", errors=[1e-16, 2e-16])]
    same = [make_result("ident", errors=[5e-13, 1e-15])]          # larger, still within tolerance
    broken = [make_result("ident", errors=[1e-16, 1e-3])]
    assert compare_sets(base, same)[0].status == UNCHANGED
    ch = compare_sets(base, broken)[0]
    assert ch.status == FLIPPED and ch.new_verdict == "refuted"


def test_bad_file_is_named_and_exits_2(tmp_path, capsys):
    write_set(standard_set(), tmp_path / "a")
    write_set(standard_set(), tmp_path / "b")
    bad = tmp_path / "b" / "torch-2.13.0-cpu" / "ci" / "half.json"
    bad.write_text('{"schema": "claims-res')
    rc, out = run(tmp_path / "a", tmp_path / "b", capsys)
    assert rc == 2 and "half.json" in out.err and "not valid JSON" in out.err
    assert "4 unchanged" in out.out                 # the rest was still compared


def test_bootstrap_is_deterministic():
    x, y = [0.1, 0.2, 0.15, 0.12], [0.2, 0.25, 0.22, 0.3]
    assert bootstrap_mean_difference(x, y, seed=3) == bootstrap_mean_difference(x, y, seed=3)


def test_check_against_baseline(tmp_path):
    root = tmp_path / "baselines"
    write_set(standard_set("torch-2.12.0-cpu"), root)
    write_set(flipped_set("torch-2.13.0-cpu"), root)
    now = standard_set("torch-2.13.0-cpu")
    # same env baseline (flipped one) is preferred over the older torch
    msg = check_against_baseline(now[1], root)
    assert msg is not None and "flipped" in msg
    assert "supported" in msg and "refuted" in msg and "torch-2.13.0-cpu" in msg
    assert "estimate" in msg and "95% CI" in msg and "n " in msg
    # unchanged claims pass; a claim without a baseline entry fails with the fix (tests/test_gate.py)
    assert check_against_baseline(now[0], root) is None
    msg = check_against_baseline(make_result("never-seen", a=[1.0] * 12, b=[0.0] * 12), root)
    assert msg is not None and "no baseline entry for never-seen" in msg and "refresh the baseline" in msg
    # another profile is not a baseline
    other = make_result("beta-refuted", a=[0.9] * 12, b=[0.1] * 12, profile="smoke")
    msg = check_against_baseline(other, root)
    assert msg is not None and "no baseline for torch-2.13.0-cpu/smoke" in msg
