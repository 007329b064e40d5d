"""Document 004, lectures 21-23 (file lines 22-24): GANs in theory, in the GAN Lab demo, and hands-on.

* GAN Lab (line 23), a browser demo, becomes its 2-D experiment in code: a small generator and
  discriminator (two hidden layers of 32; D ReLU, G LeakyReLU as in the course's notebook) trained
  by ``harness.training.train_gan`` on a ring or on a straight line, each standardised to unit total
  variance; the distance of 1,000 generated points from 1,000 fresh real points is an RBF-kernel
  MMD^2 (bandwidth 0.2). The same pair on eight Gaussians around a circle measures mode collapse
  (modes holding at least 2.5% of the samples).
* "Done when the discriminator can't tell" (line 22) is tested where the answer is known: a
  one-Gaussian "generator" with the data's mean and variance against two-Gaussian data.
* The hands-on GAN (line 24), Fashion-MNIST with MNIST as its stand-in: G Dense(7x7x256) + three
  Conv2DTranspose, D Conv2D(256) -> Conv2D(128) -> Dense(64) -> Dropout -> Dense(1), noise 150,
  batch 64, 30 epochs, one D step then one G step. At the document's size it is a GPU job (about 30
  minutes per run in the course); ci cannot train a convolutional GAN far enough to judge digits, so
  those claims run only in the full profile, which is unmeasured here.
"""
from __future__ import annotations

import math

import torch

from harness.declaring.claim import Claim, Kind, Source, Unexecutable, Verdict
from harness.training.engine import BatchedMLP, TrainConfig, evaluate, train
from harness.recipes.generative_measures import (conv_gan, judge, line, mixture_modes, mlp_gan, mmd2, mnist_images,
                                         modes_covered, ring, sample_gan)
from harness.recipes.shared_runs import once
from harness.training import train_gan
from harness.declaring.vague_words import VAGUE

DOC = "004_2947cf972490c874.txt"
THEORY = "21. Generative Adversarial Networks (GAN's)"
DEMOS = "22. GAN Demos & Live Training"
HANDS_ON = "23. GAN's: Hands-On with Fashion MNIST"
REL = VAGUE["better (relative)"].delta
MUCH_REL = 5 * REL          # 'much': five times the unqualified word, as in the table's accuracy entries
SAME_REL = VAGUE["basically the same (relative)"].delta
BANDWIDTH = 0.2


def adam(epochs: int, lr: float = 1e-3) -> TrainConfig:
    # beta1 0.5: the DCGAN setting; the course's two learning rates are not stated
    return TrainConfig(epochs=epochs, lr=lr, batch_size=64, optimizer="adam", drop_last=True,
                       optimizer_kwargs={"betas": (0.5, 0.999)})


def gan_2d(ctx, make, *, standardise: bool, d_act: str = "relu", g_act: str = "leaky_relu", noise: str = "normal"):
    """Train one 2-D GAN per seed on `make(n, generator)` data; return (samples, fresh real points).
    ``noise``: G's input distribution, in training and sampling (harness.training.generative.draw_noise)."""
    s = ctx.sizes
    real = [make(s["n_real"], ctx.generator(seed, "real")) for seed in ctx.seeds]
    fresh = [make(s["n_eval"], ctx.generator(seed, "fresh")) for seed in ctx.seeds]
    if standardise:               # one scale for ring and line: zero mean, unit total variance (training sample's)
        stats = [(r.mean(0), (r - r.mean(0)).pow(2).sum(1).mean().sqrt()) for r in real]
        real = [(r - m) / sd for r, (m, sd) in zip(real, stats)]
        fresh = [(f - m) / sd for f, (m, sd) in zip(fresh, stats)]
    G, D = mlp_gan(32, d_act=d_act, g_act=g_act)
    Gb = G.build(ctx.stream("g-init"), device=ctx.device)
    Db = D.build(ctx.stream("d-init"), device=ctx.device)
    cfg = adam(s["epochs"])
    train_gan(Gb, Db, torch.stack(real), cfg, cfg, ctx.stream("order"), ctx.stream("noise"), noise=noise)
    fake = sample_gan(Gb, s["n_eval"], ctx.stream("sample"), ctx.device, noise=noise).cpu()
    return fake, torch.stack(fresh)


SIZES_2D = {"smoke": {"seeds": (12,), "n_real": 512, "n_eval": 300, "epochs": 3},
            "ci": {"seeds": (12,), "n_real": 2048, "n_eval": 1000, "epochs": 40},
            # GAN Lab states no sizes: full is ci's run with more seeds
            "full": {"seeds": (24, 48), "n_real": 2048, "n_eval": 1000, "epochs": 40}}


