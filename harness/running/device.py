"""Devices, worker binding and determinism flags.

CPU is the default. `--claims-device=cuda` asks for CUDA; `auto` takes it when available. Under
pytest-xdist, worker gwN binds to one GPU by indexing into the caller's CUDA_VISIBLE_DEVICES
(several workers may share one GPU) -- this must happen before the first CUDA call, which is why
`bind_worker` runs at plugin configure time, before any claim module touches torch.cuda.
"""
from __future__ import annotations

import os
import platform
import re
from typing import Any

import torch

DEFAULT_THREADS_PER_WORKER = 1


def worker_index(worker_id: str | None = None) -> int | None:
    wid = worker_id if worker_id is not None else os.environ.get("PYTEST_XDIST_WORKER")
    if not wid:
        return None
    m = re.fullmatch(r"gw(\d+)", wid)
    return int(m.group(1)) if m else None


# Workers per GPU under `-n auto` with --claims-device=cuda/auto. Not measured yet (no GPU was lent
# to the sessions that wrote this): the suite's claims are small batched fits, launch-bound on a GPU,
# so a few processes share one well; one CUDA context per CPU core (16 on a 1-GPU host) would waste
# memory and contend. Override with -n N.
WORKERS_PER_GPU = 2
# Set in a worker's environment once it is bound to one GPU (its only visible device, cuda:0).
ENV_BOUND_GPU = "CLAIMS_BOUND_GPU"


def wants_cuda(requested: str | None) -> bool:
    r = (requested or "cpu").lower()
    return r == "auto" or r.startswith("cuda")


def visible_gpus() -> list[str]:
    """The GPUs this process may use, without initialising CUDA.

    CUDA_VISIBLE_DEVICES when set (its entries, as written); else 0..n-1 for the n devices NVML
    counts (``torch.cuda.device_count`` asks NVML first and creates no CUDA context)."""
    visible = os.environ.get("CUDA_VISIBLE_DEVICES")
    if visible is not None:
        return [g.strip() for g in visible.split(",") if g.strip()]
    if not torch.backends.cuda.is_built():
        return []
    try:
        n = torch.cuda.device_count()
    except Exception:  # no driver: no GPU
        n = 0
    return [str(i) for i in range(n)]


def _ordinal(requested: str) -> int | None:
    m = re.fullmatch(r"cuda:(\d+)", requested)
    return int(m.group(1)) if m else None


def bind_worker(worker_id: str | None = None, threads: int | None = None,
                device: str | None = None) -> dict[str, Any]:
    """Pin this process to one GPU (when CUDA is asked for) and cap its CPU threads.

    Must run before the first CUDA call. Under xdist, worker gwN takes GPU ``N mod len(gpus)`` of
    :func:`visible_gpus` (CUDA_VISIBLE_DEVICES or all devices); ``cuda:N`` takes GPU N of that
    list in every worker. The chosen GPU becomes the process's only visible device, so the run's
    device is ``cuda:0`` there (:func:`resolve_device` maps it). CPU runs touch nothing CUDA."""
    info: dict[str, Any] = {}
    requested = (device or "cpu").lower()
    if wants_cuda(requested) and os.environ.get(ENV_BOUND_GPU) is None:
        gpus = visible_gpus()
        idx, ordinal = worker_index(worker_id), _ordinal(requested)
        chosen = None
        if ordinal is not None:
            if ordinal >= len(gpus):
                raise RuntimeError(f"--claims-device={requested}: only {len(gpus)} GPU(s) visible "
                                   f"({','.join(gpus) or 'none'}). Fix: name one of cuda:0..cuda:{max(len(gpus) - 1, 0)}.")
            chosen = gpus[ordinal]
        elif idx is not None and gpus:
            chosen = gpus[idx % len(gpus)]
        if chosen is not None:
            os.environ["CUDA_VISIBLE_DEVICES"] = chosen
            os.environ[ENV_BOUND_GPU] = chosen
            info["cuda_visible_devices"] = chosen
    if threads is None:
        # One thread, also outside xdist: the engine's ops are small batched matmuls, for which the
        # intra-op thread pool costs more than it gives (measured on 2 cores: a 5-layer batched MLP
        # step took 8 ms with 2 threads, 0.3 ms with 1). Parallelism comes from xdist workers.
        threads = DEFAULT_THREADS_PER_WORKER
    torch.set_num_threads(int(threads))
    info["cpu_threads"] = int(threads)
    return info


