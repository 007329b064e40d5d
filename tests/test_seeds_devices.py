"""Seeds depend only on (global seed, claim id, index); workers bind to GPUs by index."""
import os

import pytest
import torch

from harness.running import device
from harness.running.seeds import derive_seed, substream


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


@pytest.fixture
def clean_binding(monkeypatch):
    """Each test starts unbound and restores the thread count it found."""
    monkeypatch.delenv(device.ENV_BOUND_GPU, raising=False)
    threads = torch.get_num_threads()
    yield monkeypatch
    torch.set_num_threads(threads)


@pytest.mark.parametrize("worker,visible,expected", [
    ("gw0", "3,5", "3"), ("gw1", "3,5", "5"), ("gw2", "3,5", "3"), ("gw3", "0", "0")])
def test_worker_binds_to_one_gpu_from_the_callers_list(clean_binding, worker, visible, expected):
    clean_binding.setenv("CUDA_VISIBLE_DEVICES", visible)
    info = device.bind_worker(worker, device="cuda")
    assert os.environ["CUDA_VISIBLE_DEVICES"] == expected
    assert os.environ[device.ENV_BOUND_GPU] == expected
    assert info["cpu_threads"] == 1


def test_unset_visible_devices_enumerates_gpus_without_cuda(clean_binding):
    """A multi-GPU host with CUDA_VISIBLE_DEVICES unset: workers spread over all GPUs, not cuda:0."""
    clean_binding.delenv("CUDA_VISIBLE_DEVICES", raising=False)
    clean_binding.setattr(torch.cuda, "device_count", lambda: 4)
    clean_binding.setattr(torch.backends.cuda, "is_built", lambda: True)
    chosen = []
    for w in ("gw0", "gw1", "gw2", "gw3", "gw4"):
        clean_binding.delenv("CUDA_VISIBLE_DEVICES", raising=False)
        clean_binding.delenv(device.ENV_BOUND_GPU, raising=False)
        device.bind_worker(w, device="cuda")
        chosen.append(os.environ["CUDA_VISIBLE_DEVICES"])
    assert chosen == ["0", "1", "2", "3", "0"]


def test_cuda_ordinal_names_a_gpu_of_the_callers_list(clean_binding):
    """--claims-device=cuda:1 under xdist: every worker binds to that GPU, which it then sees as cuda:0."""
    clean_binding.setenv("CUDA_VISIBLE_DEVICES", "4,6")
    device.bind_worker("gw3", device="cuda:1")
    assert os.environ["CUDA_VISIBLE_DEVICES"] == "6"
    clean_binding.setenv("CUDA_VISIBLE_DEVICES", "4,6")
    clean_binding.delenv(device.ENV_BOUND_GPU)
    with pytest.raises(RuntimeError, match="only 2 GPU"):
        device.bind_worker("gw0", device="cuda:2")


def test_cpu_runs_never_touch_cuda_visibility(clean_binding):
    clean_binding.setenv("CUDA_VISIBLE_DEVICES", "2,3")
    device.bind_worker("gw1", device="cpu")
    assert os.environ["CUDA_VISIBLE_DEVICES"] == "2,3"
    assert device.ENV_BOUND_GPU not in os.environ


def test_no_binding_outside_xdist(clean_binding):
    clean_binding.setenv("CUDA_VISIBLE_DEVICES", "2,3")
    clean_binding.delenv("PYTEST_XDIST_WORKER", raising=False)
    device.bind_worker(None, device="cuda")
    assert os.environ["CUDA_VISIBLE_DEVICES"] == "2,3"


def test_auto_workers_per_gpu_not_per_core(monkeypatch):
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "0")
    assert device.auto_workers("cuda", cpu_count=16) == device.WORKERS_PER_GPU
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "0,1,2,3,4,5,6,7,8,9")
    assert device.auto_workers("auto", cpu_count=16) == 16        # never more than the cores
    assert device.auto_workers("cpu", cpu_count=16) == 16


def test_clock_measures_cpu_time_on_cpu():
    with device.Clock("cpu") as c:
        sum(i * i for i in range(200_000))
    assert c.kind == "cpu process time" and 0 < c.seconds < 10


def test_models_record_the_device_they_were_built_on():
    from harness.training.engine import BatchedMLP, devices_used, reset_devices_used
    reset_devices_used()
    BatchedMLP((2, 3, 1), [0], device="cpu")
    assert devices_used() == {"cpu"}
    reset_devices_used()
    assert devices_used() == set()


def test_models_take_their_device_from_the_caller():
    """No default: a call that forgets the run's device is a TypeError, not a silent CPU model."""
    from harness.training.engine import BatchedMLP
    with pytest.raises(TypeError, match="device"):
        BatchedMLP((2, 3, 1), [0])


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
    assert flags["deterministic_warn_only"] is False         # enforced, so the record is true
    assert flags["cuda_matmul_allow_tf32"] is False


def test_a_claim_that_trains_elsewhere_than_its_result_names_fails():
    import torch as _torch
    from harness.training.engine import note_device, reset_devices_used
    from harness.running.runner import ExperimentError, _check_devices
    reset_devices_used()
    note_device("cpu")
    _check_devices("x", _torch.device("cpu"))                     # the run's own device: fine
    note_device("cuda:0")                                           # a model left on another device
    with pytest.raises(ExperimentError, match="device=ctx.device"):
        _check_devices("x", _torch.device("cpu"))
    reset_devices_used()
    note_device("cpu")
    with pytest.raises(ExperimentError, match=r"\['cpu'\]"):      # CPU numbers filed as a CUDA result
        _check_devices("x", _torch.device("cuda:0"))
    reset_devices_used()