def ring_and_line(ctx):
    def compute(c):
        out = {}
        for name, make in (("ring", ring), ("line", line)):
            fake, fresh = gan_2d(c, make, standardise=True)
            out[name] = mmd2(fake, fresh, BANDWIDTH)
        return out
    r = once(ctx, "gan-lab-2d", "ring-line", compute)
    return {"log_mmd2_ring": r["ring"].log(), "log_mmd2_line": r["line"].log(), "mmd2_ring": r["ring"],
            "mmd2_line": r["line"]}


RING_VS_LINE = Claim(
    id="gan-learns-a-line-much-better-than-a-ring",
    statement="Trained for the same number of steps, a small GAN matches a straight line much better than a ring "
              "(the GAN Lab demo's two 2-D distributions).",
    sources=(Source(DOC, DEMOS, (23, 23), "The circular shapes are notoriously hard to learn."),
             Source(DOC, DEMOS, (23, 23),
                    "So circles are always hard, but in this case we converge on something much better, much more "
                    "quickly.")),
    kind=Kind.COMPARATIVE, topic="generative", metric="log RBF-MMD^2 (bandwidth 0.2) of 1,000 samples to 1,000 fresh "
                                                      "points, both standardised",
    arms=("log_mmd2_ring", "log_mmd2_line"), direction="greater", delta=math.log(1 + MUCH_REL),
    experiment=ring_and_line, sizes=SIZES_2D,
    expect=Verdict.INCONCLUSIVE, expect_profiles={"full": Verdict.REFUTED},
    expect_reason=("measured (ci, 12 seeds): log MMD^2 ring - line = -0.47 [-0.92, 0.36]; (full, 24 seeds): -0.72 "
                   "[-1.04, -0.22], refuted: after the same 1,280 steps the line is matched worse than the ring (median "
                   "MMD^2 0.013 vs 0.0055; one ring seed of 24 failed)"),
    notes="G and D: two hidden layers of 32 (D ReLU, G LeakyReLU), 2-D noise, Adam 1e-3 (beta1 0.5), batch 64, "
          "40 epochs of 2,048 points (1,280 steps). The line has the ring's circumference as its length. delta: "
          "'much better' on a distance, 1.5 x (five times the table's 10% relative 'better'). The refutation is "
          "for these nets and this step count (GAN Lab's own nets, learning rates and run length are not stated; "
          "its ring run failed where ours mostly succeed); the line's sharp ends, which a smooth generator blurs, "
          "are what the kernel distance penalises.",
)


def noise_kinds(ctx):
    def compute(c):
        fake, fresh = gan_2d(c, ring, standardise=True, noise="uniform")
        return {"uniform": mmd2(fake, fresh, BANDWIDTH)}
    r = once(ctx, "gan-lab-2d", "uniform-noise", compute)
    rl = ring_and_line(ctx)
    return {"log_mmd2_normal": rl["log_mmd2_ring"], "log_mmd2_uniform": r["uniform"].log(),
            "mmd2_normal": rl["mmd2_ring"], "mmd2_uniform": r["uniform"]}


NOISE_KIND = Claim(
    id="gan-noise-distribution-free",
    statement="A GAN's input noise need not be normal: the 2-D ring GAN trained on uniform noise of the same mean "
              "and variance matches the ring basically as well as with normal noise.",
    sources=(Source(DOC, HANDS_ON, (24, 24),
                    "doesn't necessarily have to be a normal distribution. You could try a uniform distribution here "
                    "if you wanted to as well"),),
    kind=Kind.EQUIVALENCE, topic="generative",
    metric="log RBF-MMD^2 (bandwidth 0.2) of 1,000 samples to 1,000 fresh ring points, both standardised",
    arms=("log_mmd2_normal", "log_mmd2_uniform"), direction="equivalent", delta=math.log(1 + SAME_REL),
    experiment=noise_kinds, sizes=SIZES_2D,
    expect=Verdict.INCONCLUSIVE,
    expect_reason="measured inconclusive (ci, 12 seeds): -0.4285 [-0.5887, -0.2715]; means log_mmd2_normal -4.997, log_mmd2_uniform -4.569; seed family 7: -0.0498 [-0.265, 0.2251], inconclusive; seed family 12345: +0.1104 [-0.105, 0.402], inconclusive. Uniform noise matched the ring worse in the default family (MMD^2 about 1.5x), not in families 7 and 12345; the default family's first seed failed with both noises (log MMD^2 about -2)",
    notes="Designed 2026-12-07 before its first run. The course's GAN draws 150-dimensional normal noise for "
          "Fashion-MNIST (a GPU job here); GAN Lab's 2-D ring GAN of this module stands in: the same nets, data, "
          "init and order streams as gan-learns-a-line-much-better-than-a-ring's ring arm (its normal-noise run is "
          "this claim's normal arm), 2-D noise N(0, 1) against U(-sqrt 3, sqrt 3), both of mean 0 and variance 1. "
          "delta: 'basically the same' on a distance is within 20% (harness/declaring/vague_words.py), log(1.2) on the log "
          "scale.",
)


