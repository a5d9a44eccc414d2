"""Helpers for the batch tests: a small test course and class folders built from the corpus.

The test course is a copy of the kit (course.toml, the real checks, the
solutions) in a temporary folder, with small limits so that a runaway
submission costs seconds, not minutes. Points, checks and solutions are the
kit's own, so every score asserted here is the score the real kit gives.
"""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest
import tomli_w
import tomllib

from grader import config
from grader.content.build import notebook_text
from grader.content.notebooks import module_to_notebook
from grader.engine.intake import collect, write_archive

ROOT = Path(__file__).resolve().parents[3]
KIT_COURSE = config.load(ROOT)
MODULES = KIT_COURSE.required_modules
"""The kit's parts every submission holds (tensors, cnn, concepts), from course.toml."""
ALL_MODULES = KIT_COURSE.modules
"""Every part of the kit, the optional project too."""
KIT_TESTS = ROOT / "tests" / "kit"
CORPUS = Path(__file__).resolve().parent / "corpus"
LIMITS = {"call_seconds": 20.0, "import_seconds": 60.0, "train_seconds": 90.0, "memory_mb": 4096,
          "student_seconds": 180.0, "disk_mb": 128,
          "output_kb": 64}
ACCURACY = {"train_samples": 1000, "epochs": 2, "threshold_5k": 0.75}
"""The accuracy run, shortened for the tests: 1,000 digits for 2 epochs (the solutions reach about 0.82)."""


