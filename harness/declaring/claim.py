"""Claim declarations: what a document says, and how the suite decides it.

A claim module reads like a catalog entry plus its arms::

    CLAIM = Claim(
        id="log-softmax-beats-softmax-mnist",
        statement="...",
        sources=(Source("002_011bd4079aac2586.txt", "FFN with log-softmax", (535, 563), "..."),),
        kind=Kind.COMPARATIVE, topic="numerics",
        metric="test accuracy (fraction)", arms=("log_softmax", "softmax"),
        direction="greater", delta=0.02,
        sizes={"smoke": {...}, "ci": {...}, "full": {...}},
        expect=Verdict.SUPPORTED, expect_reason="measured ...",
        experiment=run_arms,
    )

`experiment(ctx)` receives a :class:`harness.running.runner.RunContext` (seeds of this look, the profile's
sizes, the device, data loaders that record provenance) and returns ``{arm: per-seed values}``.
Identity claims return ``{"error": per-case errors}`` and declare ``tolerance``.
The pytest plugin collects every ``Claim`` object found in a ``claims/**/test_*.py`` module.
"""
from __future__ import annotations

import enum
import hashlib
import inspect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

PROFILES = ("smoke", "ci", "full")
DEFAULT_ALPHA = 0.001
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Kind(str, enum.Enum):
    IDENTITY = "identity"          # deterministic fact, checked against a float64 reference
    COMPARATIVE = "comparative"    # arm a beats arm b (paired over seeds)
    BIAS = "bias"                  # a gap metric shows bias or leakage (paired over seeds)
    EQUIVALENCE = "equivalence"    # arms do not differ by more than delta (TOST)


class Verdict(str, enum.Enum):
    SUPPORTED = "supported"
    REFUTED = "refuted"
    INCONCLUSIVE = "inconclusive"


@dataclass(frozen=True)
class Source:
    """Where a document says it: file name under shared/seeds, section, inclusive line range, exact quote."""

    document: str
    section: str
    lines: tuple[int, int]
    quote: str

    def as_dict(self) -> dict[str, Any]:
        return {"document": self.document, "section": self.section,
                "lines": list(self.lines), "quote": self.quote}


@dataclass(frozen=True)
class Unexecutable:
    """A document statement the suite lists but cannot run, and why (kept so the catalog is complete)."""

    id: str
    statement: str
    sources: tuple[Source, ...]
    reason: str
    topic: str = "unexecutable"

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "statement": self.statement, "topic": self.topic,
                "sources": [s.as_dict() for s in self.sources], "reason": self.reason,
                "executable": False}


