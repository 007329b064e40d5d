"""The plugin end to end on tiny claims: result files, summaries, errors that keep stored results."""
import json
import shutil
import textwrap
from pathlib import Path

import pytest

from harness.declaring.claim import Claim, Kind, Source, Verdict
from harness.storing.results import ResultFileError, load_result, load_results, write_result
from results_factory import make_result

pytest_plugins = ["pytester"]

REPO = Path(__file__).resolve().parents[1]

TINY_CLAIMS = '''
import numpy as np
import fixtures
from harness.declaring.claim import Claim, Kind, Source, Verdict

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
    pytester.makeconftest('pytest_plugins = ["harness.running.plugin"]')
    pytester.makeini("[pytest]\npython_files = test_*.py\n")
    # The plugin exports --claims-data-dir as CLAIMS_DATA_DIR in this (in-process) run; setenv first
    # so that monkeypatch restores the variable's absence afterwards (delenv of an unset variable
    # records nothing, and the value would leak into later tests of this worker).
    monkeypatch.setenv("CLAIMS_DATA_DIR", "")
    monkeypatch.delenv("CLAIMS_DATA_DIR")
    return pytester


def write_claims(project, expect="SUPPORTED"):
    project.makepyfile(test_tiny=TINY_CLAIMS % {"expect": expect})


def real_data_dir():
    """The data the repository ships (data/); its absence is a failure, never a skip."""
    d = REPO / "data"
    assert d.is_dir(), f"{d} is missing: the repository ships its data (git checkout -- data)"
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
    one_seed = {"verdict": "inconclusive", "estimate": None, "ci": [None, None], "n": 1, "test": "t"}
    r = make_result("x", a=[1.0], b=[float("nan")], env_key="torch-0-cpu", summary=one_seed)
    r.update(overrides)
    return r


def test_write_is_atomic_and_lossless(tmp_path):
    path = write_result(minimal_result(), tmp_path)
    assert path == tmp_path / "torch-0-cpu" / "ci" / "x.json"
    assert load_result(path)["arms"]["slow"] == ["nan"]
    assert [p.name for p in path.parent.iterdir()] == ["x.json"]       # no temp files left


def test_invalid_result_is_not_written_and_old_file_survives(tmp_path):
    path = write_result(minimal_result(), tmp_path)
    before = path.read_bytes()
    with pytest.raises(ResultFileError):
        write_result(minimal_result(summary={"verdict": "maybe", "n": 1}), tmp_path)
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


def test_unmeasured_profile_records_its_verdict_and_never_fails(project, monkeypatch):
    """A profile declared unmeasured pins nothing: a verdict opposite to `expect` still passes there,
    and fails in a profile that is pinned."""
    src = TINY_CLAIMS.replace('expect_reason="planted effect of 1")',
                              'expect_reason="planted effect of 1", unmeasured={"ci": "not run here yet"})', 1)
    project.makepyfile(test_tiny=src % {"expect": "REFUTED"})
    out = project.runpytest(f"--claims-results-dir={project.path / 'r'}", "-k", "tiny-shift")
    out.assert_outcomes(passed=1)
    r = load_result(next((project.path / "r").rglob("tiny-shift.json")))
    assert r["summary"]["verdict"] == "supported" and r["expected"] is None and r["matches_expectation"] is None
    import harness.running.runner
    monkeypatch.setattr(harness.running.runner, "committed_result_exists", lambda cid, profile, root=None: True)
    out = project.runpytest(f"--claims-results-dir={project.path / 'r2'}", "--claims-profile=full", "-k", "tiny-shift")
    out.assert_outcomes(failed=1)


def test_full_pin_without_a_committed_full_result_is_not_yet_measured(project):
    """A verdict pinned for full needs a committed full result; until then the run is recorded as not
    yet measured and never fails (tiny-shift has no committed result)."""
    write_claims(project, expect="REFUTED")
    out = project.runpytest(f"--claims-results-dir={project.path / 'r'}", "--claims-profile=full", "-k", "tiny-shift")
    out.assert_outcomes(passed=1)
    r = load_result(next((project.path / "r").rglob("tiny-shift.json")))
    assert r["expected"] is None and r["matches_expectation"] is None
    assert r["pin_note"].startswith("not yet measured") and "refuted" in r["pin_note"]
    out = project.runpytest(f"--claims-results-dir={project.path / 'r3'}", "-k", "tiny-shift")   # ci stays pinned
    out.assert_outcomes(failed=1)


def test_claim_declarations_refuse_bad_links_and_unmeasured_profiles():
    base = dict(id="x-claim", statement="s", sources=(Source("001_21bdbe3614939729.txt", "t", (1, 2), "q"),),
                kind=Kind.COMPARATIVE, topic="t", metric="m", experiment=lambda ctx: {},
                expect=Verdict.SUPPORTED, expect_reason="r", sizes={p: {"seeds": (12,)} for p in ("smoke", "ci", "full")})
    Claim(**base, contrasts={"other-claim": "why"}, unmeasured={"full": "needs a GPU"})
    for bad in ({"contrasts": {"x-claim": "itself"}}, {"contrasts": {"other-claim": " "}},
                {"contrasts": {"Not A Slug": "why"}}, {"unmeasured": {"smoke": "why"}},
                {"unmeasured": {"full": "why"}, "expect_profiles": {"full": Verdict.REFUTED}}):
        with pytest.raises(ValueError):
            Claim(**base, **bad)


# ------------------------------------------------------------------ data errors as one-line outcomes
def test_data_error_is_a_one_line_error_outcome_beside_the_stored_result(project, tmp_path):
    write_claims(project)
    results = project.path / "results"
    project.runpytest(f"--claims-results-dir={results}", f"--claims-data-dir={real_data_dir()}",
                      "-k", "tiny-wine").assert_outcomes(passed=1)
    stored = next(results.rglob("tiny-wine.json"))
    before = stored.read_bytes()
    empty = tmp_path / "empty"
    empty.mkdir()
    out = project.runpytest(f"--claims-results-dir={results}", f"--claims-data-dir={empty}")
    out.assert_outcomes(failed=1, passed=1)
    text = out.stdout.str()
    assert "Traceback" not in text and "fixtures/__init__.py" not in text      # no traceback
    failure = [line for line in out.outlines if line.startswith("ERROR tiny-wine: DataError:")]
    assert len(failure) == 1 and "winequality-red.csv" in failure[0] and "Fix:" in failure[0]
    assert f"the stored result {stored} (supported) is kept" in failure[0]
    out.stdout.fnmatch_lines(["*claims (ci profile*", "tiny-shift *SUPPORTED*",
                              "tiny-wine *ERROR*supported*DataError: *winequality-red.csv*Fix:*",
                              "*1 error, 1 supported*"])
    # the error outcome is a file of its own; the stored verdict is untouched
    assert stored.read_bytes() == before
    err = load_result(stored.with_name("tiny-wine.error.json"))
    assert err["summary"]["verdict"] == "error" and err["error"]["type"] == "DataError"
    assert "winequality-red.csv" in err["error"]["message"]
    assert err["error"]["previous"] == {"path": str(stored), "verdict": "supported",
                                        "finished": load_result(stored)["timing"]["finished"]}
    assert err["arms"] == {} and err["matches_expectation"] is False
    # a good run again: the error file goes, the result is rewritten
    project.runpytest(f"--claims-results-dir={results}", f"--claims-data-dir={real_data_dir()}",
                      "-k", "tiny-wine").assert_outcomes(passed=1)
    assert not stored.with_name("tiny-wine.error.json").exists() and stored.exists()


def test_other_exceptions_keep_their_traceback_and_write_nothing(project):
    project.makepyfile(test_bug='''
