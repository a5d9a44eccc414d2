"""The graded checks under plain pytest: ``python -m pytest tests/checks --submission DIR``.

``tests/checks/conftest.py`` loads this plugin. With it, pytest collects the
public and hidden check files as ``grade`` does (same module names), runs each
check as a test with pytest's own selection (``-k``, ``-m slow``/``trains``),
output and exit codes, and hands each the ``sub`` fixture: the same isolated
child and the same :class:`~grader.checks.context.CheckContext` that ``grade``
builds, one per session. A failed check shows the student's feedback (Korean
and English); the summary adds a line of points from ``course.toml``.

Verdicts are ``grade``'s: every exception a check raises fails it, as in
:func:`grader.checks.runner.run_check` (``tests/kit/test_pytest_plugin.py``
compares the two). Checks of a ``holdout`` part run in a child of their own,
and only when the submission has that module (else they are skipped, as
``grade`` leaves them out).

Error carried forward is a pass over the whole submission (:mod:`grader.record.scoring`), so pytest's
per-test verdicts are the checks' own; the points line applies the same scoring pass as ``grade``
and names how many failed checks it credited back, so the points agree with ``grade``'s.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grader import config
from grader.checks import CarriedForward, runner
from grader.errors import KitError
from grader.record.results import FAILED, PASSED, CheckResult
from grader.record.scoring import Carried, score

SUBMISSION = "--submission"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tf-grade", "graded checks (tf-grade)")
    group.addoption(SUBMISSION, metavar="DIR", default=None,
                    help="the submission to check: a folder, notebooks or a submit archive")
    group.addoption("--course", metavar="ROOT", default=None,
                    help="the course folder (course.toml); default: found as `grade` finds it")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "trains: the check fits a model for a few steps")
    config.addinivalue_line("markers", "slow: the accuracy run (trains the model for real)")


def _course(config_: pytest.Config) -> config.Course:
    cached = config_.stash.get(_COURSE, None)
    if cached is None:
        root = config_.getoption("--course")
        try:
            cached = config.load(Path(root) if root else None)
        except KitError as error:
            raise pytest.UsageError(str(error)) from None
        config_.stash[_COURSE] = cached
    return cached


def _points(config_: pytest.Config) -> dict[str, runner.Check]:
    """Check title → the course's check (its stable id and points), found once per session."""
    cached = config_.stash.get(_CHECKS, None)
    if cached is None:
        try:
            cached = {c.name: c for c in runner.discover(_course(config_), "all")}
        except KitError as error:
            raise pytest.UsageError(str(error)) from None
        config_.stash[_CHECKS] = cached
    return cached


_COURSE = pytest.StashKey[config.Course]()
_CHECKS = pytest.StashKey[dict]()
_RESULTS = pytest.StashKey[dict]()
_CARRIED = pytest.StashKey[dict]()
_WORKED = pytest.StashKey[frozenset]()


class CheckModule(pytest.Module):
    """A check file, imported under the name ``grade`` gives it (``grade_checks.public.test_cnn``)."""

    def _getobj(self):
        import sys

        name = f"grade_checks.{self.path.parent.name}.{self.path.stem}"
        module = sys.modules.get(name)
        if module is None or getattr(module, "__file__", None) != str(self.path):
            module = runner.import_file(self.path, name)
        return module


def pytest_pycollect_makemodule(module_path: Path, parent):
    if module_path.parent.name in ("public", "hidden") and module_path.name.startswith("test_"):
        return CheckModule.from_parent(parent, path=module_path)
    return None


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list) -> None:
    if config.getoption(SUBMISSION) is None:
        raise pytest.UsageError("graded checks need --submission DIR (the submission to check)")
    checks = _points(config)
    for item in items:
        name = _check_name(item)
        if name is None:
            continue
        if name not in checks:
            raise pytest.UsageError(f'check "{name}" has no points in {_course(config).root / "course.toml"}')
        func = item.obj
        if getattr(func, "slow", False):
            item.add_marker(pytest.mark.slow)
        if getattr(func, "trains", False):
            item.add_marker(pytest.mark.trains)
        # the kit's own tests turn warnings into errors; grade never does, nor do the checks here
        item.add_marker(pytest.mark.filterwarnings("default"))
        item.user_properties += [("check", name), ("id", checks[name].id), ("points", checks[name].points)]