def auto_workers(requested: str | None, cpu_count: int | None = None) -> int:
    """Workers for `-n auto`: one per core on CPU; WORKERS_PER_GPU per GPU for CUDA runs."""
    cores = cpu_count or os.cpu_count() or 1
    if wants_cuda(requested):
        gpus = visible_gpus()
        if gpus:
            return max(1, min(cores, WORKERS_PER_GPU * len(gpus)))
    return cores


def resolve_device(requested: str = "cpu") -> torch.device:
    requested = (requested or "cpu").lower()
    if requested == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if requested.startswith("cuda"):
        if not torch.cuda.is_available():
            raise RuntimeError(
                f"--claims-device={requested} was asked for but torch {torch.__version__} sees no CUDA "
                "device. Fix: install a CUDA build of torch (see README) or use --claims-device=cpu.")
        if os.environ.get(ENV_BOUND_GPU) is not None:
            return torch.device("cuda:0")      # bound to one GPU: it is the only visible one
        return torch.device(requested)
    if requested != "cpu":
        raise ValueError(f"unknown device {requested!r}: use cpu, cuda, cuda:N or auto")
    return torch.device("cpu")


def set_determinism() -> dict[str, Any]:
    """Set and return the flags that make runs repeatable; recorded in every result file."""
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    # Enforced, not warn_only: an op with no deterministic kernel raises, so the claim using it
    # fails instead of recording a result as deterministic that was not.
    torch.use_deterministic_algorithms(True, warn_only=False)
    torch.backends.cudnn.deterministic = True
    torch.backends.cudnn.benchmark = False
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    torch.set_float32_matmul_precision("highest")
    return determinism_flags()


def determinism_flags() -> dict[str, Any]:
    return {
        "use_deterministic_algorithms": torch.are_deterministic_algorithms_enabled(),
        "deterministic_warn_only": torch.is_deterministic_algorithms_warn_only_enabled(),
        "cudnn_deterministic": torch.backends.cudnn.deterministic,
        "cudnn_benchmark": torch.backends.cudnn.benchmark,
        "cuda_matmul_allow_tf32": torch.backends.cuda.matmul.allow_tf32,
        "cudnn_allow_tf32": torch.backends.cudnn.allow_tf32,
        "float32_matmul_precision": torch.get_float32_matmul_precision(),
        "cublas_workspace_config": os.environ.get("CUBLAS_WORKSPACE_CONFIG"),
        "cpu_threads": torch.get_num_threads(),
    }


def device_description(device: torch.device) -> dict[str, Any]:
    d: dict[str, Any] = {"type": device.type}
    if device.type == "cuda":
        i = device.index if device.index is not None else torch.cuda.current_device()
        d["name"] = torch.cuda.get_device_name(i)
        d["capability"] = list(torch.cuda.get_device_capability(i))
        d["cuda_visible_devices"] = os.environ.get("CUDA_VISIBLE_DEVICES")
    else:
        d["name"] = cpu_name()
    return d


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


class Clock:
    """Seconds of work on a device: the process's CPU time on CPU; on CUDA, wall time between
    synchronisations (CPU time would count only the launches, not the GPU's work).

    ``with Clock(device) as c: ...`` then ``c.seconds``; ``c.kind`` names what was measured."""

    def __init__(self, device: torch.device | str):
        self.device = torch.device(device)
        self.kind = "cuda wall (synchronized)" if self.device.type == "cuda" else "cpu process time"
        self.seconds = float("nan")

    def _now(self) -> float:
        import time
        if self.device.type == "cuda":
            torch.cuda.synchronize(self.device)
            return time.perf_counter()
        return time.process_time()

    def __enter__(self) -> "Clock":
        self._t0 = self._now()
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = self._now() - self._t0
