"""``grade nbgrader autograde``: nbgrader's ``submitted/`` graded by the isolated engine.

Unlike nbgrader's own kernel-based autograde, student code never shares a
process with the checks: each ``submitted/<student>/<assignment>/`` folder of
notebooks goes through :func:`grader.engine.grading.grade` (public and hidden checks),
exactly as ``grade batch`` grades it. Stages, in order (:data:`STAGES`):

1. read the source notebooks: which test cell carries which check, for how
   many points; refuse a course directory out of step with the kit;
2. per student: look at the notebooks for deleted or edited test cells
   (a notice; the kit's own checks grade regardless), then grade;
3. write the scores into ``gradebook.db`` (:mod:`grader.nbgrader.gradebook`);
4. write feedback, one page per notebook, in ``feedback/<student>/<assignment>/``
   (where ``nbgrader release_feedback`` looks); it shows check names, scores
   and feedback sentences, never test code.

A student whose notebooks are missing, not JSON, or broken gets a clear notice
and zero for what cannot run; the others are graded all the same.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import nbformat

from grader.batch import Executor, Job, Outcome, placeholder, rules_for, show_hidden
from grader.catalog.errors import ERRORS
from grader.catalog.nbgrader import NBGRADER_CELLS, NBGRADER_NOTICES
from grader.checks import runner
from grader.config import Course
from grader.engine import intake
from grader.engine.grading import default_hide
from grader.engine.notebooks import parse_notebook
from grader.errors import KitError
from grader.nbgrader import testcells
from grader.nbgrader.build import SOURCE_DIR, course_checks
from grader.nbgrader.gradebook import SolutionCell, TestCell, declare, open_gradebook, record
from grader.record.results import Feedback, Report

STAGES = ("read-source", "inspect", "grade", "gradebook", "feedback")
SUBMITTED_DIR = "submitted"
FEEDBACK_DIR = "feedback"
NBGRADER_FILES = ("timestamp.txt", "submission_secret.txt")
"""Files nbgrader keeps beside a submission; ``release_feedback`` wants them beside the feedback too."""

def source_cells(course_dir: Path, assignment: str) -> tuple[list[TestCell], list[SolutionCell]]:
    """The test and solution cells of ``source/<assignment>/*.ipynb``, in notebook order."""
    folder = Path(course_dir) / SOURCE_DIR / assignment
    notebooks = sorted(folder.glob("*.ipynb")) if folder.is_dir() else []
    if not notebooks:
        raise KitError(ERRORS["course-no-notebooks"].format(folder=folder))
    tests, solutions = [], []
    for path in notebooks:
        try:
            cells = nbformat.read(path, as_version=4).cells  # the kit's own notebooks: strict, validated
        except (OSError, ValueError, AttributeError, nbformat.NBFormatError, nbformat.ValidationError) as error:
            raise KitError(ERRORS["course-notebook-unreadable"].format(path=path, detail=error)) from None
        for cell in cells:
            meta = cell.get("metadata") or {}
            nbgrader, kit = meta.get("nbgrader") or {}, meta.get("tf_grade") or {}
            source = "".join(cell.get("source") or "")
            if nbgrader.get("grade") and not nbgrader.get("solution") and kit.get("check"):
                tests.append(TestCell(path.stem, nbgrader["grade_id"], kit["check"],
                                      float(nbgrader.get("points", 0)), testcells.strip_hidden(source)))
            elif nbgrader.get("solution") and kit.get("function"):
                solutions.append(SolutionCell(path.stem, nbgrader["grade_id"], kit["function"]))
    return tests, solutions


def check_in_step(course: Course, tests: list[TestCell], checks: list[runner.Check], folder: Path) -> None:
    """Refuse a course directory whose test cells do not match the kit's checks and points."""
    problems = []
    cells = {t.check: t for t in tests}
    for check in checks:
        cell = cells.pop(check.name, None)
        if cell is None:
            problems.append(f"no test cell for check \"{check.name}\"")
        elif cell.points != check.points:
            problems.append(f"\"{check.name}\" is worth {cell.points:g} in {cell.notebook}.ipynb but "
                            f"{check.points:g} in course.toml")
    problems += [f"{cell.notebook}.ipynb tests \"{name}\", which the kit no longer has"
                 for name, cell in cells.items()]
    if problems:
        raise KitError(ERRORS["course-out-of-step"].format(folder=folder, problems="; ".join(problems)))


def test_cell_notices(folder: Path, tests: list[TestCell]) -> list[Feedback]:
    """Notices for test cells a student deleted or edited (unreadable notebooks are the intake's to report)."""
    notices = []
    for notebook in sorted({t.notebook for t in tests}):
        try:
            cells = parse_notebook((folder / f"{notebook}.ipynb").read_text(encoding="utf-8"))["cells"]
            found = {((c.get("metadata") or {}).get("nbgrader") or {}).get("grade_id"): "".join(c.get("source") or "")
                     for c in cells if isinstance(c, dict)}
        except (OSError, UnicodeDecodeError, KitError, KeyError, TypeError, AttributeError):
            continue
        expected = [t for t in tests if t.notebook == notebook]
        deleted = [t.grade_id for t in expected if t.grade_id not in found]
        edited = [t.grade_id for t in expected
                  if t.grade_id in found and found[t.grade_id].strip() != t.source.strip()]
        for key, ids in (("deleted", deleted), ("edited", edited)):
            if ids:
                notices.append(Feedback(NBGRADER_NOTICES[key].format(file=f"{notebook}.ipynb", cells=", ".join(ids))))
    return notices


def function_comments(report: Report, shown: bool, lang: str) -> dict[str, str]:
    """``module.function`` → the feedback of its failed checks, for the solution cells' comments."""
    from grader.report import view

    comments: dict[str, list[str]] = {}
    for result in report.results:
        if result.passed:
            continue
        text = view.check_output(result, lang, shown)
        if text:
            key = result.name.split(":", 1)[0]
            comments.setdefault(key, []).append(f"{result.name}\n{text}")
    return {key: "\n\n".join(parts) for key, parts in comments.items()}


def write_feedback(folder: Path, report: Report, notebooks: list[str], shown: bool, lang: str,
                   submitted: Path) -> list[Path]:
    """One HTML page per notebook in ``folder``, plus nbgrader's timestamp and secret files."""
    from grader.report.html import write_html

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for notebook in notebooks:
        part = Report(results=[r for r in report.results if r.module == notebook], notices=report.notices,
                      student=report.student, scope=report.scope,
                      artifacts=report.artifacts if notebook == "cnn" else {},
                      isolation=report.isolation, seconds=report.seconds)
        written.append(write_html(folder / f"{notebook}.html", part, lang, shown,
                                  title=f"{report.student} · {notebook}.ipynb"))
    for name in NBGRADER_FILES:
        if (submitted / name).is_file():
            shutil.copyfile(submitted / name, folder / name)
    return written


def collect_student(folder: Path, tests: list[TestCell], expected: intake.Expected | None = None) -> intake.Intake:
    """One student's notebooks as the engine reads them, with notices about their test cells."""
    notices = test_cell_notices(folder, tests)
    try:
        collected = intake.collect(folder, expected)
    except KitError as error:  # nothing gradable: every check fails as "module missing"
        collected = intake.Intake(form="ipynb")
        collected.notices.append(Feedback(NBGRADER_NOTICES["no-notebooks"].format(detail=str(error))))
    collected.notices.extend(notices)
    return collected


def autograde(course: Course, course_dir: Path, assignment: str | None = None,
              progress: Callable[[str, Report], None] | None = None, workers: int | None = None,
              scheduler: str | None = None, allow_weak_isolation: bool = False) -> list[Report]:
    """Grade every ``submitted/<student>/<assignment>/`` and record it in nbgrader; one report per student.

    ``assignment`` defaults to the one folder under ``source/``. Students are graded in parallel on
    ``grade batch``'s executor (``workers`` and ``scheduler`` as there: an embedded Dask cluster, or
    an existing one). ``progress`` is called with each
    student's id and report as it is done.
    """
    from grader.sandbox.host import jail

    if jail.LINUX and not jail.available() and not allow_weak_isolation:  # as ``grade batch``
        raise KitError(ERRORS["weak-isolation"])
    course_dir = Path(course_dir)
    if not course_dir.is_dir():
        raise KitError(ERRORS["not-course-dir"].format(folder=course_dir))
    assignment = assignment or only_assignment(course_dir)
    tests, solutions = source_cells(course_dir, assignment)
    check_in_step(course, tests, course_checks(course), course_dir / SOURCE_DIR / assignment)
    notebooks = sorted({t.notebook for t in tests} | {s.notebook for s in solutions})
    submitted = sorted(p for p in (course_dir / SUBMITTED_DIR).glob(f"*/{assignment}") if p.is_dir())
    if not submitted:
        raise KitError(ERRORS["no-submissions"].format(folder=course_dir / SUBMITTED_DIR, assignment=assignment))
    shown, lang = show_hidden(course), course.language
    hide = (str(course_dir.resolve()), *default_hide(course))
    checks = course_checks(course)
    folders = {folder.parent.name: folder for folder in submitted}
    expected = intake.Expected(tuple(m for m in course.modules if m not in course.apart))  # nbgrader's notebooks
    jobs = [Job(student, collect_student(folder, tests, expected), hide, allow_weak_isolation=allow_weak_isolation)
            for student, folder in folders.items()]
    reports = []
    with open_gradebook(course_dir) as gradebook:
        declare(gradebook, assignment, tests, solutions)

        def finished(job: Job, outcome: Outcome) -> None:
            student, folder = job.student, folders[job.student]
            if outcome.report is not None:
                report = Report.from_dict(outcome.report)
                report.student = student
            else:
                report = placeholder(checks, course, student,
                                     NBGRADER_CELLS["could-not-grade"].format(error=outcome.error))
            stamp = folder / NBGRADER_FILES[0]
            timestamp = stamp.read_text(encoding="utf-8").strip() if stamp.is_file() else None
            record(gradebook, assignment, report, tests, solutions, function_comments(report, shown, lang),
                   timestamp)
            write_feedback(course_dir / FEEDBACK_DIR / student / assignment, report, notebooks, shown, lang, folder)
            reports.append(report)
            if progress:
                progress(student, report)

        with Executor(course, workers, scheduler, len(jobs)) as executor:
            for job, outcome in executor.grade(jobs, rules_for(course, include_slow=True)):
                finished(job, outcome)
    return sorted(reports, key=lambda r: r.student or "")


def only_assignment(course_dir: Path) -> str:
    """The one assignment folder under ``source/``."""
    source = Path(course_dir) / SOURCE_DIR
    names = sorted(p.name for p in source.iterdir() if p.is_dir()) if source.is_dir() else []
    if len(names) != 1:
        found = ", ".join(names) if names else ERRORS["none-found"]
        raise KitError(ERRORS["one-assignment"].format(folder=source, found=found))
    return names[0]
