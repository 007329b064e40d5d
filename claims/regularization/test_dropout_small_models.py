"""Headline: "dropout is generally not a good idea for simple models or small models" (001, l.1749).

The document bases it on its two dropout sweeps, both showing accuracy falling as the dropout rate
rises: a 2-128-128-1 net on 2-D rings ("best performance was with zero drop out", l.1700-1704) and a
small net on iris (l.1741-1745; the notebook's 4-12-12-3 [nb]). Four claims:

1. the document's comparison on rings: dropout .5 vs none, its training recipe (SGD lr .002, batch
   16, a fixed epoch budget, BCE-with-logits; [nb] settings);
2. the same on iris (4-12-12-3, SGD lr .005, batch 16 [nb]);
3. a control for the fixed, small-learning-rate budget: the rings model trained with Adam until the
   no-dropout net has converged (dropout needs more training, l.1623, so a short SGD budget
   penalises it for reasons unrelated to model size);
4. the interaction: the dropout effect (acc with dropout - acc without, per seed) on a large MLP
   (196-256-256-10) minus the effect on a small one (196-16-10), same data (500 pooled MNIST digits)
   and recipe (Adam). "Dropout hurts SMALL models" predicts it is positive.

Dropout is inverted dropout after each hidden activation (the document's F.dropout placement),
train mode only; accuracy is measured in eval mode on held-out rows.
"""
from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.training.engine import TrainConfig
from harness.training.experiments import fit
from harness.recipes.small_problems import iris_sets, pooled_mnist_sets, rings_sets
from harness.declaring.vague_words import VAGUE

DOC = "001_21bdbe3614939729.txt"
CONCLUSION = Source(
    DOC, "Dropout example 2", (1741, 1753),
    "we started off without any dropout. ... as we added more and more dropout, the model got worse. ... "
    "dropout regularisation is generally not a good idea for simple models or small models.")
RINGS_SWEEP = Source(
    DOC, "Dropout regularization in practice", (1648, 1704),
    "See that dropoup isn't always good! ... the best performance was with zero drop out. ... "
    "So no drop out at all actually gave the best results.")
LATER = Source(
    DOC, "Dropout example 2", (1755, 1755),
    "you will see examples later on in the course where including dropout actually had a really "
    "noticeable positive effect.")


def rings_problem(ctx, prefix):
    s = ctx.sizes
    train, test = rings_sets(ctx, s["rings_n_per_ring"], s["rings_n_test"])
    cfg = TrainConfig(epochs=s[prefix + "epochs"], lr=s[prefix + "lr"], batch_size=16,
                      optimizer=s[prefix + "optimizer"], loss="bce_logits")
    return (2, 128, 128, 1), train, test, cfg


def iris_problem(ctx, prefix):
    s = ctx.sizes
    train, test = iris_sets(ctx, 30)
    cfg = TrainConfig(epochs=s[prefix + "epochs"], lr=s[prefix + "lr"], batch_size=16, optimizer="sgd")
    return (4, 12, 12, 3), train, test, cfg


def mnist_problem(ctx, prefix):
    s = ctx.sizes
    train, test = pooled_mnist_sets(ctx, s["mnist_n_train"], s["mnist_n_test"])
    cfg = TrainConfig(epochs=s[prefix + "epochs"], lr=s[prefix + "lr"], batch_size=64, optimizer="adam")
    return (196, 256, 256, 10), train, test, cfg


def accuracies(ctx, problem, prefix):
    """Test and train accuracy (K,) without and with dropout (same data, split, init and order)."""
    sizes, train, test, cfg = problem(ctx, prefix)
    out = {}
    for arm, p in (("no_dropout", 0.0), ("dropout", ctx.sizes["p"])):
        f = fit(ctx, sizes, *train, cfg, evals={"test": test, "train": train}, dropout=p)
        out[arm], out[arm + "_train"] = f["test"], f["train"]
    return out


def simple_comparison(problem, prefix):
    return lambda ctx: accuracies(ctx, problem, prefix)


