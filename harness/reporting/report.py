"""The HTML report: static pages from stored result files, readable offline from file://.

``claims report RESULTS... -o DIR`` writes ``DIR/index.html`` and one page per claim in
``DIR/claims/<id>.html``. The index opens with what a reader came for: the findings (errors,
refuted claims, verdict flips, effect drift between environments, verdicts that differ from the
pinned expectation, claims not run) and one row per course document (its title; supported /
refuted / inconclusive counts). Then the claim index (one line per claim: what the document says,
what was measured, the arms, direction and delta, the effect and why that verdict), with sortable
columns, filters whose state is kept in the URL (``#verdict=refuted&q=dropout``), a search over
several words (ids, statements, quotes, sections, document titles); the claims declared but not in
this result set ("not run", with the reason); the claims x environments grid (sticky header);
the engine benchmarks; provenance (commits, dirty trees, when generated); unreadable files.
Each claim page opens with one plain sentence ("needed at least +0.02, measured +0.094 [0.086,
0.106]: supported"), then sources, design, plots, history across environments and reproduction.

HTML comes from Jinja2 templates (harness/reporting/templates/), SVG plots from the functions here. Pages are
self-contained (inline CSS, SVG and script; data embedded; no network).

Output safety (harness.storing.outdir): the report is built in a fresh folder beside DIR and swapped in
whole, so a crash never leaves new pages beside a stale index; an empty -o, a file, a path in the
source tree, or an existing folder that is not an earlier report is refused; write errors are one
line. Inputs are streamed twice (once for the index, once per claim page), so memory follows the
largest claim, not the number of files. Nothing is re-run and no input file is modified.
Exit status: 0 when at least one result was rendered; 1 when no result could be read (the page is
still written, listing why); 2 for usage and output errors.
"""
from __future__ import annotations

import datetime as _dt
import html
import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable, Iterable

import jinja2
from markupsafe import Markup

from harness.deciding.families import DIFFER, MIN_FAMILIES, TOO_FEW, FamilyVerdict, over_families
from harness.declaring.documents import title as doc_title
from harness.storing.outdir import OutputError, check_output_dir, replace_dir, write_error
from harness.storing.resultset import (arm_names, ci, cpu_seconds, dedupe, env_sort_key, estimate, family, fmt, headline,
                        is_identity, num, nums, seconds, seed_diffs)

STATUS_ATTR = "data-report-status"   # set to "ok" by the page script once it ran without exceptions
COLORS = {"supported": "#1a7f37", "refuted": "#c2410c", "inconclusive": "#6b7280", "error": "#a40e26"}
VERDICTS = ("supported", "refuted", "inconclusive")
ERROR = "error"
MARKER = ".claims-report"
TEMPLATES = Path(__file__).resolve().parent / "templates"
_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                          undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


# ------------------------------------------------------------------------------ small helpers
def e(x: Any) -> str:
    return html.escape("" if x is None else str(x), quote=True)


