"""`claims export`: one row per claim x environment, a long per-seed table; CSV and Parquet round-trip."""
from __future__ import annotations

import argparse
import sys

import pandas as pd
import pytest

from harness.export import CLAIM_COLUMNS, SEED_COLUMNS, main_export, tables
from results_factory import standard_set, write_set


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


def test_csv_round_trip(result_dir, tmp_path, capsys):
    root, results = result_dir
    assert export([root], tmp_path / "out", "csv") == 0
    claims = pd.read_csv(tmp_path / "out" / "claims.csv")
    seeds = pd.read_csv(tmp_path / "out" / "seeds.csv", dtype={"seed": "Int64", "seed_index": "Int64"})
    check_tables(claims, seeds, results)


def test_parquet_round_trip_is_exact(result_dir, tmp_path):
    pytest.importorskip("pyarrow")
    root, results = result_dir
    assert export([root], tmp_path / "out", "parquet") == 0
    claims = pd.read_parquet(tmp_path / "out" / "claims.parquet")
    seeds = pd.read_parquet(tmp_path / "out" / "seeds.parquet")
    check_tables(claims, seeds, results)
    for r in results:
        r["_path"] = str(root / r["env_key"] / r["profile"] / f"{r['claim']['id']}.json")
    want_claims, want_seeds = tables(results)
    pd.testing.assert_frame_equal(claims, want_claims, check_dtype=False)
    pd.testing.assert_frame_equal(seeds, want_seeds, check_dtype=False)


def test_bad_files_are_named_and_skipped(result_dir, tmp_path, capsys):
    root, results = result_dir
    bad = root / "torch-2.13.0-cpu" / "ci" / "cut.json"
    bad.write_text('{"schema": "claims-result", "sch')
    before = bad.read_bytes()
    assert export([root], tmp_path / "out", "csv") == 0
    assert "cut.json" in capsys.readouterr().err
    assert bad.read_bytes() == before
    assert len(pd.read_csv(tmp_path / "out" / "claims.csv")) == len(results)


def test_nothing_readable_exits_1(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.json").write_text("[]")
    assert export([tmp_path / "in"], tmp_path / "out", "csv") == 1


def test_parquet_without_pyarrow_names_the_package(result_dir, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)       # import pyarrow -> ImportError
    with pytest.raises(RuntimeError, match="pyarrow"):
        export([result_dir[0]], tmp_path / "out", "parquet")
