"""Document 003, 4.5: the universal workflow of machine learning.

- dumb baselines: MNIST's (the shipped 10,000 test images) and the IMDB stand-in's (sentence
  polarity, balanced like IMDB) majority-class accuracy against the slides' 0.1 and 0.5;
- 'a small model that beats a dumb baseline', and the 'last resort' check (the label among the
  inputs) on scikit-learn's 8x8 digits;
- Table 4.1's last-layer activation / loss pairs: identities (sigmoid + BCE = two-way softmax +
  CE, BCE for [0, 1] targets is minimised at the target, softmax cannot mark two labels) and the
  cost of a sigmoid output for regression on the Boston housing split Keras uses;
- 'scale up until you overfit': a bigger, deeper net trained longer reaches a lower training loss,
  and its validation loss turns upward (digits, 500 training rows).
Training runs K seeds at once through harness.training.engine.
"""
import numpy as np
import torch
import torch.nn.functional as F

from fixtures import mnist_test
from fixtures.tabular import boston_keras_split, sklearn_set
from fixtures.text import polarity
from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.training.engine import TrainConfig
from harness.training.experiments import as_tensor, fit, rows, split_indices
from harness.recipes.shared_runs import once
from harness.recipes.tabular_sets import digits_tensors
from harness.declaring.vague_words import VAGUE, printed_tolerance

DOC = "003_9348410d8d3ffd8d.txt"
ONE = {p: {"seeds": 1} for p in ("smoke", "ci", "full")}
REL = VAGUE["better (relative)"].delta

WORKFLOW_REDESIGN = ("2026-12-07, before any pin, for the CI budget: small-model fits 100 -> 50 full-batch steps, "
                     "Boston heads 40 -> 20 epochs, overfit fits batch 32 -> 100, the validation loss read every "
                     "5 epochs instead of every epoch, and in ci the scale-up net 64-64-64 for 60 epochs; the validation-turn claim runs only in the full profile at the first design. First run: small - dumb +0.86, label-input +0.032 [0.029, "
                     "0.036], sigmoid - 1.1 linear MAE +18.8, train loss 0.9 small - big +1.61, final val - 1.1 min "
                     "+0.019 [0.015, 0.023], all supported; after the batch change (batch 100, width 256) the validation turn was +0.10 x min short of significance: final - 1.1 min = -0.003 [-0.004, -0.001] (inconclusive, 24 seeds)")
BASELINE_SRC = Source(DOC, "4.5.5 Develop a Model That Does Better Than Baseline", (2242, 2247),
                      "a small model that is capable of beating a dumb baseline - Example 1: - In the MNIST "
                      "digit-classification example, anything that achieves an accuracy greater than 0.1 - Example 2: "
                      "- In the IMDB example, it's anything with an accuracy greater than 0.5")


# ------------------------------------------------------------------ dumb baselines
def baseline_errors(ctx):
    mn = ctx.data(mnist_test)
    counts = np.bincount(np.asarray(mn.y), minlength=10)
    pol = ctx.data(polarity)
    pcounts = np.bincount(np.asarray(pol.y), minlength=2)
    mnist_major, pol_major = counts.max() / counts.sum(), pcounts.max() / pcounts.sum()
    ctx.note("MNIST test class counts", counts.tolist())
    ctx.note("MNIST majority-class accuracy (class %d)" % int(counts.argmax()), float(mnist_major))
    ctx.note("sentence polarity class counts", pcounts.tolist())
    return {"error": [abs(mnist_major - 0.1), abs(pol_major - 0.5)]}


