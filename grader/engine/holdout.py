"""A part measured on held-back digits (``[[parts]] data = "holdout"``): the grader's side of a fair measurement.

The student designs, compiles and trains their own model; the grader decides everything from
plain data, in its own process. This module knows no course: which part is measured, and against
what, is the course's (``course.toml``'s ``[[parts]]``, and a trusted recipe in the course's checks).

* :func:`split` keeps part of the *training* split back (``holdout`` in ``course.toml``), chosen by the
  course's secret (:func:`course_secret`), never by the public seed alone: a student holding the kit
  and the public data cannot recompute which digits are held back. The child process gets only the
  rest (:func:`child_data`), so neither the held-back digits nor the test split the other parts' checks
  use ever reach submission code.
* :func:`count_parameters` counts a model's parameters from its JSON without allocating a single
  weight, so a model of billions of parameters is refused before anything is built.
* :func:`cached_baseline` runs the course's own baseline recipe (a function its checks pass) once per
  data, seed and settings and keeps the result on disk, keyed by what it depends on.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from grader.config import Course, Part
from grader.sandbox.host.values import model_from_json


def holdout_part(course: Course) -> Part | None:
    """The course's part whose checks measure on held-back digits (``[[parts]] data = "holdout"``), if any."""
    return next((p for p in course.parts if p.data == "holdout"), None)


@dataclass(frozen=True)
class HoldoutData:
    """The digits of one holdout run: what the child trains on, what the grader measures on."""

    x_train: np.ndarray
    """uint8 ``(N, 28, 28)``: the only images the child gets."""
    y_train: np.ndarray
    x_held: np.ndarray
    """uint8 ``(M, 28, 28)``: held back from the training split; never leaves the grader."""
    y_held: np.ndarray
    source: str
    """The data source's name (:data:`grader.data.SOURCES`)."""
    subset: bool = False
    """Whether the digits are the offline 5,000-digit subset (the course's ``_5k`` bar applies)."""

    def fingerprint(self) -> str:
        """A short hash of exactly these digits (the baseline cache is keyed by it)."""
        digest = hashlib.sha256()
        for array in (self.x_train, self.y_train, self.x_held, self.y_held):
            digest.update(str(array.shape).encode())
            digest.update(np.ascontiguousarray(array).tobytes())
        return digest.hexdigest()[:16]


# ---------------------------------------------------------------- the course's secret

SECRET_FOLDER = ".grade"
"""Where the course's secret lives, beside course.toml (git-ignored, never in ``grade release``)."""
SECRET_FILE = "secret"


def secret_path(root: Path) -> Path:
    return Path(root) / SECRET_FOLDER / SECRET_FILE


def course_secret(course: Course, out_dir: Path | None = None) -> str:
    """The course's secret: ``course.secret`` when the course carries it (a batch's workers), else the
    file ``.grade/secret`` of the course folder, made on first use; where the course folder cannot be
    written, the output folder's (``out_dir``), else the kit's cache folder's, keyed by the course folder.

    It keys what a student must not recompute: which training digits a holdout part holds back and the
    anonymous names on the class leaderboard. The student kit never carries it (``grade release``
    copies no ``.grade`` folder), and no child can read it (:func:`grader.engine.grading.default_hide`)."""
    if course.secret:
        return course.secret
    from grader import data

    paths = [secret_path(course.root)]
    if out_dir is not None:
        paths.append(secret_path(out_dir))
    folder = hashlib.sha256(str(Path(course.root).resolve()).encode()).hexdigest()[:16]
    paths.append(data.cache_dir() / "secrets" / folder / SECRET_FILE)
    for path in paths:
        try:
            return _read_or_make(path)
        except OSError:
            continue
    raise OSError(f"no folder to keep the course's secret in ({', '.join(str(p.parent) for p in paths)})")


def _read_or_make(path: Path) -> str:
    """The secret in ``path``; made there (owner-only, written once) when there is none. Two graders
    making it at once agree: the first one's file is the secret, the other reads it."""
    try:
        text = path.read_text(encoding="ascii").strip()
        if len(text) >= 32:
            return text
    except FileNotFoundError:
        pass
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(secrets.token_hex(32) + "\n")
    try:
        os.link(tmp, path)  # fails when another grader made it first: theirs is the secret
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)
    text = path.read_text(encoding="ascii").strip()
    if len(text) < 32:
        raise OSError(f"{path} does not hold a secret")
    return text


def with_secret(course: Course, out_dir: Path | None = None) -> Course:
    """``course`` carrying its secret, for graders that do not share its folder (a batch's workers)."""
    return course if course.secret else dataclasses.replace(course, secret=course_secret(course, out_dir))


def keyed(course: Course, purpose: str, text: str = "") -> bytes:
    """An HMAC of ``text`` under the course's secret, one key per ``purpose``."""
    return hmac.new(course_secret(course).encode(), f"{purpose}\0{text}".encode(), hashlib.sha256).digest()


