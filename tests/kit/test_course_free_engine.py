"""The engine knows no course: no file under ``grader/`` names a course's modules or the lecture.

What a course is (its parts, their data, what counts) is ``course.toml``'s ``[[parts]]``; what a part's
checks compute (the lecture's model, its baseline recipe) is the course's own code under ``tests/checks``.
The engine reads the declarations generically, so a second unit (``tests/kit/units/day07``) grades with no
engine file changed. These tests read the package's source (ast, and the templates as text) and fail
where code decides by a course's module name: a string such as ``"cnn"`` or ``"project.train"``, a module
or template named after a part, or the word ``lecture`` outside a docstring.

Allowed, and why: the catalogue (``grader/catalog/``: the sentences people read), the student-facing front
ends SPEC.md fixes (``grader/data.py``'s ``load_mnist``, ``grader/notebook.py``'s ``check``), the particle
chooser's word list (``grader/korean.py``: words of the catalogue's sentences), and the entries of
:data:`ALLOWED` below, each with its reason.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

from grader import config

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "grader"
EXEMPT = ("catalog/", "data.py", "notebook.py", "korean.py")
"""Files (relative to ``grader/``) that may name the course: see the module's description."""
ALLOWED = {
    ("config.py", "project"): "course.toml's [project] section (SPEC.md's course.toml), which configures a holdout part",
    ("content/release.py", "project"): "pyproject.toml's [project] table, read to write the kit's wheel",
    ("content/lesson.py", "tensors"): "left: the notebooks' try-it cells are still the engine's (issue 20)",
    ("content/lesson.py", "cnn"): "left: the notebooks' try-it cells are still the engine's (issue 20)",
    ("content/lesson.py", "concepts"): "left: the notebooks' try-it cells are still the engine's (issue 20)",
    ("content/lesson.py", "lecture-model"): "left: the build_model try cell prints the lecture's summary (issue 20)",
}
"""(file, string) pairs that name a course word for a reason of their own."""


def course_words() -> tuple[str, ...]:
    """The day06 course's module names, read from its course.toml, and the lecture."""
    return (*config.load(ROOT).modules, "lecture")


def docstrings(tree: ast.AST) -> set[int]:
    """The ids of every string that stands alone as a statement (module, class, function and attribute docs)."""
    return {id(node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)}


def names_a_course_word(text: str, words: tuple[str, ...]) -> bool:
    """Is ``text`` a course module's name or a name inside one (``cnn``, ``project.train``), or does it say
    ``lecture``?"""
    modules = [w for w in words if w != "lecture"]
    return (text in modules or any(text.startswith(f"{m}.") for m in modules)
            or re.search(r"\blecture\b", text) is not None)


