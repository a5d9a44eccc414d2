"""What to fix first: a report's failures grouped by their cause, in the order a student fixes them.

Every renderer shows the same list (the terminal under the score, ``feedback.html`` at the top):

1. a file Python cannot read (a syntax error: one item per file, with the line and a caret),
2. a file that fails to import for another reason,
3. a missing file or function,
4. each function whose checks failed, in lesson order (its checks grouped),
5. the functions not implemented yet, as one item naming the next one and its line,
6. functions that lost points on hidden checks whose results are held back.

Grouping reads the facts a failed call carries (:attr:`grader.record.results.Feedback.cause`),
never the wording of a message. The same groups collapse the check tables: checks
that failed for one shared cause (not implemented, a syntax error) show as one row.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from grader.catalog.report import FIX, SYNTAX_HELP
from grader.messages import Text, plain
from grader.record.results import CheckResult, Report
from grader.report import view

ORDER = ("syntax", "import", "missing", "failed", "not-implemented", "hidden")
"""The order the kinds of fix appear in."""
SHARED = ("syntax", "import", "missing", "not-implemented")
"""Kinds whose checks collapse into one row of a module's table."""


@dataclass(frozen=True)
class Fix:
    """One thing to fix: its kind, the line that says it, and the checks it explains."""

    kind: str
    """One of :data:`ORDER`."""
    title: Text
    """The one line the list shows."""
    results: tuple[CheckResult, ...]
    anchor: str
    """The id of its details in ``feedback.html`` (``fix-1``...)."""
    cause: dict | None = None
    """The first check's cause: file, line, column and code for a syntax error or the next stub."""

    @property
    def functions(self) -> list[str]:
        return list(dict.fromkeys(r.name.split(":", 1)[0] for r in self.results))

    @property
    def lost(self) -> float:
        return sum(r.max_score - r.score for r in self.results)


def cause_of(result: CheckResult) -> dict:
    """The cause a failed check carries, or ``{"kind": "failed"}`` for a check's own verdict."""
    cause = result.feedback.cause if result.feedback is not None else None
    return cause if isinstance(cause, dict) and cause.get("kind") else {"kind": "failed"}


def _kind(result: CheckResult) -> str:
    kind = cause_of(result)["kind"]
    if kind == "missing":
        return "missing"
    return kind if kind in SHARED else "failed"


def _key(result: CheckResult, kind: str) -> tuple[str, str]:
    if kind == "not-implemented":
        return kind, ""
    if kind in SHARED:
        return kind, result.module
    return kind, result.name.split(":", 1)[0]


def fixes(report: Report, show_hidden: bool = True) -> list[Fix]:
    """The report's failures as an ordered list of things to fix (empty when nothing failed)."""
    groups: dict[tuple[str, str], list[CheckResult]] = {}
    for result in view.shown_results(report, show_hidden):
        if result.passed:
            continue
        kind = _kind(result)
        groups.setdefault(_key(result, kind), []).append(result)
    ordered = sorted(groups.items(), key=lambda item: ORDER.index(item[0][0]))
    found = []
    for (kind, _), results in ordered:
        found.append((kind, results))
    if view.hidden_withheld(report, show_hidden):
        lost = [r for r in report.results if r.hidden and not r.passed]
        if lost:
            found.append(("hidden", lost))
    return [_fix(kind, results, f"fix-{i}") for i, (kind, results) in enumerate(found, 1)]


def _fix(kind: str, results: list[CheckResult], anchor: str) -> Fix:
    first = results[0]
    cause = cause_of(first)
    functions = list(dict.fromkeys(r.name.split(":", 1)[0] for r in results))
    where = _where(cause)
    if kind == "syntax":
        title = FIX["syntax-cell" if cause.get("cell_number") else "syntax"].format(
            file=cause.get("file") or f"{first.module}.py", line=cause.get("line", "?"),
            cell=cause.get("cell_number", ""), module=first.module, count=len(results))
    elif kind == "import":
        title = FIX["import"].format(file=f"{first.module}.py", module=first.module, count=len(results),
                                     error_type=cause.get("error_type") or "Error")
    elif kind == "not-implemented":
        title = FIX["not-implemented" if len(functions) > 1 else "not-implemented-one"].format(
            count=len(functions), function=functions[0]) + where
    elif kind == "hidden":
        title = FIX["hidden"].format(functions=", ".join(functions))
    else:
        feedback = first.feedback
        summary = feedback.summary if feedback is not None else plain("")
        title = plain(f"`{functions[0]}`: ") + summary
        if len(results) > 1:
            title = title + FIX["more-checks"].format(count=len(results))
    return Fix(kind, title, tuple(results), anchor, cause if kind != "failed" else None)


