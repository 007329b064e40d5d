"""Tests of harness.deciding.stats: error rates under simulated nulls, power, exactness, design checks.

All randomness comes from numpy Generators with fixed seeds (and hypothesis with
derandomize=True), so the suite is reproducible. Error-rate checks allow three binomial
standard errors over alpha: rate <= alpha + 3 * sqrt(alpha * (1 - alpha) / R).
"""
from __future__ import annotations

import itertools
import json
import math
import random
import time
import zlib

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harness.deciding import stats
from tests.simulations.nulls import rates as sim_rates
from harness.deciding.stats import (PairedResult, UndecidableDesign, check_decidable, compare_paired,
                           identity_verdict, min_p_value, paired_verdict, plan_looks,
                           seeds_needed)

# A warning from the statistics module is a bug: it would leak to every report.
pytestmark = pytest.mark.filterwarnings("error")

HYP = settings(derandomize=True, database=None, deadline=None, max_examples=60,
               suppress_health_check=[HealthCheck.too_slow])


def _rng(*key) -> np.random.Generator:
    """A generator seeded from a stable hash of the test's parameters (not Python's hash())."""
    return np.random.default_rng(zlib.crc32(repr(key).encode()))


def _bound(alpha: float, reps: int) -> float:
    return alpha + 3.0 * math.sqrt(alpha * (1.0 - alpha) / reps)


# --------------------------------------------------------------------------- null shapes
# name -> (sampler(rng, shape), a natural delta on that scale). a and b are drawn i.i.d. per
# pair, so a - b is symmetric about 0: the exact null of the sign-flip test.
SHAPES = {
    "normal": (lambda r, s: r.normal(0.0, 1.0, s), 0.5),
    "lognormal_skewed": (lambda r, s: r.lognormal(0.0, 1.0, s), 0.5),
    "student_t_df1.5": (lambda r, s: r.standard_t(1.5, s), 0.5),
    # integer grid: P(a == b) ~ 0.28, so zero differences and tied |d| are everywhere
    "coarse_grid_ties": (lambda r, s: np.round(r.normal(0.0, 1.0, s)), 1.0),
    # accuracy-like: correct/50 with a small spread; 2/50 is a plausible claimed margin
    "accuracy_k_over_50": (lambda r, s: r.binomial(50, 0.9, s) / 50.0, 0.04),
}
NS = (8, 12)
REPS = 2000


def _verdict_rates(a: np.ndarray, b: np.ndarray, **kw) -> dict[str, float]:
    """Verdict frequencies over replicate rows, by stats.decide_rows (the one implementation of
    the rule, which compare_paired calls with one row) with one set of seeded draws for all
    rows; test_paired_verdict_is_compare_paireds_decision checks the single-row path."""
    return sim_rates(np.asarray(a) - np.asarray(b), (np.shape(a)[1],), **kw)


def _null_pairs(shape: str, n: int, reps: int, *key) -> tuple[np.ndarray, np.ndarray]:
    sampler, _ = SHAPES[shape]
    rng = _rng(shape, n, reps, *key)
    return sampler(rng, (reps, n)), sampler(rng, (reps, n))


# --------------------------------------------------------------------------- false positives
@pytest.mark.parametrize("n", NS)
@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("direction", ["greater", "less"])
def test_false_support_rate_at_most_alpha_when_arms_exchangeable(direction, shape, n):
    """No effect at all (delta = 0, the most permissive claim): SUPPORTED at most alpha."""
    alpha = 0.05
    a, b = _null_pairs(shape, n, REPS, direction)
    rates = _verdict_rates(a, b, direction=direction, delta=0.0, alpha=alpha)
    assert rates["supported"] <= _bound(alpha, REPS), rates


def test_false_support_rate_at_most_alpha_001_normal_n12():
    alpha, reps = 0.01, 4000
    a, b = _null_pairs("normal", 12, reps, "alpha001")
    rates = _verdict_rates(a, b, direction="greater", delta=0.0, alpha=alpha)
    assert rates["supported"] <= _bound(alpha, reps), rates


