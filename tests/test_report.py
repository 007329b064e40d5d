"""`claims report`: every claim, verdict, CI and quote on the page; bad files listed, never changed;
the page renders in a headless browser without script errors and without network."""
from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from harness.storing import outdir
from harness.cli import main as cli_main
from harness.storing.outdir import OutputError
from harness.reporting.report import MARKER, STATUS_ATTR, build_report, declared_claims, main_report
from harness.storing.resultset import ci, fmt
from results_factory import benchmark_file, make_result, paired_values, standard_set, write_set

CHROMIUM = next((p for p in (shutil.which("chromium"), "/usr/bin/chromium", shutil.which("chromium-browser"),
                             shutil.which("google-chrome")) if p and Path(p).exists()), None)


def snapshot(*roots: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns)
            for root in roots for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def inputs(tmp_path):
    """Two environments (one planted flip), three bad files, and a benchmark file beside the results."""
    root = tmp_path / "results"
    old = standard_set("torch-2.12.0-cpu")
    new = standard_set("torch-2.13.0-cpu")
    a, b = paired_values(16, 0.10, seed=9)
    new[1] = make_result("beta-refuted", a=a, b=b, env_key="torch-2.13.0-cpu", expect="refuted",
                         topic="numerics", document="002_011bd4079aac2586.txt", quote="Beta is <b>bold</b> & true.")
    paths = write_set(old, root) + write_set(new, root)
    bad = root / "torch-2.13.0-cpu" / "ci"
    text = paths[0].read_text()
    (bad / "truncated-one.json").write_text(text[: len(text) // 2])
    (bad / "wrong-schema.json").write_text(text.replace('"schema_version": 1', '"schema_version": 99'))
    (bad / "not-a-result.json").write_text('{"hello": "world"}')
    benchmark_file(tmp_path / "benchmarks" / "engine.json", {"xor-5-layer-mlp": 6.25, "mnist-ffn": 2.5})
    return {"root": root, "old": old, "new": new, "tmp": tmp_path}


UNREADABLE = 2   # the `inputs` fixture plants three unreadable files: the rest is rendered, exit 2


def run_report(paths, out) -> int:
    return main_report(argparse.Namespace(results=[str(p) for p in paths], output=str(out)))


def test_report_shows_every_claim_verdict_ci_and_quote(inputs, tmp_path, capsys):
    watched = (inputs["root"], inputs["tmp"] / "benchmarks")
    before = snapshot(*watched)
    out = tmp_path / "html"
    assert run_report([inputs["root"]], out) == UNREADABLE
    assert snapshot(*watched) == before, "the report must not modify or add input files"
    index = (out / "index.html").read_text()
    for r in inputs["new"] + inputs["old"]:
        cid = r["claim"]["id"]
        assert f'data-id="{cid}"' in index
        page = (out / "claims" / f"{cid}.html").read_text()
        assert html.escape(r["claim"]["statement"]) in page
        for s in r["claim"]["sources"]:
            assert html.escape(s["quote"], quote=True) in page
            assert s["document"] in page and f"lines {s['lines'][0]}–{s['lines'][1]}" in page
        assert html.escape(r["command"]) in page
        assert r["summary"]["verdict"] in page
        if r["claim"]["kind"] != "identity":
            lo, hi = ci(r)
            assert f"[{fmt(lo)}, {fmt(hi)}]" in page
            assert "<svg" in page and "per-seed values" in page
        else:
            assert "max error" in page and "tolerance" in page
    # headline verdicts and CIs are in the index (newest torch)
    for r in inputs["new"]:
        row = re.search(rf'<tr data-id="{re.escape(r["claim"]["id"])}"[^>]*>(.*?)</tr>', index, re.S).group(1)
        assert f'badge {r["summary"]["verdict"]}' in row
        if r["claim"]["kind"] != "identity":
            lo, hi = ci(r)
            assert f"[{fmt(lo)}, {fmt(hi)}]" in row
    # the planted flip is marked in the grid; refuted and supported counted side by side
    assert re.search(r'<tr class="flipped"><td><a href="claims/beta-refuted.html">', index)
    assert index.count('<tr class="flipped">') == 1
    assert 'class="count refuted"' in index and 'class="count supported"' in index


def test_bad_files_are_listed_by_name_and_the_rest_is_produced(inputs, tmp_path, capsys):
    out = tmp_path / "html"
    assert run_report([inputs["root"]], out) == 2          # the rest is rendered; unreadable input is exit 2
    err = capsys.readouterr().err
    index = (out / "index.html").read_text()
    for name, why in (("truncated-one.json", "not valid JSON"), ("wrong-schema.json", "schema_version 99"),
                      ("not-a-result.json", "not a claims result")):
        assert name in err and why in err
        line = next(li for li in re.findall(r"<li>(.*?)</li>", index) if name in li)
        assert why in html.unescape(line)
    assert "3 files could not be read" in index
    assert (out / "claims" / "alpha-supported.html").exists()


def test_nothing_readable_exits_nonzero_but_writes_the_page(tmp_path, capsys):
    d = tmp_path / "bad"
    d.mkdir()
    (d / "x.json").write_text("{")
    assert run_report([d], tmp_path / "html") == 1
    assert "x.json" in (tmp_path / "html" / "index.html").read_text()
    assert "no result could be read" in capsys.readouterr().err


def test_benchmarks_beside_the_results_show_the_speed_ratio(inputs, tmp_path):
    out = tmp_path / "html"
    run_report([inputs["root"]], out)
    index = (out / "index.html").read_text()
    section = index[index.index('id="benchmarks"'):]
    assert "xor-5-layer-mlp" in section and "6.25×" in section and "2.5×" in section
    assert "<svg" in section


def test_build_report_is_self_contained(tmp_path):
    results = standard_set()
    index = build_report(results, [], ["somewhere/bad.json: broken"], tmp_path / "out")
    for page in [index, *sorted((tmp_path / "out" / "claims").glob("*.html"))]:
        text = page.read_text()
        urls = set(re.findall(r"https?://[^\s\"'<>)]+", text))
        assert urls <= {"http://www.w3.org/2000/svg"}, urls
        assert "<link" not in text and not re.search(r"<(script|img|iframe)[^>]+src=", text)
    assert "somewhere/bad.json: broken" in index.read_text()


CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars"]


def chromium(args, profile_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, *CHROME_FLAGS, f"--user-data-dir={profile_dir}", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (apt-get install -y chromium); "
                                             "the browser rendering check needs /usr/bin/chromium")
def test_pages_render_in_headless_chromium_without_errors(inputs, tmp_path):
    out = tmp_path / "html"
    run_report([inputs["root"]], out)
    artifacts = Path(os.environ.get("CLAIMS_ARTIFACTS_DIR") or tmp_path / "artifacts")
    artifacts.mkdir(parents=True, exist_ok=True)
    for page in (out / "index.html", out / "claims" / "beta-refuted.html", out / "claims" / "delta-identity.html"):
        dom = chromium(["--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri()], tmp_path / "profile")
        assert dom.returncode == 0, dom.stderr[-2000:]
        assert f'{STATUS_ATTR}="ok"' in dom.stdout, re.findall(rf'{STATUS_ATTR}="[^"]*"', dom.stdout)
        console = [ln for ln in dom.stderr.splitlines() if ":CONSOLE" in ln]
        assert not console, console
    # the filters ran: the count line is filled in by the script
    assert "showing 4 of 4" in chromium(["--dump-dom", (out / "index.html").as_uri()], tmp_path / "profile").stdout
    shot = artifacts / "claims-report-index.png"
    res = chromium([f"--screenshot={shot}", "--window-size=1400,2000", (out / "index.html").as_uri()],
                   tmp_path / "profile")
    assert res.returncode == 0 and shot.exists() and shot.stat().st_size > 10_000, res.stderr[-2000:]


def test_minimal_and_non_finite_results_still_render(tmp_path):
    """Optional keys absent, NaN stored as "nan", a refuted identity claim with a non-finite error."""
    rs = standard_set()
    r = rs[0]
    r["claim"]["id"] = "minimal"
    for k in ("looks", "extra", "notes", "data", "git", "command", "expected", "matches_expectation"):
        r.pop(k)
    for k in ("arms", "metric", "document_figures", "direction", "delta"):
        r["claim"].pop(k)
    r["arms"]["fast"][0] = "nan"
    r["summary"].update(estimate=None, ci=[None, None])
    ident = rs[3]
    ident["arms"]["error"] = ["nan", 1e-3]
    ident["summary"].update(max_error=None, verdict="refuted")
    index = build_report(rs, [{"benchmarks": [{"name": "other", "stats": {}}, "junk"]}], [], tmp_path / "out")
    text = index.read_text()
    assert 'data-id="minimal"' in text and "badge refuted" in text
    assert "1 non-finite" in (tmp_path / "out" / "claims" / "delta-identity.html").read_text()


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (apt-get install -y chromium)")
@pytest.mark.skipif(not os.environ.get("CLAIMS_REPORT_DIR"),
                    reason="set CLAIMS_REPORT_DIR to a generated report (.ci/run does, after `claims report`)")
def test_generated_report_renders_in_headless_chromium(tmp_path):
    """The report CI built from this run and the committed baselines: every page's script ran, no
    console errors, every claim listed; a screenshot is kept as an artifact."""
    out = Path(os.environ["CLAIMS_REPORT_DIR"])
    pages = sorted((out / "claims").glob("*.html"))
    assert pages, f"no claim pages under {out}"
    artifacts = Path(os.environ.get("CLAIMS_ARTIFACTS_DIR") or tmp_path / "artifacts")
    artifacts.mkdir(parents=True, exist_ok=True)
    for page in [out / "index.html", *pages[:: max(1, len(pages) // 8)]]:
        dom = chromium(["--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri()], tmp_path / "profile")
        assert dom.returncode == 0, dom.stderr[-2000:]
        assert f'{STATUS_ATTR}="ok"' in dom.stdout, (page, re.findall(rf'{STATUS_ATTR}="[^"]*"', dom.stdout))
        console = [ln for ln in dom.stderr.splitlines() if ":CONSOLE" in ln]
        assert not console, (page, console)
    index = chromium(["--dump-dom", (out / "index.html").as_uri()], tmp_path / "profile").stdout
    assert f"showing {len(pages)} of {len(pages)}" in index
    assert index.index('id="findings"') < index.index('id="documents"') < index.index('id="index"')
    for page in (out / "index.html", pages[0], pages[-1]):
        for width in (1400, 400):
            assert no_overflow_at(page, width, tmp_path), (page, width)
    shot = artifacts / "claims-report-generated-index.png"
    res = chromium([f"--screenshot={shot}", "--window-size=1400,2400", (out / "index.html").as_uri()],
                   tmp_path / "profile")
    assert res.returncode == 0 and shot.exists() and shot.stat().st_size > 10_000, res.stderr[-2000:]


def no_overflow_at(page: Path, width: int, tmp_path: Path) -> bool:
    """Load ``page`` in a ``width``-px iframe (headless windows are at least 500 px wide) and read
    what its own script recorded: the script ran, and scrollWidth <= the viewport width."""
    wrapper = page.parent / f"_width_{width}_{page.stem}.html"
    wrapper.write_text(f"""<!DOCTYPE html><html><body style="margin:0"><iframe id="f" src="{page.name}"
style="width:{width}px;height:900px;border:0"></iframe><script>
document.getElementById('f').addEventListener('load', function () {{ var d = this.contentDocument;
document.body.setAttribute('data-inner', d ? d.body.getAttribute('data-overflow') + ' / ' +
d.body.getAttribute('{STATUS_ATTR}') : 'no access'); }});</script></body></html>""")
    try:
        res = chromium(["--allow-file-access-from-files", "--virtual-time-budget=5000", "--enable-logging=stderr",
                        "--v=0", "--window-size=1400,1000", "--dump-dom", wrapper.as_uri()], tmp_path / "profile")
    finally:
        wrapper.unlink()
    inner = re.search(r'data-inner="([^"]*)"', res.stdout)
    assert inner, res.stdout[-500:]
    text = html.unescape(inner.group(1))
    console = [ln for ln in res.stderr.splitlines() if ":CONSOLE" in ln]
    assert not console, console
    assert text.endswith("/ ok"), text
    return text.startswith("no:")


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (apt-get install -y chromium)")
def test_no_horizontal_overflow_at_400_and_1400_px_and_url_filters(inputs, tmp_path):
    out = tmp_path / "html"
    run_report([inputs["root"]], out)
    for page in (out / "index.html", out / "claims" / "beta-refuted.html", out / "claims" / "delta-identity.html"):
        for width in (400, 1400):
            assert no_overflow_at(page, width, tmp_path), (page.name, width)
    # filter state read from the URL: a verdict and two search words (one in the quote, one in the id)
    url = (out / "index.html").as_uri() + "#verdict=supported&q=bold%20beta"
    dom = chromium(["--dump-dom", url], tmp_path / "profile").stdout
    assert "showing 1 of 4" in dom
    url = (out / "index.html").as_uri() + "#q=bold%20alpha"          # words must all match
    assert "showing 0 of 4" in chromium(["--dump-dom", url], tmp_path / "profile").stdout


# ------------------------------------------------------------------------------ what the index opens with
def built(tmp_path, results=None, **kw) -> tuple[str, Path]:
    out = tmp_path / "out"
    index = build_report(results if results is not None else standard_set(), [], [], out, **kw)
    return index.read_text(), out


def test_findings_come_first_and_name_the_refuted_claims(tmp_path):
    text, _ = built(tmp_path)
    f = text.index('id="findings"')
    assert f < text.index('id="documents"') < text.index('id="index"') < text.index('id="grid"')
    findings = text[f:text.index('id="documents"')]
    assert "1 refuted" in findings and 'href="claims/beta-refuted.html"' in findings
    assert "0 verdict flips" in findings and "0 drifted" in findings


def test_flips_and_drift_between_environments_are_findings(tmp_path):
    old, new = standard_set("torch-2.12.0-cpu"), standard_set("torch-2.13.0-cpu")
    a, b = paired_values(16, 0.10, seed=9)
    new[1] = make_result("beta-refuted", a=a, b=b, env_key="torch-2.13.0-cpu", expect="refuted")   # flips
    a, b = paired_values(16, 0.30, seed=1)
    new[0] = make_result("alpha-supported", a=a, b=b, env_key="torch-2.13.0-cpu")                  # drifts
    text, _ = built(tmp_path, old + new)
    findings = text[text.index('id="findings"'):text.index('id="documents"')]
    assert "1 verdict flip</b>" in findings and "refuted → supported" in findings
    assert "1 drifted" in findings and "alpha-supported" in findings.split("drifted")[1]


def test_one_row_per_document_with_its_title_and_counts(tmp_path):
    text, _ = built(tmp_path)
    docs = text[text.index('id="documents"'):text.index('id="claims"')]
    assert "A deep understanding of deep learning: FFNs on MNIST" in docs      # 002's title, not only its hash name
    row = re.search(r"FFNs on MNIST.*?</tr>", docs, re.S).group(0)
    assert re.findall(r'data-label="(\w[\w ]*)">(\d+)<', row)[:2] == [("supported", "0"), ("refuted", "1")]


def test_index_rows_say_what_was_needed_measured_and_why(tmp_path):
    text, _ = built(tmp_path)
    row = re.search(r'<tr data-id="alpha-supported".*?</tr>', text, re.S).group(0)
    assert "fast − slow ≥ δ = 0.02" in row and "needed at least +0.02, measured +" in row
    assert "supported (p = " in row and "the mean reaches δ" in row
    row = re.search(r'<tr data-id="beta-refuted".*?</tr>', text, re.S).group(0)
    assert "refuted (p refute = " in row and "short of δ" in row


def test_claim_page_opens_with_a_plain_sentence(tmp_path):
    _, out = built(tmp_path)
    page = (out / "claims" / "alpha-supported.html").read_text()
    m = re.search(r'<p class="sentence supported" id="sentence">(.*?)</p>', page)
    assert m and re.match(r"Needed at least \+0\.02, measured \+[0-9.]+ \[\+[0-9.]+, \+[0-9.]+\]: supported", m.group(1))
    assert page.index('id="sentence"') < page.index("What the documents say")
    ident = (out / "claims" / "delta-identity.html").read_text()
    assert "Needed every per-case error ≤ 1.000e-10, measured max error" in ident


def test_sort_filter_search_and_url_state_are_on_the_index(tmp_path):
    text, _ = built(tmp_path)
    assert len(re.findall(r'<th[^>]* data-sort="', text)) >= 5
    for fid in ("f-verdict", "f-topic", "f-doc", "f-text", "f-flips"):
        assert f'id="{fid}"' in text
    assert "replaceState" in text and "location.hash" in text and "split(/\\s+/)" in text
    assert 'class="gridwrap"' in text                       # the sticky-header grid container
    data = json.loads(re.search(r'<script type="application/json" id="claims-data">(.*?)</script>', text, re.S).group(1))
    beta = next(d for d in data if d["id"] == "beta-refuted")
    assert "some section" in beta["search"] and "ffns on mnist" in beta["search"]   # sections and document titles


def test_provenance_on_the_index(tmp_path):
    rs = standard_set()
    rs[0]["git"] = {"commit": "f00dfeedbeef0000", "dirty": True}
    text, _ = built(tmp_path, rs)
    prov = text[text.index('id="provenance"'):text.index('id="findings"')]
    assert "<code>f00dfeedbeef</code> (dirty tree) ×1" in prov and "abc123" in prov and "Generated 20" in prov


def test_declared_claims_without_a_result_are_listed_as_not_run(tmp_path):
    declared = [{"id": "alpha-supported", "statement": "s", "requires": {}, "documents": [], "sources": []},
                {"id": "needs-full", "statement": "Needs the 60k set.", "requires": {"ci": "needs 60,000 images"},
                 "documents": ["001_21bdbe3614939729.txt"],
                 "sources": [{"document": "001_21bdbe3614939729.txt", "title": "T", "section": "S", "lines": [1, 2]}]},
                {"id": "just-missing", "statement": "Never ran.", "requires": {"full": "x"}, "documents": [],
                 "sources": []}]
    text, _ = built(tmp_path, declared=declared)
    section = text[text.index('id="not-run"'):text.index('id="grid"')]
    assert 'data-not-run="needs-full"' in section and "not run: ci profile: needs 60,000 images" in section
    assert 'data-not-run="just-missing"' in section and "no result in this set" in section
    assert 'data-not-run="alpha-supported"' not in section
    assert "2 not run" in text[text.index('id="findings"'):]


def test_not_run_outside_a_checkout_says_so_in_one_line(tmp_path):
    declared, note = declared_claims(tmp_path / "no-claims-here")
    assert declared is None and "could not be listed" in note and "\n" not in note
    text, _ = built(tmp_path, declared=None, declared_note=note)
    assert "could not be listed" in text[text.index('id="not-run"'):]


def test_every_real_declaration_without_a_baseline_result_is_listed_as_not_run(tmp_path):
    from harness.reporting.report import not_run
    declared, note = declared_claims()
    assert declared and not note
    base = Path(outdir.REPO_ROOT) / "reports" / "baselines" / "torch-2.13.0-cpu" / "ci"
    have = {p.stem for p in base.glob("*.json")}
    by_claim = {cid: [{"profile": "ci"}] for cid in have}
    listed = {m["id"] for m in not_run(declared, by_claim)}
    assert listed == {d["id"] for d in declared} - have


def error_result():
    r = make_result("broken-data", a=[0.1] * 12, b=[0.0] * 12, expect="supported")
    r["summary"] = {"verdict": "error", "n": 0}
    r["error"] = {"type": "DataError", "message": "data/mnist/train.csv missing. Fix: restore data/ from git"}
    r["arms"] = {}
    r["_path"] = "reports/results/torch-2.13.0-cpu/ci/broken-data.json"
    return r


def test_error_results_are_error_rows_and_findings_never_verdicts(tmp_path):
    rs = standard_set() + [error_result()]
    text, out = built(tmp_path, rs)
    findings = text[text.index('id="findings"'):text.index('id="documents"')]
    assert "ERROR" in findings and "broken-data.json" in findings and "Fix: restore data/ from git" in findings
    assert '<div class="count error"><b>1</b>error</div>' in findings
    n_supported = sum(r["summary"]["verdict"] == "supported" for r in standard_set())
    assert f'<div class="count supported"><b>{n_supported}</b>supported</div>' in findings   # error not a verdict
    row = re.search(r'<tr data-id="broken-data".*?</tr>', text, re.S).group(0)
    assert "badge error" in row and "DataError: data/mnist/train.csv missing" in row
    page = (out / "claims" / "broken-data.html").read_text()
    assert "ERROR" in page and "Could not run: DataError" in page


# ------------------------------------------------------------------------------ plots
def test_plots_label_their_axes_and_mark_a_zero_tolerance(tmp_path):
    rs = standard_set()
    rs[3] = make_result("delta-identity", errors=[0.0, 0.0, 1e-17], tolerance=0.0, topic="numerics")
    _, out = built(tmp_path, rs)
    page = (out / "claims" / "alpha-supported.html").read_text()
    assert "rotate(-90)" in page and "test accuracy (fraction)" in page.split("<svg", 1)[1]
    ident = (out / "claims" / "delta-identity.html").read_text()
    assert "tolerance 0</text>" in ident and "per-case absolute error, log scale" in ident
    ticks = re.findall(r">1e(-?[0-9.]+)</text>", ident)
    assert ticks and all(re.fullmatch(r"-?[0-9]+", t) for t in ticks), ticks   # whole-number log ticks


# ------------------------------------------------------------------------------ output safety
def report_cli(capsys, *args) -> tuple[int, str]:
    rc = cli_main(["report", *map(str, args)])
    return rc, capsys.readouterr().err


def test_empty_output_is_refused(inputs, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, err = report_cli(capsys, inputs["root"], "-o", "")
    assert rc == 2 and "output path (-o) is empty" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "index.html").exists() and not (tmp_path / "claims").exists()


def test_output_that_is_a_file_is_refused(inputs, capsys, tmp_path):
    f = tmp_path / "report.html"
    f.write_text("mine")
    rc, err = report_cli(capsys, inputs["root"], "-o", f)
    assert rc == 2 and "is a file" in err and f.read_text() == "mine"


@pytest.mark.parametrize("where", ["", "claims", "harness", "fixtures", "tests/x", "docs"])
def test_output_in_the_source_tree_is_refused(inputs, capsys, where):
    target = outdir.REPO_ROOT / where
    before = sorted(p.name for p in target.iterdir()) if target.is_dir() else None
    rc, err = report_cli(capsys, inputs["root"], "-o", target)
    assert rc == 2 and "refusing to write the report there" in err
    assert (sorted(p.name for p in target.iterdir()) if target.is_dir() else None) == before


def test_the_normal_output_folder_is_allowed():
    assert outdir.check_output_dir(outdir.REPO_ROOT / "reports" / "html-test-check", "report", MARKER)


def test_an_unrelated_folder_is_refused_not_replaced(inputs, capsys, tmp_path):
    d = tmp_path / "mine"
    d.mkdir()
    (d / "thesis.tex").write_text("keep")
    rc, err = report_cli(capsys, inputs["root"], "-o", d)
    assert rc == 2 and "does not hold an earlier report" in err
    assert [p.name for p in d.iterdir()] == ["thesis.tex"]


def test_a_previous_report_is_replaced_whole(inputs, tmp_path):
    out = tmp_path / "html"
    assert run_report([inputs["root"]], out) == UNREADABLE
    (out / "claims" / "stale-claim.html").write_text("from an older run")
    assert run_report([inputs["root"]], out) == UNREADABLE
    assert not (out / "claims" / "stale-claim.html").exists() and (out / MARKER).is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".html")] == []     # no temp folders left


def test_a_crash_mid_build_leaves_the_previous_report_intact(inputs, tmp_path, monkeypatch):
    out = tmp_path / "html"
    assert run_report([inputs["root"]], out) == UNREADABLE
    before = snapshot(out)
    import harness.reporting.report as rep
    real = rep.claim_page

    def crash(cid, rs, *rest):
        if cid == "gamma-noisy":
            raise RuntimeError("simulated crash while rendering")
        return real(cid, rs, *rest)
    monkeypatch.setattr(rep, "claim_page", crash)
    with pytest.raises(RuntimeError, match="simulated crash"):
        run_report([inputs["root"]], out)
    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".html")] == []


def test_disk_and_permission_errors_are_one_line_exit_2(inputs, capsys, tmp_path, monkeypatch):
    import harness.reporting.report as rep

    def full(*a, **k):
        raise OSError(28, "No space left on device", "index.html")
    monkeypatch.setattr(rep, "index_page", full)
    rc, err = report_cli(capsys, inputs["root"], "-o", tmp_path / "html")
    assert rc == 2 and "No space left on device" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "html").exists()


def test_contrasted_claims_are_shown_side_by_side_on_both_pages(tmp_path):
    results = standard_set()
    a, b = paired_values(16, 0.10, seed=9)
    other = make_result("beta-refuted", a=a, b=b, expect="refuted", document="004_2947cf972490c874.txt",
                        quote="Dropout is very effective.")
    other["claim"]["contrasts"] = {"alpha-supported": "004 says dropout always helps; 001 says it hurts small models"}
    results = [r for r in results if r["claim"]["id"] != "beta-refuted"] + [other]
    _, out = built(tmp_path, results)
    for cid, partner in (("beta-refuted", "alpha-supported"), ("alpha-supported", "beta-refuted")):
        page = (out / "claims" / f"{cid}.html").read_text()
        section = page[page.index("Where the documents disagree"):page.index("<h2>Design")]
        assert f'href="../claims/{partner}.html"' in section, cid
        assert "004 says dropout always helps" in section and "Dropout is very effective." in section
    plain = (out / "claims" / "delta-identity.html").read_text()
    assert "Where the documents disagree" not in plain
