"""The batched engine trains K independent nets: each equals the documents' per-seed loop."""
import pytest
import torch

from harness.training.engine import BatchedMLP, TrainConfig, evaluate, outputs, train
from harness.training.reference import sequential, train_one

INIT = [11, 22, 33]
ORDER = [101, 202, 303]


def xor_data(n=120, seed=0):
    g = torch.Generator().manual_seed(seed)
    X = torch.randn(n, 4, generator=g)
    return X, (X[:, 0] * X[:, 1] > 0).long()


def reference_weights(layer_sizes, X, y, cfg, activation="relu"):
    """Train each seed the documents' way; return its first-layer weight (out, in) and loss history."""
    out = []
    for init, order in zip(INIT, ORDER):
        net = sequential(layer_sizes, init, activation)
        hist = train_one(net, X, y, cfg, order)
        out.append((net[0].weight.detach().clone(), net[-1].bias.detach().clone(), hist))
    return out


@pytest.mark.parametrize("cfg", [
    TrainConfig(epochs=4, lr=0.05, batch_size=32),                       # short last batch kept
    TrainConfig(epochs=4, lr=0.05, batch_size=32, drop_last=True),
    TrainConfig(epochs=3, lr=0.01, batch_size=16, optimizer="adam"),
    TrainConfig(epochs=3, lr=0.05, batch_size=None, momentum=0.9, weight_decay=1e-3),
    TrainConfig(epochs=3, lr=0.1, batch_size=25, loss="nll_softmax"),
], ids=["sgd", "sgd-drop-last", "adam", "fullbatch-momentum-wd", "nll-softmax"])
@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_batched_engine_matches_per_seed_loop(cfg, activation):
    X, y = xor_data()
    sizes = (4, 16, 8, 2)
    model = BatchedMLP(sizes, INIT, activation=activation, device="cpu")
    hist = train(model, X, y, cfg, ORDER)
    for k, (w_ref, b_ref, loss_ref) in enumerate(reference_weights(sizes, X, y, cfg, activation)):
        torch.testing.assert_close(model.weights[0][k].detach().T, w_ref, rtol=1e-5, atol=1e-6)
        torch.testing.assert_close(model.biases[-1][k, 0].detach(), b_ref, rtol=1e-5, atol=1e-6)
        torch.testing.assert_close(hist.train_loss[k], torch.tensor(loss_ref, dtype=torch.float64),
                                   rtol=1e-5, atol=1e-6)


def test_seeds_are_independent_of_their_batch_companions():
    """Seed k's run must not depend on which other seeds train beside it."""
    X, y = xor_data()
    cfg = TrainConfig(epochs=3, lr=0.05, batch_size=20)
    both = BatchedMLP((4, 8, 2), [1, 2], device="cpu")
    train(both, X, y, cfg, [5, 6])
    alone = BatchedMLP((4, 8, 2), [2], device="cpu")
    train(alone, X, y, cfg, [6])
    torch.testing.assert_close(both.weights[0][1], alone.weights[0][0], rtol=1e-5, atol=1e-6)


def test_per_seed_data_is_used_per_seed():
    X, y = xor_data(60)
    Xk = torch.stack([X, -X])                     # seed 1 sees mirrored inputs
    cfg = TrainConfig(epochs=2, lr=0.05, batch_size=10)
    batched = BatchedMLP((4, 8, 2), [1, 1], device="cpu")
    train(batched, Xk, torch.stack([y, y]), cfg, [3, 3])
    for k, data in enumerate((X, -X)):
        single = BatchedMLP((4, 8, 2), [1], device="cpu")
        train(single, data, y, cfg, [3])
        torch.testing.assert_close(batched.weights[0][k], single.weights[0][0], rtol=1e-5, atol=1e-6)


def test_different_seeds_give_different_inits_and_same_seed_same_init():
    a = BatchedMLP((3, 5, 2), [1, 2, 1], device="cpu")
    assert not torch.equal(a.weights[0][0], a.weights[0][1])
    assert torch.equal(a.weights[0][0], a.weights[0][2])


def test_dropout_only_in_training_and_inverted_scaling():
    m = BatchedMLP((3, 1000, 1), [0], dropout=0.5, device="cpu")
    h_in = torch.ones(1, 4, 3)
    m.eval()
    out_eval, hidden_eval = m(h_in, return_hidden=True)
    m.train()
    m.noise = torch.Generator().manual_seed(0)
    a = m(h_in)
    b = m(h_in)
    assert not torch.equal(a, b), "dropout masks should differ between calls in training mode"
    m.eval()
    torch.testing.assert_close(m(h_in), out_eval)


def test_evaluate_restores_mode_and_has_no_dropout():
    X, y = xor_data(50)
    m = BatchedMLP((4, 64, 2), [0, 1], dropout=0.9, device="cpu")
    m.train()
    first = evaluate(m, X, y)
    assert m.training
    torch.testing.assert_close(first, evaluate(m, X, y))
    assert outputs(m, X).shape == (2, 50, 2)


def test_bad_shapes_are_clear_errors():
    m = BatchedMLP((4, 8, 2), [0, 1], device="cpu")
    with pytest.raises(ValueError, match="order seeds"):
        train(m, *xor_data(), TrainConfig(epochs=1, lr=0.1), [1])
    with pytest.raises(ValueError, match="fits neither"):
        evaluate(m, torch.zeros(3, 10, 4), torch.zeros(10, dtype=torch.long))
