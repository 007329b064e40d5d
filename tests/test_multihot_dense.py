"""harness.training.MultiHotDense equals the slides' one-model-per-seed way (vectorize_sequences,
then Dense) for every seed: the same initial parameters bit for bit, the same outputs, and the same
training trajectory to float rounding (as tests/test_training_families.py checks the other families)."""
import pytest
import torch

from harness.training.engine import TrainConfig, train
from harness.training.reference import train_one
from harness.training import Dropout, Linear, MultiHotDense, Net, ReLU, reference_noise

DEV = "cpu"
INIT = [11, 22, 33]
ORDER = [101, 202, 303]
NOISE = [7, 8, 9]
TOL = dict(rtol=1e-5, atol=1e-6)
DIM, IDS = 50, 9


def distinct_ids(n=48, seed=0):
    """(n, IDS) rows of distinct word ids in 1..DIM-1, sorted and 0-padded at the end (some rows
    short, one empty), as harness.recipes.text_recipes.distinct_padded builds them; labels 0/1."""
    g = torch.Generator().manual_seed(seed)
    X = torch.zeros(n, IDS, dtype=torch.long)
    for i in range(n):
        k = int(torch.randint(0, IDS + 1, (1,), generator=g)) if i else 0
        X[i, :k] = torch.randperm(DIM - 1, generator=g)[:k].sort().values + 1
    return X, torch.randint(0, 2, (n,), generator=g)


def net(init="torch", dropout=0.0):
    layers = [MultiHotDense(DIM, 6), ReLU()] + ([Dropout(dropout)] if dropout else []) + [Linear(2)]
    return Net((IDS,), layers, init=init)


def multi_hot(X):
    """The slides' vectorize_sequences on the distinct-id rows (id 0 is padding, never a word)."""
    v = torch.zeros(len(X), DIM, dtype=torch.float64).scatter_(1, X, 1.0)
    v[:, 0] = 0.0
    return v


@pytest.mark.parametrize("init", ["torch", "glorot_uniform"])
def test_each_seed_starts_where_its_dense_reference_starts_and_computes_the_same(init):
    spec = net(init)
    model = spec.build(INIT, device=DEV, dtype=torch.float64)
    X, _ = distinct_ids()
    XK = X.unsqueeze(0).expand(len(INIT), -1, -1)
    with torch.no_grad():
        first, out = model.blocks[0](XK), model(XK)
    for k, seed in enumerate(INIT):
        ref = spec.reference(seed, device=DEV).double()
        got, want = model.reference_state(k), ref.state_dict()
        assert got.keys() == want.keys()
        for name in want:
            assert torch.equal(got[name], want[name]), name                 # the same draws, bit for bit
        with torch.no_grad():
            torch.testing.assert_close(first[k], ref[0].linear(multi_hot(X)), rtol=1e-12, atol=1e-12)
            torch.testing.assert_close(out[k], ref(X), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("optimizer,dropout", [("sgd", 0.0), ("adam", 0.0), ("sgd", 0.3)])
def test_training_matches_the_per_seed_dense_loop(optimizer, dropout):
    spec = net(dropout=dropout)
    X, y = distinct_ids()
    cfg = TrainConfig(epochs=4, lr=0.05 if optimizer == "sgd" else 0.01, batch_size=8, optimizer=optimizer)
    model = spec.build(INIT, device=DEV)
    hist = train(model, X, y, cfg, ORDER, noise_seeds=NOISE)
    for k in range(len(INIT)):
        ref = spec.reference(INIT[k], device=DEV)
        reference_noise(NOISE[k])
        loss_ref = train_one(ref, X, y, cfg, ORDER[k])
        got, want = model.reference_state(k), ref.state_dict()
        for name in want:
            torch.testing.assert_close(got[name], want[name], **TOL, msg=lambda m: f"{name}: {m}")
        torch.testing.assert_close(hist.train_loss[k], torch.tensor(loss_ref, dtype=torch.float64), **TOL)
