"""Every batched layer family equals the documents' one-model-per-seed loop (harness.training.reference).

Seed k of a batched net must start from the same parameters as ``net.reference(init_seeds[k])``
(bit for bit: the same nn.init calls on the same generator states), draw the same dropout masks
and reparameterisation noise, see the same data order, and so end training at the same parameters
and loss history to float rounding. Sizes are tiny: the arithmetic, not the scale, is under test.
"""
import pytest
import torch

from harness.training.engine import TrainConfig, evaluate, outputs, train
from harness.training.reference import train_gan_one, train_one
from harness.training import (GRU, LSTM, RNN, VAE, Act, Conv1d, Conv2d, ConvTranspose2d, Dropout,
                              Embedding, Flatten, Linear, MaxPool1d, MaxPool2d, Net, ReLU, Tanh,
                              Unflatten, reference_noise, train_gan, vae_loss)

DEV = "cpu"
INIT = [11, 22, 33]
ORDER = [101, 202, 303]
NOISE = [7, 8, 9]
TOL = dict(rtol=1e-5, atol=1e-6)
ADAM_TOL = dict(rtol=1e-4, atol=2e-5)      # Adam's step ~ lr*sign(g) amplifies rounding of tiny g

CNN = Net((1, 12, 12), [Conv2d(4, 3), ReLU(), MaxPool2d(2), Conv2d(6, 3, padding=1), ReLU(),
                        Dropout(0.25), Flatten(), Linear(16), Tanh(), Dropout(0.5), Linear(3)])
CNN1D = Net((2, 20), [Conv1d(4, 5, stride=2), ReLU(), MaxPool1d(2), Flatten(), Linear(3)])
DECONV_AE = Net((1, 8, 8), [Conv2d(3, 3, stride=2, padding=1), ReLU(), Flatten(), Linear(6), ReLU(),
                            Linear(3 * 4 * 4), Unflatten((3, 4, 4)),
                            ConvTranspose2d(1, 3, stride=2, padding=1, output_padding=1)])


def text_net(cell, init="torch"):
    return Net((7,), [Embedding(20, 5, padding_idx=0), LSTM(6, return_sequences=True), Dropout(0.2),
                      cell, Linear(2)], init=init)


def images(n=40, shape=(1, 12, 12), classes=3, seed=0):
    g = torch.Generator().manual_seed(seed)
    return torch.rand(n, *shape, generator=g), torch.randint(0, classes, (n,), generator=g)


def sentences(n=40, seed=0):
    """Token ids 1..19 left-padded with 0 (Keras' pad_sequences default) to length 7."""
    g = torch.Generator().manual_seed(seed)
    X = torch.randint(1, 20, (n, 7), generator=g)
    lengths = torch.randint(2, 8, (n,), generator=g)
    X[torch.arange(7).expand(n, 7) < (7 - lengths).unsqueeze(1)] = 0
    return X, torch.randint(0, 2, (n,), generator=g)


def assert_state_close(batched, k, ref, **tol):
    want = ref.state_dict()
    got = batched.reference_state(k)
    assert got.keys() == want.keys()
    for name in want:
        torch.testing.assert_close(got[name], want[name], **tol, msg=lambda m: f"{name}: {m}")


def check_against_reference(spec, X, y, cfg, target_dims=0, tol=TOL):
    model = spec.build(INIT, device=DEV, target_dims=target_dims)
    hist = train(model, X, y, cfg, ORDER, noise_seeds=NOISE)
    for k in range(len(INIT)):
        ref = spec.reference(INIT[k], device=DEV)
        reference_noise(NOISE[k])
        loss_ref = train_one(ref, X, y, cfg, ORDER[k])
        assert_state_close(model, k, ref, **tol)
        torch.testing.assert_close(hist.train_loss[k], torch.tensor(loss_ref, dtype=torch.float64), **tol)
    return model


