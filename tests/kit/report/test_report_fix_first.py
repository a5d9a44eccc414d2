"""What to fix first: the real `grade check` on untouched stubs and on a syntax error, and the grouping rules."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from report_samples import failed, passed
from rich.cells import cell_len

from grader.messages import Text
from grader.record.results import Feedback, Report
from grader.report import fix_first

ROOT = Path(__file__).resolve().parents[3]


def grade_check(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`grade check` as a student runs it, in a 100-column terminal."""
    return subprocess.run([sys.executable, "-m", "grader", "check", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, check=False, env={**os.environ, "GRADE_OFFLINE": "1", "COLUMNS": "100"})


@pytest.mark.slow
def test_untouched_stubs_fit_one_screen():
    """Does `grade check` on the untouched exercises fit 40 lines of 100 columns, naming the next function?"""
    result = grade_check("--path", "exercises")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.rstrip("\n").splitlines()
    assert len(lines) <= 40, result.stdout
    assert max(cell_len(line) for line in lines) <= 100
    out = result.stdout
    assert re.search(r"공개 검사 \d+점 중 0점 · 숨은 검사 \d+점은 채점 때 실행", out)
    assert "아래 순서대로 고쳐 보세요" in out and "아래 설명을 보고" not in out
    next_stub = next(line for line in lines if "아직 구현하지 않은 함수" in line and "다음:" in line)
    assert "`tensors.make_variable` (tensors.py " in next_stub and "번째 줄)" in next_stub
    assert re.search(r"이번 실행: 학습하지 않는 공개 검사 \d+개\(\d+점\)", out)
    assert out.count("╭") == 0  # nothing to explain box by box: the list says it all


@pytest.mark.slow
def test_syntax_error_is_one_box_with_the_line_and_a_caret(tmp_path):
    """Does a syntax error print one box with the line, a caret under the column and a plain explanation?"""
    source = (ROOT / "solutions" / "tensors.py").read_text(encoding="utf-8")
    broken = source.replace("return tf.Variable(", "return (tf.Variable(", 1)
    assert broken != source
    (tmp_path / "tensors.py").write_text(broken, encoding="utf-8")
    result = grade_check("tensors", "--path", str(tmp_path), "--lang", "en")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.count("╭") == 1, out
    number = next(i for i, line in enumerate(broken.splitlines(), 1) if "return (tf.Variable(" in line)
    assert f"tensors.py line {number}: syntax error (SyntaxError)" in out
    lines = out.splitlines()
    code = next(i for i, line in enumerate(lines) if "return (tf.Variable(" in line)
    assert lines[code + 1].index("^") == lines[code].index("return (") + len("return ")
    assert "A bracket opened here is never closed" in out
    assert f"1. A syntax error on tensors.py line {number} stopped all" in out


@pytest.mark.slow
def test_a_notebook_syntax_error_points_at_its_cell(tmp_path):
    """In a notebook, does the syntax error's box name the cell (counted from the top) and the line in that
    cell, not a line of the converted source?"""
    import nbformat

    notebook = nbformat.read(ROOT / "exercises" / "notebooks" / "tensors.ipynb", as_version=4)
    number, cell = next((n, c) for n, c in enumerate(notebook.cells, 1)
                        if c.cell_type == "code" and "def make_variable" in c.source)
    lines = cell.source.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("raise NotImplementedError"))
    lines.insert(at, lines[at][:len(lines[at]) - len(lines[at].lstrip())] + "x = (1,")
    cell.source = "\n".join(lines)
    nbformat.write(notebook, tmp_path / "tensors.ipynb")
    result = grade_check("tensors", "--path", str(tmp_path), "--lang", "en")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"tensors.ipynb, cell {number}, line {at + 1}: syntax error (SyntaxError)" in out, out
    assert f"1. A syntax error in tensors.ipynb, cell {number}, line {at + 1}, stopped all" in out
    assert f"{at + 1} │" in out and "x = (1," in out


def test_a_notebook_syntax_error_title_names_the_cell():
    """Is a notebook's syntax error placed by cell and line in that cell, in Korean and English?"""
    cause = {"kind": "syntax", "function": "tensors.make_variable", "error_type": "SyntaxError",
             "file": "tensors.ipynb", "cell_number": 5, "line": 3, "code": "x = (1,", "column": 5}
    [fix] = fix_first.fixes(Report(results=[failed("tensors.make_variable: returns a tf.Variable", 2,
                                                   Feedback(Text("ko", "en"), cause=cause))]))
    assert fix.title.ko == "tensors.ipynb 5번째 셀 3번째 줄의 문법 오류 때문에 tensors 검사 1개를 실행하지 못했습니다."
    assert fix.title.en == "A syntax error in tensors.ipynb, cell 5, line 3, stopped all 1 tensors checks."
    assert fix_first.syntax_title(cause, "tensors").ko == "tensors.ipynb 5번째 셀 3번째 줄: 문법 오류 (SyntaxError)"


def _not_implemented(name: str, line: int) -> object:
    function = name.split(":", 1)[0]
    return failed(name, 2, Feedback(Text("ko", "en"), cause={
        "kind": "not-implemented", "function": function, "file": f"{function.split('.')[0]}.py", "line": line}))


def test_order_and_groups():
    """Are real failures listed before the stubs, the stubs grouped as one item naming the first, and
    a module's stubs collapsed into one row?"""
    report = Report(results=[
        passed("tensors.add: adds", 1),
        _not_implemented("tensors.make_variable: returns a tf.Variable", 42),
        _not_implemented("tensors.make_variable: keeps the dtype asked for", 42),
        _not_implemented("tensors.matmul: multiplies", 60),
        failed("cnn.first_conv: 32 filters", 3, Feedback(Text("첫 합성곱 층이 다릅니다.", "The first conv differs."))),
        _not_implemented("concepts.conv_params: counts", 10),
    ])
    todo = fix_first.fixes(report)
    assert [f.kind for f in todo] == ["failed", "not-implemented"]
    assert todo[0].title.en == "`cnn.first_conv`: The first conv differs."
    assert todo[1].title.ko == "아직 구현하지 않은 함수 3개 — 다음: `tensors.make_variable` (tensors.py 42번째 줄)"
    assert todo[1].title.en == "3 functions not implemented yet — next: `tensors.make_variable` (tensors.py line 42)"
    rows = fix_first.module_rows([r for r in report.results if r.module == "tensors"])
    assert [kind for kind, _ in rows] == ["not-implemented"]
    assert fix_first.collapsed_row("not-implemented", rows[0][1]).ko == "아직 구현하지 않은 함수 2개 (검사 3개)"


def test_caret_counts_wide_characters():
    """Is the caret under the column Python named, when a Korean string comes before it?"""
    _, caret = fix_first.caret_line({"code": 'x = "한글" +', "column": 11})
    assert caret == " " * 12 + "^"
    assert fix_first.caret_line({"code": "  "}) is None


def test_a_notebook_stub_is_placed_by_its_cell():
    """For work in a notebook, does the next stub say its cell rather than a line of converted code?"""
    result = failed("tensors.make_variable: returns a tf.Variable", 2, Feedback(Text("ko", "en"), cause={
        "kind": "not-implemented", "function": "tensors.make_variable", "file": "tensors.ipynb",
        "cell": "make_variable"}))
    [fix] = fix_first.fixes(Report(results=[result]))
    assert fix.title.ko == "아직 구현하지 않은 함수 1개: `tensors.make_variable` (tensors.ipynb의 `make_variable` 셀)"
