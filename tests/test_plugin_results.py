"""The plugin end to end on tiny claims: result files, summaries, errors that keep stored results."""
import json
import shutil
import textwrap
from pathlib import Path

import pytest

from harness.results import ResultFileError, load_result, load_results, write_result

pytest_plugins = ["pytester"]

REPO = Path(__file__).resolve().parents[1]

TINY_CLAIMS = '''
import numpy as np
import fixtures
from harness.claim import Claim, Kind, Source, Verdict

SRC = Source("001_21bdbe3614939729.txt", "test", (1, 2), "a quote")

def shifted(ctx):
    rng = [ctx.rng(s, "noise") for s in ctx.seeds]
    a = np.array([r.normal() for r in rng])
    return {"a": a + 1.0, "b": a, "raw": a}

def needs_wine(ctx):
    ds = ctx.data(fixtures.wine_red)
    return {"a": [float(ds.X.shape[0])] * len(ctx.seeds), "b": [0.0] * len(ctx.seeds)}

SHIFT = Claim(id="tiny-shift", statement="a exceeds b by one", sources=(SRC,), kind=Kind.COMPARATIVE,
              topic="tests", metric="value", arms=("a", "b"), direction="greater", delta=0.5,
              experiment=shifted, sizes={p: {"seeds": (12,)} for p in ("smoke", "ci", "full")},
              expect=Verdict.%(expect)s, expect_reason="planted effect of 1")

WINE = Claim(id="tiny-wine", statement="reads wine", sources=(SRC,), kind=Kind.COMPARATIVE,
             topic="tests", metric="rows", arms=("a", "b"), direction="greater", delta=1.0,
             experiment=needs_wine, sizes={p: {"seeds": (12,)} for p in ("smoke", "ci", "full")},
             expect=Verdict.SUPPORTED, expect_reason="1599 rows > 0")
'''


@pytest.fixture
def project(pytester, monkeypatch):
    """A throwaway claims project that uses this repository's plugin."""
    pytester.makeconftest('pytest_plugins = ["harness.plugin"]')
    pytester.makeini("[pytest]\npython_files = test_*.py\n")
    monkeypatch.delenv("CLAIMS_DATA_DIR", raising=False)
    return pytester


def write_claims(project, expect="SUPPORTED"):
    project.makepyfile(test_tiny=TINY_CLAIMS % {"expect": expect})


def real_data_dir():
    d = REPO.parent / "shared" / "data"
    if not d.is_dir():
        pytest.skip("shared data directory not found beside the repository")
    return d


def test_run_writes_one_result_per_claim_with_raw_values(project):
    write_claims(project)
    results = project.path / "results"
    out = project.runpytest(f"--claims-results-dir={results}", "-k", "tiny-shift")
    out.assert_outcomes(passed=1)
    files = list(results.rglob("tiny-shift.json"))
    assert len(files) == 1 and files[0].parent.name == "ci"
    r = load_result(files[0])
    assert r["summary"]["verdict"] == "supported"
    assert len(r["arms"]["a"]) == len(r["arms"]["b"]) == len(r["seeds"]["values"]) == 12
    assert len(r["extra"]["raw"]) == 12
    assert r["environment"]["determinism"]["use_deterministic_algorithms"] is True
    out.stdout.fnmatch_lines(["*claims (ci profile*", "*tiny-shift*SUPPORTED*"])


def test_same_seed_same_numbers_other_seed_family_differs(project):
    write_claims(project)
    vals = []
    for seed in (1, 1, 2):
        d = project.path / f"r{len(vals)}"
        project.runpytest(f"--claims-results-dir={d}", f"--claims-seed={seed}", "-k", "tiny-shift")
        vals.append(load_result(next(d.rglob("tiny-shift.json")))["arms"]["b"])
    assert vals[0] == vals[1]
    assert vals[0] != vals[2]


def test_verdict_change_fails_with_old_and_new_side_by_side(project):
    write_claims(project, expect="REFUTED")
    out = project.runpytest(f"--claims-results-dir={project.path / 'r'}", "-k", "tiny-shift")
    out.assert_outcomes(failed=1)
    out.stdout.fnmatch_lines(["*verdict changed: pinned refuted*measured supported*", "*reproduce: pytest*"])