def activations(ctx):
    def compute(c):
        fake, fresh = gan_2d(c, ring, standardise=True, d_act="leaky_relu", g_act="relu")
        return {"swapped": mmd2(fake, fresh, BANDWIDTH)}
    r = once(ctx, "gan-lab-2d", "swapped", compute)
    rl = ring_and_line(ctx)
    return {"log_mmd2_course": rl["log_mmd2_ring"], "log_mmd2_swapped": r["swapped"].log(),
            "mmd2_course": rl["mmd2_ring"], "mmd2_swapped": r["swapped"]}


ACTIVATIONS = Claim(
    id="gan-relu-discriminator-leaky-generator-works-better",
    statement="The course's choice (ReLU in the discriminator, LeakyReLU in the generator) learns the ring better "
              "than the reverse (LeakyReLU in D, ReLU in G, the DCGAN paper's advice).",
    sources=(Source(DOC, HANDS_ON, (24, 24),
                    "we're using the ReLu activation function here on the discriminator and the leaky ReLu "
                    "activation function on the generator. And that's just something that people have learned over "
                    "time that work works well. Just standard best practice there."),),
    kind=Kind.COMPARATIVE, topic="generative", metric="log RBF-MMD^2 to fresh ring points (lower is better)",
    arms=("log_mmd2_course", "log_mmd2_swapped"), direction="less", delta=-math.log(1 - REL),
    experiment=activations, sizes=SIZES_2D,
    expect=Verdict.INCONCLUSIVE,
    expect_reason=("measured (ci): log MMD^2 course - swapped = -0.38 [-1.72, 0.07] vs delta 0.105; two swapped seeds "
                   "failed, the rest are alike. Full (48 seeds): inconclusive, -0.12 [-0.51, 0.24]."),
    notes="'best practice' read as better than the alternative the quote implies; delta: the table's 10% relative "
          "'better'. Same seeds, initial draws and data for both arms; the ring arm is the ring run of "
          "gan-learns-a-line-much-better-than-a-ring.",
)


def collapse(ctx):
    fake, fresh = gan_2d(ctx, mixture_modes, standardise=False)
    return {"modes_in_data": modes_covered(fresh), "modes_generated": modes_covered(fake),
            "mmd2": mmd2(fake, fresh, BANDWIDTH)}


MODE_COLLAPSE = Claim(
    id="gan-mode-collapse-on-eight-gaussians",
    statement="A GAN can settle on making some kinds of thing well and drop the others (mode collapse): trained on "
              "eight Gaussians around a circle, the generator covers fewer of them than the data do.",
    sources=(Source(DOC, THEORY, (22, 22),
                    "And that's a problem that's called mode collapse, where we just learned how to make one "
                    "specific kind of thing really well."),),
    kind=Kind.COMPARATIVE, topic="generative",
    metric="modes (of 8) holding >= 2.5% of 1,000 points within 3 sd of their centre",
    arms=("modes_in_data", "modes_generated"), direction="greater", delta=0.5,
    experiment=collapse, sizes=SIZES_2D,
    expect=Verdict.INCONCLUSIVE,
    expect_reason=("measured (ci): 8 - modes generated = 0.58 [0.08, 1.67]; 9 of 12 seeds cover all 8 modes, 3 lose 1-4."
                   " Seed family 577 (ci): refuted, all 12 seeds cover all 8 modes; full (48 seeds): inconclusive, 0.44 "
                   "[0.17, 1.0]."),
    notes="delta 0.5: at least one whole mode lost on average (counts are integers). Modes: radius 1, sd 0.05. "
          "Same networks and schedule as the ring and line runs.",
)


