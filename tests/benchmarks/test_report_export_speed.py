"""Report and export of 2,000 result files: under 30 s and 1 GB each (issue 7, item 8).

The files are the committed baseline (reports/baselines/torch-2.13.0-cpu/ci, about 200 real results,
identity claims with up to a million per-case errors included) copied into ten environments
(torch-2.13.0 ... torch-2.13.9 on CPU), so every claim has ten results, as after ten machines or
torch versions were merged. Each command runs in a fresh Python process (imports included in the
time) that reports its own peak resident memory (ru_maxrss)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BASELINE = REPO / "reports" / "baselines" / "torch-2.13.0-cpu" / "ci"
N_FILES = 2000
LIMIT_S, LIMIT_BYTES = 30.0, 1 << 30


@pytest.fixture(scope="module")
def many_results(tmp_path_factory) -> Path:
    src = sorted(BASELINE.glob("*.json"))
    if not src:
        pytest.skip(f"no baseline result files under {BASELINE}")
    root = tmp_path_factory.mktemp("many") / "results"
    n = 0
    for k in range(10):
        env = f"torch-2.13.{k}-cpu"
        d = root / env / "ci"
        d.mkdir(parents=True)
        for p in src:
            if n >= N_FILES:
                break
            text = p.read_text().replace('"env_key": "torch-2.13.0-cpu"', f'"env_key": "{env}"') \
                                .replace('"torch": "2.13.0"', f'"torch": "2.13.{k}"')
            (d / p.name).write_text(text)
            n += 1
    assert n == N_FILES
    return root


def run_measured(args: list[str]) -> dict:
    code = ("import resource, sys, time\nfrom harness.cli import main\nt = time.perf_counter()\n"
            f"rc = main({args!r})\n"
            "print('MEASURED', rc, time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)")
    res = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=600)
    line = next((ln for ln in res.stdout.splitlines() if ln.startswith("MEASURED")), None)
    assert line, res.stdout[-2000:] + res.stderr[-2000:]
    _, rc, secs, rss = line.split()
    return {"rc": int(rc), "seconds_in_command": float(secs), "peak_rss_bytes": int(rss)}


@pytest.mark.parametrize("command", ["export-csv", "export-parquet", "report"])
def test_2000_result_files_within_30_s_and_1_gb(benchmark, many_results, tmp_path, command):
    if command == "export-parquet":
        pytest.importorskip("pyarrow")
    out = tmp_path / "out"
    args = (["report", str(many_results), "-o", str(out)] if command == "report" else
            ["export", str(many_results), "--format", command.split("-")[1], "-o", str(out)])
    measured = benchmark.pedantic(run_measured, args=(args,), rounds=1, iterations=1)
    benchmark.extra_info.update(measured, files=N_FILES, command=command)
    assert measured["rc"] == 0
    assert benchmark.stats.stats.max < LIMIT_S, f"{command}: {benchmark.stats.stats.max:.1f} s for {N_FILES} files"
    assert measured["peak_rss_bytes"] < LIMIT_BYTES, f"{command}: peak {measured['peak_rss_bytes'] / 2**20:.0f} MiB"
    if command == "report":
        assert len(list((out / "claims").glob("*.html"))) == len(list(BASELINE.glob("*.json")))
    else:
        fmt = command.split("-")[1]
        assert (out / f"claims.{fmt}").stat().st_size > 0 and (out / f"seeds.{fmt}").stat().st_size > 0
