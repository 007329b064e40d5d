"""The loaders for documents 003/004 keep the fixtures contract: checked files, exact shapes and
counts, read-only arrays, provenance, and a DataError naming the file and the fix."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

import fixtures
from fixtures import tabular, text

REPO = Path(__file__).resolve().parents[1]


def test_votes_shape_parties_and_missing_rows():
    ds = tabular.votes()
    assert ds.X.shape == (435, 16) and np.bincount(ds.y).tolist() == [267, 168]
    complete = ~np.isnan(ds.X).any(axis=1)
    assert int(complete.sum()) == 232          # the rows the course keeps after dropna()
    assert set(np.unique(ds.X[~np.isnan(ds.X)])) == {0.0, 1.0}
    assert not ds.X.flags.writeable and ds.provenance["files"][0]["sha256"]


def test_mammographic_missing_counts_match_the_names_file():
    ds = tabular.mammographic()
    assert ds.X.shape == (961, 5) and np.bincount(ds.y).tolist() == [516, 445]
    assert np.isnan(ds.X).sum(axis=0).tolist() == [2, 5, 31, 48, 76]


def test_boston_split_reproduces_the_keras_split_the_slides_print():
    s = tabular.boston_keras_split()
    assert s.train_data.shape == (404, 13) and s.test_data.shape == (102, 13)
    printed = [15.2, 42.3, 50.0, 21.1, 17.7, 18.5, 11.3, 15.6, 15.6, 14.4, 12.1, 17.9, 23.1, 19.9,
               15.7, 8.8, 50.0, 22.5]                      # 003 l. 1312-1314: the slide prints train_targets
    assert s.train_targets[:18].tolist() == printed
    both = np.sort(np.concatenate([s.train_targets, s.test_targets]))
    assert both.tolist() == np.sort(tabular.boston().y).tolist()


@pytest.mark.parametrize("name,shape", [("digits", (1797, 64)), ("breast_cancer", (569, 30)), ("wine", (178, 13))])
def test_sklearn_sets(name, shape):
    ds = tabular.sklearn_set(name)
    assert ds.X.shape == shape and ds.provenance["source"].startswith("scikit-learn")


def test_unknown_sklearn_set_is_a_clear_error():
    with pytest.raises(ValueError, match="digits"):
        tabular.sklearn_set("mnist")


def _copy_data(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    shutil.copytree(REPO / "data" / "uci", d / "uci")
    shutil.copytree(REPO / "data" / "text", d / "text")
    return d


@pytest.mark.parametrize("loader,rel", [(tabular.votes, "uci/house-votes-84.data"),
                                        (tabular.mammographic, "uci/mammographic_masses.data"),
                                        (text.polarity, "text/rt-polarity.neg")])
def test_corrupt_or_missing_files_name_the_file_and_the_fix(tmp_path, loader, rel):
    d = _copy_data(tmp_path)
    f = d / rel
    f.write_bytes(f.read_bytes()[:-10] + b"0000000000")
    before = f.read_bytes()
    with pytest.raises(fixtures.DataError, match=r"(?s)" + rel.split("/")[-1].replace(".", r"\.") + ".*Fix"):
        loader(d)
    assert f.read_bytes() == before                          # never modified
    f.unlink()
    with pytest.raises(fixtures.DataError, match="not found.*Fix"):
        loader(d)


def test_polarity_is_balanced_and_tokenized():
    ds = text.polarity()
    assert ds.X.shape == (10662,) and np.bincount(ds.y).tolist() == [5331, 5331]
    assert 15 < np.mean([len(text.tokens(t)) for t in ds.X]) < 30


def test_word_index_ranks_by_count_then_first_occurrence():
    idx = text.word_index(["b a a", "c b a", "d"], num_words=4)
    assert idx == {"a": 1, "b": 2, "c": 3}                   # d dropped: Keras keeps indices < num_words
    assert text.encode(["a d c"], idx) == [[1, 3]]
    assert text.encode(["a d c"], idx, oov=99) == [[1, 99, 3]]


def test_multi_hot_and_pre_padding_keep_the_last_words():
    assert text.multi_hot([[1, 3, 3], []], 5).tolist() == [[0, 1, 0, 1, 0], [0, 0, 0, 0, 0]]
    assert text.pad_sequences([[1, 2, 3, 4], [5]], 3).tolist() == [[2, 3, 4], [0, 0, 5]]
    assert text.pad_sequences([[1, 2, 3, 4]], 3, padding="post", truncating="post").tolist() == [[1, 2, 3]]