def offences(words: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*")):
        relative = path.relative_to(PACKAGE).as_posix()
        if not path.is_file() or relative.startswith(EXEMPT) or "__pycache__" in relative:
            continue
        stem = path.name.split(".")[0]
        if path.suffix in (".py", ".j2") and (stem in words or stem.split("_")[0] in words):
            found.append(f"{relative}: a file named after the course's {stem.split('_')[0]!r}")
        if path.suffix == ".j2":
            found += [f"{relative}: the template says {w!r}" for w in words
                      if re.search(rf"\b{w}\b", path.read_text(encoding="utf-8"))]
        if path.suffix != ".py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        docs = docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("grader"):
                for alias in node.names:
                    target = f"{node.module}.{alias.name}"
                    if alias.name in words and not target.startswith("grader.catalog"):
                        found.append(f"{relative}:{node.lineno}: imports {target}")
            elif isinstance(node, ast.Import):
                found += [f"{relative}:{node.lineno}: imports {a.name}" for a in node.names
                          if a.name.startswith("grader.") and a.name.rsplit(".", 1)[-1] in words
                          and not a.name.startswith("grader.catalog")]
            elif (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
                  and names_a_course_word(node.value, words) and (relative, node.value) not in ALLOWED):
                found.append(f"{relative}:{node.lineno}: the string {node.value[:60]!r}")
    return found


def test_no_engine_file_names_a_course_module_or_the_lecture():
    """Does every file under grader/ (but the catalogue and the front ends SPEC.md fixes) decide by the
    course's declarations rather than by the name of one of its modules or the lecture?"""
    found = offences(course_words())
    assert not found, "the engine names the course:\n" + "\n".join(found)


def test_the_scan_catches_a_part_named_in_code(tmp_path, monkeypatch):
    """Would the scan above catch the kinds of naming it forbids (a comparison with a module's name, a
    check's name, a module named after a part, the lecture in a template), and leave a docstring alone?"""
    fake = tmp_path / "grader"
    (fake / "engine").mkdir(parents=True)
    (fake / "engine" / "grading.py").write_text('"""Grades ``cnn`` and the lecture\'s model."""\n'
                                                'def needs(notebook):\n    return notebook == "cnn"\n'
                                                'NAME = "project.train_project_model"\n', encoding="utf-8")
    (fake / "engine" / "project.py").write_text("X = 1\n", encoding="utf-8")
    (fake / "report").mkdir()
    (fake / "report" / "page.html.j2").write_text("<p>{{ row.lecture }}</p>\n", encoding="utf-8")
    (fake / "report" / "terminal.py").write_text("from grader.engine import project\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    found = offences(course_words())
    assert any("grading.py:3: the string 'cnn'" in f for f in found)
    assert any("grading.py:4: the string 'project.train_project_model'" in f for f in found)
    assert any(f.startswith("engine/project.py: a file named after") for f in found)
    assert any(f.startswith("report/page.html.j2: the template says 'lecture'") for f in found)
    assert any("terminal.py:1: imports grader.engine.project" in f for f in found)
    assert not any("grading.py:1" in f for f in found), found  # the docstring is prose, not a decision
    assert len(found) == 5, found


def test_nbgrader_pages_show_the_run_on_the_parts_that_train(tmp_path):
    """Does nbgrader's feedback put the run's figures on the page of the part whose data is mnist, whatever
    the course calls it, and on no other page?"""
    from grader.nbgrader.autograde import measured_notebooks, write_feedback
    from grader.record.results import Report

    parts = {"parts": [{"module": "basics"}, {"module": "vision", "data": "mnist"}]}
    course = config.parse(parts, "course.toml", tmp_path)
    assert measured_notebooks(course, ["basics", "vision"]) == {"vision"}
    assert measured_notebooks(config.load(ROOT), ["tensors", "cnn", "concepts"]) == {"cnn"}  # day06 as before
    report = Report(student="s1", artifacts={"accuracy": 0.9731, "threshold": 0.9, "device": "CPU"})
    pages = write_feedback(tmp_path / "feedback", report, ["basics", "vision"], True, "en", tmp_path,
                           measured=measured_notebooks(course, ["basics", "vision"]))
    text = {page.stem: page.read_text(encoding="utf-8") for page in pages}
    assert "97.3% (threshold 90.0%)" in text["vision"] and "97.3%" not in text["basics"]


def test_reports_find_the_measured_run_under_the_part_scored_apart():
    """Do the leaderboard, the terminal's section and Gradescope's extra_data find a measured run by the part
    the report scores apart, under whatever name the course gives it (and find none under another name)?"""
    from grader.record.results import CheckResult, Report
    from grader.report import gradescope, holdout, leaderboard

    run = {"accuracy": 0.975, "params": 1000, "train_seconds": 3.0, "baseline": {"accuracy": 0.96}, "margin": 0.005}
    results = [CheckResult("challenge.fit: beats the baseline", 6, 6, "passed")]
    report = Report(results=results, artifacts={"challenge": run}, apart=("challenge",))
    assert leaderboard.run_of(report) == run and holdout.lines(report)
    assert gradescope.with_leaderboard({}, report)["extra_data"] == {"challenge": {"score": 6, "max_score": 6}}
    elsewhere = Report(results=results, artifacts={"project": run}, apart=("challenge",))
    assert leaderboard.run_of(elsewhere) is None and holdout.lines(elsewhere) == []
