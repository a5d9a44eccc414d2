"""nbgrader's own ``nbgrader autograde``, grading through the kit's sandboxed engine.

``grade nbgrader build`` writes these into the course's ``nbgrader_config.py``
(:data:`grader.nbgrader.build.SANITIZE` and :data:`~grader.nbgrader.build.AUTOGRADE`), where nbgrader is meant to be
extended: its ``Autograde`` converter's two preprocessor lists.

* :class:`RestoreHiddenTests` (sanitizing, before nbgrader's ``OverwriteCells``):
  a locked test cell that is exactly what ``generate_assignment`` released (its
  hidden tests removed) gets its source back, so an untouched cell raises no
  "Attribute 'checksum' ... has changed!" warning; an edited one still does.
* :class:`SandboxGrades` (instead of nbgrader's ``Execute``): nothing runs in the
  student's kernel. The student's whole ``submitted/<student>/<assignment>/``
  is graded once by :func:`grader.engine.grading.grade` (each part in its own sandboxed
  child, error carried forward across notebooks), and each test cell gets the
  kit's verdict on its check as its output: a "passed" line (full points), an
  error (no points) or the score as the cell's result (partial credit), which
  is how nbgrader's own ``SaveAutoGrades`` reads a test cell. Which check a cell
  carries comes from the instructor's ``source/`` notebooks, never from the
  student's copy.
* :class:`SandboxComments` (after ``SaveAutoGrades``): each function's solution
  cell gets its failed checks' feedback as nbgrader's automatic comment.

So ``autograded/``, ``gradebook.db``, ``nbgrader generate_feedback``,
``nbgrader export`` and formgrader all read one set of results. ``grade nbgrader
autograde`` grades a class in parallel first and hands the reports over
(:attr:`SandboxGrades.reports`); each is used only for the very files it graded.
"""

from __future__ import annotations

import json
from pathlib import Path

from nbformat import NotebookNode
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from grader import config
from grader.catalog.nbgrader import NBGRADER_CELLS
from grader.catalog.student import LABELS
from grader.engine import intake
from grader.nbgrader import testcells
from grader.record.results import Report
from grader.record.student import StudentRecord

_GRADED: dict[tuple[str, str], Report] = {}
"""Reports graded in this process, by submission folder and content hash (one grading per student)."""


