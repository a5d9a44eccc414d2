"""Grading one submission, start to finish: the engine ``check``, ``submit``, ``batch`` and nbgrader share.

Stages, in order: collect the files (:mod:`grader.engine.intake`) → copy them into a
private folder → find and select the checks (:mod:`grader.checks.runner`) →
run them against a child process (:mod:`grader.sandbox`) → one
:class:`grader.record.results.Report`.
"""

from __future__ import annotations

import functools
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from grader.catalog.student import CALL_ERRORS, LIMIT_NAMES, NOTICES
from grader.checks import runner
from grader.checks.context import CheckContext
from grader.config import Course
from grader.engine import holdout
from grader.engine.fds import redirected
from grader.engine.intake import Expected, Intake, collect
from grader.errors import KitError
from grader.record.results import Feedback, Report
from grader.sandbox.host.process import Limits, new_sandbox
from grader.sandbox.host.submission import CallError, Submission

IMPORTANT_LIMITS = tuple(LIMIT_NAMES)
"""Isolation limits the instructor's batch summary names when they did not hold (a student checking
their own code is not told about isolation: it protects the instructor's machine, not theirs)."""


def missing_limits(isolation: dict[str, bool]) -> list[str]:
    """The :data:`IMPORTANT_LIMITS` that ``isolation`` (a report's) says did not hold."""
    return [k for k in IMPORTANT_LIMITS if isolation.get(k) is False]


@dataclass
class Options:
    """What to grade and how; the CLI fills it, the library's defaults live here."""

    scope: str = "public"
    """``public`` or ``all`` (hidden checks too)."""
    selection: tuple[str, ...] = ()
    include_slow: bool = True
    """Run the accuracy run (it trains the model for real)."""
    include_training: bool = True
    """Run checks that fit a model briefly; ``grade check`` leaves them to ``submit``."""
    student: str | None = None
    hide: list[str] = field(default_factory=list)
    """Paths the submission must not see (batch folder, output folder, solutions...)."""
    progress: Callable | None = None
    tear_down: Callable[[Callable[[], None]], object] | None = None
    """Where stopping the used child and removing its folder run, in the order given (a one-thread
    executor's ``submit``): ``None``, at once, before :func:`grade` returns; ``grade check --watch``
    runs them on its own thread, so a save's answer does not wait for the child to exit."""


def limits_for(course: Course) -> Limits:
    lim = course.limits
    return Limits(call_seconds=lim.call_seconds, import_seconds=lim.import_seconds,
                  cpu_seconds=lim.cpu_seconds, memory_mb=lim.memory_mb, output_kb=lim.output_kb,
                  tasks=lim.tasks, disk_mb=lim.disk_mb)


SECRETS_AT_HOME = (".ssh", ".gnupg", ".aws", ".azure", ".config", ".netrc", ".git-credentials", ".docker",
                   ".kube", ".pypirc", ".jupyter", ".local/share/jupyter", ".bash_history", ".python_history")


def default_hide(course: Course) -> list[str]:
    """What no submission may read: the solutions, the hidden checks, the course's secret, every file the
    grader's digits may come from (:func:`grader.data.secret_files`), and the grading user's home (all of it,
    unless Python or the kit live there: then its usual secret files and folders)."""
    from grader import data

    hide = [str(course.root / "solutions"), str(course.checks_dir / "hidden"),
            str(holdout.secret_path(course.root).parent), *data.secret_files(course), *git_folders(course.root)]
    home = Path.home()
    needed = [Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), course.root.resolve()]
    if home == Path("/") or any(home == p or home in p.parents for p in needed):
        hide += [str(home / name) for name in SECRETS_AT_HOME if (home / name).exists()]
    else:
        hide.append(str(home))
    return hide