BASELINES = Claim(
    id="dumb-baselines-mnist-0-1-imdb-0-5",
    statement="The dumb baseline is 0.1 accuracy on MNIST and 0.5 on IMDB: always answering the most frequent class "
              "scores 0.1 on MNIST's test digits and 0.5 on balanced sentiment data (each to its printed digit).",
    sources=(BASELINE_SRC,), kind=Kind.IDENTITY, topic="workflow",
    metric="|majority-class accuracy - stated baseline| (MNIST 10,000 test images; sentence polarity for IMDB)",
    direction="holds", tolerance=printed_tolerance("0.1"), experiment=baseline_errors, sizes=ONE,
    expect=Verdict.SUPPORTED,
    expect_reason="measured: MNIST majority (class 1) 0.1135, within half a unit of the printed 0.1; polarity 0.5 "
                  "exactly (5,331 / 5,331)",
    notes="Read to its printed digit: the strict majority baseline on MNIST is 0.1135, so a model at 0.105 beats "
          "chance but not the majority guess. Sentence polarity stands in for IMDB (both balanced).",
)


def _digits(ctx, n_test=450):
    X, y = digits_tensors(ctx)
    tr, te = split_indices(ctx, len(y), n_test, stratify=y.numpy())
    return X, y, tr, te


SMALL_CFG = dict(epochs=50, lr=0.05, batch_size=None, optimizer="adam")


def small_model_fits(ctx):
    X, y, tr, te = _digits(ctx)
    cfg = TrainConfig(**ctx.sizes["cfg"])
    small = fit(ctx, (64, 10), rows(X, tr), rows(y, tr), cfg, evals={"test": (rows(X, te), rows(y, te))})
    # the dumb baseline: the training split's most frequent class, predicted for every test row
    ytr, yte = rows(y, tr), rows(y, te)
    major = torch.mode(ytr, dim=1).values
    dumb = (yte == major[:, None]).double().mean(dim=1)
    # the 'last resort': the one-hot label appended to the inputs
    Xl = torch.cat([X, F.one_hot(y, 10).float()], dim=1)
    leak = fit(ctx, (74, 10), rows(Xl, tr), rows(y, tr), cfg, evals={"test": (rows(Xl, te), rows(y, te))})
    return {"small_model": small["test"].tolist(), "dumb_baseline": dumb.tolist(), "label_input": leak["test"].tolist()}


SMALL_SIZES = {"smoke": {"seeds": (12,), "cfg": dict(SMALL_CFG, epochs=5)}, "ci": {"seeds": (12, 24), "cfg": SMALL_CFG},
               "full": {"seeds": (24, 48), "cfg": SMALL_CFG}}


def small_vs_dumb(ctx):
    f = once(ctx, "small-model-digits", "small_model_fits", small_model_fits)
    return {"small_model": f["small_model"], "dumb_baseline": f["dumb_baseline"]}


SMALL_BEATS = Claim(
    id="small-model-beats-dumb-baseline",
    statement="A small model has statistical power: a softmax regression (no hidden layer) on digits beats the "
              "majority-class baseline's test accuracy.",
    sources=(BASELINE_SRC,), kind=Kind.COMPARATIVE, topic="workflow",
    metric="test accuracy (fraction), 450 held-out digits, 50 full-batch Adam steps",
    arms=("small_model", "dumb_baseline"), direction="greater", delta=VAGUE["better"].delta,
    experiment=small_vs_dumb, sizes=SMALL_SIZES,
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): softmax regression - majority baseline = +0.86 [0.85, 0.86] test accuracy; seed family 2718: +0.85, supported", redesigned=WORKFLOW_REDESIGN,
)


def label_vs_small(ctx):
    f = once(ctx, "small-model-digits", "small_model_fits", small_model_fits)
    return {"label_input": f["label_input"], "small_model": f["small_model"]}


