"""The minimum-effect decision rule (issue 8): equally strict both ways, across the look
schedule, on symmetric, skewed, heavy-tailed and tied differences; rounding never decides.

CI-sized (alpha 0.05 / 0.01 so that a few thousand replicates resolve the rates); the alpha =
0.001 table is tests/simulations/error_rates.py, committed in docs/decision-rule.md. Bound:
rate <= alpha + 3 binomial standard errors.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from harness.deciding import stats
from harness.deciding.stats import compare_paired
from tests.simulations.nulls import CORE, rates, sample

pytestmark = pytest.mark.filterwarnings("error")


def _bound(alpha: float, reps: int, factor: float = 1.0) -> float:
    return factor * alpha + 3.0 * math.sqrt(factor * alpha * (1 - factor * alpha) / reps)


SYMMETRIC = ("normal", "student t(3)", "ties k/50")
LOOKS = (12, 24)


@pytest.mark.parametrize("shape", SYMMETRIC)
@pytest.mark.parametrize("direction", ["greater", "less"])
def test_at_effect_exactly_delta_neither_verdict_beyond_alpha_symmetric(shape, direction):
    """The boundary of both nulls, over the whole schedule (12 -> 24, alpha spent linearly)."""
    alpha, reps, delta = 0.05, 2000, 0.5
    D = sample(shape, reps, LOOKS[-1], "rule", direction) + (delta if direction == "greater"
                                                            else -delta)
    r = rates(D, LOOKS, direction=direction, delta=delta, alpha=alpha)
    assert r["supported"] <= _bound(alpha, reps), r
    assert r["refuted"] <= _bound(alpha, reps), r


# Skewed and diverged: no test of a mean is exact at n = 12 (see docs/decision-rule.md). These
# bounds are the measured behaviour, so a change that makes it worse fails: at alpha = 0.05
# over (12, 24) the rule stays within 1.6 alpha on the short-tail side (the old mean-vs-0 rule
# and the plain sign-flip vs delta exceed 2 alpha there) and below alpha on the long-tail side.
SKEWED = ("exponential, long tail up", "exponential, long tail down",
          "10% diverged seeds down")


@pytest.mark.parametrize("shape", SKEWED)
def test_at_effect_exactly_delta_skewed_errors_stay_within_the_measured_bound(shape):
    alpha, reps, delta = 0.05, 2000, 0.5
    D = sample(shape, reps, LOOKS[-1], "rule-skew") + delta
    r = rates(D, LOOKS, direction="greater", delta=delta, alpha=alpha)
    worst = max(r["supported"], r["refuted"])
    # diverged seeds: a sample of 12 that met no divergence cannot know it; measured 2.8 alpha
    factor = 3.2 if "diverged" in shape else 1.6
    assert worst <= _bound(alpha, reps, factor), r
    # the long-tail side is conservative
    assert min(r["supported"], r["refuted"]) <= _bound(alpha, reps), r


def test_bootstrap_t_part_lowers_the_skewed_error_of_the_sign_flip():
    """Why both tests: on the short-tail side of exponential differences the sign-flip alone
    errs more than the rule (which takes the larger p of sign-flip and bootstrap-t)."""
    alpha, reps, n, delta = 0.01, 3000, 12, 0.5
    D = sample("exponential, long tail down", reps, n, "why-bt") + delta
    draws = stats.make_draws(n, alpha, "greater", 3)
    out = stats.decide_rows(D, direction="greater", delta=delta, alpha=alpha, noise=1e-12,
                            draws=draws)
    rule = np.mean(out["p_value"] <= alpha)
    sign_flip_only = np.mean(out["p_value_signflip"] <= alpha)
    assert rule < 0.8 * sign_flip_only, (rule, sign_flip_only)


@pytest.mark.parametrize("shape", CORE)
def test_tost_at_the_margin_does_not_support_beyond_alpha(shape):
    alpha, reps, delta = 0.05, 1500, 0.5
    D = sample(shape, reps, 12, "tost-margin") - delta
    r = rates(D, (12,), direction="equivalent", delta=delta, alpha=alpha)
    factor = 1.0 if shape in SYMMETRIC else 3.2 if "diverged" in shape else 1.6
    assert r["supported"] <= _bound(alpha, reps, factor), r
    assert r["refuted"] <= _bound(alpha, reps, factor), r


def test_true_effect_of_delta_is_no_longer_supported_half_the_time():
    """The old rule (significant vs 0 and estimate >= delta) supported a true effect of exactly
    delta ~50% of the time; the minimum-effect rule at most alpha."""
    alpha, reps = 0.001, 1000
    D = sample("normal", reps, 24, "half") + 1.0      # delta = 1 sd, true effect = delta
    r = rates(D, (12, 24), direction="greater", delta=1.0, alpha=alpha)
    assert r["supported"] <= 0.005, r


def test_power_beyond_delta_and_refutation_at_zero():
    """Normal differences, delta = 0.5 sd, (12, 24) at alpha = 0.001: a true effect of
    delta + 1.5 sd is supported nearly always and one of delta - 1.5 sd refuted nearly always;
    a true effect of 0 is never supported (refuted in ~12%: 0.5 sd below delta is hard to see
    at alpha = 0.001 with 24 seeds, for any test)."""
    reps = 600
    D = sample("normal", reps, 24, "power")
    far = rates(D + 2.0, (12, 24), direction="greater", delta=0.5, alpha=0.001)
    below = rates(D - 1.0, (12, 24), direction="greater", delta=0.5, alpha=0.001)
    zero = rates(D, (12, 24), direction="greater", delta=0.5, alpha=0.001)
    assert far["supported"] >= 0.9 and far["refuted"] == 0.0, far
    assert below["refuted"] >= 0.9 and below["supported"] == 0.0, below
    assert zero["supported"] == 0.0 and zero["refuted"] >= 0.05, zero


# --------------------------------------------------------------------------- rounding, ties
def test_rounding_level_differences_decide_nothing():
    """0.1 + 0.2 vs 0.3: d = 5.6e-17 is float rounding, neither 'greater' nor 'less'."""
    a, b = np.full(12, 0.1 + 0.2), np.full(12, 0.3)
    for direction in ("greater", "less"):
        r = compare_paired(a, b, direction=direction, delta=0.0, alpha=0.001)
        assert r.verdict == "inconclusive" and r.n_used == 0 and not r.decidable, r


def test_constant_arms_at_exactly_delta_are_not_decided_by_float_noise():
    """0.95 vs 0.9 with delta 0.05: d - delta = -7e-17, i.e. exactly at the null."""
    r = compare_paired(np.full(12, 0.95), np.full(12, 0.9), direction="greater", delta=0.05,
                       alpha=0.001)
    assert r.verdict == "inconclusive" and r.n_used == 0 and r.p_refute == 1.0, r
    r = compare_paired(np.full(12, 0.95), np.full(12, 0.9), direction="greater", delta=0.02,
                       alpha=0.001)
    assert r.verdict == "supported" and r.p_value == 2.0 ** -12


def test_decidability_counts_what_the_test_can_use():
    """Zero differences count when delta > 0 (d - delta is not 0); with delta = 0 they carry
    no sign, so 3 zeros in 12 leave 9 usable pairs and 2^-9 > alpha: undecidable data, which
    the result says, inconclusive rather than an error."""
    d = np.r_[np.zeros(3), np.full(9, -0.02) + np.linspace(0, 0.001, 9)]
    r = compare_paired(d, np.zeros(12), direction="less", delta=0.005, alpha=0.001)
    assert r.n_used == 12 and r.decidable and r.p_floor == 2.0 ** -12, r
    r = compare_paired(d, np.zeros(12), direction="less", delta=0.0, alpha=0.001)
    assert r.n_used == 9 and r.p_floor == 2.0 ** -9 and not r.decidable
    assert r.verdict == "inconclusive"


def test_all_zero_differences_with_delta_zero_are_inconclusive():
    r = compare_paired(np.full(12, 0.5), np.full(12, 0.5), direction="greater", delta=0.0,
                       alpha=0.001)
    assert (r.verdict, r.p_value, r.p_refute, r.n_used) == ("inconclusive", 1.0, 1.0, 0)


def test_same_rule_one_row_and_many_rows():
    """compare_paired is decide_rows on one row with draws seeded from its data."""
    rng = np.random.default_rng(5)
    a, b = rng.normal(0.8, 1, 12), rng.normal(0, 1, 12)
    r = compare_paired(a, b, direction="greater", delta=0.1, alpha=0.01, n_boot=10)
    draws = stats.make_draws(12, 0.01, "greater", stats.draw_seed(a - b, "greater", 0.1, 0.01))
    out = stats.decide_rows(np.stack([a - b, a - b]), direction="greater", delta=0.1,
                            alpha=0.01, noise=stats._rounding_scale(a, b, 0.1), draws=draws)
    assert list(out["p_value"]) == [r.p_value, r.p_value]
    assert list(out["verdict"]) == [r.verdict, r.verdict]
