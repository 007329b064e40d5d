"""The residual family (``harness.training.Residual``, x + f(x)) equals one nn.Sequential per seed.

As in ``tests/test_training_families.py`` (whose helpers these tests use): seed k of the batched net starts exactly where
``net.reference(init_seeds[k])`` starts, and trained on the same data order (and dropout masks) it
ends at the same parameters and loss history to float rounding. A block whose f changes the shape is
an error when the Net is declared.
"""
import pytest
import torch

from harness.training import LSTM, Conv2d, Dropout, Embedding, Flatten, Linear, Net, ReLU, Residual, Tanh
from harness.training.engine import TrainConfig, outputs, train
from harness.training.residual import ResidualSequential
from tests.test_training_families import (ADAM_TOL, DEV, INIT, ORDER, TOL, assert_state_close,
                                          check_against_reference)

RESMLP = Net((10,), [Linear(8), ReLU(),
                     Residual([Linear(8), ReLU(), Linear(8)]), ReLU(),
                     Residual([Linear(8), Tanh(), Dropout(0.2), Linear(8)]), ReLU(),
                     Linear(3)])
RESCNN = Net((1, 8, 8), [Conv2d(3, 3, padding=1), ReLU(),
                         Residual([Conv2d(3, 3, padding=1), ReLU(), Conv2d(3, 3, padding=1)]), ReLU(),
                         Flatten(), Linear(3)])


def data(n=40, shape=(10,), classes=3, seed=0):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(n, *shape, generator=g), torch.randint(0, classes, (n,), generator=g)


@pytest.mark.parametrize("init", ["torch", "glorot_uniform"])
@pytest.mark.parametrize("spec", [RESMLP, RESCNN], ids=["mlp", "cnn"])
def test_each_seed_starts_where_its_reference_starts_and_computes_the_same(spec, init):
    spec = Net(spec.input_shape, spec.layers, init=init)
    model = spec.build(INIT, device=DEV)
    X, _ = data(shape=spec.input_shape)
    out = outputs(model, X)
    for k, seed in enumerate(INIT):
        ref = spec.reference(seed, device=DEV)
        assert isinstance(ref[2], ResidualSequential)
        assert_state_close(model, k, ref, rtol=0, atol=0)
        ref.eval()
        with torch.no_grad():
            torch.testing.assert_close(out[k], ref(X), **TOL)
    assert "2.0.weight" in model.reference_state(0)
    assert not torch.equal(model.reference_state(0)["2.0.weight"], model.reference_state(1)["2.0.weight"])


@pytest.mark.parametrize("spec,shape,cfg,tol", [
    (RESMLP, (10,), TrainConfig(epochs=2, lr=0.05, batch_size=8, momentum=0.9), TOL),
    (RESMLP, (10,), TrainConfig(epochs=2, lr=0.01, batch_size=12, optimizer="adam", weight_decay=1e-3), ADAM_TOL),
    (RESCNN, (1, 8, 8), TrainConfig(epochs=2, lr=0.05, batch_size=16), TOL),
], ids=["mlp-sgd-dropout", "mlp-adam", "cnn-sgd"])
def test_residual_nets_match_the_per_seed_loop(spec, shape, cfg, tol):
    check_against_reference(spec, *data(shape=shape), cfg, tol=tol)


def test_the_skip_is_there():
    """A block whose f outputs zero is the identity (its last Linear zeroed): x + 0 = x."""
    spec = Net((4,), [Residual([Linear(4), ReLU(), Linear(4)])])
    model = spec.build([1, 2], device=DEV)
    with torch.no_grad():
        model.blocks[0].blocks[-1].weight.zero_()
        model.blocks[0].blocks[-1].bias.zero_()
    X, _ = data(n=5, shape=(4,))
    torch.testing.assert_close(outputs(model, X), X.expand(2, 5, 4), rtol=0, atol=0)


def test_shape_mismatch_and_bad_blocks_are_clear_errors_at_declaration():
    with pytest.raises(ValueError, match=r"residual block maps \(8,\) to \(4,\): x \+ f\(x\) needs f to keep"):
        Net((10,), [Linear(8), Residual([Linear(8), ReLU(), Linear(4)]), Linear(3)])
    with pytest.raises(ValueError, match=r"layer 1 Residual\(\[Conv2d"):
        Net((1, 8, 8), [Conv2d(3, 3, padding=1), Residual([Conv2d(3, 3)])])      # 8x8 -> 6x6
    with pytest.raises(ValueError, match="at least one inner layer"):
        Residual([])
    with pytest.raises(TypeError, match="not a layer spec"):
        Residual([torch.nn.Linear(3, 3)])
    with pytest.raises(ValueError, match="not supported"):
        Net((5,), [Embedding(20, 4), LSTM(4, return_sequences=True),
                   Residual([Linear(4)]), Flatten(), Linear(2)]).build([1], device=DEV)


def test_dropout_inside_a_block_needs_noise_seeds():
    model = RESMLP.build(INIT, device=DEV)
    assert RESMLP.stochastic
    with pytest.raises(ValueError, match="noise_seeds"):
        train(model, *data(), TrainConfig(epochs=1, lr=0.1, batch_size=8), ORDER)
