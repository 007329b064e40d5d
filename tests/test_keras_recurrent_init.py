"""``LSTM/GRU/RNN(..., init="keras")`` starts where Keras 3 starts, and the batched net where its reference does.

Keras itself (Keras 3 on the torch backend, ``harness.recipes.keras_backend``) is the reference for the
distributions: its LSTM, GRU and SimpleRNN are built and their initial weights read; the harness's cells
declared ``init="keras"`` must show the same facts in PyTorch's layouts (Keras' kernel (F, G*H) is
``weight_ih`` (G*H, F) transposed, its recurrent kernel (H, G*H) is ``weight_hh`` transposed, its LSTM
bias is ``bias_ih + bias_hh``, its GRU bias (2, G*H) is ``(bias_ih, bias_hh)``):

* input weight: uniform on +-sqrt(6 / (F + G*H)) (Keras' glorot_uniform on its kernel's fans), checked by
  the range it fills and the Kolmogorov-Smirnov distance to that uniform;
* recurrent weight: orthogonal over the whole (H, G*H) matrix (rows orthonormal in Keras' layout,
  columns in PyTorch's), not per gate block;
* biases zero, except Keras' ``unit_forget_bias=True``: the LSTM's forget block is 1.
"""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from harness.recipes.keras_backend import keras
from harness.training import GRU, LSTM, RNN, Embedding, Linear, Net
from harness.training.engine import TrainConfig, train
from harness.training.reference import train_one

F, H, T = 48, 32, 5
GATES = {"lstm": 4, "gru": 3, "rnn": 1}
SPECS = {"lstm": LSTM, "gru": GRU, "rnn": RNN}


def KS_CRIT(n: int) -> float:
    """Kolmogorov-Smirnov critical value at alpha = 1e-4 for n values (as claims/keras/ checks Dense/Conv2D);
    six samples are checked, and Keras' own GRU kernel at seed 1234 sits at p ~ 6e-4 (seeds 1-3: p > 0.1)."""
    return 2.23 / math.sqrt(n)


def _ks_uniform(w: np.ndarray, limit: float) -> float:
    ws = np.sort(np.asarray(w, np.float64).ravel())
    cdf = np.clip((ws + limit) / (2 * limit), 0, 1)
    n = ws.size
    return float(np.max(np.maximum(np.arange(1, n + 1) / n - cdf, cdf - np.arange(n) / n)))


@pytest.fixture(scope="module")
def keras_cells():
    """Keras 3's initial (kernel, recurrent_kernel, bias) of LSTM, GRU and SimpleRNN, in Keras' layouts."""
    k = keras()
    k.utils.set_random_seed(1234)
    out = {}
    for name, layer in (("lstm", k.layers.LSTM(H)), ("gru", k.layers.GRU(H)), ("rnn", k.layers.SimpleRNN(H))):
        layer.build((None, T, F))
        cell = layer.cell
        out[name] = tuple(np.asarray(k.ops.convert_to_numpy(v), np.float64)
                          for v in (cell.kernel, cell.recurrent_kernel, cell.bias))
    return out


def _ours(name: str, seed: int = 5):
    """The harness's cell declared init="keras", as Keras' (kernel, recurrent_kernel, bias)."""
    net = Net((T, F), [SPECS[name](H, init="keras")], init="glorot_uniform")
    st = {n.split(".")[-1]: t.double().numpy() for n, t in net.build([seed], device="cpu").reference_state(0).items()}
    kernel, recurrent = st["weight_ih_l0"].T, st["weight_hh_l0"].T
    bias = st["bias_ih_l0"] + st["bias_hh_l0"] if name != "gru" else np.stack([st["bias_ih_l0"], st["bias_hh_l0"]])
    return kernel, recurrent, bias


@pytest.mark.parametrize("name", ["lstm", "gru", "rnn"])
def test_keras_and_declared_init_agree(keras_cells, name):
    g = GATES[name]
    limit = math.sqrt(6 / (F + g * H))                       # Keras' glorot on its (F, G*H) kernel
    for who, (kernel, recurrent, bias) in (("keras", keras_cells[name]), ("harness", _ours(name))):
        assert kernel.shape == (F, g * H) and recurrent.shape == (H, g * H), who
        # glorot_uniform input kernel: inside the limit, filling it, uniform by KS
        assert np.abs(kernel).max() <= limit and np.abs(kernel).max() > 0.99 * limit, who
        assert _ks_uniform(kernel, limit) < KS_CRIT(kernel.size), who
        # orthogonal recurrent kernel over the whole matrix: orthonormal rows in Keras' (H, G*H) layout
        np.testing.assert_allclose(recurrent @ recurrent.T, np.eye(H), atol=1e-5, err_msg=who)
        if g > 1:    # not per gate block: a single block is not orthogonal on its own
            block = recurrent[:, :H]
            assert np.abs(block @ block.T - np.eye(H)).max() > 0.1, who
        # biases: zero, and the LSTM's forget block 1 (unit_forget_bias=True)
        want = np.zeros(bias.shape)
        if name == "lstm":
            want[H:2 * H] = 1.0
        np.testing.assert_array_equal(bias, want, err_msg=who)