# ---------------------------------------------------------------------------- initialisation
@pytest.mark.parametrize("init", ["torch", "glorot_uniform"])
@pytest.mark.parametrize("name,spec", [
    ("cnn", CNN), ("cnn1d", CNN1D), ("deconv", DECONV_AE),
    ("lstm", text_net(LSTM(4))), ("gru", text_net(GRU(4))), ("rnn", text_net(RNN(4, nonlinearity="relu"))),
])
def test_each_seed_starts_exactly_where_its_reference_starts(name, spec, init):
    spec = Net(spec.input_shape, spec.layers, init=init)
    model = spec.build(INIT, device=DEV)
    for k, seed in enumerate(INIT):
        assert_state_close(model, k, spec.reference(seed, device=DEV), rtol=0, atol=0)
    assert not torch.equal(model.reference_state(0)["0.weight"], model.reference_state(1)["0.weight"])


def test_glorot_is_kerass_limit_with_zero_bias():
    spec = Net((50,), [Linear(30)], init="glorot_uniform")
    w = spec.build([1], device=DEV).reference_state(0)
    limit = (6 / (50 + 30)) ** 0.5
    assert w["0.weight"].abs().max() <= limit and w["0.weight"].abs().max() > 0.9 * limit
    assert torch.count_nonzero(w["0.bias"]) == 0


def test_padding_row_is_zero_and_stays_zero():
    X, y = sentences()
    spec = Net((7,), [Embedding(20, 5, padding_idx=0), Flatten(), Linear(2)], init="glorot_uniform")
    model = spec.build(INIT, device=DEV)
    train(model, X, y, TrainConfig(epochs=2, lr=0.1, batch_size=8, optimizer="adam"), ORDER)
    assert torch.count_nonzero(model.reference_state(1)["0.weight"][0]) == 0


# ---------------------------------------------------------------------------- training equals the loop
@pytest.mark.parametrize("cfg,tol", [
    (TrainConfig(epochs=2, lr=0.05, batch_size=16), TOL),
    (TrainConfig(epochs=2, lr=0.01, batch_size=12, optimizer="adam", weight_decay=1e-3), ADAM_TOL),
], ids=["sgd", "adam-wd"])
def test_conv_net_with_dropout_matches_per_seed_loop(cfg, tol):
    check_against_reference(CNN, *images(), cfg, tol=tol)


def test_conv1d_net_matches_per_seed_loop():
    X, y = images(shape=(2, 20))
    check_against_reference(CNN1D, X, y, TrainConfig(epochs=2, lr=0.05, batch_size=10, momentum=0.9))


def test_conv_transpose_autoencoder_matches_per_seed_loop():
    X, _ = images(shape=(1, 8, 8))
    check_against_reference(DECONV_AE, X, X, TrainConfig(epochs=2, lr=0.1, batch_size=8, loss="mse"),
                            target_dims=3)


@pytest.mark.parametrize("cell", [LSTM(4), GRU(4), RNN(4), RNN(4, nonlinearity="relu")],
                         ids=["lstm", "gru", "rnn-tanh", "rnn-relu"])
def test_text_nets_on_padded_sentences_match_per_seed_loop(cell):
    check_against_reference(text_net(cell), *sentences(),
                            TrainConfig(epochs=2, lr=0.1, batch_size=16, momentum=0.5))


def test_glorot_lstm_with_adam_matches_per_seed_loop():
    check_against_reference(text_net(LSTM(4), init="glorot_uniform"), *sentences(),
                            TrainConfig(epochs=2, lr=0.01, batch_size=16, optimizer="adam"), tol=ADAM_TOL)


VAE_SPEC = VAE(encoder=Net((1, 8, 8), [Flatten(), Linear(16), ReLU(), Dropout(0.1), Linear(2 * 3)]),
               latent=3,
               decoder=Net((3,), [Linear(2 * 4 * 4), ReLU(), Unflatten((2, 4, 4)),
                                  ConvTranspose2d(1, 2, stride=2)]))


