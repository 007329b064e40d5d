"""Re-decide every committed baseline result with the current rule, from the stored raw values.

    python3 tests/simulations/redecide_baselines.py reports/baselines/torch-2.13.0-cpu/ci

For each comparative/bias/equivalence result file it replays the stored looks in order (the
stored per-seed arm values, cut at each look's seed count, at plan_looks' alpha for that look)
and stops at the first decisive one, as the runner would. It prints: claim id, old verdict, new
verdict, mean(a - b), delta, and "more seeds" when the new rule is still inconclusive at the last
stored look although the schedule plans more (the old rule stopped there, the new one would
continue). Identity claims are skipped (their rule did not change). Exit 2 on a bad directory.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from harness.deciding import stats   # noqa: E402


def redecide(path: Path) -> tuple | None:
    r = json.loads(path.read_text())
    c = r["claim"]
    if c["kind"] == "identity":
        return None
    looks = list(r["config"]["seed_schedule"])
    alphas = stats.plan_looks(looks, c["alpha"], c["direction"])
    a_all, b_all = (r["arms"][k] for k in c["arms"])
    stored = len(a_all)
    new, res, more = stats.INCONCLUSIVE, None, False
    for k, (n_k, a_k) in enumerate(zip(looks, alphas)):
        if n_k > stored:
            more = True
            break
        res = stats.compare_paired(a_all[:n_k], b_all[:n_k], direction=c["direction"],
                                   delta=c["delta"], alpha=a_k, n_boot=200)
        new = res.verdict
        if new != stats.INCONCLUSIVE:
            break
    return (c["id"], r["summary"]["verdict"], new, res.estimate, c["delta"], c["direction"],
            res.n, more, res.p_value, res.p_refute)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: redecide_baselines.py RESULTS_DIR (a directory of result JSON files, "
              "e.g. reports/baselines/torch-2.13.0-cpu/ci)", file=sys.stderr)
        return 2
    rows = [x for p in sorted(Path(argv[0]).glob("*.json")) if (x := redecide(p))]
    changed = sum(1 for x in rows if x[1] != x[2])
    print(f"{len(rows)} statistical claims re-decided with rule {stats.RULE!r}; "
          f"{changed} verdicts change; {sum(x[7] for x in rows)} would need more seeds than "
          f"stored.\n")
    print(f"{'claim':62s} {'old':12s} {'new':12s} {'estimate':>11s} {'delta':>7s} dir  n   "
          f"{'p':>9s} {'p_refute':>9s} more-seeds")
    for cid, old, new, est, delta, d, n, more, p, pr in sorted(rows, key=lambda x: (x[1] == x[2], x[0])):
        flag = "CHANGED " if old != new else ""
        print(f"{cid:62s} {old:12s} {new:12s} {est:11.4g} {delta:7g} {d[:3]} {n:4d} {p:9.3g} "
              f"{pr:9.3g} {'yes' if more else ''} {flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
