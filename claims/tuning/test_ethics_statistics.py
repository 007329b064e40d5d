"""The statistics in the ethics lecture (004, lecture 18 "The Ethics of Deep Learning", file line 19):
accuracy on rare cases, "one in a thousand", biased training labels and a proxy feature.

The lecture has no data; the claims run on synthetic data drawn per seed (stream "data"), with the
models trained by the one engine (logistic regression: a 2-1 or 2-1 BatchedMLP with BCE, Adam).
The hiring data are invented to match the lecture's examples: a skill that truly decides, a group
(or age) that historical decisions penalised, and years of experience tied to age.
"""
import numpy as np
import torch

from harness.declaring.claim import Claim, Kind, Source, Unexecutable, Verdict
from harness.training.engine import TrainConfig, outputs
from harness.training.experiments import fit
from harness.declaring.vague_words import VAGUE

DOC = "004_2947cf972490c874.txt"
L18 = "18. The Ethics of Deep Learning"
LOGREG = TrainConfig(epochs=100, lr=0.1, batch_size=None, optimizer="adam", loss="bce_logits")


ETHICS_REDESIGN = ("2026-12-07: cut for the CI budget after the first measured run (all SUPPORTED by wide margins: "
                   "accuracy 0.9989 vs recall 0.0; selection gaps 0.29 and 0.22 vs 0.002 and 0.003): logistic regression "
                   "100 full-batch steps at Adam 0.1 instead of 300 at 0.05, 20,000 rows instead of 50,000 (rare cases) "
                   "and 5,000 instead of 20,000 (hiring). Confirmed on unseen seed family 1009: see expect_reason.")


def per_seed(ctx, draw):
    """Stack draw(rng) -> (X, y) over the look's seeds: (K, n, d), (K, n)."""
    parts = [draw(ctx.rng(seed, "data")) for seed in ctx.seeds]
    return (torch.as_tensor(np.stack([p[0] for p in parts]), dtype=torch.float32),
            torch.as_tensor(np.stack([p[1] for p in parts]), dtype=torch.long))


def positive(model, X):
    """(K, n) bool: logit > 0."""
    return outputs(model, X)[..., 0] > 0


# ----------------------------------------------------------------- 99.9% accuracy on rare cases
def rare_cases(ctx):
    s = ctx.sizes

    def draw(rng):
        n = 2 * s["n"]
        y = (rng.random(n) < s["prevalence"]).astype(np.int64)
        X = rng.standard_normal((n, 2)) + s["shift"] * y[:, None]
        return X, y

    X, y = per_seed(ctx, draw)
    n = s["n"]
    f = fit(ctx, (2, 1), X[:, :n], y[:, :n], LOGREG)
    pred = positive(f.model, X[:, n:])
    yt = y[:, n:].bool()
    acc = (pred == yt).double().mean(1)
    recall = (pred & yt).double().sum(1) / yt.double().sum(1).clamp(min=1)
    ctx.note("positives_in_test_mean", float(yt.double().sum(1).mean()))
    return {"test_accuracy": acc.tolist(), "recall_on_rare_positives": recall.tolist()}


RARE = Claim(
    id="high-accuracy-hides-missed-rare-cases",
    redesigned=ETHICS_REDESIGN,
    statement="Accuracy does not tell the whole story: a classifier of cases that are positive 0.1% of the time "
              "scores about 99.9% accuracy while finding far fewer of the positive cases (its recall on them is lower "
              "than its accuracy by more than 5 points).",
    sources=(Source(DOC, L18, (19, 19), "it's important to understand that accuracy doesn't tell the whole story. So "
                    "we've evaluated our neural networks by their ability to accurately classify something, and if we "
                    "see like a 99.9% accuracy value we congratulate ourselves"),),
    kind=Kind.COMPARATIVE, topic="tuning", metric="fraction: test accuracy vs recall on the positives",
    arms=("test_accuracy", "recall_on_rare_positives"), direction="greater", delta=VAGUE["much better"].delta,
    experiment=rare_cases,
    sizes={"smoke": {"seeds": (12,), "n": 20000, "prevalence": 0.001, "shift": 2.0},
           "ci": {"seeds": (12, 24), "n": 20000, "prevalence": 0.001, "shift": 2.0},
           "full": {"seeds": (20, 40), "n": 200000, "prevalence": 0.001, "shift": 2.0}},
    expect=Verdict.SUPPORTED, expect_reason="measured (ci, 12 seeds): accuracy 0.999 while recall on the rare positives is 0.0 in every seed (the model predicts 'negative' throughout): accuracy - recall = +0.999 [0.9989, 0.9991]; seed family 1009: the same",
    notes="Two features, N(0, I) for negatives and shifted by 2 in each for positives (prevalence 0.1%); logistic "
          "regression (full-batch Adam 0.1, 100 steps) on 20,000 rows, tested on 20,000 others (about 20 "
          "positives).",
)


