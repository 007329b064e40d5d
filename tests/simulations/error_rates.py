"""The evidence for docs/decision-rule.md: error rates of the decision rule by simulation.

    python3 tests/simulations/error_rates.py [REPS]        (default 4000; ~15 min on one core)

At a true effect of exactly delta (the boundary of both nulls) it counts P(supported) and
P(refuted) over the whole planned look schedule (plan_looks' alphas, stop at the first decisive
look, as the runner does), for each distribution in tests/simulations/nulls.py, at alpha =
0.001 and the schedules the suite uses; then power at effects beyond delta and at 0.
"""
from __future__ import annotations

import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.simulations.nulls import SHAPES, rates, sample   # noqa: E402

ALPHA = 0.001
SCHEDULES = [(11,), (12,), (12, 24), (16, 32)]


def main(reps: int) -> None:
    se = math.sqrt(ALPHA * (1 - ALPHA) / reps)
    print(f"alpha = {ALPHA}, {reps} replicates per cell (1 s.e. of a rate near alpha = "
          f"{se / ALPHA:.2f} alpha); rates shown as multiples of alpha. Direction 'greater', "
          f"delta = 0.5 sd-units; true mean of d = delta.\n")
    print(f"| distribution | " + " | ".join(f"{s} sup / ref" for s in SCHEDULES) + " |")
    print("|---|" + "---|" * len(SCHEDULES))
    for shape in SHAPES:
        cells = []
        for looks in SCHEDULES:
            D = sample(shape, reps, looks[-1], "boundary") + 0.5
            r = rates(D, looks, direction="greater", delta=0.5, alpha=ALPHA, seed=len(looks))
            cells.append(f"{r['supported'] / ALPHA:.2f} / {r['refuted'] / ALPHA:.2f}")
        print(f"| {shape} | " + " | ".join(cells) + " |", flush=True)
    print("\nEquivalence (TOST, delta = 0.5), true mean = +delta, schedule (12, 24): "
          "P(supported) / P(refuted) as multiples of alpha")
    for shape in SHAPES:
        D = sample(shape, reps, 24, "tost") + 0.5
        r = rates(D, (12, 24), direction="equivalent", delta=0.5, alpha=ALPHA, seed=7)
        print(f"| {shape} | {r['supported'] / ALPHA:.2f} / {r['refuted'] / ALPHA:.2f} |",
              flush=True)
    print("\nPower, normal differences (sd 1), delta = 0.5, schedule (12, 24): "
          "P(supported) / P(refuted) (fractions)")
    for mu in (0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0):
        D = sample("normal", max(2000, reps // 10), 24, "power", mu) + mu
        r = rates(D, (12, 24), direction="greater", delta=0.5, alpha=ALPHA, seed=9)
        print(f"| true mean {mu} | {r['supported']:.3f} | {r['refuted']:.3f} |", flush=True)


if __name__ == "__main__":
    t0 = time.time()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 4000)
    print(f"\n({time.time() - t0:.0f} s)")
