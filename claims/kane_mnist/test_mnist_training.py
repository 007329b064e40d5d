"""Document 004, lectures 8, 9 and 12 (file lines 9, 10, 13): the course's MNIST results, trained with
the suite's batched engine on the official 60k/10k MNIST files (recipes in harness/recipes/kane_recipes.py):
the low-level TensorFlow MLP (sigmoid 512, SGD, 3,000 steps of 250: 93%), the Keras MLP (512 ReLU,
RMSprop, 10 epochs of 100: 98%), the Keras example's dropout net and the CNN (> 99%); and what using
the test set as Keras' validation_data means for the reported accuracy.

Profiles: `full` is the document's size (60,000 training images, the document's steps/epochs). The
MLP claims' full profile was measured on CPU (12 seeds, ~290 CPU-s per recipe: 93.0% and 98.1%); the dropout net
(20 epochs of a 670k-parameter net) and the CNN (12 million multiply-adds per image, 10 epochs) do
not fit the CPU here and are `unmeasured` at full size. ci cannot afford any 60k-image run in its
budget, so the MNIST claims skip ci (`requires`); the test-set-selection and CNN-vs-MLP designs run
honestly reduced ci versions on scikit-learn's 8x8 digits, whose verdicts describe digits, not the
course's MNIST figures. All recipe claims share one seed family ("004-kane-mnist") so one run of
each recipe serves every claim that reads it.
"""
import numpy as np
import torch

from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.training.engine import evaluate
from harness.recipes.kane_recipes import (keras_cnn_net, keras_fit, keras_mlp_mnist, keras_mlp_net, lowlevel_fit,
                                  mnist_sets, shared_ctx)
from harness.recipes.keras_backend import keras
from harness.recipes.tabular_sets import digits_tensors
from harness.declaring.vague_words import VAGUE, printed_tolerance

DOC = "004_2947cf972490c874.txt"
L8 = "8. Using Tensorflow for Handwriting Recognition, Part 2"
L9 = "9. Introducing Keras"
L12 = "12. Using CNN's for Handwriting Recognition"
LINE = {L8: 9, L9: 10, L12: 13}
FAMILY = "004-kane-mnist"
NO_CI = {"ci": "60,000-image MNIST runs (3,000 steps of 250 / 10 epochs of 100 for 12 seeds, ~250 CPU-s per "
               "recipe) do not fit this slice's 90 CPU-s ci budget; the full profile is the document's size"}
SIZES = {"smoke": {"seeds": (12,), "n_train": 2000, "steps": 60, "snapshot": 40, "every": 20, "epochs": 1},
         "full": {"seeds": (12,), "n_train": None, "steps": 3000, "snapshot": 2000, "every": 100, "epochs": 10}}
LOWLEVEL_NOTE = ("Low-level recipe: 784-512 sigmoid-10, N(0, 0.05^2) weights and zero biases, loss = batch sum of "
                 "-log clip(softmax, 1e-9, 1), SGD lr 0.001, 3,000 steps of 250 reshuffled every 240 steps "
                 "(12.5 passes; the narration calls the steps 'epochs'); lr, init and the loss code are [ext] from a "
                 "public reproduction of the notebook. ")
KERAS_NOTE = ("Keras recipe: Dense 512 relu -> Dense 10, Glorot-uniform kernels, zero biases, softmax "
              "cross-entropy, PyTorch RMSprop with Keras' lr 1e-3, rho 0.9, eps 1e-7, batch 100, 10 epochs. ")


def src(section, quote):
    return Source(DOC, section, (LINE[section], LINE[section]), quote)


def low(ctx):
    s = ctx.sizes
    return lowlevel_fit(shared_ctx(ctx, FAMILY), steps=s["steps"], n_train=s["n_train"], every=s["every"],
                        snapshot=s["snapshot"])


def kmlp(ctx):
    s = ctx.sizes
    return keras_mlp_mnist(shared_ctx(ctx, FAMILY), epochs=s["epochs"], n_train=s["n_train"])


# ------------------------------------------------------------------ lecture 8: the low-level MLP
def lowlevel_accuracy(ctx):
    r = low(ctx)
    ctx.note("epochs_seen", r["epochs_seen"])
    return {"test_accuracy": r["test"].tolist(), "document_figure": [0.93] * len(ctx.seeds),
            "train_accuracy": r["train"].tolist()}


