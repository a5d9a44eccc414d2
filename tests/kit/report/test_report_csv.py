"""grader.report.csv: grades.csv, one row per student, from the same reports, laid out for a spreadsheet."""

from __future__ import annotations

import csv

from grader.messages import Text
from grader.record.results import Adjustment
from grader.record.student import ClassFacts, StudentRecord
from grader.report.csv import GradeRow, grade_table, write_grades_csv


def test_one_row_per_student(tmp_path, correct_report, mistake_report, bare_report):
    """Does grades.csv hold a points-possible row, then student_id, score, max_score, status, failed, each check's
    points under its stable id and maximum, and the notes?"""
    path = write_grades_csv(tmp_path / "grades.csv", [correct_report, mistake_report, bare_report], "ko")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["student_id"] for r in rows] == ["Points Possible", "s001", "s002", ""]
    assert [(r["score"], r["max_score"], r["status"], r["failed"]) for r in rows[1:]] == [
        ("80", "80", "graded", "0"), ("60", "100", "graded", "3"), ("5", "10", "graded", "1")]
    header = list(rows[0])
    assert header[:5] == ["student_id", "name", "score", "max_score", "status"] and header[-1] == "notes"
    first_conv = next(h for h in header if h.startswith("cnn.first_conv.output_shape_and_parameters ("))
    assert rows[0][first_conv] == first_conv.split("(")[1].rstrip(")")  # the maximum, in the header and row 2
    assert rows[2][first_conv] == "0"
    odd = next(h for h in header if h.startswith("concepts.conv_output_size.") and rows[2][h] == "0"
               and rows[1][h] == "")
    assert odd  # a hidden check the public run did not grade is empty, not 0
    assert rows[2]["notes"] == "cnn.py와 cnn.ipynb가 모두 있어 cnn.py를 채점합니다."
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets read the Korean as UTF-8


def test_late_penalty_override_and_no_submission(correct_report):
    """Do a late penalty and an override show in their columns, and a student without a report in words?"""
    adjustments = (Adjustment("late", -8.0, Text("늦음", "late")), Adjustment("override", 3.0, Text("조정", "changed")))
    report = StudentRecord("s001", correct_report, facts=ClassFacts(late_days=1, adjustments=adjustments)).adjusted()
    table = grade_table([GradeRow("s001", report, "graded", "Kim", "2026-12-02T10:00:00+00:00", 1),
                         GradeRow("s009", None, "no submission", "Lee")], "en")
    rows = [dict(zip(table[0], row)) for row in table[2:]]
    assert (rows[0]["score"], rows[0]["late"], rows[0]["late_penalty"], rows[0]["override"]) == ("75", "1", "8", "3")
    assert rows[0]["submitted_at"] == "2026-12-02T10:00:00+00:00" and rows[0]["name"] == "Kim"
    assert (rows[1]["student_id"], rows[1]["status"], rows[1]["score"]) == ("s009", "no submission", "")
