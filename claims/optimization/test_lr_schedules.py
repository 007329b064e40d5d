"""Fixed vs dynamic learning rate (001, "CodeChallenge: Fixed vs. dynamic learning rate", lines 336-365).

The notebook (DUDL_GradientDescent_codeChallenge_lr) runs 50 steps of gradient descent on
f(x) = 3x^2 - 3x + 4 with (i) a fixed lr 0.01, (ii) lr = 0.01 |f'(x)|, (iii) lr = 0.1 (1 - (t+1)/50).
The time-decayed rate averages 0.049, almost five times the fixed one, so the document's comparison
mixes "dynamic" with "larger". Two claims: the document's comparison, and a fixed rate matched to the
schedule's mean. Each seed is one random start in [-2, 2], shared by every arm.
"""
import numpy as np

from harness.training import scalar_gd as gd
from harness.declaring.claim import Claim, Kind, Source, Verdict

SRC = Source("001_21bdbe3614939729.txt", "CodeChallenge: Fixed vs. dynamic learning rate", (338, 363),
             "Learn that the model learning rate does not need to have a static value. ... 1. Training epoch: "
             "Good method, often done in blocks. But unrelated to model performance/accuracty. ... 2. Derivative "
             ": Adaptive to the problem. Requires additional parameters and appropriate scaling")
STEPS = 50


def decay(t, x, g):
    return 0.1 * (1 - (t + 1) / STEPS)


MEAN_DECAY_LR = float(np.mean([decay(t, None, None) for t in range(STEPS)]))      # 0.049


def distances(ctx):
    starts = np.array([ctx.rng(s, "start").uniform(-2, 2) for s in ctx.seeds])
    rates = {"fixed_0.01": 0.01, "time_decay": decay, "fixed_mean_of_decay": MEAN_DECAY_LR,
             "derivative_scaled": lambda t, x, g: 0.01 * np.abs(g)}
    out = {arm: np.abs(gd.descend(gd.quadratic_grad, starts, lr, STEPS).final - 0.5) for arm, lr in rates.items()}
    out["start"] = starts
    return out


SIZES = {"smoke": {"seeds": (12,)}, "ci": {"seeds": (12,)}, "full": {"seeds": (24,)}}
METRIC = "final |x - 0.5| after 50 steps on f(x) = 3x^2 - 3x + 4 (start uniform in [-2, 2] per seed)"

DOCUMENT = Claim(
    id="fixed-vs-dynamic-lr",
    statement="Document's comparison: after 50 steps, a time-decayed learning rate (0.1 (1 - (t+1)/50)) "
              "ends closer to the minimum of 3x^2 - 3x + 4 than the fixed lr 0.01, by at least 0.01.",
    sources=(SRC,), kind=Kind.COMPARATIVE, topic="optimization", metric=METRIC,
    arms=("fixed_0.01", "time_decay"), direction="greater", delta=0.01, experiment=distances, sizes=SIZES,
    expect=Verdict.INCONCLUSIVE,
    expect_reason='2026-12-04, re-decided under rule v2 (one-sided tests against delta both ways; design unchanged): measured inconclusive (ci, 12 seeds): +0.04465 [0.02937, 0.06106]; means fixed_0.01 0.04465, time_decay 5.517e-09 (was pinned supported). Earlier: ' "measured (ci, 12 seeds): fixed 0.01 is 0.045 farther [0.029, 0.061]; decay ends ~1e-8 away",
    notes="delta 0.01 is 0.25% of the start range [-2, 2], a visible miss on the notebook's plot. The "
          "derivative-scaled rate (0.01 |f'|) is stored too: its step shrinks as (x - 0.5)^2 and it stalls "
          "about 0.05 away.",
)

MATCHED = Claim(
    id="fixed-lr-matched-to-decay-mean-equivalent",
    statement="Controlled comparison: a fixed learning rate equal to the decay schedule's mean (0.049) ends "
              "as close to the minimum as the time-decayed rate (within +-0.01 after 50 steps): the "
              "schedule's advantage in the document comes from its larger average rate.",
    sources=(SRC,), kind=Kind.EQUIVALENCE, topic="optimization", metric=METRIC,
    arms=("fixed_mean_of_decay", "time_decay"), direction="equivalent", delta=0.01, experiment=distances,
    sizes=SIZES, expect=Verdict.SUPPORTED,
    expect_reason="measured (ci, 12 seeds): difference 2.6e-8 [1.8e-8, 3.4e-8], both arms end < 1e-7 from 0.5",
)
