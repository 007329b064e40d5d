"""Seed families are a dimension of a result set: another --claims-seed is another result (its own
folder, its own baseline), never a duplicate of the default family's, and the report names claims
whose verdict differs between families."""
from __future__ import annotations

import re

from harness.reporting.compare import compare_sets
from harness.reporting.report import seed_family_findings
from harness.storing.resultset import collect, dedupe, family
from harness.running.seeds import DEFAULT_GLOBAL_SEED, family_label
from tests.results_factory import make_result, paired_values, write_set


def with_seed(r, seed):
    r["config"]["global_seed"] = seed
    return r


def test_family_label_names_only_other_families():
    assert family_label("ci", DEFAULT_GLOBAL_SEED) == "ci"
    assert family_label("ci", None) == "ci"
    assert family_label("ci", 7) == "ci-seed7"


def test_two_families_are_two_results_in_two_folders(tmp_path):
    a, b = paired_values(12, 0.05, seed=1)
    default = make_result("c1", a=a, b=b)
    other = with_seed(make_result("c1", a=a, b=b), 7)
    paths = write_set([default, other], tmp_path)
    assert {p.parent.name for p in paths} == {"ci", "ci-seed7"}
    rs = collect([tmp_path]).results
    kept, warnings = dedupe(rs)
    assert len(kept) == 2 and not warnings
    assert sorted(family(r) for r in kept) == ["ci", "ci-seed7"]


def test_compare_matches_families_not_across_them(tmp_path):
    a, b = paired_values(12, 0.05, seed=1)
    base = [make_result("c1", a=a, b=b), with_seed(make_result("c1", a=a, b=b), 7)]
    new = [make_result("c1", a=a, b=b)]                        # the default family only
    changes = {(c.id, c.profile): c.status for c in compare_sets(base, new)}
    assert changes[("c1", "ci")] == "unchanged"
    assert changes[("c1", "ci-seed7")] == "missing in new"     # a family the new set lacks fails


def test_report_names_a_seed_family_disagreement():
    a, b = paired_values(12, 0.05, seed=1)                   # clearly above delta 0.02
    a0, b0 = paired_values(12, 0.0, seed=2)                   # no effect
    by_claim = {"c1": [make_result("c1", a=a, b=b), with_seed(make_result("c1", a=a0, b=b0), 7)],
                "c2": [make_result("c2", a=a, b=b), with_seed(make_result("c2", a=a, b=b), 7)]}
    found = seed_family_findings(by_claim)
    assert [f["id"] for f in found] == ["c1"]
    assert "ci-seed7" in found[0]["what"]


def test_report_publishes_the_verdict_over_families(tmp_path):
    """The index and claim page show the verdict over families: unanimous in three families, or
    inconclusive where they differ (harness.deciding.families), beside each run's own verdict."""
    from harness.reporting.report import build_report
    a, b = paired_values(12, 0.05, seed=1)
    a0, b0 = paired_values(12, 0.0, seed=2)
    rs = [make_result("agree", a=a, b=b), with_seed(make_result("agree", a=a, b=b), 7),
          with_seed(make_result("agree", a=a, b=b), 12345),
          make_result("differ", a=a, b=b), with_seed(make_result("differ", a=a0, b=b0, expect="refuted"), 7),
          with_seed(make_result("differ", a=a, b=b), 12345),
          make_result("alone", a=a, b=b)]
    index = build_report(rs, [], [], tmp_path / "out").read_text()
    text = " ".join(re.sub("<[^>]+>", "", index).split())
    assert "1 supported" in text.split("Published verdicts over seed families")[1][:400]
    assert "(1 inconclusive because the families differ)" in text
    assert "1 claims measured in fewer than 3 families" in text
    page = " ".join(re.sub("<[^>]+>", "", (tmp_path / "out" / "claims" / "differ.html").read_text()).split())
    assert "inconclusive: the 3 seed families differ" in page
    page = " ".join(re.sub("<[^>]+>", "", (tmp_path / "out" / "claims" / "agree.html").read_text()).split())
    assert "supported in all 3 seed families" in page
