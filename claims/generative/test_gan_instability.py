"""Document 004, lecture 22 (file line 23; also lecture 21, line 22): GANs are "very unstable" - restart
one and "we'd probably get different results".

GAN Lab's ring demo in code, as in ``test_gan.py`` (the same 2-D generator and discriminator, data and
schedule), run twice per seed: two restarts on the same training sample, each with its own
initialisation, data order and noise. The run-to-run difference is measured directly, as the
distance between the two restarts' results: the RBF-MMD^2 between their samples. The same is done
for a maximum-likelihood model fit to the same sample, a 16-component Gaussian mixture fit by EM
(``harness.recipes.generative_measures.gmm_samples``), restarted with its own initialisation.
"""
from __future__ import annotations

import math

import torch

from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.declaring.vague_words import VAGUE
from harness.recipes.generative_measures import gmm_samples, mlp_gan, mmd2_sets, ring, sample_gan
from harness.running.seeds import substream
from harness.training import train_gan
from harness.training.engine import TrainConfig

DOC = "004_2947cf972490c874.txt"
THEORY = "21. Generative Adversarial Networks (GAN's)"
DEMOS = "22. GAN Demos & Live Training"
MUCH_REL = 5 * VAGUE["better (relative)"].delta      # 'much': five times the unqualified word (as test_gan.py)
BANDWIDTH = 0.2                                      # as test_gan.py's ring and line claims
RESTARTS = 2


def restarts(ctx):
    """Per seed: one ring training sample (standardised, as test_gan.py), two GAN restarts and two
    Gaussian-mixture restarts on it; every run draws ``n_eval`` samples. Arms: log MMD^2 between the
    two restarts' samples, per model family. Extras: each run's log MMD^2 to fresh ring points, and
    two fresh ring samples' log MMD^2 to each other (what two identical distributions give)."""
    s = ctx.sizes
    K = len(ctx.seeds)
    real = [ring(s["n_real"], ctx.generator(seed, "real")) for seed in ctx.seeds]
    fresh = [ring(s["n_eval"], ctx.generator(seed, "fresh")) for seed in ctx.seeds]
    fresh2 = [ring(s["n_eval"], ctx.generator(seed, "fresh-2")) for seed in ctx.seeds]
    stats = [(r.mean(0), (r - r.mean(0)).pow(2).sum(1).mean().sqrt()) for r in real]
    real = torch.stack([(r - m) / sd for r, (m, sd) in zip(real, stats)])
    fresh = torch.stack([(f - m) / sd for f, (m, sd) in zip(fresh, stats)])
    fresh2 = torch.stack([(f - m) / sd for f, (m, sd) in zip(fresh2, stats)])
    # run r of seed k is model r * K + k; every run has its own streams, both restarts the seed's data
    runs = [substream(seed, f"restart-{r}") for r in range(RESTARTS) for seed in ctx.seeds]
    X = real.repeat(RESTARTS, 1, 1)
    G, D = mlp_gan(32)
    Gb = G.build([substream(x, "g-init") for x in runs], device=ctx.device)
    Db = D.build([substream(x, "d-init") for x in runs], device=ctx.device)
    cfg = TrainConfig(epochs=s["epochs"], lr=1e-3, batch_size=64, optimizer="adam", drop_last=True,
                      optimizer_kwargs={"betas": (0.5, 0.999)})
    train_gan(Gb, Db, X, cfg, cfg, [substream(x, "order") for x in runs], [substream(x, "noise") for x in runs])
    fake = sample_gan(Gb, s["n_eval"], [substream(x, "sample") for x in runs], ctx.device).cpu()
    mix = gmm_samples(X, s["n_eval"], [substream(x, "gmm-init") for x in runs],
                      [substream(x, "gmm-sample") for x in runs], s["components"])
    sets = {"gan0": fake[:K], "gan1": fake[K:], "gmm0": mix[:K], "gmm1": mix[K:], "data": fresh, "data2": fresh2}
    pairs = [("gan0", "gan1"), ("gmm0", "gmm1"), ("data", "data2"),
             ("gan0", "data"), ("gan1", "data"), ("gmm0", "data"), ("gmm1", "data")]
    m = {k: v.log() for k, v in mmd2_sets(sets, pairs, BANDWIDTH).items()}
    return {"log_mmd2_between_gan_restarts": m[("gan0", "gan1")],
            "log_mmd2_between_gmm_restarts": m[("gmm0", "gmm1")],
            "log_mmd2_data_to_data": m[("data", "data2")],
            "log_mmd2_gan_restart0_to_data": m[("gan0", "data")],
            "log_mmd2_gan_restart1_to_data": m[("gan1", "data")],
            "log_mmd2_gmm_restart0_to_data": m[("gmm0", "data")],
            "log_mmd2_gmm_restart1_to_data": m[("gmm1", "data")]}


SIZES = {"smoke": {"seeds": (12,), "n_real": 512, "n_eval": 300, "epochs": 3, "components": 16},
         "ci": {"seeds": (12,), "n_real": 2048, "n_eval": 1000, "epochs": 40, "components": 16},
         # GAN Lab states no sizes: full is ci's run with more seeds
         "full": {"seeds": (24, 48), "n_real": 2048, "n_eval": 1000, "epochs": 40, "components": 16}}

