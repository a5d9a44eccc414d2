"""End to end, as an nbgrader instructor works: build → generate_assignment → release_assignment, fetch, submit,
collect (conftest.handed_in) → nbgrader's own `nbgrader autograde`, or the kit's `grade nbgrader autograde` →
generate_feedback → export.

The students (nbcourse.STUDENTS): ``correct``; ``mixed`` (nbcourse.MIXED: tensors untouched, one mistake in cnn,
concepts correct), whose three notebooks show nothing done, a mistake and correct work side by side; and
``takeover``, untouched work whose notebooks replace the in-kernel ``run_check`` (nbcourse.KERNEL_TAKEOVER)."""

from __future__ import annotations

import itertools
import json
import shutil
import textwrap

import nbformat
import pytest
import tomli_w
import tomllib
from click.testing import CliRunner
from nbcourse import ASSIGNMENT, STUDENTS, Formgrader, grades, nbgrader, start_nbgrader

from grader.catalog.nbgrader import NBGRADER_CELLS, NBGRADER_NOTICES
from grader.catalog.student import CHECK_NOTES, LABELS
from grader.checks import runner
from grader.cli.nbgrader import nbgrader as nbgrader_group
from grader.nbgrader import testcells
from grader.nbgrader.gradebook import open_gradebook

pytestmark = pytest.mark.slow
STALE = "an output of an earlier autograde"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def plain_autograde(with_submissions, tmp_path_factory):
    """nbgrader's own `nbgrader autograde day06` on the built course, started in the background, so that the
    kit's autograde (:func:`by_kit`, whose test comes first) grades its own copy of the course beside it."""
    course_dir = with_submissions("by-nbgrader")
    log = tmp_path_factory.mktemp("plain-autograde") / "autograde.log"
    running = start_nbgrader("autograde", ASSIGNMENT, cwd=course_dir, log=log)
    yield course_dir, running, log
    running.stop()


@pytest.fixture(scope="module")
def by_nbgrader(plain_autograde):
    """The students as `nbgrader autograde` graded them, and what it logged."""
    course_dir, running, log = plain_autograde
    running.finish()
    return course_dir, grades(course_dir), log.read_text(encoding="utf-8", errors="replace")


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


