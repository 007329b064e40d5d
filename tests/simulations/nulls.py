"""Simulated per-seed differences for error-rate checks of the decision rule.

Each sampler draws differences with mean exactly 0 (then shifted to the null value by the
caller): symmetric, skewed both ways, heavy-tailed, tied (accuracy-like k/50), and a few
diverged seeds. Used by tests/test_decision_rule.py (small, CI) and
tests/simulations/error_rates.py (the big table in docs/decision-rule.md).
"""
from __future__ import annotations

import math
import zlib

import numpy as np

from harness.deciding import stats


def _div(r, s, p, shift):
    z = r.normal(0.0, 1.0, s)
    return z + shift * (r.random(s) < p) - shift * p


SHAPES = {
    "normal": lambda r, s: r.normal(0.0, 1.0, s),
    "exponential, long tail up": lambda r, s: r.exponential(1.0, s) - 1.0,
    "exponential, long tail down": lambda r, s: 1.0 - r.exponential(1.0, s),
    "gamma(4), long tail up": lambda r, s: (r.gamma(4.0, 1.0, s) - 4.0) / 2.0,
    "gamma(4), long tail down": lambda r, s: (4.0 - r.gamma(4.0, 1.0, s)) / 2.0,
    "lognormal(0.5), long tail up": lambda r, s: r.lognormal(0, 0.5, s) - math.exp(0.125),
    "lognormal(0.5), long tail down": lambda r, s: math.exp(0.125) - r.lognormal(0, 0.5, s),
    "lognormal(1), long tail up": lambda r, s: r.lognormal(0, 1.0, s) - math.exp(0.5),
    "student t(3)": lambda r, s: r.standard_t(3.0, s),
    "student t(2)": lambda r, s: r.standard_t(2.0, s),
    # accuracy-like: difference of two k/50 counts; many ties and exact zeros
    "ties k/50": lambda r, s: (r.binomial(50, 0.9, s) - r.binomial(50, 0.9, s)) / 50.0 * 10.0,
    # a diverged seed now and then (10% of seeds, 6 sd away), on either side
    "10% diverged seeds up": lambda r, s: _div(r, s, 0.1, 6.0),
    "10% diverged seeds down": lambda r, s: _div(r, s, 0.1, -6.0),
}
CORE = ("normal", "exponential, long tail up", "exponential, long tail down", "student t(3)",
        "ties k/50", "10% diverged seeds down")


def rng(*key) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32(repr(key).encode()))


def sample(shape: str, reps: int, n: int, *key) -> np.ndarray:
    return SHAPES[shape](rng(shape, reps, n, *key), (reps, n))


def rates(D: np.ndarray, looks, *, direction: str, delta: float, alpha: float,
          seed: int = 0, noise: float = 1e-12) -> dict[str, float]:
    """Verdict frequencies of the rule over the rows of D (replicates x pairs), run through the
    planned looks with plan_looks' alphas and stopped at the first decisive look, exactly as
    the runner does. One set of seeded draws per look is shared by all rows (simulation mode of
    stats.decide_rows; compare_paired seeds its draws from each claim's own data)."""
    looks = list(looks)
    alphas = stats.plan_looks(looks, alpha, direction)
    reps = D.shape[0]
    verdict = np.full(reps, stats.INCONCLUSIVE, dtype=object)
    open_ = np.ones(reps, dtype=bool)
    for k, (n_k, a_k) in enumerate(zip(looks, alphas)):
        rows = np.flatnonzero(open_)
        if rows.size == 0:
            break
        draws = stats.make_draws(n_k, a_k, direction, seed * 1000 + k)
        out = stats.decide_rows(D[rows, :n_k], direction=direction, delta=delta, alpha=a_k,
                                noise=noise, draws=draws)
        v = out["verdict"]
        decided = v != stats.INCONCLUSIVE
        verdict[rows[decided]] = v[decided]
        open_[rows[decided]] = False
    return {s: float(np.mean(verdict == s)) for s in (stats.SUPPORTED, stats.REFUTED,
                                                      stats.INCONCLUSIVE)}