def interaction(ctx):
    """Dropout effect (p = .5 minus none) for a small and a large MLP on the same pooled-MNIST problem,
    with the same optimizer, learning rate, batch and epochs: only the model differs. Per arm the train
    loss over the last tenth of training and the tenth before are stored (a plateau check)."""
    s = ctx.sizes
    train, test = pooled_mnist_sets(ctx, s["mnist_n_train"], s["mnist_n_test"])
    cfg = TrainConfig(epochs=s["mnist_epochs"], lr=s["mnist_lr"], batch_size=64, optimizer="adam")
    tail = max(1, s["mnist_epochs"] // 10)
    out = {}
    for size, layers in (("large", LARGE_NET), ("small", SMALL_NET)):
        acc = {}
        for arm, p in (("no_dropout", 0.0), ("dropout", s["p"])):
            f = fit(ctx, layers, *train, cfg, evals={"test": test, "train": train}, dropout=p)
            loss = f.history.train_loss
            acc[arm] = f["test"]
            out[f"{size}_{arm}"], out[f"{size}_{arm}_train"] = f["test"], f["train"]
            out[f"{size}_{arm}_loss_last_tenth"] = loss[:, -tail:].mean(1)
            out[f"{size}_{arm}_loss_previous_tenth"] = loss[:, -2 * tail:-tail].mean(1)
        out[f"effect_{size}"] = acc["dropout"] - acc["no_dropout"]
    # Plateau control: the small net's losses still fall at the shared budget, so its two arms are
    # also trained 4x longer; if dropout only hurt it by slowing it down, this effect would vanish.
    long_cfg = TrainConfig(epochs=4 * s["mnist_epochs"], lr=s["mnist_lr"], batch_size=64, optimizer="adam")
    acc = {}
    for arm, p in (("no_dropout", 0.0), ("dropout", s["p"])):
        f = fit(ctx, SMALL_NET, *train, long_cfg, evals={"test": test}, dropout=p)
        loss = f.history.train_loss
        acc[arm] = f["test"]
        out[f"small_4x_{arm}_loss_last_tenth"] = loss[:, -4 * tail:].mean(1)
        out[f"small_4x_{arm}_loss_previous_tenth"] = loss[:, -8 * tail:-4 * tail].mean(1)
    out["effect_small_4x_epochs"] = acc["dropout"] - acc["no_dropout"]
    return out


LARGE_NET, SMALL_NET = (196, 256, 256, 10), (196, 16, 10)


RINGS = {"rings_n_per_ring": 200, "rings_n_test": 80, "rings_lr": 0.002, "rings_optimizer": "sgd", "p": 0.5}
RINGS_ADAM = {"rings_n_per_ring": 200, "rings_n_test": 80, "rings_lr": 0.003, "rings_optimizer": "adam", "p": 0.5}
IRIS = {"iris_lr": 0.005, "p": 0.5}
MNIST = {"mnist_n_train": 500, "mnist_n_test": 2000, "mnist_lr": 0.001}

RINGS_NOTES = (
    "Data: fixtures.synthetic.rings, 200 points per ring at radii 10 and 15 (the notebook's radii) with "
    "radial noise sd 2 (the notebook adds sd 3 and sd 1 to the two coordinates), 80 test rows (test_size .2). "
    "Training: the notebook's SGD lr .002, batch 16, BCE-with-logits; ci runs 200 epochs, full the "
    "notebook's 1000. p = .5 stands for 'dropout' (the document sweeps 0 to .9; see the sweep claims).")

DOC_RINGS = Claim(
    id="dropout-hurts-small-model-rings-document-setup",
    statement="In the document's rings setup (2-128-128-1, SGD lr .002, batch 16, fixed epochs), training "
              "with dropout .5 gives lower test accuracy than without dropout, by at least 2 points.",
    sources=(CONCLUSION, RINGS_SWEEP), kind=Kind.COMPARATIVE, topic="regularization",
    metric="test accuracy (fraction), 80 held-out ring points", arms=("no_dropout", "dropout"),
    direction="greater", delta=0.02, experiment=simple_comparison(rings_problem, "rings_"),
    sizes={"smoke": {"seeds": (12,), **RINGS, "rings_epochs": 60},
           "ci": {"seeds": (16, 32), **RINGS, "rings_epochs": 200},
           "full": {"seeds": (20, 40), **RINGS, "rings_epochs": 1000}},
    expect=Verdict.SUPPORTED,
    expect_reason='ci looks (16, 32); seed family 7: +0.117 at 16; family 12345 decides at 32: +0.107 [0.074, 0.142]. ' "measured (ci, 32 seeds, decided at the second look, 200 epochs): no dropout leads by 0.122 [0.091, 0.158], "
                  "p = 2.5e-5; test acc .81 vs .69, train acc .86 vs .75 (dropout lowers both, as the document says)",
    document_figures={"best_dropout_rate": 0.0},
    notes=RINGS_NOTES + " Delta: 2 points of accuracy, the smallest change a reader of the document's "
          "curve would call 'worse'.",
)

DOC_IRIS = Claim(
    id="dropout-hurts-small-model-iris-document-setup",
    statement="In the document's iris setup (4-12-12-3, SGD lr .005, batch 16, fixed epochs), training with "
              "dropout .5 gives lower test accuracy than without dropout, by at least 2 points.",
    sources=(CONCLUSION,), kind=Kind.COMPARATIVE, topic="regularization",
    metric="test accuracy (fraction), 30 held-out iris rows", arms=("no_dropout", "dropout"),
    direction="greater", delta=0.02, experiment=simple_comparison(iris_problem, "iris_"),
    sizes={"smoke": {"seeds": (12,), **IRIS, "iris_epochs": 100},
           "ci": {"seeds": (16, 32), **IRIS, "iris_epochs": 300},
           "full": {"seeds": (20, 40), **IRIS, "iris_epochs": 500}},
    expect=Verdict.SUPPORTED,
    expect_reason='ci looks (16, 32); seed family 7 decides at 32: +0.118 [0.073, 0.175]. ' "measured (ci, 16 seeds in one look, 300 epochs): no dropout leads by 0.188 [0.123, 0.258], "
                  "p = 6e-5; test acc .97 vs .78",
    notes="[nb] DUDL_regular_dropout_example2: 4-12-12-3, dropout after both hidden layers, SGD lr .005, "
          "batch 16, 500 epochs, test_size .2; ci runs 300 epochs. Iris from scikit-learn, unscaled as in the notebook.",
)

CONTROLLED_RINGS = Claim(
    id="dropout-hurts-small-model-rings-trained-with-adam",
    statement="Control for the fixed SGD budget: on the same rings data and 2-128-128-1 model trained with "
              "Adam (lr .003) long enough for the no-dropout net to converge, dropout .5 still lowers test "
              "accuracy by at least 2 points.",
    sources=(CONCLUSION, RINGS_SWEEP), kind=Kind.COMPARATIVE, topic="regularization",
    metric="test accuracy (fraction), 80 held-out ring points", arms=("no_dropout", "dropout"),
    direction="greater", delta=0.02, experiment=simple_comparison(rings_problem, "rings_"),
    sizes={"smoke": {"seeds": (12,), **RINGS_ADAM, "rings_epochs": 40},
           "ci": {"seeds": (24, 48, 96), **RINGS_ADAM, "rings_epochs": 80},
           "full": {"seeds": (20, 40, 80), **RINGS_ADAM, "rings_epochs": 300}},
    expect=Verdict.REFUTED,
    expect_reason='ci looks (24, 48, 96); seed family 7 refutes at 96: -0.002 [-0.010, 0.005]. ' "measured (ci, 24 seeds in one look, 80 epochs): no_dropout - dropout = -0.010 [-0.023, -0.001], "
                  "p_refute = 1.5e-6, below +0.02: with enough training dropout .5 does not hurt this model "
                  "(test acc .859 vs .869)",
    notes=RINGS_NOTES + " Here Adam replaces SGD so that both arms train to a plateau: the document's "
          "comparison holds the epoch budget fixed while dropout slows learning (l.1623). ci trains 80 epochs "
          "(full 300): in a 24-seed learning curve the no-dropout net's test accuracy plateaus by epoch 40-50 "
          "(.86-.87) and the dropout net's catches up by epoch 80 (.869; .871 at epoch 100).",
)

INTERACTION = Claim(
    id="dropout-effect-larger-for-large-model-than-small",
    redesigned='2026-12-04: small and large MLP on the same data and recipe (was confounded: data, optimizer, lr and epochs all differed), delta from the vague-word table, 4x-epoch plateau control for the small net. Confirmed on unseen seed family 424242: SUPPORTED.',
    statement="Dropout 'is generally not a good idea for ... small models', while elsewhere it has 'a really "
              "noticeable positive effect': on one problem (500 pooled MNIST digits) with one training recipe "
              "(Adam lr 1e-3, batch 64, the same epochs), the dropout effect (test accuracy with dropout .5 "
              "minus without) is better for a large MLP (196-256-256-10) than for a small one (196-16-10) by "
              "at least one point.",
    sources=(CONCLUSION, LATER), kind=Kind.COMPARATIVE, topic="regularization",
    metric="dropout effect on test accuracy (fraction): acc(p=.5) - acc(p=0), per seed",
    arms=("effect_large", "effect_small"), direction="greater", delta=VAGUE["better"].delta,
    experiment=interaction,
    sizes={"smoke": {"seeds": (12,), **MNIST, "p": 0.5, "mnist_n_train": 300, "mnist_epochs": 10},
           "ci": {"seeds": (12, 24), **MNIST, "p": 0.5, "mnist_epochs": 60},
           "full": {"seeds": (20, 40), **MNIST, "p": 0.5, "mnist_epochs": 150}},
    expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 12 seeds): effect_large +0.008 (0.873 -> 0.882) vs effect_small -0.035 "
                  "(0.845 -> 0.810), difference +0.043 [0.038, 0.048]; seed family 424242: +0.046 [0.039, 0.054], "
                  "supported. Plateau control: trained 4x longer the small net's effect shrinks to -0.011 "
                  "(424242: -0.015), so part of the gap is dropout slowing the small net; the mean gap against the "
                  "control is still +0.020 (+0.024)",
    notes="Only the model differs between the two effects: data, split, optimizer, learning rate, batch and "
          "epochs are shared (60 epochs in ci, so every arm reaches a plateau; the last two tenths' train "
          "losses are stored per arm). 'Better' is the vague-word table's unqualified word (one point). Design "
          "changed on 2026-12-04 after a measured run of a confounded design (large MLP on MNIST with Adam vs "
          "the rings model with SGD lr .002: data, optimizer, learning rate and epochs all differed; SUPPORTED, "
          "+0.100 [0.071, 0.142]). Confirmed on seed family 424242 (never seen): supported. The small net's losses "
          "still fall at the shared budget, hence the 4x-epoch control (effect_small_4x_epochs).",
)


