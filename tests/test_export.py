"""`claims export`: one row per claim x environment, a long per-seed table, streamed; CSV and
Parquet round-trip; the output path is checked and written safely."""
from __future__ import annotations

import argparse
import copy
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from harness.storing import outdir
from harness.cli import main as cli_main
from harness.storing.export import CLAIM_COLUMNS, MARKER, SEED_COLUMNS, claim_row, main_export, seed_rows, write_tables
from harness.storing.outdir import OutputError
from results_factory import make_result, paired_values, standard_set, write_set


@pytest.fixture
def result_dir(tmp_path):
    results = standard_set("torch-2.12.0-cpu") + standard_set("torch-2.13.0-cpu")
    write_set(results, tmp_path / "results")
    return tmp_path / "results", results


def export(paths, out, fmt):
    return main_export(argparse.Namespace(results=[str(p) for p in paths], format=fmt, output=str(out)))


def check_tables(claims: pd.DataFrame, seeds: pd.DataFrame, results):
    assert list(claims.columns) == CLAIM_COLUMNS and list(seeds.columns) == SEED_COLUMNS
    assert len(claims) == len(results)
    for r in results:
        row = claims[(claims.id == r["claim"]["id"]) & (claims.env_key == r["env_key"])]
        assert len(row) == 1
        row = row.iloc[0]
        assert row.verdict == r["summary"]["verdict"] and row.profile == r["profile"]
        assert row.torch == r["environment"]["torch"]
        est = r["summary"]["max_error"] if r["claim"]["kind"] == "identity" else r["summary"]["estimate"]
        assert row.estimate == pytest.approx(est)
        assert row.cpu_seconds == pytest.approx(r["timing"]["cpu_seconds"])
        assert r["claim"]["sources"][0]["document"] in row.sources
        for arm, values in r["arms"].items():
            s = seeds[(seeds.id == r["claim"]["id"]) & (seeds.env_key == r["env_key"]) & (seeds.arm == arm)]
            assert s.sort_values("position").value.tolist() == pytest.approx(values)
            if r["claim"]["kind"] != "identity":
                assert s.sort_values("position").seed.tolist() == r["seeds"]["values"]
    assert len(seeds) == sum(len(v) for r in results for v in r["arms"].values())


def read_csv_tables(out: Path):
    return (pd.read_csv(out / "claims.csv"),
            pd.read_csv(out / "seeds.csv", dtype={"seed": "Int64", "seed_index": "Int64"}))


def test_csv_round_trip(result_dir, tmp_path):
    root, results = result_dir
    assert export([root], tmp_path / "out", "csv") == 0
    check_tables(*read_csv_tables(tmp_path / "out"), results)


def test_parquet_round_trip_is_exact_and_equals_the_csv(result_dir, tmp_path):
    pytest.importorskip("pyarrow")
    root, results = result_dir
    assert export([root], tmp_path / "pq", "parquet") == 0
    claims = pd.read_parquet(tmp_path / "pq" / "claims.parquet")
    seeds = pd.read_parquet(tmp_path / "pq" / "seeds.parquet")
    check_tables(claims, seeds, results)
    assert export([root], tmp_path / "csv", "csv") == 0
    c2, s2 = read_csv_tables(tmp_path / "csv")
    pd.testing.assert_frame_equal(seeds, s2, check_dtype=False)
    assert claims.estimate.tolist() == pytest.approx(c2.estimate.tolist(), nan_ok=True)   # exact repr round trip
    assert (claims.estimate.fillna(-1) == c2.estimate.fillna(-1)).all()


