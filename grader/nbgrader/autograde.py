"""``grade nbgrader autograde``: nbgrader's ``submitted/`` graded by the isolated engine, through nbgrader.

Student code never shares a process with the checks: each
``submitted/<student>/<assignment>/`` folder of notebooks goes through
:func:`grader.engine.grading.grade` (public and hidden checks), exactly as ``grade
batch`` grades it. Stages, in order (:data:`STAGES`):

1. read the source notebooks: which test cell carries which check, for how
   many points; refuse a course directory out of step with the kit, or whose
   config would run test cells in the students' kernels;
2. per student: look at the notebooks for deleted or edited test cells
   (a notice; the kit's own checks grade regardless), then grade, in parallel;
3. run nbgrader's own ``nbgrader autograde --force`` handed those reports
   (:mod:`grader.nbgrader.preprocessors`): ``autograded/`` and the gradebook;
   a student nbgrader cannot open is written into the gradebook here
   (:mod:`grader.nbgrader.gradebook`);
4. write feedback, one page per notebook, in ``feedback/<student>/<assignment>/``
   (where ``nbgrader release_feedback`` looks); it shows check names, scores
   and feedback sentences, never test code.

nbgrader's own ``nbgrader autograde`` on the course grades each student with
:func:`grade_one` (the same engine, one student at a time), so either command
gives one grade. A student whose notebooks are missing, not JSON, or broken
gets a clear notice and zero for what cannot run; the others are graded all
the same. A student the grader itself could not grade (its sandbox did not
start, or it failed) gets no grade at all: nbgrader's autograde of them errs
(no ``autograded/`` folder), the gradebook marks every test cell *needs manual
grade* with the reason as the solution cells' comment, both commands say who
and exit non-zero, and the next run grades them (:class:`GraderFailed`).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable, Collection

import nbformat

from grader.batch import Executor, Job, rules_for, show_hidden
from grader.catalog.errors import ERRORS
from grader.catalog.nbgrader import NBGRADER_NOTICES
from grader.checks import runner
from grader.config import Course
from grader.engine import intake
from grader.engine.grading import default_hide
from grader.engine.notebooks import parse_notebook
from grader.errors import KitError
from grader.nbgrader import testcells
from grader.nbgrader.build import CONFIG_FILE, SOURCE_DIR, course_checks
from grader.nbgrader.gradebook import (
    SolutionCell,
    TestCell,
    course_directory,
    course_settings,
    declare,
    open_gradebook,
    record,
    record_failure,
)
from grader.record.results import Feedback, Report
from grader.record.student import StudentRecord

STAGES = ("read-source", "inspect", "grade", "nbgrader", "feedback")
SUBMITTED_DIR = "submitted"
FEEDBACK_DIR = "feedback"
NBGRADER_FILES = ("timestamp.txt", "submission_secret.txt")
"""Files nbgrader keeps beside a submission; ``release_feedback`` wants them beside the feedback too."""
REPORT_SUFFIX = ".json"
"""A report handed to nbgrader's autograde (:attr:`grader.nbgrader.preprocessors.SandboxGrades.reports`)."""


class GraderFailed(Exception):
    """The grader itself could not grade a student: its sandbox did not start, or it raised. Not the
    student's doing, so never a score: raised inside nbgrader's autograde, it makes nbgrader treat the
    student as it treats any errored autograde (logged by name, no ``autograded/`` folder, a non-zero
    exit), after :func:`grader.nbgrader.gradebook.record_failure` has marked the gradebook."""

    def __init__(self, student: str, reason: str):
        super().__init__(f"{student}: {reason}")
        self.student, self.reason = student, reason


def failure_comment(course: Course, reason: str) -> str:
    """What the gradebook keeps as the solution cells' comment of a student the grader could not grade."""
    return NBGRADER_NOTICES["not-graded"].format(error=reason).get(course.language)

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


def measured_notebooks(course: Course, notebooks: Collection[str]) -> set[str]:
    """The notebooks whose feedback page shows the run (pictures, figures): those of the parts whose checks
    train on the data set (``[[parts]] data = "mnist"``), whatever the course calls them."""
    return {n for n in notebooks if course.needs(n) == "mnist"}


