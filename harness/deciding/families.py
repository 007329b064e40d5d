"""The verdict over seed families: one claim decided in three or more independent seed families.

Why (docs/decision-rule.md, "The published verdict"): at 11-12 seeds no test of a mean holds its
level for every shape of differences (Bahadur-Savage). The rule errs up to about 17 alpha per run
on the short-tail side of skewed differences, or when a few seeds diverge and the sample happened
to meet none. Seed families (``--claims-seed``) are independent samples of the same experiment,
so a wrong verdict reached by every one of k families has probability at most the product of the
per-family errors: (per-family error)^k. With k = 3 that is <= alpha whenever one family errs at
most alpha^(1/3) (10% at alpha = 0.001), which every measured shape meets
(tests/test_family_verdict.py). The published verdict is therefore the unanimous one; families
that disagree make it inconclusive. A claim measured in fewer families keeps its single-family
verdict, marked as such, with the per-run error of the table in docs/decision-rule.md.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from harness.deciding.stats import INCONCLUSIVE, REFUTED, SUPPORTED

MIN_FAMILIES = 3
AGREED = "agreed"
DIFFER = "families differ"
TOO_FEW = "too few families"
_VERDICTS = (SUPPORTED, REFUTED, INCONCLUSIVE)


def per_family_budget(alpha: float, k: int = MIN_FAMILIES) -> float:
    """The largest per-family error for which k unanimous families still err at most alpha."""
    if not 0 < alpha < 1 or k < 1:
        raise ValueError(f"need 0 < alpha < 1 and k >= 1, got alpha={alpha!r}, k={k!r}")
    return alpha ** (1.0 / k)


def error_bound(per_family_errors: list[float]) -> float:
    """P(every family reaches the same wrong verdict) for independent families."""
    out = 1.0
    for e in per_family_errors:
        if not 0 <= e <= 1:
            raise ValueError(f"an error rate must lie in [0, 1], got {e!r}")
        out *= e
    return out


@dataclass(frozen=True)
class FamilyVerdict:
    verdict: str                       # supported / refuted / inconclusive: what the report publishes
    status: str                        # AGREED, DIFFER or TOO_FEW
    families: Mapping[str, str] = field(default_factory=dict)   # family -> its own verdict

    @property
    def n(self) -> int:
        return len(self.families)

    def text(self) -> str:
        each = ", ".join(f"{f}: {v}" for f, v in sorted(self.families.items()))
        if self.status == AGREED:
            return f"{self.verdict} in all {self.n} seed families ({each})"
        if self.status == DIFFER:
            return f"inconclusive: the {self.n} seed families differ ({each})"
        return (f"{self.verdict}, from {self.n} seed famil{'y' if self.n == 1 else 'ies'} only "
                f"({each}); {MIN_FAMILIES} are needed for the error bound over families")


def over_families(verdicts: Mapping[str, str], min_families: int = MIN_FAMILIES) -> FamilyVerdict:
    """The published verdict from each family's verdict (errors left out by the caller).

    Unanimous and at least ``min_families`` families: that verdict. Any disagreement:
    inconclusive. Fewer families: the single family's verdict if there is one, marked TOO_FEW;
    with several that agree, their common verdict, marked TOO_FEW as well."""
    bad = {f: v for f, v in verdicts.items() if v not in _VERDICTS}
    if bad:
        raise ValueError(f"not verdicts: {bad}; leave errored results out")
    if not verdicts:
        raise ValueError("no family verdicts to combine")
    fams = dict(verdicts)
    distinct = set(fams.values())
    if len(distinct) > 1:
        return FamilyVerdict(INCONCLUSIVE, DIFFER, fams)
    (v,) = distinct
    return FamilyVerdict(v, AGREED if len(fams) >= min_families else TOO_FEW, fams)
