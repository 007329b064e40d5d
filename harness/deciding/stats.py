"""The one statistics module of the suite: how a measured comparison becomes a verdict.

Every comparative, bias and equivalence claim is decided here, by one stated procedure:

* The data are per-seed values of two arms, paired by seed. The unit of analysis is the paired
  difference ``d = a - b`` (always ``a - b``, whatever the claimed direction).
* Rule v2 (docs/decision-rule.md), a minimum-effect rule equally strict both ways: a
  directional claim is SUPPORTED iff a one-sided test rejects "mean(e) <= delta" at alpha and
  REFUTED iff one rejects "mean(e) >= delta" at alpha (e = d or -d); equivalence is TOST within
  +-delta, refuted when the effect is shown beyond the margin. Each one-sided p is the larger of
  an **exact sign-flip permutation test** of the shifted differences (exact when they are
  symmetric about the null value; meet-in-the-middle up to 40 pairs, seeded Monte Carlo beyond)
  and a seeded **bootstrap-t** (corrects for skew, where the sign-flip alone errs). Differences
  within float rounding of the null value are set to it and cannot decide.
* The BCa bootstrap interval of ``mean(d)`` is *reported* (it describes the effect); it never
  decides a verdict.
* A design that can never reach ``alpha`` (too few seeds for ``2**-n <= alpha``) is an error
  (:class:`UndecidableDesign`), not a silent "inconclusive".
* Everything is deterministic: random draws (bootstrap, Monte Carlo) use generators seeded from
  a hash of the data, never global RNG state, so identical inputs give bit-identical outputs.
"""
from __future__ import annotations

import hashlib
import math
import warnings
from dataclasses import dataclass, fields
from functools import lru_cache
from statistics import NormalDist
from typing import Any, Sequence

import numpy as np

__all__ = [
    "PairedResult", "UndecidableDesign", "compare_paired", "paired_verdict", "min_p_value",
    "seeds_needed", "plan_looks", "check_decidable", "identity_verdict", "sign_flip_p_value",
    "SUPPORTED", "REFUTED", "INCONCLUSIVE", "DIRECTIONS", "EXACT_MAX_N", "MC_MIN_DRAWS",
    "BOOT_MIN_DRAWS", "RULE", "decide_rows", "make_draws", "draw_seed",
]

SUPPORTED = "supported"
REFUTED = "refuted"
INCONCLUSIVE = "inconclusive"
DIRECTIONS = ("greater", "less", "equivalent")

#: Largest number of (non-zero) differences for which the sign-flip test is enumerated exactly.
EXACT_MAX_N = 40
#: Fewest Monte Carlo sign-flip draws used beyond EXACT_MAX_N (more when alpha is small).
MC_MIN_DRAWS = 200_000
#: Fewest bootstrap-t resamples (more when alpha is small: B >= 20 / alpha per side).
BOOT_MIN_DRAWS = 4_000
#: Relative tolerance (times sum|x|) within which a permuted sum counts as tied with the
#: observed one. Ties count as extreme, so this can only make p larger (conservative). Float
#: rounding of a sum of <= 40 terms is ~1e-14 relative, far below it.
TIE_RTOL = 1e-9

_NORMAL = NormalDist()


class UndecidableDesign(ValueError):
    """The design (seed count, alpha) can never produce a decisive verdict, whatever the data."""


# ----------------------------------------------------------------------------- result type
def _json_float(x: float) -> float | None:
    x = float(x)
    return x if math.isfinite(x) else None


@dataclass(frozen=True)
class PairedResult:
    """Outcome of :func:`compare_paired`; ``estimate`` and ``ci`` always concern mean(a - b)."""

    verdict: str            # "supported" | "refuted" | "inconclusive"
    estimate: float         # mean of d = a - b (always a - b, whatever the direction)
    ci: tuple[float, float] # BCa bootstrap CI (ci_level) of mean(a - b); seeded, deterministic
    p_value: float          # p of the test that decides "supported"
    p_refute: float         # p of the test that decides "refuted"
    n: int                  # number of pairs
    test: str               # human-readable name of the decision test
    alpha: float
    delta: float
    direction: str
    effect_size_dz: float   # mean(d)/sd(d) (ddof=1); 0 when all d are 0, +-inf when all d equal
    ci_level: float
    # Added with rule v2 (fields are only ever added, so older result files still read):
    n_used: int | None = None         # differences not at the null value (what the test can use)
    p_floor: float | None = None      # smallest p attainable with n_used: 2**-n_used
    decidable: bool | None = None     # p_floor <= alpha per side: could these data decide at all
    p_value_signflip: float | None = None   # each test's own p; p_value is the larger of them
    p_value_boot_t: float | None = None
    p_refute_signflip: float | None = None
    p_refute_boot_t: float | None = None
    rule: str = ""                    # version of the decision rule

    def as_dict(self) -> dict[str, Any]:
        """JSON-safe dict: plain floats/ints/strs, the CI as a list, non-finite floats as None."""
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if f.name == "ci":
                out[f.name] = [_json_float(x) for x in v]
            elif isinstance(v, float):
                out[f.name] = _json_float(v)
            else:
                out[f.name] = v
        return out