LABEL_INPUT = Claim(
    id="label-as-input-gives-near-perfect-accuracy",
    statement="The 'last resort' check: with the target itself among the input features (one-hot label appended), "
              "the same small model reaches better test accuracy than without it, so a pipeline that cannot "
              "exploit even that is broken.",
    sources=(Source(DOC, "4.5.5 Develop a Model That Does Better Than Baseline", (2257, 2261),
                    "What can you do, if you cannot build a model with statistical power? ... Last resort: Use output "
                    "as one of the input features"),),
    kind=Kind.COMPARATIVE, topic="workflow", metric="test accuracy (fraction), 450 held-out digits",
    arms=("label_input", "small_model"), direction="greater", delta=VAGUE["better"].delta,
    experiment=label_vs_small, sizes=SMALL_SIZES,
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): label among the inputs - without = +0.037 [0.034, 0.040] (0.99+ against 0.95-0.96); seed family 2718: +0.044 [0.039, 0.050], supported", redesigned=WORKFLOW_REDESIGN,
    notes="A debugging check, not a modelling technique: shipping it would be target leakage.",
)


# ------------------------------------------------------------------ measure of success on unbalanced data
def imbalance_values(ctx):
    """'Is it a 9?' on digits (10% positives): an always-'no' predictor vs a ridge classifier, per split."""
    from sklearn.linear_model import RidgeClassifier          # noqa: PLC0415
    ds = ctx.data(sklearn_set, "digits")
    X, y = np.asarray(ds.X) / 16.0, (np.asarray(ds.y) == 9).astype(int)
    out = {"accuracy_gap": [], "recall_gap": []}
    for seed in ctx.seeds:
        perm = ctx.rng(seed, "split").permutation(len(y))
        tr, te = perm[450:], perm[:450]
        pred = RidgeClassifier(alpha=1.0).fit(X[tr], y[tr]).predict(X[te])
        acc_model, acc_no = float(np.mean(pred == y[te])), float(np.mean(y[te] == 0))
        recall_model = float(np.mean(pred[y[te] == 1] == 1))         # the always-'no' recall is 0
        out["accuracy_gap"].append(acc_model - acc_no)
        out["recall_gap"].append(recall_model - 0.0)
    ctx.note("always-'no' accuracy on the last split", acc_no)
    return out


IMBALANCE = Claim(
    id="accuracy-hides-useless-model-on-unbalanced-data",
    statement="On unbalanced data accuracy is the wrong measure of success: for 'is it a 9?' on digits (10% "
              "positives) an always-'no' predictor scores about 0.90 accuracy, so accuracy separates a real "
              "classifier from it by far less than recall does (recall 0 for the useless one).",
    sources=(Source(DOC, "4.5 The Universal Workflow of Machine Learning", (2222, 2224),
                    "Step 2: Choose a measure of success - Accuracy (for balanced), Precision / Recall (for "
                    "unbalanced)"),),
    kind=Kind.COMPARATIVE, topic="workflow",
    metric="gap between a ridge classifier and always-'no' (450 test digits): in recall vs in accuracy",
    arms=("recall_gap", "accuracy_gap"), direction="greater", delta=VAGUE["much better"].delta,
    experiment=imbalance_values,
    sizes={"smoke": {"seeds": (12,)}, "ci": {"seeds": (12, 24)}, "full": {"seeds": (24, 48)}},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): recall gap - accuracy gap = +0.65 [0.61, 0.68] (always-no accuracy about 0.90); seed family 2718: +0.60 [0.57, 0.64], supported",
    notes="delta: 'much' (five points) on the difference of the two gaps, both in fractions.",
)


