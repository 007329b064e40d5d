"""Check the measured numbers a pinned reason quotes against the committed baseline.

A claim's ``expect_reason`` says what the suite measured, usually with numbers. Those numbers go
stale when a claim is re-run and its baseline refreshed but the reason is not. This module reads
the numbers back out of the reason and compares each with the committed result file of the
profile it names, at the precision it was PRINTED with.

What is read (each quote belongs to the profile named just before it):

- ``(ci, 12 seeds): <est> [<lo>, <hi>]``: profile ``ci`` (or ``full``/``smoke``), ``n`` = 12 and
  the first ``estimate [lo, hi]`` triple after it; one unit word may stand between the estimate and
  its interval (``+6.75 decades [6.64, 6.91]``). Other words in the parentheses are allowed
  (``(ci, 8x8 digits, 12 seeds)``).
- ``measured refuted (ci, 12 seeds): ...``: the verdict word before the parenthesis.
- ``(ci: supported, <est> [<lo>, <hi>] over 12 seeds; full: ...)``: verdict after the colon,
  ``over/at N seeds`` after the interval, ``; full:`` or ``; ci:`` starts that profile's quote.
- ``seed family N: <est> [<lo>, <hi>], supported`` (also ``family N``, ``Seed family N (ci)``):
  the seed family N of the base profile, i.e. the ``ci-seedN`` folder (``full-seedN`` after a full
  quote). A bare ``seed family N: <est>, <verdict>`` quotes the estimate alone.
  ``full (48 seeds): ...`` and ``measured at the full sizes (24 seeds; ...)`` are the full profile.
- ``means <arm> <value>, <arm> <value>``: the mean of the per-seed values of each arm, checked
  where the result has that arm.
- ``max error <x> over <N> cases`` or ``max error <x>`` (identity claims): the result's
  ``max_error`` and ``n``.
- A verdict word (supported/refuted/inconclusive, any case) right after the marker's colon or
  right after the interval (``[0.57, 0.64], supported``).

Anything after ``Earlier:`` is history (what an earlier design or schedule measured) and is not
checked; within a profile's quote only the FIRST interval is the measured one, so later intervals
("the first run gave ...", "at 200 per class: ...") are free text.

Precision: a printed number matches when the baseline value rounds to it (``0.65`` matches
0.6523; the unit is the last printed digit, ``2.6e-8`` has unit 1e-9); interval bounds may be off
by one unit in that digit (rounded outward or inward). The seed count and verdict must be equal.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from harness.declaring.catalog import REPO_ROOT

BASELINE_ROOT = REPO_ROOT / "reports" / "baselines" / "torch-2.13.0-cpu"
VERDICTS = ("supported", "refuted", "inconclusive")

NUM = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_V = r"(?:supported|refuted|inconclusive)"
_TRIPLE = re.compile(
    rf"(?<![\w.])(?P<est>{NUM})(?:\s+(?P<unit>[A-Za-z$][\w$,]*))?\s*"
    rf"\[\s*(?P<lo>{NUM})\s*,\s*(?P<hi>{NUM})\s*\]")
_AFTER_TRIPLE = re.compile(
    rf"^(?:\s+(?:over|at)\s+(?P<n>\d+)\s+seeds)?(?:\s*,\s*(?P<v>{_V})\b)?", re.I)
_BODY_START = re.compile(rf"^\s*:?\s*(?:(?P<v>{_V})\b\s*,?\s*)?", re.I)
_LONE_EST = re.compile(
    rf"^(?P<est>{NUM})(?!\d)(?!\.\d)(?:\s+at\s+(?P<n>\d+)(?:\s+seeds)?)?\s*(?:,\s*(?P<v>{_V})\b|[;)]|\.(?!\d)|$)",
    re.I)
_MEANS = re.compile(rf"\bmeans\s+(?P<pairs>[\w.]+\s+{NUM}(?:\s*,\s*[\w.]+\s+{NUM})*)")
_PAIR = re.compile(rf"(?P<arm>[\w.]+)\s+(?P<val>{NUM})")
_MAX_ERROR = re.compile(rf"\bmax(?:imum)? error\s+(?P<x>{NUM})(?![\w.])(?:\s+over\s+(?P<n>\d+)\s+cases\b)?")
_SEEDS = re.compile(r"\b(\d+)\s+(seeds|cases)\b")

# Markers that start one profile's quote, tried at every position (first match wins).
_MARKERS = re.compile(
    rf"(?:measured\s+(?P<pv>{_V})\s+)?\((?P<p>ci|full|smoke)(?=[,:)])(?P<head>[^:)]*)\)?"
    rf"|;\s*(?P<sp>ci|full)\s*(?=:)"
    rf"|\b(?:[Ss]eed\s+)?[Ff]amil(?:y|ies)\s+(?P<fam>\d+)(?![\d.])(?:\s*\((?P<fp>ci|full)\))?"
    rf"|\b[Ff]ull\s+\((?P<fn>\d+)\s+seeds\)"
    rf"|\bat the (?P<sz>ci|full) sizes\s*\((?P<szn>\d+)\s+seeds\b",
    re.I)
_HISTORY = re.compile(r"\bEarlier:")


@dataclass(frozen=True)
class Quote:
    """One number (or verdict word) a reason quotes for one profile."""
    profile: str          # result folder: ci, full, ci-seed7, ...
    field: str            # estimate, ci_lo, ci_hi, seeds, cases, verdict, max_error, mean:<arm>
    text: str             # as printed
    units: float = 0.5    # allowed difference, in units of the last printed digit

    def describe(self) -> str:
        return f"{self.field} {self.text} ({self.profile})"


@dataclass
class Mismatch:
    claim_id: str
    quote: Quote
    baseline: str         # the baseline's value, as stored
    path: Path

    def __str__(self) -> str:
        try:
            rel = self.path.relative_to(REPO_ROOT)
        except ValueError:
            rel = self.path
        return (f"{self.claim_id}: reason quotes {self.quote.field} {self.quote.text}, "
                f"baseline has {self.baseline} ({rel})")


@dataclass
class ReasonCheck:
    """What checking one claim's reason found."""
    claim_id: str
    quotes: list[Quote] = field(default_factory=list)
    checked: list[Quote] = field(default_factory=list)
    mismatches: list[Mismatch] = field(default_factory=list)
    no_result: list[str] = field(default_factory=list)   # profiles quoted with no committed file

    @property
    def quotes_numbers(self) -> bool:
        return bool(self.quotes)

    @property
    def stale(self) -> bool:
        return bool(self.mismatches)