LOWLEVEL_93 = Claim(
    id="lowlevel-tf-mlp-mnist-test-accuracy-93pct",
    statement="The low-level TensorFlow network (784-512 sigmoid-10 softmax, SGD, 3,000 steps of 250) reaches 93% "
              "test accuracy on MNIST (read to its printed digit: 92.5%-93.5%), decided over seeds.",
    sources=(src(L8, "and actually call our accuracy function to see how well it does on test data test images that "
                     "it's never seen before. 93%. Not too bad"),),
    kind=Kind.EQUIVALENCE, topic="mnist", metric="test accuracy (fraction), official 10,000 test images",
    arms=("test_accuracy", "document_figure"), direction="equivalent", delta=printed_tolerance("93", 0.01),
    experiment=lowlevel_accuracy, sizes=SIZES, requires=NO_CI,
    expect=Verdict.SUPPORTED,
    expect_reason="measured (full, 60k/10k, 12 seeds, 294 CPU-s on a shared CPU): test accuracy 0.9303 (0.928-0.932), 0.9300 + 0.0003 [-0.0005, 0.0009], inside +-0.005 of the document's 93%",
    document_figures={"test_accuracy": 0.93, "last_batch_accuracy": 0.928, "steps": 3000, "batch": 250},
    notes=LOWLEVEL_NOTE,
    contrasts={"ffn-95pct-test-accuracy": "002's ReLU FFN (784-64-32-32-10, SGD lr .01, 60 epochs on 18k images) "
                                          "reports 95%; 004's sigmoid 512 net with 12.5 passes of SGD reports 93%"},
)


def train_test_gap(ctx):
    r = low(ctx)
    return {"train_accuracy": r["train"].tolist(), "test_accuracy": r["test"].tolist()}


LOWLEVEL_NO_OVERFIT = Claim(
    id="lowlevel-tf-mlp-train-and-test-accuracy-about-equal",
    statement="After the 3,000 steps the low-level network is not overfitting: its accuracy on the whole 60,000-"
              "image training set and on the 10,000 test images are basically the same (within 2 points).",
    sources=(src(L8, "we ended up with an accuracy of 92.8% and this is actually remember using our training data "
                     "set. So there's a possibility that we're over fitting here to really evaluate how well this "
                     "model does. We want to evaluate it on the test data set"),),
    kind=Kind.EQUIVALENCE, topic="mnist", metric="accuracy (fraction): full training set vs test set",
    arms=("train_accuracy", "test_accuracy"), direction="equivalent", delta=VAGUE["basically the same"].delta,
    experiment=train_test_gap, sizes=SIZES, requires=NO_CI,
    expect=Verdict.SUPPORTED,
    expect_reason='measured (full, 12 seeds): training set 0.9306 vs test 0.9303, difference +0.0004 [-0.0002, 0.0008]',
    document_figures={"last_batch_accuracy": 0.928, "test_accuracy": 0.93},
    notes=LOWLEVEL_NOTE + "The document compares one 250-image batch (binomial sd 1.6 points) with the test set; "
          "the suite scores the whole training set.",
)