def test_vae_composite_loss_matches_per_seed_loop():
    X, _ = images(shape=(1, 8, 8))
    cfg = TrainConfig(epochs=2, lr=0.01, batch_size=8, optimizer="adam", loss=vae_loss)
    model = VAE_SPEC.build(INIT, device=DEV)
    for k in range(len(INIT)):
        assert_state_close(model, k, VAE_SPEC.reference(INIT[k], device=DEV), rtol=0, atol=0)
    hist = train(model, X, X, cfg, ORDER, noise_seeds=NOISE)
    for k in range(len(INIT)):
        ref = VAE_SPEC.reference(INIT[k], device=DEV)
        reference_noise(NOISE[k])
        loss_ref = train_one(ref, X, X, cfg, ORDER[k])
        assert_state_close(model, k, ref, **ADAM_TOL)
        torch.testing.assert_close(hist.train_loss[k], torch.tensor(loss_ref, dtype=torch.float64), **ADAM_TOL)
    recon, mu, _ = outputs(model, X)
    assert recon.shape == (3, 40, 1, 8, 8) and mu.shape == (3, 40, 3)
    model.eval_chunk = 16                                    # chunked evaluation of a tuple output
    torch.testing.assert_close(outputs(model, X)[0], recon, rtol=1e-6, atol=1e-7)


def test_vae_needs_noise_seeds():
    X, _ = images(shape=(1, 8, 8))
    with pytest.raises(ValueError, match="noise_seeds"):
        train(VAE_SPEC.build(INIT, device=DEV), X, X, TrainConfig(epochs=1, lr=0.1, loss=vae_loss), ORDER)


G_SPEC = Net((4,), [Linear(16), ReLU(), Linear(2 * 4 * 4), Unflatten((2, 4, 4)),
                    ConvTranspose2d(1, 2, stride=2), Act("sigmoid")])
D_SPEC = Net((1, 8, 8), [Conv2d(4, 3, stride=2, padding=1), Act("leaky_relu"), Dropout(0.3), Flatten(),
                         Linear(1)])


@pytest.mark.parametrize("noise", ["normal", "uniform"])
def test_gan_alternating_steps_match_per_seed_loop(noise):
    X, _ = images(n=32, shape=(1, 8, 8))
    cfg_d = TrainConfig(epochs=2, lr=2e-3, batch_size=8, optimizer="adam", optimizer_kwargs={"betas": (0.5, 0.999)})
    cfg_g = TrainConfig(epochs=2, lr=2e-3, batch_size=8, optimizer="adam", optimizer_kwargs={"betas": (0.5, 0.999)})
    G, D = G_SPEC.build(INIT, device=DEV), D_SPEC.build([i + 1 for i in INIT], device=DEV)
    hist = train_gan(G, D, X, cfg_d, cfg_g, ORDER, NOISE, noise=noise)
    for k in range(len(INIT)):
        g_ref, d_ref = G_SPEC.reference(INIT[k], device=DEV), D_SPEC.reference(INIT[k] + 1, device=DEV)
        reference_noise(NOISE[k])
        d_loss, g_loss = train_gan_one(g_ref, d_ref, X, cfg_d, cfg_g, ORDER[k], (4,), noise=noise)
        assert_state_close(G, k, g_ref, **ADAM_TOL)
        assert_state_close(D, k, d_ref, **ADAM_TOL)
        torch.testing.assert_close(hist.d_loss[k], torch.tensor(d_loss, dtype=torch.float64), **ADAM_TOL)
        torch.testing.assert_close(hist.g_loss[k], torch.tensor(g_loss, dtype=torch.float64), **ADAM_TOL)