def write_feedback(folder: Path, report: Report, notebooks: list[str], shown: bool, lang: str,
                   submitted: Path, measured: Collection[str] = ()) -> list[Path]:
    """One HTML page per notebook in ``folder``, plus nbgrader's timestamp and secret files. The run's
    pictures and figures (the report's artifacts) go on the pages of the ``measured`` notebooks only: the
    parts whose checks train on the data set (``[[parts]] data = "mnist"``)."""
    from grader.report.html import write_html

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for notebook in notebooks:
        part = Report(results=[r for r in report.results if r.module == notebook], notices=report.notices,
                      student=report.student, scope=report.scope,
                      artifacts=report.artifacts if notebook in measured else {},
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


def grade_one(course: Course, course_dir: Path, student: str, collected: intake.Intake) -> Report:
    """One student graded in this process, as a batch worker grades them (each part in its sandboxed child);
    :class:`GraderFailed` when the grader cannot (the sandbox did not start, a grader bug)."""
    from grader.engine import grading

    hide = [str(Path(course_dir).resolve()), *default_hide(course)]
    options = grading.Options(scope="all", student=student, include_slow=True, hide=hide)
    try:
        report = grading.grade(Path(student), course, options, intake=collected)
    except Exception as error:  # noqa: BLE001 - not the student's doing: no grade, an error to retry
        raise GraderFailed(student, str(error)[:300] if isinstance(error, KitError)
                           else f"{type(error).__name__}: {str(error)[:300]}") from error
    report.student = student
    return report


def sandboxed_config(course_dir: Path) -> None:
    """Refuse a course whose ``nbgrader_config.py`` would run test cells in the students' kernels."""
    from grader.nbgrader.build import AUTOGRADE

    settings = course_settings(course_dir)
    used = [str(p) if isinstance(p, str) else f"{p.__module__}.{p.__name__}"
            for p in settings.Autograde.get("autograde_preprocessors", [])]
    if AUTOGRADE[0] not in used:
        raise KitError(ERRORS["nbgrader-config-kernel"].format(config=Path(course_dir) / CONFIG_FILE))


def run_nbgrader(course_dir: Path, assignment: str, reports: Path) -> subprocess.CompletedProcess:
    """nbgrader's own ``nbgrader autograde ASSIGNMENT --force`` in the course directory, handed ``reports``."""
    command = [sys.executable, "-m", "nbgrader", "autograde", assignment, "--force", "--log-level=WARN",
               f"--SandboxGrades.reports={reports}"]
    return subprocess.run(command, cwd=course_dir, capture_output=True, text=True, errors="replace", check=False)


def autograded_folder(course_dir: Path, student: str, assignment: str) -> Path:
    coursedir = course_directory(course_dir)
    return Path(coursedir.format_path(coursedir.autograded_directory, student, assignment))


def autograded_notebooks(course_dir: Path, student: str, assignment: str) -> list[Path]:
    return sorted(autograded_folder(course_dir, student, assignment).glob("*.ipynb"))


def autograde(course: Course, course_dir: Path, assignment: str | None = None,
              progress: Callable[[str, Report], None] | None = None, workers: int | None = None,
              scheduler: str | None = None, allow_weak_isolation: bool = False,
              failed: Callable[[str, str], None] | None = None) -> list[Report]:
    """Grade every ``submitted/<student>/<assignment>/`` and record it through nbgrader; one report per student.

    ``assignment`` defaults to the one folder under ``source/``. Students are graded in parallel on
    ``grade batch``'s executor (``workers`` and ``scheduler`` as there: an embedded Dask cluster, or
    an existing one); then nbgrader's own ``nbgrader autograde`` writes ``autograded/`` and the
    gradebook from those very reports (:mod:`grader.nbgrader.preprocessors`), so whichever of the two
    commands the instructor runs, a student gets one grade. A student nbgrader cannot process (a
    notebook that is not JSON) is written into the gradebook here, with a notice. ``progress`` is
    called with each graded student's id and report at the end, ``failed`` with the id and the reason of
    each student the grader could not grade (:class:`GraderFailed`: recorded as an error to retry, never
    a score; they are not in the list returned).
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
    sandboxed_config(course_dir)
    notebooks = sorted({t.notebook for t in tests} | {s.notebook for s in solutions})
    submitted = sorted(p for p in (course_dir / SUBMITTED_DIR).glob(f"*/{assignment}") if p.is_dir())
    if not submitted:
        raise KitError(ERRORS["no-submissions"].format(folder=course_dir / SUBMITTED_DIR, assignment=assignment))
    shown, lang = show_hidden(course), course.language
    hide = (str(course_dir.resolve()), *default_hide(course))
    folders = {folder.parent.name: folder for folder in submitted}
    expected = intake.Expected(tuple(m for m in course.modules if m not in course.apart))  # nbgrader's notebooks
    jobs = [Job(student, collect_student(folder, tests, expected), hide, allow_weak_isolation=allow_weak_isolation)
            for student, folder in folders.items()]
    reports: dict[str, Report] = {}
    failures: dict[str, str] = {}
    with Executor(course, workers, scheduler, len(jobs)) as executor:
        for job, outcome in executor.grade(jobs, rules_for(course, include_slow=True)):
            if outcome.report is not None:
                report = Report.from_dict(outcome.report)
                report.student = job.student
                reports[job.student] = report
            else:  # the grader's failure, not the student's: no score
                failures[job.student] = outcome.error or "?"
    with tempfile.TemporaryDirectory(prefix="tf-grade-nbgrader-") as handed:
        for job in jobs:
            digest = intake.content_hash(job.intake)
            if job.student in failures:  # no record: the grader's failure, which SandboxGrades makes nbgrader's error
                data = {"student": job.student, "content_hash": digest, "failure": failures[job.student]}
            else:
                data = StudentRecord(job.student, reports[job.student], content_hash=digest).to_json()
            (Path(handed) / f"{job.student}{REPORT_SUFFIX}").write_text(json.dumps(data), encoding="utf-8")
        ran = run_nbgrader(course_dir, assignment, Path(handed))
    missed = [s for s in reports if not autograded_notebooks(course_dir, s, assignment)]
    if ran.returncode != 0 and reports and len(missed) == len(reports):
        raise KitError(ERRORS["nbgrader-autograde-failed"].format(output=(ran.stdout + ran.stderr).strip()[-1500:]))
    if missed or failures:
        with open_gradebook(course_dir) as gradebook:
            declare(gradebook, assignment, tests, solutions)
            for student, reason in sorted(failures.items()):  # nbgrader erred on them too (SandboxGrades)
                record_failure(gradebook, assignment, student, tests, solutions, failure_comment(course, reason),
                               submitted_time(folders[student]))
                for stale in (autograded_folder(course_dir, student, assignment),  # nbgrader's mark of an error
                              course_dir / FEEDBACK_DIR / student / assignment):  # pages of an earlier grading
                    shutil.rmtree(stale, ignore_errors=True)
            for student in missed:
                report = reports[student]
                report.notices.append(Feedback(NBGRADER_NOTICES["not-autograded"]))
                record(gradebook, assignment, report, tests, solutions, function_comments(report, shown, lang),
                       submitted_time(folders[student]))
                # formgrader counts a student as autograded by this folder: without it, the scores just
                # written would show as an ungraded 0
                autograded_folder(course_dir, student, assignment).mkdir(parents=True, exist_ok=True)
    for student, report in sorted(reports.items()):
        write_feedback(course_dir / FEEDBACK_DIR / student / assignment, report, notebooks, shown, lang,
                       folders[student], measured=measured_notebooks(course, notebooks))
        if progress:
            progress(student, report)
    for student, reason in sorted(failures.items()):
        if failed:
            failed(student, reason)
    return [reports[s] for s in sorted(reports)]


def submitted_time(folder: Path) -> str | None:
    """The time nbgrader's exchange recorded for a submission (its ``timestamp.txt``), if any."""
    stamp = folder / NBGRADER_FILES[0]
    return stamp.read_text(encoding="utf-8").strip() if stamp.is_file() else None


def only_assignment(course_dir: Path) -> str:
    """The one assignment folder under ``source/``."""
    source = Path(course_dir) / SOURCE_DIR
    names = sorted(p.name for p in source.iterdir() if p.is_dir()) if source.is_dir() else []
    if len(names) != 1:
        found = ", ".join(names) if names else ERRORS["none-found"]
        raise KitError(ERRORS["one-assignment"].format(folder=source, found=found))
    return names[0]