def test_streamed_rows_equal_the_per_result_rows(result_dir, tmp_path):
    """The fast CSV writer writes the same rows as seed_rows() (the reference, one dict per value)."""
    root, results = result_dir
    assert export([root], tmp_path / "out", "csv") == 0
    _, seeds = read_csv_tables(tmp_path / "out")
    want = pd.DataFrame([row for r in sorted(results, key=lambda r: (r["env_key"], r["claim"]["id"]))
                         for row in seed_rows(r)], columns=SEED_COLUMNS)
    got = seeds.sort_values(["env_key", "id", "role", "arm", "position"]).reset_index(drop=True)
    want = want.sort_values(["env_key", "id", "role", "arm", "position"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


def test_odd_names_are_quoted_in_the_csv(tmp_path):
    a, b = paired_values(12, 0.1, seed=4)
    r = make_result("odd-names", a=a, b=b)
    r["arms"] = {'arm, "one"': a, "two\nlines": b}
    r["claim"]["arms"] = list(r["arms"])
    write_set([r], tmp_path / "in")
    assert export([tmp_path / "in"], tmp_path / "out", "csv") == 0
    _, seeds = read_csv_tables(tmp_path / "out")
    assert set(seeds.arm) == {'arm, "one"', "two\nlines"} and len(seeds) == 24


def test_bad_files_are_named_and_skipped(result_dir, tmp_path, capsys):
    root, results = result_dir
    bad = root / "torch-2.13.0-cpu" / "ci" / "cut.json"
    bad.write_text('{"schema": "claims-result", "sch')
    before = bad.read_bytes()
    assert export([root], tmp_path / "out", "csv") == 2     # the rest is exported; unreadable input is exit 2
    assert "cut.json" in capsys.readouterr().err
    assert bad.read_bytes() == before
    assert len(pd.read_csv(tmp_path / "out" / "claims.csv")) == len(results)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_duplicates_keep_the_newer_result_and_drop_the_older_rows(tmp_path, capsys, fmt):
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    old = standard_set()
    newer = copy.deepcopy(old[0])
    newer["timing"]["finished"] = "2026-12-01T00:00:00+00:00"
    newer["arms"]["fast"] = [v + 1.0 for v in newer["arms"]["fast"]]
    write_set(old, tmp_path / "a")
    write_set([newer], tmp_path / "b")
    # the older copy is read first (a), then the newer (b): the rows already written are filtered out
    assert export([tmp_path / "a", tmp_path / "b"], tmp_path / "out", fmt) == 0
    assert "duplicate result for alpha-supported" in capsys.readouterr().err
    read = pd.read_csv if fmt == "csv" else pd.read_parquet
    claims = read(tmp_path / "out" / f"claims.{fmt}")
    seeds = read(tmp_path / "out" / f"seeds.{fmt}")
    assert len(claims) == len(old) and (claims.id == "alpha-supported").sum() == 1
    fast = seeds[(seeds.id == "alpha-supported") & (seeds.arm == "fast")].value.tolist()
    assert fast == pytest.approx(newer["arms"]["fast"])
    assert len(seeds) == sum(len(v) for r in old for v in r["arms"].values())


def test_error_results_are_rows_with_the_message_not_verdicts(tmp_path):
    r = make_result("broken-data", a=[0.1, 0.2], b=[0.1, 0.1],
                    summary={"verdict": "error", "estimate": None, "ci": [None, None], "n": 0})
    r["error"] = {"type": "DataError", "message": "mnist/train.csv missing. Fix: set CLAIMS_DATA_DIR"}
    row = claim_row(r)
    assert row["verdict"] == "error" and "DataError: mnist/train.csv missing" in row["error"]
    out = tmp_path / "out"
    out.mkdir()
    n_claims, n_seeds, errors = write_tables(iter([(Path("x.json"), r, None)]), out, "csv")
    assert (n_claims, n_seeds, errors) == (1, 0, 0)
    claims = pd.read_csv(out / "claims.csv")
    assert claims.verdict.tolist() == ["error"] and "Fix: set CLAIMS_DATA_DIR" in claims.error[0]


def test_nothing_readable_exits_1_and_writes_no_tables(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.json").write_text("[]")
    assert export([tmp_path / "in"], tmp_path / "out", "csv") == 1
    assert not list((tmp_path / "out").glob("*.csv"))


def test_parquet_without_pyarrow_names_the_package(result_dir, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)       # import pyarrow -> ImportError
    with pytest.raises(RuntimeError, match="pyarrow"):
        export([result_dir[0]], tmp_path / "out", "parquet")


# ------------------------------------------------------------------------------ output safety
def cli(capsys, *args) -> tuple[int, str]:
    rc = cli_main(["export", *map(str, args)])
    return rc, capsys.readouterr().err


def test_empty_output_path_is_refused(result_dir, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, err = cli(capsys, result_dir[0], "-o", "")
    assert rc == 2 and "output path (-o) is empty" in err and len(err.strip().splitlines()) == 1
    assert not list(tmp_path.glob("*.csv"))


def test_output_that_is_a_file_is_refused(result_dir, capsys, tmp_path):
    f = tmp_path / "file.txt"
    f.write_text("mine")
    rc, err = cli(capsys, result_dir[0], "-o", f)
    assert rc == 2 and "is a file" in err and f.read_text() == "mine"


@pytest.mark.parametrize("where", ["", "claims", "harness/x", "tests", "docs"])
def test_output_in_the_source_tree_is_refused(result_dir, capsys, where):
    target = outdir.REPO_ROOT / where
    rc, err = cli(capsys, result_dir[0], "-o", target)
    assert rc == 2 and "refusing to write the export there" in err
    assert not (outdir.REPO_ROOT / where / "claims.csv").exists()


def test_an_unrelated_directory_is_refused_and_left_alone(result_dir, capsys, tmp_path):
    d = tmp_path / "mine"
    d.mkdir()
    (d / "notes.txt").write_text("keep me")
    rc, err = cli(capsys, result_dir[0], "-o", d)
    assert rc == 2 and "does not hold an earlier export" in err
    assert [p.name for p in d.iterdir()] == ["notes.txt"]


def test_a_previous_export_is_replaced_and_marked(result_dir, tmp_path):
    out = tmp_path / "tables"
    assert export([result_dir[0]], out, "csv") == 0
    assert (out / MARKER).is_file()
    assert export([result_dir[0]], out, "csv") == 0                  # again, over its own output
    legacy = tmp_path / "old"
    legacy.mkdir()
    (legacy / "claims.csv").write_text("old")                         # written before markers existed
    assert export([result_dir[0]], legacy, "csv") == 0
    assert (legacy / "claims.csv").read_text() != "old"


def test_a_crash_mid_export_leaves_the_previous_tables(result_dir, tmp_path, monkeypatch):
    out = tmp_path / "tables"
    assert export([result_dir[0]], out, "csv") == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    import harness.storing.export as ex
    real = ex.seed_groups

    def boom(r):
        if r["claim"]["id"] == "gamma-noisy":
            raise OSError(28, "No space left on device", str(out / ".seeds.csv.tmp"))
        return real(r)
    monkeypatch.setattr(ex, "seed_groups", boom)
    with pytest.raises(OutputError, match="No space left on device"):
        export([result_dir[0]], out, "csv")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before    # no temp files left either


def test_permission_error_is_one_line_exit_2(result_dir, capsys, tmp_path, monkeypatch):
    import harness.storing.export as ex

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied", str(tmp_path / "ro" / ".claims-export"))
    monkeypatch.setattr(ex.Path, "write_text", denied)
    rc, err = cli(capsys, result_dir[0], "-o", tmp_path / "ro")
    assert rc == 2 and "Permission denied" in err and len(err.strip().splitlines()) == 1
