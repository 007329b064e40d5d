"""A pinned reason's measured numbers agree with the committed baseline (harness.declaring.reasons).

Each claim's ``expect_reason`` quotes what the suite measured: "(ci, 12 seeds): +0.65 [0.61, 0.68]",
"seed family 7: ...", "measured refuted (...)", "means adam 0.9625, sgd 0.9581". These tests read
those numbers back and compare them, at the printed precision, with the result files under
reports/baselines/torch-2.13.0-cpu/<profile>/<claim-id>.json, so a refreshed baseline cannot leave a
reason quoting an older run. No claim runs here; only JSON files are read.
"""
from __future__ import annotations

import json

import pytest

from harness.declaring.catalog import discover
from harness.declaring.reasons import (BASELINE_ROOT, Quote, agrees, check_claims, check_reason,
                             parse_reason, printed_unit)

CLAIMS, _ = discover()
CHECKS = check_claims(CLAIMS)

# Claims whose reasons are being re-pinned right now (the lead's re-pin of claims/mnist/test_ffn_mnist.py,
# claims/mnist/test_normalization.py and claims/numerics/test_log_softmax_mnist.py): their stale
# numbers are listed, not failed. Empty it as each re-pin lands; an entry whose reason agrees again
# fails test_pending_repin_entries_are_still_stale, so the list cannot outlive its reason.
PENDING_REPIN: frozenset[str] = frozenset()


def _format(checks) -> str:
    return "\n".join(str(m) for c in checks for m in c.mismatches)


def test_pinned_reasons_agree_with_committed_baselines():
    stale = [c for c in CHECKS if c.stale and c.claim_id not in PENDING_REPIN]
    if stale:
        pytest.fail(
        f"{len(stale)} pinned reasons quote numbers the committed baseline does not hold "
        f"({BASELINE_ROOT}). Fix: copy the baseline's numbers into the claim's expect_reason "
        "(docs/writing-claims.md, 'Pinned expectation'); a quoted verdict that differs from the "
        "baseline's is a re-pin, not a typo.\n" + _format(stale), pytrace=False)


def test_reasons_are_checked_at_all():
    """The parser still reads the reasons' forms: most reasons that quote numbers are checked."""
    checked = [c for c in CHECKS if c.checked]
    assert len(checked) >= 200, f"only {len(checked)} reasons had a number checked against a baseline"


def test_pending_repin_entries_are_still_stale():
    by_id = {c.claim_id: c for c in CHECKS}
    unknown = sorted(PENDING_REPIN - set(by_id))
    assert not unknown, f"PENDING_REPIN names claims that do not exist: {unknown}"
    done = sorted(cid for cid in PENDING_REPIN if not by_id[cid].stale)
    assert not done, f"these reasons agree with the baseline again: remove them from PENDING_REPIN: {done}"


# ----------------------------------------------------------------------------- the parser


def fields(reason: str) -> dict[tuple[str, str], str]:
    return {(q.profile, q.field): q.text for q in parse_reason(reason)}


def test_printed_unit_and_rounding():
    assert printed_unit("0.65") == pytest.approx(0.01)
    assert printed_unit("+138") == 1
    assert printed_unit("2.6e-8") == pytest.approx(1e-9)
    assert printed_unit("-0.0020") == pytest.approx(1e-4)
    assert agrees("0.65", 0.6523)
    assert agrees("0.65", 0.645)              # rounds half up or down: both print 0.65
    assert not agrees("0.65", 0.6561)
    assert not agrees("+138", 138.52)         # prints 139
    assert agrees("0.61", 0.6082)
    assert agrees("0.60", 0.6082, units=1.0)  # a bound rounded outward: one unit of slack
    assert not agrees("0.59", 0.6082, units=1.0)
    assert not agrees("0.5", float("nan"))


def test_parses_profile_seeds_interval():
    f = fields("measured (ci, 12 seeds): recall gap - accuracy gap = +0.65 [0.61, 0.68] (about 0.90)")
    assert f == {("ci", "estimate"): "+0.65", ("ci", "ci_lo"): "0.61", ("ci", "ci_hi"): "0.68",
                 ("ci", "seeds"): "12"}


def test_parses_verdict_means_and_unit_word():
    f = fields("2026-12-04, rule v2: measured refuted (ci, 12 seeds): +0.004425 [0.0017, 0.006592]; "
               "means adam 0.9625, sgd 0.9581")
    assert f[("ci", "verdict")] == "refuted"
    assert f[("ci", "mean:adam")] == "0.9625" and f[("ci", "mean:sgd")] == "0.9581"
    f = fields("measured (ci, 12 seeds): +6.75 decades [6.64, 6.91]")
    assert f[("ci", "estimate")] == "+6.75" and f[("ci", "ci_hi")] == "6.91"


def test_parses_seed_families_and_profile_lists():
    f = fields("measured (ci, 12 seeds): +0.65 [0.61, 0.68]; seed family 7: +0.60 [0.57, 0.64], supported")
    assert f[("ci-seed7", "estimate")] == "+0.60" and f[("ci-seed7", "verdict")] == "supported"
    f = fields("measured (ci: supported, +0.2592 [0.2158, 0.3048] over 12 seeds; family 12345: "
               "inconclusive, +0.2489 [0.1971, 0.2998] over 24 seeds; full: refuted, -0.1 [-0.2, -0.05] over 48 seeds)")
    assert f[("ci", "verdict")] == "supported" and f[("ci", "seeds")] == "12"
    assert f[("ci-seed12345", "verdict")] == "inconclusive" and f[("ci-seed12345", "seeds")] == "24"
    assert f[("full", "estimate")] == "-0.1" and f[("full", "seeds")] == "48"
    f = fields("(ci, 12 seeds): +1.84 [1.81, 1.87]; seed family 7: +1.83, supported")
    assert f[("ci-seed7", "estimate")] == "+1.83"
    f = fields("(ci, 12 seeds): +0.5 [0.4, 0.6]; seed family 7: REFUTED -0.006 [-0.012, -0.001] at 12 seeds")
    assert f[("ci-seed7", "verdict")] == "refuted" and f[("ci-seed7", "seeds")] == "12"
    f = fields("measured (ci): 0.58 [0.08, 1.67]. Seed family 577 (ci): refuted; full (48 seeds): "
               "inconclusive, 0.44 [0.17, 1.0].")
    assert f[("ci-seed577", "verdict")] == "refuted"
    assert f[("full", "seeds")] == "48" and f[("full", "ci_hi")] == "1.0"