def _where(cause: dict) -> Text:
    if cause.get("file") and cause.get("cell"):
        return FIX["where-cell"].format(file=cause["file"], cell=cause["cell"])
    if cause.get("file") and cause.get("line"):
        return FIX["where"].format(file=cause["file"], line=cause["line"])
    return plain("")


def syntax_title(cause: dict, module: str) -> Text:
    """The heading of a syntax error's box: the file and line, or for a notebook the cell (counting every
    cell from the top) and the line within it."""
    values = {"file": cause.get("file") or f"{module}.py", "line": cause.get("line", "?"),
              "error_type": cause.get("error_type") or "SyntaxError"}
    if cause.get("cell_number"):
        return FIX["syntax-title-cell"].format(cell=cause["cell_number"], **values)
    return FIX["syntax-title"].format(**values)


def place(cause: dict) -> Text:
    """Where a stub is: `` (<module>.py 42번째 줄)``, or for a notebook its function's cell."""
    return _where(cause)


def collapsed_row(kind: str, results: list[CheckResult]) -> Text:
    """The one row a module's table shows for checks that failed for one shared cause."""
    functions = list(dict.fromkeys(r.function for r in results))
    key = {"not-implemented": "row-not-implemented", "syntax": "row-syntax", "import": "row-import",
           "missing": "row-missing"}[kind]
    return FIX[key].format(count=len(functions), checks=len(results))


def module_rows(members: list[CheckResult]) -> list[tuple[str, object]]:
    """A module's table: ``("check", result)`` for a check shown alone (a failure of its own),
    ``(kind, [results])`` for checks that failed for one shared cause, in the order they first appear.
    Passing checks are left out: a renderer shows them as the module's count."""
    rows: list[tuple[str, object]] = []
    shared: dict[str, list[CheckResult]] = {}
    for result in members:
        if result.passed:
            continue
        kind = _kind(result)
        if kind in SHARED:
            if kind not in shared:
                shared[kind] = []
                rows.append((kind, shared[kind]))
            shared[kind].append(result)
        else:
            rows.append(("check", result))
    return rows


def feedback_groups(fix: Fix, lang: str, show_hidden: bool = True) -> list[tuple[list[str], object]]:
    """A failed function's checks, those with the very same feedback said once: ``(titles, feedback)``."""
    groups: dict[str, tuple[list[str], object]] = {}
    for result in fix.results:
        feedback = view.shown_feedback(result, show_hidden)
        if feedback is None:
            continue
        groups.setdefault(feedback.render(lang), ([], feedback))[0].append(view.check_label(result, lang)[1])
    return list(groups.values())


def syntax_help(cause: dict) -> Text:
    """A plain explanation of a syntax error from Python's own message, or a general one."""
    message = str(cause.get("message") or "").lower()
    error_type = str(cause.get("error_type") or "")
    for fragment, text in SYNTAX_HELP.items():
        if fragment in message or fragment == error_type.lower():
            return text
    return FIX["syntax-general"]


def caret_line(cause: dict) -> tuple[str, str] | None:
    """The offending line (tabs as four spaces) and a caret under the column Python stopped at,
    counting wide (Hangul) characters as two columns, as terminals and monospace fonts draw them."""
    code = cause.get("code")
    if not isinstance(code, str) or not code.strip():
        return None
    column = cause.get("column")
    shown = code.replace("\t", "    ")
    if not isinstance(column, int) or column < 1:
        return shown, ""
    prefix = code[: column - 1].replace("\t", "    ")
    width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in prefix)
    return shown, " " * width + "^"
