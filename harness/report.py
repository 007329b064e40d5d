"""The HTML report: static pages from stored result files, readable offline from file://.

``claims report RESULTS... -o DIR`` writes ``DIR/index.html`` (verdict counts, the claim index with
filters, the claims x environments grid, the engine benchmarks, unreadable files) and one page
per claim in ``DIR/claims/<id>.html`` (sources, design, per-seed plots, effect history across
environments, the document's own figures beside the measured ones, timings, environment and the
command that reproduces each result). Everything is embedded: inline CSS, inline SVG plots, a
little inline JavaScript for the filters; no network access.

Nothing is re-run and no input file is modified (they are only opened for reading).
Exit status: 0 when at least one result was rendered (unreadable files are listed on the page and
on stderr as warnings); 1 when no result could be read (the page is still written, listing why).
"""
from __future__ import annotations

import html
import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable

from .resultset import (arm_names, ci, collect, cpu_seconds, dedupe, env_sort_key, estimate, fmt, headline,
                        is_identity, num, nums, seconds, seed_diffs)

STATUS_ATTR = "data-report-status"   # set to "ok" by the page script once it ran without exceptions
COLORS = {"supported": "#1a7f37", "refuted": "#c2410c", "inconclusive": "#6b7280"}
VERDICTS = ("supported", "refuted", "inconclusive")

CSS = """
:root { --sup: #1a7f37; --ref: #c2410c; --inc: #6b7280; --line: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: #1f2328; margin: 0; padding: 16px 24px 48px; max-width: 1400px; }
h1 { font-size: 22px; margin: 4px 0 8px; } h2 { font-size: 18px; margin: 28px 0 8px;
     border-bottom: 1px solid var(--line); padding-bottom: 4px; } h3 { font-size: 15px; margin: 18px 0 6px; }
a { color: #0969da; text-decoration: none; } a:hover { text-decoration: underline; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.num div { white-space: normal; } #index td.effect { max-width: 260px; }
#index td:first-child { width: 34%; } #index td.src-cell { max-width: 240px; }
.badge { display: inline-block; min-width: 92px; text-align: center; padding: 1px 8px; border-radius: 10px;
         color: #fff; font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
.badge.supported { background: var(--sup); } .badge.refuted { background: var(--ref); }
.badge.inconclusive { background: var(--inc); }
.counts { display: flex; gap: 12px; margin: 12px 0; flex-wrap: wrap; }
.count { flex: 1 1 160px; border: 2px solid var(--line); border-radius: 8px; padding: 8px 12px; }
.count b { font-size: 26px; display: block; } .count.supported { border-color: var(--sup); color: var(--sup); }
.count.refuted { border-color: var(--ref); color: var(--ref); } .count.inconclusive { border-color: var(--inc); color: var(--inc); }
.muted { color: var(--muted); } .small { font-size: 12px; }
.mismatch { color: #9a6700; font-weight: 600; font-size: 12px; }
.flip { color: #fff; background: #8250df; border-radius: 4px; padding: 0 5px; font-size: 11px; font-weight: 700; }
.errors { border: 2px solid var(--ref); background: #fff4ed; border-radius: 8px; padding: 8px 14px; margin: 12px 0; }
.errors li { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.warnings { border: 1px solid #d4a72c; background: #fff8c5; border-radius: 8px; padding: 6px 14px; margin: 12px 0; }
.filters { display: flex; gap: 12px; flex-wrap: wrap; align-items: center; background: #f6f8fa;
           border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; margin: 8px 0; }
.filters label { font-weight: 600; } select, input[type=search] { font: inherit; padding: 2px 4px; }
.grid { width: auto; } .grid td:first-child { min-width: 320px; }
.grid td.cell { text-align: center; font-weight: 700; color: #fff; min-width: 110px; font-size: 12px; }
.grid td.cell a { color: #fff; display: block; }
.grid td.cell.supported { background: var(--sup); } .grid td.cell.refuted { background: var(--ref); }
.grid td.cell.inconclusive { background: var(--inc); } .grid td.cell.missing { background: #fff; color: #aaa; }
.grid tr.flipped td:first-child { border-left: 5px solid #8250df; }
blockquote { margin: 6px 0 10px; padding: 6px 12px; border-left: 4px solid var(--line); background: #f6f8fa;
             white-space: pre-wrap; }
.src { font-size: 12px; color: var(--muted); }
pre, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
pre { background: #f6f8fa; padding: 8px; border-radius: 6px; overflow-x: auto; white-space: pre-wrap; }
details { border: 1px solid var(--line); border-radius: 8px; padding: 6px 12px; margin: 10px 0; }
summary { cursor: pointer; font-weight: 600; }
.plots { display: flex; gap: 18px; flex-wrap: wrap; align-items: flex-start; }
.plots figure { margin: 0; } figcaption { font-size: 12px; color: var(--muted); max-width: 460px; }
.side { display: flex; gap: 24px; flex-wrap: wrap; } .side > div { flex: 1 1 380px; }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 6px 0; }
dl.kv dt { font-weight: 600; color: var(--muted); } dl.kv dd { margin: 0; }
svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
"""

