"""Korean and English, complete in both directions: every catalogue entry, every rendered report."""

from __future__ import annotations

import ast
import html
import io
import json
import re
import string
from pathlib import Path

import pytest
from rich.console import Console

from grader.catalog import tables
from grader.catalog.report import REPORT
from grader.report.gradescope import to_results_json
from grader.report.html import TEMPLATES, render_html
from grader.report.terminal import print_report

ROOT = Path(__file__).resolve().parents[3]
CATALOGUES = tables()
REPORTS = ("grader.catalog.student.", "grader.catalog.report.", "grader.catalog.project.")
"""The tables whose sentences a student's report shows."""
ENTRIES = [(name, key, text) for name, catalogue in CATALOGUES.items() for key, text in catalogue.items()]
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def _fields(text: str) -> list[tuple[str, str, str]]:
    """The placeholders a sentence fills (a language may name one twice; English's ``{count:|check}`` is
    ``count`` with its noun, :class:`grader.messages.Text`)."""
    return sorted({(name, (spec or "").split("|")[0], conv or "") for _, name, spec, conv in string.Formatter().parse(text)
                   if name is not None})


def _literal(text: str) -> list[str]:
    return [literal for literal, *_ in string.Formatter().parse(text)]


@pytest.mark.parametrize(("catalogue", "key", "text"), ENTRIES, ids=[f"{c}.{k}" for c, k, _ in ENTRIES])
def test_catalogue_entry_has_both_languages(catalogue, key, text):
    """Is this entry written in both languages: Korean with Hangul, English without, same placeholders?"""
    assert text.ko.strip() and text.en.strip()
    assert not HANGUL.search(text.en), "English text contains Hangul"
    if not all(re.fullmatch(r"[\W\d_]*", part) for part in _literal(text.ko)):  # not a pure code/number entry
        assert HANGUL.search(text.ko), "Korean text has no Hangul: untranslated?"
    assert _fields(text.ko) == _fields(text.en), "placeholders differ between ko and en"


def test_template_has_no_words_of_its_own():
    """Does the HTML template hold markup only, every word coming from a catalogue?"""
    source = (TEMPLATES / "feedback.html.j2").read_text(encoding="utf-8")
    bare = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", source, flags=re.DOTALL)
    bare = re.sub(r"<style>.*?</style>|<[^>]*>|&#?\w+;", " ", bare, flags=re.DOTALL)
    assert not re.search(r"[A-Za-z]|" + HANGUL.pattern, bare), bare.split()


def _english_sentences() -> set[str]:
    """The literal parts of every English catalogue entry that differs from its Korean one."""
    parts = set()
    for catalogue, _, text in ENTRIES:
        if not catalogue.startswith(REPORTS):
            continue  # tables of other outputs (the class report, batch lines, notebooks): not in these reports
        if text.ko == text.en:
            continue
        for literal in _literal(text.en):
            literal = literal.strip(" .:,;()`")
            if len(re.findall(r"[A-Za-z]", literal)) >= 4:
                parts.add(literal)
    return parts


