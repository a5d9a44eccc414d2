"""Exercise modules become notebooks, and notebooks come back as plain Python."""

from __future__ import annotations

import ast
import json

import nbformat
import pytest
from classroom import ALL_MODULES as MODULES
from nbformat import v4

from grader.content.build import notebook_text
from grader.content.notebooks import module_to_notebook
from grader.engine.notebooks import notebook_to_source
from grader.errors import KitError


def function_sources(source: str) -> dict[str, str]:
    tree = ast.parse(source)
    return {
        node.name: ast.get_source_segment(source, node)
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
    }


def write_notebook(path, cells, **extra):
    data = {"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": cells, **extra}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def code(source, **metadata):
    return {"cell_type": "code", "metadata": metadata, "source": source, "outputs": [],
            "execution_count": None}


@pytest.mark.parametrize("folder", ["solutions", "exercises"])
@pytest.mark.parametrize("module", MODULES)
def test_round_trip_keeps_every_function(root, folder, module):
    """Does notebook_to_source(module_to_notebook(src)) define the same functions with the same source?"""
    source = (root / folder / f"{module}.py").read_text(encoding="utf-8")
    back = notebook_to_source(module_to_notebook(source, module))
    assert function_sources(back) == function_sources(source)
    assert list(function_sources(back)) == list(function_sources(source))


@pytest.mark.parametrize("module", MODULES)
def test_notebook_layout(root, module):
    """Is it intro markdown, setup code, then a markdown and code cell per function, with ids and metadata?"""
    source = (root / "exercises" / f"{module}.py").read_text(encoding="utf-8")
    nb = module_to_notebook(source, module)
    nbformat.validate(nb)
    tree = ast.parse(source)
    cells = nb.cells
    assert cells[0].cell_type == "markdown"
    assert cells[0].source.startswith(ast.get_docstring(tree))
    assert f"grade check {module}" in cells[0].source
    assert cells[1].cell_type == "code" and cells[1].id == f"{module}-setup"
    assert cells[1].source.startswith("import ")
    names = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
    for name in names:
        doc = next(c for c in cells if c.id == f"{module}-{name}-doc")
        body = next(c for c in cells if c.id == f"{module}-{name}")
        assert cells.index(body) == cells.index(doc) + 1
        assert doc.cell_type == "markdown" and body.cell_type == "code"
        assert doc.metadata == body.metadata == {"tf_grade": {"function": name}}
        assert doc.source.startswith(f"### `{name}(")
        code = "\n".join(line for line in body.source.splitlines() if not line.startswith("@"))  # decorators travel along
        assert code.startswith(f"def {name}(")
    assert len({cell.id for cell in cells}) == len(cells)
    assert nb.metadata["kernelspec"]["name"] == "python3"


def test_lang_note_is_optional(root):
    """Does lang_note=False leave the intro as the bare module docstring?"""
    source = (root / "exercises" / "tensors.py").read_text(encoding="utf-8")
    intro = module_to_notebook(source, "tensors", lang_note=False).cells[0].source
    assert intro == ast.get_docstring(ast.parse(source))


def test_section_strings_become_markdown_cells():
    """Are top-level bare strings section headings, with comments before them kept as code?"""
    source = '"""Intro."""\nimport math\n\n# note\n"""\n## Part 1\n"""\n\n\ndef f():\n    return 1\n'
    cells = module_to_notebook(source, "demo", lang_note=False).cells
    assert [(c.cell_type, c.source) for c in cells[:3]] == [
        ("markdown", "Intro."),
        ("code", "import math\n\n# note"),
        ("markdown", "## Part 1"),
    ]
    assert cells[3].source == "### `f()`"


def test_output_is_deterministic(root, tmp_path):
    """Does the same source give a byte-identical .ipynb file every time?"""
    source = (root / "exercises" / "cnn.py").read_text(encoding="utf-8")
    first, second = tmp_path / "a.ipynb", tmp_path / "b.ipynb"
    nbformat.write(module_to_notebook(source, "cnn"), first)
    nbformat.write(module_to_notebook(source, "cnn"), second)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_text(encoding="utf-8") == notebook_text(module_to_notebook(source, "cnn"))