# ------------------------------------------------------------------ Table 4.1 identities
def head_identity_errors(ctx):
    rng = ctx.rng(ctx.seeds[0], "logits")
    errors = []
    # binary: sigmoid + BCE on a logit z equals a two-way softmax + CE on logits (0, z)
    z = torch.as_tensor(rng.standard_normal(1000) * 5)
    y = torch.as_tensor(rng.integers(0, 2, 1000))
    bce = F.binary_cross_entropy_with_logits(z, y.double(), reduction="none")
    ce = F.cross_entropy(torch.stack([torch.zeros_like(z), z], 1), y, reduction="none")
    errors.append(float((bce - ce).abs().max()))
    # [0, 1] targets: BCE(p, t) over p is smallest at p = t (sigmoid + BCE fits values between 0 and 1)
    grid = torch.linspace(1e-4, 1 - 1e-4, 9999, dtype=torch.float64)
    for t in np.linspace(0.05, 0.95, 19):
        loss = F.binary_cross_entropy(grid, torch.full_like(grid, float(t)), reduction="none")
        errors.append(abs(grid[loss.argmin()].item() - t))
    # multilabel: softmax outputs sum to 1, so never two labels above 0.5; independent sigmoids can
    logits = torch.as_tensor(rng.standard_normal((1000, 5)) * 4)
    errors.append(float(((torch.softmax(logits, 1) > 0.5).sum(1) > 1).any()))
    two_hot = torch.tensor([[3.0, 3.0, -3.0, -3.0, -3.0]])
    errors.append(float((torch.sigmoid(two_hot) > 0.5).sum() != 2))
    return {"error": errors}


HEADS = Claim(
    id="last-layer-table-activation-loss-pairs",
    statement="Table 4.1's pairs fit their problems: sigmoid + binary cross-entropy is the two-class case of softmax "
              "+ categorical cross-entropy; binary cross-entropy against targets in [0, 1] is minimised at the "
              "target (so it fits values between 0 and 1); and multilabel outputs need sigmoids, since softmax can "
              "never put two labels above 0.5.",
    sources=(Source(DOC, "4.5.5 Develop a Model That Does Better Than Baseline", (2265, 2276),
                    "Binary classification	sigmoid	binary_crossentropy ... Multiclass, single-label classification	"
                    "softmax	categorical_crossentropy ... Multiclass, multilabel classification	sigmoid	"
                    "binary_crossentropy ... Regression to values between 0 and 1	sigmoid	mse or "
                    "binary_crossentropy ... Classifying text into categories: One text could have multiple labels"),),
    kind=Kind.IDENTITY, topic="workflow",
    metric="|BCE - 2-way CE|; |argmin_p BCE(p, t) - t| on a 1e-4 grid; two softmax labels above 0.5 anywhere",
    direction="holds", tolerance=1e-4, experiment=head_identity_errors, sizes=ONE,
    expect=Verdict.SUPPORTED, expect_reason="measured: BCE = 2-way CE to 2e-15, argmin within the 1e-4 grid step of every target, no softmax row with two labels above 0.5",
)


# ------------------------------------------------------------------ sigmoid output for regression
def _mae(out, y):
    return (out.squeeze(-1) - y).abs().mean(dim=-1)


def _sigmoid_mse(out, y):
    return ((torch.sigmoid(out.squeeze(-1)) - y) ** 2).mean(dim=-1)


def _sigmoid_mae(out, y):
    return (torch.sigmoid(out.squeeze(-1)) - y).abs().mean(dim=-1)


def regression_head_fits(ctx):
    b = ctx.data(boston_keras_split)
    Xtr, Xte = np.asarray(b.train_data, dtype=np.float64), np.asarray(b.test_data, dtype=np.float64)
    mean, std = Xtr.mean(0), Xtr.std(0)
    Xtr, Xte = as_tensor((Xtr - mean) / std), as_tensor((Xte - mean) / std)
    ytr, yte = as_tensor(b.train_targets), as_tensor(b.test_targets)
    s = ctx.sizes
    out = {}
    for name, loss, metric in (("linear_output", "mse", _mae), ("sigmoid_output", _sigmoid_mse, _sigmoid_mae)):
        cfg = TrainConfig(epochs=s["epochs"], lr=1e-3, batch_size=16, optimizer="rmsprop", loss=loss,
                          optimizer_kwargs={"alpha": 0.9, "eps": 1e-7})
        f = fit(ctx, (13, 64, 64, 1), Xtr, ytr, cfg, evals={"test": (Xte, yte)}, metric=metric)
        out[name] = f["test"].tolist()
    out["linear_output_inflated"] = [(1 + REL) * v for v in out["linear_output"]]
    ctx.note("lower bound for a sigmoid output: mean(y_test) - 1", float(np.mean(b.test_targets) - 1))
    return out


