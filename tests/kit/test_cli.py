"""The `grade` command line: help for every command, one clear `Error:` line for user mistakes."""

import re
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
    assert result.output.startswith(("사용법:", "Usage:"))  # the course's language, Korean here
    assert len(result.output.splitlines()) > 3


@pytest.mark.parametrize("command", ["check", "submit"])
def test_a_students_help_is_in_the_chosen_language(command):
    """Does `grade check --help` (and submit's) read in Korean by default, every line of it, and in English
    with --lang en?"""
    korean = CliRunner().invoke(cli, [command, "--help"], prog_name="grade", catch_exceptions=False).output
    assert korean.startswith(f"사용법: grade {command} [OPTIONS]")
    assert "\n옵션:\n" in korean and "이 도움말을 보여 주고 끝냅니다." in korean
    description, options = korean.split("\n옵션:\n")
    assert re.search(r"[가-힣]", description.splitlines()[2])
    for line in options.splitlines():
        words = line.split("  ")[-1]
        assert re.search(r"[가-힣]", words) or not re.search(r"[a-z]{4}", words.replace("course.toml", "")
                                                                 .replace("language", "")), line
    english = CliRunner().invoke(cli, [command, "--help", "--lang", "en"], prog_name="grade").output
    assert english.startswith(f"Usage: grade {command} [OPTIONS]") and "Show this message and exit." in english
    assert not re.search(r"[가-힣]", english)


def test_spec_commands_exist():
    """Are the commands SPEC.md names all there?"""
    assert {"check", "submit", "batch", "verify", "release", "nbgrader"} <= set(cli.commands)


def run(args, cwd, monkeypatch, **env):
    """`grade ARGS` from the folder ``cwd``, run by click's own test runner (exit code, stdout, stderr);
    anything but click's exit (an uncaught exception: a traceback for the user) fails the test."""
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(cli, args, env={"GRADE_OFFLINE": "1", **env}, prog_name="grade")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_missing_path_is_one_error_line(tmp_path, monkeypatch):
    """Does a --path that does not exist give one Error line and exit 1, no traceback?"""
    result = run(["check", "--lang", "en", "--path", str(tmp_path / "nope")], ROOT, monkeypatch)
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("Error: ")
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_path_without_exercises(tmp_path, monkeypatch):
    """Does a folder with no exercise files say what it expected?"""
    result = run(["check", "--lang", "en", "--path", str(tmp_path)], ROOT, monkeypatch)
    assert result.exit_code == 1
    assert "Error: " in result.stderr and "tensors.py" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_course_toml(tmp_path, monkeypatch):
    """Does an unknown key in course.toml give one Error line naming it?"""
    (tmp_path / "course.toml").write_text("[limits]\nmemory = 1\n", encoding="utf-8")
    result = run(["check", "--lang", "en"], tmp_path, monkeypatch)
    assert result.exit_code == 1
    assert 'Error: unknown key "memory"' in result.stderr
    assert "Traceback" not in result.stderr


def test_no_course_toml(tmp_path, monkeypatch):
    """Does running outside a kit say how to fix it?"""
    result = run(["check", "--lang", "en"], tmp_path, monkeypatch)
    assert result.exit_code == 1
    assert "Error: no course.toml found" in result.stderr


def test_unknown_exercise_name(monkeypatch):
    """Does `grade check` with an unknown exercise list the known ones?"""
    result = run(["check", "--lang", "en", "cnn.nonexistent"], ROOT, monkeypatch)
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
    assert outside.exit_code == 1  # no course.toml to ask: Korean, the default
    assert "--kit 폴더(또는 GRADE_KIT=폴더)로 키트 폴더를 알려 주세요" in outside.output
    given = runner.invoke(cli, ["--kit", str(ROOT), "exercises", "--check"], catch_exceptions=False)
    assert given.exit_code == 0 and "과제 파일이 해답과 맞습니다" in given.output, given.output
    monkeypatch.setenv("GRADE_KIT", str(ROOT))
    by_env = runner.invoke(cli, ["exercises", "--check"], catch_exceptions=False)
    assert by_env.exit_code == 0
    wrong = runner.invoke(cli, ["--kit", str(tmp_path), "exercises", "--check"])
    assert wrong.exit_code == 2
    assert f"오류: '--kit' 값이 올바르지 않습니다: {tmp_path}에 course.toml이 없습니다." in wrong.output
    wrong_en = runner.invoke(cli, ["--kit", str(tmp_path), "check", "--lang", "en"])
    assert f"Invalid value for '--kit': {tmp_path} holds no course.toml" in wrong_en.output


