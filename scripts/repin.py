"""Re-pin claims to what a run measured: rewrite `expect=` (and prefix `expect_reason`) in the
claim modules for every result whose verdict differs from its pin.

    python3 scripts/repin.py reports/results/torch-2.13.0-cpu/ci --why "re-decided under ..." [--apply]

Without --apply it only lists what would change. It edits the Claim(...) block that declares
`id="<claim id>"` in the module the result names: `expect=Verdict.X` becomes the measured verdict
and the reason gains a prefix with the measured numbers (the old reason is kept after "Earlier:").
A pin is what the suite measured, never what a document wants: run this only on results of the
design you mean to pin, and say why in --why.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def fmt(x):
    return "-" if x is None else f"{x:+.4g}"


def measured_text(r: dict) -> str:
    s, prof = r["summary"], r.get("profile")
    n = s.get("n")
    if s.get("ci") and s.get("estimate") is not None:
        lo, hi = s["ci"]
        arms = (r["claim"].get("arms") or [])[:2]
        means = []
        for a in arms:
            vals = [v for v in (r.get("arms") or {}).get(a, []) if isinstance(v, (int, float))]
            if vals:
                means.append(f"{a} {sum(vals) / len(vals):.4g}")
        tail = f"; means {', '.join(means)}" if means else ""
        return f"{s['verdict']} ({prof}, {n} seeds): {fmt(s['estimate'])} [{lo:.4g}, {hi:.4g}]{tail}"
    if s.get("max_error") is not None:
        return f"{s['verdict']} ({prof}, {n} cases): max error {s['max_error']:.3g}"
    return f"{s['verdict']} ({prof}, {n} seeds)"


STRING_RUN = r"""(?:[rf]?'[^'\\\n]*'|[rf]?"[^"\\\n]*")(?:\s*(?:[rf]?'[^'\\\n]*'|[rf]?"[^"\\\n]*"))*"""


def repin(path: Path, cid: str, verdict: str, prefix: str, apply: bool, replace: bool = False) -> str:
    text = path.read_text()
    m = re.search(r'id="%s"' % re.escape(cid), text)
    if not m:
        return f"{cid}: id not found in {path}"
    nxt = re.search(r'\n[A-Z_0-9]+ = (?:Claim|Unexecutable)\(', text[m.end():])
    end = m.end() + (nxt.start() if nxt else len(text) - m.end())
    block = text[m.start():end]
    new, k = re.subn(r'expect=Verdict\.[A-Z]+', f'expect=Verdict.{verdict.upper()}', block, count=1)
    if not k:
        return f"{cid}: no expect=Verdict.X in its block ({path})"
    if replace:       # the old reason quotes numbers of another design: drop it
        new, k2 = re.subn(r"expect_reason=(\s*)" + STRING_RUN, lambda mm: f"expect_reason={mm.group(1)}{prefix!r}", new, count=1)
    else:
        new, k2 = re.subn(r"expect_reason=(\s*\(?\s*)(?=[rf]?['\"])", lambda mm: f"expect_reason={mm.group(1)}{prefix!r} ", new, count=1)
    if not k2:
        return f"{cid}: expect_reason is not a string literal; edit by hand ({path})"
    if apply:
        path.write_text(text[:m.start()] + new + text[end:])
    return f"{cid}: -> {verdict} ({path.relative_to(ROOT)})"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("results", help="a folder of result files of one profile")
    ap.add_argument("--why", required=True, help="why these pins change (kept in each reason)")
    ap.add_argument("--apply", action="store_true")
    ap.add_argument("--only", nargs="*", help="claim ids to consider (default: all)")
    ap.add_argument("--replace-modules", nargs="*", default=[],
                    help="modules whose claims are all re-pinned with a new reason (the old one described another design)")
    args = ap.parse_args(argv)
    changed = 0
    for f in sorted(Path(args.results).glob("*.json")):
        r = json.loads(f.read_text())
        cid, verdict = r["claim"]["id"], r["summary"]["verdict"]
        if args.only and cid not in args.only:
            continue
        replace = r["claim"]["module"] in args.replace_modules
        if verdict not in ("supported", "refuted", "inconclusive") or (verdict == r.get("expected") and not replace):
            continue
        if replace:
            prefix = f"{args.why}: measured {measured_text(r)}"
        else:
            prefix = f"{args.why}: measured {measured_text(r)} (was pinned {r.get('expected')}). Earlier: "
        print(repin(ROOT / r["claim"]["module"], cid, verdict, prefix, args.apply, replace))
        changed += 1
    print(f"{changed} pin(s) {'changed' if args.apply else 'would change'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
