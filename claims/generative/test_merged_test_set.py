"""Document 004, lectures 20 and 23 (file lines 21 and 24): "combine our training and test data together".

The course merges Fashion-MNIST's 60,000 training and 10,000 test images into one training set for its
VAE and its GAN, because a generative model is "not a classification problem": the test set "isn't really
useful for this problem ... I'm just gonna use it for extra training data" (line 21); "there's really no
use for the test dataset here" (line 24).

Read as the document means it: a held-out set is of no use to a generative model. What a held-out set
gives any model is a measure the training data cannot give: how much of the training loss is memorised.
So two claims, on one pair of fits per seed (one family, ``merged-test-set-vae``):

* the VAE trained on the training part only, scored on held-out images, shows a loss above its training
  loss (the generalisation gap; no held-out set, no such number);
* the VAE trained on the training and held-out images merged (the course's choice) still scores worse on
  images it has never seen than on the held-out images it was given: the gap exists, and merging the
  held-out set into training hides it.

Per seed (stream "split"), a random split of the data into train, held-out and fresh images; model A trains
on train, model B on train + held-out (the merge), each from its own seed's init, order and noise streams
(streams "init", "order", "noise"; B's with the suffix "-merged"). The measure is the VAE's loss per image,
the negative ELBO with beta = 1 (summed pixel binary cross-entropy of the reconstruction + KL to N(0, I)),
in eval mode (z = the encoder's mean), averaged over a set's images: the number a held-out evaluation of a
VAE reports. The course trains with 3 x KL (lecture 20); beta = 1 makes the loss the ELBO.

ci: scikit-learn's 8x8 digits (pixels / 16 in [0, 1], as the course scales to [0, 1] for the sigmoid), a
dense VAE sized so it can overfit: 100 training images, 100 held-out, 300 fresh, one hidden layer of 256
units each side, latent 2 (the course's), Adam 3e-3, batch 20, 200 epochs. ``full`` is the course's
convolutional VAE (``harness.recipes.generative_measures.conv_vae``) on MNIST's 70,000 images (the
stand-in for Fashion-MNIST, not available here) split 50,000 / 10,000 / 10,000, 32 epochs, batch 128:
unmeasured (a GPU run; none lent to this session). Whether the course's own 70,000-image VAE overfits
enough to show a gap is what ``full`` would measure; ci answers whether a held-out set can show one.
"""
from __future__ import annotations

import math

import numpy as np
import torch

from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.declaring.vague_words import VAGUE
from harness.recipes.generative_measures import conv_vae, mnist_images, vae_terms
from harness.recipes.shared_runs import shared_experiment
from harness.recipes.tabular_sets import digits_tensors
from harness.training import VAE, Linear, Net, ReLU, vae_loss
from harness.training.engine import TrainConfig, outputs, train
from harness.training.experiments import rows

DOC = "004_2947cf972490c874.txt"
VAE_SECTION = "20. VAE's: Hands-On with Fashion MNIST"
GAN_SECTION = "23. GAN's: Hands-On with Fashion MNIST"
SOURCES = (
    Source(DOC, VAE_SECTION, (21, 21),
           "First thing we're gonna do is combine our training and test data together. Why? Because this is not a "
           "classification problem ... that test dataset with that label data. That tells me if I classified it "
           "right, isn't really useful for this problem. So instead, I'm just gonna use it for extra training data."),
    Source(DOC, GAN_SECTION, (24, 24),
           "we're going to merge together the training and testing datasets just to get more training data. Again, "
           "our goal here is not to classify data, is to generate fake data. So there's really no use for the test "
           "dataset here."),
)
FAMILY = "merged-test-set-vae"
# 'no use' is denied by a held-out loss that is higher than the training loss by the table's unqualified
# relative change on a loss ('better (relative)': 10% of the weaker arm), compared as log ratios.
DELTA = math.log(1 + VAGUE["better (relative)"].delta)

