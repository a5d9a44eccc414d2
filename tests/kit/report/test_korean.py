"""Korean a teacher would sign: particles attached and agreeing, the lecture's terms, everywhere a student reads.

Walks every Korean string a student reads: the catalogues, the checks' titles and messages
(tests/checks), the stubs' docstrings, the notebooks and their lesson cells, and the student
part of docs/student.md and the student kit's README. The rules are in korean.py.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import korean
import pytest

from grader.catalog import tables

ROOT = Path(__file__).resolve().parents[3]
HANGUL = re.compile(r"[가-힣]")
WRONG_TERMS = {"시험 데이터": "테스트 데이터", "시험 정확도": "테스트 정확도", "시험 이미지": "테스트 이미지",
               "과대적합": "과적합", "풀링 창": "풀링 윈도우", " 창마다": "풀링 윈도우마다", "인 창을": "풀링 윈도우", "기대한 것": "기댓값", "컨볼루션": "합성곱",
               "훈련": "학습", "과목": "과정", "학습 숫자": "학습용 숫자 이미지", "활성화 없음": "활성화 함수를 빼면"}
"""Words the lecture does not use, and the lecture's own."""


def catalogue_strings() -> list[tuple[str, str]]:
    """The Korean of every entry of every table in grader/catalog/."""
    return [(f"{name}[{key}]", text.ko) for name, table in tables().items() for key, text in table.items()]


def python_strings(path: Path, korean_only: bool = True) -> list[tuple[str, str]]:
    """Every string constant in a file (docstrings, messages, titles) that holds Hangul."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(f"{path.relative_to(ROOT)}:{node.lineno}", node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and (HANGUL.search(node.value) or not korean_only)]


def notebook_strings(path: Path) -> list[tuple[str, str]]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [(f"{path.relative_to(ROOT)} cell {i}", "".join(cell["source"]))
            for i, cell in enumerate(notebook["cells"]) if HANGUL.search("".join(cell["source"]))]


def student_guide_part() -> list[tuple[str, str]]:
    text = (ROOT / "docs" / "student.md").read_text(encoding="utf-8")
    start = text.index("## 학생 안내")
    end = text.index("\n## ", start + 1)
    return [("docs/student.md 학생 안내", text[start:end])]


SOURCES = {
    "catalogue": catalogue_strings,
    "solutions": lambda: [s for p in sorted((ROOT / "solutions").glob("*.py")) for s in python_strings(p)],
    "exercises": lambda: [s for p in sorted((ROOT / "exercises").glob("*.py")) for s in python_strings(p)],
    "notebooks": lambda: [s for p in sorted((ROOT / "exercises" / "notebooks").glob("*.ipynb"))
                          for s in notebook_strings(p)],
    "notebook-builder": lambda: python_strings(ROOT / "grader" / "content" / "notebooks.py"),
    "lesson-cells": lambda: python_strings(ROOT / "grader" / "content" / "lesson.py"),
    "checks": lambda: [s for p in sorted((ROOT / "tests" / "checks").rglob("*.py")) for s in python_strings(p)],
    "student-guide": student_guide_part,
    "student-readme": lambda: [("docs/README.student.md",
                                (ROOT / "docs" / "README.student.md").read_text(encoding="utf-8"))],
}


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_particles_attach_and_agree(source):
    """Is every particle attached to its word, and 은/는, 을/를, 으로/로 (이/가, 과/와 after code) chosen
    by the final sound of the word before it?"""
    hits = [f"{where}: {hit.rule}: …{hit.text}…" for where, value in SOURCES[source]()
            for hit in korean.check(value)]
    assert not hits, "\n".join(hits)


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_lecture_terms(source):
    """Does the text use the lecture's terms (테스트 데이터, 과적합, 풀링 윈도우, 합성곱, 기댓값)?"""
    hits = [f"{where}: {wrong} → {right}" for where, value in SOURCES[source]()
            for wrong, right in WRONG_TERMS.items() if wrong in value]
    assert not hits, "\n".join(hits)


@pytest.mark.parametrize(("text", "rule"), [
    ("`tf.Variable` 은 텐서입니다.", "detached"), ("원소가 0 인 텐서", "detached"),
    ("x_train는 이미지입니다.", "는 after"), ("`grade check cnn`로 확인", "로 after"),
    ("dtype를 정하세요", "를 after"), ("파일으로 저장", "으로 after"), ("모델를 만든다", "를 after"),
    ("`{function}`은 구현되지 않았습니다", "double form"), ("3136개의 값이 32가", None),
])
def test_the_rules_catch_what_they_should(text, rule):
    """Do the rules flag the mistakes the issue names, and leave correct Korean alone?"""
    hits = korean.check(text)
    if rule is None:
        assert not hits, hits
    else:
        assert any(rule in hit.rule for hit in hits), hits


@pytest.mark.parametrize("text", [
    "`tf.Variable`은 학습 중에 값이 바뀌는 텐서입니다.", "x_train은 이미지입니다.", "`grade check cnn`으로 확인하세요.",
    "dtype을 정하세요.", "파일로 저장합니다.", "`model.summary()`를 읽어 봅니다.", "Conv2D가 32개 필터를 씁니다.",
    "`{function}`은(는) 아직 구현되지 않았습니다.", "(N, 28, 28, 1)로 바꿉니다.", "float32로 바꿉니다.",
    "relu를 씁니다.", "padding을 same으로 두면", "10으로 나눕니다.", "MNIST를 불러옵니다.", "CNN을 씁니다.",
])
def test_the_rules_accept_correct_korean(text):
    """Is correct Korean left alone by the rules?"""
    assert not korean.check(text)