# ----------------------------------------------------------------- the document's two sweeps
def sweep(problem, prefix):
    """Test and train accuracy per dropout rate; arms: p = 0 and the best nonzero rate of each seed."""
    def experiment(ctx):
        sizes, train, test, cfg = problem(ctx, prefix)
        out, best = {}, None
        for p in ctx.sizes["rates"]:
            f = fit(ctx, sizes, *train, cfg, evals={"test": test, "train": train}, dropout=p)
            out[f"test_p{p:g}"], out[f"train_p{p:g}"] = f["test"], f["train"]
            if p > 0:
                best = f["test"] if best is None else best.maximum(f["test"])
        out["zero"], out["best_nonzero"] = out["test_p0"], best
        return out
    return experiment


SWEEP_NOTE = ("Arm b is each seed's best test accuracy over the nonzero rates, which favours dropout (a "
              "maximum over noisy values), so 'best at zero' is tested conservatively. Every rate's test "
              "and train accuracy is stored.")

RINGS_BEST_AT_ZERO = Claim(
    id="dropout-rings-sweep-best-at-zero",
    statement="In the document's rings sweep (2-128-128-1, SGD lr .002, batch 16, fixed epochs), no dropout "
              "beats every nonzero dropout rate swept by at least 1 point of test accuracy.",
    sources=(RINGS_SWEEP,), kind=Kind.COMPARATIVE, topic="regularization",
    metric="test accuracy (fraction): p = 0 vs the best of the nonzero rates, per seed",
    arms=("zero", "best_nonzero"), direction="greater", delta=0.01, experiment=sweep(rings_problem, "rings_"),
    sizes={"smoke": {"seeds": (12,), **RINGS, "rings_epochs": 60, "rates": (0.0, 0.5)},
           "ci": {"seeds": (20, 40, 80, 160), **RINGS, "rings_epochs": 200, "rates": (0.0, 0.25, 0.5)},
           "full": {"seeds": (20, 40), **RINGS, "rings_epochs": 1000, "rates": tuple(i / 10 for i in range(10))}},
    redesigned='2026-12-07: ci looks (20, 40) -> (20, 40, 80, 160), the uniform remedy for claims whose verdict differed between the seed families default/7/12345 (looks added, each doubling the last planned one, up to 4x its seeds). Why: verdict differed between seed families 7/12345/default: power. Arms, metric, direction, delta and data unchanged. Confirmed on seed family 31337 (never used by the suite): supported at 40 seeds, +0.07625 [0.05469, 0.09375].',
    expect=Verdict.SUPPORTED,
    expect_reason='measured supported (ci, 40 seeds): +0.0675 [0.05, 0.08531]; seed family 7: +0.05641 [0.04203, 0.07094] at 80 seeds, supported; seed family 12345: +0.07312 [0.05031, 0.09594] at 40 seeds, supported; seed family 31337: +0.07625 [0.05469, 0.09375] at 40 seeds, supported. Earlier: ci looks (20, 40); seed family 7 decides at 40: +0.049 [0.026, 0.075]. measured (ci, 20 seeds in one look, 200 epochs, rates 0/.25/.5): p = 0 beats the best nonzero rate by 0.062 [0.038, 0.086], p = 7e-5',
    notes=RINGS_NOTES + " " + SWEEP_NOTE + " The notebook's grid is 0, .1, ..., .9 (full); ci uses 0, .25, .5.",
)