SIZES = {
    "smoke": {"seeds": (12,), "data": "digits", "n_train": 50, "n_held": 50, "n_fresh": 100, "hidden": 64,
              "latent": 2, "epochs": 20, "batch": 25, "lr": 3e-3},
    "ci": {"seeds": (12,), "data": "digits", "n_train": 100, "n_held": 100, "n_fresh": 300, "hidden": 256,
           "latent": 2, "epochs": 200, "batch": 20, "lr": 3e-3},
    "full": {"seeds": (12,), "data": "mnist", "n_train": 50000, "n_held": 10000, "n_fresh": 10000,
             "filters": (128, 64), "hidden": 256, "latent": 2, "epochs": 32, "batch": 128, "lr": 1e-3},
}
UNMEASURED = {"full": "the course's convolutional VAE on 70,000 MNIST images (the Fashion-MNIST stand-in), 32 epochs, "
                      "two fits x 12 seeds: a GPU run, and no GPU was lent to this session"}


def dense_vae(pixels: int, hidden: int, latent: int) -> VAE:
    enc = Net((pixels,), [Linear(hidden), ReLU(), Linear(2 * latent)], init="glorot_uniform")
    dec = Net((latent,), [Linear(hidden), ReLU(), Linear(pixels)], init="glorot_uniform")
    return VAE(enc, latent, dec)


