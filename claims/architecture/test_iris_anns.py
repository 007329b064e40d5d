"""The multi-output iris ANN and depth (001, "Multi-output ANN", lines 654-678; "Model depth vs.
breadth", line 783).

Iris runs follow DUDL_ANN_multioutput: raw (unscaled) features, all 150 rows, full-batch SGD lr
0.01, cross-entropy, accuracy on the training data as in the notebook. The transcript gives no
numbers for this section (figures only), so the claims state what its experiment is for: the model
learns the three species; the notebook's exercise asks whether a 16-unit model's errors are spread
over all three species or concentrated on some.

The "deep learns complex mappings" half of line 783 is marked "(Not demonstrated here)" by the
document; its sawtooth test (the tent map composed 4 times) was retired on 2026-12-04: neither arm
learned, so it decided nothing (see the RETIRED entry).
"""
import numpy as np
import torch

import fixtures
from harness.declaring.claim import Claim, Kind, Source, Unexecutable, Verdict
from harness.training.engine import TrainConfig
from harness.training.experiments import as_labels, as_tensor, fit, per_class_accuracy

DOC = "001_21bdbe3614939729.txt"
MULTI = Source(DOC, "Multi-output ANN", (654, 678),
               "### Multi-output ANN ... How to extend the ANN to provide multiple outputs in a classification "
               "problem ... All about the famous `iris` dataset ... "
               "[DUDL_ANN_multioutput.ipynb](../ANN/DUDL_ANN_multioutput.ipynb)")
LEARNED = Source(DOC, "Model depth vs. breadth / What have we learned?", (783, 783),
                 "Shallow models learn fast, but deeper models can learn more complex mappings. (Not demonstrated "
                 "here)")
SPECIES = ("setosa", "versicolor", "virginica")


def iris_all(ctx):
    ds = ctx.data(fixtures.iris)
    return as_tensor(np.array(ds.X)), as_labels(np.array(ds.y))


def iris_fit(ctx, hidden, epochs, **cfg):
    X, y = iris_all(ctx)
    f = fit(ctx, (4, *hidden, 3), X, y, TrainConfig(epochs=epochs, lr=0.01, **cfg), evals={"train": (X, y)})
    return f, X, y


def constant(ctx, value):
    return [float(value)] * len(ctx.seeds)


# ------------------------------------------------------------------ the notebook's model learns iris
def multioutput(ctx):
    s = ctx.sizes
    f, _, _ = iris_fit(ctx, (64, 64), s["epochs"])
    loss = f.history.train_loss
    tail = max(1, s["epochs"] // 10)
    return {"train_accuracy": f["train"], "level": constant(ctx, s["level"]),
            # the notebook's exercise 1: is the loss still falling at the end?
            "loss_last_tenth": loss[:, -tail:].mean(1), "loss_previous_tenth": loss[:, -2 * tail:-tail].mean(1)}


MULTI_SIZES = {"smoke": {"seeds": (12,), "epochs": 100, "level": 0.95},
               "ci": {"seeds": (12,), "epochs": 1000, "level": 0.95},
               "full": {"seeds": (24, 48), "epochs": 1000, "level": 0.95}}

MULTIOUTPUT = Claim(
    id="iris-multioutput-ann-accuracy",
    statement="The document's multi-output ANN (4-64-64-3 ReLU, three outputs, cross-entropy, SGD lr 0.01, "
              "1,000 full-batch epochs on the raw iris features) learns to classify the three species: its "
              "training accuracy exceeds 95%.",
    sources=(MULTI,), kind=Kind.COMPARATIVE, topic="architecture",
    metric="train accuracy (fraction), all 150 rows", arms=("train_accuracy", "level"),
    direction="greater", delta=0.0, experiment=multioutput, sizes=MULTI_SIZES,
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): train accuracy 0.980 (0.973-0.987) vs 0.95, +0.030 [0.028, 0.032]; loss still falling at epoch 1,000 (0.103 over the last 100 epochs vs 0.112 over the 100 before)",
    notes="The transcript gives no accuracy (its results are figures); 95% is the catalog's reading of "
          "'learns iris', not a document figure. Accuracy is on the training data, as in the notebook; "
          "held-out accuracy of a section model is in train-accuracy-only-no-holdout. The extras record "
          "whether the loss is still falling over the last 100 epochs (the notebook's exercise 1).",
)


# ------------------------------------------------------------------ where a 16-unit model errs
def per_species(ctx):
    s = ctx.sizes
    f, X, y = iris_fit(ctx, (s["hidden"], s["hidden"]), s["epochs"])
    acc = per_class_accuracy(f.model, X, y, [0, 1, 2])
    out = {"setosa": acc[:, 0], "worse_of_versicolor_virginica": acc[:, 1:].min(dim=1).values,
           "train_accuracy": f["train"]}
    out.update({f"{name}_accuracy": acc[:, j] for j, name in enumerate(SPECIES)})
    return out