ENGLISH_FRAME = ("Error:", "Usage:", "Try '", "Invalid value", "No such", "Missing")
"""click's and the kit's English wording, none of which a Korean reader should see."""


@pytest.mark.parametrize(("args", "korean", "english"), [
    (["check", "nosuch.function"], "오류: 이런 이름의 검사가 없습니다: nosuch.function. 모듈이나 함수 이름을 이 중에서 고르세요: ",
     "Error: no checks for nosuch.function (try one of: "),
    (["check", "cnn.frist_conv"], ("오류: 이런 이름의 검사가 없습니다: cnn.frist_conv. 비슷한 이름: cnn.first_conv, "
                                   "cnn.second_conv."), "Error: no checks for cnn.frist_conv; did you mean cnn.first_conv"),
    (["check", "--path", "{tmp}/nope"], ("오류: {tmp}/nope 폴더가 없습니다. tensors.py, cnn.py, concepts.py가 "
                                         "있는 폴더를 --path로 알려 주세요."), "Error: {tmp}/nope does not exist (pass --path"),
    (["check", "--path", "{tmp}"], "오류: {tmp}에 tensors.py, cnn.py, concepts.py 중 어느 것도 없습니다",
     "Error: {tmp} holds none of tensors.py, cnn.py, concepts.py"),
    (["check", "--bogus"], "오류: --bogus 옵션은 없습니다.", "Error: No such option '--bogus'."),
    (["check", "--lagn", "ko"], "오류: --lagn 옵션은 없습니다. 비슷한 옵션: --lang.", "Did you mean '--lang'?"),
    (["check", "--path"], "오류: --path 옵션 뒤에 값을 쓰세요.", "Error: Option '--path' requires an argument."),
    (["chek"], "오류: 'chek' 명령은 없습니다. 비슷한 명령: 'check'.", "Error: No such command 'chek'."),
    (["batch"], "오류: 필요한 인자가 빠졌습니다: 'BATCH_DIR'", "Error: Missing argument 'BATCH_DIR'."),
    (["batch", "b", "--out", "o", "--workers", "x"], "오류: '--workers'에는 정수를 쓰세요 (받은 값: 'x').",
     "Error: Invalid value for '--workers': 'x' is not a valid integer."),
], ids=["unknown-function", "misspelt-function", "missing-path", "no-modules", "unknown-option", "misspelt-option",
        "option-without-value", "unknown-command", "missing-argument", "not-an-integer"])
def test_error_lines_in_both_languages(args, korean, english, tmp_path, monkeypatch):
    """Is each error line Korean by default (course.toml's language) and English with --lang en, with
    the usage line and help hint in the same language and no traceback?"""
    args = [a.format(tmp=tmp_path) for a in args]
    ko = run(args, ROOT, monkeypatch)
    assert ko.exit_code in (1, 2)
    assert korean.format(tmp=tmp_path) in ko.stderr, ko.stderr
    assert not [w for w in ENGLISH_FRAME if w in ko.stderr], ko.stderr
    en = run([args[0], "--lang", "en", *args[1:]], ROOT, monkeypatch)
    assert en.exit_code == ko.exit_code
    assert english.format(tmp=tmp_path) in en.stderr, en.stderr
    assert "오류" not in en.stderr