IRIS_SWEEP = Source(
    DOC, "Dropout example 2", (1741, 1745),
    "So, in fact, we started off without any dropout. ... The model was already doing really well. ... "
    "But as we added more and more dropout, the model got worse.")

IRIS_BEST_AT_ZERO = Claim(
    id="dropout-iris-sweep-best-at-zero",
    statement="In the document's iris sweep (4-12-12-3, SGD lr .005, batch 16, fixed epochs), no dropout "
              "beats every nonzero dropout rate swept by at least 1 point of test accuracy.",
    sources=(IRIS_SWEEP,), kind=Kind.COMPARATIVE, topic="regularization",
    metric="test accuracy (fraction): p = 0 vs the best of the nonzero rates, per seed",
    arms=("zero", "best_nonzero"), direction="greater", delta=0.01, experiment=sweep(iris_problem, "iris_"),
    sizes={"smoke": {"seeds": (12,), **IRIS, "iris_epochs": 100, "rates": (0.0, 0.5)},
           "ci": {"seeds": (24,), **IRIS, "iris_epochs": 300, "rates": (0.0, 0.25, 0.5, 0.75)},
           "full": {"seeds": (20, 40), **IRIS, "iris_epochs": 500, "rates": tuple(i / 10 for i in range(10))}},
    expect=Verdict.INCONCLUSIVE,
    expect_reason="measured (ci, 24 seeds in one look, 300 epochs, rates 0/.25/.5/.75): p = 0 leads the best "
                  "nonzero rate by 0.024 [-0.001, 0.068], p = .11, p_refute = .78: undecided (the earlier 48-seed "
                  "schedule measured 0.022 [0.005, 0.045], also inconclusive: above 0, not clearly above the "
                  "1-point delta)",
    notes=SWEEP_NOTE + " [nb] 500 epochs, rates 0-.9; ci 300 epochs, rates 0, .25, .5, .75.",
)


