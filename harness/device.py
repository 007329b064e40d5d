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


def bind_worker(worker_id: str | None = None, threads: int | None = None) -> dict[str, Any]:
    """Pin this process to one visible GPU (if any are listed) and cap its CPU threads."""
    info: dict[str, Any] = {}
    idx = worker_index(worker_id)
    visible = os.environ.get("CUDA_VISIBLE_DEVICES")
    if idx is not None and visible:
        gpus = [g.strip() for g in visible.split(",") if g.strip()]
        if gpus:
            chosen = gpus[idx % len(gpus)]
            os.environ["CUDA_VISIBLE_DEVICES"] = chosen
            info["cuda_visible_devices"] = chosen
    if threads is None:
        # One thread, also outside xdist: the engine's ops are small batched matmuls, for which the
        # intra-op thread pool costs more than it gives (measured on 2 cores: a 5-layer batched MLP
        # step took 8 ms with 2 threads, 0.3 ms with 1). Parallelism comes from xdist workers.
        threads = DEFAULT_THREADS_PER_WORKER
    torch.set_num_threads(int(threads))
    info["cpu_threads"] = int(threads)
    return info


def resolve_device(requested: str = "cpu") -> torch.device:
    requested = (requested or "cpu").lower()
    if requested == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if requested.startswith("cuda"):
        if not torch.cuda.is_available():
            raise RuntimeError(
                f"--claims-device={requested} was asked for but torch {torch.__version__} sees no CUDA "
                "device. Fix: install a CUDA build of torch (see README) or use --claims-device=cpu.")
        return torch.device(requested)
    if requested != "cpu":
        raise ValueError(f"unknown device {requested!r}: use cpu, cuda, cuda:N or auto")
    return torch.device("cpu")


def set_determinism() -> dict[str, Any]:
    """Set and return the flags that make runs repeatable; recorded in every result file."""
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    torch.use_deterministic_algorithms(True, warn_only=True)
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