def wobble(curve: torch.Tensor) -> torch.Tensor:
    """Per seed: rms of successive checkpoint differences / sqrt(2) over the last two thirds of training
    (the noise sd of a slowly moving curve)."""
    c = curve[:, curve.shape[1] // 3:]
    return (c[:, 1:] - c[:, :-1]).pow(2).mean(1).sqrt() / np.sqrt(2)


def fluctuation(ctx):
    r = low(ctx)
    n = min(r["batch_acc"].shape[1], r["test_curve"].shape[1])
    return {"batch_accuracy_wobble": wobble(r["batch_acc"][:, :n]).tolist(),
            "test_accuracy_wobble": wobble(r["test_curve"][:, :n]).tolist()}


FLUCTUATION = Claim(
    id="lowlevel-printed-accuracy-wobble-is-batch-sampling-noise",
    statement="The fluctuation of the accuracy printed every 100 steps comes from scoring a different 250-image "
              "batch each time, not from the model settling into and out of local minima: the printed batch "
              "accuracy wobbles more (by at least a point) than the same model's accuracy on the fixed 10,000-image "
              "test set at the same checkpoints.",
    sources=(src(L8, "It's kind of interesting to watch this because the accuracy is kind of fluctuating a little bit "
                     "as we go Fear So you know, you can tell this kind of like maybe settling into a little local "
                     "minima here and working its way out of those and finding better solutions over time."),),
    kind=Kind.COMPARATIVE, topic="mnist",
    metric="checkpoint-to-checkpoint sd (rms successive difference / sqrt 2) over steps 1,000-3,000, every 100 steps",
    arms=("batch_accuracy_wobble", "test_accuracy_wobble"), direction="greater", delta=VAGUE["better"].delta,
    experiment=fluctuation, sizes=SIZES, requires=NO_CI,
    expect=Verdict.SUPPORTED,
    expect_reason='measured (full, 12 seeds): printed-batch wobble 0.017 (binomial 0.016) vs test-set wobble 0.0015 at the same checkpoints; difference +0.015 [0.014, 0.017]',
    notes=LOWLEVEL_NOTE + "A model hopping between minima would move its test-set accuracy as much as its batch "
          "accuracy; sampling noise of a 250-image batch alone has sd sqrt(.93 x .07 / 250) = 1.6 points. "
          "'More by a point' is the vague-word table's 'better'.",
)


# ------------------------------------------------------------------ lecture 9: the Keras MLP
def keras_accuracy(ctx):
    r = kmlp(ctx)
    return {"test_accuracy": r["curves"]["test"][:, -1].tolist(), "document_figure": [0.98] * len(ctx.seeds)}


KERAS_98 = Claim(
    id="keras-mnist-mlp-test-accuracy-98pct",
    statement="The lecture-9 Keras network (Dense 512 ReLU, Dense 10 softmax, RMSprop, 10 epochs of batch 100) "
              "scores 98% on the MNIST test set (read to its printed digit: 97.5%-98.5%), decided over seeds.",
    sources=(src(L9, "and using the test data set as a benchmark, it had a 98% success rate incorrectly classifying "
                     "those images, so that's not bad."),),
    kind=Kind.EQUIVALENCE, topic="mnist", metric="test accuracy (fraction) after 10 epochs",
    arms=("test_accuracy", "document_figure"), direction="equivalent", delta=printed_tolerance("98", 0.01),
    experiment=keras_accuracy, sizes=SIZES, requires=NO_CI,
    expect=Verdict.SUPPORTED,
    expect_reason="measured (full, 60k/10k, 12 seeds, 288 CPU-s on a shared CPU): test accuracy 0.9812 (0.979-0.984), 0.98 + 0.0012 [0.0004, 0.0020], inside +-0.005 of the document's 98%",
    document_figures={"test_accuracy": 0.98, "epochs": 10, "batch": 100},
    notes=KERAS_NOTE,
    contrasts={"ffn-95pct-test-accuracy": "002's FFN reports 95% on MNIST; 004's wider ReLU net with RMSprop on all "
                                          "60k images reports 98%"},
)


def epoch1_vs_2000(ctx):
    return {"keras_epoch1_test_accuracy": kmlp(ctx)["curves"]["test"][:, 0].tolist(),
            "lowlevel_2000_steps_test_accuracy": low(ctx)["test_at_snapshot"].tolist()}


KERAS_EPOCH1 = Claim(
    id="keras-epoch-1-beats-lowlevel-after-2000-steps",
    statement="After its first epoch (600 steps of 100) the Keras network already scores higher on the test set "
              "than the low-level network after 2,000 steps of 250.",
    sources=(src(L9, "I mean, even on that first generation, we've already matched the accuracy that we got after "
                     "2000 iterations in our hand coded tensorflow implementation."),),
    kind=Kind.COMPARATIVE, topic="mnist", metric="test accuracy (fraction)",
    arms=("keras_epoch1_test_accuracy", "lowlevel_2000_steps_test_accuracy"), direction="greater", delta=0.0,
    experiment=epoch1_vs_2000, sizes=SIZES, requires=NO_CI,
    expect=Verdict.SUPPORTED,
    expect_reason='measured (full, 12 seeds): Keras recipe after 1 epoch 0.964 vs low-level recipe after 2,000 steps 0.923; +0.041 [0.039, 0.042]',
    notes=LOWLEVEL_NOTE + KERAS_NOTE + "'Matched' read as at least as high; delta 0 (any significant excess).",
)


def recipe_gain(ctx):
    return {"keras_recipe_test_accuracy": kmlp(ctx)["curves"]["test"][:, -1].tolist(),
            "lowlevel_recipe_test_accuracy": low(ctx)["test"].tolist()}


KERAS_GAIN = Claim(
    id="keras-gain-over-lowlevel-needs-no-keras",
    statement="The better result the document credits to 'using Keras alone' appears with no Keras at all: in one "
              "PyTorch engine, the Keras lecture's recipe (ReLU, RMSprop, Glorot init, 10 epochs of 100) beats the "
              "low-level lecture's recipe (sigmoid, SGD on the batch-summed loss, N(0, 0.05^2) init, 3,000 steps "
              "of 250) by more than a point; the gain comes from the recipe, not the API.",
    sources=(src(L9, "So just by using caress alone, we've gotten better accuracy. We've got a better result because "
                     "there's less for us to think about."), Source("004_2947cf972490c874.txt", "8. Using Tensorflow for Handwriting Recognition, Part 2", (9, 9), "Try different learning rates. Try more neurons, less neuron. See what effect that has just play around with it. ... And if you can get more than 93% accuracy, we'd love to hear about it"),),
    kind=Kind.COMPARATIVE, topic="mnist", metric="test accuracy (fraction)",
    arms=("keras_recipe_test_accuracy", "lowlevel_recipe_test_accuracy"), direction="greater",
    delta=VAGUE["better"].delta, experiment=recipe_gain, sizes=SIZES, requires=NO_CI,
    expect=Verdict.SUPPORTED,
    expect_reason="measured (full, 12 seeds): Keras recipe 0.981 vs low-level recipe 0.930 in the same PyTorch engine, "
                  "+0.051 [0.050, 0.052]: the document's 93% -> 98% reproduced without Keras or TensorFlow",
    document_figures={"keras_test_accuracy": 0.98, "lowlevel_test_accuracy": 0.93},
    notes=LOWLEVEL_NOTE + KERAS_NOTE + "Neither arm uses Keras or TensorFlow, so a supported gain qualifies the "
          "document's attribution: four things changed at once (activation, optimizer, init, number of updates).",
)


# ------------------------------------------------------------------ validation_data = the test set
def selection_bias(ctx):
    """Per seed: train the Keras recipe on 897 digits for 20 epochs, watching 'validation' = half A of the
    other 900; report A's accuracy at the epoch A likes best (what a reader of the validation column
    picks) and B's accuracy at that epoch (a never-consulted test set). A/B split per seed."""
    X, y = digits_tensors(ctx)
    s = ctx.sizes
    perm = [torch.as_tensor(ctx.rng(sd, "split").permutation(len(y))) for sd in ctx.seeds]
    tr = torch.stack([p[:897] for p in perm])
    A = torch.stack([p[897:1347] for p in perm])
    B = torch.stack([p[1347:] for p in perm])
    r = keras_fit(ctx, keras_mlp_net(n_in=64), X[tr], y[tr], {"A": (X[A], y[A]), "B": (X[B], y[B])},
                  epochs=s["epochs"], batch=100)
    a, b = r["curves"]["A"], r["curves"]["B"]
    best = a.argmax(1)
    rows = torch.arange(len(best))
    ctx.note("best_epoch", (best + 1).tolist())
    ctx.note("fixed_last_epoch_A_minus_B", (a[:, -1] - b[:, -1]).tolist())
    return {"reported_validation_accuracy": a[rows, best].tolist(), "untouched_test_accuracy": b[rows, best].tolist()}


SELECTION = Claim(
    id="test-set-as-validation-overstates-accuracy-once-used-to-choose",
    statement="Passing the test set as validation_data is harmless only while nothing is chosen by it: picking the "
              "epoch with the best 'validation' accuracy and reporting that accuracy overstates the accuracy on a "
              "test set never consulted.",
    sources=(src(L9, "We're going to run that 10 times. I'm going to set of verbosity level of two because that's what "
                     "works best with an eye Python night notebook and for validation, we will provide the test data "
                     "set as well."), Source("004_2947cf972490c874.txt", "17. Deep Learning Regularization with Dropout and Early Stopping", (18, 18), "basically that's the set of the training set that set aside to evaluate the results and the accuracy of your model as it's being trained. And then we can also have a testing dataset to that lives outside of all of that."),),
    kind=Kind.BIAS, topic="evaluation", metric="accuracy (fraction) at the epoch chosen on set A: on A vs on B",
    arms=("reported_validation_accuracy", "untouched_test_accuracy"), direction="greater", delta=0.0,
    experiment=selection_bias,
    sizes={"smoke": {"seeds": (12,), "epochs": 3}, "ci": {"seeds": (12, 24), "epochs": 20},
           "full": {"seeds": (12, 24, 48), "epochs": 20}},
    contrasts={"researcher-overfitting-test-set-reuse": "001 warns that reusing the test set for decisions "
                                                        "overfits it; 004 passes the test set as validation data "
                                                        "without comment (harmless only while nothing is chosen by it)"},
    expect=Verdict.INCONCLUSIVE,
    expect_reason="measured (ci, 24 seeds): reported 'validation' accuracy 0.965 vs 0.961 on the untouched half at the "
                  "same epoch; optimism +0.0044 [-0.0007, 0.0087], not decisive at alpha 0.001 (full takes 48 seeds)",
    notes="scikit-learn's 8x8 digits (1,797: 897 train, 450 'validation' = A, 450 untouched = B, split per seed) "
          "with the Keras recipe at 64 inputs, 20 epochs: a stand-in for MNIST's 10k test set, where the same "
          "selection effect is smaller (larger set). The lecture itself selects nothing (fixed 10 epochs), so "
          "its 98% is not biased by this; fixed_last_epoch_A_minus_B is noted beside (expected ~0).",
)


def monitoring_errors(ctx):
    """Real Keras: fit with validation_data=(test set) and without, same seed, unshuffled batches:
    identical weights. Beside it (noted, not decided): with Keras' default shuffle the two fits
    agree after epoch 1 and part from epoch 2 on."""
    k = keras(ctx)
    (X, y), (Xt, yt) = mnist_sets(ctx, 1000)
    X, y, Xt, yt = X.numpy(), y.numpy(), Xt[:500].numpy(), yt[:500].numpy()

    def run(val, shuffle, epochs):
        k.utils.set_random_seed(ctx.seeds[0] % 2**31)
        m = k.Sequential([k.Input((784,)), k.layers.Dense(512, activation="relu"), k.layers.Dense(10, activation="softmax")])
        m.compile(loss="categorical_crossentropy", optimizer=k.optimizers.RMSprop(), metrics=["accuracy"])
        m.fit(X, k.utils.to_categorical(y, 10), batch_size=100, epochs=epochs, verbose=0, validation_data=val,
              shuffle=shuffle)
        return [np.asarray(k.ops.convert_to_numpy(w.value)) for w in m.weights]

    val = (Xt, k.utils.to_categorical(yt, 10))
    gap = lambda a, b: max(float(np.abs(p - q).max()) for p, q in zip(a, b))
    for epochs in (1, 2):
        ctx.note(f"shuffled_fit_gap_after_epoch_{epochs}", gap(run(None, True, epochs), run(val, True, epochs)))
    return {"error": [float(np.abs(a - b).max()) for a, b in zip(run(None, False, 2), run(val, False, 2))]}


MONITORING = Claim(
    id="keras-validation-data-only-monitors-training",
    statement="Keras' validation_data only scores the given set after each epoch: a fit with the test set as "
              "validation_data ends with exactly the weights of the same fit without it, so the test set is not "
              "trained on and a fixed-epoch test score stays unbiased.",
    sources=(src(L9, "and for validation, we will provide the test data set as well."),),
    kind=Kind.IDENTITY, topic="evaluation",
    metric="max |weight difference| per tensor after 2 epochs, with vs without validation_data, shuffle=False",
    direction="holds", tolerance=0.0, experiment=monitoring_errors,
    sizes={"smoke": {"seeds": 1}, "ci": {"seeds": 1}, "full": {"seeds": 1}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured: with shuffle=False every weight equal (gap 0.0) after 2 epochs with and without validation_data",
    notes="Real Keras 3 (torch backend), 1,000 training and 500 test images of the official files, 2 epochs, "
          "keras.utils.set_random_seed before each fit. Finding noted beside: with Keras' default shuffle=True the "
          "fit with validation_data agrees with the one without after epoch 1 and differs after epoch 2 (the "
          "validation pass draws from the global random generator, so the next epoch's batch order changes): the "
          "test set is not trained on, but adding it makes a different random run.",
    redesigned="2026-12-07: the first design compared the two fits with Keras' default shuffle=True and measured "
               "weights 0.011 apart (REFUTED, smoke); a probe showed they agree after epoch 1 and with shuffle=False, "
               "so the gap is the batch order (random-generator use), not information from the validation set. "
               "The decided check is now shuffle=False; the shuffled gaps are noted. Confirmed on seed family 65537.",
)


# ------------------------------------------------------------------ the Keras example's dropout net
def dropout_example(ctx):
    s = ctx.sizes
    c = shared_ctx(ctx, FAMILY)
    (X, y), (Xt, yt) = mnist_sets(c, s["n_train"])
    out = {}
    for name, p in (("dropout", 0.2), ("no_dropout", 0.0)):
        r = keras_fit(c, keras_mlp_net((512, 512), dropout=p), X, y, {"test": (Xt, yt)}, epochs=s["epochs"],
                      batch=128, eval_every=0)
        out[f"{name}_test_accuracy"] = r["curves"]["test"][:, -1].tolist()
    return out


DROPOUT_02 = Claim(
    id="keras-example-dropout-02-improves-mnist-test-accuracy",
    statement="In the Keras example's MNIST net (784-512-512-10 ReLU, RMSprop, batch 128, 20 epochs) the two "
              "Dropout(0.2) layers improve test accuracy (by at least a point) over the same net without them.",
    sources=(src(L9, "And then we're going to drop out 20% of the neurons that the next layer to force the learning to "
                     "be spread out more and prevent over fitting. So might be interesting to see if that actually "
                     "improves your results on the test data set by adding those dropout layers."),),
    kind=Kind.COMPARATIVE, topic="regularization", metric="test accuracy (fraction) after 20 epochs",
    arms=("dropout_test_accuracy", "no_dropout_test_accuracy"), direction="greater", delta=VAGUE["better"].delta,
    experiment=dropout_example,
    sizes={"smoke": {"seeds": (12,), "n_train": 1000, "epochs": 1}, "full": {"seeds": (12,), "n_train": None, "epochs": 20}},
    requires={"ci": "20 epochs of a 670k-parameter net on 60,000 images x 2 arms x 12 seeds (~30 CPU-minutes)"},
    expect=Verdict.REFUTED,
    expect_reason="measured refuted (full, 12 seeds): +0.0004417 [-0.0005417, 0.0012]; means dropout_test_accuracy "
                  "0.9829, no_dropout_test_accuracy 0.9825. On the official 60k/10k MNIST at the example's own 20 "
                  "epochs the two Dropout(0.2) layers change test accuracy by +0.04 points, and the interval excludes "
                  "any gain above 0.12 points, so the refutation does not rest on the one-point threshold. The dropout "
                  "net matches the example's published 98.40% (98.29%); the net without dropout is as good. One seed "
                  "family (full profile, CPU, 2,198 CPU-s)",
    document_figures={"keras_example_test_accuracy_20_epochs": 0.984},
    notes="[ext] The Keras example's docstring reports 98.40% after 20 epochs with dropout. The lecture only "
          "suggests trying it ('might be interesting to see if that actually improves your results'); 'improves' "
          "is the vague-word table's 'better' (a point). Both arms train the example's 20 epochs; neither is at "
          "a disadvantage in steps, and both end near 98.3%, so neither is undertrained against the other.",
    contrasts={"dropout-hurts-small-model-iris-document-setup":
               "004 expects dropout to help a large MNIST net; 001's measured claim is that it hurts a small iris net"},
)


# ------------------------------------------------------------------ lecture 12: the CNN
def cnn_accuracy(ctx):
    s = ctx.sizes
    c = shared_ctx(ctx, FAMILY)
    (X, y), (Xt, yt) = mnist_sets(c, s["n_train"])
    Xt, yt = Xt[:s.get("n_test")], yt[:s.get("n_test")]               # smoke scores 500 test images
    r = keras_fit(c, keras_cnn_net(), X.view(-1, 1, 28, 28), y, {"test": (Xt.view(-1, 1, 28, 28), yt)},
                  epochs=s["epochs"], batch=32, optimizer="adam", eval_every=0, cache=("cnn-mnist", s["n_train"]))
    return {"cnn_test_accuracy": r["curves"]["test"][:, -1].tolist(), "document_figure": [0.99] * len(ctx.seeds)}


CNN_99 = Claim(
    id="keras-cnn-mnist-test-accuracy-over-99pct",
    statement="The lecture-12 CNN (Conv 32 and 64 at 3x3, max-pool, dropout 0.25, Dense 128, dropout 0.5; Adam, "
              "batch 32, 10 epochs) scores over 99% on the MNIST test set, decided over seeds.",
    sources=(src(L12, "But even after just 10 at box or 10 iterations, we ended up with a accuracy of over 99%. And we "
                      "can actually evaluate that based on our test data and recreate that 99% accuracy."),),
    kind=Kind.COMPARATIVE, topic="mnist", metric="test accuracy (fraction) after 10 epochs",
    arms=("cnn_test_accuracy", "document_figure"), direction="greater", delta=0.0, experiment=cnn_accuracy,
    sizes={"smoke": {"seeds": (12,), "n_train": 200, "n_test": 500, "epochs": 1},
           "full": {"seeds": (12,), "n_train": None, "epochs": 10}},
    requires={"ci": "10 epochs of the CNN on 60,000 images is ~4e13 FLOPs per seed"},
    unmeasured={"full": "about 5e14 FLOPs for 12 seeds (hours on this CPU); no GPU was lent to this session"},
    expect=Verdict.INCONCLUSIVE, expect_reason="not measured at any pinned profile (full unmeasured, ci skipped)",
    document_figures={"test_accuracy": 0.99},
    notes="Glorot-uniform init, Adam lr 1e-3 eps 1e-7 (Keras defaults), dropout rates [ext] from Keras' mnist_cnn "
          "example, which reports 99.25% after 12 epochs (with Adadelta, batch 128).",
)


def image_data(c, s):
    """(X_tr, y_tr, X_te, y_te, side): 8x8 digits split per seed (ci), or MNIST (full)."""
    if s["data"] == "digits":
        X, y = digits_tensors(c)
        perm = [torch.as_tensor(c.rng(sd, "split").permutation(len(y))) for sd in c.seeds]
        tr, te = torch.stack([p[:1437] for p in perm]), torch.stack([p[1437:] for p in perm])
        X_tr, y_tr, X_te, y_te, side = X[tr], y[tr], X[te], y[te], 8
    else:
        (X_tr, y_tr), (X_te, y_te) = mnist_sets(c, s["n_train"])
        side = 28
    return X_tr, y_tr, X_te, y_te, side


def fit_cnn(c, s, data, dropout=True):
    """The lecture-12 CNN (with or without its two dropout layers), scored on train and test."""
    X_tr, y_tr, X_te, y_te, side = data
    img = lambda A: A.reshape(*A.shape[:-1], 1, side, side)
    r = keras_fit(c, keras_cnn_net(side, dropout=dropout), img(X_tr), y_tr,
                  {"test": (img(X_te), y_te), "train": (img(X_tr), y_tr)}, epochs=s["epochs"], batch=32,
                  optimizer="adam", eval_every=0, cache=("cnn", s["data"], s.get("n_train"), dropout))
    return {n: v[:, -1] for n, v in r["curves"].items()}


def cnn_vs_mlp(ctx):
    s = ctx.sizes
    c = shared_ctx(ctx, FAMILY)
    data = image_data(c, s)
    X_tr, y_tr, X_te, y_te, side = data
    mlp = keras_fit(c, keras_mlp_net(n_in=side * side), X_tr, y_tr, {"test": (X_te, y_te)}, epochs=s["epochs"],
                    batch=100, eval_every=0, cache=("mlp", s["data"], s.get("n_train")))
    return {"cnn_test_accuracy": fit_cnn(c, s, data)["test"].tolist(),
            "mlp_test_accuracy": mlp["curves"]["test"][:, -1].tolist()}


def cnn_dropout_gap(ctx):
    s = ctx.sizes
    c = shared_ctx(ctx, FAMILY)
    data = image_data(c, s)
    out = {}
    for name, d in (("dropout", True), ("no_dropout", False)):
        r = fit_cnn(c, s, data, d)
        out[f"{name}_train_minus_test"] = (r["train"] - r["test"]).tolist()
        ctx.note(f"{name}_test_accuracy", r["test"].tolist())
    return out


CNN_VS_MLP = Claim(
    id="cnn-beats-keras-mlp-on-digit-images",
    statement="On the same digit images the lecture-12 CNN scores better (by at least a point) than the lecture-9 "
              "MLP, each trained with its lecture's recipe (CNN: Adam, batch 32; MLP: RMSprop, batch 100; 10 epochs).",
    sources=(src(L12, "CNN's are better suited to image data in general, especially if you don't know exactly where the "
                      "feature you're looking for is within your image. So we should expect to get better results here."),),
    kind=Kind.COMPARATIVE, topic="architecture", metric="test accuracy (fraction)",
    arms=("cnn_test_accuracy", "mlp_test_accuracy"), direction="greater", delta=VAGUE["better"].delta,
    experiment=cnn_vs_mlp,
    sizes={"smoke": {"seeds": (12,), "data": "digits", "epochs": 1},
           "ci": {"seeds": (12, 24, 48), "data": "digits", "epochs": 10},
           "full": {"seeds": (12,), "data": "mnist", "n_train": None, "epochs": 10}},
    unmeasured={"full": "the CNN on 60,000 MNIST images for 10 epochs (~5e14 FLOPs for 12 seeds) does not fit this CPU"},
    redesigned='2026-12-07: ci looks (12,) -> (12, 24, 48), the uniform remedy for claims whose verdict differed between the seed families default/7/12345 (looks added, each doubling the last planned one, up to 4x its seeds). Why: verdict differed between seed families 7/12345/default: power. Arms, metric, direction, delta and data unchanged. Confirmed on seed family 31337 (never used by the suite): supported at 24 seeds, +0.02546 [0.02187, 0.02917].',
    expect=Verdict.SUPPORTED,
    expect_reason='measured supported (ci, 12 seeds): +0.02199 [0.01968, 0.02431]; seed family 7: +0.02361 [0.01944, 0.02859] at 24 seeds, supported; seed family 12345: +0.02639 [0.01979, 0.03411] at 24 seeds, supported; seed family 31337: +0.02546 [0.02187, 0.02917] at 24 seeds, supported. Earlier: measured (ci, 8x8 digits, 12 seeds): CNN 0.976 vs MLP 0.954, +0.022 [0.020, 0.024]',
    document_figures={"cnn_test_accuracy": 0.99, "mlp_test_accuracy": 0.98},
    notes="ci: scikit-learn's 8x8 digits (1,437 train / 360 test, split per seed; 8 -> 6 -> 4 -> pool 2 -> 256 "
          "features), the same layer stacks and recipes, a reduced stand-in whose verdict is about 8x8 digits, "
          "not the document's 28x28 MNIST (full, unmeasured). The recipes differ in more than the architecture: "
          "the CNN takes 450 Adam steps of 32, the MLP 150 RMSprop steps of 100, as the lectures set them.",
    contrasts={"cnn-is-constrained-ffn": "002 describes a CNN as a constrained FFN; 004 expects the constraint to score better on images"},
)


CNN_DROPOUT = Claim(
    id="cnn-dropout-layers-narrow-train-test-gap",
    statement="The lecture-12 CNN's two dropout layers (0.25 after pooling, 0.5 after Dense 128) prevent "
              "overfitting: with them the gap between training and test accuracy is smaller (by at least a point) "
              "than in the same CNN without them.",
    sources=(src(L12, "Will do a dropout passed to prevent over fitting. ... In this case, we're gonna have 128 in that "
                      "layer again with a rail. You activation function will do one more drop out past to prevent over "
                      "fitting"), Source("004_2947cf972490c874.txt", "11. Convolutional Neural Networks", (12, 12), "You might then do a dropout layer on top of that, which just prevents over fitting like we talked about before."),),
    kind=Kind.COMPARATIVE, topic="regularization", metric="train accuracy - test accuracy (fraction) after 10 epochs",
    arms=("dropout_train_minus_test", "no_dropout_train_minus_test"), direction="less", delta=VAGUE["better"].delta,
    experiment=cnn_dropout_gap,
    sizes={"smoke": {"seeds": (12,), "data": "digits", "epochs": 1},
           "ci": {"seeds": (12,), "data": "digits", "epochs": 10},
           "full": {"seeds": (12,), "data": "mnist", "n_train": None, "epochs": 10}},
    unmeasured={"full": "two CNN arms on 60,000 MNIST images for 10 epochs (~1e15 FLOPs for 12 seeds) do not fit this CPU"},
    expect=Verdict.INCONCLUSIVE,
    expect_reason="measured (ci, 8x8 digits, 12 seeds): gap 0.013 with dropout vs 0.016 without, difference -0.003 "
                  "[-0.007, 0.001]: smaller, but not by a point nor decisively",
    notes="ci: scikit-learn's 8x8 digits (1,437 / 360, split per seed), the lecture's layer stack and recipe (Adam, "
          "batch 32, 10 epochs), a reduced stand-in; the dropout arm is the run cnn-beats-keras-mlp-on-digit-images "
          "uses. 'Prevent overfitting' read as a smaller generalisation gap; 'by a point' is the vague-word table's "
          "'better'. Test accuracies of both arms are noted.",
    contrasts={"dropout-hurts-small-model-iris-document-setup":
               "001 measures dropout hurting a small net; 004 adds it to its CNN to prevent overfitting"},
)