def slug(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", str(s)).strip("-") or "x"


def badge(verdict: str) -> str:
    v = verdict if verdict in VERDICTS + (ERROR,) else "inconclusive"
    return f'<span class="badge {v}">{e(verdict)}</span>'


def json_script(id_: str, data: Any) -> str:
    text = json.dumps(data, allow_nan=False, default=str).replace("</", "<\\/")
    return f'<script type="application/json" id="{e(id_)}">{text}</script>'


def finite(xs: Iterable[float]) -> list[float]:
    return [x for x in xs if isinstance(x, (int, float)) and math.isfinite(x)]


def ci_text(r: dict[str, Any]) -> str:
    lo, hi = ci(r)
    if not (math.isfinite(lo) or math.isfinite(hi)):
        return ""
    return f"[{fmt(lo)}, {fmt(hi)}]"


def effect_text(r: dict[str, Any]) -> str:
    if is_identity(r):
        return f"max error {fmt(estimate(r))} (tolerance {fmt(num(r['claim'].get('tolerance')))})"
    return f"{fmt(estimate(r))} {ci_text(r)}".strip()


def effect_cell(r: dict[str, Any]) -> str:
    """Effect for a table cell: estimate, then the CI (or the tolerance) on its own line."""
    if is_identity(r):
        return (f"max error {e(fmt(estimate(r)))}<div class='small'>tolerance "
                f"{e(fmt(num(r['claim'].get('tolerance'))))}</div>")
    return f"{e(fmt(estimate(r)))}<div class='small'>{e(ci_text(r))}</div>"


def dash(x: Any) -> str:
    v = num(x)
    return fmt(v) if math.isfinite(v) else "—"


def safe_json(x: Any) -> Any:
    if isinstance(x, float):
        return x if math.isfinite(x) else str(x)
    if isinstance(x, dict):
        return {str(k): safe_json(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [safe_json(v) for v in x]
    return x


# ------------------------------------------------------------------------------ SVG plots
def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [lo] if math.isfinite(lo) else []
    raw = (hi - lo) / n
    step = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= step * m:
            step *= m
            break
    start = math.ceil(lo / step - 1e-9) * step
    out, t = [], start
    while t <= hi + step * 1e-9 and len(out) < 50:
        out.append(0.0 if abs(t) < step * 1e-9 else t)
        t += step
    return out


def padded(values: list[float], extra: Iterable[float] = ()) -> tuple[float, float]:
    vals = finite(list(values) + list(extra))
    if not vals:
        return 0.0, 1.0
    lo, hi = min(vals), max(vals)
    if hi == lo:
        pad = abs(lo) * 0.1 or 1.0
        return lo - pad, hi + pad
    pad = (hi - lo) * 0.06
    return lo - pad, hi + pad


class Axis:
    def __init__(self, lo: float, hi: float, p0: float, p1: float):
        self.lo, self.hi, self.p0, self.p1 = lo, hi, p0, p1

    def __call__(self, v: float) -> float:
        return self.p0 + (v - self.lo) / (self.hi - self.lo) * (self.p1 - self.p0)


def svg_open(w: int, h: int, label: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
            f'role="img" aria-label="{e(label)}" font-size="11">')


def axis_label_y(text: str, x: float, y: float) -> str:
    """A vertical axis label (rotated), e.g. the metric and its unit."""
    return (f'<text transform="translate({x:.1f},{y:.1f}) rotate(-90)" text-anchor="middle" fill="#57606a">'
            f'{e(text[:60])}</text>')


def ref_lines(direction: str, delta: float) -> list[tuple[float, str]]:
    """Reference values on an effect axis: 0, and the claim's delta on the claimed side."""
    out = [(0.0, "0")]
    if math.isfinite(delta) and delta > 0:
        if direction == "greater":
            out.append((delta, "δ"))
        elif direction == "less":
            out.append((-delta, "-δ"))
        elif direction == "equivalent":
            out += [(delta, "δ"), (-delta, "-δ")]
    return out


def svg_paired(r: dict[str, Any]) -> str:
    """One line per seed from arm a to arm b, with the arm means drawn thick."""
    arms = arm_names(r)
    a, b = nums(r["arms"].get(arms[0])), nums(r["arms"].get(arms[1]))
    pairs = [(x, y) for x, y in zip(a, b) if math.isfinite(x) and math.isfinite(y)]
    w, h, left, right, top, bottom = 330, 280, 62, 262, 16, 240
    lo, hi = padded([v for p in pairs for v in p])
    y = Axis(lo, hi, bottom, top)
    xa, xb = left + 30, right - 30
    out = [svg_open(w, h, f"per-seed values of {arms[0]} and {arms[1]}")]
    for t in nice_ticks(lo, hi):
        out.append(f'<line x1="{left}" x2="{right}" y1="{y(t):.1f}" y2="{y(t):.1f}" stroke="#eee"/>'
                   f'<text x="{left - 4}" y="{y(t) + 4:.1f}" text-anchor="end" fill="#57606a">{e(fmt(t, 3))}</text>')
    out.append(f'<line x1="{left}" x2="{left}" y1="{top}" y2="{bottom}" stroke="#999"/>')
    out.append(axis_label_y(str(r["claim"].get("metric") or "value"), 11, (top + bottom) / 2))
    op = max(0.15, min(0.7, 8 / max(len(pairs), 1)))
    for x1, y1 in pairs:
        out.append(f'<line x1="{xa}" y1="{y(x1):.1f}" x2="{xb}" y2="{y(y1):.1f}" stroke="#0969da" '
                   f'stroke-opacity="{op:.2f}"/>')
        out.append(f'<circle cx="{xa}" cy="{y(x1):.1f}" r="2" fill="#0969da" fill-opacity="{op:.2f}"/>'
                   f'<circle cx="{xb}" cy="{y(y1):.1f}" r="2" fill="#0969da" fill-opacity="{op:.2f}"/>')
    if pairs:
        ma = sum(p[0] for p in pairs) / len(pairs)
        mb = sum(p[1] for p in pairs) / len(pairs)
        out.append(f'<line x1="{xa}" y1="{y(ma):.1f}" x2="{xb}" y2="{y(mb):.1f}" stroke="#1f2328" stroke-width="3"/>')
    out.append(f'<text x="{xa}" y="{bottom + 16}" text-anchor="middle" font-weight="600">{e(arms[0])}</text>'
               f'<text x="{xb}" y="{bottom + 16}" text-anchor="middle" font-weight="600">{e(arms[1])}</text>'
               f'<text x="{(xa + xb) / 2}" y="{bottom + 32}" text-anchor="middle" fill="#57606a">'
               f'{len(pairs)} seeds; thick line: means</text></svg>')
    return "".join(out)


def svg_diffs(r: dict[str, Any]) -> str:
    """Dot plot of per-seed differences a - b, with 0, delta and the mean with its CI."""
    c = r["claim"]
    d = seed_diffs(r)
    lo_ci, hi_ci = ci(r)
    delta = num(c.get("delta"))
    refs = ref_lines(str(c.get("direction")), delta)
    w, h, left, right = 440, 214, 20, 420
    lo, hi = padded(d, [v for v, _ in refs] + finite([lo_ci, hi_ci]))
    x = Axis(lo, hi, left, right)
    out = [svg_open(w, h, f"per-seed differences {arm_names(r)[0]} - {arm_names(r)[1]}")]
    axis_y = 150
    for t in nice_ticks(lo, hi):
        out.append(f'<line x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{axis_y}" y2="{axis_y + 4}" stroke="#999"/>'
                   f'<text x="{x(t):.1f}" y="{axis_y + 16}" text-anchor="middle" fill="#57606a">{e(fmt(t, 3))}</text>')
    out.append(f'<line x1="{left}" x2="{right}" y1="{axis_y}" y2="{axis_y}" stroke="#999"/>')
    for v, label in refs:
        dash = "" if v == 0 else ' stroke-dasharray="4 3"'
        out.append(f'<line x1="{x(v):.1f}" x2="{x(v):.1f}" y1="14" y2="{axis_y}" stroke="#444"{dash}/>'
                   f'<text x="{x(v):.1f}" y="11" text-anchor="middle" fill="#444">{e(label)}</text>')
    n = len(d)
    for i, v in enumerate(d):
        jitter = 22 + ((i * 37) % 29) * 2.6        # deterministic spread
        out.append(f'<circle cx="{x(v):.1f}" cy="{jitter + 8:.1f}" r="3" fill="#0969da" fill-opacity="0.55"/>')
    if d:
        m = sum(d) / n
        col = COLORS.get(r["summary"]["verdict"], "#444")
        if math.isfinite(lo_ci) and math.isfinite(hi_ci):
            out.append(f'<line x1="{x(lo_ci):.1f}" x2="{x(hi_ci):.1f}" y1="{axis_y - 14}" y2="{axis_y - 14}" '
                       f'stroke="{col}" stroke-width="3"/>')
        out.append(f'<circle cx="{x(m):.1f}" cy="{axis_y - 14}" r="5" fill="{col}"/>')
    out.append(f'<text x="{(left + right) / 2}" y="{axis_y + 34}" text-anchor="middle" fill="#57606a">'
               f'{e(arm_names(r)[0])} − {e(arm_names(r)[1])} per seed, {e(c.get("metric") or "value")}</text>'
               f'<text x="{(left + right) / 2}" y="{axis_y + 48}" text-anchor="middle" fill="#57606a">'
               f'n = {n}; bar: mean and 95% CI</text></svg>')
    return "".join(out)


def svg_identity(r: dict[str, Any]) -> str:
    """Per-case errors on a log axis with the tolerance."""
    errs = nums(r["arms"].get("error"))
    tol = num(r["claim"].get("tolerance"))
    pos = [v for v in finite(errs) if v > 0]
    zeros = sum(1 for v in finite(errs) if v == 0)
    nonfinite = len(errs) - len(finite(errs))
    vals = pos + ([tol] if math.isfinite(tol) and tol > 0 else [])
    if not vals:
        vals = [1e-16, 1.0]
    lo = math.floor(math.log10(min(vals))) - 1
    hi = math.ceil(math.log10(max(vals))) + 1
    w, h, left, right, axis_y = 440, 184, 24, 420, 120
    x = Axis(lo, hi, left, right)
    out = [svg_open(w, h, "per-case errors against the tolerance")]
    step = max(1, (hi - lo) // 8)
    for t in range(lo, hi + 1, step):
        out.append(f'<line x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{axis_y}" y2="{axis_y + 4}" stroke="#999"/>'
                   f'<text x="{x(t):.1f}" y="{axis_y + 16}" text-anchor="middle" fill="#57606a">1e{t}</text>')
    out.append(f'<line x1="{left}" x2="{right}" y1="{axis_y}" y2="{axis_y}" stroke="#999"/>')
    if math.isfinite(tol) and tol >= 0:                # tolerance 0: the line sits at the "= 0" edge
        tx = x(math.log10(tol)) if tol > 0 else left
        out.append(f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="14" y2="{axis_y}" stroke="{COLORS["refuted"]}" '
                   f'stroke-dasharray="4 3" stroke-width="2"/><text x="{max(tx, left + 40):.1f}" y="11" '
                   f'text-anchor="middle" fill="{COLORS["refuted"]}">tolerance {e(fmt(tol))}</text>')
    if zeros or tol == 0:
        out.append(f'<text x="{left}" y="{axis_y + 16}" text-anchor="middle" fill="#57606a">0</text>')
    for i in range(min(zeros, 2000)):
        out.append(f'<circle cx="{left}" cy="{22 + ((i * 37) % 31) * 2.9:.1f}" r="2.5" fill="#0969da" '
                   'fill-opacity="0.5"/>')
    for i, v in enumerate(pos[:2000]):
        out.append(f'<circle cx="{x(math.log10(v)):.1f}" cy="{22 + ((i * 37) % 31) * 2.9:.1f}" r="2.5" '
                   f'fill="#0969da" fill-opacity="0.5"/>')
    note = f"{len(errs)} cases"
    if zeros:
        note += f"; {zeros} exactly 0 (drawn at the left edge)"
    if nonfinite:
        note += f"; {nonfinite} non-finite"
    out.append(f'<text x="{(left + right) / 2}" y="{axis_y + 34}" text-anchor="middle" fill="#57606a">'
               f'per-case absolute error, log scale ({e(note)}; max {e(fmt(max(finite(errs), default=math.nan)))})</text>'
               '</svg>')
    return "".join(out)


def svg_history(claim: dict[str, Any], results: list[dict[str, Any]]) -> str:
    """Effect (with CI) per environment and profile, coloured by verdict."""
    ident = claim.get("kind") == "identity"
    results = sorted(results, key=lambda r: env_sort_key((str(r.get("env_key")), family(r))))
    n = len(results)
    w = max(300, 110 + 110 * n)
    h, left, top, bottom = 250, 70, 18, 180
    right = w - 20
    pts = []
    for r in results:
        if ident:
            v = estimate(r)
            pts.append((math.log10(v) if v > 0 else math.nan, math.nan, math.nan))
        else:
            lo, hi = ci(r)
            pts.append((estimate(r), lo, hi))
    if ident:
        tol = num(claim.get("tolerance"))
        refs = [(math.log10(tol), "tolerance")] if math.isfinite(tol) and tol > 0 else []
    else:
        refs = ref_lines(str(claim.get("direction")), num(claim.get("delta")))
    lo, hi = padded([v for p in pts for v in p], [v for v, _ in refs])
    y = Axis(lo, hi, bottom, top)
    out = [svg_open(w, h, "effect across environments")]
    ticks = (list(range(math.ceil(lo), math.floor(hi) + 1, max(1, (math.floor(hi) - math.ceil(lo)) // 6 or 1)))
             if ident else nice_ticks(lo, hi))
    if ident and not ticks:
        ticks = [round((lo + hi) / 2)]
        lo, hi = min(lo, ticks[0] - 0.5), max(hi, ticks[0] + 0.5)
        y = Axis(lo, hi, bottom, top)
    out.append(axis_label_y("log10 max error" if ident else f"mean(a − b), {claim.get('metric') or 'value'}",
                            11, (top + bottom) / 2))
    for t in ticks:
        label = f"1e{t}" if ident else fmt(t, 3)
        out.append(f'<line x1="{left}" x2="{right}" y1="{y(t):.1f}" y2="{y(t):.1f}" stroke="#eee"/>'
                   f'<text x="{left - 4}" y="{y(t) + 4:.1f}" text-anchor="end" fill="#57606a">{e(label)}</text>')
    for v, label in refs:
        dash = "" if v == 0 and not ident else ' stroke-dasharray="4 3"'
        out.append(f'<line x1="{left}" x2="{right}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#444"{dash}/>'
                   f'<text x="{right}" y="{y(v) - 3:.1f}" text-anchor="end" fill="#444">{e(label)}</text>')
    step = (right - left) / max(n, 1)
    for i, (r, (v, lo_, hi_)) in enumerate(zip(results, pts)):
        cx = left + step * (i + 0.5)
        col = COLORS.get(r["summary"]["verdict"], "#444")
        if math.isfinite(lo_) and math.isfinite(hi_):
            out.append(f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{y(lo_):.1f}" y2="{y(hi_):.1f}" stroke="{col}" stroke-width="3"/>')
        if math.isfinite(v):
            out.append(f'<circle cx="{cx:.1f}" cy="{y(v):.1f}" r="6" fill="{col}"><title>{e(r.get("env_key"))} '
                       f'{e(family(r))}: {e(r["summary"]["verdict"])}, {e(effect_text(r))}</title></circle>')
        out.append(f'<text x="{cx:.1f}" y="{bottom + 18}" text-anchor="middle">{e(r.get("env_key"))}</text>'
                   f'<text x="{cx:.1f}" y="{bottom + 32}" text-anchor="middle" fill="#57606a">'
                   f'{e(family(r))} · {e(r["summary"]["verdict"])}</text>')
    caption = "log10 max error per environment" if ident else "mean(a − b) and 95% CI per environment"
    out.append(f'<text x="{left}" y="{h - 8}" fill="#57606a">{e(caption)}</text></svg>')
    return "".join(out)


def svg_speed(rows: list[dict[str, Any]]) -> str:
    rows = [r for r in rows if math.isfinite(r["ratio"])]
    if not rows:
        return ""
    bar_h, left, right = 24, 260, 700
    h = 30 + bar_h * len(rows) + 42
    top_v = max(max(r["ratio"] for r in rows), 1.0) * 1.1
    x = Axis(0, top_v, left, right)
    out = [svg_open(right + 70, h, "speed ratio per experiment")]
    for t in nice_ticks(0, top_v):
        out.append(f'<line x1="{x(t):.1f}" x2="{x(t):.1f}" y1="20" y2="{h - 28}" stroke="#eee"/>'
                   f'<text x="{x(t):.1f}" y="{h - 14}" text-anchor="middle" fill="#57606a">{e(fmt(t, 3))}×</text>')
    for i, r in enumerate(rows):
        yy = 24 + i * bar_h
        out.append(f'<text x="{left - 6}" y="{yy + bar_h * 0.65:.1f}" text-anchor="end">{e(r["experiment"])}</text>'
                   f'<rect x="{left}" y="{yy + 3}" width="{max(x(r["ratio"]) - left, 1):.1f}" height="{bar_h - 6}" '
                   f'fill="#0969da"/><text x="{x(r["ratio"]) + 4:.1f}" y="{yy + bar_h * 0.65:.1f}">'
                   f'{e(fmt(r["ratio"], 3))}×</text>')
    out.append(f'<line x1="{x(1):.1f}" x2="{x(1):.1f}" y1="18" y2="{h - 28}" stroke="#444" stroke-dasharray="4 3"/>')
    out.append(f'<text x="{(left + right) / 2}" y="{h - 1}" text-anchor="middle" fill="#57606a">speed ratio '
               '(per-seed loop time / batched time, ×)</text></svg>')
    return "".join(out)


# ------------------------------------------------------------------------------ benchmarks
def benchmark_rows(benchmarks: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(engine comparisons, other benchmarks). A comparison pairs engine="batched" and
    engine="per_seed_loop" entries of one experiment (same file, same seeds)."""
    pairs: dict[tuple, dict[str, Any]] = {}
    other = []
    for f in benchmarks:
        path = f.get("_path", "?")
        when = f.get("datetime", "")
        mi = f.get("machine_info") or {}
        cpu = (mi.get("cpu") or {}).get("brand_raw") if isinstance(mi.get("cpu"), dict) else None
        for b in f.get("benchmarks") or []:
            if not isinstance(b, dict):
                continue
            st = b.get("stats") or {}
            info = b.get("extra_info") or {}
            mean, sd, rounds = num(st.get("mean")), num(st.get("stddev")), st.get("rounds")
            engine, exp = info.get("engine"), info.get("experiment")
            if engine in ("batched", "per_seed_loop") and exp:
                key = (path, str(exp), str(info.get("seeds")))
                row = pairs.setdefault(key, {"experiment": str(exp), "seeds": info.get("seeds"),
                                             "epochs": info.get("epochs"), "threads": info.get("threads"),
                                             "file": path, "datetime": when, "cpu": cpu})
                row[engine] = {"mean": mean, "stddev": sd, "rounds": rounds}
            else:
                other.append({"name": b.get("fullname") or b.get("name"), "group": b.get("group"),
                              "mean": mean, "stddev": sd, "rounds": rounds, "file": path})
    rows = []
    for row in pairs.values():
        bt = (row.get("batched") or {}).get("mean", math.nan)
        lt = (row.get("per_seed_loop") or {}).get("mean", math.nan)
        row["ratio"] = lt / bt if math.isfinite(bt) and bt > 0 and math.isfinite(lt) else math.nan
        rows.append(row)
    rows.sort(key=lambda r: (r["experiment"], r["file"]))
    return rows, other


def benchmarks_html(benchmarks: list[dict[str, Any]]) -> str:
    if not benchmarks:
        return ('<h2 id="benchmarks">Engine benchmarks</h2><p class="muted">No pytest-benchmark JSON found among '
                'or beside the inputs (run <code>pytest tests/benchmarks --benchmark-json='
                'reports/results/benchmarks/engine.json</code>).</p>')
    rows, other = benchmark_rows(benchmarks)
    out = ['<h2 id="benchmarks">Engine benchmarks</h2>',
           '<p class="muted">Same work both ways: the batched engine (all seeds in one model) against the '
           'documents\' way (one model and a DataLoader loop per seed). Speed ratio = per-seed-loop mean time / '
           'batched mean time (higher: batched is faster).</p>']
    if rows:
        out.append('<table><thead><tr><th>experiment</th><th class="num">seeds</th><th class="num">epochs</th>'
                   '<th class="num">batched mean (s)</th><th class="num">per-seed loop mean (s)</th>'
                   '<th class="num">speed ratio</th><th>file</th></tr></thead><tbody>')
        for r in rows:
            def cell(k: str) -> str:
                s = r.get(k)
                if not s:
                    return '<td class="num muted">missing</td>'
                return (f'<td class="num">{e(fmt(s["mean"]))} ± {e(fmt(s["stddev"], 2))} '
                        f'<span class="muted small">({e(s["rounds"])} rounds)</span></td>')
            out.append(f'<tr><td>{e(r["experiment"])}</td><td class="num">{e(r["seeds"])}</td>'
                       f'<td class="num">{e(r.get("epochs") if r.get("epochs") is not None else "—")}</td>'
                       f'{cell("batched")}{cell("per_seed_loop")}<td class="num"><b>{e(fmt(r["ratio"], 3))}×</b></td>'
                       f'<td class="small">{e(Path(r["file"]).name)} <span class="muted">{e(r["datetime"])} '
                       f'{e(r["cpu"] or "")}</span></td></tr>')
        out.append("</tbody></table>")
        out.append(f"<figure>{svg_speed(rows)}<figcaption>Speed ratio per experiment; dashed line: 1× "
                   f"(no speed-up).</figcaption></figure>")
    if other:
        out.append('<h3>Other benchmarks</h3><table><thead><tr><th>name</th><th>group</th>'
                   '<th class="num">mean (s)</th><th class="num">sd</th><th class="num">rounds</th><th>file</th>'
                   '</tr></thead><tbody>')
        for b in other:
            out.append(f'<tr><td>{e(b["name"])}</td><td>{e(b["group"])}</td><td class="num">{e(fmt(b["mean"]))}</td>'
                       f'<td class="num">{e(fmt(b["stddev"]))}</td><td class="num">{e(b["rounds"])}</td>'
                       f'<td class="small">{e(Path(b["file"]).name)}</td></tr>')
        out.append("</tbody></table>")
    return "".join(out)




def is_error(r: dict[str, Any]) -> bool:
    return (r.get("summary") or {}).get("verdict") == ERROR


def error_message(r: dict[str, Any]) -> str:
    err = r.get("error") if isinstance(r.get("error"), dict) else {}
    return f"{err.get('type', 'error')}: {err.get('message', 'no message recorded')}"


def signed(x: float) -> str:
    if not math.isfinite(x):
        return fmt(x)
    return ("+" if x > 0 else "") + fmt(x)


def plain_sentence(r: dict[str, Any]) -> str:
    """What was needed, what was measured, the verdict and why, in one sentence."""
    c, s = r["claim"], r.get("summary") or {}
    v = s.get("verdict")
    if is_error(r):
        return f"could not run: {error_message(r)}"
    alpha = fmt(num(s.get("alpha", c.get("alpha"))))
    p, pr = fmt(num(s.get("p_value"))), fmt(num(s.get("p_refute")))
    n = s.get("n")
    if is_identity(r):
        tol = fmt(num(c.get("tolerance")))
        why = {"supported": "every case within tolerance", "refuted": "a case exceeds the tolerance"}.get(v, "")
        return (f"needed every per-case error ≤ {tol}, measured max error {fmt(estimate(r))} over {n} cases: "
                f"{v}" + (f" ({why})" if why else ""))
    delta = num(c.get("delta"))
    direction = str(c.get("direction"))
    need = {"greater": f"needed at least {signed(delta)}", "less": f"needed at most {signed(-delta)}",
            "equivalent": f"needed within ±{fmt(delta)}"}.get(direction, f"needed {direction} {fmt(delta)}")
    lo, hi = ci(r)
    meas = f"measured {signed(estimate(r))}" + (f" [{signed(lo)}, {signed(hi)}]" if math.isfinite(lo) else "")
    if v == "supported":
        why = f"p = {p} < α = {alpha}" + ("" if direction == "equivalent" else " and the mean reaches δ")
    elif v == "refuted":
        why = f"p refute = {pr} < α = {alpha}: shown " + ("beyond the margin" if direction == "equivalent"
                                                         else "short of δ")
    else:
        why = f"neither shown at α = {alpha} with n = {n} (p = {p}, p refute = {pr})"
    return f"{need}, {meas}: {v} ({why})"


def design_line(r: dict[str, Any]) -> str:
    """Metric, arms and the claimed direction, short."""
    c = r["claim"]
    if is_identity(r):
        return f"{c.get('metric')}: per-case error against a float64 reference, tolerance {fmt(num(c.get('tolerance')))}"
    a, b = arm_names(r)
    rel = {"greater": f"{a} − {b} ≥ δ = {fmt(num(c.get('delta')))}",
           "less": f"{b} − {a} ≥ δ = {fmt(num(c.get('delta')))}",
           "equivalent": f"|{a} − {b}| < δ = {fmt(num(c.get('delta')))}"}.get(str(c.get("direction")), "")
    return f"{c.get('metric')}: {rel}"


def digest(r: dict[str, Any]) -> dict[str, Any]:
    """What the index needs of a result (the claim pages re-read the file): drops the bulky raw
    data (per-case errors of identity claims, extras, data provenance, looks)."""
    d = {k: v for k, v in r.items() if k not in ("data", "extra", "looks", "notes", "seeds", "environment")}
    env = r.get("environment") or {}
    d["environment"] = {"torch": env.get("torch")}
    if is_identity(r) or is_error(r):
        d["arms"] = {}
    return d


# ------------------------------------------------------------------------------ index data
def documents_of(claim: dict[str, Any]) -> list[str]:
    return sorted({str(s.get("document")) for s in claim.get("sources") or []})


def claim_href(cid: str) -> str:
    return f"claims/{slug(cid)}.html"


def anchor(r: dict[str, Any]) -> str:
    return "r-" + slug(f"{r.get('env_key')}-{family(r)}")


def index_entry(cid: str, rs: list[dict[str, Any]]) -> dict[str, Any]:
    h = headline(rs)
    c, s = h["claim"], h["summary"]
    verdicts = {r["summary"]["verdict"] for r in rs if not is_error(r)}
    cpu = cpu_seconds(h)
    sources = [{"document": str(x.get("document")), "title": doc_title(x.get("document")),
                "section": x.get("section"), "lines": x.get("lines") or ["?", "?"]} for x in c.get("sources") or []]
    search = " ".join([cid, str(c.get("statement")), str(c.get("topic")), str(c.get("metric"))]
                      + [str(x.get("quote")) for x in c.get("sources") or []]
                      + [f"{x['document']} {x['title']} {x['section']}" for x in sources]).lower()
    est = estimate(h)
    fv = None if is_error(h) else family_verdicts(rs).get((str(h.get("env_key")), str(h.get("profile"))))
    return {
        "over_families": fv, "over_families_text": fv.text() if fv else "",
        "id": cid, "href": claim_href(cid), "verdict": s["verdict"], "statement": c.get("statement"),
        "topic": str(c.get("topic")), "documents": documents_of(c), "sources": sources,
        "flipped": len(verdicts) > 1, "mismatch": h.get("matches_expectation") is False and not is_error(h),
        "expected": h.get("expected"), "error": error_message(h) if is_error(h) else None,
        "file": h.get("_path"),
        "sentence": plain_sentence(h), "design": design_line(h), "effect": effect_text(h) if not is_error(h) else "",
        "metric": c.get("metric"), "n": s.get("n"), "identity": is_identity(h),
        "looks": f"look {s.get('look')}/{s.get('looks_planned')}" if s.get("looks_planned") else "",
        "seconds": seconds(h), "cpu": cpu, "env_key": h.get("env_key"), "profile": family(h),
        "n_results": len(rs), "search": search,
        "sort_effect": est if math.isfinite(est) else None,
    }


def drift_findings(by_claim: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Flips and drift between consecutive environments of the same profile (harness.reporting.compare rules)."""
    from harness.reporting.compare import DRIFTED, FLIPPED, compare_pair
    out = []
    for cid in sorted(by_claim):
        per_profile: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in by_claim[cid]:
            if not is_error(r):
                per_profile[family(r)].append(r)
        for profile, rs in per_profile.items():
            rs.sort(key=lambda r: env_sort_key((str(r.get("env_key")), profile)))
            for base, new in zip(rs, rs[1:]):
                ch = compare_pair(base, new)
                if ch.status in (FLIPPED, DRIFTED):
                    what = (f"{ch.base_verdict} → {ch.new_verdict}" if ch.status == FLIPPED else
                            f"effect {fmt(ch.base_estimate)} → {fmt(ch.new_estimate)} (change {signed(ch.change)} "
                            f"[{fmt(ch.change_ci[0])}, {fmt(ch.change_ci[1])}])")
                    out.append({"id": cid, "href": claim_href(cid), "status": ch.status, "profile": profile,
                                "base_env": ch.base_env, "new_env": ch.new_env, "what": what})
    return out


def family_verdicts(rs: list[dict[str, Any]]) -> dict[tuple[str, str], FamilyVerdict]:
    """One claim's verdict over its seed families, per (environment, profile): the published
    verdict (harness.deciding.families: unanimous over >= 3 families, else inconclusive)."""
    groups: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for r in rs:
        if not is_error(r):
            groups[(str(r.get("env_key")), str(r.get("profile")))][family(r)] = r["summary"]["verdict"]
    return {k: over_families(v) for k, v in sorted(groups.items())}


def seed_family_findings(by_claim: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Claims whose verdict differs between seed families of one environment and profile."""
    out = []
    for cid in sorted(by_claim):
        for (env, profile), fv in family_verdicts(by_claim[cid]).items():
            if fv.status == DIFFER:
                out.append({"id": cid, "href": claim_href(cid), "env": env, "profile": profile,
                            "what": ", ".join(f"{f}: {v}" for f, v in sorted(fv.families.items()))})
    return out


def family_counts(entries: list[dict[str, Any]]) -> dict[str, int]:
    """Published verdicts over seed families of the headline environment/profile, counted."""
    out = {v: 0 for v in VERDICTS}
    out.update({"differ": 0, "too_few": 0})
    for x in entries:
        fv = x.get("over_families")
        if fv is None:
            continue
        if fv.status == TOO_FEW:
            out["too_few"] += 1
            continue
        out[fv.verdict] += 1
        out["differ"] += fv.status == DIFFER
    return out


def declared_claims(claims_dir: str | Path | None = None) -> tuple[list[dict[str, Any]] | None, str]:
    """The claims declared under claims/ (id, statement, sources, requires), or None and why not."""
    try:
        from harness.declaring.catalog import discover
        claims, _ = discover(claims_dir)
    except Exception as exc:       # outside a checkout, or a broken module: say so in one line
        return None, f"declared claims could not be listed ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__}); claims without a result are not shown"
    return [{"id": c.id, "statement": c.statement, "requires": dict(c.requires),
             "documents": sorted({s.document for s in c.sources}),
             "sources": [{"document": s.document, "title": doc_title(s.document), "section": s.section,
                          "lines": list(s.lines)} for s in c.sources]} for c in claims], ""


def not_run(declared: list[dict[str, Any]] | None, by_claim: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    if not declared:
        return []
    profiles = sorted({str(r.get("profile")) for rs in by_claim.values() for r in rs}) or ["ci"]
    out = []
    for d in declared:
        if d["id"] in by_claim:
            continue
        reasons = [f"{p} profile: {d['requires'][p]}" for p in profiles if p in d["requires"]]
        out.append({**d, "reason": "; ".join(reasons) or "no result in this set (not run, or its file is missing)"})
    return out


def provenance(results: list[dict[str, Any]], inputs: list[str]) -> dict[str, Any]:
    commits: dict[tuple[str, bool], int] = defaultdict(int)
    for r in results:
        g = r.get("git") if isinstance(r.get("git"), dict) else {}
        commits[(str(g.get("commit") or "unknown"), bool(g.get("dirty")))] += 1
    fins = sorted(str((r.get("timing") or {}).get("finished") or "") for r in results)
    fins = [f for f in fins if f]
    return {"commits": [{"commit": k[0], "dirty": k[1], "n": v} for k, v in sorted(commits.items(), key=lambda kv: -kv[1])],
            "generated": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
            "inputs": inputs, "first": fins[0] if fins else "", "last": fins[-1] if fins else ""}


def grid_data(by_claim: dict[str, list[dict[str, Any]]]) -> tuple[list[tuple[str, str]], list[dict[str, Any]]]:
    cols = sorted({(str(r.get("env_key")), family(r)) for rs in by_claim.values() for r in rs},
                  key=env_sort_key)
    rows = []
    for cid in sorted(by_claim):
        rs = {(str(r.get("env_key")), family(r)): r for r in by_claim[cid]}
        cells = []
        for col in cols:
            r = rs.get(col)
            if r is None:
                cells.append(None)
                continue
            v = r["summary"]["verdict"]
            tip = f"{col[0]} {col[1]}: {v}; " + (error_message(r) if is_error(r) else effect_text(r))
            cells.append({"verdict": v, "letter": "E" if is_error(r) else v[:1].upper(),
                          "mismatch": r.get("matches_expectation") is False, "tip": tip,
                          "href": f"{claim_href(cid)}#{anchor(r)}"})
        flipped = len({r["summary"]["verdict"] for r in rs.values() if not is_error(r)}) > 1
        rows.append({"id": cid, "href": claim_href(cid), "flipped": flipped, "cells": cells})
    return cols, rows


def index_page(by_claim: dict[str, list[dict[str, Any]]], benchmarks: list[dict[str, Any]], errors: list[str],
               warnings: list[str], declared: list[dict[str, Any]] | None, declared_note: str,
               inputs: list[str]) -> str:
    entries = [index_entry(cid, by_claim[cid]) for cid in sorted(by_claim)]
    all_results = [r for rs in by_claim.values() for r in rs]
    missing = not_run(declared, by_claim)
    counts = {v: sum(x["verdict"] == v for x in entries) for v in VERDICTS + (ERROR,)}
    fam_counts = family_counts(entries)
    docs: dict[str, dict[str, Any]] = {}
    for x in entries + [{**m, "verdict": "not run"} for m in missing]:
        for d in x["documents"]:
            row = docs.setdefault(d, {"document": d, "title": doc_title(d), "supported": 0, "refuted": 0,
                                      "inconclusive": 0, "error": 0, "not run": 0})
            row[x["verdict"]] += 1
    changes = drift_findings(by_claim)
    cols, grid_rows = grid_data(by_claim)
    findings = {"errors": [x for x in entries if x["verdict"] == ERROR],
                "refuted": [x for x in entries if x["verdict"] == "refuted"],
                "flips": [c for c in changes if c["status"] == "flipped"],
                "drift": [c for c in changes if c["status"] == "drifted"],
                "families": seed_family_findings(by_claim),
                "mismatch": [x for x in entries if x["mismatch"]],
                "not_run": missing, "unreadable": len(errors)}
    data = [{k: x[k] for k in ("id", "verdict", "topic", "documents", "flipped", "mismatch", "search")}
            for x in entries]
    brows, bother = benchmark_rows(benchmarks)
    return _ENV.get_template("index.html.j2").render(
        title="Claims report", status_attr=STATUS_ATTR, entries=entries, counts=counts, findings=findings,
        fam_counts=fam_counts, min_families=MIN_FAMILIES,
        documents=sorted(docs.values(), key=lambda d: d["document"]), n_results=len(all_results),
        columns=cols, grid=grid_rows, errors=errors, warnings=warnings, not_run=missing,
        declared_note=declared_note, prov=provenance(all_results, inputs), data_json=json_text(data),
        verdicts=VERDICTS, topics=sorted({x["topic"] for x in entries}),
        benchmarks=Markup(benchmarks_html(benchmarks)), fmt=fmt, n_bench=len(brows) + len(bother))


def json_text(data: Any) -> Markup:
    return Markup(json.dumps(safe_json(data), allow_nan=False, default=str).replace("</", "<\\/"))


def kv(pairs: list[tuple[str, Any]]) -> str:
    return '<dl class="kv">' + "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in pairs
                                       if v not in (None, "")) + "</dl>"


def design_html(h: dict[str, Any]) -> str:
    c, s, cfg = h["claim"], h["summary"], h.get("config") or {}
    ident = is_identity(h)
    pairs = [("kind", e(c.get("kind"))), ("topic", e(c.get("topic"))), ("metric", e(c.get("metric")))]
    if ident:
        pairs += [("check", "every per-case error ≤ tolerance"), ("tolerance", e(fmt(num(c.get("tolerance")))))]
    else:
        arms = arm_names(h)
        meaning = {"greater": f"mean({arms[0]} − {arms[1]}) ≥ δ",
                   "less": f"mean({arms[1]} − {arms[0]}) ≥ δ",
                   "equivalent": f"|mean({arms[0]} − {arms[1]})| < δ (TOST)"}.get(str(c.get("direction")), "")
        pairs += [("arms", f"a = <b>{e(arms[0])}</b>, b = <b>{e(arms[1])}</b>"),
                  ("direction", f"{e(c.get('direction'))}: {e(meaning)}"),
                  ("delta (δ)", e(fmt(num(c.get("delta"))))), ("alpha", e(fmt(num(c.get("alpha")))) +
                                                                   f' <span class="muted small">alpha per look '
                                                                   f'{e(cfg.get("alpha_per_look"))}</span>')]
    pairs += [("test", e(s.get("test"))), ("seed schedule", e(cfg.get("seed_schedule"))),
              ("sizes", f"<code>{e(json.dumps(cfg.get('sizes'), default=str))}</code>"),
              ("pinned expectation", f"{badge(str(c.get('expect')))} {e(c.get('expect_reason'))}"
                                     + (f"<p class='muted small'><b>{e(h.get('pin_note'))}</b></p>" if h.get("pin_note") else "")
                                     + "".join(f"<p class='muted small'><b>{e(p)}: not pinned.</b> {e(why)}</p>"
                                               for p, why in (c.get("unmeasured") or {}).items())),
              ("notes", e(c.get("notes"))),
              ("design changed after a measured run", e(c.get("redesigned") or "no")),
              ("module", f"<code>{e(c.get('module'))}</code> <span class='muted small'>code hash "
                         f"{e(c.get('code_hash'))}</span>")]
    return kv(pairs)


def figures_html(h: dict[str, Any]) -> str:
    c = h["claim"]
    figs = c.get("document_figures") or {}
    measured = []
    for name, vals in list(h["arms"].items()) + list((h.get("extra") or {}).items()):
        v = finite(nums(vals))
        if not v:
            continue
        m = sum(v) / len(v)
        sd = (sum((x - m) ** 2 for x in v) / (len(v) - 1)) ** 0.5 if len(v) > 1 else math.nan
        what = "max" if name == "error" else "mean"
        measured.append((name, f"{what} {fmt(max(v) if name == 'error' else m)}"
                               + (f" ± {fmt(sd, 2)} sd" if name != "error" and math.isfinite(sd) else "")
                               + f" <span class='muted small'>(n = {len(v)})</span>"))
    for k, v in (h.get("notes") or {}).items():
        measured.append((k, e(json.dumps(safe_json(v), default=str)) if not isinstance(v, (int, float, str))
                         else e(fmt(v) if isinstance(v, (int, float)) else v)))
    left = ('<div><h3>The document reports</h3>' +
            ("<table><tbody>" + "".join(
                f"<tr><td>{e(k)}</td><td class='num'>{e(fmt(v) if isinstance(v, (int, float)) else json.dumps(v, default=str) if not isinstance(v, str) else v)}</td>"
                f"<td class='num muted small'>{measured_lookup(h, k)}</td></tr>" for k, v in figs.items())
             + "</tbody></table>" if figs else '<p class="muted">No figures recorded for this claim.</p>') + "</div>")
    right = ('<div><h3>Measured here <span class="muted small">(' + e(h.get("env_key")) + ", " + e(family(h))
             + ")</span></h3><table><tbody>" + "".join(f"<tr><td>{e(k)}</td><td class='num'>{v}</td></tr>"
                                                       for k, v in measured) + "</tbody></table></div>")
    return f'<div class="side">{left}{right}</div>'


def measured_lookup(h: dict[str, Any], key: str) -> str:
    """The measured counterpart of a document figure with the same name, if there is one."""
    for src in (h["arms"], h.get("extra") or {}):
        if key in src:
            v = finite(nums(src[key]))
            if v:
                return e(f"measured mean {fmt(sum(v) / len(v))}")
    notes = h.get("notes") or {}
    if key in notes and isinstance(notes[key], (int, float)):
        return e(f"measured {fmt(notes[key])}")
    return ""


def history_table(results: list[dict[str, Any]]) -> str:
    out = ['<table><thead><tr><th>environment</th><th>profile</th><th>verdict</th><th class="num">effect [95% CI]</th>'
           '<th class="num">p</th><th class="num">p refute</th><th class="num">n</th><th class="num">wall s</th>'
           '<th class="num">cpu s</th><th>finished</th></tr></thead><tbody>']
    for r in results:
        s = r["summary"]
        out.append(f'<tr><td><a href="#{e(anchor(r))}">{e(r.get("env_key"))}</a></td><td>{e(family(r))}</td>'
                   f'<td>{badge(s["verdict"])}{"" if r.get("matches_expectation") is not False else " <span class=mismatch>≠ pinned</span>"}</td>'
                   f'<td class="num">{e(effect_text(r))}</td><td class="num">{e(dash(s.get("p_value")))}</td>'
                   f'<td class="num">{e(dash(s.get("p_refute")))}</td><td class="num">{e(s.get("n"))}</td>'
                   f'<td class="num">{e(fmt(seconds(r), 3))}</td><td class="num">{e(fmt(cpu_seconds(r), 3))}</td>'
                   f'<td class="small">{e((r.get("timing") or {}).get("finished"))}</td></tr>')
    out.append("</tbody></table>")
    return "".join(out)


def looks_table(r: dict[str, Any]) -> str:
    looks = r.get("looks") or []
    if not looks:
        return ""
    ident = is_identity(r)
    out = ['<table><thead><tr><th>look</th><th class="num">n</th><th class="num">alpha</th>'
           + ('<th class="num">max error</th>' if ident else
              '<th class="num">estimate [95% CI]</th><th class="num">p</th><th class="num">p refute</th>')
           + '<th>verdict</th></tr></thead><tbody>']
    for lk in looks:
        if ident:
            mid = f'<td class="num">{e(fmt(num(lk.get("max_error"))))}</td>'
        else:
            c = lk.get("ci") or [None, None]
            mid = (f'<td class="num">{e(fmt(num(lk.get("estimate"))))} [{e(fmt(num(c[0])))}, {e(fmt(num(c[-1])))}]</td>'
                   f'<td class="num">{e(fmt(num(lk.get("p_value"))))}</td><td class="num">{e(fmt(num(lk.get("p_refute"))))}</td>')
        out.append(f'<tr><td>{e(lk.get("look"))}/{e(lk.get("looks_planned"))}</td><td class="num">{e(lk.get("n"))}</td>'
                   f'<td class="num">{e(fmt(num(lk.get("alpha", lk.get("alpha_family")))))}</td>{mid}'
                   f'<td>{badge(str(lk.get("verdict")))}</td></tr>')
    out.append("</tbody></table>")
    return "".join(out)


def environment_html(r: dict[str, Any]) -> str:
    env = r.get("environment") or {}
    dev = env.get("device") or {}
    det = env.get("determinism") or {}
    git = r.get("git") or {}
    pairs = [("torch", e(env.get("torch_full_version") or env.get("torch"))),
             ("device", e(f"{dev.get('type')}: {dev.get('name')}" if dev else "")),
             ("cpu", e(f"{env.get('cpu')} ({env.get('cpu_count')} cores)")),
             ("python / numpy / scipy", e(f"{env.get('python')} / {env.get('numpy')} / {env.get('scipy')}")),
             ("platform", e(env.get("platform"))),
             ("determinism", "<code>" + e(", ".join(f"{k}={v}" for k, v in det.items())) + "</code>"),
             ("worker", e(env.get("worker"))),
             ("git", e(f"{git.get('commit')}{' (dirty)' if git.get('dirty') else ''}")),
             ("global seed", e((r.get("config") or {}).get("global_seed"))),
             ("result file", f"<code>{e(r.get('_path'))}</code>")]
    return kv(pairs)


def data_html(r: dict[str, Any]) -> str:
    data = r.get("data") or []
    if not data:
        return ""
    seen, items = set(), []
    for d in data:
        if not isinstance(d, dict):
            continue
        files = d.get("files") or []
        key = (d.get("name"), d.get("version"), json.dumps(files, default=str))
        if key in seen:
            continue
        seen.add(key)
        ftxt = "; ".join(f"{f.get('path', f.get('name', ''))} sha256 {str(f.get('sha256', ''))[:12]}"
                         if isinstance(f, dict) else str(f) for f in files)
        items.append(f"<li><b>{e(d.get('name'))}</b> {e(d.get('version') or '')} — {e(d.get('source') or '')}"
                     f"{' — ' + e(ftxt) if ftxt else ''}</li>")
    more = len(data) - len(seen)
    return ("<h4>Data</h4><ul class='small'>" + "".join(items) + "</ul>"
            + (f"<p class='muted small'>({more} more draws of the same data sets, one per seed)</p>" if more > 0 else ""))


def result_details(r: dict[str, Any], open_: bool) -> str:
    s = r["summary"]
    ident = is_identity(r)
    plots = (f"<figure>{svg_identity(r)}<figcaption>Per-case errors (log scale) against the tolerance.</figcaption></figure>"
             if ident else
             f"<figure>{svg_paired(r)}<figcaption>Each line is one seed, from its {e(arm_names(r)[0])} value "
             f"to its {e(arm_names(r)[1])} value (paired by seed: same init, order and split).</figcaption></figure>"
             f"<figure>{svg_diffs(r)}<figcaption>Per-seed differences; solid line at 0, dashed at the claim's δ; the "
             f"coloured dot and bar are the mean and its 95% CI (verdict colour).</figcaption></figure>")
    t = r.get("timing") or {}
    timing = kv([("wall", e(f"{fmt(seconds(r), 4)} s")), ("cpu", e(f"{fmt(cpu_seconds(r), 4)} s")),
                 ("per look", e(", ".join(fmt(num(x), 3) for x in t.get("seconds_per_look") or []))),
                 ("started", e(t.get("started"))), ("finished", e(t.get("finished")))])
    return (f'<details id="{e(anchor(r))}"{" open" if open_ else ""}><summary>{e(r.get("env_key"))} · '
            f'{e(family(r))} — {badge(s["verdict"])} {e(effect_text(r))}'
            f'{"" if r.get("matches_expectation") is not False else " <span class=mismatch>≠ pinned " + e(r.get("expected")) + "</span>"}'
            f'</summary><div class="plots">{plots}</div>{looks_table(r)}'
            f'<h4>Reproduce</h4><pre><code>{e(r.get("command"))}</code></pre>'
            f'<div class="side"><div><h4>Timing</h4>{timing}</div><div><h4>Environment</h4>{environment_html(r)}</div></div>'
            f'{data_html(r)}</details>')



def error_details(r: dict[str, Any]) -> str:
    return (f'<details id="{e(anchor(r))}" open><summary>{e(r.get("env_key"))} · {e(family(r))} — '
            f'{badge(ERROR)}</summary><p class="error-line"><b>ERROR</b> <code>{e(r.get("_path"))}</code> — '
            f'{e(error_message(r))}</p>'
            + (f'<h4>Reproduce</h4><pre><code>{e(r.get("command"))}</code></pre>' if r.get("command") else "")
            + "</details>")


def contrast_links(by_claim: dict[str, list[dict[str, Any]]]) -> dict[str, list[tuple[str, str]]]:
    """claim id -> [(other id, why)] for every ``contrasts`` link, shown on both claims' pages
    (a link declared by either side is one pair)."""
    links: dict[str, dict[str, str]] = defaultdict(dict)
    for cid, rs in by_claim.items():
        for other, why in ((headline(rs)["claim"].get("contrasts")) or {}).items():
            links[cid].setdefault(str(other), str(why))
            links[str(other)].setdefault(cid, str(why))
    return {cid: sorted(v.items()) for cid, v in links.items()}


def contrasts_html(cid: str, h: dict[str, Any], links: list[tuple[str, str]],
                   by_claim: dict[str, list[dict[str, Any]]]) -> str:
    """The statements this claim opposes or qualifies, side by side with its own: each one's
    quote, document and verdict, so a reader sees where the documents disagree."""
    if not links:
        return ""

    def cell(c: dict[str, Any], verdict: str, effect: str, href: str | None) -> str:
        src = (c.get("sources") or [{}])[0]
        lines = src.get("lines") or ["?", "?"]
        name = e(c.get("id"))
        title = f'<a href="../{e(href)}">{name}</a>' if href else name
        return (f"<td><p><b>{title}</b> {badge(verdict) if verdict else ''} "
                f"<span class='muted small'>{e(effect)}</span></p><p>{e(c.get('statement'))}</p>"
                f"<blockquote>{e(src.get('quote'))}</blockquote><div class='src'>{e(doc_title(src.get('document')))}"
                f" · {e(src.get('document'))} · lines {e(lines[0])}–{e(lines[-1])}</div></td>")

    mine = cell(h["claim"], h["summary"]["verdict"] if not is_error(h) else ERROR,
                effect_text(h) if not is_error(h) else "", None)
    rows = []
    for other, why in links:
        rs = by_claim.get(other)
        if rs:
            oh = headline(rs)
            theirs = cell(oh["claim"], oh["summary"]["verdict"] if not is_error(oh) else ERROR,
                          effect_text(oh) if not is_error(oh) else "", claim_href(other))
        else:
            theirs = f"<td><b>{e(other)}</b> <span class='muted'>(no result in this report)</span></td>"
        rows.append(f"<tr><td colspan=2 class='small'><b>How they differ:</b> {e(why)}</td></tr>"
                    f"<tr>{mine}{theirs}</tr>")
    return ("<table class='contrasts'><thead><tr><th>this claim</th><th>the claim it opposes or qualifies</th>"
            "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def claim_page(cid: str, rs: list[dict[str, Any]], contrasts: str = "") -> str:
    rs = sorted(rs, key=lambda r: env_sort_key((str(r.get("env_key")), family(r))))
    ok = [r for r in rs if not is_error(r)]
    h = headline(rs)
    c = h["claim"]
    verdicts = {r["summary"]["verdict"] for r in ok}
    sources = [{"quote": s.get("quote"), "document": s.get("document"), "title": doc_title(s.get("document")),
                "section": s.get("section"), "lines": s.get("lines") or ["?", "?"]} for s in c.get("sources") or []]
    return _ENV.get_template("claim.html.j2").render(
        title=f"{cid} — claims report", status_attr=STATUS_ATTR, cid=cid, h=h, claim=c,
        verdict=h["summary"]["verdict"], sentence=plain_sentence(h), design_short=design_line(h),
        effect=effect_text(h) if not is_error(h) else "", n=h["summary"].get("n"),
        mismatch=h.get("matches_expectation") is False and not is_error(h), expected=h.get("expected"),
        flip=[(r.get("env_key"), family(r), r["summary"]["verdict"]) for r in ok] if len(verdicts) > 1 else [],
        over_families=list(family_verdicts(ok).items()),
        sources=sources, design=Markup(design_html(h) if not is_error(h) else ""),
        history_svg=Markup(svg_history(c, ok) if ok else ""), history=Markup(history_table(rs)),
        figures=Markup(figures_html(h) if not is_error(h) else ""), contrasts=Markup(contrasts),
        details=[Markup(error_details(r) if is_error(r) else result_details(r, r is h)) for r in reversed(rs)])


# ------------------------------------------------------------------------------ entry points
Loader = Callable[[dict[str, Any]], dict[str, Any]]


def render_into(out: Path, results: list[dict[str, Any]], benchmarks: list[dict[str, Any]], errors: list[str],
                warnings: list[str], load: Loader, declared: list[dict[str, Any]] | None = None,
                declared_note: str = "", inputs: Iterable[str] = ()) -> Path:
    """Write index.html and claims/<id>.html into ``out`` (an empty folder). ``results`` may be
    digests; ``load(r)`` returns the full result for a claim page."""
    (out / "claims").mkdir(parents=True, exist_ok=True)
    by_claim: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        by_claim[r["claim"]["id"]].append(r)
    links = contrast_links(by_claim)
    for cid, rs in by_claim.items():
        full = [load(r) for r in rs]
        side = contrasts_html(cid, headline(full), links.get(cid, []), by_claim)
        (out / claim_href(cid)).write_text(claim_page(cid, full, side), encoding="utf-8")
    index = out / "index.html"
    index.write_text(index_page(dict(by_claim), list(benchmarks), list(errors), list(warnings), declared,
                                declared_note, list(inputs)), encoding="utf-8")
    return index


def _legacy_report(p: Path) -> bool:
    """A report written before the marker existed: its index.html carries our status attribute."""
    idx = p / "index.html"
    try:
        head = idx.read_text(encoding="utf-8", errors="replace")[:200_000] if idx.is_file() else ""
    except OSError:
        return False
    return STATUS_ATTR in head and "<title>Claims report</title>" in head


def build_report(results: list[dict[str, Any]], benchmarks: list[dict[str, Any]], errors: list[str],
                 out_dir: str | Path, *, declared: list[dict[str, Any]] | None = None, declared_note: str = "",
                 inputs: Iterable[str] = ()) -> Path:
    """Build the report from results in memory into a fresh folder swapped in at ``out_dir``.

    Duplicates of one (claim, env, profile) keep the newest and are named in a warning on the page.
    ``declared``: the declared claims (see :func:`declared_claims`); those without a result are
    listed as not run. Returns the index path."""
    out = check_output_dir(out_dir, "report", MARKER, _legacy_report)
    results, warnings = dedupe(list(results))
    try:
        return replace_dir(out, lambda tmp: render_into(tmp, results, benchmarks, errors, warnings, lambda r: r,
                                                        declared, declared_note, inputs), MARKER) and out / "index.html"
    except OSError as exc:
        raise write_error(exc, out, "report") from None


def main_report(args: Any) -> int:
    from harness.storing.resultset import BENCHMARK, RESULT, iter_entries
    from harness.storing.results import ResultFileError, load_result
    out = check_output_dir(getattr(args, "output", None), "report", MARKER, _legacy_report)
    digests, benchmarks, errors = [], [], []
    for _p, kind, data, err in iter_entries(args.results):    # pass 1: index data, one file at a time
        if kind == RESULT:
            digests.append(digest(data))
        elif kind == BENCHMARK:
            benchmarks.append(data)
        else:
            errors.append(err)
    digests, warnings = dedupe(digests)

    def load(d: dict[str, Any]) -> dict[str, Any]:          # pass 2: the full result for its page
        try:
            full = load_result(d["_path"])
        except (ResultFileError, KeyError) as exc:
            warnings.append(f"{d.get('_path')}: changed while the report was built ({exc}); its page shows "
                            "the summary only")
            return d
        full["_path"] = d["_path"]
        return full
    declared, note = declared_claims(getattr(args, "claims_dir", None))
    try:
        replace_dir(out, lambda tmp: render_into(tmp, digests, benchmarks, errors, warnings, load, declared, note,
                                                 [str(x) for x in args.results]), MARKER)
    except OSError as exc:
        raise write_error(exc, out, "report") from None
    index = out / "index.html"
    for err in errors:
        print(f"claims report: warning: {err}", file=sys.stderr)
    n_claims = len({r["claim"]["id"] for r in digests})
    print(f"claims report: {len(digests)} results ({n_claims} claims), {len(benchmarks)} benchmark files, "
          f"{len(errors)} unreadable -> {index}")
    if note:
        print(f"claims report: note: {note}", file=sys.stderr)
    if not digests:
        print("claims report: error: no result could be read", file=sys.stderr)
        return 1
    if errors:        # the rest is rendered, but unreadable input never passes as success
        print(f"claims report: {len(errors)} unreadable input file(s), named above (exit 2)", file=sys.stderr)
        return 2
    return 0