class RestoreHiddenTests(NbGraderPreprocessor):
    """A released test cell left as it was gets its hidden tests back before ``OverwriteCells`` compares it."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            for cell in nb.cells:
                meta = cell.get("metadata", {}).get("nbgrader") or {}
                if cell.get("cell_type") != "code" or not (meta.get("grade") and meta.get("locked")):
                    continue
                try:
                    source = gradebook.find_source_cell(meta.get("grade_id"), info["notebook"], info["assignment"])
                except MissingEntry:
                    continue
                released = testcells.strip_hidden(source.source)
                if released != source.source and cell.source.strip() == released.strip():
                    cell.source = source.source
        return nb, resources


def _kit(preprocessor: NbGraderPreprocessor) -> config.Course:
    kit = preprocessor.config.SandboxGrades.get("kit") or ""
    return config.load(Path(kit)) if kit else config.load()


def submission_folder(preprocessor: NbGraderPreprocessor, student: str, assignment: str) -> tuple[Path, Path]:
    """The course directory and ``submitted/<student>/<assignment>`` as this nbgrader run names them."""
    coursedir = CourseDirectory(config=preprocessor.config)
    folder = coursedir.format_path(coursedir.submitted_directory, student, assignment)
    return Path(coursedir.root), Path(folder)


def report_for(preprocessor: NbGraderPreprocessor, resources: dict) -> Report:
    """The kit's report on this notebook's student: handed over (:attr:`SandboxGrades.reports`), graded
    earlier in this process, or graded now; each only for the files it graded."""
    from grader.nbgrader import autograde

    cached = resources.get("tf_grade_report")
    if cached is not None:
        return cached
    info = resources["nbgrader"]
    student, assignment = info["student"], info["assignment"]
    course_dir, folder = submission_folder(preprocessor, student, assignment)
    course = _kit(preprocessor)
    tests, solutions = autograde.source_cells(course_dir, assignment)
    collected = autograde.collect_student(folder, tests)
    digest = intake.content_hash(collected)
    key = (str(folder.resolve()), digest)
    report = _GRADED.get(key)
    reports = preprocessor.config.SandboxGrades.get("reports") or ""
    handed = Path(reports) / f"{student}{autograde.REPORT_SUFFIX}" if reports else None
    try:
        if report is None and handed is not None and handed.is_file():
            data = json.loads(handed.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("content_hash") == digest:
                if "failure" in data and "results" not in data:  # `grade nbgrader autograde` could not grade them
                    raise autograde.GraderFailed(student, str(data["failure"]))
                report = StudentRecord.from_json(data).adjusted()
        if report is None:
            autograde.check_in_step(course, tests, autograde.course_checks(course),
                                    course_dir / autograde.SOURCE_DIR / assignment)
            report = autograde.grade_one(course, course_dir, student, collected)
            for notice in report.notices:
                preprocessor.log.warning("%s: %s", student, notice.summary.get(course.language))
    except autograde.GraderFailed as failed:  # no score: nbgrader errs on this student, the gradebook says why
        from grader.nbgrader.gradebook import record_failure

        with Gradebook(info["db_url"]) as gradebook:
            record_failure(gradebook, assignment, student, tests, solutions,
                           autograde.failure_comment(course, failed.reason))
        preprocessor.log.error("%s", autograde.failure_comment(course, failed.reason))
        raise
    _GRADED[key] = report
    resources["tf_grade_report"] = report
    resources["tf_grade_course"] = course
    resources["tf_grade_tests"] = {t.grade_id: t for t in tests if t.notebook == info["notebook"]}
    resources["tf_grade_functions"] = {s.grade_id: s.function for s in solutions if s.notebook == info["notebook"]}
    return report


def verdict_outputs(name: str, result, points: float, course: config.Course, shown: bool) -> list[NotebookNode]:
    """Check ``name``'s test cell outputs for the kit's verdict (``result``, ``None`` when the report has
    none), as nbgrader's ``determine_grade`` reads them."""
    from nbformat.v4 import new_output

    from grader.report import view

    lang = course.language
    score = float(result.score) if result is not None else 0.0
    text = view.check_output(result, lang, shown) if result is not None else ""
    if result is not None and score >= points:
        line = f"✓ {name}: {LABELS['passed'].both()}"
        return [new_output("stream", name="stdout", text="\n\n".join(p for p in (line, text) if p) + "\n")]
    if score <= 0:
        message = "\n\n".join(p for p in (f"{NBGRADER_CELLS['check-failed'].both()}: {name}", text) if p)
        return [new_output("error", ename="CheckFailed", evalue=message, traceback=message.splitlines())]
    return [new_output("stream", name="stdout", text=f"{name}\n\n{text}\n"),
            new_output("execute_result", data={"text/plain": f"{score:g}"}, execution_count=None)]


class SandboxGrades(NbGraderPreprocessor):
    """Each test cell's output is the kit's sandboxed verdict on its check; the student's kernel never runs."""

    kit = Unicode("", help="The kit's folder (where course.toml and tests/checks are); "
                           "written by `grade nbgrader build`.").tag(config=True)
    reports = Unicode("", help="A folder of reports `grade nbgrader autograde` graded already "
                               "(<student>.json); each is used only for the files it graded.").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        from grader.batch import show_hidden

        report = report_for(self, resources)
        course, tests = resources["tf_grade_course"], resources["tf_grade_tests"]
        results = {r.name: r for r in report.results}
        shown = show_hidden(course)
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader") or {}
            if cell.get("cell_type") != "code":
                continue
            cell.outputs, cell.execution_count = [], None
            test = tests.get(meta.get("grade_id")) if meta.get("grade") else None
            if test is not None:
                cell.outputs = verdict_outputs(test.check, results.get(test.check), test.points, course, shown)
        return nb, resources


class SandboxComments(NbGraderPreprocessor):
    """Each solution cell's automatic comment: the feedback of its function's failed checks."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        from grader.batch import show_hidden
        from grader.nbgrader.autograde import function_comments

        report, course = report_for(self, resources), resources["tf_grade_course"]
        comments = function_comments(report, show_hidden(course), course.language)
        info, functions = resources["nbgrader"], resources["tf_grade_functions"]
        with Gradebook(info["db_url"]) as gradebook:
            for cell in nb.cells:
                meta = cell.get("metadata", {}).get("nbgrader") or {}
                function = functions.get(meta.get("grade_id"))  # from the instructor's notebooks
                if not (meta.get("solution") and function):
                    continue
                try:
                    comment = gradebook.find_comment(meta["grade_id"], info["notebook"], info["assignment"],
                                                     info["student"])
                except MissingEntry:
                    continue
                text = comments.get(f"{info['notebook']}.{function}")
                if text:
                    comment.auto_comment = text
            gradebook.db.commit()
        return nb, resources
