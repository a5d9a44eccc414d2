"""Scores into nbgrader's ``gradebook.db``, through nbgrader's own API.

Each test cell of the source notebooks is one nbgrader grade cell, named by
its ``grade_id``; a student's grade for it is the kit's verdict on the check
the cell carries (``auto_score``), so ``nbgrader export`` and the formgrader
show the kit's scores. Manual scores an instructor gave are left as they are.
Each function's solution cell gets the feedback of that function's failed
checks as its automatic comment.
"""

from __future__ import annotations

import os
import sys
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from grader.catalog.errors import ERRORS
from grader.errors import KitError
from grader.record.results import Report

DB_FILE = "gradebook.db"
CONFIG_FILE = "nbgrader_config.py"


@dataclass(frozen=True)
class TestCell:
    """One autograded test cell of a source notebook: one check."""

    notebook: str
    """The notebook's name without ``.ipynb`` (its part's module)."""
    grade_id: str
    check: str
    """The check's name, from the cell's ``tf_grade`` metadata."""
    points: float
    source: str
    """The cell as students received it (hidden tests removed)."""


@dataclass(frozen=True)
class SolutionCell:
    notebook: str
    grade_id: str
    function: str


def course_settings(course_dir: Path):
    """The course's ``nbgrader_config.py`` as nbgrader reads it (an empty configuration where there is none)."""
    from traitlets.config import Config
    from traitlets.config.loader import ConfigFileNotFound, PyFileConfigLoader

    try:
        return PyFileConfigLoader(CONFIG_FILE, path=str(Path(course_dir).resolve())).load_config()
    except ConfigFileNotFound:
        return Config()
    except Exception as error:  # noqa: BLE001 - the instructor's Python file: any error it raises
        raise KitError(ERRORS["gradebook-unreadable"].format(path=Path(course_dir) / CONFIG_FILE,
                                                             detail=error)) from None


def course_directory(course_dir: Path):
    """nbgrader's :class:`~nbgrader.coursedir.CourseDirectory` for this course, as its configuration sets it
    (``db_url``, ``autograded_directory``, ...), rooted in ``course_dir`` unless the file says otherwise."""
    from nbgrader.coursedir import CourseDirectory

    settings = course_settings(course_dir)
    coursedir = CourseDirectory(config=settings)
    if "root" not in settings.CourseDirectory:
        coursedir.root = str(Path(course_dir).resolve())
    return coursedir


@contextmanager
def open_gradebook(course_dir: Path) -> Iterator:
    """nbgrader's :class:`~nbgrader.api.Gradebook` where the course's configuration puts it (``db_url``;
    nbgrader's default is ``COURSE_DIR/gradebook.db``).

    A new database asks the ``alembic`` command for its schema version; it is
    installed beside this Python, which need not be on ``PATH``.
    """
    try:
        from nbgrader.api import Gradebook
        from sqlalchemy.exc import SAWarning
    except ImportError:
        raise KitError(ERRORS["nbgrader-missing"]) from None

    path = os.environ.get("PATH", "")
    here = str(Path(sys.executable).parent)
    os.environ["PATH"] = os.pathsep.join([here, path]) if path else here
    try:
        coursedir = course_directory(course_dir)
        gradebook = Gradebook(coursedir.db_url, coursedir.course_id)
    except KitError:
        raise
    except Exception as error:  # nbgrader raises sqlalchemy's and subprocess' errors here
        raise KitError(ERRORS["gradebook-unreadable"].format(path=Path(course_dir) / DB_FILE, detail=error)) from None
    finally:
        os.environ["PATH"] = path
    try:
        with warnings.catch_warnings():
            # nbgrader's add_submission trips SQLAlchemy's autoflush warning; the rows are saved regardless
            warnings.filterwarnings("ignore", category=SAWarning)
            yield gradebook
    finally:
        gradebook.close()