def test_identity_cases_and_max_error():
    f = fields("measured (ci: supported, max error 2.78e-17 over 6 cases; family 7: supported, max error 0 over 6 cases)")
    assert f[("ci", "max_error")] == "2.78e-17" and f[("ci", "cases")] == "6"
    assert f[("ci-seed7", "max_error")] == "0"
    f = fields("measured (ci, 100k masks): max error 5.3e-15 (float64 rounding)")
    assert f == {("ci", "max_error"): "5.3e-15"}


def test_parses_at_the_full_sizes():
    f = fields("measured at the full sizes (24 seeds; run as ci before they moved to full): +0.48 [0.37, 0.74]; "
               "seed family 1009: SUPPORTED +0.53 [0.40, 0.66]")
    assert f[("full", "seeds")] == "24" and f[("full", "estimate")] == "+0.48"
    assert f[("full-seed1009", "verdict")] == "supported"


def test_reads_nothing_where_nothing_is_quoted():
    assert parse_reason("measured: largest difference 2.8e-16 over 50 steps (Adam, RMSprop)") == []
    assert parse_reason("not measured (ci skipped, full unmeasured)") == []
    # history after 'Earlier:' is not checked; free-text brackets that hold no estimate are skipped
    assert fields("measured (ci, 12 seeds): +0.1 [0.05, 0.2]. Earlier: (ci, 24 seeds): +0.3 [0.2, 0.4]") == {
        ("ci", "estimate"): "+0.1", ("ci", "ci_lo"): "0.05", ("ci", "ci_hi"): "0.2", ("ci", "seeds"): "12"}
    f = fields("measured (ci, 12 seeds): accuracy 0.995 with [4] vs 1.000 with [4, 2], difference -0.0043 [-0.008, -0.0017]")
    assert f[("ci", "estimate")] == "-0.0043"
    assert "ci-seed0" not in {p for p, _ in fields("(ci, 32 seeds): new families 0.637, gap -0.002 [-0.012, 0.010]")}


# ----------------------------------------------------------------------------- the check


def _write(root, profile, cid, *, estimate, ci, n, verdict="supported", arms=None):
    path = root / profile / f"{cid}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    arms = arms or {"a": [0.9] * n, "b": [0.8] * n}
    path.write_text(json.dumps({
        "summary": {"estimate": estimate, "ci": ci, "n": n, "verdict": verdict},
        "arms": arms, "seeds": {"indices": list(range(n))}}))
    return path


def test_check_passes_at_printed_precision(tmp_path):
    _write(tmp_path, "ci", "x", estimate=0.6523, ci=[0.6082, 0.6783], n=12,
           arms={"adam": [0.96, 0.965] * 6, "sgd": [0.958] * 12})
    r = check_reason("x", "measured supported (ci, 12 seeds): +0.65 [0.61, 0.68]; means adam 0.9625, sgd 0.958, "
                          "other 0.5", tmp_path)
    assert not r.mismatches and len(r.checked) == 7 and not r.no_result   # 'other' is no arm: skipped


@pytest.mark.parametrize("reason, field", [
    ("measured (ci, 12 seeds): +0.66 [0.61, 0.68]", "estimate"),      # 0.6523 prints 0.65
    ("measured (ci, 12 seeds): +0.65 [0.59, 0.68]", "ci_lo"),         # two units off
    ("measured (ci, 24 seeds): +0.65 [0.61, 0.68]", "seeds"),
    ("measured refuted (ci, 12 seeds): +0.65 [0.61, 0.68]", "verdict"),
    ("measured (ci, 12 seeds): +0.65 [0.61, 0.68]; means a 0.91, b 0.8", "mean:a"),
    ("measured (ci, 12 seeds): -0.65 [-0.68, -0.61]", "estimate"),    # the sign counts
])
def test_check_fails_on_stale_numbers(tmp_path, reason, field):
    path = _write(tmp_path, "ci", "x", estimate=0.6523, ci=[0.6082, 0.6783], n=12)
    r = check_reason("x", reason, tmp_path)
    assert field in {m.quote.field for m in r.mismatches}
    text = str(next(m for m in r.mismatches if m.quote.field == field))
    assert text.startswith("x: reason quotes") and str(path.name) in text


def test_profile_without_committed_result_is_counted_not_failed(tmp_path):
    _write(tmp_path, "ci", "x", estimate=0.6523, ci=[0.6082, 0.6783], n=12)
    r = check_reason("x", "(ci, 12 seeds): +0.65 [0.61, 0.68]; seed family 2718: +0.60 [0.57, 0.64], supported",
                     tmp_path)
    assert not r.mismatches and r.no_result == ["ci-seed2718"]
    r = check_reason("y", "measured: max error 0", tmp_path)
    assert not r.quotes and not r.checked and not r.stale


def test_quote_describes_itself():
    assert Quote("ci", "estimate", "+0.65").describe() == "estimate +0.65 (ci)"
