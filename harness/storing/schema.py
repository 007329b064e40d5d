"""The one typed schema of result files (schema v1) and of pytest-benchmark JSON.

Used by the writer (:func:`harness.storing.results.write_result` validates before writing) and by every
reader (:func:`harness.storing.resultset.iter_results` / ``collect``, hence report, compare, export and the
baseline gate). Types are checked, not only keys, in pydantic's strict mode: no string becomes a
number, no number becomes a string. A number stored in a result is a JSON number or one of the
strings ``"nan"``, ``"inf"``, ``"-inf"`` (how the writer stores non-finite floats; JSON has no NaN
literal, and the reader refuses ``NaN``/``Infinity`` literals). Summaries must agree with the raw
values where that is cheap to check: n equals the number of per-seed values of each arm (the
number of cases for identity claims) and of stored seeds.

Outcomes: ``summary.verdict`` is one of supported / refuted / inconclusive, or ``"error"`` for a
claim whose experiment could not run (e.g. missing data). An error result carries
``"error": {"type", "message"}`` (and ``"previous"``, the last good result's path and verdict when
there was one); it holds no per-seed values and is never a verdict: compare and the baseline gate
treat it as a failure with its message.

Only the fields the harness reads are typed; anything else a result holds (environment details,
data provenance, sizes, notes) passes through as long as it is JSON.
"""
from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import (BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr,
                      PlainValidator, ValidationError, model_validator)

SCHEMA = "claims-result"
SCHEMA_VERSION = 1
VERDICTS = ("supported", "refuted", "inconclusive")
ERROR = "error"
OUTCOMES = VERDICTS + (ERROR,)
KINDS = ("identity", "comparative", "bias", "equivalence")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")

NON_FINITE = ("nan", "inf", "-inf")


def _number(x: Any) -> Any:
    if type(x) in (int, float) or (type(x) is str and x in NON_FINITE):
        return x
    raise ValueError('expected a number (or "nan", "inf", "-inf" for non-finite values)')


Number = Annotated[Any, PlainValidator(_number, json_schema_input_type=Union[float, Literal[NON_FINITE]])]
OptNumber = Optional[Number]
Count = Annotated[StrictInt, Field(ge=0)]


class _Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="allow")


class Source(_Model):
    document: StrictStr
    section: Optional[StrictStr] = None
    lines: Annotated[list[StrictInt], Field(min_length=2, max_length=2)]
    quote: StrictStr


class ClaimDecl(_Model):
    id: Annotated[StrictStr, Field(pattern=SLUG.pattern)]
    statement: StrictStr
    kind: Literal[KINDS]                                   # type: ignore[valid-type]
    sources: Annotated[list[Source], Field(min_length=1)]
    topic: Optional[StrictStr] = None
    metric: Optional[StrictStr] = None
    arms: Optional[Annotated[list[StrictStr], Field(min_length=2, max_length=2)]] = None
    direction: Optional[StrictStr] = None
    delta: OptNumber = None
    alpha: OptNumber = None
    tolerance: OptNumber = None
    expect: Optional[Literal[VERDICTS]] = None              # type: ignore[valid-type]
    expect_reason: Optional[StrictStr] = None
    module: Optional[StrictStr] = None
    code_hash: Optional[StrictStr] = None

    @model_validator(mode="after")
    def _arms_for_paired(self) -> "ClaimDecl":
        if self.kind != "identity" and self.arms is None:
            raise ValueError(f"a {self.kind} claim needs its two arm names (claim.arms)")
        return self


class Summary(_Model):
    verdict: Literal[OUTCOMES]                              # type: ignore[valid-type]
    n: Count
    test: Optional[StrictStr] = None
    estimate: OptNumber = None
    ci: Optional[Annotated[list[OptNumber], Field(min_length=2, max_length=2)]] = None
    p_value: OptNumber = None
    p_refute: OptNumber = None
    alpha: OptNumber = None
    delta: OptNumber = None
    max_error: OptNumber = None
    tolerance: OptNumber = None
    look: Optional[Count] = None
    looks_planned: Optional[Count] = None


class Seeds(_Model):
    indices: list[StrictInt]
    values: list[StrictInt]


class Timing(_Model):
    started: Optional[StrictStr] = None
    finished: Optional[StrictStr] = None
    seconds_total: OptNumber = None
    cpu_seconds: OptNumber = None
    seconds_per_look: Optional[list[Number]] = None


class ErrorInfo(_Model):
    type: StrictStr
    message: Annotated[StrictStr, Field(min_length=1)]
    previous: Optional[dict[str, Any]] = None