# ----------------------------------------------------------------------------- design checks
def _check_alpha(alpha: float) -> float:
    try:
        alpha = float(alpha)
    except (TypeError, ValueError):
        raise ValueError(f"alpha must be a number in (0, 0.5), got {alpha!r}") from None
    # alpha < 0.5 is what makes "supported" and "refuted" mutually exclusive (see _decide).
    if not (0.0 < alpha < 0.5):
        raise ValueError(f"alpha must lie in (0, 0.5), got {alpha}")
    return alpha


def _check_direction(direction: str) -> str:
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, got {direction!r}")
    return direction


def min_p_value(n: int) -> float:
    """Smallest attainable one-sided p-value of the sign-flip test with ``n`` pairs: ``2**-n``.

    With exact enumeration the most extreme of the ``2**n`` equally likely sign patterns is the
    observed one itself, so ``p >= 2**-n`` (and larger if some differences are zero). For
    ``n > EXACT_MAX_N`` the Monte Carlo p is bounded below by ``1/(1+B)`` instead; ``B`` is chosen
    ``>= 20/alpha`` so that floor never decides whether a design is decidable.
    """
    n = int(n)
    if n < 1:
        raise ValueError(f"need at least 1 pair, got n={n}")
    return 2.0 ** -n


def _per_side_alpha(alpha: float, direction: str) -> float:
    # Directional claims: support and refutation are each a one-sided test at alpha.
    # Equivalence: support is two one-sided tests at alpha each, refutation is one of two
    # one-sided tests at alpha/2 each; both outcomes must be reachable, so alpha/2 binds.
    return alpha / 2.0 if direction == "equivalent" else alpha


def seeds_needed(alpha: float, direction: str = "greater") -> int:
    """Fewest pairs ``K`` with ``2**-K <= alpha`` (``alpha/2`` for equivalence)."""
    alpha = _check_alpha(alpha)
    target = _per_side_alpha(alpha, _check_direction(direction))
    k = max(1, math.ceil(-math.log2(target)))
    while 2.0 ** -k > target:          # guard against log2 rounding either way
        k += 1
    while k > 1 and 2.0 ** -(k - 1) <= target:
        k -= 1
    return k


def check_decidable(n: int, alpha: float, direction: str) -> None:
    """Raise :class:`UndecidableDesign` if ``n`` pairs can never reach ``alpha``.

    The condition is ``2**-n <= alpha`` for "greater"/"less" (support and refutation are both
    one-sided tests at alpha) and ``2**-n <= alpha/2`` for "equivalent" (refutation splits
    alpha over two sides). It depends on the design only, never on the data.
    """
    alpha = _check_alpha(alpha)
    direction = _check_direction(direction)
    n = int(n)
    if n < 1:
        raise ValueError(f"need at least 1 pair, got n={n}")
    if n > EXACT_MAX_N:
        return  # Monte Carlo with B >= 20/alpha draws: p can go down to < alpha/20.
    target = _per_side_alpha(alpha, direction)
    pmin = min_p_value(n)
    if pmin > target:
        side = ("alpha/2 (TOST refutation splits alpha over two sides)"
                if direction == "equivalent" else "alpha")
        raise UndecidableDesign(
            f"undecidable design: with n={n} seeds the smallest attainable one-sided p of the "
            f"exact sign-flip test is 2^-{n} = {pmin:.3g}, which exceeds {side} = {target:.3g} "
            f"(alpha={alpha:g}, direction={direction!r}); no data could ever give a decisive "
            f"verdict. Fix: use at least {seeds_needed(alpha, direction)} seeds, or a larger "
            f"alpha.")


def plan_looks(looks: Sequence[int], alpha: float, direction: str = "greater") -> list[float]:
    """Per-look alpha for a sequential design with cumulative seed counts ``looks``.

    Linear alpha spending by information fraction: ``alpha_k = alpha * (n_k - n_{k-1}) / n_K``
    (``n_0 = 0``), so the per-look alphas sum to ``alpha``; by the union bound the chance of a
    false "supported" (or a false "refuted") at any look is at most ``alpha``. Every look must be
    decidable at its own ``alpha_k`` (per side, ``alpha_k/2``, for "equivalent"), else
    :class:`UndecidableDesign` names the look and the seeds it would need.
    """
    alpha = _check_alpha(alpha)
    direction = _check_direction(direction)
    try:
        ns = [int(n) for n in looks]
    except (TypeError, ValueError):
        raise ValueError(f"looks must be a sequence of seed counts, got {looks!r}") from None
    if not ns:
        raise ValueError("looks is empty: need at least one planned look")
    if any(n != float(x) for n, x in zip(ns, looks)):
        raise ValueError(f"looks must be whole seed counts, got {list(looks)!r}")
    if ns[0] < 1 or any(b <= a for a, b in zip(ns, ns[1:])):
        raise ValueError(f"looks {ns} must be positive and strictly increasing "
                         f"(cumulative seed counts)")
    total = ns[-1]
    alphas = [alpha * (n - prev) / total for prev, n in zip([0] + ns[:-1], ns)]
    for k, (n, a_k) in enumerate(zip(ns, alphas), start=1):
        try:
            check_decidable(n, a_k, direction)
        except UndecidableDesign:
            need = seeds_needed(a_k, direction)
            target = _per_side_alpha(a_k, direction)
            raise UndecidableDesign(
                f"undecidable sequential design {ns} at alpha={alpha:g} ({direction}): look {k} "
                f"(n={n} seeds) is spent alpha_{k} = {a_k:.3g}"
                + (f" ({target:.3g} per side)" if direction == "equivalent" else "")
                + f", but the smallest attainable p with {n} seeds is 2^-{n} = "
                f"{min_p_value(n):.3g}. Look {k} needs at least {need} seeds at that alpha; "
                f"move it later, drop it, or give it a larger share.") from None
    return alphas


