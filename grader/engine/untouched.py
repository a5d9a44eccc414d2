"""Whether a submission is still the handed-out stubs: every function still raises ``NotImplementedError``.

Read from the source text (nothing runs): a module counts as untouched when
each of its top-level functions has a ``raise NotImplementedError`` among the
statements of its body and nothing else runs at its top level (imports,
constants and docstrings only, as in the stubs). A submission with no readable module is not
"untouched" (it is "could not run"); one with a module that does not parse is
not either (the student wrote something).
"""

from __future__ import annotations

import ast

from grader.engine.intake import Intake

STUB_TOP_LEVEL = (ast.Import, ast.ImportFrom, ast.Assign, ast.AnnAssign, ast.FunctionDef, ast.AsyncFunctionDef)


def nothing_implemented(intake: Intake) -> bool:
    """``True`` when every module read still raises ``NotImplementedError`` in every function."""
    return bool(intake.sources) and all(_untouched(source) for source in intake.sources.values())


def _untouched(source: str) -> bool:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return False
    functions = [node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    quiet = all(isinstance(node, STUB_TOP_LEVEL) or (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
                for node in tree.body)
    return quiet and bool(functions) and all(any(_raises_not_implemented(stmt) for stmt in f.body) for f in functions)


def _raises_not_implemented(node: ast.stmt) -> bool:
    if not isinstance(node, ast.Raise) or node.exc is None:
        return False
    target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
    return isinstance(target, ast.Name) and target.id == "NotImplementedError"