# ----------------------------------------------------------------- one in a thousand
def one_in_a_thousand(ctx):
    s = ctx.sizes
    errors = []
    for seed in ctx.seeds:
        wrong = ctx.rng(seed, "data").random((s["trials"], 1000)) < 0.001      # independent errors at 0.1%
        per_1000 = wrong.sum(1)
        errors.append(abs(per_1000.mean() - 1.0))                  # 'one times out of 1000'
        errors.append(max(0.0, 0.5 - (per_1000 > 0).mean()))       # 'going to' read as more likely than not
    ctx.note("p_at_least_one_error_in_1000_closed_form", 1 - 0.999 ** 1000)
    return {"error": errors}


ONE_IN_1000 = Claim(
    id="one-error-in-a-thousand-uses",
    statement="At 99.9% accuracy (independent errors) a system is wrong on average once per 1,000 uses, and over "
              "1,000 uses at least one error is more likely than not (probability 1 - 0.999^1000 = 0.632).",
    sources=(Source(DOC, L18, (19, 19), "even a 99.9% accuracy means that one times out of 1000 you're going to get it "
                    "wrong. And if people are using your system more than 1000 times, there's going to be some bad "
                    "consequence that happens."),),
    kind=Kind.IDENTITY, topic="tuning",
    metric="|simulated mean errors per 1000 - 1|; max(0, 0.5 - simulated P(at least one error in 1000))",
    direction="holds", tolerance=0.03, experiment=one_in_a_thousand,
    sizes={"smoke": {"seeds": 2, "trials": 2000}, "ci": {"seeds": 3, "trials": 20000},
           "full": {"seeds": 5, "trials": 100000}},
    expect=Verdict.SUPPORTED, expect_reason='measured (ci, 3 seeds x 20,000 runs): mean errors per 1,000 uses within 0.003 of 1; P(at least one) = 0.63 (closed form 0.632); seed family 1009: within 0.012',
    notes="20,000 simulated runs of 1,000 uses per seed (Monte Carlo s.e. of the mean 0.007; tolerance 0.03). "
          "Read literally ('is going to' = certainly) the second half would fail: P = 0.632 at 1,000 uses, 0.993 "
          "at 5,000.",
)


# ----------------------------------------------------------------- biased labels, proxy features
def hiring(ctx):
    s = ctx.sizes

    def draw(rng):
        n = s["n"]
        skill = rng.standard_normal(n)
        group = (rng.random(n) < 0.5).astype(float)
        noise = 0.5 * rng.standard_normal(n)
        fair = (skill + noise > 0).astype(np.int64)
        biased = (skill - s["penalty"] * group + noise > 0).astype(np.int64)
        return np.stack([skill, group], 1), np.stack([fair, biased], 1)

    X, Y = per_seed(ctx, draw)
    # evaluation: the same applicants with the group switched, so skill is equal by construction
    X0, X1 = X.clone(), X.clone()
    X0[..., 1], X1[..., 1] = 0.0, 1.0
    out = {}
    for i, name in enumerate(("fair_labels", "historical_labels")):
        f = fit(ctx, (2, 1), X, Y[..., i], LOGREG)
        gap = positive(f.model, X0).double().mean(1) - positive(f.model, X1).double().mean(1)
        out[f"{name}_selection_gap"] = gap.tolist()
    return out