def _check_name(item) -> str | None:
    return getattr(getattr(item, "obj", None), "check_name", None)


class Session:
    """The sandboxes of one pytest session: one child for the lessons, one for a holdout part."""

    def __init__(self, config_: pytest.Config, items: list):
        from grader.engine import grading
        from grader.engine.intake import Expected, collect

        self.config = config_
        self.course = _course(config_)
        self.grading = grading
        try:
            self.intake = collect(Path(config_.getoption(SUBMISSION)), Expected.of(self.course))
        except KitError as error:
            raise pytest.UsageError(str(error)) from None
        by_name = _points(config_)
        self.checks = [by_name[n] for n in (_check_name(i) for i in items) if n in by_name]
        self.opened: dict[str, tuple] = {}

    def context(self, module: str):
        holdout = self.course.needs(module) == "holdout"  # a child of its own, as grade does
        part = module if holdout else "lessons"
        if part not in self.opened:
            if holdout:
                if module not in self.intake.sources:
                    pytest.skip(f"the submission has no {module}.py (grade leaves that part out)")
                lessons = self.opened.get("lessons")  # one budget per student: what the lessons left
                sub, ctx = self.grading.holdout_submission(self.intake, self.course, self.grading.Options(),
                                                           lessons[1].deadline if lessons else None)
                self.opened[part] = (None, sub, ctx)
            else:
                checks = [c for c in self.checks if self.course.needs(c.module) != "holdout"]
                manager = self.grading.checking(self.intake, self.course, checks)
                sub, ctx = manager.__enter__()
                self.opened[part] = (manager, sub, ctx)
        return self.opened[part][2]

    def close(self) -> None:
        import shutil

        worked = frozenset().union(*(ctx.worked_functions() for _, _, ctx in self.opened.values()))
        self.config.stash[_WORKED] = worked  # for the points line (see grader.record.scoring.score)
        for manager, sub, _ in self.opened.values():
            if manager is not None:
                manager.__exit__(None, None, None)
            else:
                sub.close()
                shutil.rmtree(sub.home, ignore_errors=True)
        self.opened.clear()


@pytest.fixture(scope="session")
def _grade_session(request: pytest.FixtureRequest):
    session = Session(request.config, request.session.items)
    try:
        yield session
    finally:
        session.close()


@pytest.fixture
def sub(request: pytest.FixtureRequest, _grade_session: Session):
    """The check context every check receives (:class:`grader.checks.context.CheckContext`)."""
    name = _check_name(request.node) or ""
    return _grade_session.context(name.split(".", 1)[0])


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    name = _check_name(item)
    if name is None or report.when != "call":
        return report
    item.config.stash.setdefault(_RESULTS, {})[name] = report.passed
    if call.excinfo is not None and isinstance(call.excinfo.value, CarriedForward):
        claim = Carried(call.excinfo.value.roots, call.excinfo.value.cause, call.excinfo.value.same_rule)
        item.config.stash.setdefault(_CARRIED, {})[name] = claim
    if call.excinfo is not None and not isinstance(call.excinfo.value, (KitError, pytest.skip.Exception)):
        feedback = runner.feedback_for(call.excinfo.value)
        report.longrepr = f"{name}\n\n{feedback.render('ko')}\n\n{feedback.render('en')}"
    return report


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    results = config.stash.get(_RESULTS, {})
    if not results or config.getoption(SUBMISSION) is None:
        return
    course = _course(config)
    checks = _points(config)
    verdicts = [CheckResult(n, checks[n].points if ok else 0.0, checks[n].points, PASSED if ok else FAILED,
                            checks[n].hidden, id=checks[n].id) for n, ok in results.items()]
    scored = score(verdicts, config.stash.get(_CARRIED, {}), config.stash.get(_WORKED, frozenset()), course)
    apart = [r for r in scored.results if r.module in scored.apart]
    earned = scored.total + sum(r.score for r in apart)
    possible = scored.max_score + sum(r.max_score for r in apart)
    passed = sum(1 for ok in results.values() if ok)
    credited = sum(1 for before, after in zip(verdicts, scored.verdicts) if before.status != after.status)
    carried = f", {credited} credited as error carried forward" if credited else ""
    terminalreporter.write_sep("=", f"points: {earned:g} / {possible:g} for the {len(results)} checks run "
                                    f"({passed} passed{carried}; course total {sum(course.points.values()):g})")
