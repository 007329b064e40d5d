"""Run one claim: planned looks over growing seed sets, the statistics, one result record.

Data flows one way: fixtures -> experiment (engine) -> paired per-seed values -> stats -> verdict ->
result record. The runner never writes anything itself. A claim that could not run because of its
data (fixtures.DataError: missing or corrupt file) gets an *error record* (:func:`error_record`,
summary.verdict "error"), which the writer puts beside the stored result, never over it; a bug in
an experiment gets no record at all. Either way the previous result file stays as it was.
"""
from __future__ import annotations

import datetime as _dt
import shlex
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import numpy as np
import torch

from harness.deciding import stats
from harness.declaring.claim import Claim, Kind, Verdict
from harness.running.device import determinism_flags, device_description
from harness.training.engine import devices_used, reset_devices_used
from harness.storing.results import SCHEMA, SCHEMA_VERSION, env_key, environment, error_result, git_info
from harness.running.seeds import derive_seed, numpy_rng, substream, torch_generator


class ExperimentError(RuntimeError):
    """An experiment returned something the runner cannot use; the message says what and where."""


def _check_devices(claim_id: str, device: torch.device) -> None:
    """No claim trains on another device than the one its result names (a model built with a
    default device would file CPU numbers as a CUDA result)."""
    want = f"{device.type}:{device.index or 0}" if device.type == "cuda" else device.type
    other = devices_used() - {want}
    if other:
        raise ExperimentError(f"claim {claim_id}: built models on {sorted(other)} while the run's device is "
                              f"{want}. Fix: pass device=ctx.device to every model the experiment builds.")


@dataclass
class RunContext:
    """What an experiment sees: this look's seeds, the profile's sizes, the device, data loaders."""

    claim: Claim
    profile: str
    sizes: dict[str, Any]
    device: torch.device
    seed_indices: list[int]
    seeds: list[int]
    global_seed: int
    provenance: list[dict[str, Any]] = field(default_factory=list)
    notes: dict[str, Any] = field(default_factory=dict)

    # -- seeds -------------------------------------------------------------------------
    def stream(self, name: str) -> list[int]:
        """Per-seed sub-seeds for one purpose ('init', 'order', 'split', 'noise', ...)."""
        return [substream(s, name) for s in self.seeds]

    def rng(self, seed: int, name: str = "") -> np.random.Generator:
        return numpy_rng(substream(seed, name) if name else seed)

    def generator(self, seed: int, name: str = "") -> torch.Generator:
        return torch_generator(substream(seed, name) if name else seed)

    def look_seed(self, name: str = "look") -> int:
        """One seed for things shared by all seeds of this look (e.g. dropout noise)."""
        return derive_seed(self.global_seed, self.claim.id, self.seed_indices[0], name)

    # -- data --------------------------------------------------------------------------
    def data(self, loader: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Load a fixtures data set and record its provenance in the result."""
        ds = loader(*args, **kwargs)
        prov = getattr(ds, "provenance", None)
        if prov is not None and prov not in self.provenance:
            self.provenance.append(prov)
        return ds

    def note(self, key: str, value: Any) -> None:
        """A scalar fact worth keeping (e.g. a document figure recomputed, a data description)."""
        self.notes[key] = value


def _as_values(name: str, values: Any, n: int | None, claim_id: str) -> list[float]:
    if isinstance(values, torch.Tensor):
        values = values.detach().cpu().double().numpy()
    arr = np.asarray(values, dtype=np.float64).reshape(-1)
    if n is not None and arr.shape[0] != n:
        raise ExperimentError(f"claim {claim_id}: arm {name!r} has {arr.shape[0]} values for {n} seeds")
    return arr.tolist()


def run_claim(claim: Claim, profile: str, *, global_seed: int, device: torch.device,
              device_requested: str = "cpu", command: str | None = None) -> dict[str, Any]:
    """Run a claim's planned looks and return its result record (not yet written)."""
    sizes = claim.sizes_for(profile)
    looks = claim.seed_schedule(profile)
    identity = claim.kind is Kind.IDENTITY
    alphas = [claim.alpha] if identity else stats.plan_looks(looks, claim.alpha, claim.direction)
    if identity:
        looks = looks[:1]
    arm_values: dict[str, list[float]] = {}
    extra: dict[str, list[Any]] = {}
    provenance: list[dict[str, Any]] = []
    notes: dict[str, Any] = {}
    seed_indices: list[int] = []
    seed_values: list[int] = []
    look_summaries: list[dict[str, Any]] = []
    look_seconds: list[float] = []
    summary: dict[str, Any] = {}
    started = _dt.datetime.now(_dt.timezone.utc)
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    prev = 0
    for n_total, alpha_k in zip(looks, alphas):
        idx = list(range(prev, n_total))
        seeds = [derive_seed(global_seed, claim.id, i) for i in idx]
        ctx = RunContext(claim=claim, profile=profile, sizes=sizes, device=device, seed_indices=idx,
                         seeds=seeds, global_seed=global_seed, provenance=provenance, notes=notes)
        tl = time.perf_counter()
        reset_devices_used()
        out = claim.experiment(ctx)
        look_seconds.append(time.perf_counter() - tl)
        _check_devices(claim.id, device)
        if not isinstance(out, Mapping):
            raise ExperimentError(f"claim {claim.id}: experiment returned {type(out).__name__}, expected a dict")
        wanted = ("error",) if identity else claim.arms
        for arm in wanted:
            if arm not in out:
                raise ExperimentError(f"claim {claim.id}: experiment returned no values for arm {arm!r} "
                                      f"(got {sorted(out)})")
            arm_values.setdefault(arm, []).extend(
                _as_values(arm, out[arm], None if identity else len(idx), claim.id))
        for key, values in out.items():
            if key not in wanted:
                extra.setdefault(key, []).extend(_as_values(key, values, None, claim.id)
                                                 if not isinstance(values, (dict, str)) else [values])
        seed_indices += idx
        seed_values += seeds
        prev = n_total
        if identity:
            summary = stats.identity_verdict(arm_values["error"], claim.tolerance)
        else:
            a, b = arm_values[claim.arms[0]], arm_values[claim.arms[1]]
            res = stats.compare_paired(a, b, direction=claim.direction, delta=claim.delta, alpha=alpha_k)
            summary = res.as_dict()
        summary["look"] = len(look_summaries) + 1
        summary["looks_planned"] = len(looks)
        summary["alpha_family"] = claim.alpha
        look_summaries.append(dict(summary))
        if summary["verdict"] != Verdict.INCONCLUSIVE.value:
            break
    finished = _dt.datetime.now(_dt.timezone.utc)
    expected = claim.expected_for(profile)
    pin_note = None
    if expected is not None and profile not in ("smoke", "ci") and not committed_result_exists(claim.id, profile):
        # A pinned verdict needs a committed result of its profile; until one exists it is a guess,
        # so the run is recorded as "not yet measured" and never fails.
        expected = None
        pin_note = (f"not yet measured: no committed {profile}-profile result (reports/baselines/*/{profile}/"
                    f"{claim.id}.json); the pinned {claim.expected_for(profile).value} is not enforced until one is")
    env = environment(device_description(device), determinism_flags())
    claim_dict = claim.as_dict()
    claim_dict["code_hash"] = claim.code_hash()
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "claim": claim_dict,
        "profile": profile,
        "env_key": env_key(env),
        "environment": env,
        "config": {"global_seed": global_seed, "sizes": sizes, "seed_schedule": list(looks),
                   "alpha_per_look": list(alphas), "device_requested": device_requested},
        "data": provenance,
        "seeds": {"indices": seed_indices, "values": seed_values},
        "arms": arm_values,
        "extra": extra,
        "notes": notes,
        "looks": look_summaries,
        "summary": summary,
        "expected": expected.value if expected else None,
        "matches_expectation": None if expected is None else summary["verdict"] == expected.value,
        "pin_note": pin_note,
        "timing": {"started": started.isoformat(), "finished": finished.isoformat(),
                   "seconds_total": time.perf_counter() - t0, "seconds_per_look": look_seconds,
                   # CPU time of this process: what a claim costs, whatever else shares the machine
                   "cpu_seconds": time.process_time() - cpu0},
        "git": git_info(),
        "command": command or reproduce_command(claim, profile, global_seed, device_requested),
    }