PAGE_SCRIPT = """
<script>
(function () {
  var body = document.body;
  window.addEventListener('error', function (e) { body.setAttribute('%(attr)s', 'error: ' + e.message); });
  try {
    %(code)s
    body.setAttribute('%(attr)s', 'ok');
  } catch (e) {
    body.setAttribute('%(attr)s', 'error: ' + e);
  }
})();
</script>
"""

INDEX_JS = r"""
var data = JSON.parse(document.getElementById('claims-data').textContent);
var rows = Array.prototype.slice.call(document.querySelectorAll('#index tbody tr'));
function fill(id, values) {
  var sel = document.getElementById(id);
  values.forEach(function (v) { var o = document.createElement('option'); o.value = v; o.textContent = v; sel.appendChild(o); });
}
function uniq(list) { var s = {}; list.forEach(function (v) { s[v] = 1; }); return Object.keys(s).sort(); }
fill('f-topic', uniq(data.map(function (d) { return d.topic; })));
fill('f-doc', uniq([].concat.apply([], data.map(function (d) { return d.documents; }))));
var byId = {}; data.forEach(function (d) { byId[d.id] = d; });
function apply() {
  var v = document.getElementById('f-verdict').value, t = document.getElementById('f-topic').value,
      doc = document.getElementById('f-doc').value, q = document.getElementById('f-text').value.toLowerCase(),
      flips = document.getElementById('f-flips').checked, shown = 0;
  rows.forEach(function (tr) {
    var d = byId[tr.getAttribute('data-id')];
    var ok = (!v || d.verdict === v) && (!t || d.topic === t) && (!doc || d.documents.indexOf(doc) >= 0)
             && (!q || d.search.indexOf(q) >= 0) && (!flips || d.flipped || d.mismatch);
    tr.style.display = ok ? '' : 'none';
    if (ok) shown += 1;
  });
  document.getElementById('f-count').textContent = 'showing ' + shown + ' of ' + rows.length;
}
['f-verdict', 'f-topic', 'f-doc', 'f-text', 'f-flips'].forEach(function (id) {
  var el = document.getElementById(id);
  el.addEventListener('input', apply); el.addEventListener('change', apply);
});
apply();
"""


# ------------------------------------------------------------------------------ small helpers
def e(x: Any) -> str:
    return html.escape("" if x is None else str(x), quote=True)


