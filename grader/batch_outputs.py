"""What ``grade batch`` writes, each file atomically (a temporary file, then ``os.replace``).

Per student, in ``OUT_DIR/<id>/``: ``results.json`` (Gradescope schema),
``feedback.html`` and, last, ``report.json`` (the :class:`~grader.results.Report`
plus the batch's own facts: status, content hash, kit version). A student
counts as done once ``report.json`` is there; the batch reads these files back
to resume and to write ``OUT_DIR/grades.csv``.

The renderers live in :mod:`grader.report`; this module only decides the file
names, the batch columns of ``grades.csv`` and how files are written.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from grader.config import Course
from grader.messages import Text
from grader.results import Report

REPORT_FILE = "report.json"
RESULTS_FILE = "results.json"
FEEDBACK_FILE = "feedback.html"
GRADES_FILE = "grades.csv"
MODULE_ORDER = ("tensors", "cnn", "concepts")
BATCH_COLUMNS = ("student_id", "score", "max_score", "status")


def _file_mode() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


FILE_MODE = _file_mode()


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half of one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def remove_stale_temporaries(folder: Path) -> None:
    """Temporary files left by a batch that was killed while writing."""
    for tmp in Path(folder).glob(".*.tmp"):
        try:
            tmp.unlink()
        except OSError:
            pass


def show_hidden(course: Course, now: datetime | None = None) -> bool:
    """Whether students may read hidden-check results now (``[feedback] show_hidden``, ``[course] due``)."""
    mode = course.feedback.show_hidden
    if mode != "after_due":
        return mode == "always"
    if not course.course.due:
        return True
    try:
        due = datetime.fromisoformat(course.course.due)
    except ValueError:
        return False
    if due.tzinfo is None:
        due = due.replace(tzinfo=timezone.utc)
    return (now or datetime.now(timezone.utc)) >= due


def results_json(report: Report, lang: str, hidden_shown: bool) -> str:
    try:
        from grader.report.gradescope import to_results_json
    except ImportError:  # the report package is optional while it is being built
        data = {"score": report.score, "max_score": report.max_score,
                "output": "\n".join(n.render(lang) for n in report.notices),
                "tests": [{"name": r.name, "score": r.score, "max_score": r.max_score, "status": r.status,
                           "output": r.feedback.render(lang) if r.feedback else "",
                           "visibility": "after_due_date" if r.hidden else "visible"}
                          for r in report.results]}
    else:
        data = to_results_json(report, lang, hidden_shown)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def feedback_html(report: Report, lang: str, hidden_shown: bool) -> str:
    try:
        from grader.report.html import render_html
    except ImportError:
        import html

        lines = [f"{r.name}: {r.status} {r.score:g}/{r.max_score:g}" for r in report.results]
        lines += [n.render(lang) for n in report.notices]
        return f"<!doctype html><meta charset='utf-8'><pre>{html.escape(chr(10).join(lines))}</pre>\n"
    return render_html(report, lang, show_hidden=hidden_shown)


def write_student(out_dir: Path, record: dict, lang: str, hidden_shown: bool) -> None:
    """All of one student's files; ``report.json`` last, since it marks the student as done."""
    folder = Path(out_dir) / record["student"]
    report = Report.from_dict(record)
    write_atomic(folder / RESULTS_FILE, results_json(report, lang, hidden_shown))
    write_atomic(folder / FEEDBACK_FILE, feedback_html(report, lang, hidden_shown))
    write_atomic(folder / REPORT_FILE, json.dumps(record, ensure_ascii=False, indent=1) + "\n")


def read_record(out_dir: Path, student: str) -> dict | None:
    """A student's ``report.json``, or ``None`` when it is missing or unreadable."""
    try:
        data = json.loads((Path(out_dir) / student / REPORT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("student") == student else None


def rendered(out_dir: Path, student: str) -> bool:
    folder = Path(out_dir) / student
    return (folder / RESULTS_FILE).is_file() and (folder / FEEDBACK_FILE).is_file()


def write_grades(out_dir: Path, students: list[str], records: dict[str, dict], lang: str,
                 not_graded: Text) -> Path:
    """``grades.csv``: one row per student, sorted by id.

    Columns: ``student_id, score, max_score, status``, one column per module
    (its points), then the report package's columns (failed checks, one per
    check, notes) where it is installed.
    """
    reports = {s: Report.from_dict(records[s]) for s in students if s in records}
    modules = [m for m in MODULE_ORDER if any(r.module == m for rep in reports.values() for r in rep.results)]
    modules += sorted({r.module for rep in reports.values() for r in rep.results} - set(modules))
    extra_header: list[str] = []
    extra_rows: dict[str, list] = {}
    try:
        from grader.report.csv import grade_rows
    except ImportError:  # the report package is optional while it is being built
        pass
    else:
        header, rows = grade_rows([reports[s] for s in sorted(reports)], lang)
        keep = [i for i, name in enumerate(header) if name not in BATCH_COLUMNS]
        extra_header = [header[i] for i in keep]
        extra_rows = {str(row[0]): [row[i] for i in keep] for row in rows}
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*BATCH_COLUMNS, *modules, *extra_header])
    for student in sorted(students):
        report = reports.get(student)
        if report is None:
            writer.writerow([student, "", "", not_graded.get(lang), *([""] * (len(modules) + len(extra_header)))])
            continue
        per_module = [_number(sum(r.score for r in report.results if r.module == m)) for m in modules]
        writer.writerow([student, _number(report.score), _number(report.max_score), records[student].get("status", ""),
                         *per_module, *extra_rows.get(student, [""] * len(extra_header))])
    path = Path(out_dir) / GRADES_FILE
    write_atomic(path, "\ufeff" + buffer.getvalue())
    return path


def _number(value: float) -> str:
    return f"{round(value, 4):g}"