def committed_result_exists(claim_id: str, profile: str, root: Path | None = None) -> bool:
    """Whether the committed baselines hold a result of this claim and profile (any environment,
    any seed family of that profile)."""
    from harness.running.sharding import DEFAULT_COST_DIR
    root = Path(root) if root is not None else DEFAULT_COST_DIR
    return any(root.glob(f"*/{profile}/{claim_id}.json")) or any(root.glob(f"*/{profile}-seed*/{claim_id}.json"))


def error_record(claim: Claim, profile: str, exc: BaseException, *, global_seed: int, device: torch.device,
                 device_requested: str = "cpu", started: _dt.datetime, seconds: float,
                 results_root: Any = None, command: str | None = None) -> dict[str, Any]:
    """The record of a claim whose experiment raised ``exc`` (a DataError): no values, no verdict."""
    claim_dict = claim.as_dict()
    claim_dict["code_hash"] = claim.code_hash()
    expected = claim.expected_for(profile)
    return error_result(
        claim_dict, profile=profile, env=environment(device_description(device), determinism_flags()),
        exc=exc, root=results_root,
        command=command or reproduce_command(claim, profile, global_seed, device_requested),
        config={"global_seed": global_seed, "sizes": claim.sizes_for(profile),
                "seed_schedule": list(claim.seed_schedule(profile)), "device_requested": device_requested},
        started=started.isoformat(), finished=_dt.datetime.now(_dt.timezone.utc).isoformat(),
        seconds=seconds, expected=expected.value if expected else None)


def reproduce_command(claim: Claim, profile: str, global_seed: int, device: str) -> str:
    return " ".join([
        "pytest", shlex.quote(f"{claim.module_path()}::{claim.id}"),
        f"--claims-profile={profile}", f"--claims-seed={global_seed}", f"--claims-device={device}"])


def format_summary(result: Mapping[str, Any]) -> str:
    s = result["summary"]
    if result["claim"]["kind"] == Kind.IDENTITY.value:
        return f"{s['verdict']}: max error {s.get('max_error')} vs tolerance {s.get('tolerance')} over {s.get('n')} cases"
    lo, hi = s.get("ci") or (float("nan"), float("nan"))
    return (f"{s['verdict']}: mean({result['claim']['arms'][0]} - {result['claim']['arms'][1]}) = "
            f"{_fmt(s.get('estimate'))} [{_fmt(lo)}, {_fmt(hi)}], p = {_fmt(s.get('p_value'))}, "
            f"p_refute = {_fmt(s.get('p_refute'))}, n = {s.get('n')} seeds, delta = {result['claim']['delta']}, "
            f"alpha = {s.get('alpha')} ({s.get('test')})")


def _fmt(x: Any) -> str:
    if isinstance(x, (float, int)) and not isinstance(x, bool):
        return f"{x:.4g}"
    return str(x)