def capacity(ctx):
    """Data: 1/2 N(-2, 0.3^2) + 1/2 N(2, 0.3^2); 'generator': N(0, 4.09), the data's mean and variance. A linear
    (logistic) discriminator and a 1-32-32-1 ReLU one, trained on 4,000 real + 4,000 fake points (Adam, 40
    epochs), scored on as many fresh ones."""
    s = ctx.sizes

    def draw(name, n):
        X, y = [], []
        for seed in ctx.seeds:
            g = ctx.generator(seed, name)
            real = torch.where(torch.rand(n, generator=g) < 0.5, -2.0, 2.0) + 0.3 * torch.randn(n, generator=g)
            fake = math.sqrt(4.09) * torch.randn(n, generator=g)
            X.append(torch.cat([real, fake]).unsqueeze(1))
            y.append(torch.cat([torch.ones(n), torch.zeros(n)]).long())
        return torch.stack(X), torch.stack(y)
    X, y = draw("train", s["n"])
    Xt, yt = draw("test", s["n"])
    out = {}
    for name, sizes_ in (("linear", (1, 1)), ("mlp", (1, 32, 32, 1))):
        m = BatchedMLP(sizes_, ctx.stream("init-" + name), device=ctx.device)
        train(m, X, y, TrainConfig(epochs=s["epochs"], lr=1e-2, batch_size=256, optimizer="adam", loss="bce_logits"),
              ctx.stream("order"))
        out[name] = evaluate(m, Xt, yt)
    return {"mlp_discriminator_accuracy": out["mlp"], "linear_discriminator_accuracy": out["linear"]}


CANT_TELL = Claim(
    id="discriminator-at-chance-does-not-mean-done",
    statement="A discriminator that can no longer tell real from fake does not show the generator is done: against "
              "a one-Gaussian 'generator' with the data's mean and variance, a linear discriminator stays at chance "
              "while a small MLP discriminator tells the two apart far better.",
    sources=(Source(DOC, THEORY, (22, 22),
                    "And when he got to the point where the discriminator can no longer tell the difference. That's "
                    "when we're done training."),),
    kind=Kind.COMPARATIVE, topic="generative", metric="held-out real-vs-fake accuracy",
    arms=("mlp_discriminator_accuracy", "linear_discriminator_accuracy"), direction="greater",
    delta=VAGUE["much better"].delta, experiment=capacity,
    sizes={"smoke": {"seeds": (12,), "n": 500, "epochs": 2}, "ci": {"seeds": (12,), "n": 4000, "epochs": 40},
           "full": {"seeds": (24, 48), "n": 4000, "epochs": 40}},
    expect=Verdict.SUPPORTED,
    expect_reason=("measured (ci): MLP discriminator 0.833 vs linear 0.504, +0.329 [0.301, 0.364] > 0.05"),
    notes="The Bayes accuracy for these two distributions is about 0.83; the game's theory (D* = 1/2 iff p_g = "
          "p_data, gan-minmax-optimum-is-js-divergence) holds only for a discriminator that can represent D*.",
)


# ------------------------------------------------------------------------------ the hands-on GAN (full only)
SIZES_CONV = {
    "smoke": {"seeds": (12,), "g_channels": (8, 4, 2), "d_channels": (4, 2), "d_dense": 4, "n_train": 128,
              "epochs": 1, "early": 1, "lr": 2e-4, "n_samples": 100},
    "full": {"seeds": (12,), "g_channels": (256, 128, 64), "d_channels": (256, 128), "d_dense": 64, "n_train": None,
             "epochs": 30, "early": 10, "lr": 2e-4, "n_samples": 2000},
}
REQUIRES_CONV = {"ci": "a convolutional GAN needs thousands of steps before its samples are digits (the course: 30 "
                       "epochs of 70,000 images, about 30 minutes on a GPU); a few CPU-seconds give blobs, whose "
                       "class histogram would only reflect the reduction"}
UNMEASURED_CONV = {"full": "12 seeds of the document's GAN for 30 (+10) epochs on 70,000 images is a GPU job; no GPU "
                           "was lent to this session"}


