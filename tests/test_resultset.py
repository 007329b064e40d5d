"""The streaming reader (resultset.iter_results) and collect() built on it."""
from __future__ import annotations

import inspect
import json

import pytest

from harness.storing.resultset import collect, iter_results
from results_factory import benchmark_file, standard_set, write_set


def test_iter_results_streams_one_file_at_a_time(tmp_path):
    paths = write_set(standard_set(), tmp_path / "r")
    (tmp_path / "r" / "broken.json").write_text('{"schema": "claims-res')
    it = iter_results([tmp_path / "r"])
    assert inspect.isgenerator(it)
    first = next(it)                               # nothing else has to be read to get the first
    rest = list(it)
    rows = [first] + rest
    good = [(p, r) for p, r, e in rows if r is not None]
    bad = [(p, e) for p, r, e in rows if r is None]
    assert sorted(p for p, _ in good) == sorted(paths)
    assert all(r["_path"] == str(p) for p, r in good)
    assert [p.name for p, _ in bad] == ["broken.json"]
    assert "broken.json" in bad[0][1] and "not valid JSON" in bad[0][1]


def test_iter_results_skips_benchmarks_and_collect_keeps_them(tmp_path):
    write_set(standard_set(), tmp_path / "results")
    benchmark_file(tmp_path / "results" / "bench" / "engine.json", {"mlp": 3.0})
    benchmark_file(tmp_path / "benchmarks" / "beside.json", {"mlp": 2.0})
    (tmp_path / "benchmarks" / "notes.json").write_text('{"not": "a benchmark"}')   # ignored beside
    rows = list(iter_results([tmp_path / "results"]))
    assert len(rows) == 4 and all(e is None for _, _, e in rows)
    rs = collect([tmp_path / "results"])
    assert len(rs.results) == 4 and len(rs.benchmarks) == 2 and rs.errors == []


def test_overlapping_inputs_are_read_once(tmp_path):
    write_set(standard_set(), tmp_path / "r")
    env = tmp_path / "r" / "torch-2.13.0-cpu"
    rows = list(iter_results([tmp_path / "r", env, next(env.rglob("*.json"))]))
    assert len(rows) == 4
    rows = list(iter_results([next(env.rglob("*.json")), env, tmp_path / "r"]))   # inner first
    assert len(rows) == 4 and len({p for p, _, _ in rows}) == 4


def test_missing_input_is_a_usage_error_before_anything_is_read(tmp_path):
    write_set(standard_set(), tmp_path / "r")
    with pytest.raises(FileNotFoundError, match="nope"):
        next(iter_results([tmp_path / "r", tmp_path / "nope"]))


def test_dedupe_names_an_error_outcome_that_hides_a_stored_verdict():
    from harness.storing.resultset import dedupe
    good = standard_set()[0]
    err = dict(good, summary={"verdict": "error", "n": 0}, _path="x.error.json")
    err["timing"] = dict(good["timing"], finished="2099-01-01T00:00:00+00:00")
    kept, warnings = dedupe([dict(good, _path="x.json"), err])
    assert kept == [err]
    assert len(warnings) == 1 and "is an error outcome" in warnings[0] and "stored supported result x.json" in warnings[0]


def test_iter_results_memory_does_not_grow_with_the_number_of_files(tmp_path):
    import copy
    import tracemalloc
    from harness.storing.results import write_result
    template = standard_set()[0]

    def peak_for(n: int) -> int:
        root = tmp_path / f"n{n}"
        for i in range(n):
            r = copy.deepcopy(template)
            r["claim"]["id"] = f"claim-{i:04d}"
            write_result(r, root)
        tracemalloc.start()
        count = sum(1 for _p, r, _e in iter_results([root]) if r is not None)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert count == n
        return peak
    small, large = peak_for(20), peak_for(160)
    print(f"iter_results peak memory: {small} B for 20 files, {large} B for 160")
    # What may grow is one directory's sorted name listing (a few hundred bytes a file, the price
    # of a deterministic order); never the results: one loaded result is far larger than that.
    per_file = (large - small) / 140
    one_result = len(json.dumps(template))
    assert per_file < 1024 and per_file < one_result / 4, (small, large, one_result)
