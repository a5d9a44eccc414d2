"""End to end: build → generate_assignment → two students → autograde (nbgrader's, then the kit's) → export.

The students: ``correct``, and ``mixed`` (nbcourse.MIXED: tensors untouched, one mistake in cnn, concepts
correct), whose three notebooks show nothing done, a mistake and correct work side by side."""

from __future__ import annotations

import itertools
import json
import shutil
import textwrap

import nbformat
import pytest
from click.testing import CliRunner
from nbcourse import ASSIGNMENT, TIMESTAMP, grades, nbgrader, start_nbgrader

from grader.catalog.student import CHECK_NOTES
from grader.checks import runner
from grader.cli.nbgrader import nbgrader as nbgrader_group
from grader.nbgrader import testcells
from grader.nbgrader.gradebook import open_gradebook

pytestmark = pytest.mark.slow
STUDENTS = ("correct", "mixed")


@pytest.fixture(scope="module")
def plain_autograde(with_submissions, tmp_path_factory):
    """Plain `nbgrader autograde` of the two students (its kernels run the generated test cells), started in
    the background: it runs one notebook at a time, half of two cores, so the kit's autograde (:func:`by_kit`,
    whose test comes first) grades its own copy of the course beside it."""
    course_dir = with_submissions("by-nbgrader")
    running = start_nbgrader("autograde", ASSIGNMENT, cwd=course_dir,
                             log=tmp_path_factory.mktemp("plain-autograde") / "autograde.log")
    yield course_dir, running
    running.stop()


@pytest.fixture(scope="module")
def by_nbgrader(plain_autograde):
    """The two students as plain `nbgrader autograde` graded them."""
    course_dir, running = plain_autograde
    running.finish()
    return course_dir, grades(course_dir)


def break_work(course_dir):
    """A fourth student: tensors.ipynb is not JSON, cnn.ipynb is missing, concepts.ipynb has a deleted
    and an edited test cell (and correct work)."""
    folder = course_dir / "submitted" / "broken" / ASSIGNMENT
    shutil.copytree(course_dir / "submitted" / "correct" / ASSIGNMENT, folder)
    (folder / "tensors.ipynb").write_text('{"cells": [', encoding="utf-8")
    (folder / "cnn.ipynb").unlink()
    (folder / "timestamp.txt").unlink()
    nb = nbformat.read(folder / "concepts.ipynb", as_version=4)
    tests = [i for i, c in enumerate(nb.cells) if c.metadata.get("tf_grade", {}).get("test")]
    deleted = nb.cells[tests[0]].metadata["nbgrader"]["grade_id"]
    edited = nb.cells[tests[1]]
    edited.source += "\nraise SystemExit('the student edited this test')"
    del nb.cells[tests[0]]
    nbformat.write(nb, folder / "concepts.ipynb")
    return deleted, edited.metadata["nbgrader"]["grade_id"]