def declare(gradebook, assignment: str, tests: list[TestCell], solutions: list[SolutionCell]) -> None:
    """Make sure the assignment, its notebooks and cells exist, as ``generate_assignment`` records them.

    A grade cell the gradebook holds but the source notebooks no longer have is
    an error: its points would still count in nbgrader's totals.
    """
    gradebook.update_or_create_assignment(assignment)
    for notebook in sorted({t.notebook for t in tests} | {s.notebook for s in solutions}):
        gradebook.update_or_create_notebook(notebook, assignment)
        known = {t.grade_id for t in tests if t.notebook == notebook}
        stale = sorted(c.name for c in gradebook.find_notebook(notebook, assignment).grade_cells
                       if c.name not in known)
        if stale:
            raise KitError(ERRORS["gradebook-stale"].format(db=DB_FILE, assignment=assignment, notebook=notebook,
                                                            cells=", ".join(stale)))
    for test in tests:
        gradebook.update_or_create_grade_cell(test.grade_id, test.notebook, assignment,
                                              max_score=test.points, cell_type="code")
    for solution in solutions:
        gradebook.update_or_create_solution_cell(solution.grade_id, solution.notebook, assignment)


def _parsed(timestamp: str):
    """nbgrader's reading of a ``timestamp.txt``, or ``None`` when it is not a time."""
    from nbgrader.utils import parse_utc

    try:
        return parse_utc(timestamp)
    except (ValueError, OverflowError):
        return None


def _rows(gradebook, assignment: str, student: str, timestamp: str | None):
    """The student's submission (made where missing, with ``timestamp``) and two finders that make any
    grade or comment row a notebook added after this student's first grading lacks."""
    from nbgrader.api import Comment, Grade, MissingEntry, SubmittedNotebook

    gradebook.update_or_create_student(student)
    when = _parsed(timestamp) if timestamp else None
    submission = gradebook.update_or_create_submission(assignment, student,
                                                       **({"timestamp": when} if when else {}))

    def submitted(notebook: str):
        try:
            return gradebook.find_submission_notebook(notebook, assignment, student)
        except MissingEntry:  # a notebook added to the assignment after this student's first grading
            row = SubmittedNotebook(notebook=gradebook.find_notebook(notebook, assignment), assignment=submission)
            gradebook.db.add(row)
            return row

    def grade_row(test: TestCell):
        try:
            return gradebook.find_grade(test.grade_id, test.notebook, assignment, student)
        except MissingEntry:
            grade = Grade(cell=gradebook.find_grade_cell(test.grade_id, test.notebook, assignment),
                          notebook=submitted(test.notebook))
            gradebook.db.add(grade)
            return grade

    def comment_row(solution: SolutionCell):
        try:
            return gradebook.find_comment(solution.grade_id, solution.notebook, assignment, student)
        except MissingEntry:
            comment = Comment(cell=gradebook.find_solution_cell(solution.grade_id, solution.notebook, assignment),
                              notebook=submitted(solution.notebook))
            gradebook.db.add(comment)
            return comment

    return grade_row, comment_row


def record(gradebook, assignment: str, report: Report, tests: list[TestCell], solutions: list[SolutionCell],
           comments: dict[str, str], timestamp: str | None = None) -> None:
    """Write one student's scores (and the function comments in ``comments``) into the gradebook."""
    grade_row, comment_row = _rows(gradebook, assignment, report.student, timestamp)
    scores = {r.name: r.score for r in report.results}
    for test in tests:
        grade = grade_row(test)
        grade.auto_score = float(scores.get(test.check, 0.0))
        grade.needs_manual_grade = False
    for solution in solutions:
        comment_row(solution).auto_comment = comments.get(f"{solution.notebook}.{solution.function}") or None
    gradebook.db.commit()


def record_failure(gradebook, assignment: str, student: str, tests: list[TestCell], solutions: list[SolutionCell],
                   reason: str, timestamp: str | None = None) -> None:
    """Record that the grader could not grade ``student`` (its sandbox did not start, or it failed): no
    automatic score at all, so every test cell *needs manual grade* in nbgrader's terms (formgrader flags
    it; a score of 0 the student did not earn is never written), and ``reason`` as each solution cell's
    automatic comment, where formgrader's grading view shows it. Scores set by hand stay; the next
    autograde that grades the student replaces all of this."""
    grade_row, comment_row = _rows(gradebook, assignment, student, timestamp)
    for test in tests:
        grade = grade_row(test)
        grade.auto_score = None
        grade.needs_manual_grade = True
    for solution in solutions:
        comment_row(solution).auto_comment = reason
    gradebook.db.commit()