def test_gan_noise_kinds():
    from harness.training.generative import draw_noise
    z = draw_noise((200_000,), torch.Generator().manual_seed(0), DEV, "uniform")
    assert z.abs().max() <= 3 ** 0.5 and abs(z.mean()) < 0.01 and abs(z.var() - 1) < 0.01
    assert torch.equal(draw_noise((5, 2), torch.Generator().manual_seed(1), DEV),
                       torch.randn(5, 2, generator=torch.Generator().manual_seed(1)))
    with pytest.raises(ValueError, match="noise 'cauchy'"):
        train_gan(G_SPEC.build(INIT, device=DEV), D_SPEC.build(INIT, device=DEV), images(n=8, shape=(1, 8, 8))[0],
                  TrainConfig(epochs=1, lr=0.1), TrainConfig(epochs=1, lr=0.1), ORDER, NOISE, noise="cauchy")


# ---------------------------------------------------------------------------- independence, modes, errors
@pytest.mark.parametrize("name,spec,data", [
    ("cnn", CNN, images), ("lstm", text_net(LSTM(4)), sentences),
], ids=["cnn", "lstm"])
def test_changing_seed_ks_data_changes_only_model_k(name, spec, data):
    X, y = data()
    X2, _ = data(seed=1)
    cfg = TrainConfig(epochs=1, lr=0.05, batch_size=10)
    base = spec.build(INIT, device=DEV)
    train(base, torch.stack([X, X, X]), torch.stack([y, y, y]), cfg, ORDER, noise_seeds=NOISE)
    changed = spec.build(INIT, device=DEV)
    train(changed, torch.stack([X, X2, X]), torch.stack([y, y, y]), cfg, ORDER, noise_seeds=NOISE)
    for k in range(3):
        a, b = base.reference_state(k), changed.reference_state(k)
        same = all(torch.equal(a[n], b[n]) for n in a)
        assert same == (k != 1), f"model {k}"


def test_a_seeds_run_does_not_depend_on_its_companions():
    X, y = images()
    cfg = TrainConfig(epochs=1, lr=0.05, batch_size=10)
    trio = CNN.build(INIT, device=DEV)
    train(trio, X, y, cfg, ORDER, noise_seeds=NOISE)
    alone = CNN.build(INIT[2:], device=DEV)
    train(alone, X, y, cfg, ORDER[2:], noise_seeds=NOISE[2:])
    for n, t in alone.reference_state(0).items():
        torch.testing.assert_close(trio.reference_state(2)[n], t, **TOL)


def test_dropout_masks_are_per_seed_and_absent_in_eval():
    spec = Net((200,), [Dropout(0.5)])
    m = spec.build([0, 0], device=DEV)
    m.seed_noise([1, 2])
    x = torch.ones(2, 3, 200)
    out = m(x)
    assert not torch.equal(out[0], out[1])
    assert set(out.unique().tolist()) <= {0.0, 2.0}
    m.eval()
    assert torch.equal(m(x), x)


def test_evaluate_in_chunks_equals_one_pass_and_shapes():
    X, y = images(n=50)
    m = CNN.build(INIT, device=DEV)
    whole = outputs(m, X)
    m.eval_chunk = 7
    torch.testing.assert_close(outputs(m, X), whole, rtol=1e-6, atol=1e-7)
    assert whole.shape == (3, 50, 3)
    assert evaluate(m, X, y).shape == (3,)
    assert m.n_parameters() == sum(p.numel() for p in CNN.reference(0, device=DEV).parameters())


def test_bad_declarations_and_calls_are_clear_errors():
    with pytest.raises(ValueError, match="layer 1"):
        Net((1, 4, 4), [Conv2d(2, 3), Conv2d(2, 3)])
    with pytest.raises(ValueError, match="unknown init"):
        Net((3,), [Linear(2)], init="he")
    with pytest.raises(ValueError, match="needs \\(T, F\\)"):
        Net((3,), [LSTM(2)])
    with pytest.raises(ValueError, match="noise_seeds"):
        train(CNN.build(INIT, device=DEV), *images(), TrainConfig(epochs=1, lr=0.1), ORDER)
    with pytest.raises(ValueError, match="expected \\(3, B, 1, 12, 12\\)"):
        CNN.build(INIT, device=DEV)(torch.zeros(3, 2, 12, 12))
    with pytest.raises(ValueError, match="explicit device"):
        CNN.build(INIT, device=None)