def no_dropout_gap(ctx):
    sizes, train, test, cfg = rings_problem(ctx, "rings_")
    f = fit(ctx, sizes, *train, cfg, evals={"test": test, "train": train})
    return {"train": f["train"], "test": f["test"]}


LITTLE_OVERFITTING = Claim(
    id="dropout-rings-little-overfitting-without-dropout",
    statement="Without dropout, the document's rings model overfits only a little: training accuracy exceeds "
              "test accuracy by less than 5 points.",
    sources=(Source(DOC, "Dropout regularization in practice", (1656, 1656),
                    "There is only a tiny little bit of overfitting. The training data is only a little bit "
                    "more accurate than the test data."),),
    kind=Kind.EQUIVALENCE, topic="regularization", metric="accuracy (fraction): train vs 80 held-out points",
    arms=("train", "test"), direction="equivalent", delta=0.05, experiment=no_dropout_gap,
    sizes={"smoke": {"seeds": (16,), **RINGS, "rings_epochs": 60},
           "ci": {"seeds": (12,), **RINGS, "rings_epochs": 200},
           "full": {"seeds": (20, 40, 80), **RINGS, "rings_epochs": 1000}},
    expect=Verdict.INCONCLUSIVE,
    expect_reason="measured (ci, 12 seeds in one look, 200 epochs): train - test = 0.077 [0.054, 0.096], "
                  "p_refute = .035: neither within nor decidedly beyond the 5-point bound (the earlier 48-seed "
                  "schedule measured 0.047 [0.035, 0.060], straddling it): a small but not clearly 'tiny' gap",
    notes=RINGS_NOTES + " 'A tiny little bit' is read as under 5 points (TOST within +-.05).",
)