def git_folders(root: Path) -> list[str]:
    """The kit folder's version-control history, wherever it lies (a worktree's ``.git`` file names the
    main checkout's), and the kit folder itself: without bubblewrap, where the machine stays visible, it
    is hidden too (the child's Python, when it lives there, is bound back; see ``confine``)."""
    import grader

    found = {str(root.resolve())}
    for folder in {root.resolve(), Path(grader.__file__).resolve().parent.parent}:
        git = folder / ".git"
        if git.is_dir():
            found.add(str(git))
        elif git.is_file():
            found.add(str(git))
            try:
                pointer = git.read_text(encoding="utf-8", errors="replace").strip()
            except OSError:
                continue
            if pointer.startswith("gitdir:"):
                target = (folder / pointer[len("gitdir:"):].strip()).resolve()
                common = target.parent.parent if target.parent.name == "worktrees" else target
                found.add(str(common if common.name == ".git" else target))
    return sorted(found)


@dataclass
class Warm:
    """A private folder and a child process already started (TensorFlow imported) for the next
    grading with the same course and options, waiting for the files; see :func:`warm_up`."""

    home: Path
    sub: Submission
    data_source: object


def warm_up(course: Course, options: Options) -> Warm:
    """Start the sandbox of the next grading before its files exist (``grade check --watch``).

    Nothing of the isolation changes: the child is a fresh process with the same limits and the
    same private folder as :func:`grade` makes, only started earlier; it imports no submission
    code until :func:`grade` writes the files and the first check calls into them. Pass it to
    :func:`grade` once (it is used up), or :meth:`Submission.close` it and remove ``home``."""
    _, checks = _checks(course, options)
    home = new_sandbox()
    try:
        (home / "work").mkdir()
        data_path, source = _data_for_child(checks, home, course)
        sub = _submission(home, {}, course, options, data_path,
                          warm_keras=any(course.needs(c.module) != "none" for c in checks))
        sub.start()
    except BaseException:
        shutil.rmtree(home, ignore_errors=True)
        raise
    return Warm(home, sub, source)


def _checks(course: Course, options: Options) -> tuple[list, list]:
    in_scope = runner.discover(course, options.scope)
    return in_scope, runner.select(in_scope, options.selection, options.include_slow, options.include_training)


def _submission(home: Path, modules: dict, course: Course, options: Options, data_path: str,
                warm_keras: bool = False) -> Submission:
    return Submission(home, modules, limits_for(course), seed=course.course.seed, data=data_path,
                      hide=[*default_hide(course), *options.hide], result_mb=course.limits.result_mb,
                      budget_seconds=course.limits.student_seconds, warm_keras=warm_keras)