@pytest.mark.parametrize("n", NS)
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_tost_false_equivalence_rate_at_most_alpha_when_true_difference_is_delta(shape, n):
    """True mean(a - b) = -delta exactly (b shifted by delta): SUPPORTED <= alpha; and since
    the effect sits on the equivalence margin, not outside it, REFUTED <= alpha too."""
    alpha = 0.05
    delta = SHAPES[shape][1]
    a, b = _null_pairs(shape, n, REPS, "tost")
    rates = _verdict_rates(a, b + delta, direction="equivalent", delta=delta, alpha=alpha)
    assert rates["supported"] <= _bound(alpha, REPS), rates
    assert rates["refuted"] <= _bound(alpha, REPS), rates


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_tost_false_equivalence_rate_at_most_alpha_upper_margin(shape):
    """Same, on the other margin: a shifted up by delta (true mean(a - b) = +delta)."""
    alpha, n = 0.05, 12
    delta = SHAPES[shape][1]
    a, b = _null_pairs(shape, n, REPS, "tost-upper")
    rates = _verdict_rates(a + delta, b, direction="equivalent", delta=delta, alpha=alpha)
    assert rates["supported"] <= _bound(alpha, REPS), rates


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("direction", ["greater", "less"])
def test_false_refute_rate_at_most_alpha_when_true_effect_is_exactly_delta(direction, shape):
    """Boundary null of refutation: the claimed effect holds exactly (mean(e) = delta)."""
    alpha, n = 0.05, 12
    delta = SHAPES[shape][1]
    a, b = _null_pairs(shape, n, REPS, "refute", direction)
    if direction == "greater":
        a = a + delta
    else:
        b = b + delta
    rates = _verdict_rates(a, b, direction=direction, delta=delta, alpha=alpha)
    assert rates["refuted"] <= _bound(alpha, REPS), rates


def test_sequential_looks_keep_familywise_false_support_at_most_alpha():
    """Stop at the first decisive look of (8, 16, 24) with plan_looks' alphas: overall false
    SUPPORTED rate over the whole sequence stays <= alpha (union bound)."""
    alpha, reps, looks = 0.05, 3000, (8, 16, 24)
    a, b = _null_pairs("normal", looks[-1], reps, "sequential")
    r = sim_rates(a - b, looks, direction="greater", delta=0.0, alpha=alpha)
    assert r["supported"] <= _bound(alpha, reps), r


@pytest.mark.parametrize("direction,delta", [("greater", 0.0), ("less", 0.3),
                                             ("equivalent", 0.5)])
def test_paired_verdict_is_compare_paireds_decision(direction, delta):
    """The simulations above count paired_verdict; compare_paired must decide identically."""
    for shape in sorted(SHAPES):
        for n in (8, 12, 16):
            a, b = _null_pairs(shape, n, 6, "agree", direction)
            a = a + _rng("shift", shape, n).normal(0, 2.0, (6, 1))   # some decisive cases
            for ai, bi in zip(a, b):
                r = compare_paired(ai, bi, direction=direction, delta=delta, alpha=0.05,
                                   n_boot=1)
                assert (r.verdict, r.p_value, r.p_refute, r.test) == paired_verdict(
                    ai, bi, direction=direction, delta=delta, alpha=0.05)


# --------------------------------------------------------------------------- power
def _planted(dz: float, n: int, reps: int, key: str) -> tuple[np.ndarray, np.ndarray]:
    """Arms share a per-seed component; a - b ~ Normal(dz, 1): an effect of dz sd of d."""
    rng = _rng("planted", dz, n, reps, key)
    base = rng.normal(0.0, 1.0, (reps, n))
    return base + rng.normal(dz, 1.0, (reps, n)), base


def _t_power(dz_beyond: float, n: int, alpha: float) -> float:
    """Power of the one-sided paired t-test of H0: mean(d) <= delta when the true mean exceeds
    delta by dz_beyond sd of d (noncentral t): the yardstick for normal differences."""
    from scipy import stats as sps
    return float(1 - sps.nct.cdf(sps.t.ppf(1 - alpha, n - 1), n - 1,
                                 dz_beyond * math.sqrt(n)))


