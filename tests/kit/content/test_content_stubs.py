"""Stubs are the solutions with the solution regions replaced, and nothing else."""

from __future__ import annotations

import ast
import inspect

import pytest
from classroom import ALL_MODULES as MODULES

from grader.content.stubs import CODE_HERE, make_stub, solution_regions, strip_markers
from grader.errors import KitError

DEMO = (
    "import tensorflow as tf\r\n"
    "\r\n"
    "def add(a, b):\r\n"
    '\t"""Add."""\r\n'
    "\t### BEGIN SOLUTION\r\n"
    "\treturn tf.add(a, b)\r\n"
    "\t### END SOLUTION\r\n"
    "\r\n"
    "X = 1  # kept\r\n"
)


def functions(source: str) -> dict[str, ast.FunctionDef]:
    tree = ast.parse(source)
    return {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}


def region_lines(source: str) -> list[str]:
    """The lines strictly between each pair of markers."""
    lines = source.splitlines()
    return [line for begin, end in solution_regions(source) for line in lines[begin : end - 1]]


def test_stub_replaces_region_and_keeps_every_other_byte():
    """Is a region replaced by the bilingual comment and raise, at its indentation, line endings kept?"""
    assert make_stub(DEMO, "demo") == (
        "import tensorflow as tf\r\n"
        "\r\n"
        "def add(a, b):\r\n"
        '\t"""Add."""\r\n'
        f"\t{CODE_HERE}\r\n"
        '\traise NotImplementedError("add: 아직 구현하지 않았습니다 / not implemented yet")\r\n'
        "\r\n"
        "X = 1  # kept\r\n"
    )


def test_regions_and_strip_markers():
    """Are regions reported as 1-based marker lines, and does strip_markers drop only the markers?"""
    assert solution_regions(DEMO) == [(5, 7)]
    assert strip_markers(DEMO) == DEMO.replace("\t### BEGIN SOLUTION\r\n", "").replace(
        "\t### END SOLUTION\r\n", ""
    )


def test_region_outside_a_function_is_named_after_the_module():
    """Does a module-level region raise with the module's name?"""
    stub = make_stub("### BEGIN SOLUTION\nX = 1\n### END SOLUTION\n", "concepts")
    assert 'raise NotImplementedError("concepts: ' in stub


def test_nested_function_region_names_the_outer_function():
    """Is a region that starts in a function named after that function, not a helper inside it?"""
    source = (
        "def outer():\n"
        "    ### BEGIN SOLUTION\n"
        "    def helper():\n"
        "        return 1\n"
        "    return helper()\n"
        "    ### END SOLUTION\n"
    )
    assert 'NotImplementedError("outer: ' in make_stub(source, "m")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "def f():\n    ### BEGIN SOLUTION\n    return 1\n",
            "demo.py:2: ### BEGIN SOLUTION is never closed by ### END SOLUTION",
        ),
        (
            "def f():\n    return 1\n    ### END SOLUTION\n",
            "demo.py:3: ### END SOLUTION without a ### BEGIN SOLUTION before it",
        ),
        (
            "def f():\n    ### BEGIN SOLUTION\n    ### BEGIN SOLUTION\n    return 1\n"
            "    ### END SOLUTION\n    ### END SOLUTION\n",
            "demo.py:3: nested ### BEGIN SOLUTION (the one at line 2 has no ### END SOLUTION yet)",
        ),
        (
            "def f():\n    ### BEGIN SOLUTION\n    return 1\n### END SOLUTION\n",
            "demo.py:4: ### END SOLUTION is indented differently from the ### BEGIN SOLUTION "
            "at line 2",
        ),
    ],
)
def test_unbalanced_markers_name_file_and_line(source, message):
    """Do unbalanced, nested or misindented markers raise KitError naming the file and line?"""
    for call in (make_stub, lambda s, name: solution_regions(s, f"{name}.py")):
        with pytest.raises(KitError) as caught:
            call(source, "demo")
        assert str(caught.value) == message
    with pytest.raises(KitError, match="^demo.py:"):
        strip_markers(source, "demo.py")


@pytest.mark.parametrize("module", MODULES)
def test_stub_keeps_everything_outside_regions(root, module):
    """Is the committed stub the solution with only the region lines swapped (byte for byte)?"""
    solution = (root / "solutions" / f"{module}.py").read_text(encoding="utf-8")
    stub = (root / "exercises" / f"{module}.py").read_text(encoding="utf-8")
    regions = solution_regions(solution)
    assert regions, f"solutions/{module}.py has no solution regions"
    lines = solution.splitlines(keepends=True)
    outside = [
        line
        for number, line in enumerate(lines, start=1)
        if not any(begin <= number <= end for begin, end in regions)
    ]
    kept = [
        line
        for line in stub.splitlines(keepends=True)
        if line.strip() != CODE_HERE and "raise NotImplementedError(" not in line
    ]
    assert kept == outside