def leave_stale_outputs(course_dir) -> None:
    """What an earlier autograde left in autograded/: the correct student's tensors.ipynb with old outputs."""
    folder = course_dir / "autograded" / "correct" / ASSIGNMENT
    folder.mkdir(parents=True)
    nb = nbformat.read(course_dir / "submitted" / "correct" / ASSIGNMENT / "tensors.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=STALE)]
    nbformat.write(nb, folder / "tensors.ipynb")


@pytest.fixture(scope="module")
def no_sandbox(kit, tmp_path_factory):
    """The kit with a sandbox that cannot start: 0.05 s to start the child and import TensorFlow."""
    root = tmp_path_factory.mktemp("no-sandbox") / "kit"
    shutil.copytree(kit, root)
    data = tomllib.loads((root / "course.toml").read_text(encoding="utf-8"))
    data.setdefault("limits", {})["import_seconds"] = 0.05
    (root / "course.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    return root


def gradebook_state(course_dir, student: str) -> dict:
    """What the gradebook holds of ``student``: each test cell's (auto score, needs manual grade) and the
    solution cells' automatic comments."""
    with open_gradebook(course_dir) as gradebook:
        submission = gradebook.find_submission(ASSIGNMENT, student)
        return {"grades": {g.name: (g.auto_score, g.needs_manual_grade) for nb in submission.notebooks
                           for g in nb.grades},
                "comments": {c.name: c.auto_comment for nb in submission.notebooks for c in nb.comments}}


@pytest.fixture(scope="module")
def failed_first(plain_autograde, with_submissions, no_sandbox):
    """The class of :func:`by_kit` (a broken student among them, an autograded/ left stale), first autograded
    by `grade nbgrader autograde` while the sandbox cannot start; what that run said and left."""
    course_dir = with_submissions("by-kit")
    cells = break_work(course_dir)
    leave_stale_outputs(course_dir)
    (course_dir / "feedback" / "mixed" / ASSIGNMENT).mkdir(parents=True)
    (course_dir / "feedback" / "mixed" / ASSIGNMENT / "cnn.html").write_text(STALE, encoding="utf-8")
    result = CliRunner(env={"GRADE_COURSE": str(no_sandbox)}).invoke(
        nbgrader_group, ["autograde", str(course_dir), "--workers", "1"], catch_exceptions=False)
    left = {student: gradebook_state(course_dir, student) for student in (*STUDENTS, "broken")}
    folders = sorted(str(p.relative_to(course_dir)) for p in course_dir.glob("*/*/" + ASSIGNMENT))
    listed = {s["student"]: s for s in listed_submissions(course_dir)}
    return course_dir, cells, result, left, folders, listed, grades(course_dir)


def listed_submissions(course_dir) -> list[dict]:
    """The submissions as formgrader's "Manage Submissions" page gets them (its API's own call)."""
    from nbgrader.apps.api import NbGraderAPI

    from grader.nbgrader.gradebook import course_directory

    coursedir = course_directory(course_dir)
    return NbGraderAPI(coursedir, config=coursedir.config).get_submissions(ASSIGNMENT)


@pytest.fixture(scope="module")
def by_kit(failed_first, kit):
    """The students and a broken one graded by `grade nbgrader autograde`, over an autograded/ left stale: the
    run after :func:`failed_first`, with the sandbox working again."""
    course_dir, cells = failed_first[:2]
    leave_stale_outputs(course_dir)
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
    mistake and all of concepts'; the takeover nothing."""
    total = sum(points for name, points in course.points.items()  # the project part is not in nbgrader
                if not name.startswith("project."))
    got = scores(rows)
    assert got["correct"] == (total, total)
    assert 0 < got["mixed"][0] < total and got["mixed"][1] == total
    assert got["takeover"] == (0, total)
    mixed = notebook_scores(course_dir, "mixed")
    assert mixed["tensors"][0] == 0 < mixed["tensors"][1]
    assert 0 < mixed["cnn"][0] < mixed["cnn"][1]
    assert mixed["concepts"][0] == mixed["concepts"][1] > 0


def test_kit_autograde_into_the_gradebook(by_kit, course):
    """Does `grade nbgrader autograde` put full / zero / partial into the gradebook, where `nbgrader export`
    reads it, with the time the exchange recorded?"""
    course_dir, rows, _, _ = by_kit
    assert set(rows) == {*STUDENTS, "broken"}
    assert_full_zero_partial(course_dir, rows, course)
    stamp = (course_dir / "submitted" / "correct" / ASSIGNMENT / "timestamp.txt").read_text()
    assert rows["correct"]["timestamp"][:19] == stamp[:19]


def test_nbgrader_autograde_grades_in_the_sandbox(by_nbgrader, course):
    """Does nbgrader's own `nbgrader autograde` give correct work full marks, untouched work 0 and a mistake
    partial, and the notebooks that replace run_check in their kernel nothing?"""
    course_dir, rows, _ = by_nbgrader
    assert set(rows) == set(STUDENTS)
    assert_full_zero_partial(course_dir, rows, course)
    nb = nbformat.read(course_dir / "autograded" / "takeover" / ASSIGNMENT / "tensors.ipynb", as_version=4)
    tests = [c for c in nb.cells if c.metadata.get("tf_grade", {}).get("test")]
    assert tests and all(o.output_type == "error" for c in tests for o in c.outputs)


def test_untouched_test_cells_raise_no_warning(by_nbgrader):
    """Does `nbgrader autograde` compare every untouched test cell (hidden tests included) without an
    "Attribute 'checksum' ... has changed!" warning?"""
    log = by_nbgrader[2]
    assert "Autograding" in log and "checksum" not in log


def test_one_grade_whichever_command(by_nbgrader, by_kit):
    """Do `nbgrader autograde` and `grade nbgrader autograde` give every student the same grade, notebook by
    notebook, the engine's (error carried forward, named in the mixed student's feedback)?"""
    ours, theirs = scores(by_kit[1]), scores(by_nbgrader[1])
    assert {s: ours[s] for s in STUDENTS} == theirs
    for student in STUDENTS:
        assert notebook_scores(by_kit[0], student) == notebook_scores(by_nbgrader[0], student)
    pages = (by_kit[0] / "feedback" / "mixed").rglob("*.html")
    assert any(CHECK_NOTES["carried"].ko.split(":")[0] in page.read_text(encoding="utf-8") for page in pages)


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
    assert "autograded/" in notes  # nbgrader could not open it: the kit wrote its grade


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
    stamp = course_dir / "submitted" / "correct" / ASSIGNMENT / "timestamp.txt"
    assert (course_dir / "feedback" / "correct" / ASSIGNMENT / "timestamp.txt").read_text() == stamp.read_text()


def test_generate_feedback_after_the_kit(by_kit, course, tmp_path):
    """After `grade nbgrader autograde`, does `nbgrader generate_feedback day06` work, showing the kit's verdicts
    and no output an earlier autograde left, and no hidden test code?"""
    course_dir = tmp_path / "course"
    shutil.copytree(by_kit[0], course_dir)
    nbgrader("generate_feedback", ASSIGNMENT, "--force", cwd=course_dir)
    leaks = hidden_lines(course)
    for student in STUDENTS:
        for page in ("tensors", "cnn", "concepts"):
            text = (course_dir / "feedback" / student / ASSIGNMENT / f"{page}.html").read_text(encoding="utf-8")
            assert STALE not in text and f"def {testcells.WRAPPER}" not in text
            assert not [line for line in leaks if line in text]
    cnn = (course_dir / "feedback" / "mixed" / ASSIGNMENT / "cnn.html").read_text(encoding="utf-8")
    assert "padding" in cnn and "valid" in cnn
    assert "통과 / passed" in (course_dir / "feedback" / "correct" / ASSIGNMENT / "tensors.html").read_text()


def test_nbgrader_feedback_hides_hidden_tests(by_nbgrader, course):
    """Does nbgrader's own generate_feedback, with the generated config, leave hidden test code out?"""
    course_dir = by_nbgrader[0]
    nbgrader("generate_feedback", ASSIGNMENT, cwd=course_dir)
    leaks = hidden_lines(course)
    pages = list((course_dir / "feedback").rglob("*.html"))
    assert len(pages) == 3 * len(STUDENTS)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert f"def {testcells.WRAPPER}" not in text
        assert not [line for line in leaks if line in text]


def test_solution_cells_carry_the_feedback(by_kit, by_nbgrader):
    """Whichever command graded, does each function's solution cell get its failed checks' feedback as
    nbgrader's auto comment?"""
    for course_dir in (by_kit[0], by_nbgrader[0]):
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
    for student in ("correct", "takeover", "broken"):
        shutil.rmtree(course_dir / "submitted" / student)
    result = CliRunner(env={"GRADE_COURSE": str(kit)}).invoke(nbgrader_group, ["autograde", str(course_dir)],
                                                              catch_exceptions=False)
    assert result.exit_code == 0
    assert float(grades(course_dir)["mixed"]["score"]) == float(by_kit[1]["mixed"]["score"]) + points


def test_user_errors(released, tmp_path, kit):
    """Do a missing course dir, one with no submissions, one out of step with the kit and one whose config runs
    test cells in the students' kernels each give one Error line?"""
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
    config = course_dir / "nbgrader_config.py"
    kept = config.read_text()
    config.write_text(kept + '\nc.Autograde.autograde_preprocessors = ["nbgrader.preprocessors.Execute", '
                             '"nbgrader.preprocessors.SaveAutoGrades"]\n')
    result = invoke(nbgrader_group, ["autograde", str(course_dir)])
    assert result.exit_code == 1
    assert "runs the test cells in the students' kernels" in result.output and "--force" in result.output
    config.write_text(kept)
    path = course_dir / "source" / ASSIGNMENT / "concepts.ipynb"
    nb = json.loads(path.read_text())
    cell = next(c for c in nb["cells"] if c["metadata"].get("tf_grade", {}).get("test"))
    cell["metadata"]["nbgrader"]["points"] += 1
    path.write_text(json.dumps(nb))
    result = invoke(nbgrader_group, ["autograde", str(course_dir)])
    assert result.exit_code == 1
    assert "is out of step with the kit" in result.output and cell["metadata"]["tf_grade"]["check"] in result.output
    assert "Traceback" not in result.output


def test_a_sandbox_that_cannot_start_gives_no_grade(failed_first):
    """When the sandbox cannot start, does `grade nbgrader autograde` name each student it could not grade and
    exit non-zero, leaving what nbgrader shows for an errored autograde (no autograded/ folder, no feedback
    page), a gradebook with no score at all (every test cell needs manual grade, the reason as the
    solution cells' comment) and an `nbgrader export` with no score, rather than a 0 the student did not
    earn?"""
    _, _, result, left, folders, listed, exported = failed_first
    assert result.exit_code == 1, result.output
    for student in (*STUDENTS, "broken"):
        assert (exported[student]["score"], exported[student]["raw_score"]) == ("", "")  # `nbgrader export`
        assert listed[student]["autograded"] is False  # formgrader: "needs autograding", no score, a button to retry
        assert f"{student}: 채점하지 못했습니다 (점수 없음" in result.output
        assert f"{student}: 0 /" not in result.output
        assert set(left[student]["grades"].values()) == {(None, True)}
        comments = set(left[student]["comments"].values())
        assert len(comments) == 1 and "timeout" in next(iter(comments))
        assert next(iter(comments)).startswith(NBGRADER_NOTICES["not-graded"].ko.split(":")[0])
    assert result.output.rstrip().endswith("4명을 채점하지 못했습니다: broken, correct, mixed, takeover. "
                                           "원인을 고친 뒤 같은 명령을 다시 실행하면 채점됩니다.")
    assert folders == sorted(f"submitted/{s}/{ASSIGNMENT}" for s in (*STUDENTS, "broken"))  # no autograded/, feedback/


def test_the_next_run_grades_them(by_kit):
    """Once the sandbox starts again, does the next `grade nbgrader autograde` grade every student the failed
    run left without a score (nothing left needing manual grade, no failure comment)?"""
    course_dir = by_kit[0]
    for student in (*STUDENTS, "broken"):
        state = gradebook_state(course_dir, student)
        assert {needs for _, needs in state["grades"].values()} == {False}
        assert None not in {score for score, _ in state["grades"].values()}
        assert not [c for c in state["comments"].values() if c and "timeout" in c]


FORMGRADE_VIEW = """() => ({
  scores: Object.fromEntries(Array.from(document.querySelectorAll('input.score')).map(e => [e.id, e.placeholder])),
  comments: Object.fromEntries(Array.from(document.querySelectorAll('textarea.comment')).map(e => [e.id, e.placeholder])),
  text: document.body.innerText,
})"""


def test_formgrader_shows_the_kits_grades(by_kit, tmp_path):
    """Started as an instructor starts it (jupyter server with nbgrader's extension, on loopback, a token), does
    formgrader list every student as autograded with the kit's score, and does its manual-grading view of the
    mixed student's cnn notebook, in a real browser, show the kit's score of each test cell, the kit's verdict
    as the cell's output and the kit's feedback as the solution cell's comment?"""
    course_dir = tmp_path / "course"
    shutil.copytree(by_kit[0], course_dir)
    rows = by_kit[1]
    server = Formgrader(course_dir, tmp_path)
    try:
        [assignment] = server.get("/formgrader/api/assignments")
        assert assignment["name"] == ASSIGNMENT and assignment["num_submissions"] == len(rows)
        submissions = {s["student"]: s for s in server.get(f"/formgrader/api/submissions/{ASSIGNMENT}")}
        assert {s: (float(rows[s]["score"]), True, False) for s in rows} == {
            s: (sub["score"], sub["autograded"], sub["needs_manual_grade"]) for s, sub in submissions.items()}
        cnn = {n["student"]: n for n in server.get(f"/formgrader/api/submitted_notebooks/{ASSIGNMENT}/cnn")}
        mixed = cnn["mixed"]
        assert (mixed["score"], mixed["max_score"]) == notebook_scores(course_dir, "mixed")["cnn"]
        grades = {g["name"]: g["auto_score"] for g in server.get(f"/formgrader/api/grades?submission_id={mixed['id']}")}
        comments = {c["name"]: c["auto_comment"] for c in
                    server.get(f"/formgrader/api/comments?submission_id={mixed['id']}")}
        assert 0 in grades.values() and len(set(grades.values())) > 1
        seen = formgrader_page(server, f"/formgrader/submissions/{mixed['id']}/", tmp_path)
    finally:
        server.stop()
    assert seen["scores"] == {name: f"{score:g}" for name, score in grades.items()}
    assert seen["comments"]["cnn-first_conv-comment"] == comments["cnn-first_conv"]
    assert "cnn.first_conv:" in comments["cnn-first_conv"] and "padding" in comments["cnn-first_conv"]
    assert NBGRADER_CELLS["check-failed"].both() in seen["text"] and LABELS["passed"].both() in seen["text"]


def formgrader_page(server: Formgrader, path: str, shots) -> dict:
    """What Debian's Chromium shows at ``path`` once formgrader's scripts have filled in the scores (requests
    outside the server, MathJax's, are refused: nothing leaves the machine)."""
    from playwright.sync_api import sync_playwright

    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium; .ci/run does)")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900},  # the token on every request
                                    extra_http_headers={"Authorization": f"token {server.token}"})
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server.url)
                       else route.abort())
            page.goto(f"{server.url}{path}", wait_until="domcontentloaded")
            page.wait_for_function("() => document.querySelector('input.score') && "
                                   "document.querySelector('input.score').placeholder !== ''", timeout=60000)
            page.screenshot(path=str(shots / "formgrader.png"), full_page=True)
            return page.evaluate(FORMGRADE_VIEW)
        finally:
            browser.close()