@pytest.fixture(scope="module")
def by_kit(plain_autograde, with_submissions, kit):
    """The two students and a broken one graded by `grade nbgrader autograde` (the isolated engine)."""
    course_dir = with_submissions("by-kit")
    cells = break_work(course_dir)
    result = CliRunner(env={"GRADE_COURSE": str(kit)}).invoke(nbgrader_group, ["autograde", str(course_dir)],
                                                              catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return course_dir, grades(course_dir), result.output, cells


def scores(rows) -> dict[str, tuple[float, float]]:
    return {student: (float(row["score"]), float(row["max_score"])) for student, row in rows.items()}


def notebook_scores(course_dir, student: str) -> dict[str, tuple[float, float]]:
    """``(score, max_score)`` of each of ``student``'s notebooks, from the gradebook."""
    with open_gradebook(course_dir) as gradebook:
        found = {nb: gradebook.find_submission_notebook(nb, ASSIGNMENT, student) for nb in ("tensors", "cnn", "concepts")}
        return {nb: (notebook.score, notebook.max_score) for nb, notebook in found.items()}


def assert_full_zero_partial(course_dir, rows, course):
    """Correct work full marks; the mixed student 0 for the untouched notebook, part of cnn's points for its
    mistake and all of concepts'."""
    total = sum(points for name, points in course.points.items()  # the project part is not in nbgrader
                if not name.startswith("project."))
    got = scores(rows)
    assert got["correct"] == (total, total)
    assert 0 < got["mixed"][0] < total and got["mixed"][1] == total
    mixed = notebook_scores(course_dir, "mixed")
    assert mixed["tensors"][0] == 0 < mixed["tensors"][1]
    assert 0 < mixed["cnn"][0] < mixed["cnn"][1]
    assert mixed["concepts"][0] == mixed["concepts"][1] > 0


def test_kit_autograde_into_the_gradebook(by_kit, course):
    """Does `grade nbgrader autograde` put full / zero / partial into gradebook.db, where `nbgrader export` reads it?"""
    course_dir, rows, _, _ = by_kit
    assert set(rows) == {*STUDENTS, "broken"}
    assert_full_zero_partial(course_dir, rows, course)
    assert rows["correct"]["timestamp"].startswith(TIMESTAMP[:19])


def test_plain_nbgrader_autograde(by_nbgrader, course):
    """Does plain `nbgrader autograde` give correct work full marks, untouched work 0 and a mistake partial?"""
    course_dir, rows = by_nbgrader
    assert set(rows) == set(STUDENTS)
    assert_full_zero_partial(course_dir, rows, course)


def test_same_scores_both_ways(by_nbgrader, by_kit):
    """Do nbgrader's kernels and the kit's isolated engine give every student the same score, except that
    the engine credits back what a mistake cost downstream (error carried forward, which plain nbgrader's
    one-cell-at-a-time tests cannot know), and says so in that student's feedback?"""
    ours, theirs = scores(by_kit[1]), scores(by_nbgrader[1])
    for student in STUDENTS:
        assert ours[student][1] == theirs[student][1]
        if ours[student][0] != theirs[student][0]:
            assert ours[student][0] > theirs[student][0]
            pages = (by_kit[0] / "feedback" / student).rglob("*.html")
            assert any(CHECK_NOTES["carried"].ko.split(":")[0] in page.read_text(encoding="utf-8") for page in pages)
    assert ours["correct"] == theirs["correct"]
    ours, theirs = notebook_scores(by_kit[0], "mixed"), notebook_scores(by_nbgrader[0], "mixed")
    assert ours["tensors"] == theirs["tensors"] and ours["concepts"] == theirs["concepts"]  # only cnn had a mistake


def test_broken_work_is_graded_for_what_runs(by_kit, course):
    """Does a student with a non-JSON notebook, a missing one and tampered test cells get concepts' points
    and a clear note for each problem?"""
    _, rows, output, (deleted, edited) = by_kit
    concepts = sum(p for name, p in course.points.items() if name.startswith("concepts."))
    assert float(rows["broken"]["score"]) == concepts
    lines = output.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("broken:")))
    notes = "\n".join(itertools.takewhile(lambda line: line.startswith("  ! "), lines[start + 1:]))
    assert "tensors.ipynb" in notes and "JSON" in notes
    assert "cnn.py" in notes and "cnn.ipynb" in notes
    assert f"concepts.ipynb: 검사 셀이 지워졌습니다 ({deleted})" in notes
    assert f"concepts.ipynb: 검사 셀이 바뀌었습니다 ({edited})" in notes


def hidden_lines(course) -> list[str]:
    """Lines of hidden checks' code that no public check shares."""
    public = "".join(p.read_text() for p in course.checks_dir.rglob("*.py") if "hidden" not in p.parts)
    lines = []
    for check in (c for c in runner.discover(course, "all") if c.hidden):
        code = testcells.check_code(check, course.checks_dir)
        body = textwrap.dedent(code.code.split(f"def {code.function}(", 1)[1])
        lines += [s for s in (line.strip() for line in body.splitlines()) if len(s) > 25 and s not in public]
    assert lines
    return lines