# ----------------------------------------------------------------------------- the exact test
_SMALL = 10   # up to this many terms, signed sums come from a cached sign matrix (one matvec)


@lru_cache(maxsize=None)
def _sign_matrix(m: int) -> np.ndarray:
    """(2**m, m) matrix of +-1; row 0 is all +1 (the observed pattern). Read-only, cached."""
    bits = (np.arange(2 ** m)[:, None] >> np.arange(m)[None, :]) & 1
    signs = 1.0 - 2.0 * bits.astype(np.float64)
    signs.setflags(write=False)
    return signs


def _sorted_half_sums(x: np.ndarray) -> tuple[np.ndarray, float]:
    """All 2**len(x) signed sums of x, sorted ascending, and the all-plus (observed) sum.

    Small halves: one product with the cached sign matrix, then a sort. Larger halves are built
    one element at a time: with s sorted, ``s - |v|`` and ``s + |v|`` are two sorted runs, which
    a stable sort (timsort) merges in linear time; the observed sum is accumulated in the same
    left-to-right order (``s - |v|`` equals ``s + v`` exactly when v < 0). Either way the tie
    tolerance in :func:`_exact_tails` dwarfs any rounding difference between patterns.
    """
    if x.size <= _SMALL:
        s = _sign_matrix(x.size) @ x
        obs = float(s[0])
        s.sort()
        return s, obs
    s = np.zeros(1, dtype=np.float64)
    obs = np.float64(0.0)
    for v in x:
        av = abs(v)
        s = np.concatenate((s - av, s + av))
        s.sort(kind="stable")
        obs = obs + v
    return s, float(obs)


def _exact_tails(x: np.ndarray, upper: bool = True, lower: bool = True) -> tuple[float, float]:
    """Exact (p_ge, p_le) of the sign-flip distribution of sum(x).

    p_ge = #{patterns: S >= S_obs - tol} / 2**n and p_le = #{S <= S_obs + tol} / 2**n, with
    tol = TIE_RTOL * sum|x| so that ties count as extreme (conservative). Up to _SMALL terms all
    2**n sums are formed directly. Beyond that, meet-in-the-middle: the sums of each half are
    enumerated and sorted, and for every left sum the right sums past the threshold are counted
    by binary search, O(2**(n/2) * n) instead of O(2**n).
    Exact zeros are dropped first: each doubles every count, which leaves p unchanged.
    A tail not asked for (``upper``/``lower`` False) is skipped and returned as nan.
    """
    x = x[x != 0.0]
    n = x.size
    if n == 0:
        return 1.0, 1.0
    tol = TIE_RTOL * float(np.sum(np.abs(x)))
    total = 2 ** n       # exact integer; count/total is correctly rounded
    p_ge = p_le = math.nan
    if n <= _SMALL:
        sums = _sign_matrix(n) @ x
        obs = sums[0]
        if upper:
            p_ge = int(np.count_nonzero(sums >= obs - tol)) / total
        if lower:
            p_le = int(np.count_nonzero(sums <= obs + tol)) / total
        return p_ge, p_le
    m = n // 2
    left, obs_l = _sorted_half_sums(x[:m])
    right, obs_r = _sorted_half_sums(x[m:])
    obs = obs_l + obs_r
    rev = left[::-1]     # left descending -> thresholds ascending (cache-friendly search)
    if upper:
        ge = right.size * left.size - int(
            np.searchsorted(right, (obs - tol) - rev, side="left").sum())
        p_ge = ge / total
    if lower:
        p_le = int(np.searchsorted(right, (obs + tol) - rev, side="right").sum()) / total
    return p_ge, p_le


def _mc_draws(alpha: float) -> int:
    return max(MC_MIN_DRAWS, math.ceil(20.0 / alpha))


def _data_seed(tag: str, *arrays: np.ndarray, extra: Sequence[Any] = ()) -> int:
    """A 64-bit seed from the data: sha256 of the rounded little-endian float64 bytes."""
    h = hashlib.sha256(tag.encode())
    for arr in arrays:
        r = np.round(np.asarray(arr, dtype=np.float64), 12) + 0.0   # + 0.0 folds -0.0 into 0.0
        h.update(str(r.size).encode() + b":")
        h.update(r.astype("<f8").tobytes())
    for e in extra:
        h.update(b"|" + repr(e).encode())
    return int.from_bytes(h.digest()[:8], "little")