SIGMOID_REGRESSION = Claim(
    id="sigmoid-output-fails-regression-to-arbitrary-values",
    statement="A sigmoid last layer cannot do regression to arbitrary values: on Boston house prices (in $1,000s, "
              "5 to 50) the 64-64-1 net with a sigmoid output has a far larger test MAE than with no activation "
              "(Table 4.1: 'None, mse').",
    sources=(Source(DOC, "4.5.5 Develop a Model That Does Better Than Baseline", (2257, 2258),
                    "What can you do, if you cannot build a model with statistical power? - Check the last-layer’s "
                    "activation - are you using sigmoid for regression?"),
             Source(DOC, "4.5.5 Develop a Model That Does Better Than Baseline", (2271, 2271),
                    "Regression to arbitrary values	None	mse")),
    kind=Kind.COMPARATIVE, topic="workflow",
    metric="test MAE ($1,000s), 102 test houses (Keras' split), RMSprop 1e-3 (Keras constants), batch 16",
    arms=("sigmoid_output", "linear_output_inflated"), direction="greater", delta=0.0,
    experiment=regression_head_fits,
    sizes={"smoke": {"seeds": (12,), "epochs": 3}, "ci": {"seeds": (12, 24), "epochs": 20},
           "full": {"seeds": (24, 48), "epochs": 80}},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): sigmoid MAE - 1.1 x linear MAE = +18.5 [18.3, 18.5] $1,000s (the sigmoid arm sits near its bound mean(y) - 1); seed family 2718: +18.6, supported", redesigned=WORKFLOW_REDESIGN,
    notes="The sigmoid arm's MAE must exceed 1.1x the linear arm's (relative 'better', 10%); a sigmoid output is "
          "bounded by 1, so its MAE cannot fall below mean(y_test) - 1 (noted). ci trains 20 epochs (the book's "
          "final Boston model: 80); features standardised with training statistics as on the slides.",
)


# ------------------------------------------------------------------ scale up until it overfits
def overfit_fits(ctx):
    X, y = digits_tensors(ctx)
    s = ctx.sizes
    perms = np.stack([ctx.rng(seed, "split").permutation(len(y)) for seed in ctx.seeds])
    tr, va = perms[:, :s["n_train"]], perms[:, s["n_train"]:]
    evals = {"val": (rows(X, va), rows(y, va)), "train": (rows(X, tr), rows(y, tr))}
    out = {}
    for name, arch, epochs in (("small", (64, 4, 10), s["small_epochs"]), ("big", (64, s["width"], s["width"], 10), s["big_epochs"])):
        cfg = TrainConfig(epochs=epochs, lr=1e-3, batch_size=s["batch"], optimizer="adam", eval_every=s["eval_every"])
        f = fit(ctx, arch, rows(X, tr), rows(y, tr), cfg, evals=evals,
                metric=lambda o, t: F.cross_entropy(o.transpose(1, 2), t, reduction="none").mean(-1).double())
        val = torch.stack(f.history.evals["val"])                 # (epochs, K) validation loss
        out[f"{name}_train_loss"] = f.history.evals["train"][-1].tolist()
        out[f"{name}_val_final"] = val[-1].tolist()
        out[f"{name}_val_min"] = val.min(0).values.tolist()
    return out


# the first design (batch 32, width 256, validation read every epoch): the full profile of both claims
OVERFIT_FULL = {"seeds": (12, 24), "n_train": 500, "small_epochs": 20, "big_epochs": 100, "width": 256,
                "batch": 32, "eval_every": 1}