def printed_unit(text: str) -> float:
    """The value of one unit in the last printed digit: '0.65' -> 0.01, '2.6e-8' -> 1e-9, '138' -> 1."""
    mant, _, exp = text.lstrip("+-").lower().partition("e")
    decimals = len(mant.split(".", 1)[1]) if "." in mant else 0
    return 10.0 ** (int(exp or 0) - decimals)


def agrees(text: str, value: float, units: float = 0.5) -> bool:
    """Whether ``value`` prints as ``text`` (units=0.5: rounds to it; 1: within one last-digit unit)."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return False
    if not math.isfinite(value):
        return False
    return abs(value - float(text)) <= units * printed_unit(text) * (1 + 1e-9) + 1e-15


def _segments(reason: str) -> list[tuple[str, dict, str]]:
    """Split a reason into (profile, marker info, body) pieces, history dropped."""
    cut = _HISTORY.search(reason)
    text = reason[:cut.start()] if cut else reason
    found = list(_MARKERS.finditer(text))
    out: list[tuple[str, dict, str]] = []
    base = "ci"
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        body = text[m.end():end]
        info: dict = {}
        if m.group("p"):
            profile = base = m.group("p").lower()
            head = m.group("head") or ""
            if "famil" in head.lower():      # "(ci and family 4242: ...)": two profiles at once
                continue
            count = _SEEDS.search(head)
            if count:
                info[count.group(2)] = count.group(1)
            if m.group("pv"):
                info["verdict"] = m.group("pv")
        elif m.group("sp"):
            profile = base = m.group("sp").lower()
        elif m.group("fam"):
            fam_base = (m.group("fp") or base).lower()
            profile = f"{fam_base}-seed{m.group('fam')}"
            if not body.lstrip().startswith(":"):       # "families 65537 and 131071", "seed family 7 decides at 48"
                info["no_lone"] = True
            if re.match(r"\s*(?:and|,)\s*\d", body):    # several families named at once
                continue
        elif m.group("sz"):
            profile = base = m.group("sz").lower()
            info["seeds"] = m.group("szn")
        else:
            profile = base = "full"
            info["seeds"] = m.group("fn")
        out.append((profile, info, body))
    return out


def _consistent(triple: re.Match) -> bool:
    """An interval that holds its estimate (one printed unit of slack): '1.000 with [4, 2]' is not one."""
    est, lo, hi = (triple.group(k) for k in ("est", "lo", "hi"))
    slack = max(printed_unit(est), printed_unit(lo), printed_unit(hi))
    return float(lo) <= float(hi) and float(lo) - slack <= float(est) <= float(hi) + slack


def parse_reason(reason: str) -> list[Quote]:
    """Every number and verdict word the reason quotes for a profile, in order."""
    quotes: list[Quote] = []
    for profile, info, body in _segments(reason):
        q: list[Quote] = []
        start = _BODY_START.match(body)
        verdict = info.get("verdict") or (start.group("v") if start else None)
        seeds, cases = info.get("seeds"), info.get("cases")
        rest = body[start.end():] if start else body
        triple = next((t for t in _TRIPLE.finditer(body) if _consistent(t)), None)
        if triple:
            q += [Quote(profile, "estimate", triple.group("est")),
                  Quote(profile, "ci_lo", triple.group("lo"), 1.0),
                  Quote(profile, "ci_hi", triple.group("hi"), 1.0)]
            after = _AFTER_TRIPLE.match(body[triple.end():])
            seeds = seeds or after.group("n")
            if after.group("v"):
                verdict = verdict or after.group("v")
        elif profile.count("-seed") and not info.get("no_lone"):
            lone = _LONE_EST.match(rest)
            if lone:
                q.append(Quote(profile, "estimate", lone.group("est")))
                seeds = seeds or lone.group("n")
                verdict = verdict or lone.group("v")
        err = _MAX_ERROR.search(body)
        if err and not triple:
            q.append(Quote(profile, "max_error", err.group("x")))
            cases = cases or err.group("n") or None
        means = _MEANS.search(body)
        if means:
            for pair in _PAIR.finditer(means.group("pairs")):
                q.append(Quote(profile, f"mean:{pair.group('arm')}", pair.group("val")))
        if seeds:
            q.append(Quote(profile, "seeds", seeds))
        if cases:
            q.append(Quote(profile, "cases", cases))
        if verdict:
            q.append(Quote(profile, "verdict", verdict.lower()))
        quotes += q
    return quotes


def _baseline_value(quote: Quote, result: dict):
    """The baseline's value for a quote, or None where the result holds no such value."""
    s = result.get("summary") or {}
    if quote.field == "estimate":
        return s.get("estimate")
    if quote.field in ("ci_lo", "ci_hi"):
        ci = s.get("ci")
        return None if not ci else ci[0 if quote.field == "ci_lo" else 1]
    if quote.field in ("verdict", "max_error"):
        return s.get(quote.field)
    if quote.field == "cases":
        return s.get("n")
    if quote.field == "seeds":
        indices = (result.get("seeds") or {}).get("indices")
        return None if indices is None else len(indices)
    if quote.field.startswith("mean:"):
        values = (result.get("arms") or {}).get(quote.field[5:])
        if not values:
            return None
        try:
            return sum(float(v) for v in values) / len(values)
        except (TypeError, ValueError):
            return float("nan")
    return None