def slug(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", str(s)).strip("-") or "x"


def badge(verdict: str) -> str:
    v = verdict if verdict in VERDICTS else "inconclusive"
    return f'<span class="badge {v}">{e(verdict)}</span>'


def page(title: str, body: str, script: str = "") -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{e(title)}</title><style>{CSS}</style></head>\n<body>\n{body}\n"
            + PAGE_SCRIPT % {"attr": STATUS_ATTR, "code": script} + "</body></html>\n")


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
    w, h, left, right, top, bottom = 330, 280, 58, 262, 16, 240
    lo, hi = padded([v for p in pairs for v in p])
    y = Axis(lo, hi, bottom, top)
    xa, xb = left + 30, right - 30
    out = [svg_open(w, h, f"per-seed values of {arms[0]} and {arms[1]}")]
    for t in nice_ticks(lo, hi):
        out.append(f'<line x1="{left}" x2="{right}" y1="{y(t):.1f}" y2="{y(t):.1f}" stroke="#eee"/>'
                   f'<text x="{left - 4}" y="{y(t) + 4:.1f}" text-anchor="end" fill="#57606a">{e(fmt(t, 3))}</text>')
    out.append(f'<line x1="{left}" x2="{left}" y1="{top}" y2="{bottom}" stroke="#999"/>')
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
    w, h, left, right = 440, 200, 20, 420
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
               f'{e(arm_names(r)[0])} − {e(arm_names(r)[1])} per seed (n = {n}); bar: mean and 95% CI</text></svg>')
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
    w, h, left, right, axis_y = 440, 170, 20, 420, 120
    x = Axis(lo, hi, left, right)
    out = [svg_open(w, h, "per-case errors against the tolerance")]
    step = max(1, (hi - lo) // 8)
    for t in range(lo, hi + 1, step):
        out.append(f'<line x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{axis_y}" y2="{axis_y + 4}" stroke="#999"/>'
                   f'<text x="{x(t):.1f}" y="{axis_y + 16}" text-anchor="middle" fill="#57606a">1e{t}</text>')
    out.append(f'<line x1="{left}" x2="{right}" y1="{axis_y}" y2="{axis_y}" stroke="#999"/>')
    if math.isfinite(tol) and tol > 0:
        tx = x(math.log10(tol))
        out.append(f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="14" y2="{axis_y}" stroke="{COLORS["refuted"]}" '
                   f'stroke-dasharray="4 3"/><text x="{tx:.1f}" y="11" text-anchor="middle" '
                   f'fill="{COLORS["refuted"]}">tolerance {e(fmt(tol))}</text>')
    for i, v in enumerate(pos[:2000]):
        out.append(f'<circle cx="{x(math.log10(v)):.1f}" cy="{22 + ((i * 37) % 31) * 2.9:.1f}" r="2.5" '
                   f'fill="#0969da" fill-opacity="0.5"/>')
    note = f"{len(errs)} cases"
    if zeros:
        note += f"; {zeros} exactly 0 (not drawn)"
    if nonfinite:
        note += f"; {nonfinite} non-finite"
    out.append(f'<text x="{(left + right) / 2}" y="{axis_y + 34}" text-anchor="middle" fill="#57606a">'
               f'{e(note)}; max {e(fmt(max(finite(errs), default=math.nan)))}</text></svg>')
    return "".join(out)


def svg_history(claim: dict[str, Any], results: list[dict[str, Any]]) -> str:
    """Effect (with CI) per environment and profile, coloured by verdict."""
    ident = claim.get("kind") == "identity"
    results = sorted(results, key=lambda r: env_sort_key((str(r.get("env_key")), str(r.get("profile")))))
    n = len(results)
    w = max(300, 110 + 110 * n)
    h, left, top, bottom = 250, 64, 18, 180
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
    for t in nice_ticks(lo, hi):
        label = f"1e{t:g}" if ident else fmt(t, 3)
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
                       f'{e(r.get("profile"))}: {e(r["summary"]["verdict"])}, {e(effect_text(r))}</title></circle>')
        out.append(f'<text x="{cx:.1f}" y="{bottom + 18}" text-anchor="middle">{e(r.get("env_key"))}</text>'
                   f'<text x="{cx:.1f}" y="{bottom + 32}" text-anchor="middle" fill="#57606a">'
                   f'{e(r.get("profile"))} · {e(r["summary"]["verdict"])}</text>')
    caption = "log10 max error per environment" if ident else "mean(a − b) and 95% CI per environment"
    out.append(f'<text x="{left}" y="{h - 8}" fill="#57606a">{e(caption)}</text></svg>')
    return "".join(out)


def svg_speed(rows: list[dict[str, Any]]) -> str:
    rows = [r for r in rows if math.isfinite(r["ratio"])]
    if not rows:
        return ""
    bar_h, left, right = 24, 260, 700
    h = 30 + bar_h * len(rows) + 30
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
    out.append("</svg>")
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


# ------------------------------------------------------------------------------ index page
def documents_of(claim: dict[str, Any]) -> list[str]:
    return sorted({str(s.get("document")) for s in claim.get("sources") or []})


def source_cell(claim: dict[str, Any]) -> str:
    parts = []
    for s in claim.get("sources") or []:
        lines = s.get("lines") or ["?", "?"]
        parts.append(f'<div class="small"><b>{e(s.get("document"))}</b> l.{e(lines[0])}–{e(lines[-1])}'
                     f'<br><span class="muted">{e(s.get("section"))}</span></div>')
    return "".join(parts)