class Result(_Model):
    schema_: Literal[SCHEMA] = Field(alias="schema")        # type: ignore[valid-type]
    schema_version: Literal[SCHEMA_VERSION]                 # type: ignore[valid-type]
    claim: ClaimDecl
    profile: StrictStr
    env_key: StrictStr
    environment: dict[str, Any]
    config: dict[str, Any]
    seeds: Seeds
    arms: dict[StrictStr, list[Number]]
    extra: Optional[dict[StrictStr, Any]] = None
    looks: Optional[list[Summary]] = None
    summary: Summary
    expected: Optional[Literal[VERDICTS]] = None            # type: ignore[valid-type]
    matches_expectation: Optional[StrictBool] = None
    timing: Timing
    git: Optional[dict[str, Any]] = None
    command: Optional[StrictStr] = None
    error: Optional[ErrorInfo] = None

    @model_validator(mode="after")
    def _consistent(self) -> "Result":
        s, c = self.summary, self.claim
        if len(self.seeds.indices) != len(self.seeds.values):
            raise ValueError(f"seeds: {len(self.seeds.indices)} indices but {len(self.seeds.values)} values")
        if s.verdict == ERROR:
            if self.error is None:
                raise ValueError('summary.verdict is "error" but the result has no "error" {type, message}')
            if self.matches_expectation:
                raise ValueError("an error result cannot match its expectation")
            return self
        if self.error is not None:
            raise ValueError(f'the result has an "error" but summary.verdict is {s.verdict!r}, not "error"')
        if self.looks and self.looks[-1].verdict != s.verdict:
            raise ValueError(f"summary.verdict {s.verdict!r} is not the last look's verdict {self.looks[-1].verdict!r}")
        if (self.expected is not None and self.matches_expectation is not None
                and self.matches_expectation != (s.verdict == self.expected)):
            raise ValueError(f"matches_expectation is {self.matches_expectation} but the verdict is {s.verdict!r} "
                             f"and the expectation {self.expected!r}")
        if c.kind == "identity":
            errs = self.arms.get("error")
            if errs is None:
                raise ValueError("identity claim without per-case errors (arms.error)")
            if len(errs) != s.n:
                raise ValueError(f"summary.n is {s.n} but arms.error holds {len(errs)} values")
            return self
        for arm in c.arms or ():
            values = self.arms.get(arm)
            if values is None:
                raise ValueError(f"no per-seed values for arm {arm!r} (arms has {sorted(self.arms)})")
            if len(values) != s.n:
                raise ValueError(f"summary.n is {s.n} but arm {arm!r} holds {len(values)} values")
        if len(self.seeds.values) != s.n:
            raise ValueError(f"summary.n is {s.n} but {len(self.seeds.values)} seeds are stored")
        if s.n == 0:
            raise ValueError("summary.n is 0: a verdict needs per-seed values")
        return self


class BenchmarkStats(_Model):
    mean: Annotated[Union[StrictInt, StrictFloat], Field(gt=0)]
    stddev: Annotated[Union[StrictInt, StrictFloat], Field(ge=0)]
    rounds: Annotated[StrictInt, Field(ge=1)]
    min: Optional[Union[StrictInt, StrictFloat]] = None
    max: Optional[Union[StrictInt, StrictFloat]] = None
    median: Optional[Union[StrictInt, StrictFloat]] = None


class Benchmark(_Model):
    name: StrictStr
    fullname: Optional[StrictStr] = None
    group: Optional[StrictStr] = None
    params: Optional[dict[str, Any]] = None
    extra_info: Optional[dict[str, Any]] = None
    stats: BenchmarkStats


class BenchmarkFile(_Model):
    benchmarks: list[Benchmark]
    machine_info: Optional[dict[str, Any]] = None
    commit_info: Optional[dict[str, Any]] = None
    datetime: Optional[StrictStr] = None
    version: Optional[StrictStr] = None


def _where(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            part = "schema" if part == "schema_" else str(part)
            if part.startswith(("str", "int", "float", "literal[", "function-", "union[", "nullable")):
                continue                                    # pydantic's union branch tags
            out += ("." if out else "") + part
    return out or "(top level)"


def explain(exc: ValidationError, limit: int = 3) -> str:
    """A pydantic error as one line: the first few fields with what is wrong and what was found."""
    seen: list[str] = []
    for err in exc.errors(include_url=False):
        loc = err.get("loc", ())
        where = _where(loc)
        msg = err.get("msg", "invalid").removeprefix("Value error, ")
        text = f"{where}: {msg}" if loc else msg
        if loc and err.get("type") != "missing" and "input" in err:
            got = repr(err["input"])
            text += f" (found {got if len(got) <= 40 else got[:37] + '...'})"
        if not any(s.split(":")[0] == where for s in seen):
            seen.append(text)
    more = len(seen) - limit
    return "; ".join(seen[:limit]) + (f"; and {more} more" if more > 0 else "")


def check_result(data: Any) -> str | None:
    """None when ``data`` is a valid result (schema v1), else one line saying what is wrong."""
    try:
        Result.model_validate(data)
    except ValidationError as e:
        return explain(e)
    return None


def check_benchmark(data: Any) -> str | None:
    """None when ``data`` is a valid pytest-benchmark file, else one line saying what is wrong."""
    try:
        BenchmarkFile.model_validate(data)
    except ValidationError as e:
        return explain(e)
    return None
