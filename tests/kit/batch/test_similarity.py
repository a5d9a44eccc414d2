"""grader.batch.similarity on plain sources: the same numbers every run, the handout and the class's idioms left out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from classroom import MODULES

from grader.batch.similarity import FLAG_SHARE, compare, own_code, render

ROOT = Path(__file__).resolve().parents[3]
STYLES = ROOT / "tests" / "kit" / "grading" / "styles"


def solution(module: str) -> str:
    return (ROOT / "solutions" / f"{module}.py").read_text(encoding="utf-8")


def stubs() -> dict[str, str]:
    return {m: (ROOT / "exercises" / f"{m}.py").read_text(encoding="utf-8") for m in MODULES}


def honest_class_with_a_copy() -> dict[str, dict[str, str]]:
    """Four students with the lecture's code, one with the functional model style and one who copied that."""
    honest = {m: solution(m) for m in MODULES}
    styled = dict(honest, cnn=honest["cnn"] + "\n\n" + (STYLES / "functional" / "cnn.append.py").read_text())
    return {**{f"s{i}": dict(honest) for i in range(1, 5)}, "s5": styled, "s6": dict(styled)}


def test_same_sources_give_the_same_numbers_in_every_process(tmp_path):
    """Does a process with another hash seed give the same pairs and shares as this one (copydetect's own
    hash would not)?"""
    data = tmp_path / "class.json"
    data.write_text(json.dumps({"sources": honest_class_with_a_copy(), "stubs": stubs()}), encoding="utf-8")
    code = ("import json,sys; from grader.batch.similarity import compare; d=json.load(open(sys.argv[1])); "
            "print(json.dumps([(p.first, p.second, p.shares) for p in compare(d['sources'], d['stubs'])]))")
    seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    there = subprocess.run([sys.executable, "-c", code, str(data)], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout
    here = json.dumps([(p.first, p.second, p.shares) for p in compare(honest_class_with_a_copy(), stubs())])
    assert json.loads(there) == json.loads(here) and any(p[2] for p in json.loads(here))


def test_the_class_idiom_is_not_a_copy_and_the_copy_is():
    """Do students who wrote the lecture's code like most of the class share nothing that counts, while
    the two with the same uncommon code are flagged?"""
    pairs = {(p.first, p.second): p for p in compare(honest_class_with_a_copy(), stubs())}
    assert pairs[("s5", "s6")].share >= FLAG_SHARE
    assert max(p.share for key, p in pairs.items() if key != ("s5", "s6")) < FLAG_SHARE
    assert pairs[("s1", "s2")].share == 0.0


def test_the_handout_is_never_marked_as_shared():
    """Are the stub's lines (docstrings, signatures) blanked, so no marked shared code holds one?"""
    given = stubs()
    sources = honest_class_with_a_copy()
    assert "NotImplementedError" not in own_code(given["tensors"], given["tensors"]).strip()
    page = render(compare(sources, given)[:1], len(sources), 15, "en")
    docstrings = {line.strip() for m in MODULES for line in given[m].splitlines()
                  if len(line.strip()) > 20 and not line.strip().startswith(("def ", "return", "import", "from"))}
    marked = [chunk.split("</mark>")[0] for chunk in page.split("<mark>")[1:]]
    assert marked and not any(line in chunk for chunk in marked for line in docstrings)