SCALE_SIZES = {"smoke": dict(OVERFIT_FULL, seeds=(12,), small_epochs=2, big_epochs=3, batch=100, eval_every=5),
               "ci": dict(OVERFIT_FULL, seeds=(12,), big_epochs=60, width=64, batch=100, eval_every=20),
               "full": OVERFIT_FULL}
DEGRADE_SIZES = {"smoke": SCALE_SIZES["smoke"], "full": OVERFIT_FULL}
OVERFIT_SRC = Source(DOC, "4.5.6 Scale up: Develop a Model That Overfits", (2289, 2293),
                     "To figure out if you can overfit, you have to overfit - How to overfit? - Add layers, Make the "
                     "layers bigger, and Train for more epochs - Monitor the training loss and validation loss (and "
                     "accuracy/mae) - When you see that the model's performance on the validation data begins to "
                     "degrade, you've achieved overfitting")


def scale_up_train_loss(ctx):
    f = once(ctx, "overfit-digits", "overfit_fits", overfit_fits)
    return {"small": f["small_train_loss"], "small_deflated": [(1 - REL) * v for v in f["small_train_loss"]],
            "big": f["big_train_loss"]}


SCALE_UP = Claim(
    id="scaling-up-lowers-training-loss",
    statement="Adding layers, making them bigger and training longer lets a model fit its training data: a "
              "64-256-256-10 net trained 100 epochs ends with a lower training loss than a 64-4-10 net trained 20 "
              "epochs (500 digits).",
    sources=(OVERFIT_SRC,), kind=Kind.COMPARATIVE, topic="workflow",
    metric="training cross-entropy at the end (500 training digits; ci: 64-64-64-10 for 60 epochs)",
    arms=("small_deflated", "big"), direction="greater", delta=0.0, experiment=scale_up_train_loss,
    sizes=SCALE_SIZES, expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): 0.9 x small-net loss - big-net loss = +1.84 [1.81, 1.87] (the 4-unit net stays near loss 2); seed family 2718: +1.83, supported", redesigned=WORKFLOW_REDESIGN,
    notes="ci: a 64-64-64-10 net for 60 epochs (batch 100); full: 64-256-256-10 for 100 epochs (batch 32). The big net's loss must be below 0.9x the small net's (relative 'better', 10%): arm a is the small "
          "net's loss scaled by 0.9.",
)


def val_turns_up(ctx):
    f = once(ctx, "overfit-digits", "overfit_fits", overfit_fits)
    return {"final": f["big_val_final"], "min_inflated": [(1 + REL) * v for v in f["big_val_min"]]}


VAL_DEGRADES = Claim(
    id="scaled-up-model-validation-loss-degrades",
    statement="Scaled up far enough, a model overfits and its validation performance degrades: the 64-256-256-10 "
              "net's validation loss after 100 epochs on 500 digits is above its minimum over the epochs.",
    sources=(OVERFIT_SRC,), kind=Kind.COMPARATIVE, topic="workflow",
    metric="validation cross-entropy (1,297 held-out digits): final vs the minimum over epochs 5, 10, ..., 100",
    arms=("final", "min_inflated"), direction="greater", delta=0.0, experiment=val_turns_up,
    sizes=DEGRADE_SIZES, expect=Verdict.SUPPORTED, expect_reason="measured (full, 12 seeds, this design): final - 1.1 x minimum validation loss = +0.019 [0.015, 0.023]", redesigned=WORKFLOW_REDESIGN,
    requires={"ci": "the overfitting curve needs 1,600 steps of a 256-wide net read every epoch (27 CPU-s), beyond "
                    "this slice's CI budget; reduced runs (batch 100) turn up by less than 10% in 100 epochs, which "
                    "reflects the reduction, so the claim runs only at its design size (full profile)"},
    notes="'Begins to degrade': the final validation loss must exceed 1.1x its minimum (relative 'better', 10%).",
)
