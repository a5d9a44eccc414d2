"""grader.report.csv: grades.csv, one row per student, from the same reports."""

from __future__ import annotations

import csv

from grader.report.csv import write_grades_csv


def test_one_row_per_student(tmp_path, correct_report, mistake_report, bare_report):
    """Does grades.csv hold student_id, score, max_score, failed, each check's points and the notes?"""
    path = write_grades_csv(tmp_path / "grades.csv", [correct_report, mistake_report, bare_report], "ko")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["student_id"] for r in rows] == ["s001", "s002", ""]
    assert [(r["score"], r["max_score"], r["failed"]) for r in rows] == [
        ("80", "80", "0"), ("60", "100", "3"), ("5", "10", "1")]
    first = list(rows[0])
    assert first[:4] == ["student_id", "score", "max_score", "failed"] and first[-1] == "notes"
    assert rows[1]["cnn.first_conv: output shape and parameters"] == "0"
    assert rows[1]["concepts.conv_output_size: odd sizes and strides"] == "0"
    assert rows[0]["concepts.conv_output_size: odd sizes and strides"] == ""  # public run: not graded
    assert rows[1]["notes"] == "cnn.py와 cnn.ipynb가 모두 있어 cnn.py를 채점합니다."
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets read the Korean as UTF-8
