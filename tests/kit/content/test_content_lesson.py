"""The exercise notebooks as a runnable lesson: install cell, each docstring once, try and check cells."""

from __future__ import annotations

import ast
import os
import sys
from pathlib import Path

import nbformat
import pytest
from classroom import MODULES

from grader.content.lesson import MARKERS, TRIES
from grader.content.notebooks import module_to_notebook
from grader.engine.notebooks import notebook_to_source

ROOT = Path(__file__).resolve().parents[3]


def lesson(module: str, folder: str = "exercises") -> nbformat.NotebookNode:
    source = (ROOT / folder / f"{module}.py").read_text(encoding="utf-8")
    return module_to_notebook(source, module, lesson=True)


@pytest.mark.parametrize("module", MODULES)
def test_each_docstring_once_and_a_try_and_check_cell_per_function(module):
    """Does each function's docstring appear once, followed by its code, a try-it cell and a check cell?"""
    nb = lesson(module)
    nbformat.validate(nb)
    text = "\n".join(cell.source for cell in nb.cells)
    tree = ast.parse((ROOT / "exercises" / f"{module}.py").read_text(encoding="utf-8"))
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    for node in functions:
        doc = ast.get_docstring(node)
        assert text.count(doc.splitlines()[0]) == 1, node.name
        ids = [cell.id for cell in nb.cells]
        at = ids.index(f"{module}-{node.name}")
        assert ids[at + 1:at + 3] == [f"{module}-{node.name}-try", f"{module}-{node.name}-check"]
        assert nb.cells[at + 2].source.endswith(f'check("{module}.{node.name}")')
    assert set(TRIES[module]) == {node.name for node in functions}
    assert nb.cells[1].source.startswith(MARKERS["setup"]) and "pip" in nb.cells[1].source


@pytest.mark.parametrize("module", MODULES)
def test_lesson_cells_are_never_graded(module):
    """Does the graded source hold the functions and none of the install, try or check cells, even
    when a notebook tool has dropped the cells' metadata?"""
    nb = lesson(module)
    for cell in nb.cells:
        cell.metadata = {}
    source = notebook_to_source(nb)
    assert "check(" not in source and "pip" not in source and "tf-grade:" not in source
    stub = ast.parse((ROOT / "exercises" / f"{module}.py").read_text(encoding="utf-8"))
    names = [n.name for n in stub.body if isinstance(n, ast.FunctionDef)]
    assert [n.name for n in ast.parse(source).body if isinstance(n, ast.FunctionDef)] == names


@pytest.mark.slow
def test_notebook_runs_top_to_bottom_with_check_verdicts(tmp_path, monkeypatch):
    """Run in a real kernel (nbclient), does a lesson notebook install nothing twice, try each function,
    and do its check cells grade the notebook's own code: a solved function passes, a stub fails?"""
    from nbclient import NotebookClient

    solved = (ROOT / "solutions" / "concepts.py").read_text(encoding="utf-8")
    nb = module_to_notebook(solved, "concepts", lesson=True)
    stub = module_to_notebook((ROOT / "exercises" / "concepts.py").read_text(encoding="utf-8"), "concepts",
                              lesson=True)
    keep = {"concepts-intro", "concepts-install", "concepts-setup", "concepts-conv_params",
            "concepts-conv_params-try", "concepts-conv_params-check"}
    nb.cells = [c for c in nb.cells if c.id in keep] + [
        c for c in stub.cells if c.id in ("concepts-dense_params", "concepts-dense_params-try",
                                          "concepts-dense_params-check")]
    monkeypatch.setenv("GRADE_COURSE", str(ROOT))
    monkeypatch.setenv("GRADE_OFFLINE", "1")
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()

    def output(cell_id: str) -> str:
        cell = next(c for c in nb.cells if c.id == cell_id)
        texts = [o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in cell.outputs]
        return "\n".join(texts)

    assert output("concepts-conv_params-try").strip() == "832"
    assert "아직 구현하지 않았습니다" in output("concepts-dense_params-try")
    passed = output("concepts-conv_params-check")
    assert "공개 검사 2점 중 2점" in passed and "공개 검사를 모두 통과했습니다" in passed
    failed = output("concepts-dense_params-check")
    assert "공개 검사 1점 중 0점" in failed and "`concepts.dense_params` (concepts.ipynb" in failed
    outputs = next(c for c in nb.cells if c.id == "concepts-dense_params-check").outputs
    html = next(o["data"]["text/html"] for o in outputs if o.get("data", {}).get("text/html", "").startswith("<iframe"))
    assert html.startswith("<iframe srcdoc=") and "먼저 고칠 것" in html


def test_the_lecture_summary_beside_the_students_adds_up():
    """Does the build_model try cell print the lecture's summary, whose parameters add up to 3,156,098?"""
    from grader.content.lesson import LECTURE_SUMMARY, try_cell

    assert sum(params for *_, params in LECTURE_SUMMARY) == 3_156_098
    cell = try_cell("cnn", "build_model")
    compile(cell, "cell", "exec")
    assert "model.summary()" in cell and "LECTURE_SUMMARY" in cell


def test_a_check_that_cannot_run_says_why_in_the_notebooks_language(monkeypatch):
    """Does `check("...")` with a misspelt name or an unknown module give one line in the course's
    language (Korean by default), not a traceback, and start no sandbox for it?"""
    from grader import notebook

    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GRADE_COURSE", raising=False)
    monkeypatch.delenv("GRADE_KIT", raising=False)
    misspelt = notebook.check("cnn.frist_conv")
    assert not misspelt.passed
    assert repr(misspelt).startswith("오류: 이런 이름의 검사가 없습니다: cnn.frist_conv. 비슷한 이름: cnn.first_conv")
    assert "오류: 이런 이름의 검사가 없습니다" in misspelt._repr_html_()
    unknown = notebook.check("nosuch", lang="en")
    assert repr(unknown) == f"Error: no exercise nosuch in {ROOT / 'exercises'}"
    assert notebook._NEXT == []  # nothing was graded, so no sandbox waits for a next check