def test_magics_become_comments(tmp_path):
    """Are %, %%, ! and ? lines commented out so the result is plain Python?"""
    path = write_notebook(tmp_path / "m.ipynb", [
        code("%matplotlib inline\nimport math"),
        code("%%time\nx = math.sqrt(4)"),
        code(["!pip install koreanize-matplotlib\n", "tf.add?\n", "??math.sqrt\n", "y = 1"]),
        code("if True:\n    %time z = 2\n    pass"),
    ])
    source = notebook_to_source(path)
    ast.parse(source)
    assert "# %matplotlib inline\nimport math" in source
    assert "# %%time\nx = math.sqrt(4)" in source
    assert "# !pip install koreanize-matplotlib\n# tf.add?\n# ??math.sqrt\ny = 1" in source
    assert "    # %time z = 2" in source


def test_valid_python_is_never_rewritten():
    """Is a cell that already parses kept as is, even a docstring line that looks like help?"""
    cell = 'def f():\n    """\n    Why?\n    %\n    """\n    return 1'
    assert notebook_to_source(v4.new_notebook(cells=[v4.new_code_cell(cell)])) == cell + "\n"


def test_test_cells_and_markdown_are_skipped(tmp_path):
    """Are nbgrader autograder tests, tf_grade test cells, markdown and raw cells left out?"""
    path = write_notebook(tmp_path / "n.ipynb", [
        {"cell_type": "markdown", "metadata": {}, "source": "# title"},
        code("a = 1", nbgrader={"grade": True, "solution": True, "grade_id": "s"}),
        code("assert a == 1", nbgrader={"grade": True, "solution": False, "grade_id": "t"}),
        code("b = 2", nbgrader={"grade": False, "solution": False, "locked": True}),
        code("assert b == 2", tf_grade={"test": True}),
        {"cell_type": "raw", "metadata": {}, "source": "raw text"},
        code(""),
    ])
    assert notebook_to_source(path) == "a = 1\n\n\nb = 2\n"


def test_notebook_without_cell_ids_reads_quietly(tmp_path):
    """Is an older nbformat 4.4 notebook (no cell ids) read without warnings?"""
    path = write_notebook(tmp_path / "old.ipynb", [code("x = 1")])
    assert notebook_to_source(str(path)) == "x = 1\n"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"cells": [', "invalid JSON at line 1, column 12"),
        (b"[1, 2]", "no 'nbformat' version"),
        (b'{"nbformat": 4, "metadata": {}}', "no list of cells"),
        (b'{"nbformat": 4, "cells": [{"source": "x"}]}', "cell 1 has no cell_type"),
        (b'{"nbformat": 4, "cells": [{"cell_type": "code", "source": 3}]}', "cell 1 has no text"),
        ('{"nbformat": 4, "cells": [], "x": "한"}'.encode("euc-kr"), "not UTF-8 text"),
    ],
)
def test_broken_notebooks_raise_kit_error(tmp_path, content, reason):
    """Does anything that is not a readable notebook raise KitError naming the file?"""
    path = tmp_path / "broken.ipynb"
    path.write_bytes(content)
    with pytest.raises(KitError) as caught:
        notebook_to_source(path)
    assert str(caught.value).startswith(f"{path}: not a valid notebook: {reason}")


def test_missing_notebook_raises_kit_error(tmp_path):
    """Is a path that does not exist a KitError, not an OSError traceback?"""
    with pytest.raises(KitError, match="missing.ipynb: cannot read"):
        notebook_to_source(tmp_path / "missing.ipynb")