def _visible_text(page: str) -> str:
    """Text a reader sees, minus what the submission or the check names wrote (code, output)."""
    page = re.sub(r"<style>.*?</style>|<pre.*?</pre>|<code>.*?</code>|<div class=\"what\">.*?</div>", " ",
                  page, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _terminal(report, lang: str, show_hidden: bool) -> str:
    console = Console(file=io.StringIO(), width=200, color_system=None)
    print_report(report, lang, console, show_hidden)
    text = console.file.getvalue()
    for result in report.results:  # check names are code, written in English by the check authors
        text = text.replace(result.name, " ")
        text = text.replace(result.name.partition(":")[2].strip(), " ")
    return text


@pytest.fixture
def every_report(correct_report, mistake_report, bare_report):
    return [correct_report, mistake_report, bare_report]


def test_korean_reports_have_no_english_sentences(every_report):
    """Rendered in Korean (HTML, terminal, results.json), is no English catalogue sentence left?"""
    english = _english_sentences()
    for report in every_report:
        for show_hidden in (True, False):
            data = to_results_json(report, "ko", show_hidden)
            rendered = {
                "html": _visible_text(render_html(report, "ko", show_hidden)),
                "terminal": _terminal(report, "ko", show_hidden),
                "results.json": json.dumps([data["output"], *(t["output"] for t in data["tests"])],
                                           ensure_ascii=False),
            }
            for where, text in rendered.items():
                leftover = sorted(s for s in english if s in text)
                assert not leftover, f"{where}: {leftover}"
            assert HANGUL.search(rendered["html"]) and HANGUL.search(rendered["terminal"])


def test_english_reports_have_no_korean(every_report):
    """Rendered in English (HTML, terminal, results.json), is there no Hangul anywhere?"""
    for report in every_report:
        for show_hidden in (True, False):
            for where, text in {
                "html": render_html(report, "en", show_hidden),
                "terminal": _terminal(report, "en", show_hidden),
                "results.json": json.dumps(to_results_json(report, "en", show_hidden), ensure_ascii=False),
            }.items():
                found = HANGUL.findall(text)
                assert not found, f"{where}: {''.join(found[:20])}"


def test_catalogue_is_reachable_from_the_report_package():
    """Is the report catalogue the one the renderers read (no second copy of the words)?"""
    import grader.report.html as page
    from grader.report import terminal

    assert page.REPORT is REPORT and terminal.REPORT is REPORT
    assert Path(page.TEMPLATES).is_dir()


def test_catalogue_walk_finds_every_area():
    """Does the i18n walk see every file of the catalogue (a file with no table would be a file of nothing)?"""
    import pkgutil

    import grader.catalog

    areas = {info.name for info in pkgutil.iter_modules(grader.catalog.__path__)}
    seen = {name.split(".")[2] for name in CATALOGUES}
    assert areas == seen, areas - seen


from grader.korean import PARTICLE_SYLLABLES  # noqa: E402  (the particles grader.korean attaches: data, not sentences)

ROSTER_HEADERS = {"학번", "이름", "성명"}
"""Korean column names a roster file may use (:mod:`grader.classbook.roster`): data the kit matches, not sentences."""


def _docstrings(tree) -> set[int]:
    """The string statements that document something: a module's, class's or function's first statement,
    or one right after an assignment (an attribute's docstring)."""
    found = set()
    for parent in ast.walk(tree):
        body = getattr(parent, "body", None)
        if not isinstance(body, list):
            continue
        for i, statement in enumerate(body):
            if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
                    and isinstance(statement.value.value, str)):
                continue
            if (i == 0 and isinstance(parent, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))) \
                    or (i > 0 and isinstance(body[i - 1], (ast.Assign, ast.AnnAssign))):
                found.add(id(statement.value))
    return found


def _korean_outside_catalogue(path: Path) -> list[str]:
    """Each string in ``path`` that holds Korean and is not a docstring or a roster column name, and each
    :class:`Text` built from a Korean literal."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if set(re.findall(HANGUL.pattern + "+", node.value)) - ROSTER_HEADERS - PARTICLE_SYLLABLES:
                found.append(f"{where}: {node.value[:60]!r}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Text"
              and any(isinstance(arg, (ast.Constant, ast.JoinedStr)) and HANGUL.search(ast.unparse(arg))
                      for arg in [*node.args, *(k.value for k in node.keywords)])):
            found.append(f"{where}: {ast.unparse(node)[:60]}")
    return found


def test_no_sentence_lives_outside_the_catalogue():
    """Is every Korean sentence of the grader package in grader/catalog/ (code names entries; docstrings and the
    roster's Korean column names aside), so a newcomer finds all the wording in one place?"""
    package = ROOT / "grader"
    found = [hit for path in sorted(package.rglob("*.py")) if "catalog" not in path.relative_to(package).parts
             for hit in _korean_outside_catalogue(path)]
    assert not found, "\n".join(found)
