"""The `grade` command line: help for every command, one clear `Error:` line for user mistakes."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from grader.cli import cli

ROOT = Path(__file__).resolve().parents[2]


def commands(group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name)
        if hasattr(command, "commands"):
            yield from commands(command, (*prefix, name))


@pytest.mark.parametrize("command", sorted(commands(cli)))
def test_every_command_has_help(command):
    """Does every command answer --help with a description?"""
    result = CliRunner().invoke(cli, [*command, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Usage:" in result.output
    assert len(result.output.splitlines()) > 3


def test_spec_commands_exist():
    """Are the commands SPEC.md names all there?"""
    assert {"check", "submit", "batch", "verify", "release", "nbgrader"} <= set(cli.commands)


def run(args, cwd, monkeypatch, **env):
    """`grade ARGS` from the folder ``cwd``, run by click's own test runner (exit code, stdout, stderr);
    anything but click's exit (an uncaught exception: a traceback for the user) fails the test."""
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(cli, args, env={"GRADE_OFFLINE": "1", **env})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_missing_path_is_one_error_line(tmp_path, monkeypatch):
    """Does a --path that does not exist give one Error line and exit 1, no traceback?"""
    result = run(["check", "--path", str(tmp_path / "nope")], ROOT, monkeypatch)
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("Error: ")
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_path_without_exercises(tmp_path, monkeypatch):
    """Does a folder with no exercise files say what it expected?"""
    result = run(["check", "--path", str(tmp_path)], ROOT, monkeypatch)
    assert result.exit_code == 1
    assert "Error: " in result.stderr and "tensors.py" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_course_toml(tmp_path, monkeypatch):
    """Does an unknown key in course.toml give one Error line naming it?"""
    (tmp_path / "course.toml").write_text("[limits]\nmemory = 1\n", encoding="utf-8")
    result = run(["check"], tmp_path, monkeypatch)
    assert result.exit_code == 1
    assert 'Error: unknown key "memory"' in result.stderr
    assert "Traceback" not in result.stderr


def test_no_course_toml(tmp_path, monkeypatch):
    """Does running outside a kit say how to fix it?"""
    result = run(["check"], tmp_path, monkeypatch)
    assert result.exit_code == 1
    assert "Error: no course.toml found" in result.stderr


def test_unknown_exercise_name(monkeypatch):
    """Does `grade check` with an unknown exercise list the known ones?"""
    result = run(["check", "cnn.nonexistent"], ROOT, monkeypatch)
    assert result.exit_code == 1
    assert "Error: no checks for cnn.nonexistent" in result.stderr
    assert "cnn.first_conv" in result.stderr


def test_kit_names_the_kit_from_anywhere(tmp_path, monkeypatch):
    """Do --kit DIR and GRADE_KIT let every command run outside the kit folder, and is a wrong one one Error line?"""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GRADE_COURSE", raising=False)
    monkeypatch.setenv("GRADE_KIT", "")  # restored after the test, whatever --kit sets
    runner = CliRunner()
    outside = runner.invoke(cli, ["exercises", "--check"])
    assert outside.exit_code == 1
    assert "or name it with --kit DIR (or GRADE_KIT=DIR)" in outside.output
    given = runner.invoke(cli, ["--kit", str(ROOT), "exercises", "--check"], catch_exceptions=False)
    assert given.exit_code == 0 and "in step with solutions" in given.output, given.output
    monkeypatch.setenv("GRADE_KIT", str(ROOT))
    by_env = runner.invoke(cli, ["exercises", "--check"], catch_exceptions=False)
    assert by_env.exit_code == 0
    wrong = runner.invoke(cli, ["--kit", str(tmp_path), "exercises", "--check"])
    assert wrong.exit_code == 2
    assert f"Invalid value for '--kit': {tmp_path} holds no course.toml" in wrong.output