# ---------------------------------------------------------------------------- opt-in fast FFN path
@pytest.mark.parametrize("cfg", [
    TrainConfig(epochs=3, lr=0.05, batch_size=32),
    TrainConfig(epochs=3, lr=0.05, batch_size=32, weight_decay=1e-2, drop_last=True),
    TrainConfig(epochs=3, lr=0.01, batch_size=16, optimizer="adam"),
    TrainConfig(epochs=3, lr=0.01, batch_size=16, optimizer="adam", weight_decay=1e-2,
                optimizer_kwargs={"betas": (0.8, 0.99), "eps": 1e-6}),
], ids=["sgd", "sgd-wd-drop-last", "adam", "adam-wd-betas"])
@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
def test_fast_ffn_matches_per_seed_loop(cfg, activation):
    from harness.training.engine import BatchedMLP
    from harness.training.reference import sequential
    from harness.training.fast_ffn import train_fast
    g = torch.Generator().manual_seed(0)
    X = torch.randn(120, 4, generator=g)
    y = (X[:, 0] * X[:, 1] > 0).long() + (X[:, 2] > 1).long()
    sizes = (4, 16, 8, 3)
    model = BatchedMLP(sizes, INIT, activation=activation, device=DEV)
    hist = train_fast(model, X, y, cfg, ORDER, eval_sets={"train": (X, y)})
    for k in range(len(INIT)):
        net = sequential(sizes, INIT[k], activation)
        loss_ref = train_one(net, X, y, cfg, ORDER[k])
        torch.testing.assert_close(model.weights[0][k].T, net[0].weight.detach(), **TOL)
        torch.testing.assert_close(model.biases[-1][k, 0], net[-1].bias.detach(), **TOL)
        torch.testing.assert_close(hist.train_loss[k], torch.tensor(loss_ref, dtype=torch.float64), **TOL)
    assert hist.final("train").shape == (3,) and hist.steps == 3 * (120 // 32 if cfg.drop_last else -(-120 // cfg.batch_size))


@pytest.mark.parametrize("loss", ["nll_log_softmax", "nll_softmax", "cross_entropy_after_softmax"])
@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_fast_ffn_other_losses_match_per_seed_loop(loss, optimizer):
    """Losses other than cross_entropy take their output gradient from autograd on the outputs:
    the engine's loss functions, so 002's recipe variants (softmax into NLLLoss, ...) run here too."""
    from harness.training.engine import BatchedMLP
    from harness.training.reference import sequential
    from harness.training.fast_ffn import train_fast
    g = torch.Generator().manual_seed(1)
    X = torch.randn(96, 5, generator=g)
    y = (X[:, 0] > 0).long() + (X[:, 1] > 0.5).long()
    cfg = TrainConfig(epochs=3, lr=0.05 if optimizer == "sgd" else 0.01, batch_size=16, optimizer=optimizer,
                      loss=loss, drop_last=True)
    sizes = (5, 12, 3)
    model = BatchedMLP(sizes, INIT, bias=True, device=DEV)
    hist = train_fast(model, X, y, cfg, ORDER)
    tol = TOL if optimizer == "sgd" else ADAM_TOL
    for k in range(len(INIT)):
        net = sequential(sizes, INIT[k], "relu")
        loss_ref = train_one(net, X, y, cfg, ORDER[k])
        torch.testing.assert_close(model.weights[0][k].T, net[0].weight.detach(), **tol)
        torch.testing.assert_close(hist.train_loss[k], torch.tensor(loss_ref, dtype=torch.float64), **tol)


def test_on_epoch_end_sees_the_same_parameters_in_both_loops():
    """The hook runs after each epoch's steps, in engine.train and in the fast path alike."""
    from harness.training.engine import BatchedMLP
    from harness.training.fast_ffn import train_fast
    g = torch.Generator().manual_seed(2)
    X = torch.randn(64, 4, generator=g)
    y = (X[:, 0] > 0).long()
    seen = {"engine": [], "fast": []}
    for name, loop in (("engine", train), ("fast", train_fast)):
        cfg = TrainConfig(epochs=3, lr=0.1, batch_size=16, loss="nll_log_softmax",
                          on_epoch_end=lambda m, e, name=name: seen[name].append((e, m.weights[0].detach().clone())))
        loop(BatchedMLP((4, 6, 2), INIT, device=DEV), X, y, cfg, ORDER)
    assert [e for e, _ in seen["engine"]] == [e for e, _ in seen["fast"]] == [1, 2, 3]
    for (_, a), (_, b) in zip(seen["engine"], seen["fast"]):
        torch.testing.assert_close(a, b, **TOL)
    assert not torch.equal(seen["engine"][0][1], seen["engine"][-1][1])


def test_fast_ffn_refuses_what_it_does_not_implement():
    from harness.training.engine import BatchedMLP
    from harness.training.fast_ffn import train_fast
    X, y = torch.zeros(8, 4), torch.zeros(8, dtype=torch.long)
    with pytest.raises(ValueError, match="momentum.*use harness.training.engine.train"):
        train_fast(BatchedMLP((4, 3, 2), [1], device=DEV), X, y, TrainConfig(epochs=1, lr=0.1, momentum=0.9), [1])
    with pytest.raises(ValueError, match="dropout"):
        train_fast(BatchedMLP((4, 3, 2), [1], dropout=0.5, device=DEV), X, y, TrainConfig(epochs=1, lr=0.1), [1])
    with pytest.raises(ValueError, match="loss 'hinge'"):
        train_fast(BatchedMLP((4, 3, 2), [1], device=DEV), X, y, TrainConfig(epochs=1, lr=0.1, loss="hinge"), [1])
    with pytest.raises(ValueError, match="after_backward"):
        train_fast(BatchedMLP((4, 3, 2), [1], device=DEV), X, y,
                   TrainConfig(epochs=1, lr=0.1, after_backward=lambda m, e, s: None), [1])


@pytest.mark.parametrize("loss", ["nll_log_softmax", "nll_softmax", "cross_entropy_after_softmax",
                                  "nll_log_of_softmax"])
def test_fast_ffn_written_out_heads_are_autograds_gradient_bit_for_bit(loss):
    """The fast path's written-out loss heads run autograd's own ops: same loss and dL/dz, bit for bit
    (NaN where autograd gives NaN), so switching a loss from the autograd head to its written-out one
    changes no trained number."""
    from harness.training.engine import LOSSES
    from harness.training.fast_ffn import _HEADS
    g = torch.Generator().manual_seed(3)
    for K, B, C in [(12, 32, 10), (3, 16, 3), (5, 7, 10)]:
        for scale in (1.0, 11.0, 60.0):                       # 60: softmax underflows for log-of-softmax
            z = torch.randn(K, B, C, generator=g) * scale
            y = torch.randint(0, C, (K, B), generator=g)
            zr = z.clone().requires_grad_(True)
            want_loss = LOSSES[loss](zr, y)
            (want_grad,) = torch.autograd.grad(want_loss.sum(), zr)
            got_loss, got_grad = _HEADS[loss](z, y)
            torch.testing.assert_close(got_loss, want_loss.detach(), rtol=0, atol=0, equal_nan=True)
            torch.testing.assert_close(got_grad, want_grad, rtol=0, atol=0, equal_nan=True)