def test_planted_effect_has_close_to_the_power_of_a_paired_t_test():
    """dz = 1, delta = 0.25 sd, n = 20, alpha = 0.001: the minimum-effect t-test (normal,
    the best test there is) has power 0.39 (noncentral t); the rule must come close."""
    n, alpha, reps = 20, 0.001, 1000
    a, b = _planted(1.0, n, reps, "dz1")
    rates = _verdict_rates(a, b, direction="greater", delta=0.25, alpha=alpha)
    assert rates["supported"] >= _t_power(0.75, n, alpha) - 0.08, rates
    assert rates["refuted"] == 0.0


def test_planted_large_effect_is_supported_in_at_least_90_percent():
    """dz = 1.6 against delta = 0.25 sd at n = 20: t-test power 0.97."""
    a, b = _planted(1.6, 20, 600, "dz1.6")
    rates = _verdict_rates(a, b, direction="greater", delta=0.25, alpha=0.001)
    assert rates["supported"] >= 0.90, (rates, _t_power(1.35, 20, 0.001))


def test_planted_effect_in_less_direction_is_supported():
    a, b = _planted(1.6, 20, 400, "less")
    rates = _verdict_rates(b, a, direction="less", delta=0.25, alpha=0.001)
    assert rates["supported"] >= 0.90, rates


def test_reversed_effect_is_refuted():
    """The claim says a > b; in truth a < b by 1 sd of d."""
    a, b = _planted(-1.3, 20, 400, "reversed")
    rates = _verdict_rates(a, b, direction="greater", delta=0.25, alpha=0.001)
    assert rates["refuted"] >= 0.90, rates
    assert rates["supported"] == 0.0


def test_effect_far_below_claimed_margin_is_refuted():
    """A real, significant effect (mean d = 0.2, sd 0.1) far below the claimed margin 0.5:
    significance alone does not support a claim of a meaningful effect; it is refuted."""
    rng = _rng("small-effect")
    b = rng.normal(0, 1, 20)
    r = compare_paired(b + rng.normal(0.2, 0.1, 20), b, direction="greater", delta=0.5,
                       alpha=0.001)
    assert r.verdict == "refuted" and r.p_refute <= 0.001 and r.p_value > 0.5


def test_equivalence_of_identical_arms_with_small_noise_is_supported():
    rng = _rng("equiv")
    reps, n, delta = 300, 20, 0.5
    base = rng.normal(0, 1, (reps, n))
    a, b = base + rng.normal(0, 0.1, (reps, n)), base + rng.normal(0, 0.1, (reps, n))
    rates = _verdict_rates(a, b, direction="equivalent", delta=delta, alpha=0.001)
    assert rates["supported"] >= 0.99, rates


def test_equivalence_refuted_when_difference_far_outside_margin():
    rng = _rng("not-equiv")
    b = rng.normal(0, 1, 20)
    r = compare_paired(b + 2.0 + rng.normal(0, 0.2, 20), b, direction="equivalent",
                       delta=0.5, alpha=0.001)
    assert r.verdict == "refuted" and r.p_refute <= 0.001 and r.estimate > 0.5


# --------------------------------------------------------------------------- exactness
def _brute_force_counts(x_int: np.ndarray) -> tuple[int, int]:
    """Count sign patterns with S >= S_obs and S <= S_obs, exactly, in integer arithmetic."""
    n = len(x_int)
    signs = np.array(list(itertools.product((1, -1), repeat=n)), dtype=np.int64)
    sums = signs @ x_int
    obs = int(x_int.sum())
    return int((sums >= obs).sum()), int((sums <= obs).sum())


@pytest.mark.parametrize("n", range(1, 15))
def test_exact_p_matches_brute_force_enumeration_with_ties(n):
    """Values on a decimal grid (not exact in binary): many tied sums and zero differences. The
    float meet-in-the-middle count must equal the exact integer brute force, pattern for
    pattern, for both tails."""
    rng = _rng("brute", n)
    for trial in range(5):
        x_int = rng.integers(-4, 5, size=n)
        x = x_int * 0.1          # 0.1, 0.3, ... are inexact in binary: ties only up to rounding
        ge, le = _brute_force_counts(x_int)
        assert stats._exact_tails(x) == (ge / 2 ** n, le / 2 ** n), (n, trial, x_int)