def per_image_loss(model, X: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Per seed (K,): mean negative ELBO (beta 1, z = mu), its reconstruction and KL terms, float64."""
    bce, kl = vae_terms(outputs(model, X), X.to(model.encoder.device))
    bce, kl = bce.double().mean(1).cpu(), kl.double().mean(1).cpu()
    return bce + kl, bce, kl


def target_entropy(X: torch.Tensor) -> torch.Tensor:
    """Per seed, the mean over images of the summed binary entropy of the pixel targets: the floor of the
    summed BCE (0 for pixels at 0 or 1), the same for every model, noted to read the loss levels."""
    p = X.double().clamp(1e-12, 1 - 1e-12)
    h = -(p * p.log() + (1 - p) * (1 - p).log())
    return h.reshape(*X.shape[:2], -1).sum(-1).mean(1)


@shared_experiment(FAMILY)
def fits(ctx):
    s = ctx.sizes
    if s["data"] == "digits":
        X, _ = digits_tensors(ctx)
        spec = dense_vae(X.shape[1], s["hidden"], s["latent"])
    else:
        X, _ = mnist_images(ctx, None)
        spec = conv_vae(s["filters"], s["hidden"], s["latent"])
    n_tr, n_he, n_fr = s["n_train"], s["n_held"], s["n_fresh"]
    perms = np.stack([ctx.rng(seed, "split").permutation(len(X))[:n_tr + n_he + n_fr] for seed in ctx.seeds])
    idx = torch.as_tensor(perms)
    train_x, held_x = rows(X, idx[:, :n_tr]), rows(X, idx[:, n_tr:n_tr + n_he])
    fresh_x, merged_x = rows(X, idx[:, n_tr + n_he:]), rows(X, idx[:, :n_tr + n_he])
    cfg = TrainConfig(epochs=s["epochs"], lr=s["lr"], batch_size=s["batch"], optimizer="adam", loss=vae_loss)
    out: dict[str, torch.Tensor] = {}
    for name, data, suffix in (("separate", train_x, ""), ("merged", merged_x, "-merged")):
        model = spec.build(ctx.stream("init" + suffix), device=ctx.device)
        train(model, data, data, cfg, ctx.stream("order" + suffix), noise_seeds=ctx.stream("noise" + suffix))
        for part, images in (("train", train_x), ("held", held_x), ("fresh", fresh_x)):
            total, bce, kl = per_image_loss(model, images)
            out[f"{name}_{part}_loss"], out[f"{name}_{part}_recon"], out[f"{name}_{part}_kl"] = total, bce, kl
    for part, images in (("train", train_x), ("held", held_x), ("fresh", fresh_x)):
        out[f"{part}_pixel_entropy"] = target_entropy(images)
    return out


def held_out_gap(ctx):
    r = fits(ctx)
    return {"log_separate_held_loss": r["separate_held_loss"].log(),
            "log_separate_train_loss": r["separate_train_loss"].log(), **r}


def merge_hides_gap(ctx):
    r = fits(ctx)
    return {"log_merged_fresh_loss": r["merged_fresh_loss"].log(),
            "log_merged_held_loss": r["merged_held_loss"].log(), **r}


NOTES = ("delta: the vague-word table's 'better (relative)', 10% of the weaker arm on a loss (log ratio 0.0953), "
         "against the document's 'no use'. ci: 8x8 digits, a dense VAE (256 hidden units each side, latent 2) on 100 "
         "training images for 200 epochs, sized so that it can overfit; the course's VAE, on 70,000 images, is full's "
         "(unmeasured). The BCE of [0, 1] targets has a floor (the pixels' own binary entropy, noted per set as "
         "*_pixel_entropy): the ratio of two losses understates the gap in the part a model can learn.")

# what both claims share: one measure, one direction and threshold, one pair of fits
COMMON = dict(sources=SOURCES, kind=Kind.COMPARATIVE, topic="generative",
              metric="log of the mean negative ELBO per image (summed pixel BCE + KL, z = mu)",
              direction="greater", delta=DELTA, sizes=SIZES, unmeasured=UNMEASURED)

HELD_OUT_GAP = Claim(
    id="vae-held-out-loss-shows-overfitting-training-loss-cannot",
    statement="A held-out set is of use to a generative model: a VAE that can overfit scores a higher loss (negative "
              "ELBO per image) on held-out images than on its training images, by more than 10%, a gap its training "
              "data cannot show (the course calls the test set of no use and merges it into training).",
    arms=("log_separate_held_loss", "log_separate_train_loss"), experiment=held_out_gap, **COMMON,
    expect=Verdict.INCONCLUSIVE,
    expect_reason=("measured inconclusive (ci, 12 seeds): +0.0774 [0.0674, 0.0905]; means log_separate_held_loss 3.216, "
                   "log_separate_train_loss 3.138 (24.92 against 23.07 nats per image: 8% higher); seed family 7: "
                   "+0.0681 [0.0584, 0.0754], refuted; seed family 12345: +0.0707 [0.0603, 0.0829], inconclusive. The "
                   "held-out loss is above the training loss in every one of the 36 seeds (log ratio 0.039 to 0.122), so "
                   "the held-out set does show a gap the training data cannot; at this size the gap is 7-8% of the loss, "
                   "not shown to exceed the 10% threshold and in one family shown below it. Above the pixels' entropy "
                   "floor (13.6 nats per image) the held-out excess is 16-19% above the training excess (extra values)."),
    notes=NOTES + " One look of 12 seeds, for the ci budget (15 CPU-seconds for both fits); the three families' "
                  "disagreement (inconclusive, refuted, inconclusive) is one of power at a boundary the effect sits near.",
)

MERGE_HIDES_GAP = Claim(
    id="merging-held-out-set-into-training-hides-vae-overfitting",
    statement="Merged into the training set (the course's choice), the held-out images no longer show the gap: the "
              "merged VAE scores a higher loss on images it has never seen than on the merged-in held-out images, by "
              "more than 10%, a gap no image left in the merged set can reveal.",
    arms=("log_merged_fresh_loss", "log_merged_held_loss"), experiment=merge_hides_gap, **COMMON,
    expect=Verdict.REFUTED,
    expect_reason=("measured refuted (ci, 12 seeds): +0.0440 [0.0326, 0.0545]; means log_merged_fresh_loss 3.1915, "
                   "log_merged_held_loss 3.1475; seed family 7: +0.0426 [0.0371, 0.0486], refuted; seed family 12345: "
                   "+0.0436 [0.0333, 0.0550], refuted. After the merge the former held-out images score as the training "
                   "images do (23.28 against 23.12 nats per image), so the gap is hidden; the gap still there on never-seen "
                   "images (24.33, 4.4% higher) is under 10%, since doubling the training images shrank it (the "
                   "separate VAE's never-seen images: 24.87): the merge hid a real gap, smaller than the claim's 10%."),
    notes=NOTES + " The merged VAE trains on 200 images (train + held-out) with the same epochs; fresh images are "
                  "drawn from the rest of the set, never trained on by either model.",
)