def conv_fit(ctx):
    """The course's GAN on merged MNIST, trained for `early` epochs and, separately with the same seeds (an
    exact prefix), for `epochs`; samples judged by the reference classifier, and the final D's accuracy on
    held-out real images and fresh fakes."""
    s = ctx.sizes
    X, _ = mnist_images(ctx, s["n_train"])
    out = {}
    for tag, E in (("early", s["early"]), ("final", s["epochs"])):
        G, D = conv_gan(150, s["g_channels"], s["d_channels"], s["d_dense"])
        Gb = G.build(ctx.stream("g-init"), device=ctx.device)
        Db = D.build(ctx.stream("d-init"), device=ctx.device)
        cfg = adam(E, s["lr"])
        train_gan(Gb, Db, X, cfg, cfg, ctx.stream("order"), ctx.stream("noise"))
        fake = sample_gan(Gb, s["n_samples"], ctx.stream("sample"), ctx.device)
        out[tag] = judge(ctx, fake.cpu())
        if tag == "final":
            real = X[-s["n_samples"]:].to(ctx.device)
            fresh = sample_gan(Gb, s["n_samples"], ctx.stream("sample-d"), ctx.device)
            Xd = torch.cat([real.unsqueeze(0).expand(len(ctx.seeds), *real.shape), fresh], 1)
            yd = torch.cat([torch.ones(s["n_samples"]), torch.zeros(s["n_samples"])]).long()
            out["d_acc"] = evaluate(Db, Xd, yd.expand(len(ctx.seeds), -1))
    return out


def conv_run(ctx):
    return once(ctx, "conv-gan-mnist", "fit", conv_fit)


def conv_collapse(ctx):
    r = conv_run(ctx)
    return {"real_coverage": [10.0] * len(ctx.seeds), "generated_coverage": r["final"]["coverage"],
            "generated_entropy": r["final"]["entropy"]}


CONV_COLLAPSE = Claim(
    id="gan-hands-on-mode-collapse",
    statement="After the course's 30 epochs the GAN's samples cover fewer kinds of image than the data (mode "
              "collapse): on MNIST, fewer of the ten digits hold at least 2.5% of its samples.",
    sources=(Source(DOC, HANDS_ON, (24, 24),
                    "So we're seeing that mode collapse problem that we talked about before"),),
    kind=Kind.COMPARATIVE, topic="generative",
    metric="classes (of 10) holding >= 2.5% of 2,000 samples, by the reference classifier",
    arms=("real_coverage", "generated_coverage"), direction="greater", delta=0.5,
    experiment=conv_collapse, sizes=SIZES_CONV, requires=REQUIRES_CONV, unmeasured=UNMEASURED_CONV,
    expect=Verdict.INCONCLUSIVE, expect_reason="not measured (ci skipped, full unmeasured)",
    notes="MNIST stands in for Fashion-MNIST (not available here); all ten digit classes hold 9-11% of MNIST.",
)


def conv_improves(ctx):
    r = conv_run(ctx)
    return {"confidence_epoch_30": r["final"]["confidence"], "confidence_epoch_10": r["early"]["confidence"]}


CONV_IMPROVES = Claim(
    id="gan-hands-on-keeps-improving-after-epoch-10",
    statement="The course's GAN keeps getting better after its samples become recognisable (epoch 10): at epoch 30 "
              "a fixed classifier is more confident about its samples than at epoch 10.",
    sources=(Source(DOC, HANDS_ON, (24, 24),
                    "And by the time we get to 10, there are definitely starting to become recognizable. Over time. "
                    "It just gets better and better and better."),),
    kind=Kind.COMPARATIVE, topic="generative", metric="reference classifier's mean max-softmax on 2,000 samples",
    arms=("confidence_epoch_30", "confidence_epoch_10"), direction="greater", delta=VAGUE["better"].delta,
    experiment=conv_improves, sizes=SIZES_CONV, requires=REQUIRES_CONV, unmeasured=UNMEASURED_CONV,
    expect=Verdict.INCONCLUSIVE, expect_reason="not measured (ci skipped, full unmeasured)",
)


def conv_d_acc(ctx):
    r = conv_run(ctx)
    return {"discriminator_accuracy": r["d_acc"], "chance": [0.5] * len(ctx.seeds)}


CONV_D = Claim(
    id="gan-hands-on-discriminator-still-above-chance",
    statement="After the course's 30 epochs the discriminator still tells real from fake well above chance (the "
              "course: 80%), so by the course's own criterion the GAN is not done.",
    sources=(Source(DOC, HANDS_ON, (24, 24),
                    "And the discriminator was still only 80% effective at discriminating real from fake. So there "
                    "was still room for improvement here."),),
    kind=Kind.COMPARATIVE, topic="generative",
    metric="D's accuracy on 2,000 real images (the merged set's last, seen in training: the course keeps no "
           "held-out set) and 2,000 fresh fakes",
    arms=("discriminator_accuracy", "chance"), direction="greater", delta=VAGUE["much better"].delta,
    experiment=conv_d_acc, sizes=SIZES_CONV, requires=REQUIRES_CONV, unmeasured=UNMEASURED_CONV,
    expect=Verdict.INCONCLUSIVE, expect_reason="not measured (ci skipped, full unmeasured)",
    document_figures={"discriminator_accuracy": 0.80},
)


