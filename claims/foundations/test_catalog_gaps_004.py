"""Document 004 (Frank Kane's TensorFlow/Keras course): catalogued statements that no claim covered
before the catalog-coverage review (``scripts/catalog_coverage.py``, ``docs/catalog-coverage.md``).

Lectures 7-8 (file lines 8-9): what the low-level training loop's 3,000 iterations are, and how much
the initial weights matter. Lecture 11 (line 12): a convolution finds a pattern wherever it is (in an
image and in a token sequence), and "as many layers as you want". Lectures 19-20 (lines 20-21): an
autoencoder's compression, denoising, what the VAE's KL term compares, and what the decoder's two
inputs are. Plus the statements of these lectures that cannot be executed here, with the reason.

Data: scikit-learn's 8x8 digits (the offline stand-in for MNIST and Fashion-MNIST, pixels / 16) where
a network is trained; random tensors where a property of the layers is checked; the course's VAE as
``harness.recipes.generative_measures.conv_vae`` builds it.
"""
import itertools
import math

import numpy as np
import torch

from harness.declaring.claim import Claim, Kind, Source, Unexecutable, Verdict
from harness.training.engine import BatchedMLP, TrainConfig, evaluate, outputs, train
from harness.training.experiments import fit
from harness.recipes.generative_measures import BetaVAELoss, conv_vae, sample_gan, vae_terms
from harness.recipes.tabular_sets import digits_sets
from harness.recipes.kane_recipes import keras_cnn_net, keras_fit, mnist_sets
from harness.training import VAE, Act, Conv2d, Flatten, Linear, MaxPool2d, Net, ReLU, train_gan
from harness.declaring.vague_words import VAGUE