INSTABILITY = Claim(
    id="gan-run-to-run-instability",
    statement="A GAN's result depends on the run far more than a maximum-likelihood model's: restarted on the same "
              "ring data (the GAN Lab demo), two runs of the small 2-D GAN end at least 1.5 times further apart "
              "(RBF-MMD^2 between their samples) than two EM fits of a 16-component Gaussian mixture.",
    sources=(Source(DOC, DEMOS, (23, 23),
                    "the thing with GANs is that they're very unstable. So it really takes just the right set of "
                    "hyperparameters for this to work right in a stroke of luck. Luck, quite frankly, because there "
                    "are some random components to the training going on here."),
             Source(DOC, DEMOS, (23, 23),
                    "It seems if we were to start it again, we'd probably get different results."),
             Source(DOC, THEORY, (22, 22), "The training can be very unstable.")),
    kind=Kind.COMPARATIVE, topic="generative",
    metric="log RBF-MMD^2 (bandwidth 0.2) between 1,000 samples of each of two restarts on the same standardised "
           "ring sample",
    arms=("log_mmd2_between_gan_restarts", "log_mmd2_between_gmm_restarts"), direction="greater",
    delta=math.log(1 + MUCH_REL), experiment=restarts, sizes=SIZES,
    expect=Verdict.SUPPORTED,
    expect_reason=("measured supported (ci, 12 seeds): +1.549 [1.198, 2.004]; means log_mmd2_between_gan_restarts "
                   "-4.699, log_mmd2_between_gmm_restarts -6.248; seed family 7: +1.546 [1.222, 1.784], supported; "
                   "seed family 12345: +1.798 [1.372, 2.814], supported. All 36 seeds' differences exceed delta. Two "
                   "mixture restarts end as close as two samples of the ring itself (log MMD^2 about -6.2 both), two "
                   "GAN restarts about 4.7 times further apart; each GAN run is about e^-5.0 from the data, so the two "
                   "restarts err in different directions, not the same one. Family 12345 has one failed GAN restart "
                   "(log MMD^2 between its restarts -1.43). Full: measured supported (full, 24 seeds): +1.615 "
                   "[1.332, 1.981] at its first look (its first 12 seeds are ci's)."),
    notes="Designed 2026-12-07 before its first measured run. "
          "Reading: the document says GAN training is 'very unstable' and that a restart 'would probably get "
          "different results', its result a 'stroke of luck' because of 'random components to the training'; read "
          "as the document means it, a GAN's result depends on the run far more than a likelihood model's fit to "
          "the same data. The hyperparameter half of the quote ('just the right set of hyperparameters') is not "
          "tested here: the hyperparameters are fixed and only the run's randomness changes. "
          "Arms: per seed one ring training sample (2,048 points, standardised) and two restarts of each model on "
          "it, each restart with its own streams (GAN: G and D initialisation, data order, noise, samples; mixture: "
          "k-means initialisation, samples). GAN: test_gan.py's GAN Lab stand-in (G and D two hidden layers of 32, "
          "D ReLU, G LeakyReLU, 2-D normal noise, Adam 1e-3 beta1 0.5, batch 64, 40 epochs = 1,280 steps). "
          "Baseline: a 16-component full-covariance Gaussian mixture by EM with scikit-learn's defaults (the "
          "catalog's 'maximum-likelihood baseline of similar capacity': both represent the ring well; the mixture "
          "has 95 parameters, the generator 1,218). The contrast is the GAN's whole recipe (adversarial game, "
          "minibatch Adam, input noise) against a likelihood fit by EM, as the catalog proposes; it does not "
          "separate the adversarial game from minibatch training of a neural net in general. "
          "Metric: the distance between the two restarts' results, MMD^2 between their 1,000 samples, not a "
          "spread of each run's distance to the data: a per-seed spread across the family's seeds (a Levene / "
          "Brown-Forsythe deviation from the median) makes seeds dependent, and a run's MMD^2 to the data has an "
          "evaluation noise that grows with the model's error, so a worse but perfectly repeatable model would "
          "look 'less stable'. Between two restarts, two runs that learned the same distribution give the floor "
          "that two samples of one distribution give (the extra log_mmd2_data_to_data) whatever their quality, "
          "so only runs that differ raise it. Each seed's pair of restarts is its own, so the per-seed values are "
          "independent and paired across the arms by the training sample (the decision rule's assumption holds). "
          "The V-statistic's floor (about 2 (1 - E k) / 1,000) is added to both arms, which pulls the log ratio "
          "towards 0: conservative for the claim. "
          "delta: 'very unstable' as 'much more run-to-run difference' on a distance, relative: 1.5 x, five times "
          "the table's 10% relative 'better' (harness/declaring/vague_words.py), log(1.5) = 0.405 on the log "
          "scale, as test_gan.py reads 'much better' on this MMD^2. One look of 12 seeds in ci (24 GAN runs and "
          "24 mixture fits), 24 -> 48 in full.",
)