BIASED = Claim(
    id="biased-hiring-labels-propagate-to-model",
    redesigned=ETHICS_REDESIGN,
    statement="A model trained on past human hiring decisions that penalised a group reproduces the bias: at equal "
              "skill its selection rate for that group is lower, by more than 1 point beyond a model trained on "
              "unbiased decisions.",
    sources=(Source(DOC, L18, (19, 19), "Remember, your model is only as good as the data that you train it with."),
             Source(DOC, L18, (19, 19), "if you're feeding it training data from real humans that made hiring decisions "
                    "that training it is going to reflect all of their implicit biases.")),
    kind=Kind.COMPARATIVE, topic="tuning", metric="selection rate (group 0 - group 1) on the same applicants",
    arms=("historical_labels_selection_gap", "fair_labels_selection_gap"), direction="greater",
    delta=VAGUE["better"].delta, experiment=hiring,
    sizes={"smoke": {"seeds": (12,), "n": 5000, "penalty": 0.8}, "ci": {"seeds": (12, 24), "n": 5000, "penalty": 0.8},
           "full": {"seeds": (20, 40), "n": 100000, "penalty": 0.8}},
    expect=Verdict.SUPPORTED, expect_reason='measured (ci, 12 seeds): selection gap trained on historical labels 0.294 vs fair labels 0.004; difference +0.290 [0.285, 0.294]; seed family 1009: +0.285 [0.280, 0.292]',
    notes="Synthetic: skill ~ N(0, 1), group 50/50; fair decision 1[skill + e > 0], historical 1[skill - 0.8 group + e "
          "> 0], e ~ N(0, 0.25); logistic regression on (skill, group). Each applicant is scored twice, once per "
          "group, so the two rates compare equal skill.",
)


def proxy(ctx):
    s = ctx.sizes

    def draw(rng):
        n = s["n"]
        age = rng.uniform(22, 65, n)
        experience = np.maximum(0, age - 22 - rng.uniform(0, 4, n))
        skill = rng.standard_normal(n)
        noise = 0.5 * rng.standard_normal(n)
        fair = (skill + noise > 0).astype(np.int64)
        biased = (skill - s["penalty"] * (age > 40) + noise > 0).astype(np.int64)
        return np.stack([skill, experience / 10, age], 1), np.stack([fair, biased], 1)

    X, Y = per_seed(ctx, draw)
    older = X[..., 2] > 40
    ctx.note("corr_age_experience_seed0", float(np.corrcoef(X[0, :, 1], X[0, :, 2])[0, 1]))
    feats = X[..., :2]                                 # age itself is left out of the model
    out = {}
    for i, name in enumerate(("fair_labels", "historical_labels")):
        f = fit(ctx, (2, 1), feats, Y[..., i], LOGREG)
        pos = positive(f.model, feats).double()
        gap = (pos * ~older).sum(1) / (~older).sum(1) - (pos * older).sum(1) / older.sum(1)
        out[f"{name}_age_gap"] = gap.tolist()
    return out


PROXY = Claim(
    id="experience-proxy-carries-age-bias",
    redesigned=ETHICS_REDESIGN,
    statement="Leaving age out does not remove an age bias in the training decisions: trained on (skill, years of "
              "experience) with past decisions that penalised applicants over 40, a model selects applicants over "
              "40 less often (by more than 1 point beyond a model trained on unbiased decisions), through experience.",
    sources=(Source(DOC, L18, (19, 19), "if you're feeding in years of experience to the system that predicts whether "
                    "or not somebody should get a job interview, you're going to have an implicit bias in their right. "
                    "The years of experience will very definitely be correlated with the age of the applicant."),),
    kind=Kind.COMPARATIVE, topic="tuning", metric="selection rate (40 or younger - over 40), skill independent of age",
    arms=("historical_labels_age_gap", "fair_labels_age_gap"), direction="greater", delta=VAGUE["better"].delta,
    experiment=proxy,
    sizes={"smoke": {"seeds": (12,), "n": 5000, "penalty": 0.8}, "ci": {"seeds": (12, 24), "n": 5000, "penalty": 0.8},
           "full": {"seeds": (20, 40), "n": 100000, "penalty": 0.8}},
    expect=Verdict.SUPPORTED, expect_reason='measured (ci, 12 seeds): age gap through experience 0.209 with historical labels vs -0.001 with fair ones; difference +0.210 [0.204, 0.218]; seed family 1009: +0.212 [0.205, 0.221]',
    notes="Synthetic: age ~ U(22, 65), experience = max(0, age - 22 - U(0, 4)) (correlation with age in the notes), "
          "skill ~ N(0, 1) independent of age; historical decision 1[skill - 0.8 (age > 40) + e > 0]; logistic "
          "regression on (skill, experience / 10), age not among the inputs.",
)

ERROR_TYPES = Unexecutable(
    id="type-one-false-positive-type-two-false-negative",
    statement="A type I error is a false positive; a type II error is a false negative (a missed breast cancer).",
    sources=(Source(DOC, L18, (19, 19), "That's what we call a type one error, which is a false positive."),
             Source(DOC, L18, (19, 19), "The second type is a false negative, and, for example, you might have breast "
                    "cancer but failed to detect it.")),
    reason="definitions (names for the cells of a confusion matrix); nothing to measure.", topic="tuning")
