"""`grade verify`'s own findings, in Korean and English (the grading runs are the batch tests' to prove)."""

from __future__ import annotations

import shutil
from pathlib import Path

from classroom import ALL_MODULES as GENERATED_MODULES

from grader.content.verify import signature_problems

ROOT = Path(__file__).resolve().parents[2]


def test_a_stub_that_differs_from_its_solution_is_named_in_both_languages(tmp_path):
    """Does a stub whose arguments differ from its solution's, and a module missing from one side, each give
    one problem that reads in Korean and in English?"""
    root = Path(tmp_path)
    shutil.copy(ROOT / "course.toml", root / "course.toml")  # the kit's parts: what verify compares
    (root / "exercises").mkdir()
    (root / "solutions").mkdir()
    for module in GENERATED_MODULES[1:]:
        for side in ("exercises", "solutions"):
            (root / side / f"{module}.py").write_text("def f(a, b=1):\n    pass\n", encoding="utf-8")
    first = GENERATED_MODULES[0]
    (root / "solutions" / f"{first}.py").write_text("def f(a):\n    pass\n", encoding="utf-8")
    second = GENERATED_MODULES[1]
    (root / "exercises" / f"{second}.py").write_text("def f(a, b=2):\n    pass\n", encoding="utf-8")
    missing, differ = signature_problems(root)
    assert missing.en == f"{first}: exercises/{first}.py or solutions/{first}.py is missing"
    assert missing.ko == f"{first}: exercises/{first}.py나 solutions/{first}.py가 없습니다"
    assert differ.en == f"{second}.f: stub (a, b=2) and solution (a, b=1) differ"
    assert differ.ko == f"{second}.f: 스텁(a, b=2)과 해답(a, b=1)의 인자가 다릅니다"