def test_filled_notebook_runs(root, load_module, tmp_path):
    """Does a notebook filled with the solution give a module that works when imported?"""
    source = (root / "solutions" / "concepts.py").read_text(encoding="utf-8")
    path = tmp_path / "concepts.ipynb"
    nbformat.write(module_to_notebook(source, "concepts"), path)
    target = tmp_path / "concepts.py"
    target.write_text(notebook_to_source(path), encoding="utf-8")
    module = load_module(target)
    assert module.lecture_model_params() == 3_156_098


def test_cell_line_finds_each_converted_line_in_its_cell():
    """Does every line of the converted source lead back to its cell (counted among all cells) and its
    line in that cell, past markdown cells, blank lines cut from a cell's top and commented magics?"""
    from grader.engine.notebooks import cell_line

    notebook = v4.new_notebook(cells=[v4.new_markdown_cell("# 제목"), v4.new_code_cell("\n\nimport x\n%time y\ndef f(:\n"),
                                      v4.new_markdown_cell("설명"), v4.new_code_cell("a = 1\nb = (2\n")])
    source = notebook_to_source(notebook).splitlines()
    places = {line: cell_line(notebook, n) for n, line in enumerate(source, 1)}
    assert places == {"import x": (2, 3), "# %time y": (2, 4), "def f(:": (2, 5), "": None, "a = 1": (4, 1),
                      "b = (2": (4, 2)}
    assert cell_line(notebook, len(source) + 1) is None


def test_a_graded_notebooks_places_point_into_its_cells(tmp_path):
    """For work in a notebook, do a syntax error's and an exception's places name the cell and the line in
    that cell (the details line too), and a stub its function's cell, while a .py module keeps its lines?"""
    from grader.catalog.student import CALL_ERRORS
    from grader.engine.grading import point_into_notebooks
    from grader.engine.intake import collect
    from grader.messages import Text
    from grader.record.results import FAILED, CheckResult, Feedback, Report

    notebook = v4.new_notebook(cells=[v4.new_markdown_cell("# 텐서"), v4.new_code_cell("import tensorflow as tf"),
                                      v4.new_markdown_cell("make_variable"),
                                      v4.new_code_cell("def make_variable(value, dtype=tf.int32):\n    x = 1 / 0\n"
                                                       "    return x")])
    nbformat.write(notebook, tmp_path / "tensors.ipynb")
    (tmp_path / "concepts.py").write_text("def dense_params(inputs, units):\n    return 1 / 0\n", encoding="utf-8")
    intake = collect(tmp_path)
    line = intake.sources["tensors"].splitlines().index("    x = 1 / 0") + 1

    def result(kind, function, file, line, code):
        cause = {"kind": kind, "function": function, "file": file, "line": line, "code": code}
        found = CALL_ERRORS["where"].format(file=file, line=line, code=code)
        return CheckResult(f"{function}: a check", 0.0, 1.0, FAILED, False,
                           Feedback(Text("ko", "en"), found=found, cause=cause))

    report = Report(results=[result("exception", "tensors.make_variable", "tensors.py", line, "x = 1 / 0"),
                             result("syntax", "tensors.make_variable", "tensors.py", line, "x = 1 / 0"),
                             result("not-implemented", "tensors.make_variable", "tensors.py", line, "raise"),
                             result("exception", "concepts.dense_params", "concepts.py", 2, "return 1 / 0")])
    point_into_notebooks(report, intake)
    exception, syntax, stub, module = report.results
    for placed in (exception, syntax):
        assert placed.feedback.cause | {"file": "tensors.ipynb", "cell_number": 4, "line": 2} == placed.feedback.cause
        assert placed.feedback.found.en == "tensors.ipynb, cell 4, line 2: x = 1 / 0"
        assert placed.feedback.found.ko == "tensors.ipynb 4번째 셀 2번째 줄: x = 1 / 0"
    assert stub.feedback.cause["cell"] == "make_variable" and "line" not in stub.feedback.cause
    assert module.feedback.cause["file"] == "concepts.py" and module.feedback.found.en == "concepts.py line 2: return 1 / 0"