DOC = "004_2947cf972490c874.txt"
L7 = "7. Using Tensorflow for Handwriting Recognition, Part 1"
L8 = "8. Using Tensorflow for Handwriting Recognition, Part 2"
L11 = "11. Convolutional Neural Networks"
L12 = "12. Using CNN's for Handwriting Recognition"
L17 = "17. Deep Learning Regularization with Dropout and Early Stopping"
L19 = "19. Variational Auto-Encoders (VAE's)"
L20 = "20. VAE's: Hands-On with Fashion MNIST"
L21 = "21. Generative Adversarial Networks (GAN's)"
L23 = "23. GAN's: Hands-On with Fashion MNIST"
ONCE = {"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}}
LOG10_REL = math.log10(1 + VAGUE["better (relative)"].delta)


# ----------------------------------------------------------------- lecture 8: "3000 epochs"
def passes_over_training_set(ctx):
    """The lecture's loop: train_data.repeat().shuffle(5000).batch(250) and 3,000 iterations of
    train_data.take(3000). Counted with a DataLoader over the 60,000 training indices (batch 250,
    reshuffled every pass, restarted when exhausted): how many complete passes over the training set
    the 3,000 iterations make, against the 3,000 epochs the lecture names."""
    s = ctx.sizes
    loader = torch.utils.data.DataLoader(range(s["n_train"]), batch_size=s["batch"], shuffle=True,
                                         generator=ctx.generator(ctx.seeds[0], "order"))
    seen, passes = 0, 0
    batches = itertools.chain.from_iterable(itertools.repeat(loader))
    for step, batch in zip(range(s["iterations"]), batches):
        seen += len(batch)
    passes = seen / s["n_train"]
    ctx.note("images_drawn", seen)
    ctx.note("passes_over_training_set", passes)
    return {"error": [abs(passes - s["iterations"])]}


EPOCHS_WORD = Claim(
    id="lowlevel-loop-3000-iterations-are-3000-epochs",
    statement="The low-level MNIST loop iterates over 3,000 epochs: its 3,000 iterations of batches of 250 are "
              "3,000 passes over the 60,000 training images.",
    sources=(Source(DOC, L8, (9, 9), "So this is gonna iterated over a one over 3000 F box and we can see that "
                    "accuracy changing as we go."),),
    kind=Kind.IDENTITY, topic="foundations", metric="|passes over the training set - 3,000|",
    direction="holds", tolerance=0.0, experiment=passes_over_training_set,
    sizes={p: {"seeds": 1, "n_train": 60_000, "batch": 250, "iterations": 3000} for p in ("smoke", "ci", "full")},
    expect=Verdict.REFUTED,
    expect_reason="measured refuted (ci): max error 2987.5 over 1 cases (3,000 iterations of 250 draw 750,000 images: 12.5 passes over the 60,000, not 3,000 epochs)",
    notes="'F box' is the transcript's 'epochs'. 3,000 x 250 / 60,000 = 12.5 passes: the lecture's unit is "
          "the training step (one batch), which it calls an epoch; the claim decides the word as spoken.",
)


# ----------------------------------------------------------------- lecture 7: the initial values matter
INIT_NET = (64, 512, 10)


def init_scales(ctx):
    """Per seed: the lecture's 784-512-10 sigmoid net on digits (64-512-10), plain SGD; weights drawn as
    torch's default (uniform within +-1/sqrt(fan_in), roughly the scale Glorot/He schemes choose) or from
    N(0, 1) (the same net, an unsuitable scale); biases zero in both, as in the lecture. Same data,
    order and seeds; test accuracy after the same epochs."""
    s = ctx.sizes
    (X, y), (Xt, yt) = digits_sets(ctx, 360, stratify=True)
    out = {}
    for name in ("default_init", "unit_normal_init"):
        model = BatchedMLP(INIT_NET, ctx.stream("init"), activation="sigmoid", device=ctx.device)
        with torch.no_grad():
            for b in model.biases:
                b.zero_()
            if name == "unit_normal_init":
                for i, w in enumerate(model.weights):
                    for k, seed in enumerate(ctx.stream(f"normal{i}")):
                        w[k] = torch.randn(w.shape[1:], generator=ctx.generator(seed, "w")).to(w)
        cfg = TrainConfig(epochs=s["epochs"], lr=s["lr"], batch_size=100, optimizer="sgd")
        train(model, X.to(ctx.device), y.to(ctx.device), cfg, ctx.stream("order"))
        out[f"{name}_test_accuracy"] = evaluate(model, Xt.to(ctx.device), yt.to(ctx.device)).tolist()
    return out


INIT = Claim(
    id="initial-weight-scale-makes-a-big-difference",
    statement="The choice of initial values can make a big difference: the lecture's sigmoid MLP (512 hidden "
              "units, SGD) started from small uniform weights reaches a much higher test accuracy (by at least 5 "
              "points) than the same net started from N(0, 1) weights.",
    sources=(Source(DOC, L7, (8, 8), "Actually, your choice of ah initialization values can make a big difference "
                    "in how your neural networks perform. So it's worth looking into how to choose the right initial "
                    "values For a given type of neural network."),),
    kind=Kind.COMPARATIVE, topic="foundations", metric="test accuracy (fraction, 360 held-out digits)",
    arms=("default_init_test_accuracy", "unit_normal_init_test_accuracy"), direction="greater",
    delta=VAGUE["much better"].delta, experiment=init_scales,
    sizes={"smoke": {"seeds": (12,), "epochs": 2, "lr": 0.5}, "ci": {"seeds": (12, 24), "epochs": 20, "lr": 0.5},
           "full": {"seeds": (20, 40), "epochs": 20, "lr": 0.5}},
    expect=Verdict.REFUTED,
    expect_reason="measured refuted (ci, 12 seeds): default - N(0, 1) = -0.0326 [-0.0389, -0.0271]; means default_init_test_accuracy 0.9181, unit_normal_init_test_accuracy 0.9507 (the choice made a 3-point difference, but the other way: the N(0, 1) net learned faster in these 20 epochs)",
    notes="'A big difference' read as the vague-word table's 'much better' (5 points). Digits (8x8) stand in "
          "for MNIST; batch 100, SGD lr 0.5 on the mean loss. The lecture's own N(0, 0.05^2)-style init is not "
          "one of the arms: the claim is about whether the choice matters, so it compares a common scale with "
          "an unsuitable one.",
)


# ----------------------------------------------------------------- lecture 11: a pattern wherever it is
def conv_shift_invariance(ctx):
    """A random 3x3 convolution (8 filters, circular padding, float64) followed by global max pooling,
    on a 28x28 image holding one small 'stop sign' pattern at 20 random places: the pooled features are
    the same wherever the pattern is (|difference| to the first placement), and the feature map moves
    with the pattern (conv(roll(x)) == roll(conv(x))). Beside it (a note): how much the output of the
    course's Conv -> Flatten -> Dense design changes with the placement."""
    g = ctx.generator(ctx.seeds[0], "data")
    conv = torch.nn.Conv2d(1, 8, 3, padding=1, padding_mode="circular", dtype=torch.float64)
    dense = torch.nn.Linear(8 * 28 * 28, 4, dtype=torch.float64)
    with torch.no_grad():                # weights from the claim's own stream, not the global RNG
        for p in (*conv.parameters(), *dense.parameters()):
            p.copy_(torch.rand(p.shape, generator=g, dtype=torch.float64) - 0.5)
    pattern = torch.rand(6, 6, generator=g, dtype=torch.float64)
    errors, dense_change = [], []
    ref_pool, ref_dense = None, None
    with torch.no_grad():
        for _ in range(ctx.sizes["placements"]):
            r, c = (int(v) for v in torch.randint(0, 22, (2,), generator=g))
            img = torch.zeros(1, 1, 28, 28, dtype=torch.float64)
            img[0, 0, r:r + 6, c:c + 6] = pattern
            fmap = conv(img)
            pooled = fmap.amax(dim=(2, 3))
            base = torch.zeros_like(img)
            base[0, 0, :6, :6] = pattern
            errors.append(float((fmap - torch.roll(conv(base), (r, c), (2, 3))).abs().max()))
            d = dense(fmap.flatten(1))
            if ref_pool is None:
                ref_pool, ref_dense = pooled, d
            errors.append(float((pooled - ref_pool).abs().max()))
            dense_change.append(float((d - ref_dense).abs().max()))
    ctx.note("flatten_dense_output_max_change", max(dense_change))
    return {"error": errors}


LOCATION = Claim(
    id="convolution-finds-a-pattern-wherever-it-is",
    statement="A CNN finds a feature wherever it is in the image: a convolution's feature map moves with the "
              "pattern, and its maximum over positions is the same wherever the pattern (a 'stop sign') sits.",
    sources=(Source(DOC, L11, (12, 12), "So technically, we call this feature location. In variant, that means that "
                    "if you're looking for some pattern or some feature in your data, but you don't know where exactly "
                    "might be in your data, a CNN can scan your data and find those patterns for you wherever they "
                    "might be."),),
    kind=Kind.IDENTITY, topic="architecture", metric="max |difference| (feature map vs shifted map; pooled features "
                                                     "vs first placement)",
    direction="holds", tolerance=1e-12, experiment=conv_shift_invariance,
    sizes={"smoke": {"seeds": 1, "placements": 5}, "ci": {"seeds": 1, "placements": 20},
           "full": {"seeds": 1, "placements": 20}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured (ci): max error 5.551e-17 over 40 cases (the Conv -> Flatten -> Dense output changes with the placement: not invariant; its change is a note)",
    notes="Exact for circular padding and global max pooling; with zero padding it holds away from the border. "
          "The course's own CNN flattens the feature maps into a Dense layer, which is not shift invariant: its "
          "output change is stored as a note.",
)


def text_anywhere(ctx):
    """Token sequences of length 50 made of one filler token, with the bigram (7, 13) placed at every
    position away from the two ends in turn (at an end a window of filler and phrase is missing): an Embedding(100, 8) -> Conv1d(8, 16, kernel 2, no padding) -> global max pool
    gives the same features wherever the bigram is (random weights, float64)."""
    g = ctx.generator(ctx.seeds[0], "init")
    emb = torch.nn.Embedding(100, 8, dtype=torch.float64)
    conv = torch.nn.Conv1d(8, 16, 2, dtype=torch.float64)
    with torch.no_grad():                # weights from the claim's own stream, not the global RNG
        for p in (*emb.parameters(), *conv.parameters()):
            p.copy_(torch.randn(p.shape, generator=g, dtype=torch.float64))
    seqs = torch.full((47, 50), 3, dtype=torch.long)
    for i in range(47):                      # positions 1..47: the phrase never touches either end
        seqs[i, i + 1], seqs[i, i + 2] = 7, 13
    with torch.no_grad():
        feats = conv(emb(seqs).transpose(1, 2)).amax(dim=2)
    return {"error": (feats - feats[0]).abs().amax(dim=1).tolist()}


TEXT = Claim(
    id="text-convolution-finds-a-phrase-wherever-it-is",
    statement="For sentiment analysis a CNN finds a phrase wherever it is in the text: a 1-D convolution over word "
              "embeddings with global max pooling gives the same features for a two-word phrase at any position.",
    sources=(Source(DOC, L11, (12, 12), "Sentiment Analysis. Another application of CNN so you might not know know "
                    "exactly where a phrase might be that indicates some happy sentiment or some frustrated sentiment "
                    "... But a CNN can scan your data and pluck it out"),),
    kind=Kind.IDENTITY, topic="architecture", metric="max |pooled features - features with the phrase first|",
    direction="holds", tolerance=1e-12, experiment=text_anywhere, sizes=ONCE,
    expect=Verdict.SUPPORTED,
    expect_reason="measured (ci): max error 8.882e-16 over 47 cases",
    notes="Random weights: the property is the layers', before any training (47 placements of one phrase). With no padding it holds away from the sequence's ends.",
)


# ----------------------------------------------------------------- lecture 11: as many layers as you want
def depth_equivalence(ctx):
    """Per seed: digits; plain ReLU MLPs of width 64 with 2 and with `deep` hidden layers (no skip
    connections, no normalization), Adam lr 1e-3, batch 32. The deep net gets `deep_factor` times the
    epochs (more computation, the lecture's stated limit; also the control that it is not compared
    before its plateau); test accuracy, and training accuracy beside it."""
    s = ctx.sizes
    train_set, test = digits_sets(ctx, 360, stratify=True)
    evals = {"test": test, "train": train_set}

    def cfg(epochs):
        return TrainConfig(epochs=epochs, lr=1e-3, batch_size=32, optimizer="adam")
    deep = fit(ctx, (64, *[64] * s["deep"], 10), *train_set, cfg(s["epochs"] * s["deep_factor"]), evals=evals,
               fast=True)
    shallow = fit(ctx, (64, 64, 64, 10), *train_set, cfg(s["epochs"]), evals=evals, fast=True)
    return {"deep_test_accuracy": deep["test"].tolist(), "two_hidden_layers_test_accuracy": shallow["test"].tolist(),
            "deep_train_accuracy": deep["train"].tolist(), "two_hidden_layers_train_accuracy": shallow["train"].tolist()}


DEPTH = Claim(
    id="as-many-hidden-layers-as-compute-allows-digits",
    statement="You can have as many hidden layers as you want, as a matter of computational power: a plain 8-hidden-"
              "layer ReLU MLP, given three times the epochs, classifies digits about as well (within 2 points) as "
              "one with 2 hidden layers.",
    sources=(Source(DOC, L11, (12, 12), "So in the example we talked about on the previous slide, so we only had a "
                    "single hidden layer. But you can have as many as you want released as a matter of how much "
                    "computational power you have available."),),
    kind=Kind.EQUIVALENCE, topic="architecture", metric="test accuracy (fraction, 360 held-out digits)",
    arms=("deep_test_accuracy", "two_hidden_layers_test_accuracy"), direction="equivalent",
    delta=VAGUE["basically the same"].delta, experiment=depth_equivalence,
    sizes={"smoke": {"seeds": (12,), "epochs": 2, "deep": 8, "deep_factor": 3},
           "ci": {"seeds": (12,), "epochs": 30, "deep": 8, "deep_factor": 3},
           "full": {"seeds": (20, 40), "epochs": 40, "deep": 8, "deep_factor": 3}},
    expect=Verdict.INCONCLUSIVE,
    expect_reason="measured inconclusive (ci, 12 seeds): deep - two hidden layers = -0.0167 [-0.0236, -0.0106]; means deep_test_accuracy 0.952, two_hidden_layers_test_accuracy 0.969 (8 hidden layers at 3x the epochs reach training accuracy 0.999, their plateau, and stay 1.7 points below: too close to the 2-point margin to decide); seed family 2718: -0.012 [-0.0181, -0.0037], inconclusive",
    redesigned="2026-12-07, after the first ci run (16 hidden layers, equal epochs: refuted, -0.052 [-0.062, "
               "-0.043], the deep net's training accuracy 0.977 against 0.998, so not at its plateau): the deep "
               "net now gets three times the epochs (more computation, the lecture's own limit, and the plateau "
               "control) and 8 hidden layers instead of 16 (CPU budget). Then, for the CI budget, ci's epochs cut "
               "from 40 (deep 120) to 30 (deep 90) after that design measured inconclusive (-0.0174 [-0.0227, "
               "-0.0125] over 12 seeds; families 7 and 12345 also inconclusive); the cut design is confirmed on "
               "seed family 2718, which no version had met.",
    contrasts={"performance-drops-after-two-hidden-layers-modern":
               "003 says performance starts to drop after two hidden layers; 004 says depth is limited only by "
               "compute"},
    notes="'As many as you want' read as: depth costs compute, not accuracy; equivalence within the vague-word "
          "table's 'basically the same' (2 points). Digits (8x8) stand in for images; no residual connections. "
          "Trained through the fast FFN path (harness.training.fast_ffn).",
)


# ----------------------------------------------------------------- lecture 19: autoencoders
def autoencoder_runs(ctx, noisy: bool):
    """Per seed: a 64-64-8-64-64 ReLU autoencoder on digits (pixels in [0, 1]), Adam lr 1e-3, batch 64,
    mean squared error; its input is the image (noisy=False) or the image plus N(0, 0.3^2) noise
    (noisy=True; a fresh draw per seed, the target always the clean image). Returns (test MSE of the
    reconstruction of the clean target, test pixel variance, MSE of the noisy test input)."""
    s = ctx.sizes
    (X, _), (Xt, _) = digits_sets(ctx, 360)
    Xin, Xtin = X, Xt
    if noisy:
        gs = [ctx.generator(seed, "noise") for seed in ctx.seeds]
        Xin = X + torch.stack([torch.randn(X.shape[1:], generator=g) for g in gs]) * 0.3
        Xtin = Xt + torch.stack([torch.randn(Xt.shape[1:], generator=g) for g in gs]) * 0.3
    net = Net((64,), [Linear(64), ReLU(), Linear(s["code"]), ReLU(), Linear(64), ReLU(), Linear(64)], init="torch")
    model = net.build(ctx.stream("init"), device=ctx.device, target_dims=1)     # targets: images, not labels
    cfg = TrainConfig(epochs=s["epochs"], lr=1e-3, batch_size=64, optimizer="adam", loss="mse")
    train(model, Xin.to(ctx.device), X.to(ctx.device), cfg, ctx.stream("order"))
    with torch.no_grad():
        rec = outputs(model, Xtin.to(ctx.device)).cpu()
    mse = (rec - Xt).pow(2).mean(dim=(1, 2)).double()
    var = Xt.var(dim=1).mean(1).double()
    noisy_mse = (Xtin - Xt).pow(2).mean(dim=(1, 2)).double()
    return mse, var, noisy_mse


def lossy(ctx):
    mse, var, _ = autoencoder_runs(ctx, noisy=False)
    ctx.note("relative_reconstruction_error_per_seed", (mse / var).tolist())
    return {"error": (mse / var).tolist()}


NOISELESS = Claim(
    id="autoencoder-compresses-without-noise",
    statement="An autoencoder compresses data in a noiseless way: from a code of a few bytes (8 numbers) it "
              "reconstructs held-out images with no noise (mean squared error below 1% of the pixel variance).",
    sources=(Source(DOC, L19, (20, 20), "So you can think of this as sort of a noiseless way of compressing data "
                    "down."),),
    kind=Kind.IDENTITY, topic="generative", metric="reconstruction MSE / pixel variance, held-out digits",
    direction="holds", tolerance=VAGUE["negligible"].delta, experiment=lossy,
    sizes={"smoke": {"seeds": 2, "code": 8, "epochs": 2}, "ci": {"seeds": 4, "code": 8, "epochs": 60},
           "full": {"seeds": 12, "code": 8, "epochs": 200}},
    expect=Verdict.REFUTED,
    expect_reason="measured refuted (ci): max error 0.4703 over 4 cases (held-out reconstruction MSE is 31-47% of the pixel variance with an 8-number code: lossy, not noiseless)",
    notes="'No noise' read with the vague-word table's 'negligible' (1% of the pixel variance). Digits (8x8) "
          "stand in for the lecture's images; 8 numbers for 'a few bytes'. One error per seed.",
)


def denoise(ctx):
    mse, _, noisy_mse = autoencoder_runs(ctx, noisy=True)
    return {"noisy_input_log10_mse": torch.log10(noisy_mse).tolist(),
            "denoised_output_log10_mse": torch.log10(mse).tolist()}


DENOISE = Claim(
    id="denoising-decoder-removes-noise-digits",
    statement="The decoder can reconstruct an image without the noise of a noisy input: a denoising autoencoder's "
              "output is closer to the clean held-out image (squared error at least 10% lower) than its noisy "
              "input is.",
    sources=(Source(DOC, L19, (20, 20), "De-noising, we can, the decoder can be used to reconstruct an image that "
                    "has no noise in it based on image that does have noise in it."),),
    kind=Kind.COMPARATIVE, topic="generative", metric="log10 mean squared error against the clean image",
    arms=("noisy_input_log10_mse", "denoised_output_log10_mse"), direction="greater", delta=LOG10_REL,
    experiment=denoise,
    sizes={"smoke": {"seeds": (12,), "code": 8, "epochs": 2}, "ci": {"seeds": (12, 24), "code": 8, "epochs": 30},
           "full": {"seeds": (20, 40), "code": 8, "epochs": 200}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured supported (ci, 12 seeds): log10 MSE noisy input - denoised output = +0.408 [0.3902, 0.4258]; means noisy_input_log10_mse -1.048, denoised_output_log10_mse -1.456 (squared error cut about 2.6x, not to zero)",
    notes="Noise N(0, 0.3^2) added to digits in [0, 1]. 'No noise' is read as noise removed to a noticeable "
          "degree (the vague-word table's 'better (relative)', 10% of the squared error, log10 scale); "
          "autoencoder-compresses-without-noise reads 'noiseless' strictly.",
)


# ----------------------------------------------------------------- lectures 19-20: the VAE's KL term and decoder
def kl_independent_of_reconstruction(ctx):
    """The course's VAE (harness conv_vae): one encoder and two decoders (two initialisations) on the same
    images and the same eps. If the KL term measured the distance between the data and its reconstruction,
    it would change with the decoder. Errors: 1 if the KL term is unchanged while the reconstructions
    differ; 1 if the KL term has a gradient with respect to any decoder parameter."""
    vae = conv_vae()
    a, b = vae.reference(0, device=ctx.device), vae.reference(1, device=ctx.device)
    b.encoder.load_state_dict(a.encoder.state_dict())
    g = ctx.generator(ctx.seeds[0], "data")
    x = torch.rand(4, 1, 28, 28, generator=g)
    eps = torch.randn(4, 2, generator=g)
    no_grad, kls, recs = [], [], []
    for m in (a, b):
        h = m.encoder(x)
        mu, logvar = h[:, :2], h[:, 2:]
        recon = m.decoder(mu + eps * torch.exp(0.5 * logvar))
        _, kl = vae_terms((recon.unsqueeze(0), mu.unsqueeze(0), logvar.unsqueeze(0)), x.unsqueeze(0))
        grads = torch.autograd.grad(kl.sum(), list(m.decoder.parameters()), allow_unused=True)
        # the document's reading needs a decoder gradient: none (or all zero) is an error
        no_grad.append(1.0 if all(gr is None or float(gr.abs().max()) == 0.0 for gr in grads) else 0.0)
        kls.append(kl.detach())
        recs.append(recon.detach())
    rec_diff = float((recs[0] - recs[1]).abs().max())
    kl_diff = float((kls[0] - kls[1]).abs().max())
    ctx.note("reconstruction_max_difference", rec_diff)
    ctx.note("kl_max_difference", kl_diff)
    # the document's reading predicts a change: an unchanged KL where the reconstructions differ is an error
    errors = [1.0 if (rec_diff > 0 and kl_diff == 0.0) else 0.0] + no_grad
    return {"error": errors}


KL_TERM = Claim(
    id="vae-kl-term-measures-data-vs-reconstruction",
    statement="The VAE's KL divergence term measures the distance between the probability distributions of the "
              "original data and of the reconstructed data: it changes when the decoder (and so the "
              "reconstruction) changes and it depends on the decoder's parameters.",
    sources=(Source(DOC, L19, (20, 20), "So what we need as retraining to measure the distance between the "
                    "probability distributions of our original data and the reconstructed data. We want this to be "
                    "as close as possible, right? And one way to measure that is KL divergence."),),
    kind=Kind.IDENTITY, topic="generative", metric="checks failed (KL unchanged by the decoder; no decoder gradient)",
    direction="holds", tolerance=0.0, experiment=kl_independent_of_reconstruction, sizes=ONCE,
    expect=Verdict.REFUTED,
    expect_reason="measured refuted (ci): max error 1 over 3 cases (the KL term is identical for two decoders whose reconstructions differ by up to 0.0296, and has no gradient with respect to either decoder)",
    contrasts={"vae-kl-loss-is-gaussian-kl-closed-form":
               "the course's kl_loss(z_mean, z_log_var) compares q(z|x) with N(0, I) in latent space"},
    notes="The course's kl_loss takes only the encoder's z_mean and z_log_var; the reconstruction enters the "
          "reconstruction (BCE) term. Checked on the course's VAE (harness conv_vae) with random weights.",
)


def decoder_input_width(ctx):
    """The course's VAE built with a 3-dimensional latent space: if the decoder's input were the mean and
    variance of one distribution it would take 2 numbers whatever the latent size; it takes `latent`
    numbers (one point of the latent space), and the encoder emits a mean and a log-variance per latent
    dimension (2 x latent outputs, stored as a note). Error: |decoder input width - 2| for latent 3."""
    vae3 = conv_vae(latent=3)
    ref3 = vae3.reference(0, device=ctx.device)
    first = next(m for m in ref3.decoder.modules() if isinstance(m, torch.nn.Linear))
    enc_last = [m for m in ref3.encoder.modules() if isinstance(m, torch.nn.Linear)][-1]
    ctx.note("decoder_input_width_latent3", first.in_features)
    ctx.note("encoder_outputs_latent3", enc_last.out_features)
    return {"error": [float(abs(first.in_features - 2))]}


DECODER_INPUT = Claim(
    id="vae-decoder-input-is-a-mean-and-a-variance",
    statement="The two numbers the lecture feeds to the VAE's decoder ([1, 2]) are the mean and the variance of a "
              "distribution: the decoder takes a (mean, variance) pair.",
    sources=(Source(DOC, L20, (21, 21), "actually generate an image based on the input of one comma two. And again, "
                    "that corresponds to our mean and variance"),),
    kind=Kind.IDENTITY, topic="generative", metric="|decoder input width - 2| with a 3-dimensional latent space",
    direction="holds", tolerance=0.0, experiment=decoder_input_width, sizes=ONCE,
    expect=Verdict.REFUTED,
    expect_reason="measured refuted (ci): max error 1 over 1 cases (with latent_dim 3 the decoder takes 3 numbers and the encoder emits 6: the pair [1, 2] is one latent point)",
    notes="With latent_dim = 2 a point and a (mean, variance) pair both have two numbers, so the claim is "
          "decided on the same architecture with latent_dim = 3 (harness conv_vae): the decoder's input width "
          "follows the latent size.",
)


# ----------------------------------------------------------------- lecture 20: the KL weight
def kl_weights(ctx):
    """Per seed: a small dense VAE on digits (64 -> 64 ReLU -> (mean, log-variance) of a 2-D latent; 2 -> 64
    ReLU -> 64 logits), the course's loss (summed pixel BCE + beta x KL, harness BetaVAELoss), Adam lr 1e-3,
    batch 128; beta 3 (the lecture's choice) and beta 1 (the plain mean of the two terms' sum), same init,
    order and noise. On the 360 held-out digits (z = the mean): the summed BCE (log10) and the KL term."""
    s = ctx.sizes
    (X, _), (Xt, _) = digits_sets(ctx, 360, stratify=True)
    spec = VAE(Net((64,), [Linear(64), ReLU(), Linear(4)], init="glorot_uniform"), 2,
               Net((2,), [Linear(64), ReLU(), Linear(64)], init="glorot_uniform"))
    out = {}
    for beta in (3, 1):
        model = spec.build(ctx.stream("init"), device=ctx.device)
        cfg = TrainConfig(epochs=s["epochs"], lr=1e-3, batch_size=128, optimizer="adam", loss=BetaVAELoss(beta))
        train(model, X.to(ctx.device), X.to(ctx.device), cfg, ctx.stream("order"), noise_seeds=ctx.stream("noise"))
        with torch.no_grad():
            bce, kl = vae_terms(outputs(model, Xt.to(ctx.device)), Xt.to(ctx.device))
        out[f"beta{beta}_log10_heldout_reconstruction"] = torch.log10(bce.mean(1).double()).cpu().tolist()
        out[f"beta{beta}_heldout_kl"] = kl.mean(1).double().cpu().tolist()
    return out


KL_WEIGHT = Claim(
    id="vae-kl-weight-is-an-important-hyperparameter",
    statement="The weight of the KL term is an important hyperparameter: weighting it 3 (the lecture's choice) "
              "instead of 1 makes the VAE's held-out reconstructions worse (reconstruction loss more than 10% "
              "higher), the price of a smaller KL term.",
    sources=(Source(DOC, L20, (21, 21), "The obvious thing would be to just take the mean of the two. But it turns "
                    "out that weighting that is also another important hyperparameter that needs to be tuned."),),
    kind=Kind.COMPARATIVE, topic="generative", metric="log10 summed pixel BCE of 360 held-out digits (z = mean)",
    arms=("beta3_log10_heldout_reconstruction", "beta1_log10_heldout_reconstruction"), direction="greater",
    delta=LOG10_REL, experiment=kl_weights,
    sizes={"smoke": {"seeds": (12,), "epochs": 3}, "ci": {"seeds": (12, 24), "epochs": 50},
           "full": {"seeds": (20, 40), "epochs": 100}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured supported (ci, 12 seeds): log10 BCE beta 3 - beta 1 = +0.0534 [0.0512, 0.0565]; means beta3_log10_heldout_reconstruction 1.432, beta1_log10_heldout_reconstruction 1.379 (about 13% more reconstruction loss at beta 3, whose held-out KL falls to 0.03 nats against 1.34: the latent is nearly unused)",
    redesigned="2026-12-07: ci epochs cut from 100 to 50 for the CI budget after the first measured ci run "
               "(supported, +0.0677 [0.0647, 0.0710] over 12 seeds at 100 epochs); confirmed on seed families 7 "
               "and 12345, which it had not met.",
    notes="Digits (8x8, in [0, 1]) and a dense VAE stand in for Fashion-MNIST and the course's convolutional VAE "
          "(claims/generative/test_conv_vae.py). 'Important' read as: changing the weight from 1 to 3 moves the "
          "reconstruction loss by more than the vague-word table's 'better (relative)' (10%, log10 scale); the KL "
          "terms are stored beside.",
)


# ----------------------------------------------------------------- lecture 21: GAN samples and private data
def nearest_distances(samples: torch.Tensor, ref: torch.Tensor) -> torch.Tensor:
    """(K,) mean over samples of the Euclidean distance to the nearest row of ref, per seed."""
    return torch.cdist(samples.double(), ref.double()).min(dim=2).values.mean(1)


def gan_memorisation(ctx):
    """Per seed: `n` digits (pixels in [0, 1]) to train on and `n` other digits held out, drawn from the
    seed's own split; a dense GAN (G: 16-d noise -> 128 LeakyReLU -> 64 sigmoid; D: 64 -> 128 LeakyReLU ->
    1 logit; Adam 2e-4, beta1 0.5, batch 32, one D step then one G step) trained long on the `n` images;
    1,000 samples. Mean distance of a sample to its nearest training image and to its nearest held-out
    image (log10): a generator that leaks its training data sits nearer the training images."""
    s = ctx.sizes
    (X, _), (Xh, _) = digits_sets(ctx, s["n"], n_train=s["n"])
    G = Net((16,), [Linear(128), Act("leaky_relu"), Linear(64), Act("sigmoid")], init="glorot_uniform")
    D = Net((64,), [Linear(128), Act("leaky_relu"), Linear(1)], init="glorot_uniform")
    Gb = G.build(ctx.stream("g-init"), device=ctx.device)
    Db = D.build(ctx.stream("d-init"), device=ctx.device)
    cfg = TrainConfig(epochs=s["epochs"], lr=2e-4, batch_size=32, optimizer="adam", drop_last=True,
                      optimizer_kwargs={"betas": (0.5, 0.999)})
    train_gan(Gb, Db, X.to(ctx.device), cfg, cfg, ctx.stream("order"), ctx.stream("noise"))
    with torch.no_grad():
        fake = sample_gan(Gb, 1000, ctx.stream("sample"), ctx.device).cpu()
    return {"heldout_log10_nearest_distance": torch.log10(nearest_distances(fake, Xh)).tolist(),
            "training_log10_nearest_distance": torch.log10(nearest_distances(fake, X)).tolist()}


GAN_PRIVACY = Claim(
    id="gan-samples-carry-no-private-training-data",
    statement="A GAN trained on real data makes synthetic data very close to the original but without its private "
              "information: its samples lie no nearer the images it was trained on than to other images of the same "
              "kind (mean nearest-image distances within 10%).",
    sources=(Source(DOC, L21, (22, 22), "But by training a GAN on real data, we can sort of train it on how to make "
                    "synthetic datasets that are very close to the original ones but without any actual private "
                    "information in it."),),
    kind=Kind.EQUIVALENCE, topic="generative", metric="log10 mean distance of 1,000 samples to the nearest image",
    arms=("heldout_log10_nearest_distance", "training_log10_nearest_distance"), direction="equivalent",
    delta=LOG10_REL, experiment=gan_memorisation,
    sizes={"smoke": {"seeds": (12,), "n": 100, "epochs": 5},
           "full": {"seeds": (12, 24), "n": 100, "epochs": 1500}},
    requires={"ci": "a GAN trained to memorisation length (thousands of steps for 12 seeds) exceeds this module's ci "
                    "budget"},
    expect=Verdict.SUPPORTED,
    expect_reason="measured supported (full, 12 seeds): log10 distance held-out - training = +0.0207 [0.0183, 0.0228]; means heldout_log10_nearest_distance 0.2972, training_log10_nearest_distance 0.2765 (within the 10% margin, but not zero: the samples sit about 5% nearer the 100 training images than the held-out ones, a small memorisation signal after 4,500 steps)",
    notes="Digits (8x8) stand in for private records: 100 to train on, 100 held out, 4,500 steps. A nearest-neighbour "
          "memorisation test (as in membership-inference work on GANs): no privacy guarantee follows from passing it, "
          "but a generator that fails it leaks. Equivalence within the vague-word table's 'better (relative)' 10%, "
          "the smallest change a reader notices, on the log10 scale.",
)


# ----------------------------------------------------------------- lectures 11-12: CNNs on MNIST (full profile)
NO_CI_CNN = {"ci": "convolutional nets on 60,000 MNIST images for 10-20 epochs and 12 seeds are ~1e14-1e15 FLOPs, "
                   "far beyond this module's ci budget"}
UNMEASURED_CNN = {"full": "the document's size (60,000 images, 10-20 epochs, 12 seeds) needs a GPU run; no GPU was "
                          "lent to this session"}


def cnn_epochs_10_vs_20(ctx):
    """Per seed: lecture 12's CNN (harness.recipes.kane_recipes: Conv 32, Conv 64, max-pool, dropout 0.25, Dense 128,
    dropout 0.5; Adam, batch 32) trained for twice the lecture's epochs; test error (log10) after the
    lecture's `epochs` and after twice as many, from one run."""
    s = ctx.sizes
    (X, y), (Xt, yt) = mnist_sets(ctx, s["n_train"])
    Xt, yt = Xt[:s.get("n_test")], yt[:s.get("n_test")]
    r = keras_fit(ctx, keras_cnn_net(), X.view(-1, 1, 28, 28), y, {"test": (Xt.view(-1, 1, 28, 28), yt)},
                  epochs=2 * s["epochs"], batch=32, optimizer="adam", eval_every=1)
    acc = r["curves"]["test"].double()
    err = (1 - acc).clamp(min=1.0 / len(yt))            # one error at least: log10 stays finite
    return {"lecture_epochs_log10_test_error": torch.log10(err[:, s["epochs"] - 1]).tolist(),
            "twice_the_epochs_log10_test_error": torch.log10(err[:, -1]).tolist()}


CNN_BEYOND_10 = Claim(
    id="cnn-mnist-still-improving-after-10-epochs",
    statement="The lecture-12 CNN was still improving at its 10th epoch, so training beyond 10 epochs has value: "
              "after 20 epochs its MNIST test error is lower (by more than 10%) than after 10.",
    sources=(Source(DOC, L12, (13, 13), "But you can see that it very quickly converged to a very good Accuracy "
                    "Valley here and it was still increasing. So there probably would have been value to going even "
                    "beyond 10 iterations of the training here."),),
    kind=Kind.COMPARATIVE, topic="mnist", metric="log10 test error (fraction of 10,000 MNIST test images)",
    arms=("lecture_epochs_log10_test_error", "twice_the_epochs_log10_test_error"), direction="greater",
    delta=LOG10_REL, experiment=cnn_epochs_10_vs_20,
    sizes={"smoke": {"seeds": (12,), "n_train": 100, "n_test": 200, "epochs": 1},
           "full": {"seeds": (12,), "n_train": None, "epochs": 10}},
    requires=NO_CI_CNN, unmeasured=UNMEASURED_CNN,
    expect=Verdict.INCONCLUSIVE, expect_reason="not measured at any pinned profile (full unmeasured, ci skipped)",
    notes="'Value' read as a lower test error by the vague-word table's 'better (relative)' (10% of the error, log10 "
          "scale): at 99% accuracy a gain of a point of accuracy is impossible. The lecture's own curve is the "
          "validation (= test) accuracy of one run.",
)


def first_layer_dc_ratio(model, k: int) -> torch.Tensor:
    """(k,) mean over the first convolution's filters of |sum w| / (sqrt(n) ||w||): 1 for a constant (blob)
    filter, 0 for a zero-sum one (an edge or line detector: a difference of neighbouring pixels)."""
    conv = next(b for b in model.blocks if getattr(b, "weight", None) is not None)
    w = conv.weight.detach().double().cpu().reshape(k, -1, conv.weight[0].numel())
    return (w.sum(-1).abs() / (math.sqrt(w.shape[-1]) * w.norm(dim=-1))).mean(1)


def first_layer_edges(ctx):
    """Per seed: lecture 12's CNN (harness.recipes.kane_recipes) trained on MNIST as the lecture trains it (Adam,
    batch 32); its 32 first-layer 3x3 filters against the same filters at initialisation (the same init
    stream, rebuilt): the mean |sum w| / (3 ||w||) (log10) before and after training."""
    s = ctx.sizes
    (X, y), _ = mnist_sets(ctx, s["n_train"])
    K = len(ctx.seeds)
    init = keras_cnn_net().build(ctx.stream("init"), device=ctx.device)
    r = keras_fit(ctx, keras_cnn_net(), X.view(-1, 1, 28, 28), y, {}, epochs=s["epochs"], batch=32,
                  optimizer="adam", eval_every=0)
    return {"initial_log10_dc_ratio": torch.log10(first_layer_dc_ratio(init, K)).tolist(),
            "trained_log10_dc_ratio": torch.log10(first_layer_dc_ratio(r["model"], K)).tolist()}


EDGES = Claim(
    id="cnn-first-layer-filters-become-edge-detectors",
    statement="The first convolutional layer identifies lines and edges: after training on MNIST, the lecture-12 "
              "CNN's first-layer 3x3 filters are closer to zero-sum (edge and line) filters than at their random "
              "start (their mean |sum w| / (3 ||w||) at least 10% lower).",
    sources=(Source(DOC, L11, (12, 12), "So the first layer that you go into from your convolution, all neural "
                    "network inside your head might just identify horizontal lines or lines at different angles or, "
                    "you know, specific cut times of edges."),),
    kind=Kind.COMPARATIVE, topic="architecture", metric="log10 mean |sum w| / (3 ||w||) of the 32 first-layer filters",
    arms=("initial_log10_dc_ratio", "trained_log10_dc_ratio"), direction="greater", delta=LOG10_REL,
    experiment=first_layer_edges,
    sizes={"smoke": {"seeds": (12,), "n_train": 100, "epochs": 1},
           "full": {"seeds": (12,), "n_train": None, "epochs": 10}},
    requires=NO_CI_CNN, unmeasured=UNMEASURED_CNN,
    expect=Verdict.INCONCLUSIVE, expect_reason="not measured at any pinned profile (full unmeasured, ci skipped)",
    notes="The lecture speaks of the visual cortex and says a CNN works 'the same exact' way. 'Edge or line "
          "detector' is read as a filter that responds to differences of neighbouring pixels rather than to their "
          "sum: a zero-sum kernel (a Sobel or Laplacian filter has ratio 0; a constant one 1; random Glorot filters "
          "about 0.27 on average). 'More edge-like' read as the vague-word table's 'better (relative)', 10%, log10.",
)


def lenet5_net():
    """LeNet-5 as usually built for 28x28 MNIST: Conv 6@5x5 (padding 2, i.e. the 32x32 input) - pool - Conv
    16@5x5 - pool - Dense 120 - Dense 84 - Dense 10, ReLU and max pooling (the modern variant)."""
    return Net((1, 28, 28), [Conv2d(6, 5, padding=2), ReLU(), MaxPool2d(2), Conv2d(16, 5), ReLU(), MaxPool2d(2),
                             Flatten(), Linear(120), ReLU(), Linear(84), ReLU(), Linear(10)], init="glorot_uniform")


def lenet5_accuracy(ctx):
    s = ctx.sizes
    (X, y), (Xt, yt) = mnist_sets(ctx, s["n_train"])
    Xt, yt = Xt[:s.get("n_test")], yt[:s.get("n_test")]
    r = keras_fit(ctx, lenet5_net(), X.view(-1, 1, 28, 28), y, {"test": (Xt.view(-1, 1, 28, 28), yt)},
                  epochs=s["epochs"], batch=32, optimizer="adam", eval_every=0)
    return {"lenet5_test_accuracy": r["curves"]["test"][:, -1].tolist(),
            "keras_mlp_document_figure": [0.98] * len(ctx.seeds)}


LENET = Claim(
    id="lenet5-suits-handwriting-recognition",
    statement="LeNet-5 is suitable for handwriting recognition: trained on MNIST as the course trains its CNN (Adam, "
              "batch 32, 10 epochs) it scores above the 98% of the course's Keras MLP.",
    sources=(Source(DOC, L11, (12, 12), "So, for example, there's the Lynette five architecture that you can use "
                    "that's suitable for handwriting recognition."),),
    kind=Kind.COMPARATIVE, topic="mnist", metric="test accuracy (fraction, 10,000 MNIST test images)",
    arms=("lenet5_test_accuracy", "keras_mlp_document_figure"), direction="greater", delta=0.0,
    experiment=lenet5_accuracy,
    sizes={"smoke": {"seeds": (12,), "n_train": 100, "n_test": 200, "epochs": 1},
           "full": {"seeds": (12,), "n_train": None, "epochs": 10}},
    requires=NO_CI_CNN, unmeasured=UNMEASURED_CNN,
    expect=Verdict.INCONCLUSIVE, expect_reason="not measured at any pinned profile (full unmeasured, ci skipped)",
    document_figures={"keras_mlp_test_accuracy": 0.98},
    notes="'Suitable' read as: better than the course's own MNIST MLP (98%, lecture 9), the bar the course sets for "
          "a handwriting model. ReLU and max pooling stand for LeNet-5's tanh and subsampling (the common modern "
          "build); Glorot init and Keras' Adam defaults as in the course's CNN.",
)


# ----------------------------------------------------------------- not executable here
UNEXECUTABLE = [
    Unexecutable(
        id="cnn-dropout-of-50-percent-is-standard",
        statement="In CNNs an aggressive dropout layer, maybe even 50%, is pretty standard.",
        sources=(Source(DOC, L17, (18, 18), "We see this a lot in say CNNs for example, it's pretty standard to have "
                        "a pretty aggressive dropout layer like maybe even 50 percent being held out for me for each "
                        "training past."),),
        reason="a statement about how often a setting is used in practice, not about what a network does; the "
               "effect of the course CNN's 0.25/0.5 dropout is cnn-dropout-layers-narrow-train-test-gap",
        topic="regularization"),
    Unexecutable(
        id="original-gan-paper-runs-k-discriminator-steps",
        statement="The original GAN paper runs several discriminator training steps for each generator step.",
        sources=(Source(DOC, L23, (24, 24), "the original GAN paper actually would run multiple discriminator "
                        "training sets for each generator step."),),
        reason="a statement about a paper's text (Goodfellow et al. 2014, Algorithm 1 has k discriminator steps and "
               "its experiments used k = 1), checked by reading, not by running anything",
        topic="generative"),
    Unexecutable(
        id="alexnet-googlenet-resnet-deeper-and-better",
        statement="AlexNet is deeper than LeNet, GoogLeNet deeper still with better performance from its Inception "
                  "modules, and ResNet, the most sophisticated, deeper again.",
        sources=(Source(DOC, L11, (12, 12), "there's also one called Alex Net, which is appropriate for image "
                        "classification. It's a deeper neural network than Lynette"),),
        reason="needs the ImageNet models and their ImageNet results: torchvision is not installed, Keras 3 ships "
               "no AlexNet or GoogLeNet, and their accuracies need ImageNet (not offline)",
        topic="architecture"),
]