@dataclass(frozen=True)
class Claim:
    id: str
    statement: str
    sources: tuple[Source, ...]
    kind: Kind
    topic: str
    metric: str
    experiment: Callable[[Any], Mapping[str, Any]]
    expect: Verdict
    expect_reason: str
    sizes: Mapping[str, Mapping[str, Any]]
    arms: tuple[str, str] = ("a", "b")
    # "greater": arm a exceeds arm b by at least delta; "less": a is below b by at least delta;
    # "equivalent": |a - b| < delta. Identity claims use "holds" with a tolerance instead.
    direction: str = "greater"
    delta: float = 0.0
    alpha: float = DEFAULT_ALPHA
    tolerance: float | None = None
    # Numbers the document itself reports, shown beside the measured ones in the report.
    document_figures: Mapping[str, Any] = field(default_factory=dict)
    # Profiles in which the claim cannot run here, with the reason (e.g. needs full MNIST).
    requires: Mapping[str, str] = field(default_factory=dict)
    # A different pinned verdict for one profile (e.g. the full profile's documents' data size
    # decides what the ci profile's reduced data cannot); each needs its reason in expect_reason.
    expect_profiles: Mapping[str, Verdict] = field(default_factory=dict)
    notes: str = ""
    # A design changed after a measured run: what changed, when, why, and the seed family it had
    # never met that confirmed the new design (recorded in every result and shown in the report).
    redesigned: str = ""
    # Claims (by id, any document) whose statement this one opposes or qualifies, each with one
    # line on how they differ; the report shows them side by side on both claims' pages.
    contrasts: Mapping[str, str] = field(default_factory=dict)
    # Profiles whose verdict is not pinned (profile -> why): not yet measured ("the document's 60k x
    # 10 epochs CNN needs a GPU run"), or measured only on a stand-in that cannot decide the
    # document's statement. Their results are recorded and never fail a test; no verdict is
    # pinned for them until a committed result of the document's setup exists.
    unmeasured: Mapping[str, str] = field(default_factory=dict)
    # A speed claim: its arms are timings, which move with the machine's load (what the other xdist
    # worker runs, the CPU model), so `claims compare` reports its effect drift as a note, never a
    # failure; a verdict flip still fails.
    measures_time: bool = False

    def __post_init__(self) -> None:
        problems = []
        if not SLUG.match(self.id):
            problems.append(f"id {self.id!r} is not a lowercase slug")
        if not self.sources:
            problems.append("no sources: every claim cites where a document says it")
        for s in self.sources:
            if not s.quote.strip():
                problems.append(f"source {s.document} l.{s.lines} has an empty quote")
            if s.lines[0] > s.lines[1] or s.lines[0] < 1:
                problems.append(f"source {s.document} has a bad line range {s.lines}")
        kind = Kind(self.kind)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "expect", Verdict(self.expect))
        object.__setattr__(self, "expect_profiles", {p: Verdict(v) for p, v in self.expect_profiles.items()})
        for p in self.unmeasured:
            if p not in PROFILES or p == "smoke" or p in self.expect_profiles:
                problems.append(f"unmeasured profile {p!r} must be ci or full, with no pinned verdict")
        if "smoke" in self.expect_profiles:
            problems.append("smoke verdicts are not pinned (smoke sizes only exercise the code)")
        if kind is Kind.IDENTITY:
            if self.direction != "holds" or self.tolerance is None:
                problems.append("identity claims take direction='holds' and a tolerance")
        else:
            if self.direction not in ("greater", "less", "equivalent"):
                problems.append(f"direction {self.direction!r} is not greater/less/equivalent")
            if (kind is Kind.EQUIVALENCE) != (self.direction == "equivalent"):
                problems.append("equivalence claims, and only they, use direction='equivalent'")
            if self.delta < 0 or (self.direction == "equivalent" and self.delta <= 0):
                problems.append(f"delta {self.delta} must be >= 0 (> 0 for equivalence)")
            if len(self.arms) != 2 or self.arms[0] == self.arms[1]:
                problems.append(f"arms {self.arms!r} must be two distinct names")
        if not 0 < self.alpha < 0.5:
            problems.append(f"alpha {self.alpha} must lie in (0, 0.5)")
        missing = [p for p in PROFILES if p not in self.sizes and p not in self.requires]
        if missing:
            problems.append(f"sizes missing for profiles {missing}")
        for other, why in dict(self.contrasts).items():
            if not SLUG.match(str(other)) or other == self.id or not str(why).strip():
                problems.append(f"contrasts needs other claims' ids with a one-line reason, got {other!r}")
        if not self.expect_reason.strip():
            problems.append("the pinned expectation needs a one-line reason")
        if problems:
            raise ValueError(f"claim {self.id!r}: " + "; ".join(problems))

    # ------------------------------------------------------------------ helpers
    def expected_for(self, profile: str) -> Verdict | None:
        """The pinned verdict for a profile; None for smoke, whose sizes are too small to decide."""
        if profile == "smoke" or profile in self.unmeasured:
            return None
        return self.expect_profiles.get(profile, self.expect)

    def sizes_for(self, profile: str) -> dict[str, Any]:
        if profile not in PROFILES:
            raise ValueError(f"unknown profile {profile!r}; choose one of {PROFILES}")
        return dict(self.sizes.get(profile, {}))

    def seed_schedule(self, profile: str) -> tuple[int, ...]:
        """Planned looks (cumulative seed counts). Identity claims take one look."""
        sizes = self.sizes_for(profile)
        looks = sizes.get("seeds", (1,))
        if isinstance(looks, int):
            looks = (looks,)
        looks = tuple(int(n) for n in looks)
        if any(b <= a for a, b in zip(looks, looks[1:])) or looks[0] < 1:
            raise ValueError(f"claim {self.id!r}: seeds {looks} must be increasing and positive")
        return looks

    def code_hash(self) -> str:
        """Hash of the module that declares the claim: a changed experiment shows in the results."""
        try:
            src = inspect.getsource(inspect.getmodule(self.experiment))
        except (OSError, TypeError):
            src = repr(self)
        return hashlib.sha256(src.encode()).hexdigest()[:16]

    def module_path(self) -> str:
        mod = inspect.getmodule(self.experiment)
        path = Path(getattr(mod, "__file__", "") or "")
        try:
            return str(path.resolve().relative_to(Path(__file__).resolve().parents[2]))
        except ValueError:
            return str(path)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "statement": self.statement, "topic": self.topic,
            "kind": self.kind.value, "metric": self.metric, "arms": list(self.arms),
            "direction": self.direction, "delta": self.delta, "alpha": self.alpha,
            "tolerance": self.tolerance,
            "sources": [s.as_dict() for s in self.sources],
            "expect": self.expect.value, "expect_reason": self.expect_reason,
            "expect_profiles": {p: v.value for p, v in self.expect_profiles.items()},
            "document_figures": dict(self.document_figures),
            "sizes": {p: dict(v) for p, v in self.sizes.items()},
            "requires": dict(self.requires), "notes": self.notes, "redesigned": self.redesigned,
            "measures_time": self.measures_time,
            "contrasts": dict(self.contrasts), "unmeasured": dict(self.unmeasured),
            "module": self.module_path(), "executable": True,
        }