@pytest.mark.parametrize("n", range(1, 15))
def test_exact_p_matches_brute_force_on_continuous_data(n):
    rng = _rng("brute-cont", n)
    for _ in range(3):
        x = rng.normal(0.3, 1.0, n)
        signs = np.array(list(itertools.product((1.0, -1.0), repeat=n)))
        sums = signs @ x
        obs = x.sum()
        want_ge = (sums >= obs - 1e-9).mean()
        want_le = (sums <= obs + 1e-9).mean()
        got = stats._exact_tails(x)
        assert got == (want_ge, want_le)
        assert stats.sign_flip_p_value(x) == want_ge


@pytest.mark.parametrize("n", [15, 18, 22])
def test_meet_in_the_middle_matches_full_integer_enumeration_larger_n(n):
    """Beyond itertools' reach: all 2**n sums by integer doubling, compared with the float MITM."""
    rng = _rng("mitm", n)
    x_int = rng.integers(-6, 7, size=n)
    sums = np.zeros(1, dtype=np.int64)
    for v in x_int:
        sums = np.concatenate((sums + v, sums - v))
    obs = int(x_int.sum())
    want = ((sums >= obs).sum() / 2 ** n, (sums <= obs).sum() / 2 ** n)
    assert stats._exact_tails(x_int * 0.01) == want


def test_compare_paired_p_values_are_the_exact_tails():
    rng = _rng("tails")
    a, b = rng.normal(0.2, 1, 14), rng.normal(0, 1, 14)
    d = a - b
    # minimum-effect: both directions test x = e - delta; p is the larger of the two tests' p
    for direction, e in (("greater", d), ("less", -d)):
        r = compare_paired(a, b, direction=direction, delta=0.1, alpha=0.01, n_boot=10)
        ge, le = stats._exact_tails(e - 0.1)
        assert (r.p_value_signflip, r.p_refute_signflip) == (ge, le)
        assert r.p_value == max(ge, r.p_value_boot_t)
        assert r.p_refute == max(le, r.p_refute_boot_t)
    r = compare_paired(a, b, direction="equivalent", delta=0.3, alpha=0.01, n_boot=10)
    lo, hi = stats._exact_tails(d + 0.3), stats._exact_tails(d - 0.3)
    assert r.p_value_signflip == max(lo[0], hi[1])
    assert r.p_refute_signflip == min(1.0, 2 * min(hi[0], lo[1]))
    assert r.p_value == max(r.p_value_signflip, r.p_value_boot_t)


def test_monte_carlo_p_agrees_with_exact_p_at_n40():
    rng = _rng("mc")
    x = rng.normal(0.35, 1.0, 40)
    exact_ge, exact_le = stats._exact_tails(x)
    (mc_ge, mc_le), = stats._mc_tails([x], 200_000, seed=1)
    se = math.sqrt(exact_ge * (1 - exact_ge) / 200_000)
    assert abs(mc_ge - exact_ge) <= 4 * se + 1e-5
    assert abs(mc_le - exact_le) <= 4 * se + 1e-5


def test_beyond_40_pairs_uses_seeded_monte_carlo_and_says_so():
    rng = _rng("n50")
    a, b = rng.normal(0.5, 1, 50), rng.normal(0, 1, 50)
    r1 = compare_paired(a, b, direction="greater", delta=0.0, alpha=0.001, n_boot=200)
    r2 = compare_paired(a, b, direction="greater", delta=0.0, alpha=0.001, n_boot=200)
    assert "Monte Carlo" in r1.test and "200000" in r1.test and "bootstrap-t" in r1.test
    assert r1 == r2
    assert r1.p_value >= 1 / 200_001


def test_zero_differences_contribute_nothing():
    """Appending tied pairs leaves the exact p unchanged (each zero doubles every count)."""
    x = np.array([0.3, 0.5, -0.1, 0.7, 0.2, 0.4, 0.9, -0.2, 0.6, 0.1, 0.8, 0.35])
    assert stats._exact_tails(np.concatenate([x, np.zeros(6)])) == stats._exact_tails(x)
    r = compare_paired(np.zeros(12), np.zeros(12), direction="greater", delta=0.0, alpha=0.01)
    assert (r.verdict, r.p_value, r.p_refute, r.ci, r.effect_size_dz) == \
        ("inconclusive", 1.0, 1.0, (0.0, 0.0), 0.0)