PER_CLASS = Claim(
    id="iris-per-class-accuracy-small-model",
    statement="With 16 hidden units (4-16-16-3, the notebook's exercise) the model's errors are not spread "
              "over all three species: setosa's training accuracy exceeds the worse of versicolor's and "
              "virginica's by at least 2 points.",
    sources=(MULTI,), kind=Kind.COMPARATIVE, topic="architecture",
    metric="per-species train accuracy (fraction), 50 rows each",
    arms=("setosa", "worse_of_versicolor_virginica"), direction="greater", delta=0.02, experiment=per_species,
    sizes={"smoke": {"seeds": (12,), "hidden": 16, "epochs": 100},
           "ci": {"seeds": (12, 24, 48), "hidden": 16, "epochs": 1000},
           "full": {"seeds": (24, 48), "hidden": 16, "epochs": 1000}},
    redesigned='2026-12-07: ci looks (12,) -> (12, 24, 48), the uniform remedy for claims whose verdict differed between the seed families default/7/12345 (looks added, each doubling the last planned one, up to 4x its seeds). Why: verdict differed between seed families 7/12345/default: power (a skewed arm: a run stuck at one class scores setosa 1.0 vs 0 on the others, and one such seed widens the 12-seed interval). Arms, metric, direction, delta and data unchanged. Confirmed on seed family 31337 (never used by the suite): supported at 24 seeds, +0.05917 [0.055, 0.06333].',
    expect=Verdict.SUPPORTED, expect_reason='measured supported (ci, 48 seeds): +0.07958 [0.05917, 0.1592]; seed family 7: +0.06333 [0.05667, 0.07] at 12 seeds, supported; seed family 12345: +0.065 [0.06, 0.07667] at 12 seeds, supported; seed family 31337: +0.05917 [0.055, 0.06333] at 24 seeds, supported. Earlier: 2026-12-04, re-decided under rule v2 (one-sided tests against delta both ways; design unchanged): measured inconclusive (ci, 12 seeds): +0.1433 [0.06333, 0.4567]; means setosa 1, worse_of_versicolor_virginica 0.8567 (was pinned supported). Earlier: measured (ci, 12 seeds): setosa 1.000 in every seed vs worse of the other two 0.857, +0.143 [0.063, 0.457]; versicolor carries the errors (0.94-0.96 in converged runs); one run stuck at 0.33 overall calls every flower setosa',
    notes="The question (is a decrease in accuracy 'distributed across all three iris types, or does the "
          "model learn some iris types and not others?') is the linked notebook's exercise, not transcript "
          "text; the transcript cites only the notebook. Setosa is linearly separable from the other two "
          "species, which overlap.",
)


# ------------------------------------------------------------------ shallow models learn fast
def epochs_to(history, name, level, cap):
    """Per seed: first evaluated epoch with metric >= level; cap + eval interval if never reached."""
    h = torch.stack(history.evals[name])                     # (evaluations, K)
    epochs = torch.tensor(history.eval_epochs, dtype=torch.float64)
    reached = h >= level
    first = torch.where(reached.any(0), epochs[reached.double().argmax(0)],
                        torch.tensor(float(cap + history.eval_epochs[0]), dtype=torch.float64))
    return first, reached.any(0).double()


def speed(ctx):
    s = ctx.sizes
    out = {}
    for arm, blocks in (("shallow_L1", 1), ("deep_L4", 4)):
        f, _, _ = iris_fit(ctx, (s["units"],) * (blocks + 1), s["max_epochs"], eval_every=s["eval_every"])
        out[arm], out[f"{arm}_reached"] = epochs_to(f.history, "train", s["level"], s["max_epochs"])
        out[f"{arm}_final_train_accuracy"] = f["train"]
    return out


SPEED_SIZES = {"smoke": {"seeds": (12,), "units": 32, "level": 0.9, "max_epochs": 50, "eval_every": 5},
               "ci": {"seeds": (12,), "units": 32, "level": 0.9, "max_epochs": 400, "eval_every": 5},
               "full": {"seeds": (24, 48), "units": 32, "level": 0.9, "max_epochs": 1000, "eval_every": 5}}

SHALLOW_FAST = Claim(
    id="shallow-fast-deep-complex-mappings",
    statement="Shallow models learn fast: on iris (32 units per layer, SGD lr 0.01, full batch) a net with 1 "
              "hidden Linear(32, 32) block reaches 90% train accuracy at least 50 epochs sooner than the same "
              "width with 4 blocks.",
    sources=(LEARNED,), kind=Kind.COMPARATIVE, topic="architecture",
    metric="epochs to reach 90% train accuracy (checked every 5; cap + 5 if never reached)",
    arms=("shallow_L1", "deep_L4"), direction="less", delta=50.0, experiment=speed, sizes=SPEED_SIZES,
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): L1 reaches 90% at epoch 205 on average (15-340); L4 never within 400 epochs (final 0.67); difference -200 [-266, -148] epochs, a lower bound",
    notes="The first half of line 783; the second half is deep-nets-learn-complex-mappings-sawtooth. A run "
          "that never reaches 90% is scored cap + 5 epochs, so the estimated difference is a lower bound when "
          "deep runs are censored (the '_reached' extras say which). Layer sizes follow breadthVsDepth: "
          "(4, 32 x (L + 1), 3).",
)


# ------------------------------------------------------------------ deep nets and complex mappings
RETIRED = [
    Unexecutable(
        id="deep-nets-learn-complex-mappings-sawtooth",
        statement="Deeper models can learn more complex mappings (tested on a 16-piece sawtooth: 1-6-6-6-6-1 vs "
                  "1-48-1 ReLU nets with 145 parameters each).",
        sources=(LEARNED,),
        reason="retired: the only trained comparison was invalid, not a refutation. Neither arm learned the "
               "sawtooth (full, 24 seeds: test MSE deep 0.0787, shallow 0.0765, target variance 0.083; 12 of "
               "24 deep runs stayed at the constant fit), which is inconclusive about 'can learn'. An existential "
               "'can' needs a design in which the deep arm is trained to a plateau and learns; the document "
               "marks the statement '(Not demonstrated here)' and gives none. Depth separation itself (a deep "
               "net represents the composed tent map exactly) is a theorem (Telgarsky 2016), not a measurement"),
]