@pytest.mark.parametrize("module", MODULES)
def test_no_solution_text_leaks_into_stub(root, module):
    """Does no line of solution code appear anywhere in the stub, docstrings included?"""
    solution = (root / "solutions" / f"{module}.py").read_text(encoding="utf-8")
    stub = (root / "exercises" / f"{module}.py").read_text(encoding="utf-8")
    stub_lines = {line.strip() for line in stub.splitlines()}
    leaked = [
        line.strip()
        for line in region_lines(solution)
        if any(ch.isalnum() for ch in line)
        and (line.strip() in stub_lines or (len(line.strip()) >= 25 and line.strip() in stub))
    ]
    assert leaked == []


@pytest.mark.parametrize("module", MODULES)
def test_stub_bodies_hold_only_docstring_and_raise(root, module):
    """Is every stub function's body its docstring followed by `raise NotImplementedError(...)`?"""
    stub = (root / "exercises" / f"{module}.py").read_text(encoding="utf-8")
    for name, node in functions(stub).items():
        body = node.body
        assert ast.get_docstring(node), f"{module}.{name} lost its docstring"
        assert len(body) == 2, f"{module}.{name} keeps code outside the solution region"
        assert isinstance(body[1], ast.Raise)
        assert ast.unparse(body[1].exc).startswith(f"NotImplementedError('{name}: ")


@pytest.mark.parametrize("module", MODULES)
def test_every_stub_function_raises_not_implemented(stubs, module):
    """Does calling each function of the untouched stub raise NotImplementedError naming it?"""
    names = [name for name, value in vars(stubs[module]).items() if inspect.isfunction(value)]
    assert names
    for name in names:
        function = getattr(stubs[module], name)
        required = [
            p
            for p in inspect.signature(function).parameters.values()
            if p.default is inspect.Parameter.empty
        ]
        with pytest.raises(NotImplementedError, match=f"^{name}: .* / not implemented yet$"):
            function(*[None] * len(required))


@pytest.mark.parametrize("module", MODULES)
def test_stubs_and_solutions_have_same_signatures(solutions, stubs, root, module):
    """Do stubs and solutions define the same functions, in the same order, with identical signatures?"""
    solution_source = (root / "solutions" / f"{module}.py").read_text(encoding="utf-8")
    stub_source = (root / "exercises" / f"{module}.py").read_text(encoding="utf-8")
    solution_defs, stub_defs = functions(solution_source), functions(stub_source)
    assert list(stub_defs) == list(solution_defs)
    for name in solution_defs:
        assert ast.unparse(stub_defs[name].args) == ast.unparse(solution_defs[name].args)
        assert inspect.signature(getattr(stubs[module], name)) == inspect.signature(
            getattr(solutions[module], name)
        )


@pytest.mark.parametrize("module", MODULES)
def test_solution_bodies_are_not_trivial(root, module):
    """Does every solution function have a marked region holding real code (not pass or a raise)?"""
    source = (root / "solutions" / f"{module}.py").read_text(encoding="utf-8")
    regions = solution_regions(source)
    for name, node in functions(source).items():
        inside = [b for b, e in regions if node.lineno <= b <= node.end_lineno]
        assert len(inside) == 1, f"{module}.{name} needs exactly one solution region"
        statements = [
            stmt
            for stmt in node.body
            if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant))
            and not isinstance(stmt, (ast.Pass, ast.Raise))
        ]
        assert statements, f"{module}.{name} has no real solution code"
        assert any(isinstance(n, ast.Return) for n in ast.walk(node)), f"{module}.{name} returns nothing"


@pytest.mark.parametrize("module", MODULES)
def test_strip_markers_gives_clean_working_solution(root, load_module, tmp_path, module):
    """Does the released solution (markers stripped) differ from the source only by the markers?"""
    source = (root / "solutions" / f"{module}.py").read_text(encoding="utf-8")
    clean = strip_markers(source)
    assert "SOLUTION" not in clean
    assert len(clean.splitlines()) == len(source.splitlines()) - 2 * len(solution_regions(source))
    assert ast.dump(ast.parse(clean)) == ast.dump(ast.parse(source))