@HYP
@given(st.lists(st.integers(-5, 5), min_size=1, max_size=12))
def test_p_values_are_valid_probabilities_and_respect_the_floor(xs):
    x = np.array(xs, dtype=float) * 0.1
    ge, le = stats._exact_tails(x)
    assert 2.0 ** -len(xs) <= ge <= 1.0 and 2.0 ** -len(xs) <= le <= 1.0
    assert ge + le >= 1.0      # the observed value is counted in both tails


# --------------------------------------------------------------------------- verdict logic
@HYP
@given(st.integers(10, 16), st.floats(-2, 2), st.floats(0.0, 1.0),
       st.sampled_from(["greater", "less", "equivalent"]), st.integers(0, 2 ** 31))
def test_supported_and_refuted_are_mutually_exclusive_and_match_p_values(n, shift, delta,
                                                                         direction, seed):
    rng = np.random.default_rng(seed)
    alpha = 0.01
    if direction == "equivalent":
        delta = max(delta, 0.05)
    a, b = rng.normal(shift, 1, n), rng.normal(0, 1, n)
    r = compare_paired(a, b, direction=direction, delta=delta, alpha=alpha, n_boot=20)
    # both outcomes' conditions hold together never
    sup_cond = r.p_value <= alpha
    ref_cond = r.p_refute <= alpha
    assert not (sup_cond and ref_cond and direction == "equivalent")
    e = r.estimate if direction != "less" else -r.estimate
    assert not (sup_cond and ref_cond)
    if r.verdict == "supported":
        assert sup_cond
        if direction != "equivalent":
            assert e > delta
        else:
            assert abs(r.estimate) < delta
    elif r.verdict == "refuted":
        assert ref_cond
        if direction != "equivalent":
            assert e < delta
        else:
            assert abs(r.estimate) > delta
    else:
        assert not ref_cond and not sup_cond


@HYP
@given(st.integers(10, 14), st.floats(-1.5, 1.5), st.floats(0.0, 1.0), st.integers(0, 2 ** 31))
def test_swapping_arms_and_direction_gives_the_same_decision(n, shift, delta, seed):
    rng = np.random.default_rng(seed)
    a, b = rng.normal(shift, 1, n), rng.normal(0, 1, n)
    g = compare_paired(a, b, direction="greater", delta=delta, alpha=0.01, n_boot=20)
    s = compare_paired(b, a, direction="less", delta=delta, alpha=0.01, n_boot=20)
    assert (g.verdict, g.p_value, g.p_refute) == (s.verdict, s.p_value, s.p_refute)
    assert g.estimate == -s.estimate


def test_estimate_is_always_mean_of_a_minus_b():
    a, b = np.arange(12.0), np.arange(12.0) * 0.5
    for direction, delta in (("greater", 0.1), ("less", 0.1), ("equivalent", 1.0)):
        r = compare_paired(a, b, direction=direction, delta=delta, alpha=0.01, n_boot=50)
        assert r.estimate == pytest.approx(np.mean(a - b))
        assert r.direction == direction and r.delta == delta and r.n == 12


def test_all_equal_positive_differences_support_with_minimal_p():
    """d = (b + 0.1) - b differs from 0.1 by float rounding only: treated as constant, so the
    CI collapses to the estimate and dz is +inf (no spread), not a rounding-noise 1e16."""
    b = np.linspace(0, 1, 12)
    r = compare_paired(b + 0.1, b, direction="greater", delta=0.05, alpha=0.001)
    assert r.verdict == "supported"
    assert r.p_value == 2.0 ** -12
    assert r.ci[0] == r.ci[1] == r.estimate == pytest.approx(0.1)
    assert r.effect_size_dz == math.inf
    assert r.as_dict()["effect_size_dz"] is None


def test_test_names():
    a, b = np.arange(12.0) + 1.0, np.arange(12.0)
    assert compare_paired(a, b, direction="greater", delta=0, alpha=0.01).test == \
        ("minimum-effect, one-sided vs delta: exact sign-flip and bootstrap-t "
         "(B=4000 seeded resamples), the larger p")
    assert compare_paired(a, b, direction="equivalent", delta=2, alpha=0.01).test == \
        ("TOST within +-delta: exact sign-flip and bootstrap-t (B=4000 seeded resamples), "
         "the larger p")