def sampling_cost(ctx):
    """The course's generator and discriminator at the document's sizes (untrained: a forward pass costs the
    same whatever the weights): CPU (or synchronised GPU) time of one training step at batch 64 after a
    warm-up step, times the 1,094 steps of an epoch over 70,000 images, against the time to draw the 9 x 9
    grid of 81 images. Error: how far the ratio exceeds 'negligible' (1%), in units of 1%."""
    from harness.running.device import Clock
    G, D = conv_gan()
    Gb = G.build(ctx.stream("g-init"), device=ctx.device)
    Db = D.build(ctx.stream("d-init"), device=ctx.device)
    X, _ = mnist_images(ctx, 64)
    cfg = adam(1, 2e-4)
    train_gan(Gb, Db, X, cfg, cfg, ctx.stream("order"), ctx.stream("noise"))          # warm-up step
    with Clock(ctx.device) as step:
        train_gan(Gb, Db, X, cfg, cfg, ctx.stream("order"), ctx.stream("noise"))
    with Clock(ctx.device) as gen:
        sample_gan(Gb, 81, ctx.stream("sample"), ctx.device)
    epoch = step.seconds * math.ceil(70_000 / 64)
    ratio = gen.seconds / epoch
    ctx.note("clock", step.kind)
    ctx.note("step_seconds", step.seconds)
    ctx.note("epoch_seconds_estimate", epoch)
    ctx.note("grid_of_81_seconds", gen.seconds)
    ctx.note("ratio", ratio)
    tol = VAGUE["negligible"].delta
    return {"error": [max(0.0, ratio / tol - 1)]}


FAST_SAMPLING = Claim(
    id="gan-generates-images-quickly-once-trained",
    statement="Once trained, the course's generator draws its 9 x 9 grid of 81 images in a negligible fraction "
              "(under 1%) of the time one training epoch takes.",
    sources=(Source(DOC, HANDS_ON, (24, 24),
                    "noteworthy how quickly it can generate those images once you have the trained model"),
             Source(DOC, THEORY, (22, 22),
                    "But once you have it, it's a very efficient way of creating fake images of faces or whatever it "
                    "is you're trying to create")),
    kind=Kind.IDENTITY, topic="generative", metric="(grid time / epoch time) beyond 1%, in units of 1%",
    direction="holds", tolerance=0.0, experiment=sampling_cost,
    sizes={p: {"seeds": 1} for p in ("smoke", "ci", "full")},
    expect=Verdict.SUPPORTED,
    expect_reason=("measured (CPU, document sizes): one step 0.66 s, epoch about 720 s, 81 images 0.094 s: ratio 1.3e-4,"
                   " under 1%"),
    notes="'very efficient' read with the vague-word table's 'negligible' (1% of the compared quantity). The "
          "document's sizes; the epoch is estimated from one timed step (70,000 / 64 = 1,094 steps).",
)


UNEXECUTABLE = [
    Unexecutable(
        id="gan-playground-discriminator-60-percent",
        statement="In the GAN Playground on MNIST the discriminator reaches about 60% early in training.",
        sources=(Source(DOC, DEMOS, (23, 23), "This is actually using the old m-nest dataset instead of those more "
                                              "synthetic data distribution."),),
        reason="a live browser demo (GAN Playground) whose architecture, schedule and moment of reading are not "
               "given; one unseeded run seen on screen"),
    Unexecutable(
        id="gaugan-demo",
        statement="NVIDIA's GauGAN turns a sketch of labelled regions into a photo-like landscape.",
        sources=(Source(DOC, DEMOS, (23, 23), "So this is an Nvidia GAN demo called Gauguin."),),
        reason="a proprietary web demo with pretrained weights that are not available here"),
    Unexecutable(
        id="gan-training-energy-cost",
        statement="Training GANs consumes a lot of energy.",
        sources=(Source(DOC, HANDS_ON, (24, 24),
                        "So the other sort of dirty secret of deep learning is how much energy it consumes"),),
        reason="an observation about energy use (the course's GPU heating the office); no energy meter here"),
]
