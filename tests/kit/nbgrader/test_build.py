"""`grade nbgrader build`: the course directory, its notebooks' nbgrader metadata, and what it refuses."""

from __future__ import annotations

import re
import shutil

import nbformat
import pytest
from classroom import MODULES
from click.testing import CliRunner
from nbcourse import ASSIGNMENT, nbgrader

from grader.checks import runner
from grader.cli.nbgrader import nbgrader as nbgrader_group
from grader.content.stubs import CODE_HERE
from grader.errors import KitError
from grader.nbgrader import testcells
from grader.nbgrader.build import AUTOGRADE, MIN_CELL_TIMEOUT, build_course
from grader.nbgrader.gradebook import course_settings, open_gradebook


def notebook(folder, module):
    return nbformat.read(folder / f"{module}.ipynb", as_version=4)


def test_layout(released, course):
    """Does build write the config and exactly one assignment folder holding the three notebooks and nothing
    else, so that generate_assignment releases the notebooks only?"""
    assert [p.name for p in (released / "source").iterdir()] == [ASSIGNMENT]
    notebooks = {f"{m}.ipynb" for m in MODULES}
    assert {p.name for p in (released / "source" / ASSIGNMENT).iterdir()} == notebooks
    assert {str(p.relative_to(released / "release")) for p in (released / "release").rglob("*")} == \
        {ASSIGNMENT, *(f"{ASSIGNMENT}/{name}" for name in notebooks)}
    config_text = (released / "nbgrader_config.py").read_text()
    assert "assignment_id" not in config_text  # named on nbgrader's command line, as nbgrader documents
    timeout = int(re.search(r"c\.ExecutePreprocessor\.timeout = (\d+)", config_text)[1])
    assert timeout >= MIN_CELL_TIMEOUT
    settings = course_settings(released)
    assert settings.CourseDirectory.course_id == course.course.name
    assert list(settings.Autograde.autograde_preprocessors) == list(AUTOGRADE)
    assert "nbgrader.preprocessors.Execute" not in config_text
    assert settings.SandboxGrades.kit == str(course.root.resolve())


def test_gradebook_where_the_config_puts_it(released, tmp_path):
    """Does the kit open the gradebook at the config's CourseDirectory.db_url, where nbgrader's own commands
    write?"""
    course_dir = tmp_path / "course"
    shutil.copytree(released, course_dir, ignore=shutil.ignore_patterns("gradebook.db"))
    elsewhere = tmp_path / "grades" / "book.db"
    elsewhere.parent.mkdir()
    shutil.copyfile(released / "gradebook.db", elsewhere)  # generate_assignment's, moved
    with (course_dir / "nbgrader_config.py").open("a") as config:
        config.write(f"\nc.CourseDirectory.db_url = 'sqlite:///{elsewhere}'\n")
    nbgrader("db", "student", "add", "kim", cwd=course_dir)
    with open_gradebook(course_dir) as gradebook:
        assert [s.id for s in gradebook.students] == ["kim"]
        assert [a.name for a in gradebook.assignments] == [ASSIGNMENT]
    assert not (course_dir / "gradebook.db").exists()


def test_one_test_cell_per_check_with_its_points(released, course):
    """Does every check get one locked test cell worth its course.toml points, after the function it checks?"""
    checks = runner.discover(course, "all")
    points = {c.name: c.points for c in checks}
    seen = {}
    for module in MODULES:
        nb = notebook(released / "source" / ASSIGNMENT, module)
        ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells]
        assert len(ids) == len(set(ids))
        position = {}
        for index, cell in enumerate(nb.cells):
            meta = cell.metadata["nbgrader"]
            assert meta["schema_version"] == 3
            function = cell.metadata.get("tf_grade", {}).get("function")
            if cell.cell_type == "code" and function:
                assert meta["solution"] is True and meta["locked"] is False and meta["grade"] is False
                assert "### BEGIN SOLUTION" in cell.source and "### END SOLUTION" in cell.source
                position[function] = index
            elif cell.metadata.get("tf_grade", {}).get("test"):
                name = cell.metadata["tf_grade"]["check"]
                assert meta["grade"] is True and meta["solution"] is False and meta["locked"] is True
                assert meta["points"] == points[name]
                assert name.startswith(f"{module}.")
                assert index > position[name.split(":", 1)[0].split(".", 1)[1]]
                seen[name] = meta["points"]
            else:
                assert meta["locked"] is True and meta["grade"] is False and meta["solution"] is False
                if cell.cell_type == "markdown":
                    assert re.search(r"[가-힣]", cell.source) or cell.source.startswith("### `")
    course_checks = [c for c in checks if c.module != "project"]  # grade itself grades the project part
    assert sorted(seen) == sorted(c.name for c in course_checks)
    assert sum(seen.values()) == sum(c.points for c in course_checks) == 100


def test_released_test_cells_hold_no_code(released, course):
    """Does every released test cell, public or hidden, hold only its header (what is checked, for how many
    points), the check's code staying between the HIDDEN TESTS markers of the source?"""
    for check in (c for c in runner.discover(course, "all") if c.module != "project"):
        code = testcells.check_code(check, course.checks_dir)
        source = notebook(released / "source" / ASSIGNMENT, check.module)
        release = notebook(released / "release" / ASSIGNMENT, check.module)
        cells = [next(c for c in nb.cells if c.metadata.get("tf_grade", {}).get("check") == check.name)
                 for nb in (source, release)]
        assert f"def {code.function}(" in cells[0].source.partition(testcells.BEGIN_HIDDEN)[2]
        assert cells[1].source.strip() == "\n".join(testcells.header(check, check.points))