def _mc_tails(xs: Sequence[np.ndarray], draws: int, seed: int) -> list[tuple[float, float]]:
    """Monte Carlo (p_ge, p_le) for each vector in xs, all from the same seeded sign draws.

    p = (1 + k) / (1 + B): a valid (slightly conservative) p-value for any B.
    """
    X = np.stack([np.asarray(x, dtype=np.float64) for x in xs], axis=1)   # n x k
    n = X.shape[0]
    obs = X.sum(axis=0)
    tol = TIE_RTOL * np.abs(X).sum(axis=0)
    rng = np.random.default_rng(seed)
    ge = np.zeros(X.shape[1], dtype=np.int64)
    le = np.zeros(X.shape[1], dtype=np.int64)
    rows = max(1, 4_000_000 // n)
    done = 0
    while done < draws:
        r = min(rows, draws - done)
        signs = rng.integers(0, 2, size=(r, n), dtype=np.int8).astype(np.float64) * 2.0 - 1.0
        S = signs @ X
        ge += (S >= obs - tol).sum(axis=0)
        le += (S <= obs + tol).sum(axis=0)
        done += r
    return [((1 + int(g)) / (1 + draws), (1 + int(l)) / (1 + draws)) for g, l in zip(ge, le)]


def _tails(xs: Sequence[np.ndarray], alpha: float, seed_arrays: Sequence[np.ndarray],
           need: Sequence[tuple[bool, bool]] | None = None
           ) -> tuple[list[tuple[float, float]], str]:
    """(p_ge, p_le) for each vector; exact when at most EXACT_MAX_N pairs, else Monte Carlo.

    ``need[i] = (upper, lower)`` lets the exact path skip a tail nobody reads.
    """
    n = xs[0].size
    if n <= EXACT_MAX_N:
        need = need or [(True, True)] * len(xs)
        return [_exact_tails(x, u, l) for x, (u, l) in zip(xs, need)], "exact"
    draws = _mc_draws(alpha)
    seed = _data_seed("claims.stats.signflip.v1", *seed_arrays, extra=(draws,))
    return _mc_tails(xs, draws, seed), f"Monte Carlo, B={draws} seeded draws"


def sign_flip_p_value(x, *, alpha: float = 0.001) -> float:
    """One-sided sign-flip p-value for H0: x symmetric about 0, vs. mean(x) > 0.

    Exact (meet-in-the-middle over all 2**n sign patterns) for n <= EXACT_MAX_N; for larger n a
    seeded Monte Carlo estimate with ``max(MC_MIN_DRAWS, ceil(20/alpha))`` draws.
    """
    arr = _as_vector(x, "x")
    return _tails([arr], _check_alpha(alpha), [arr])[0][0][0]


# ----------------------------------------------------------------------------- bootstrap
def _sorted_quantile(xs: np.ndarray, q: float) -> float:
    """Quantile of an ascending array by linear interpolation (numpy's default method)."""
    pos = q * (xs.size - 1)
    i = min(int(math.floor(pos)), xs.size - 1)
    j = min(i + 1, xs.size - 1)
    frac = pos - i
    return float(xs[i] + (xs[j] - xs[i]) * frac) if frac > 0 else float(xs[i])


def _bca_ci(d: np.ndarray, level: float, n_boot: int, seed: int, noise: float = 0.0
            ) -> tuple[float, float]:
    """BCa bootstrap interval of mean(d) (Efron 1987), resampling pairs with a seeded RNG.

    Degenerate cases: n == 1 or all d equal (to within ``noise``, the float rounding of the
    arms) -> (mean, mean). Bias correction z0 counts ties with the estimate as half (with a
    rounding tolerance) and is clipped to stay finite; the acceleration comes from the
    jackknife of the mean; non-finite adjusted levels fall back to the percentile interval.
    Resampling is chunked (<= 2e6 indices at a time) so memory stays bounded for large n.
    """
    n = d.size
    theta = float(np.mean(d))
    if n == 1 or float(np.ptp(d)) <= noise:
        return theta, theta
    rng = np.random.default_rng(seed)
    boot = np.empty(n_boot, dtype=np.float64)
    rows = max(1, 2_000_000 // n)
    for start in range(0, n_boot, rows):
        r = min(rows, n_boot - start)
        idx = rng.integers(0, n, size=(r, n))
        boot[start:start + r] = d[idx].mean(axis=1)
    boot.sort()
    eq_tol = 8.0 * n * np.finfo(np.float64).eps * float(np.max(np.abs(d)))
    below = np.count_nonzero(boot < theta - eq_tol)
    ties = np.count_nonzero(np.abs(boot - theta) <= eq_tol)
    p0 = (below + 0.5 * ties) / n_boot
    p0 = min(max(p0, 0.5 / n_boot), 1.0 - 0.5 / n_boot)
    z0 = _NORMAL.inv_cdf(p0)
    u = d - theta
    ss = float(np.sum(u * u))
    acc = float(np.sum(u ** 3)) / (6.0 * ss ** 1.5) if ss > 0 else 0.0
    tail = (1.0 - level) / 2.0
    levels = []
    for q in (tail, 1.0 - tail):
        z = _NORMAL.inv_cdf(q)
        w = z0 + z
        denom = 1.0 - acc * w
        if denom > 0:
            adj = _NORMAL.cdf(z0 + w / denom)
        else:   # acceleration pushes this end past the support: fall back to the percentile
            adj = q
        if not math.isfinite(adj):
            adj = q
        levels.append(min(max(adj, 0.0), 1.0))
    lo, hi = (_sorted_quantile(boot, q) for q in levels)
    if lo > hi:
        lo, hi = hi, lo
    return lo, hi


# ----------------------------------------------------------------------------- main entry
def _to_host(x):
    """torch tensors (any device, with or without grad) become host arrays; others pass."""
    detach = getattr(x, "detach", None)
    if callable(detach) and hasattr(x, "cpu"):
        return detach().cpu().double().numpy()
    return x


def _as_vector(x, name: str) -> np.ndarray:
    x = _to_host(x)
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a 1-D sequence of numbers: {exc}") from None
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D (one value per seed), got shape {arr.shape}")
    if arr.size < 1:
        raise ValueError(f"{name} is empty: need at least 1 pair of per-seed values")
    bad = ~np.isfinite(arr)
    if bad.any():
        where = np.flatnonzero(bad)[:5].tolist()
        raise ValueError(f"{name} has {int(bad.sum())} non-finite value(s) (NaN/inf) at "
                         f"index {where}: every seed must yield a finite measurement")
    return arr


def _rounding_scale(a: np.ndarray, b: np.ndarray, delta: float = 0.0) -> float:
    """Size of the float rounding noise in d = a - b (and in d - delta): 64 ulps of the largest
    of the arm values and delta. Differences from the null value below it cannot decide."""
    return 64.0 * np.finfo(np.float64).eps * max(float(np.max(np.abs(a))),
                                                float(np.max(np.abs(b))), abs(float(delta)))


def _effect_size_dz(d: np.ndarray, noise: float) -> float:
    """mean(d)/sd(d) with ddof=1. Differences that agree to within float rounding of the arms
    (``noise``) count as constant: dz = 0 if they are all ~0, else +-inf (no spread at all),
    rather than a meaningless 1e16 from rounding residue. nan with a single pair."""
    mean = float(np.mean(d))
    if float(np.max(np.abs(d))) <= noise:
        return 0.0
    if d.size < 2:
        return math.nan                 # sd undefined with one pair
    if float(np.ptp(d)) <= noise:
        return math.copysign(math.inf, mean)
    return mean / float(np.std(d, ddof=1))


# ----------------------------------------------------------------------------- the rule
@dataclass(frozen=True)
class _Draws:
    """The random draws of the randomised parts of the test, shared by every row decided.

    ``boot_idx``: (B, n) bootstrap resample indices; ``mc_signs``: (B', n) +-1 sign draws for the
    Monte Carlo sign-flip beyond EXACT_MAX_N (None at or below it). :func:`compare_paired` seeds
    them from a hash of the data; simulations may pass one set for many rows.
    """

    boot_idx: np.ndarray
    mc_signs: np.ndarray | None


def _boot_draws(alpha_side: float) -> int:
    return max(BOOT_MIN_DRAWS, math.ceil(20.0 / alpha_side))


def make_draws(n: int, alpha: float, direction: str, seed: int) -> _Draws:
    """Seeded draws for deciding ``n`` pairs at ``alpha``: B >= 20/alpha_side resamples (the
    p-value floor 1/(1+B) then never decides), and Monte Carlo signs beyond EXACT_MAX_N."""
    side = _per_side_alpha(alpha, direction)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(_boot_draws(side), n), dtype=np.int32)
    signs = None
    if n > EXACT_MAX_N:
        signs = rng.integers(0, 2, size=(_mc_draws(side), n), dtype=np.int8)
    return _Draws(idx, signs)


def _snap(X: np.ndarray, noise: np.ndarray) -> np.ndarray:
    """Differences within float rounding of the null value (|x| <= noise) become exactly 0:
    they can favour neither side, so they must not decide a verdict."""
    return np.where(np.abs(X) <= noise[:, None], 0.0, X)


_VEC_MAX_N = 14   # up to this many pairs the exact sign-flip is one product with the sign matrix


def _signflip_rows(X: np.ndarray, draws: _Draws) -> tuple[np.ndarray, np.ndarray]:
    """Sign-flip (p_ge, p_le) of sum(x) for every row of X (zeros contribute nothing)."""
    r, n = X.shape
    ge = np.empty(r)
    le = np.empty(r)
    if n <= _VEC_MAX_N:
        sg = _sign_matrix(n)
        step = max(1, 4_000_000 // sg.shape[0])
        for i in range(0, r, step):
            x = X[i:i + step]
            s = x @ sg.T
            obs = s[:, :1]
            tol = TIE_RTOL * np.abs(x).sum(axis=1, keepdims=True)
            ge[i:i + step] = np.count_nonzero(s >= obs - tol, axis=1) / sg.shape[0]
            le[i:i + step] = np.count_nonzero(s <= obs + tol, axis=1) / sg.shape[0]
        return ge, le
    if n <= EXACT_MAX_N:
        for i, x in enumerate(X):
            ge[i], le[i] = _exact_tails(x)
        return ge, le
    signs = draws.mc_signs.astype(np.float64) * 2.0 - 1.0
    B = signs.shape[0]
    for i, x in enumerate(X):
        obs = float(x.sum())
        tol = TIE_RTOL * float(np.abs(x).sum())
        k_ge = k_le = 0
        for j in range(0, B, 100_000):
            s = signs[j:j + 100_000] @ x
            k_ge += int(np.count_nonzero(s >= obs - tol))
            k_le += int(np.count_nonzero(s <= obs + tol))
        ge[i], le[i] = (1 + k_ge) / (1 + B), (1 + k_le) / (1 + B)
    return ge, le


def _boot_t_rows(X: np.ndarray, noise: np.ndarray, draws: _Draws
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Bootstrap-t (p_ge, p_le) of H0 mean(x) = 0 for every row of X (Efron's studentized
    bootstrap: t* = (mean* - mean) / se* over the resamples, p = (1 + #{t* beyond t}) / (1 + B)).

    Degenerate rows: all x = 0 -> (1, 1), no evidence either way; x constant and non-zero (no
    spread beyond rounding) -> the floor 1/(1+B) on the side of its sign, so the sign-flip part
    (2**-n) decides; a single pair -> (1, 1). A resample without spread has t* = 0 if its mean
    equals the sample's, else +-inf (counted as extreme: conservative).
    """
    r, n = X.shape
    idx = draws.boot_idx
    B = idx.shape[0]
    ge = np.ones(r)
    le = np.ones(r)
    if n < 2:
        return ge, le
    m = X.mean(axis=1)
    spread = np.ptp(X, axis=1)
    floor = 1.0 / (1 + B)
    const = spread <= noise
    ge[const & (m > 0)] = floor
    le[const & (m < 0)] = floor
    rows = np.flatnonzero(~const)
    if rows.size == 0:
        return ge, le
    s = X[rows].std(axis=1, ddof=1)
    t_obs = m[rows] / (s / math.sqrt(n))
    k_ge = np.zeros(rows.size, dtype=np.int64)
    k_le = np.zeros(rows.size, dtype=np.int64)
    step_b = min(B, max(1, 4_000_000 // n))
    for j0 in range(0, B, step_b):
        ib = idx[j0:j0 + step_b]
        step_r = max(1, 4_000_000 // (ib.shape[0] * n))
        for q0 in range(0, rows.size, step_r):
            sel = rows[q0:q0 + step_r]
            xb = X[sel][:, ib]                       # (rows, resamples, n)
            mb = xb.mean(axis=2)
            sb = xb.std(axis=2, ddof=1)
            num = mb - m[sel, None]
            nz = noise[sel, None]
            flat = sb <= nz
            tb = np.where(flat, np.where(np.abs(num) <= nz, 0.0, np.copysign(np.inf, num)),
                          num / np.where(flat, 1.0, sb / math.sqrt(n)))
            to = t_obs[q0:q0 + step_r, None]
            tie = 1e-9 * np.abs(to)
            k_ge[q0:q0 + step_r] += np.count_nonzero(tb >= to - tie, axis=1)
            k_le[q0:q0 + step_r] += np.count_nonzero(tb <= to + tie, axis=1)
    ge[rows] = (1 + k_ge) / (1 + B)
    le[rows] = (1 + k_le) / (1 + B)
    return ge, le


@dataclass(frozen=True)
class _Tails:
    """One-sided p-values of H0 mean(x) = 0 for each row: the rule's (max of both tests) and
    each test's own, and the count of usable (non-zero) differences."""

    ge: np.ndarray
    le: np.ndarray
    sf_ge: np.ndarray
    sf_le: np.ndarray
    bt_ge: np.ndarray
    bt_le: np.ndarray
    n_used: np.ndarray


def _tails_rows(X: np.ndarray, noise: np.ndarray, draws: _Draws) -> _Tails:
    X = _snap(X, noise)
    sf_ge, sf_le = _signflip_rows(X, draws)
    bt_ge, bt_le = _boot_t_rows(X, noise, draws)
    return _Tails(np.maximum(sf_ge, bt_ge), np.maximum(sf_le, bt_le), sf_ge, sf_le, bt_ge,
                  bt_le, np.count_nonzero(X, axis=1))


def _p_floor(n_used: np.ndarray, n: int, draws: _Draws) -> np.ndarray:
    """Smallest p the sign-flip part can reach with n_used non-zero differences."""
    if n > EXACT_MAX_N:
        return np.where(n_used > 0, 1.0 / (1 + draws.mc_signs.shape[0]), 1.0)
    return np.exp2(-n_used.astype(np.float64))


def decide_rows(D, *, direction: str, delta: float, alpha: float, noise, draws: _Draws
                ) -> dict[str, np.ndarray]:
    """The decision rule applied to every row of ``D`` (rows: replicates, columns: pairs).

    This is the one implementation of the rule: :func:`compare_paired` calls it with one row
    and draws seeded from its data; simulations call it with many rows and one set of draws.
    ``noise[i]`` is the rounding scale of row i (see :func:`_rounding_scale`). Returns arrays
    ``verdict``, ``p_value``, ``p_refute``, the same four p of each test, ``n_used``,
    ``p_floor`` and ``decidable``.
    """
    D = np.atleast_2d(np.asarray(D, dtype=np.float64))
    noise = np.broadcast_to(np.asarray(noise, dtype=np.float64), (D.shape[0],))
    n = D.shape[1]
    side = _per_side_alpha(alpha, direction)
    if direction in ("greater", "less"):
        E = D if direction == "greater" else -D
        t = _tails_rows(E - delta, noise, draws)
        p_value, p_refute = t.ge, t.le
        sf = (t.sf_ge, t.sf_le)
        bt = (t.bt_ge, t.bt_le)
        n_used = t.n_used
    else:
        lo = _tails_rows(D + delta, noise, draws)   # ge rejects mean <= -delta
        hi = _tails_rows(D - delta, noise, draws)   # le rejects mean >= +delta
        p_value = np.maximum(lo.ge, hi.le)
        p_refute = np.minimum(1.0, 2.0 * np.minimum(hi.ge, lo.le))
        sf = (np.maximum(lo.sf_ge, hi.sf_le), np.minimum(1.0, 2.0 * np.minimum(hi.sf_ge, lo.sf_le)))
        bt = (np.maximum(lo.bt_ge, hi.bt_le), np.minimum(1.0, 2.0 * np.minimum(hi.bt_ge, lo.bt_le)))
        n_used = np.minimum(lo.n_used, hi.n_used)
    supported = p_value <= alpha
    # Mutually exclusive by construction (each p is >= its sign-flip p, and the two sign-flip
    # tails of one vector sum to >= 1 > 2 * alpha); the guard keeps it so.
    refuted = ~supported & (p_refute <= alpha)
    verdict = np.where(supported, SUPPORTED, np.where(refuted, REFUTED, INCONCLUSIVE))
    floor = _p_floor(n_used, n, draws)
    return {"verdict": verdict, "p_value": p_value, "p_refute": p_refute,
            "p_value_signflip": sf[0], "p_refute_signflip": sf[1],
            "p_value_boot_t": bt[0], "p_refute_boot_t": bt[1],
            "n_used": n_used, "p_floor": floor, "decidable": floor <= side}


def draw_seed(d: np.ndarray, direction: str, delta: float, alpha: float) -> int:
    """Seed of a claim's draws, from what the test sees (the oriented differences, delta,
    alpha), so swapping the arms and the direction gives the same decision bit for bit."""
    e = d if direction == "equivalent" else (d if direction == "greater" else -d)
    kind = "equivalent" if direction == "equivalent" else "directional"
    return _data_seed("claims.stats.rule.v2", e, extra=(kind, float(delta), float(alpha)))


def _test_name(direction: str, n: int, draws: _Draws) -> str:
    sf = "exact sign-flip" if n <= EXACT_MAX_N else \
        f"Monte Carlo sign-flip (B={draws.mc_signs.shape[0]} seeded draws)"
    both = f"{sf} and bootstrap-t (B={draws.boot_idx.shape[0]} seeded resamples)"
    if direction == "equivalent":
        return f"TOST within +-delta: {both}, the larger p"
    return f"minimum-effect, one-sided vs delta: {both}, the larger p"


def _decide(d: np.ndarray, a: np.ndarray, b: np.ndarray, direction: str, delta: float,
            alpha: float) -> tuple[dict[str, Any], str]:
    """The rule for one claim's pairs, with draws seeded from the data (deterministic)."""
    draws = make_draws(d.size, alpha, direction, draw_seed(d, direction, delta, alpha))
    noise = _rounding_scale(a, b, delta)
    out = decide_rows(d[None, :], direction=direction, delta=delta, alpha=alpha,
                      noise=noise, draws=draws)
    row = {k: v[0].item() if hasattr(v[0], "item") else v[0] for k, v in out.items()}
    row["verdict"] = str(row["verdict"])
    return row, _test_name(direction, d.size, draws)


RULE = "minimum-effect v2: max(exact sign-flip, bootstrap-t) vs delta"


def compare_paired(a, b, *, direction: str, delta: float, alpha: float,
                   ci_level: float = 0.95, n_boot: int = 10000) -> PairedResult:
    """Decide a paired two-arm claim from per-seed values ``a`` and ``b`` (paired by seed).

    ``d = a - b``. Oriented differences ``e = d`` ("greater": the claim is mean(a - b) >= delta)
    or ``e = -d`` ("less": mean(b - a) >= delta). Each one-sided test below is the larger p of
    an exact sign-flip test and a bootstrap-t test of the mean (see the module docstring).

    * "greater"/"less" (a minimum-effect test, equally strict both ways): SUPPORTED iff the
      one-sided test of ``x = e - delta`` rejects H0: mean(e) <= delta at alpha (``p_value``);
      REFUTED iff it rejects H0: mean(e) >= delta at alpha (``p_refute``). Otherwise
      INCONCLUSIVE. A point estimate never decides.
    * "equivalent" (TOST, delta > 0): SUPPORTED iff both one-sided tests reject (mean(d) <= -delta
      and mean(d) >= delta), each at alpha; ``p_value`` is the larger p. REFUTED iff a one-sided
      test at alpha/2 shows mean(d) > delta or mean(d) < -delta; ``p_refute = min(1, 2 min(p))``.

    Differences within float rounding of the null value (64 ulps of the largest |a|, |b|,
    delta) are set to exactly the null: they favour neither side. ``n_used`` counts the others,
    ``p_floor = 2**-n_used`` is the smallest p they allow and ``decidable`` says whether it is
    <= alpha (per side); an undecidable look is INCONCLUSIVE and the next look adds seeds.
    The design is checked first with :func:`check_decidable`, whatever the data. ``ci`` is a
    seeded BCa bootstrap interval of mean(a - b) at ``ci_level`` with ``n_boot`` resamples; it
    is reported, never used for the verdict.
    """
    direction, delta, alpha = _check_claim(direction, delta, alpha)
    try:
        ci_level = float(ci_level)
    except (TypeError, ValueError):
        raise ValueError(f"ci_level must be a number in (0, 1), got {ci_level!r}") from None
    if not 0.0 < ci_level < 1.0:
        raise ValueError(f"ci_level must lie in (0, 1), got {ci_level}")
    if not isinstance(n_boot, (int, np.integer)) or isinstance(n_boot, bool) or n_boot < 1:
        raise ValueError(f"n_boot must be a positive integer, got {n_boot!r}")
    n_boot = int(n_boot)
    a, b, d = _check_pairs(a, b, alpha, direction)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        row, test = _decide(d, a, b, direction, delta, alpha)
        seed = _data_seed("claims.stats.bca.v1", a, b, extra=(n_boot,))
        noise = _rounding_scale(a, b)
        ci = _bca_ci(d, ci_level, n_boot, seed, noise)
        estimate = float(np.mean(d))
        dz = _effect_size_dz(d, noise)
    return PairedResult(verdict=row["verdict"], estimate=estimate,
                        ci=(float(ci[0]), float(ci[1])), p_value=float(row["p_value"]),
                        p_refute=float(row["p_refute"]), n=int(d.size), test=test,
                        alpha=alpha, delta=delta, direction=direction,
                        effect_size_dz=float(dz), ci_level=ci_level,
                        n_used=int(row["n_used"]), p_floor=float(row["p_floor"]),
                        decidable=bool(row["decidable"]),
                        p_value_signflip=float(row["p_value_signflip"]),
                        p_value_boot_t=float(row["p_value_boot_t"]),
                        p_refute_signflip=float(row["p_refute_signflip"]),
                        p_refute_boot_t=float(row["p_refute_boot_t"]), rule=RULE)


def paired_verdict(a, b, *, direction: str, delta: float, alpha: float
                   ) -> tuple[str, float, float, str]:
    """The decision of :func:`compare_paired` alone: ``(verdict, p_value, p_refute, test)``.

    Same validation, same design check, same tests, bit-identical outputs; it skips only the
    descriptive parts (bootstrap CI, effect size).
    """
    direction, delta, alpha = _check_claim(direction, delta, alpha)
    a, b, d = _check_pairs(a, b, alpha, direction)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        row, test = _decide(d, a, b, direction, delta, alpha)
    return row["verdict"], float(row["p_value"]), float(row["p_refute"]), test


def _check_claim(direction: str, delta: float, alpha: float) -> tuple[str, float, float]:
    direction = _check_direction(direction)
    alpha = _check_alpha(alpha)
    try:
        delta = float(delta)
    except (TypeError, ValueError):
        raise ValueError(f"delta must be a number, got {delta!r}") from None
    if not math.isfinite(delta) or delta < 0:
        raise ValueError(f"delta must be finite and >= 0, got {delta}")
    if direction == "equivalent" and delta <= 0:
        raise ValueError("delta must be > 0 for an equivalence (TOST) claim")
    return direction, delta, alpha


def _check_pairs(a, b, alpha: float, direction: str
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validated float64 arms and d = a - b; then the design check (independent of values)."""
    a = _as_vector(a, "a")
    b = _as_vector(b, "b")
    if a.size != b.size:
        raise ValueError(f"a and b must be paired by seed: got {a.size} values for a and "
                         f"{b.size} for b")
    check_decidable(int(a.size), alpha, direction)
    with np.errstate(all="ignore"):
        d = a - b
    if not np.all(np.isfinite(d)):
        raise ValueError("a - b overflows to a non-finite value; rescale the metric")
    return a, b, d


# ----------------------------------------------------------------------------- identity claims
def identity_verdict(errors, tolerance) -> dict[str, Any]:
    """Verdict for a deterministic identity claim: every |error| must be finite and <= tolerance.

    A NaN or infinite error is a failure (REFUTED), never skipped. Returns a JSON-safe dict:
    ``verdict``, ``max_error`` (largest |error|; None if any error is non-finite),
    ``n``, ``n_nonfinite``, ``tolerance``, ``test``.
    """
    try:
        tol = float(tolerance)
    except (TypeError, ValueError):
        raise ValueError(f"tolerance must be a number, got {tolerance!r}") from None
    if not math.isfinite(tol) or tol < 0:
        raise ValueError(f"tolerance must be finite and >= 0, got {tolerance!r}")
    try:
        err = np.abs(np.asarray(_to_host(errors), dtype=np.float64).reshape(-1))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"errors must be numbers: {exc}") from None
    if err.size == 0:
        raise ValueError("errors is empty: an identity claim needs at least one checked case")
    finite = np.isfinite(err)
    n_nonfinite = int(err.size - np.count_nonzero(finite))
    max_error = float(np.max(err)) if n_nonfinite == 0 else None
    ok = n_nonfinite == 0 and max_error <= tol
    return {"verdict": SUPPORTED if ok else REFUTED, "max_error": max_error,
            "n": int(err.size), "n_nonfinite": n_nonfinite, "tolerance": tol,
            "test": "max abs error vs tolerance"}
