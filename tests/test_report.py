"""`claims report`: every claim, verdict, CI and quote on the page; bad files listed, never changed;
the page renders in a headless browser without script errors and without network."""
from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from harness.report import STATUS_ATTR, build_report, main_report
from harness.resultset import ci, fmt
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


def run_report(paths, out) -> int:
    return main_report(argparse.Namespace(results=[str(p) for p in paths], output=str(out)))


def test_report_shows_every_claim_verdict_ci_and_quote(inputs, tmp_path, capsys):
    watched = (inputs["root"], inputs["tmp"] / "benchmarks")
    before = snapshot(*watched)
    out = tmp_path / "html"
    assert run_report([inputs["root"]], out) == 0
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
        row = re.search(rf'<tr data-id="{re.escape(r["claim"]["id"])}">(.*?)</tr>', index, re.S).group(1)
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
    assert run_report([inputs["root"]], out) == 0
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
    shot = artifacts / "claims-report-generated-index.png"
    res = chromium([f"--screenshot={shot}", "--window-size=1400,2400", (out / "index.html").as_uri()],
                   tmp_path / "profile")
    assert res.returncode == 0 and shot.exists() and shot.stat().st_size > 10_000, res.stderr[-2000:]
