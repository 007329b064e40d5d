"""How a document's vague word becomes a number: one shared table, stated once.

A claim whose quote says "much better", "basically the same" or "at least 2 points" takes its delta
(or tolerance) from here, so a reader sees where the number came from and every claim reads the
same word the same way::

    from harness.declaring.vague_words import VAGUE, points
    delta=VAGUE["much better"].delta          # 0.05 accuracy
    delta=points(2)                           # "at least 2 points" -> 0.02

The numbers are fixed before any run and never tuned to a measured effect; a claim whose metric is
not an accuracy fraction says how it rescaled the entry in its notes. ``docs/vague-words.md`` is
rendered from this table (``vague_words_markdown``); a test checks it is current.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class VagueWord:
    phrase: str
    delta: float
    unit: str
    use: str         # how a claim uses it: direction and kind
    reason: str


_TABLE = (
    VagueWord("better", 0.01, "accuracy (fraction)", "comparative, greater/less, delta",
              "An unqualified 'better/worse/improves/hurts': one percentage point, the smallest gap a course "
              "reader reads off an accuracy printout as a difference (the documents print two or three "
              "significant digits)."),
    VagueWord("much better", 0.05, "accuracy (fraction)", "comparative, greater/less, delta",
              "'much/a lot/far/clearly better (or worse)': five points, five times the unqualified word; the "
              "documents use 'much' for gaps they can see in a plot without reading numbers."),
    VagueWord("basically the same", 0.02, "accuracy (fraction)", "equivalence (TOST), +-delta",
              "'basically the same / about the same / no clear effect / no better': within two points either "
              "way, twice the unqualified 'better', so a difference a reader would call 'better' is never "
              "called 'the same'."),
    VagueWord("slightly", 0.005, "accuracy (fraction)", "comparative, greater/less, delta",
              "'slightly/a little': half a point, half the unqualified word; it still excludes a zero effect."),
    VagueWord("better (relative)", 0.10, "relative change of a loss, an MSE or a size", "comparative, greater/less, delta",
              "An unqualified 'better/worse/less/more' on a loss, an MSE or a size (a norm, a harm such as an "
              "accuracy drop) whose scale is set by the problem: a 10% change of the weaker arm's value (or of "
              "the noise variance, when the claim states it), the size a reader notices on a loss curve."),
    VagueWord("basically the same (relative)", 0.20, "relative change of a loss, an MSE or a size",
              "equivalence (TOST), +-delta",
              "'basically the same / works as well' on a loss, an MSE or a distance: within 20% either way, twice "
              "the relative 'better', as the accuracy entries pair them, so a change a reader would call "
              "'better' is never called 'the same'."),
    VagueWord("negligible", 0.01, "relative size against the compared quantity", "identity or equivalence",
              "'negligible / does not matter': below 1% of the quantity it is compared with (one part in a "
              "hundred, the same resolution as 'better')."),
    VagueWord("around", 0.5, "units of the stated number's last printed digit", "identity tolerance",
              "A stated figure ('around 98%', '86.6%') is read as its rounding: half a unit of its last printed "
              "digit; 'around' or 'about' widens it to one order of magnitude only when the document names an "
              "order of magnitude ('around machine precision')."),
    VagueWord("around a quarter", 0.5, "of the gap to the neighbouring unit fractions", "identity tolerance",
              "'around a quarter / a third / half' (around 1/n): the measured fraction rounds to 1/n among the "
              "unit fractions, i.e. lies within half the gap from 1/n to 1/(n-1) and to 1/(n+1) "
              "(`unit_fraction_interval`)."),
)

VAGUE = MappingProxyType({w.phrase: w for w in _TABLE})


def points(n: float) -> float:
    """'at least N points' (percentage points of accuracy) as a fraction: N / 100."""
    n = float(n)
    if not 0 < n < 100:
        raise ValueError(f"points({n!r}): a percentage-point gap lies in (0, 100)")
    return n / 100.0


def printed_tolerance(printed: str, scale: float = 1.0) -> float:
    """Half a unit of the last printed digit of a figure as the document prints it ('86.6' -> 0.05).

    ``scale`` converts the printed unit (e.g. 0.01 for a percentage read as a fraction).
    """
    text = printed.strip().rstrip("%").replace(",", "")
    float(text)                                          # raises on a non-number
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10.0 ** (-decimals) * scale


def unit_fraction_interval(n: int) -> tuple[float, float]:
    """Where a fraction reads as 'around 1/n': the midpoints to 1/(n+1) and 1/(n-1) (1 for n = 2... 1)."""
    if n < 2:
        raise ValueError(f"unit_fraction_interval({n!r}): n must be >= 2")
    w = VAGUE["around a quarter"].delta
    upper = 1.0 / n + w * (1.0 / (n - 1) - 1.0 / n)
    return 1.0 / n - w * (1.0 / n - 1.0 / (n + 1)), upper


def vague_words_markdown() -> str:
    lines = ["# Vague words as numbers", "",
             "Generated from `harness/declaring/vague_words.py` (`python3 -m harness.declaring.vague_words > docs/vague-words.md`). "
             "A claim whose quote uses one of these words takes its delta or tolerance from this table "
             "(`delta=VAGUE[\"much better\"].delta`), fixed before its first measured run. "
             "\"At least N points\" is `points(N)` = N/100; a printed figure is read to half a unit of its "
             "last digit (`printed_tolerance`).", "",
             "| phrase | number | unit | used as | why |", "|---|---|---|---|---|"]
    for w in _TABLE:
        lines.append(f"| {w.phrase} | {w.delta:g} | {w.unit} | {w.use} | {w.reason} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(vague_words_markdown(), end="")