from harness.declaring.claim import Claim, Kind, Source, Verdict
def broken(ctx):
    return {"a": [1.0] * len(ctx.seeds), "b": undefined_name}
BUG = Claim(id="tiny-bug", statement="s", sources=(Source("001_21bdbe3614939729.txt", "t", (1, 2), "q"),),
            kind=Kind.COMPARATIVE, topic="tests", metric="v", arms=("a", "b"), direction="greater", delta=0.5,
            experiment=broken, sizes={p: {"seeds": (12,)} for p in ("smoke", "ci", "full")},
            expect=Verdict.SUPPORTED, expect_reason="r")
''')
    results = project.path / "results"
    out = project.runpytest(f"--claims-results-dir={results}")
    out.assert_outcomes(failed=1)
    out.stdout.fnmatch_lines(["*NameError*undefined_name*"])
    assert not list(results.rglob("*.json"))


def test_baseline_gate_in_pytest_fails_named_reasons(project, tmp_path):
    write_claims(project)
    results = project.path / "results"
    project.runpytest(f"--claims-results-dir={results}", "-k", "tiny-shift").assert_outcomes(passed=1)
    # the run's own results as the baseline: unchanged passes
    out = project.runpytest(f"--claims-results-dir={project.path / 'r2'}", f"--claims-baseline={results}",
                            "-k", "tiny-shift")
    out.assert_outcomes(passed=1)
    # a baseline folder with nothing for this claim: fails, naming the directory and the fix
    empty_base = tmp_path / "base"
    (empty_base / "torch-0.0.0-cpu" / "ci").mkdir(parents=True)
    out = project.runpytest(f"--claims-results-dir={project.path / 'r3'}", f"--claims-baseline={empty_base}",
                            "-k", "tiny-shift")
    out.assert_outcomes(failed=1)
    out.stdout.fnmatch_lines([f"*{empty_base} has no baseline for torch-*-cpu/ci*Fix: refresh the baseline*"])
    # an unreadable baseline file fails that claim
    f = next(results.rglob("tiny-shift.json"))
    f.write_text(f.read_text()[:100])
    out = project.runpytest(f"--claims-results-dir={project.path / 'r4'}", f"--claims-baseline={results}",
                            "-k", "tiny-shift")
    out.assert_outcomes(failed=1)
    out.stdout.fnmatch_lines(["*baseline file unreadable*tiny-shift.json*not valid JSON*"])


def test_shards_keep_modules_whole_and_balance_recorded_cost():
    from harness.running.sharding import assign
    modules = {"a.py": ["a1", "a2"], "b.py": ["b1"], "c.py": ["c1"], "d.py": ["d1", "d2", "d3"]}
    costs = {"a1": 50, "a2": 50, "b1": 60, "c1": 30, "d1": 10, "d2": 10, "d3": 10}
    where = assign(modules, costs, 2)
    loads = [sum(costs[c] for m, ids in modules.items() if where[m] == k for c in ids) for k in (0, 1)]
    assert sorted(loads) == [100, 120]                       # LPT: a (100) | b (60) + c (30) + d (30)
    assert where == assign(dict(reversed(list(modules.items()))), costs, 2)   # order-free
    assert set(assign(modules, {}, 3).values()) <= {0, 1, 2}                  # no costs: still whole modules


def test_recorded_costs_come_from_the_committed_baseline():
    from harness.running.sharding import recorded_costs
    costs = recorded_costs()
    assert len(costs) > 100 and all(v >= 0 for v in costs.values())


def test_every_module_sharing_the_mnist_recipe_cache_is_in_its_fit_group():
    """A module that imports the recipe's per-process cache but runs as its own unit would train the
    shared fits again on the other worker; the group list must name every such module."""
    from harness.running.sharding import SHARED_FIT_GROUPS, fit_group
    root = Path(__file__).resolve().parents[1]
    users = sorted(p.relative_to(root).as_posix() for p in (root / "claims").rglob("test_*.py")
                   if "fit_recipe" in p.read_text())
    assert users and set(users) == set(SHARED_FIT_GROUPS["mnist-recipe"])
    assert {fit_group(root / u) for u in users} == {"mnist-recipe"}
    assert fit_group("claims/votes/test_votes.py") == "claims/votes/test_votes.py"


def test_scheduler_sends_fit_groups_costliest_first(monkeypatch):
    """xdist's work queue, as harness.running.scheduling orders it: whole fit groups, by recorded cost."""
    from collections import OrderedDict
    import xdist.scheduler.loadscope as ls
    from harness.running.scheduling import FitGroupScheduling
    monkeypatch.setattr(ls.LoadScopeScheduling, "__init__", lambda self, config, log=None: None)
    sched = FitGroupScheduling(None, costs={"v1": 5.0, "n1": 100.0, "f1": 300.0, "l1": 200.0, "t1": 1.0})
    ids = ["claims/votes/test_votes.py::v1", "claims/mnist/test_normalization.py::n1",
           "claims/mnist/test_ffn_mnist.py::f1", "claims/numerics/test_log_softmax_mnist.py::l1",
           "claims/tuning/test_lr_batch.py::t1"]
    queue = OrderedDict()
    for nid in ids:
        queue.setdefault(sched._split_scope(nid), {})[nid] = False
    assert list(queue) == ["claims/votes/test_votes.py", "mnist-recipe", "claims/tuning/test_lr_batch.py"]
    sched.workqueue, sent = queue, []
    monkeypatch.setattr(ls.LoadScopeScheduling, "_assign_work_unit",
                        lambda self, node: sent.append(self.workqueue.popitem(last=False)[0]))
    for _ in range(3):
        sched._assign_work_unit(None)
    assert sent == ["mnist-recipe", "claims/votes/test_votes.py", "claims/tuning/test_lr_batch.py"]
    assert sched.unit_cost(["claims/x.py::unknown"]) == 100.0          # unknown: the median recorded