# --------------------------------------------------------------------------- decidability
def test_min_p_value_is_two_to_the_minus_n():
    assert [min_p_value(n) for n in (1, 5, 10, 40)] == [0.5, 2.0 ** -5, 2.0 ** -10, 2.0 ** -40]
    with pytest.raises(ValueError):
        min_p_value(0)


def test_five_seeds_at_alpha_0001_is_undecidable_and_says_how_many_seeds_are_needed():
    with pytest.raises(UndecidableDesign) as exc:
        compare_paired(np.ones(5), np.zeros(5), direction="greater", delta=0.0, alpha=0.001)
    msg = str(exc.value)
    assert "n=5" in msg and "0.001" in msg and "2^-5" in msg and "at least 10 seeds" in msg
    assert isinstance(exc.value, ValueError)


def test_decidability_threshold_at_alpha_0001():
    """2**-9 = 0.00195 > 0.001 but 2**-10 = 0.000977 <= 0.001: ten seeds are the minimum for
    a directional claim; equivalence needs 2**-n <= alpha/2, i.e. eleven."""
    with pytest.raises(UndecidableDesign):
        check_decidable(9, 0.001, "greater")
    check_decidable(10, 0.001, "greater")
    check_decidable(12, 0.001, "less")
    with pytest.raises(UndecidableDesign, match="at least 11 seeds"):
        check_decidable(10, 0.001, "equivalent")
    check_decidable(11, 0.001, "equivalent")
    check_decidable(12, 0.001, "equivalent")
    assert seeds_needed(0.001) == 10 and seeds_needed(0.001, "equivalent") == 11
    assert seeds_needed(0.05) == 5 and seeds_needed(0.25) == 2
    # ten all-positive pairs do reach it
    r = compare_paired(np.arange(10.0) + 1, np.arange(10.0), direction="greater", delta=0.5,
                       alpha=0.001)
    assert r.verdict == "supported" and r.p_value == 2.0 ** -10


def test_undecidable_design_raised_regardless_of_data():
    with pytest.raises(UndecidableDesign):   # even with a huge, clean effect
        compare_paired(np.full(6, 100.0), np.zeros(6), direction="greater", delta=0.0,
                       alpha=0.001)
    with pytest.raises(UndecidableDesign):   # even with no effect at all
        compare_paired(np.zeros(6), np.zeros(6), direction="equivalent", delta=1.0,
                       alpha=0.001)


def test_plan_looks_spends_alpha_linearly_and_sums_to_alpha():
    alphas = plan_looks((12, 24, 40), 0.001)
    assert alphas == pytest.approx([0.001 * 12 / 40, 0.001 * 12 / 40, 0.001 * 16 / 40])
    assert sum(alphas) == pytest.approx(0.001, rel=1e-12)
    assert plan_looks([20], 0.01) == [0.01]


def test_plan_looks_raises_for_undecidable_first_look():
    with pytest.raises(UndecidableDesign) as exc:
        plan_looks((5, 20), 0.001)
    msg = str(exc.value)
    assert "look 1" in msg and "n=5" in msg and "at least 12 seeds" in msg


def test_plan_looks_checks_each_side_for_equivalence():
    plan_looks((12, 24, 40), 0.001, "greater")       # 2^-12 <= 3e-4
    with pytest.raises(UndecidableDesign, match="look 1"):
        plan_looks((12, 24, 40), 0.001, "equivalent")  # 2^-12 > 1.5e-4 per side


@pytest.mark.parametrize("looks", [(12, 12, 40), (24, 12), (0, 12), ()])
def test_plan_looks_rejects_non_increasing_looks(looks):
    with pytest.raises(ValueError) as exc:
        plan_looks(looks, 0.001)
    assert not isinstance(exc.value, UndecidableDesign)


# --------------------------------------------------------------------------- determinism
def _fields(r: PairedResult) -> tuple:
    return tuple(getattr(r, f) for f in PairedResult.__dataclass_fields__)


@pytest.mark.parametrize("direction,delta", [("greater", 0.1), ("less", 0.0),
                                             ("equivalent", 0.5)])
