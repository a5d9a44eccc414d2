"""Nothing a submission controls reaches a terminal or a spreadsheet as anything but text."""

import csv

from grader.checks.runner import call_feedback
from grader.messages import Text, printable
from grader.report.csv import safe_cell, write_table
from grader.sandbox.host.submission import CallError

HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x1b[0m\x9b31m\x07bell\rcarriage\x08\u202eevil\x00"


def test_escape_sequences_and_control_characters_are_stripped():
    """Are OSC titles, CSI codes, C1 codes, bells, carriage returns, backspaces and bidi overrides removed,
    while newlines, tabs and Korean stay?"""
    assert printable(HOSTILE) == "redbellcarriageevil"
    assert printable("한국어\n\tline") == "한국어\n\tline"
    assert printable("\x1bP1;2|secret\x1b\\after") == "after"


def test_feedback_built_from_a_hostile_exception_is_clean():
    """Does an exception whose type name and message carry escape sequences give feedback without them?"""
    error = CallError("exception", "tensors.add", "Boom\x1b]8;;http://x\x07", "msg\x1b[2J" + HOSTILE,
                      {"file": "tensors.py\x1b[1m", "line": 3, "code": "x = 1\x07"})
    feedback = call_feedback(error)
    for lang in ("ko", "en"):
        assert not any(ord(c) < 32 and c not in "\n\t" for c in feedback.render(lang))
        assert "\x1b" not in feedback.render(lang) and "\x9b" not in feedback.render(lang)
    assert Text("\x1b[31mA", "\x1b[31mB") == Text("A", "B")


def test_csv_cells_that_would_run_as_formulas_are_neutralised(tmp_path):
    """Do cells starting with = + - @ tab or CR (student ids included) read back as text with a leading ',
    while numbers (negative ones too) stay numbers?"""
    assert [safe_cell(v) for v in ("=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx", "-1.5", "3", "kim")] == [
        "'=1+1", "'+cmd", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx", "-1.5", "3", "kim"]
    path = write_table(tmp_path / "grades.csv", [["student_id", "score"], ['=HYPERLINK("http://x","y")', "5"]])
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[1] == ['\'=HYPERLINK("http://x","y")', "5"]