def make_course(root: Path, limits: dict | None = None, accuracy: dict | None = None,
                project: dict | None = None) -> config.Course:
    """A copy of the kit in ``root`` with test limits; the checks and points are the kit's own."""
    with (ROOT / "course.toml").open("rb") as fh:
        data = tomllib.load(fh)
    data.setdefault("limits", {}).update(limits or LIMITS)
    data.setdefault("accuracy", {}).update(accuracy or ACCURACY)
    data.setdefault("project", {}).update(project or {})
    root.mkdir(parents=True, exist_ok=True)
    (root / "course.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "tests" / "checks", root / "tests" / "checks", ignore=ignore)
    shutil.copytree(ROOT / "solutions", root / "solutions", ignore=ignore)
    return config.load(root)


def solution_source(module: str) -> str:
    return (ROOT / "solutions" / f"{module}.py").read_text(encoding="utf-8")


def stub_source(module: str) -> str:
    return (ROOT / "exercises" / f"{module}.py").read_text(encoding="utf-8")


CNN_PARTS = {"prepare_images": "data", "load_data": "data", "compile_model": "compile", "train_model": "train",
             "evaluate_model": "evaluate"}
"""The parts of cnn.py whose checks judge them apart; every other function (the layers and build_model) is the
"model" part, whose checks see them together (the layer order, the total parameters)."""
CONCEPTS_PARTS = ("best_network", "model_size_mb", "recurrent_network", "gan_networks")
"""The functions of concepts.py whose checks judge them apart; every other one is the "helpers" part, which
lecture_model_params's checks see together."""


def _functions(module: str) -> list[str]:
    tree = ast.parse((ROOT / "solutions" / f"{module}.py").read_text(encoding="utf-8"))
    return [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]


def function_part(module: str, name: str) -> str:
    """The part of the submission a function of ``module`` belongs to: each tensors.py function is its own
    (no tensors check calls another function), concepts.py's and cnn.py's as above."""
    if module == "tensors":
        return f"tensors:{name}"
    if module == "concepts":
        return f"concepts:{name if name in CONCEPTS_PARTS else 'helpers'}"
    return f"cnn:{CNN_PARTS.get(name, 'model')}"


MODULE_PARTS = {module: frozenset(function_part(module, name) for name in _functions(module))
                for module in ("tensors", "concepts", "cnn")}
ALL_PARTS = frozenset().union(*MODULE_PARTS.values())


def case_parts(case: Path) -> frozenset[str]:
    """The parts of the submission a corpus case changes (:func:`function_part` of each function its
    ``MODULE.append.py`` defines: ``tensors:multiply``, ``concepts:helpers``, ``cnn:model``, ``cnn:compile``
    ...); every part when it names a ``BASE``, replaces or deletes a whole module, or changes nothing (it is
    then the solutions themselves)."""
    if (case / "BASE").exists():
        return ALL_PARTS
    parts: set[str] = set()
    for path in case.iterdir():
        module, _, kind = path.name.partition(".")
        if module not in MODULE_PARTS:
            if module in MODULES:
                parts |= ALL_PARTS
            continue
        if kind in ("append.py", "prepend.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            defined = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
            parts |= {function_part(module, name) for name in defined} or MODULE_PARTS[module]
        else:
            parts |= MODULE_PARTS[module]
    return frozenset(parts) or ALL_PARTS


def seat(corpus: Path, cases: list[str]) -> list[tuple[str, ...]]:
    """``cases`` seated at shared desks: one student per desk, whose submission carries cases that change
    different parts (:func:`case_parts`) and the solutions elsewhere. No check of one part calls another's
    function, so a desk's verdicts are its cases' verdicts side by side, which the grading corpora's tests
    assert exactly (each desk must lose the sum of its cases' points, on the union of their checks); a case
    that changes everything (a BASE) sits alone. A class of one-part cases costs about a third of the
    gradings."""
    desks: list[list[str]] = []
    taken: list[set[str]] = []
    for case in sorted(cases, key=lambda c: (-len(case_parts(corpus / c)), c)):
        parts = case_parts(corpus / case)
        for desk, used in zip(desks, taken):
            if not used & parts:
                desk.append(case)
                used |= parts
                break
        else:
            desks.append([case])
            taken.append(set(parts))
    return [tuple(desk) for desk in desks]


def build_student(folder: Path, case: str | tuple[str, ...], values: dict[str, str], corpus: Path = CORPUS) -> Path:
    """A student's submission from ``<corpus>/<case>/`` (see corpus/README.md), or from several cases that
    change different parts of it (see :func:`seat`); returns its entry."""
    cases = (case,) if isinstance(case, str) else case
    bases = [(corpus / c / "BASE").read_text().strip() for c in cases if (corpus / c / "BASE").exists()]
    assert len(bases) <= 1 and (not bases or len(cases) == 1), f"a BASE case sits alone: {cases}"
    base = bases[0] if bases else "solutions"
    modules: dict[str, str] = {}
    if base in ("solutions", "stubs"):
        read = solution_source if base == "solutions" else stub_source
        modules = {m: read(m) for m in MODULES}
    raw: dict[str, bytes] = {}
    extra: dict[str, bytes] = {}
    for path in sorted(p for c in cases for p in (corpus / c).iterdir()):
        name = path.name
        if name in ("BASE", "README.md") or name.startswith("_"):
            continue
        module, _, kind = name.partition(".")
        if kind == "delete":
            modules.pop(module, None)
            continue
        if not name.endswith(".py"):
            extra[name] = path.read_bytes()
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # a module that is not UTF-8 on purpose: copied byte for byte
            raw[module] = path.read_bytes()
            modules.pop(module, None)
            continue
        for key, value in values.items():
            text = text.replace(f"@{key}@", value)
        if kind == "py":
            modules[module] = text
        elif kind == "prepend.py":
            modules[module] = text + "\n" + modules[module]
        elif kind == "append.py":
            modules[module] = modules[module] + "\n\n" + text
    if base == "notebooks":  # the solutions as Jupyter notebooks
        for m in MODULES:
            extra[f"{m}.ipynb"] = notebook_text(module_to_notebook(solution_source(m), m)).encode()
    folder.mkdir(parents=True, exist_ok=True)
    if base == "archive":  # the solutions as `grade submit` writes them
        staging = folder.parent / f".{folder.name}-staging"
        staging.mkdir()
        for m in MODULES:
            (staging / f"{m}.py").write_text(solution_source(m), encoding="utf-8")
        target = folder.parent / f"{folder.name}.zip"
        write_archive(collect(staging), target, {"student": folder.name})
        shutil.rmtree(staging)
        folder.rmdir()
        return target
    for m, text in modules.items():
        (folder / f"{m}.py").write_text(text, encoding="utf-8")
    for module, data in raw.items():
        (folder / f"{module}.py").write_bytes(data)
    for name, data in extra.items():
        (folder / name).write_bytes(data)
    return folder


def build_class(batch: Path, students: dict[str, str], values: dict[str, str] | None = None,
                corpus: Path = CORPUS) -> Path:
    """A batch folder: student id → case of ``corpus``."""
    batch.mkdir(parents=True, exist_ok=True)
    for student, case in students.items():
        build_student(batch / student, case, values or {}, corpus)
    return batch


# -- the fixtures the batch tests and the grading corpora share (their conftest.py files import them) --------------
@pytest.fixture(scope="session", autouse=True)
def offline(tmp_path_factory):
    """No downloads, and MNIST parsed once into a cache of this session's own."""
    patch = pytest.MonkeyPatch()
    patch.setenv("GRADE_OFFLINE", "1")
    patch.setenv("GRADE_CACHE", str(tmp_path_factory.mktemp("grade-cache")))
    yield
    patch.undo()


@pytest.fixture(scope="session")
def course(tmp_path_factory) -> config.Course:
    """The test course (see :func:`make_course`)."""
    return make_course(tmp_path_factory.mktemp("course"))


TRAINED_CORPORA = {
    "styles": KIT_TESTS / "grading" / "styles",
    "mistakes": KIT_TESTS / "grading" / "mistakes",
    "corpus": KIT_TESTS / "batch" / "corpus",
}
"""The corpora graded with the accuracy run, as one class (see :func:`trained_class`)."""
TRAINED_CORPUS_CASES = ("fake_history", "lazy_no_training", "fake_accuracy", "project_compile_in_build",
                        "project_bigger_compile", "project_time_outside_train", "project_held_back")
"""The adversarial corpus's cases about training and accuracy (the rest is graded without the accuracy run),
the project's among them (project.py alone: its checks train and measure)."""
TRAINED_CLASS_PROJECT = {"holdout": 400, "train_samples": 600, "margin": 0.0, "bar_5k": 0.7, "train_seconds": 60.0}
"""The trained class's project: 600 digits to train on, 400 held back, a 60 s budget (the reference project's 10
epochs took 35 s on them under a load average of 23; the corpus's honest project, the same model compiled
in build, trains as many; the lecture's model reaches about 0.8 on them, the reference about 0.94: the honest project's
five epochs once fell below the lecture's 0.78 on a class's secret split, so it trains ten)."""
PROJECT_STEP_SECONDS = 15.0
"""What project_time_outside_train spends importing, building and compiling, each (under the batch tests' 20 s
call limit), and 2.5 times that in train_project_model (within the 60 s budget on its own; 82 s in all)."""


def public_held_back(course: config.Course) -> str:
    """``@HELD_BACK@``: the held-back digits as a student computes them offline from the kit and the public data
    (the public seed's permutation of the training split, the project's split before it was keyed by the
    course's secret), with their labels: an ``.npz`` (``x``, ``y``), compressed, in base64."""
    import base64
    import io
    import zlib

    import numpy as np

    from grader import data

    (x, y), _ = data.load_mnist(course)
    order = np.random.default_rng(course.course.seed).permutation(len(x))[:course.project.holdout]
    buffer = io.BytesIO()
    np.savez(buffer, x=x[order], y=y[order])
    return base64.b64encode(zlib.compress(buffer.getvalue(), 9)).decode("ascii")
TRAINED_CLASS_THRESHOLD = 0.5
"""The accuracy run's bar for the trained class: five times chance, so that a model whose layers differ from
the lecture's (a single mistake) still passes on its training, not its luck. The styles assert more."""
TRAINED_CLASS_RUN = {**ACCURACY, "train_samples": 600, "threshold_5k": TRAINED_CLASS_THRESHOLD}
"""The trained class's accuracy run: 600 digits for 2 epochs (the solutions reach about 0.79, a broken model 0.1)."""


@pytest.fixture(scope="session")
def trained_class(tmp_path_factory) -> dict[tuple[str, str], dict]:
    """The correct styles, the single mistakes and the adversarial corpus's training cases, graded once as
    one class in one batch (2 workers, hidden checks and the shortened accuracy run included), on the test
    course of the batch tests; each case's report.json by ``(corpus, case)``. Cases of the styles and the
    mistakes that change different parts share a student (:func:`seat`): their report is the same record,
    which ``record["cases"]`` lists. The training cases sit alone: their tests compare whole students.
    ``("course", "root")`` holds the test course's folder (``{"root": ...}``), where the batch made its secret."""
    from grader.batch import run_batch

    root = tmp_path_factory.mktemp("trained-class")
    course = make_course(root / "course", accuracy=TRAINED_CLASS_RUN, project=TRAINED_CLASS_PROJECT)
    desks: dict[str, tuple[str, tuple[str, ...]]] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GRADE_OFFLINE", "1")
        patch.setenv("GRADE_CACHE", str(root / "grade-cache"))
        patch.delenv("MNIST_PATH", raising=False)
        patch.delenv("GRADE_COURSE", raising=False)
        values = {"HELD_BACK": public_held_back(course), "PROJECT_STEP_SECONDS": str(PROJECT_STEP_SECONDS)}
        for corpus, folder in TRAINED_CORPORA.items():
            cases = TRAINED_CORPUS_CASES if corpus == "corpus" else sorted(p.name for p in folder.iterdir() if p.is_dir())
            desks_of_corpus = [(case,) for case in cases] if corpus == "corpus" else seat(folder, list(cases))
            for number, desk in enumerate(desks_of_corpus, start=1):
                student = f"{corpus}-{number:02d}"  # the cases it carries are in its record's "cases"
                desks[student] = (corpus, desk)
                build_student(root / "batch" / student, desk, values, folder)
        summary = run_batch(course, root / "batch", root / "out", workers=2, progress=False, include_slow=True)
    assert sorted(summary.graded) == sorted(desks)
    records = {("course", "root"): {"root": str(course.root)}}  # where the class's course (and its secret) is
    for student, (corpus, desk) in desks.items():
        record = json.loads((root / "out" / student / "report.json").read_text(encoding="utf-8"))
        record["cases"] = list(desk)
        records.update({(corpus, case): record for case in desk})
    return records