def test_missing_data_is_a_clear_error_and_keeps_stored_results(project, tmp_path):
    write_claims(project)
    results = project.path / "results"
    good = real_data_dir()
    project.runpytest(f"--claims-results-dir={results}", f"--claims-data-dir={good}").assert_outcomes(passed=2)
    stored = next(results.rglob("tiny-wine.json"))
    before = stored.read_bytes()

    empty = tmp_path / "empty"
    empty.mkdir()
    out = project.runpytest(f"--claims-results-dir={results}", f"--claims-data-dir={empty}", "-k", "tiny-wine")
    out.assert_outcomes(failed=1)
    out.stdout.fnmatch_lines(["*DataError*winequality-red.csv*"])
    assert stored.read_bytes() == before


def test_corrupt_data_is_a_clear_error_and_keeps_stored_results(project, tmp_path):
    write_claims(project)
    results = project.path / "results"
    good = real_data_dir()
    project.runpytest(f"--claims-results-dir={results}", f"--claims-data-dir={good}", "-k", "tiny-wine")
    stored = next(results.rglob("tiny-wine.json"))
    before = stored.read_bytes()

    bad = tmp_path / "bad"
    (bad / "uci").mkdir(parents=True)
    data = bytearray((good / "uci" / "winequality-red.csv").read_bytes())
    data[100] ^= 0xFF
    (bad / "uci" / "winequality-red.csv").write_bytes(bytes(data))
    out = project.runpytest(f"--claims-results-dir={results}", f"--claims-data-dir={bad}", "-k", "tiny-wine")
    out.assert_outcomes(failed=1)
    out.stdout.fnmatch_lines(["*DataError*winequality-red.csv*sha256*"])
    assert stored.read_bytes() == before


def test_bad_options_are_usage_errors(project):
    write_claims(project)
    assert project.runpytest("--claims-shard=3/2").ret == pytest.ExitCode.USAGE_ERROR
    assert project.runpytest("--claims-profile=huge").ret == pytest.ExitCode.USAGE_ERROR
    assert project.runpytest("--claims-baseline=/no/such/dir").ret == pytest.ExitCode.USAGE_ERROR


def test_shards_partition_the_claims(project):
    write_claims(project)
    seen = []
    for i in (1, 2):
        out = project.runpytest("--collect-only", "-q", f"--claims-shard={i}/2")
        seen += [line for line in out.stdout.lines if "::" in line]
    assert sorted(seen) == sorted(set(seen)) and len(seen) == 2


# ------------------------------------------------------------------ result files
def minimal_result(**overrides):
    r = {"schema": "claims-result", "schema_version": 1, "claim": {"id": "x"}, "profile": "ci",
         "env_key": "torch-0-cpu", "environment": {}, "config": {}, "seeds": {"indices": [0], "values": [1]},
         "arms": {"a": [1.0], "b": [float("nan")]}, "summary": {"verdict": "supported"}, "timing": {}}
    r.update(overrides)
    return r


def test_write_is_atomic_and_lossless(tmp_path):
    path = write_result(minimal_result(), tmp_path)
    assert path == tmp_path / "torch-0-cpu" / "ci" / "x.json"
    assert load_result(path)["arms"]["b"] == ["nan"]
    assert [p.name for p in path.parent.iterdir()] == ["x.json"]       # no temp files left


def test_invalid_result_is_not_written_and_old_file_survives(tmp_path):
    path = write_result(minimal_result(), tmp_path)
    before = path.read_bytes()
    with pytest.raises(ResultFileError):
        write_result(minimal_result(summary={"verdict": "maybe"}), tmp_path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("content,match", [
    ('{"schema": "claims-result"', "not valid JSON"),
    ('[1, 2]', "not a claims result"),
    ('{"schema": "other"}', "not a claims result file"),
    ('{"schema": "claims-result", "schema_version": 99}', "schema_version 99"),
    ('{"schema": "claims-result", "schema_version": 1}', "missing keys"),
])
def test_malformed_result_files_name_the_file(tmp_path, content, match):
    p = tmp_path / "bad.json"
    p.write_text(content)
    with pytest.raises(ResultFileError, match=match) as e:
        load_result(p)
    assert str(p) in str(e.value)
    good, bad = load_results([tmp_path])
    assert not good and len(bad) == 1
    assert p.read_text() == content


def test_smoke_profile_does_not_pin_verdicts(project):
    write_claims(project, expect="REFUTED")
    out = project.runpytest(f"--claims-results-dir={project.path / 'r'}", "--claims-profile=smoke", "-k", "tiny-shift")
    out.assert_outcomes(passed=1)
    r = load_result(next((project.path / "r").rglob("tiny-shift.json")))
    assert r["expected"] is None and r["matches_expectation"] is None