def grade(path: Path, course: Course, options: Options | None = None, intake: Intake | None = None,
          warm: Warm | None = None) -> Report:
    """Grade one submission folder, notebook folder or archive (in ``warm``'s sandbox when given)."""
    options = options or Options()
    started = time.perf_counter()
    try:
        intake = intake or collect(path, Expected.of(course))
        in_scope, checks = _checks(course, options)
    except BaseException:  # nothing to grade (a folder gone, a misspelt name): the sandbox started ahead goes
        if warm is not None:
            warm.sub.close()
            shutil.rmtree(warm.home, ignore_errors=True)
        raise
    if warm is not None and any(course.needs(c.module) == "mnist" for c in checks) and not warm.sub.data:
        warm.sub.close()  # started for checks that need no data set, and this run needs one
        shutil.rmtree(warm.home, ignore_errors=True)
        warm = None
    # A holdout part is graded only when the submission has its module: without it, a submission is
    # graded exactly as the other parts alone (no rows, the same total). Its measured run (the slow
    # checks: trained on its digits, measured on held-back ones) runs in a child of its own that holds
    # only the digits it may train on; without the measured run (``grade check``, a notebook's ``check()``)
    # nothing is measured, so its checks run in the course's child: one TensorFlow import, not two.
    holdout_checks = [c for c in checks if course.needs(c.module) == "holdout" and c.module in intake.sources]
    apart = any(c.slow for c in holdout_checks)
    checks = [c for c in checks if course.needs(c.module) != "holdout"]
    in_scope = [c for c in in_scope if course.needs(c.module) != "holdout"]
    if any(course.needs(c.module) == "mnist" for c in checks) or holdout_checks:
        # Keras is needed here to rebuild layers and models; import it while the child boots.
        threading.Thread(target=_import_keras, daemon=True).start()
    ahead = apart and not any(c.slow for c in checks)  # a check: the student waits for it
    with checking(intake, course, checks, options, warm) as (sub, ctx), \
            _holdout_ahead(intake, course, options, ahead) as holdout_part:
        try:
            results = runner.run(checks, ctx, course, options.progress)
            if holdout_checks and not apart:
                results += runner.run(holdout_checks, ctx, course, options.progress)
        finally:
            sub.close(later=options.tear_down)
        source = ctx.data_source
        report = Report(results=results, notices=list(intake.notices), student=options.student,
                        scope=options.scope, artifacts=ctx.artifacts, isolation=sub.isolation,
                        not_run=points_not_run(course, in_scope, checks), selection=tuple(options.selection),
                        course=course.course.name, apart=course.apart,
                        graded_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
        subs = [sub]
        if apart:
            psub, pctx = holdout_part(sub.deadline)
            try:
                report.results += runner.run(holdout_checks, pctx, course, options.progress)
            finally:
                psub.close()
                shutil.rmtree(psub.home, ignore_errors=True)
            report.artifacts.update(pctx.artifacts)
            report.isolation = _weakest(report.isolation, psub.isolation)
            subs.append(psub)
        point_into_notebooks(report, intake)
        broken = {m: e for s in subs for m, e in s.broken.items()}
        report.facts["import_failed"] = {module: error.kind for module, error in sorted(broken.items())}
        report.facts["child_died"] = [c for s in subs for c in getattr(s, "crashes", [])]
        for module, error in broken.items():
            detail = runner.call_feedback(error).summary
            cause = runner.call_cause(error)
            report.notices.append(Feedback(NOTICES["import-failed"].format(module=module, detail="")
                                           + detail, cause={"kind": cause["kind"], "module": module}))
        output = "\n".join(s.captured_output() for s in subs).strip()
        if output:
            report.artifacts["output"] = output[-4000:]
        if any(c.slow for c in checks) or "accuracy" in report.artifacts:
            report.artifacts.setdefault("device", sub.device)
            if source is not None:
                report.artifacts.setdefault("data_source", source.name)
        report.seconds = round(time.perf_counter() - started, 2)
        return report


@contextmanager
def checking(intake: Intake, course: Course, checks: list, options: Options | None = None,
             warm: Warm | None = None) -> Iterator[tuple[Submission, CheckContext]]:
    """A private sandbox holding the submission's files (``warm``'s, when given), its
    :class:`Submission` and the one :class:`CheckContext` the ``checks`` receive, built before
    any check runs; the sandbox is removed when the block ends."""
    options = options or Options()
    home = warm.home if warm is not None else new_sandbox()
    try:
        work = home / "work"
        work.mkdir(exist_ok=warm is not None)
        for module, source in intake.sources.items():
            (work / f"{module}.py").write_text(source, encoding="utf-8")
        modules = {m: f"{m}.py" for m in intake.sources}
        if warm is not None:
            sub, source = warm.sub, warm.data_source
            sub.modules = modules
            sub.restart_budget()
        else:
            data_path, source = _data_for_child(checks, home, course)
            sub = _submission(home, modules, course, options, data_path)
        try:
            yield sub, CheckContext(sub, course, data_source=source, sources=intake.sources,
                                    accuracy_run=any(c.slow for c in checks))
        finally:
            sub.close(later=options.tear_down)
    finally:
        if options.tear_down is None:
            shutil.rmtree(home, ignore_errors=True)
        else:  # after the child's exit, which was handed over first
            options.tear_down(functools.partial(shutil.rmtree, home, ignore_errors=True))


def point_into_notebooks(report: Report, intake: Intake) -> None:
    """For a module graded from a notebook, places are in the notebook, not lines of the converted
    source: a stub's is its function's cell (``<module>.ipynb``, the function's cell); a syntax
    error's, or the line an exception came from, is its cell, counted from the top, and the line in
    that cell."""
    notebooks = {m for m in intake.sources if f"{m}.ipynb" in intake.files and f"{m}.py" not in intake.files}
    cells: dict[str, Callable[[int], tuple[int, int] | None]] = {}
    for index, result in enumerate(report.results):
        cause = result.feedback.cause if result.feedback is not None else None
        if not cause or not cause.get("kind"):
            continue
        module, _, function = str(cause.get("function", "")).partition(".")
        if module not in notebooks or cause.get("file") != f"{module}.py":
            continue
        if cause["kind"] == "not-implemented":
            cause.update(file=f"{module}.ipynb", cell=function)
            cause.pop("line", None)
            continue
        if not cause.get("line"):
            continue
        if module not in cells:
            cells[module] = _cell_lines(intake.files[f"{module}.ipynb"])
        place = cells[module](cause["line"])
        if place is not None:
            cause.update(file=f"{module}.ipynb", cell_number=place[0], line=place[1])
            found = CALL_ERRORS["where-cell"].format(file=cause["file"], cell=place[0], line=place[1],
                                                     code=cause.get("code", ""))
            report.results[index] = replace(result, feedback=replace(result.feedback, found=found))


def _cell_lines(data: bytes) -> Callable[[int], tuple[int, int] | None]:
    """Line of the converted source -> (cell, line in it), for a notebook intake could read."""
    from grader.engine.notebooks import cell_line, parse_notebook

    try:
        notebook = parse_notebook(data.decode("utf-8-sig"))
        cell_line(notebook, 1)
    except (KitError, UnicodeDecodeError):
        return lambda line: None
    return lambda line: cell_line(notebook, line)


def points_not_run(course: Course, in_scope: list, ran: list) -> dict[str, float]:
    """Points of the course's checks this run left out: ``public`` (of which ``training``) and ``hidden``.

    Hidden points are the course's total less its public checks, so a student kit without the
    hidden checks still says how many points they are worth."""
    names = {c.name for c in ran}
    public = [c for c in in_scope if not c.hidden]
    left = [c for c in public if c.name not in names]
    course_total = sum(p for key, p in course.points.items() if key.split(".", 1)[0] not in course.apart)
    hidden_total = course_total - sum(c.points for c in public)
    hidden_ran = sum(c.points for c in ran if c.hidden)
    return {"public": float(sum(c.points for c in left)),
            "training": float(sum(c.points for c in left if c.trains)),
            "hidden": float(max(0, hidden_total - hidden_ran))}


def _weakest(a: dict[str, bool], b: dict[str, bool]) -> dict[str, bool]:
    """Isolation of two children together: a limit holds only where it held for both that started."""
    if not a or not b:
        return dict(a or b)
    return {k: bool(a.get(k, True) and b.get(k, True)) for k in {*a, *b}}


def holdout_submission(intake: Intake, course: Course, options: Options, deadline: float | None = None
                        ) -> tuple[Submission, CheckContext]:
    """A child of its own for the holdout part, whose data file holds only the digits it may train on.

    The held-back digits and the test split stay in the grader; the files the grader's digits come
    from (the data set on disk, the kit's cache) are hidden from the child as well. The child spends
    what is left of the submission's one budget (``deadline``, the lessons' child's): a submission
    that slept through the lessons' budget gets no fresh one for its holdout part."""
    from grader import data

    dataset, source = data.load_mnist_with_source(course)
    pdata = holdout.split(course, dataset, source)
    home = new_sandbox()
    work = home / "work"
    work.mkdir()
    for module, text in intake.sources.items():
        (work / f"{module}.py").write_text(text, encoding="utf-8")
    data_path = holdout.child_data(home / "data.npz", pdata)
    hide = [*default_hide(course), *options.hide, *_data_files(course, source)]
    sub = Submission(home, {m: f"{m}.py" for m in intake.sources}, limits_for(course), seed=course.course.seed,
                     data=str(data_path), hide=hide, result_mb=course.limits.result_mb,
                     budget_seconds=course.limits.student_seconds, warm_keras=True)
    if deadline is not None:
        sub.deadline = deadline
    try:  # TensorFlow's and keras' import now: the part's budget clocks its module's own code only
        sub.start()
    except (CallError, KitError):
        pass  # the submission's budget is spent, or the child cannot start: the first call says so
    return sub, CheckContext(sub, course, data_source=source, sources=intake.sources, holdout_data=pdata)


@contextmanager
def _holdout_ahead(intake: Intake, course: Course, options: Options, ahead: bool
                   ) -> Iterator[Callable[[float | None], tuple[Submission, CheckContext]]]:
    """The holdout part's child (:func:`holdout_submission`); with ``ahead`` (a check without the accuracy
    run: the student waits for the answer) started on a thread while the course's checks run, so that its
    TensorFlow import overlaps theirs instead of following them. Yields what returns it, given the
    lessons' ``deadline`` (one budget per student: the holdout part spends what the lessons left); its sandbox
    goes when the block ends. When it cannot start ahead it is dropped and
    a fresh one is started by its first call, which reports why as it always did. Grading with the
    accuracy run starts it after the course's checks, as before: it would only wait, holding memory,
    while the model trains."""
    if not ahead:
        yield lambda deadline=None: holdout_submission(intake, course, options, deadline)
        return
    made: list = []
    started, done = threading.Event(), threading.Event()

    def start() -> None:
        try:
            made.append(holdout_submission(intake, course, options))
        except Exception:  # noqa: BLE001 - dropped whole: take() makes a fresh one, which fails as it always did
            for psub, _ in made:
                psub.close()
                shutil.rmtree(psub.home, ignore_errors=True)
            made.clear()
        started.set()
        done.wait()  # the child dies with the thread that started it (its parent-death signal): wait here

    thread = threading.Thread(target=start, daemon=True)
    thread.start()

    def take(deadline: float | None = None) -> tuple[Submission, CheckContext]:
        started.wait()
        if not made:  # it could not start ahead: a fresh one, started by its first call as before
            made.append(holdout_submission(intake, course, options, deadline))
        elif deadline is not None:
            made[0][0].deadline = deadline
        else:
            made[0][0].restart_budget()
        return made[0]
    try:
        yield take
    finally:
        started.wait()
        for psub, _ in made:
            psub.close()
            shutil.rmtree(psub.home, ignore_errors=True)
        done.set()


def _data_files(course: Course, source) -> list[str]:
    """Every file the grader's digits may come from, for the holdout part's child to be denied."""
    from grader import data

    paths = {source.path, str(data.cache_dir()), *(str(p) for p in data.keras_cache_paths())}
    if course.course.mnist_path:
        configured = Path(course.course.mnist_path).expanduser()
        paths.add(str(configured if configured.is_absolute() else course.root / configured))
    return sorted(p for p in paths if p and Path(p).exists())


def _import_keras() -> None:
    """Import keras with TensorFlow's start-up log lines (written by C++ straight to fd 2) muted."""
    import os

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    with redirected((2,)):
        import keras  # noqa: F401


def _data_for_child(checks, home: Path, course: Course) -> tuple[str, object]:
    """What the child may see of the grader's data set (:func:`grader.data.child_view`: never the test
    split), written into its private folder, and where the data came from."""
    if not any(course.needs(c.module) == "mnist" for c in checks):
        return "", None
    from grader import data

    dataset, source = data.load_mnist_with_source(course)
    view = data.child_view(dataset)
    target = home / "data.npz"
    data.save_npz(target, view)  # a fresh file, never a link to the grader's own data
    return str(target), source