def claim_href(cid: str) -> str:
    return f"claims/{slug(cid)}.html"


def index_row(cid: str, rs: list[dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    h = headline(rs)
    c = h["claim"]
    s = h["summary"]
    verdicts = {r["summary"]["verdict"] for r in rs}
    flipped = len(verdicts) > 1
    mismatch = h.get("matches_expectation") is False   # None: smoke, not pinned
    flags = ""
    if flipped:
        flags += ' <span class="flip" title="verdict differs across environments">FLIP</span>'
    if mismatch:
        flags += f'<div class="mismatch">pinned: {e(h.get("expected"))}</div>'
    n = s.get("n")
    n_text = f"{n} cases" if is_identity(h) else f"{n} seeds"
    looks = f"look {s.get('look')}/{s.get('looks_planned')}" if s.get("looks_planned") else ""
    cpu = cpu_seconds(h)
    runtime = f"{fmt(seconds(h), 3)} s" + (f'<br><span class="muted small">cpu {fmt(cpu, 3)} s</span>'
                                           if math.isfinite(cpu) else "")
    row = (f'<tr data-id="{e(cid)}"><td><a href="{e(claim_href(cid))}"><b>{e(cid)}</b></a>{flags}'
           f'<div class="small">{e(c.get("statement"))}</div></td>'
           f'<td>{badge(s["verdict"])}</td>'
           f'<td class="num effect">{effect_cell(h)}<div class="muted small">{e(c.get("metric"))}</div></td>'
           f'<td class="num">{e(n_text)}<div class="muted small">{e(looks)}</div></td>'
           f'<td class="num">{runtime}</td><td class="src-cell">{source_cell(c)}</td><td>{e(c.get("topic"))}</td>'
           f'<td class="small">{e(h.get("env_key"))}<br><span class="muted">{e(h.get("profile"))}'
           f'{" · " + str(len(rs)) + " results" if len(rs) > 1 else ""}</span></td></tr>')
    search = " ".join([cid, str(c.get("statement")), str(c.get("topic")), str(c.get("metric"))]
                      + [str(x.get("quote")) for x in c.get("sources") or []]).lower()
    data = {"id": cid, "verdict": s["verdict"], "topic": str(c.get("topic")), "documents": documents_of(c),
            "flipped": flipped, "mismatch": mismatch, "search": search,
            "estimate": safe_json(estimate(h)), "ci": safe_json(list(ci(h))), "n": n,
            "env_key": h.get("env_key"), "profile": h.get("profile"),
            "verdicts": {f"{r.get('env_key')}/{r.get('profile')}": r["summary"]["verdict"] for r in rs}}
    return row, data


def grid_html(by_claim: dict[str, list[dict[str, Any]]]) -> str:
    cols = sorted({(str(r.get("env_key")), str(r.get("profile"))) for rs in by_claim.values() for r in rs},
                  key=env_sort_key)
    out = ['<h2 id="grid">Claims × environments</h2>',
           '<p class="muted">One column per environment and profile; a purple bar marks a claim whose verdict '
           'differs between columns. Letters: S supported, R refuted, I inconclusive; ≠ marks a verdict that differs '
           'from the pinned expectation.</p>',
           '<div style="overflow-x:auto"><table class="grid"><thead><tr><th>claim</th>']
    out += [f'<th class="small">{e(env)}<br><span class="muted">{e(p)}</span></th>' for env, p in cols]
    out.append("</tr></thead><tbody>")
    for cid in sorted(by_claim):
        rs = {(str(r.get("env_key")), str(r.get("profile"))): r for r in by_claim[cid]}
        flipped = len({r["summary"]["verdict"] for r in rs.values()}) > 1
        out.append(f'<tr class="{"flipped" if flipped else ""}"><td><a href="{e(claim_href(cid))}">{e(cid)}</a>'
                   f'{" <span class=flip>FLIP</span>" if flipped else ""}</td>')
        for col in cols:
            r = rs.get(col)
            if r is None:
                out.append('<td class="cell missing">·</td>')
                continue
            v = r["summary"]["verdict"]
            mark = "" if r.get("matches_expectation") is not False else " ≠"
            tip = f"{col[0]} {col[1]}: {v}; {effect_text(r)}"
            out.append(f'<td class="cell {e(v)}" title="{e(tip)}"><a href="{e(claim_href(cid))}#{e(anchor(r))}">'
                       f'{e(v[:1].upper())}{mark}</a></td>')
        out.append("</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def anchor(r: dict[str, Any]) -> str:
    return "r-" + slug(f"{r.get('env_key')}-{r.get('profile')}")


def errors_html(errors: list[str], warnings: list[str]) -> str:
    out = []
    if errors:
        out.append(f'<div class="errors" id="errors"><b>{len(errors)} file{"s" if len(errors) != 1 else ""} could '
                   'not be read</b> (left out of the report; the files were not changed):<ul>')
        out += [f"<li>{e(m)}</li>" for m in errors]
        out.append("</ul></div>")
    if warnings:
        out.append('<div class="warnings"><b>Warnings</b><ul>')
        out += [f'<li class="small">{e(w)}</li>' for w in warnings]
        out.append("</ul></div>")
    return "".join(out)


def index_html(by_claim: dict[str, list[dict[str, Any]]], benchmarks: list[dict[str, Any]],
               errors: list[str], warnings: list[str]) -> str:
    rows, data = [], []
    for cid in sorted(by_claim):
        row, d = index_row(cid, by_claim[cid])
        rows.append(row)
        data.append(d)
    counts = {v: sum(d["verdict"] == v for d in data) for v in VERDICTS}
    envs = sorted({(str(r.get("env_key")), str(r.get("profile"))) for rs in by_claim.values() for r in rs},
                  key=env_sort_key)
    n_results = sum(len(rs) for rs in by_claim.values())
    body = [f'<h1>Claims report</h1><p class="muted">{len(by_claim)} claims, {n_results} results across '
            f'{len(envs)} environment/profile column{"s" if len(envs) != 1 else ""}'
            f'{": " + ", ".join(f"{a} ({b})" for a, b in envs) if envs else ""}. Verdicts below are each claim\'s '
            'headline result (newest torch, largest profile); the grid shows all. '
            '<a href="#grid">grid</a> · <a href="#benchmarks">benchmarks</a></p>',
            errors_html(errors, warnings), '<div class="counts">']
    for v in VERDICTS:
        body.append(f'<div class="count {v}"><b>{counts[v]}</b>{v}</div>')
    body.append("</div>")
    body.append('<div class="filters"><label for="f-verdict">verdict</label><select id="f-verdict">'
                '<option value="">all</option>' + "".join(f'<option value="{v}">{v}</option>' for v in VERDICTS)
                + '</select><label for="f-topic">topic</label><select id="f-topic"><option value="">all</option>'
                '</select><label for="f-doc">source document</label><select id="f-doc"><option value="">all</option>'
                '</select><input type="search" id="f-text" placeholder="search id, statement, quote">'
                '<label><input type="checkbox" id="f-flips"> only flips / not as pinned</label>'
                '<span id="f-count" class="muted"></span></div>')
    body.append('<table id="index"><thead><tr><th>claim</th><th>verdict</th><th class="num">effect [95% CI]</th>'
                '<th class="num">n</th><th class="num">runtime</th><th>source</th><th>topic</th><th>environment</th>'
                '</tr></thead><tbody>' + "".join(rows) + "</tbody></table>")
    if not rows:
        body.append('<p class="muted">No result could be read.</p>')
    body.append(grid_html(by_claim) if by_claim else "")
    body.append(benchmarks_html(benchmarks))
    body.append(json_script("claims-data", data))
    return page("Claims report", "\n".join(body), INDEX_JS)


# ------------------------------------------------------------------------------ claim page
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
              ("pinned expectation", f"{badge(str(c.get('expect')))} {e(c.get('expect_reason'))}"),
              ("notes", e(c.get("notes"))),
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
    right = ('<div><h3>Measured here <span class="muted small">(' + e(h.get("env_key")) + ", " + e(h.get("profile"))
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
        out.append(f'<tr><td><a href="#{e(anchor(r))}">{e(r.get("env_key"))}</a></td><td>{e(r.get("profile"))}</td>'
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
            f'{e(r.get("profile"))} — {badge(s["verdict"])} {e(effect_text(r))}'
            f'{"" if r.get("matches_expectation") is not False else " <span class=mismatch>≠ pinned " + e(r.get("expected")) + "</span>"}'
            f'</summary><div class="plots">{plots}</div>{looks_table(r)}'
            f'<h4>Reproduce</h4><pre><code>{e(r.get("command"))}</code></pre>'
            f'<div class="side"><div><h4>Timing</h4>{timing}</div><div><h4>Environment</h4>{environment_html(r)}</div></div>'
            f'{data_html(r)}</details>')


def claim_html(cid: str, rs: list[dict[str, Any]]) -> str:
    rs = sorted(rs, key=lambda r: env_sort_key((str(r.get("env_key")), str(r.get("profile")))))
    h = headline(rs)
    c = h["claim"]
    verdicts = {r["summary"]["verdict"] for r in rs}
    body = ['<p><a href="../index.html">← all claims</a></p>',
            f'<h1>{e(cid)} {badge(h["summary"]["verdict"])}</h1>',
            f'<p style="font-size:16px">{e(c.get("statement"))}</p>',
            f'<p class="muted">Headline: {e(h.get("env_key"))}, {e(h.get("profile"))} profile: '
            f'{e(effect_text(h))}, n = {e(h["summary"].get("n"))}.'
            + ("" if h.get("matches_expectation") is not False else
               f' <span class="mismatch">Differs from the pinned expectation ({e(h.get("expected"))}).</span>') + "</p>"]
    if len(verdicts) > 1:
        body.append('<p><span class="flip">FLIP</span> The verdict differs across environments: '
                    + ", ".join(f"{e(r.get('env_key'))} ({e(r.get('profile'))}): {e(r['summary']['verdict'])}"
                                for r in rs) + "</p>")
    body.append("<h2>What the documents say</h2>")
    for s in c.get("sources") or []:
        lines = s.get("lines") or ["?", "?"]
        body.append(f'<blockquote>{e(s.get("quote"))}</blockquote><div class="src">{e(s.get("document"))} · '
                    f'{e(s.get("section"))} · lines {e(lines[0])}–{e(lines[-1])}</div>')
    body.append("<h2>Design</h2>" + design_html(h))
    body.append("<h2>Effect across environments</h2>" + f"<figure>{svg_history(c, rs)}</figure>" + history_table(rs))
    body.append("<h2>Document figures and measured values</h2>" + figures_html(h))
    body.append("<h2>Results</h2>")
    body += [result_details(r, r is h) for r in reversed(rs)]
    return page(f"{cid} — claims report", "\n".join(body))


# ------------------------------------------------------------------------------ entry points
def build_report(results: list[dict[str, Any]], benchmarks: list[dict[str, Any]], errors: list[str],
                 out_dir: str | Path) -> Path:
    """Write index.html and claims/<id>.html under out_dir; returns the index path.

    ``results``: loaded result dicts (``_path`` optional); duplicates of one (claim, env, profile)
    keep the newest and are named in a warning on the page. ``benchmarks``: loaded
    pytest-benchmark JSON dicts. ``errors``: messages for files that could not be read.
    """
    out = Path(out_dir)
    (out / "claims").mkdir(parents=True, exist_ok=True)
    results, warnings = dedupe(list(results))
    by_claim: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        by_claim[r["claim"]["id"]].append(r)
    for cid, rs in by_claim.items():
        (out / claim_href(cid)).write_text(claim_html(cid, rs), encoding="utf-8")
    index = out / "index.html"
    index.write_text(index_html(dict(by_claim), list(benchmarks), list(errors), warnings), encoding="utf-8")
    return index


def main_report(args: Any) -> int:
    rs = collect(args.results)
    index = build_report(rs.results, rs.benchmarks, rs.errors, args.output)
    for err in rs.errors:
        print(f"claims report: warning: {err}", file=sys.stderr)
    n_claims = len({r["claim"]["id"] for r in rs.results})
    print(f"claims report: {len(rs.results)} results ({n_claims} claims), {len(rs.benchmarks)} benchmark files, "
          f"{len(rs.errors)} unreadable -> {index}")
    if not rs.results:
        print("claims report: error: no result could be read", file=sys.stderr)
        return 1
    return 0