def mnist_gap(ctx):
    a = accuracies(ctx, mnist_problem, "mnist_")
    out = {"gap_dropout": a["dropout_train"] - a["dropout"], "gap_no_dropout": a["no_dropout_train"] - a["no_dropout"]}
    return {**out, **a}


GAP = Claim(
    id="dropout-lowers-train-accuracy-and-generalization-gap",
    statement="On a large MLP that overfits (196-256-256-10 on 500 pooled MNIST digits), dropout .5 lowers "
              "training accuracy and shrinks the train-minus-test gap by at least 1 point.",
    sources=(Source(DOC, "Dropout regularization: what it does", (1624, 1624),
                    "Can decrease training accuracy but increase generalization."),
             Source("004_2947cf972490c874.txt", "17. Deep Learning Regularization with Dropout and Early Stopping",
                    (18, 18), "So it's a little bit counter-intuitive that actually removing neurons from your neural "
                    "network and make it actually trained better. But that's what happens, that prevents overfitting.")),
    kind=Kind.COMPARATIVE, topic="regularization", metric="train accuracy - test accuracy (fraction)",
    arms=("gap_dropout", "gap_no_dropout"), direction="less", delta=0.01, experiment=mnist_gap,
    sizes={"smoke": {"seeds": (12,), **MNIST, "p": 0.5, "mnist_n_train": 300, "mnist_epochs": 10},
           # 30 epochs, not 20: the shorter run leaves the dropout net less trained, which widens
           # the very gap this claim measures (-0.028 at 20 epochs vs -0.017 at 30).
           "ci": {"seeds": (24, 48, 96), **MNIST, "p": 0.5, "mnist_epochs": 30},
           "full": {"seeds": (20, 40), **MNIST, "p": 0.5, "mnist_epochs": 60}},
    redesigned='2026-12-07: ci looks (12, 24) -> (24, 48, 96), the uniform remedy for claims whose verdict differed between the seed families default/7/12345 (looks added, each doubling the last planned one, up to 4x its seeds; the 12-seed look dropped, since at its share of alpha it could never decide). Why: verdict differed between seed families 7/12345/default: power. Arms, metric, direction, delta and data unchanged. Confirmed on seed family 31337 (never used by the suite): supported at 24 seeds, -0.01715 [-0.01981, -0.01463].',
    expect=Verdict.SUPPORTED,
    expect_reason="measured supported (ci, 24 seeds): -0.01927 [-0.02285, -0.01587]; seed family 7: -0.01869 [-0.02152, -0.01555] at 24 seeds, supported; seed family 12345: -0.01871 [-0.02172, -0.01575] at 24 seeds, supported; seed family 31337: -0.01715 [-0.01981, -0.01463] at 24 seeds, supported. Earlier: 2026-12-04, re-decided under rule v2 (one-sided tests against delta both ways; design unchanged): measured inconclusive (ci, 24 seeds): -0.01788 [-0.02125, -0.01404]; means gap_dropout 0.1112, gap_no_dropout 0.129 (was pinned supported). Earlier: measured (ci, 12 seeds, 30 epochs): gap with dropout - gap without = -0.017 [-0.022, -0.012], p = 0.00049 at the look's alpha 0.0005 (a narrow margin); train .985 vs 1.000, test .875 vs .873. At 20 epochs the gap difference is -0.028: the less-trained dropout net flatters the claim, so ci keeps 30",
    notes="The large setting of dropout-effect-larger-for-large-model-than-small. Test accuracy with and "
          "without dropout is stored too ('increase generalization' read as test accuracy: see effect_large "
          "in that claim).",
)