def test_same_inputs_give_identical_results_whatever_the_global_rng_state(direction, delta):
    import torch
    rng = _rng("determinism", direction)
    a, b = rng.normal(0.3, 1, 16), rng.normal(0, 1, 16)
    np.random.seed(1)
    random.seed(1)
    torch.manual_seed(1)
    r1 = compare_paired(a, b, direction=direction, delta=delta, alpha=0.01)
    np.random.seed(987)
    np.random.random(1000)
    random.seed(987)
    torch.manual_seed(987)
    torch.rand(100)
    r2 = compare_paired(list(a), tuple(b), direction=direction, delta=delta, alpha=0.01)
    r3 = compare_paired(torch.tensor(a), torch.tensor(b), direction=direction, delta=delta,
                        alpha=0.01)
    assert _fields(r1) == _fields(r2) == _fields(r3)
    assert r1 == r2 == r3
    assert json.dumps(r1.as_dict()) == json.dumps(r2.as_dict())


def test_bootstrap_does_not_consume_global_numpy_rng():
    np.random.seed(5)
    before = np.random.random()
    np.random.seed(5)
    compare_paired(np.arange(12.0), np.zeros(12), direction="greater", delta=0, alpha=0.01)
    assert np.random.random() == before


# --------------------------------------------------------------------------- bootstrap CI
def test_bca_interval_is_close_to_scipy_bca():
    from scipy import stats as sps
    rng = _rng("bca-scipy")
    d = rng.lognormal(0, 0.8, 25) - 1.0
    r = compare_paired(d, np.zeros_like(d), direction="greater", delta=0.0, alpha=0.01)
    ref = sps.bootstrap((d,), np.mean, method="BCa", n_resamples=20000,
                        random_state=np.random.default_rng(0)).confidence_interval
    sd = d.std(ddof=1)
    assert abs(r.ci[0] - ref.low) < 0.05 * sd and abs(r.ci[1] - ref.high) < 0.05 * sd
    assert r.ci[0] < r.estimate < r.ci[1]


def test_bca_interval_covers_the_true_mean_about_95_percent():
    rng = _rng("coverage")
    reps, n, hits = 300, 20, 0
    for _ in range(reps):
        d = rng.normal(0.4, 1.0, n)
        lo, hi = stats._bca_ci(d, 0.95, 2000, seed=int(rng.integers(2 ** 32)))
        hits += lo <= 0.4 <= hi
    assert 0.88 <= hits / reps <= 0.99


def test_bca_degenerate_cases():
    assert stats._bca_ci(np.array([0.7]), 0.95, 100, 0) == (0.7, 0.7)
    v = np.full(9, 0.25)
    assert stats._bca_ci(v, 0.95, 100, 0) == (0.25, 0.25)
    lo, hi = stats._bca_ci(np.array([0.0] * 11 + [1.0]), 0.95, 1000, 0)   # one outlier
    assert 0.0 <= lo <= hi <= 1.0 and math.isfinite(lo) and math.isfinite(hi)


def test_ci_level_is_respected():
    rng = _rng("level")
    a, b = rng.normal(0.5, 1, 20), rng.normal(0, 1, 20)
    r90 = compare_paired(a, b, direction="greater", delta=0, alpha=0.01, ci_level=0.90)
    r99 = compare_paired(a, b, direction="greater", delta=0, alpha=0.01, ci_level=0.99)
    assert r99.ci[0] < r90.ci[0] < r90.ci[1] < r99.ci[1]
    assert r90.ci_level == 0.90


# --------------------------------------------------------------------------- result format
def test_as_dict_is_json_safe():
    rng = _rng("json")
    r = compare_paired(rng.normal(1, 1, 12), rng.normal(0, 1, 12), direction="greater",
                       delta=0.2, alpha=0.01)
    d = r.as_dict()
    assert set(d) == set(PairedResult.__dataclass_fields__)
    assert isinstance(d["ci"], list) and len(d["ci"]) == 2
    json.loads(json.dumps(d, allow_nan=False))
    bad = PairedResult("inconclusive", math.nan, (math.nan, 1.0), 1.0, 1.0, 1, "t", 0.01, 0.0,
                       "greater", math.nan, 0.95)
    assert bad.as_dict()["estimate"] is None and bad.as_dict()["ci"] == [None, 1.0]
    json.dumps(bad.as_dict(), allow_nan=False)