def split(course: Course, dataset, source) -> HoldoutData:
    """The training split cut in two by a permutation keyed by the course's secret: digits for the
    child, digits held back (the same for every submission of the course, unknown to the students)."""
    (x, y), _ = dataset
    x, y = np.asarray(x), np.asarray(y)
    part = holdout_part(course)  # keyed per part: ``<module>-split``
    key = keyed(course, f"{part.module if part else 'holdout'}-split", f"{course.course.seed}:{source.name}")
    order = np.random.default_rng(np.frombuffer(key, dtype=np.uint32)).permutation(len(x))
    holdout = min(course.project.holdout, len(x) // 2)
    held, rest = order[:holdout], order[holdout:]
    samples = course.project_train_samples(source)
    if samples:
        rest = rest[:samples]
    return HoldoutData(x[rest], y[rest], x[held], y[held], source.name, source.subset)


def child_data(path: Path, pdata: HoldoutData) -> Path:
    """Write the child's data file: ``x_train`` and ``y_train`` only (no test split, no held-back digits)."""
    with open(path, "wb") as fh:
        np.savez(fh, x_train=pdata.x_train, y_train=pdata.y_train)
    return path


def count_parameters(model_json: str, input_shape: tuple) -> tuple[int, int]:
    """``(trainable, non-trainable)`` parameters of a model given as JSON, without allocating weights.

    The model is rebuilt by the grader's one decoder (:func:`grader.sandbox.host.values.model_from_json`:
    keras' own classes only, no Lambda layers) inside a stateless scope, where keras creates variables
    as shapes without values. Exact for every keras layer, unlike a table of formulas. A compiled
    model's optimizer and loss (its ``compile_config``) hold no parameters and are left out.
    """
    from keras.src.backend.common import global_state
    from keras.src.backend.common.stateless_scope import StatelessScope


    described = json.loads(model_json)
    if isinstance(described, dict):  # a model compiled before it was handed over: its optimizer is no weight
        described.pop("compile_config", None)
    saved = global_state.get_global_attribute("uninitialized_variables", [])
    global_state.set_global_attribute("uninitialized_variables", [])
    try:
        with StatelessScope(initialize_variables=False):
            model = model_from_json(json.dumps(described), shapes_only=True)
            if not model.built:
                model.build((None, *input_shape))

            def count(weights) -> int:
                return int(sum(int(np.prod(w.shape)) for w in weights))

            return count(model.trainable_weights), count(model.non_trainable_weights)
    finally:  # the shapes-only variables must never be initialised by a later scope
        global_state.set_global_attribute("uninitialized_variables", saved)


NICKNAME_CHARS = 24


def nickname(source: str | None) -> str:
    """The ``NICKNAME = "..."`` a student set at the top of a module (the holdout part's), read as text (never run).

    Shown on the class page only when the course says ``leaderboard_names = "nickname"``; kept
    short and printable."""
    import ast

    try:
        tree = ast.parse(source or "")
    except (SyntaxError, ValueError):
        return ""
    for node in tree.body:
        if (isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "NICKNAME" for t in node.targets)
                and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
            text = "".join(ch for ch in node.value.value if ch.isprintable()).strip()
            return text[:NICKNAME_CHARS]
    return ""


def predict_labels(model, images: np.ndarray) -> np.ndarray:
    """The grader's own predictions of a rebuilt model, any check's (inference
    mode: dropout off, batch normalisation's averages)."""
    out = []
    for start in range(0, len(images), 500):
        probs = np.asarray(model(images[start:start + 500], training=False))
        out.append(np.argmax(probs.reshape(len(probs), -1), axis=1))
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)


def confusion(labels: np.ndarray, predicted: np.ndarray, classes: int = 10) -> list[list[int]]:
    matrix = np.zeros((classes, classes), dtype=np.int64)
    np.add.at(matrix, (labels, np.clip(predicted, 0, classes - 1)), 1)
    return matrix.tolist()


# ---------------------------------------------------------------- a baseline, trained once

def baseline_dir(course: Course) -> Path:
    """Where the baselines of ``course``'s holdout part are kept: the kit's cache, one folder per part
    (``<module>-baseline``)."""
    from grader import data

    part = holdout_part(course)
    return data.cache_dir() / f"{part.module if part else 'holdout'}-baseline"


def baseline_key(facts: dict) -> str:
    """The cache key of a baseline: a hash of everything it depends on (``facts``: plain JSON data)."""
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()[:20]


def cached_baseline(course: Course, facts: dict, train: Callable[[], dict], cache: Path | None = None) -> dict:
    """The baseline the course measures a holdout part against: ``train()`` (the course's own recipe, a
    trusted function of its checks) run once per ``facts``, its result (plain data with a float
    ``accuracy``) kept on disk under :func:`baseline_key`, so a class pays for it once per data, seed and
    settings. ``facts`` holds what the result depends on (the digits' :meth:`HoldoutData.fingerprint`,
    the seed, the recipe's settings, keras' version, the device); concurrent graders wait for the one
    computing it."""
    folder = Path(cache) if cache is not None else baseline_dir(course)
    path = folder / f"baseline-{baseline_key(facts)}.json"
    cached = _read(path)
    if cached is not None:
        return cached
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder / ".lock"):
        cached = _read(path)
        if cached is not None:
            return cached
        result = train()
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(result), encoding="utf-8")
        tmp.replace(path)
        return result


def _read(path: Path) -> dict | None:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) and isinstance(value.get("accuracy"), float) else None


@contextlib.contextmanager
def _locked(path: Path):
    """An exclusive lock on ``path`` where the OS has one (elsewhere two graders may both train)."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    with open(path, "a+") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