def test_bad_lang_value_in_korean(monkeypatch):
    """Does a --lang that is neither ko nor en say, in the course's language, which values there are?"""
    result = run(["check", "--lang", "xx"], ROOT, monkeypatch)
    assert result.exit_code == 2
    assert result.stderr == ("사용법: grade check [OPTIONS] [EXERCISE]...\n도움말: grade check --help\n\n"
                             "오류: '--lang'에 쓸 수 있는 값은 ko, en뿐입니다 (받은 값: 'xx').\n")


def test_course_language_picks_the_error_language(tmp_path, monkeypatch):
    """Does course.toml's [course] language choose the language of an error, --lang override it, and a
    course.toml that cannot be read fall back to Korean?"""
    (tmp_path / "course.toml").write_text('[course]\nlanguage = "en"\n', encoding="utf-8")
    english = run(["check", "--path", "nope"], tmp_path, monkeypatch)
    assert english.stderr == "Error: nope does not exist (pass --path to the folder with your tensors.py, " \
                             "cnn.py, concepts.py)\n"
    korean = run(["check", "--path", "nope", "--lang=ko"], tmp_path, monkeypatch)
    assert korean.stderr.startswith("오류: nope 폴더가 없습니다.")
    (tmp_path / "course.toml").write_text('[course]\nlanguage = "en"\nlangauge = 1\n', encoding="utf-8")
    wrong_key = run(["check"], tmp_path, monkeypatch)  # still readable: its language is English
    assert wrong_key.stderr.startswith('Error: unknown key "langauge" in [course]')
    assert '[course]에 모르는 키가 있습니다: "langauge"' in run(["check", "--lang", "ko"], tmp_path, monkeypatch).stderr
    (tmp_path / "course.toml").write_text('[course]\nlanguage = "en"\n[[\n', encoding="utf-8")
    broken = run(["check"], tmp_path, monkeypatch)
    assert broken.stderr.startswith(f"오류: {tmp_path / 'course.toml'} 파일은 올바른 TOML 형식이 아닙니다: ")


def test_english_only_errors_stay_whole():
    """Is an error that has no Korean (a plain string) shown as one whole English line, not half translated,
    while one with Korean is shown in Korean?"""
    from grader.catalog.errors import ERRORS
    from grader.cli.language import UserError, in_language
    from grader.messages import plain

    english_only = UserError(plain("something only said in English"))
    assert in_language(english_only, "ko") is english_only
    both = in_language(UserError(ERRORS["top-min"]), "ko")
    assert both.format_message() == "--top에는 1 이상의 수를 주세요."
    assert in_language(UserError(ERRORS["top-min"]), "en").format_message() == "--top must be at least 1"


@pytest.mark.parametrize(("args", "lang"), [
    (["check", "--lang", "en"], "en"), (["check", "--lang=en"], "en"), (["--lang", "ko", "check"], "ko"),
    (["check", "--", "--lang", "en"], "ko"), (["check", "--lang", "xx"], "ko"), (["check"], "ko"),
])
def test_the_language_of_a_run(args, lang, monkeypatch):
    """Is the language --lang's (in either spelling, not after `--`), else the kit's course.toml's, else Korean?"""
    from grader.cli.language import language_of

    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GRADE_KIT", raising=False)
    monkeypatch.delenv("GRADE_COURSE", raising=False)
    assert language_of(args) == lang


def test_the_kit_named_on_the_command_line_gives_the_language(tmp_path, monkeypatch):
    """Does `--kit DIR` (or --kit=DIR) decide which course.toml's language an error is in?"""
    from grader.cli.language import language_of

    (tmp_path / "course.toml").write_text('[course]\nlanguage = "en"\n', encoding="utf-8")
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GRADE_KIT", raising=False)
    monkeypatch.delenv("GRADE_COURSE", raising=False)
    assert language_of(["--kit", str(tmp_path), "check"]) == "en"
    assert language_of([f"--kit={tmp_path}", "check"]) == "en"
    assert language_of(["check"]) == "ko"