# --------------------------------------------------------------------------- validation
@pytest.mark.parametrize("a,b,match", [
    ([1.0] * 12, [1.0] * 11, "paired by seed: got 12 values for a and 11 for b"),
    ([1.0] * 11 + [math.nan], [1.0] * 12, "a has 1 non-finite"),
    ([1.0] * 12, [1.0] * 11 + [math.inf], "b has 1 non-finite"),
    ([], [], "a is empty"),
    ([[1.0, 2.0]] * 6, [[1.0, 2.0]] * 6, "1-D"),
    (["x"] * 12, [1.0] * 12, "sequence of numbers"),
])
def test_bad_inputs_raise_value_error_with_clear_message(a, b, match):
    with pytest.raises(ValueError, match=match):
        compare_paired(a, b, direction="greater", delta=0.0, alpha=0.01)


@pytest.mark.parametrize("kw,match", [
    (dict(direction="bigger", delta=0.0, alpha=0.01), "direction"),
    (dict(direction="greater", delta=-0.1, alpha=0.01), "delta"),
    (dict(direction="greater", delta=math.nan, alpha=0.01), "delta"),
    (dict(direction="equivalent", delta=0.0, alpha=0.01), "delta must be > 0"),
    (dict(direction="greater", delta=0.0, alpha=0.0), "alpha"),
    (dict(direction="greater", delta=0.0, alpha=0.5), "alpha"),
    (dict(direction="greater", delta=0.0, alpha=0.01, ci_level=1.0), "ci_level"),
    (dict(direction="greater", delta=0.0, alpha=0.01, n_boot=0), "n_boot"),
])
def test_bad_parameters_raise_value_error(kw, match):
    with pytest.raises(ValueError, match=match):
        compare_paired(np.arange(12.0), np.zeros(12), **kw)


# --------------------------------------------------------------------------- identity claims
def test_identity_verdict_supported_when_all_errors_within_tolerance():
    v = identity_verdict([0.0, 1e-9, -3e-8], 1e-6)
    assert v == {"verdict": "supported", "max_error": 3e-8, "n": 3, "n_nonfinite": 0,
                 "tolerance": 1e-6, "test": "max abs error vs tolerance"}
    assert identity_verdict(np.array([1e-6]), 1e-6)["verdict"] == "supported"   # inclusive


def test_identity_verdict_refuted_when_an_error_exceeds_tolerance():
    v = identity_verdict(np.array([[1e-9, 2e-3], [0.0, 1e-8]]), 1e-6)
    assert v["verdict"] == "refuted" and v["max_error"] == 2e-3 and v["n"] == 4


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_identity_verdict_non_finite_error_is_refuted(bad):
    v = identity_verdict([0.0, bad, 1e-12], 1.0)
    assert v["verdict"] == "refuted" and v["n_nonfinite"] == 1 and v["max_error"] is None
    json.dumps(v, allow_nan=False)


def test_identity_verdict_rejects_empty_errors_and_bad_tolerance():
    with pytest.raises(ValueError, match="empty"):
        identity_verdict([], 1e-6)
    with pytest.raises(ValueError, match="tolerance"):
        identity_verdict([0.0], -1.0)
    with pytest.raises(ValueError, match="tolerance"):
        identity_verdict([0.0], math.nan)


# --------------------------------------------------------------------------- speed
def _best_of(k: int, fn) -> float:
    """Best CPU time of k runs: process time, so other jobs on a shared machine do not count."""
    best = math.inf
    for _ in range(k):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def test_speed_n20_well_under_50ms_and_n40_well_under_half_a_second():
    """Measured here at about 3 ms (n=20) and 80-150 ms (n=40) of CPU time."""
    rng = _rng("speed")
    a20, b20 = rng.normal(0.2, 1, 20), rng.normal(0, 1, 20)
    a40, b40 = rng.normal(0.2, 1, 40), rng.normal(0, 1, 40)
    for direction, delta in (("greater", 0.1), ("equivalent", 0.5)):
        t20 = _best_of(3, lambda: compare_paired(a20, b20, direction=direction, delta=delta,
                                                  alpha=0.001))
        t40 = _best_of(2, lambda: compare_paired(a40, b40, direction=direction, delta=delta,
                                                  alpha=0.001))
        assert t20 < 0.05, (direction, t20)
        assert t40 < 0.5, (direction, t40)