def test_keras_defaults_are_what_the_harness_claims(keras_cells):
    """The Keras layer configs name the initialisers the harness copies (so a Keras change is seen)."""
    k = keras()
    for layer in (k.layers.LSTM(H), k.layers.GRU(H), k.layers.SimpleRNN(H)):
        cfg = layer.get_config()
        assert cfg["kernel_initializer"]["class_name"] == "GlorotUniform"
        assert cfg["recurrent_initializer"]["class_name"] == "Orthogonal"
        assert cfg["recurrent_initializer"]["config"].get("gain", 1.0) == 1.0
        assert cfg["bias_initializer"]["class_name"] == "Zeros"
    assert k.layers.LSTM(H).get_config()["unit_forget_bias"] is True
    assert k.layers.GRU(H).get_config()["reset_after"] is True          # PyTorch's GRU form


def test_seeds_differ_and_repeat():
    a, b, a2 = _ours("lstm", 1), _ours("lstm", 2), _ours("lstm", 1)
    assert not np.array_equal(a[1], b[1]) and not np.array_equal(a[0], b[0])
    for x, y in zip(a, a2):
        np.testing.assert_array_equal(x, y)


# ---------------------------------------------------------------------------- batched == per seed
INIT, ORDER = [11, 22, 33], [101, 202, 303]


def _text_net(cell):
    return Net((7,), [Embedding(20, 5, padding_idx=0), LSTM(6, return_sequences=True, init="keras"), cell,
                      Linear(2)], init="glorot_uniform")


def _sentences(n=40, seed=0):
    g = torch.Generator().manual_seed(seed)
    X = torch.randint(1, 20, (n, 7), generator=g)
    return X, torch.randint(0, 2, (n,), generator=g)


@pytest.mark.parametrize("cell", [LSTM(4, init="keras"), GRU(4, init="keras"), RNN(4, init="keras"),
                                  RNN(4, nonlinearity="relu", init="keras")],
                         ids=["lstm", "gru", "rnn-tanh", "rnn-relu"])
def test_batched_starts_and_trains_as_its_reference(cell):
    spec = _text_net(cell)
    model = spec.build(INIT, device="cpu")
    refs = [spec.reference(s, device="cpu") for s in INIT]
    for k, ref in enumerate(refs):            # bit for bit at the start
        got, want = model.reference_state(k), ref.state_dict()
        assert got.keys() == want.keys()
        for n in want:
            assert torch.equal(got[n], want[n]), n
    X, y = _sentences()
    cfg = TrainConfig(epochs=2, lr=0.01, batch_size=16, optimizer="adam")
    hist = train(model, X, y, cfg, ORDER)
    for k, ref in enumerate(refs):
        loss_ref = train_one(ref, X, y, cfg, ORDER[k])
        torch.testing.assert_close(hist.train_loss[k], torch.tensor(loss_ref, dtype=torch.float64),
                                   rtol=1e-4, atol=2e-5)
        for n, t in ref.state_dict().items():
            torch.testing.assert_close(model.reference_state(k)[n], t, rtol=1e-4, atol=2e-5)


def test_keras_init_needs_a_glorot_net_and_a_known_name():
    torch_net = Net((7,), [Embedding(20, 5), LSTM(4, init="keras")])
    with pytest.raises(ValueError, match="glorot_uniform"):
        torch_net.build([1], device="cpu")
    with pytest.raises(ValueError, match="glorot_uniform"):
        torch_net.reference(1, device="cpu")(torch.zeros(2, 7, dtype=torch.long))
    with pytest.raises(ValueError, match="init"):
        LSTM(4, init="orthogonal")
    # without the declaration a glorot net's cell keeps plain glorot weights (no forget bias)
    st = Net((T, F), [LSTM(H)], init="glorot_uniform").build([1], device="cpu").reference_state(0)
    assert torch.count_nonzero(st["0.rnn.bias_ih_l0"]) == 0
