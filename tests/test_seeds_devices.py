"""Seeds depend only on (global seed, claim id, index); workers bind to GPUs by index."""
import os

import pytest
import torch

from harness import device
from harness.seeds import derive_seed, substream


def test_seed_is_a_function_of_global_claim_and_index_only():
    assert derive_seed(1, "a", 0) == derive_seed(1, "a", 0)
    values = {derive_seed(g, c, i) for g in (1, 2) for c in ("a", "b") for i in range(5)}
    assert len(values) == 20
    assert 0 <= derive_seed(1, "a", 0) < 2**63


def test_worker_id_does_not_enter_the_seed(monkeypatch):
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw0")
    s0 = derive_seed(7, "claim", 3)
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw5")
    assert derive_seed(7, "claim", 3) == s0


def test_substreams_differ():
    assert substream(5, "init") != substream(5, "order")


@pytest.mark.parametrize("worker,visible,expected", [
    ("gw0", "3,5", "3"), ("gw1", "3,5", "5"), ("gw2", "3,5", "3"), ("gw3", "0", "0")])
def test_worker_binds_to_one_gpu_from_the_callers_list(monkeypatch, worker, visible, expected):
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", visible)
    threads = torch.get_num_threads()
    try:
        info = device.bind_worker(worker)
    finally:
        torch.set_num_threads(threads)
    assert os.environ["CUDA_VISIBLE_DEVICES"] == expected
    assert info["cpu_threads"] == 1


def test_no_binding_outside_xdist(monkeypatch):
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "2,3")
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    threads = torch.get_num_threads()
    try:
        device.bind_worker(None)
    finally:
        torch.set_num_threads(threads)
    assert os.environ["CUDA_VISIBLE_DEVICES"] == "2,3"


def test_cuda_request_without_cuda_is_a_clear_error():
    if torch.cuda.is_available():
        pytest.skip("CUDA present")
    with pytest.raises(RuntimeError, match="no CUDA"):
        device.resolve_device("cuda")
    assert device.resolve_device("auto").type == "cpu"
    with pytest.raises(ValueError):
        device.resolve_device("tpu")


def test_determinism_flags_are_recorded():
    flags = device.set_determinism()
    assert flags["use_deterministic_algorithms"] is True
    assert flags["cuda_matmul_allow_tf32"] is False