def test_solution_cells_become_the_kits_stub(released):
    """Does generate_assignment turn each solution cell into the kit's bilingual stub?"""
    nb = notebook(released / "release" / ASSIGNMENT, "tensors")
    cell = next(c for c in nb.cells if c.cell_type == "code"
                and c.metadata.get("tf_grade", {}).get("function") == "make_variable")
    assert f"    {CODE_HERE}\n    raise NotImplementedError()" in cell.source
    assert "tf.Variable(value, dtype=dtype)" not in cell.source


def test_refuses_an_existing_course_dir(released, kit):
    """Does build refuse a course directory that exists, with one Error line, and change nothing?"""
    before = {p: p.read_bytes() for p in released.rglob("*") if p.is_file()}
    result = CliRunner(env={"GRADE_COURSE": str(kit)}).invoke(nbgrader_group, ["build", str(released)])
    assert result.exit_code == 1
    assert result.output == (f"Error: {released / 'source' / ASSIGNMENT} already exists; use --force to rewrite it "
                             f"and nbgrader_config.py (nothing else in {released} is touched)\n")
    assert {p: p.read_bytes() for p in released.rglob("*") if p.is_file()} == before


def test_force_rewrites_only_its_own_files(course, tmp_path):
    """Does --force rewrite the kit's files, remove what earlier versions put beside the notebooks (course.toml,
    the checks' helpers, which students must not get), and keep everything else the instructor has there?"""
    course_dir = tmp_path / "course"
    build_course(course, course_dir)
    notes = course_dir / "notes.txt"
    notes.write_text("mine")
    gradebook = course_dir / "gradebook.db"
    gradebook.write_bytes(b"grades")
    (course_dir / "source" / ASSIGNMENT / "cnn.ipynb").write_text("{}")
    former = [course_dir / "source" / ASSIGNMENT / "course.toml", course_dir / "source" / ASSIGNMENT / "checks"]
    former[0].write_text("[course]\n")  # what an earlier version put beside the notebooks
    (former[1] / "public").mkdir(parents=True)
    (former[1] / "_lecture.py").write_text("LECTURE = 1\n")
    written = build_course(course, course_dir, force=True)
    assert notes.read_text() == "mine" and gradebook.read_bytes() == b"grades"
    assert not [path for path in former if path.exists()]
    assert course_dir / "source" / ASSIGNMENT / "cnn.ipynb" in written
    assert notebook(course_dir / "source" / ASSIGNMENT, "cnn").cells


def test_a_second_assignment_joins_the_course(released, kit, tmp_path):
    """Does a second build with another assignment name add it beside the first, so that nbgrader's documented
    `nbgrader generate_assignment day07` works, and `grade nbgrader autograde` then asks which one?"""
    course_dir = tmp_path / "course"
    shutil.copytree(released, course_dir)
    before = {p: p.read_bytes() for p in (course_dir / "source" / ASSIGNMENT).rglob("*") if p.is_file()}
    runner = CliRunner(env={"GRADE_COURSE": str(kit)})
    result = runner.invoke(nbgrader_group, ["build", str(course_dir), "--assignment", "day07"])
    assert result.exit_code == 0, result.output
    assert "nbgrader generate_assignment day07" in result.output
    assert {p: p.read_bytes() for p in (course_dir / "source" / ASSIGNMENT).rglob("*") if p.is_file()} == before
    nbgrader("generate_assignment", "day07", cwd=course_dir)
    assert {p.name for p in (course_dir / "release").iterdir()} == {ASSIGNMENT, "day07"}
    (course_dir / "submitted" / "kim" / "day07").mkdir(parents=True)
    result = runner.invoke(nbgrader_group, ["autograde", str(course_dir)])
    assert result.exit_code == 1
    assert f"should hold exactly one assignment folder (found: {ASSIGNMENT}, day07); name one with --assignment" \
        in result.output


def test_a_folder_that_is_no_course_is_refused(course, tmp_path):
    """Does build refuse a non-empty folder without nbgrader_config.py unless --force?"""
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(KitError, match="already exists and is not an nbgrader course; use --force"):
        build_course(course, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_bad_assignment_name(kit, tmp_path):
    """Is an assignment name nbgrader cannot use refused before anything is written?"""
    result = CliRunner(env={"GRADE_COURSE": str(kit)}).invoke(nbgrader_group, ["build", str(tmp_path / "c"), "--assignment", "a/b"])
    assert result.exit_code == 1 and "Error: assignment name 'a/b'" in result.output
    assert not (tmp_path / "c").exists()


@pytest.mark.parametrize("command", [[], ["build"], ["autograde"]])
def test_every_command_has_help(command):
    """Does every nbgrader command answer --help?"""
    result = CliRunner().invoke(nbgrader_group, [*command, "--help"], catch_exceptions=False)
    assert result.exit_code == 0 and "Usage:" in result.output