def matches(quote: Quote, baseline) -> bool:
    if quote.field == "verdict":
        return str(baseline).lower() == quote.text
    if quote.field in ("seeds", "cases"):
        return str(baseline) == quote.text
    return agrees(quote.text, baseline, quote.units)


def load_result(root: Path, profile: str, claim_id: str) -> tuple[Path, dict | None]:
    path = Path(root) / profile / f"{claim_id}.json"
    if not path.is_file():
        return path, None
    return path, json.loads(path.read_text())


def check_reason(claim_id: str, reason: str, root: str | Path = BASELINE_ROOT) -> ReasonCheck:
    """Compare the numbers ``reason`` quotes with the committed results under ``root``."""
    out = ReasonCheck(claim_id, quotes=parse_reason(reason))
    cache: dict[str, tuple[Path, dict | None]] = {}
    for quote in out.quotes:
        if quote.profile not in cache:
            cache[quote.profile] = load_result(Path(root), quote.profile, claim_id)
        path, result = cache[quote.profile]
        if result is None:
            if quote.profile not in out.no_result:
                out.no_result.append(quote.profile)
            continue
        value = _baseline_value(quote, result)
        if value is None and quote.field.startswith("mean:"):
            continue                      # a 'means' name that is not one of the result's arms
        out.checked.append(quote)
        if value is None or not matches(quote, value):
            out.mismatches.append(Mismatch(claim_id, quote, "missing" if value is None else repr(value), path))
    return out


def check_claims(claims, root: str | Path = BASELINE_ROOT) -> list[ReasonCheck]:
    """``check_reason`` for every claim (anything with ``id`` and ``expect_reason``)."""
    return [check_reason(c.id, c.expect_reason, root) for c in claims]