def test_kit_feedback_never_shows_test_code(by_kit, course):
    """Does every student get one feedback page per notebook, with no hidden (or any) test code in it?"""
    course_dir = by_kit[0]
    leaks = hidden_lines(course)
    for student in (*STUDENTS, "broken"):
        folder = course_dir / "feedback" / student / ASSIGNMENT
        pages = sorted(p.name for p in folder.glob("*.html"))
        assert pages == ["cnn.html", "concepts.html", "tensors.html"]
        for page in pages:
            text = (folder / page).read_text(encoding="utf-8")
            assert testcells.WRAPPER not in text and "HIDDEN TESTS" not in text
            assert not [line for line in leaks if line in text]
    assert (course_dir / "feedback" / "correct" / ASSIGNMENT / "timestamp.txt").read_text() == TIMESTAMP


def test_nbgrader_feedback_hides_hidden_tests(by_nbgrader, course):
    """Does nbgrader's own generate_feedback, with the generated config, leave hidden test code out?

    (A failed hidden check's traceback still shows the cell's last lines: the runner call and the marker.)
    """
    course_dir = by_nbgrader[0]
    nbgrader("generate_feedback", ASSIGNMENT, cwd=course_dir)
    leaks = hidden_lines(course)
    pages = list((course_dir / "feedback").rglob("*.html"))
    assert len(pages) == 3 * len(STUDENTS)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert f"def {testcells.WRAPPER}" not in text
        assert not [line for line in leaks if line in text]


def test_solution_cells_carry_the_feedback(by_kit):
    """Does each function's solution cell get its failed checks' feedback as nbgrader's auto comment?"""
    course_dir = by_kit[0]
    with open_gradebook(course_dir) as gradebook:
        def comment(function, student):
            return gradebook.find_comment(f"cnn-{function}", "cnn", ASSIGNMENT, student).auto_comment

        assert comment("first_conv", "mixed") and "cnn.first_conv:" in comment("first_conv", "mixed")
        assert comment("pooling", "mixed") is None
        assert comment("first_conv", "correct") is None


def test_regrading_keeps_manual_scores(by_kit, kit, tmp_path):
    """Does grading again update auto scores but keep a score the instructor set by hand?"""
    course_dir = tmp_path / "course"
    shutil.copytree(by_kit[0], course_dir)
    with open_gradebook(course_dir) as gradebook:
        cell = next(c for c in gradebook.find_notebook("tensors", ASSIGNMENT).grade_cells)
        grade = gradebook.find_grade(cell.name, "tensors", ASSIGNMENT, "mixed")  # its untouched notebook
        grade.manual_score = points = cell.max_score
        gradebook.db.commit()
    shutil.rmtree(course_dir / "submitted" / "correct")
    shutil.rmtree(course_dir / "submitted" / "broken")
    result = CliRunner(env={"GRADE_COURSE": str(kit)}).invoke(nbgrader_group, ["autograde", str(course_dir)],
                                                              catch_exceptions=False)
    assert result.exit_code == 0
    assert float(grades(course_dir)["mixed"]["score"]) == float(by_kit[1]["mixed"]["score"]) + points


def test_user_errors(released, tmp_path, kit):
    """Do a missing course dir, one with no submissions, and one out of step with the kit each give one Error line?"""
    invoke = CliRunner(env={"GRADE_COURSE": str(kit)}).invoke
    result = invoke(nbgrader_group, ["autograde", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert result.output == (f"Error: {tmp_path / 'nope'} is not a course directory "
                             f"(make one with `grade nbgrader build`)\n")
    course_dir = tmp_path / "course"
    shutil.copytree(released, course_dir)
    result = invoke(nbgrader_group, ["autograde", str(course_dir)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: no submissions found")
    path = course_dir / "source" / ASSIGNMENT / "concepts.ipynb"
    nb = json.loads(path.read_text())
    cell = next(c for c in nb["cells"] if c["metadata"].get("tf_grade", {}).get("test"))
    cell["metadata"]["nbgrader"]["points"] += 1
    path.write_text(json.dumps(nb))
    result = invoke(nbgrader_group, ["autograde", str(course_dir)])
    assert result.exit_code == 1
    assert "is out of step with the kit" in result.output and cell["metadata"]["tf_grade"]["check"] in result.output
    assert "Traceback" not in result.output
