"""The ``grade`` command in the reader's language: why it could not run, and its help.

Two kinds of error reach a person at the command line: the library's :class:`KitError` (a wrong
path, a bad course.toml; its sentence in both languages) and click's own usage errors (a mistyped
command or option, a bad ``--lang``). :class:`GradeGroup` shows both in the language the run
asked for: ``--lang`` anywhere on the command line, else course.toml's ``[course] language``
(read leniently, since course.toml itself may be the problem), else Korean. English is click's own
wording, ``Error: ...``; Korean is ``오류: ...`` with the usage line and help hint in Korean too.
A message that exists in English only keeps its ``Error:`` line whole rather than mixing the two
languages. Each command's help is read the same way, from :data:`grader.catalog.commands.HELP`.
"""

from __future__ import annotations

import contextvars
import functools
import os
import re
import sys

import click

from grader import config
from grader.catalog.commands import FRAME, HELP
from grader.catalog.errors import CLI_ERRORS
from grader.errors import KitError
from grader.messages import LANGS, Text
from grader.printable import visible

_LANG: contextvars.ContextVar[str] = contextvars.ContextVar("grade_lang", default="en")
"""The language of this run, set by :meth:`GradeGroup.main` (``grade``); a group invoked on its own,
without ``grade``'s main (a test of one command group), reads click's own English."""


class UserError(click.ClickException):
    """A :class:`KitError` at the CLI boundary: ``Error: ...`` and exit status 1, in either language."""

    def __init__(self, text: Text):
        text = Text(visible(text.ko, newlines=True), visible(text.en, newlines=True))  # it may quote a file name
        super().__init__(text.en)
        self.text = text


def user_errors(func):
    """Turn a KitError raised by a command into :class:`UserError`."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except KitError as exc:
            raise UserError(exc.text) from None

    return wrapper


def bad_parameter(exc: KitError, ctx: click.Context, param: click.Parameter) -> click.BadParameter:
    """A KitError about one option's value (``--kit DIR``) as click's BadParameter, both languages kept."""
    error = click.BadParameter(exc.text.en, ctx, param)
    error.text = exc.text
    return error


def language_of(args: list[str]) -> str:
    """The language a run with ``args`` reads in: ``--lang``, else course.toml's, else Korean."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = arg.partition("=")[2] if arg.startswith("--lang=") else (
            args[i + 1] if arg == "--lang" and i + 1 < len(args) else None)
        if value in LANGS:
            return value
    kit = next((arg.partition("=")[2] if arg.startswith("--kit=") else args[i + 1]
                for i, arg in enumerate(args) if arg.startswith("--kit=") or (arg == "--kit" and i + 1 < len(args))),
               None)
    return config.language_hint(kit or os.environ.get(config.KIT_ENV) or None)


class LocalizedHelp:
    """A command whose help page is in the run's language, where :data:`HELP` has its words."""

    def get_help(self, ctx: click.Context) -> str:
        lang = _LANG.get()
        if lang == "en":
            return super().get_help(ctx)
        swapped: list[tuple[object, str | None]] = []

        def swap(obj, *keys: str) -> None:
            text = next((HELP[k] for k in keys if k in HELP), None)
            if text is not None:
                swapped.append((obj, obj.help))
                obj.help = text.get(lang)

        swap(self, self.name)
        for param in self.get_params(ctx):
            if isinstance(param, click.Option):
                swap(param, f"{self.name}.{param.name}", f"*.{param.name}")
        for command in getattr(self, "commands", {}).values():
            swap(command, command.name)  # its line in the list of commands
        try:
            page = super().get_help(ctx)
        finally:
            for obj, help_text in reversed(swapped):
                obj.help = help_text
        return _in_frame(page, lang)


def _in_frame(page: str, lang: str) -> str:
    """click's headings of a help page (``Usage:``, ``Options:``) in ``lang``."""
    english = {key: text.en for key, text in FRAME.items()}
    if page.startswith(english["usage"]):
        page = FRAME["usage"].get(lang) + page[len(english["usage"]):]
    for key in ("options", "commands"):
        page = page.replace(f"\n{english[key]}\n", f"\n{FRAME[key].get(lang)}\n")
    page = page.replace(HELP["*.help"].en, HELP["*.help"].get(lang))  # click makes the --help option anew
    page = page.replace(FRAME["required"].en, FRAME["required"].get(lang))
    return page.replace(f"[{english['default']} ", f"[{FRAME['default'].get(lang)} ")


class LocalizedCommand(LocalizedHelp, click.Command):
    """A ``grade`` command: its help in the run's language."""


class LocalizedGroup(LocalizedHelp, click.Group):
    """A group of ``grade``: every error it shows, and its help, in the run's language."""

    command_class = LocalizedCommand
    group_class = type

    def make_context(self, *args, **kwargs):
        try:
            return super().make_context(*args, **kwargs)
        except click.ClickException as error:
            raise in_language(error, _LANG.get()) from None

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.ClickException as error:
            raise in_language(error, _LANG.get()) from None


TOP_LANG: contextvars.ContextVar[str | None] = contextvars.ContextVar("grade_top_lang", default=None)
"""``grade --lang en check``: the language given before the command's name, every command's default."""

STUDENT_COMMANDS = ("check", "submit")
"""What ``grade --help`` lists in a student's kit (one without ``solutions/``); the others still run."""
TOP_VALUED = ("--kit",)
"""The group's own options that take a value (skipped over when looking for the command's name)."""


def top_level_lang(args: list[str]) -> tuple[list[str], str | None]:
    """``args`` without a ``--lang`` given before the command's name, and that language (one that is
    neither ``ko`` nor ``en`` goes after the command's name instead, for the command to refuse)."""
    rest, lang, i = list(args), None, 0
    while i < len(rest) and rest[i].startswith("-") and rest[i] != "--":
        arg = rest[i]
        if arg.startswith("--lang="):
            lang = arg.partition("=")[2]
            del rest[i]
        elif arg == "--lang" and i + 1 < len(rest):
            lang = rest[i + 1]
            del rest[i:i + 2]
        else:
            i += 2 if arg in TOP_VALUED else 1
    if lang is not None and lang not in LANGS:
        return [*rest[:i + 1], "--lang", lang, *rest[i + 1:]], None
    return rest, lang


def _student_kit() -> bool:
    try:
        root = config.find_root()
    except KitError:
        return False
    return (root / config.CONFIG_NAME).is_file() and not (root / "solutions").is_dir()


class GradeGroup(LocalizedGroup):
    """``grade`` itself: it finds the run's language (:func:`language_of`) before anything is parsed; a
    ``--lang`` before the command's name is every command's default; in a student's kit its help lists
    the student's commands only."""

    def main(self, args=None, *rest, **extra):
        listed = list(sys.argv[1:] if args is None else args)
        token = _LANG.set(language_of(listed))
        listed, top = top_level_lang(listed)
        top_token = TOP_LANG.set(top)
        try:
            return super().main(listed, *rest, **extra)
        finally:
            TOP_LANG.reset(top_token)
            _LANG.reset(token)

    def list_commands(self, ctx):
        names = super().list_commands(ctx)
        if _student_kit():
            return [name for name in names if name in STUDENT_COMMANDS]
        return names


class Translated(click.ClickException):
    """A ClickException worded in Korean: the Korean usage line, help hint and ``오류: ...``."""

    def __init__(self, original: click.ClickException, message: str):
        super().__init__(message)
        self.original = original
        self.exit_code = original.exit_code
        self.ctx = getattr(original, "ctx", None) if isinstance(original, click.UsageError) else None

    def show(self, file=None) -> None:
        ctx = self.ctx
        if ctx is not None:
            usage = ctx.get_usage()
            english = "Usage:"
            if usage.startswith(english):
                usage = CLI_ERRORS["usage"].ko + usage[len(english):]
            hint = ""
            if ctx.command.get_help_option(ctx) is not None:
                option = max(ctx.command.get_help_option_names(ctx), key=len)
                hint = CLI_ERRORS["help-hint"].ko.format(command=ctx.command_path, option=option) + "\n"
            click.echo(f"{usage}\n{hint}", file=file, err=file is None, color=ctx.color)
        click.echo(CLI_ERRORS["prefix"].ko.format(message=self.message), file=file, err=file is None,
                   color=ctx.color if ctx is not None else None)


def in_language(error: click.ClickException, lang: str) -> click.ClickException:
    """``error`` as the reader of ``lang`` should see it (unchanged in English, or when no Korean exists)."""
    if lang == "en" or isinstance(error, Translated):
        return error
    message = korean(error)
    return error if message is None else Translated(error, message)


def korean(error: click.ClickException) -> str | None:
    """The Korean sentence for ``error``; ``None`` when it has none (then it stays in English, whole)."""
    text = getattr(error, "text", None)
    if isinstance(error, UserError) or (text is not None and not isinstance(error, click.BadParameter)):
        return text.ko if text.ko != text.en else None
    words = {key: value.ko for key, value in CLI_ERRORS.items()}
    if isinstance(error, click.NoSuchOption):
        said = words["no-such-option"].format(option=error.option_name)
        if error.possibilities:
            said += words["similar-options"].format(options=", ".join(sorted(error.possibilities)))
        return said
    if isinstance(error, click.exceptions.NoSuchCommand):
        said = words["no-such-command"].format(command=f"'{error.command_name}'")
        if error.possibilities:
            said += words["similar-command"].format(command=", ".join(f"'{p}'" for p in error.possibilities))
        return said
    if isinstance(error, click.MissingParameter):
        name = _hint(error)
        kind = error.param_type or (error.param.param_type_name if error.param is not None else "")
        return words["missing-argument" if kind == "argument" else "missing-option"].format(name=name)
    if isinstance(error, click.BadParameter):
        return _bad_value(error, words)
    if isinstance(error, click.BadOptionUsage):
        if "does not take a value" in error.message:
            return words["takes-no-value"].format(option=error.option_name)
        return words["needs-value"].format(option=error.option_name)
    if isinstance(error, click.UsageError):
        if error.message == "Missing command.":
            return words["missing-command"]
        extra = re.fullmatch(r"Got unexpected extra arguments? \((.*)\)", error.message)
        if extra:
            return words["extra-arguments"].format(arguments=extra.group(1))
    return None


def _hint(error: click.BadParameter | click.MissingParameter) -> str:
    if error.param_hint is not None:
        hint = error.param_hint
        return " / ".join(hint) if isinstance(hint, (list, tuple)) else str(hint)
    if error.param is not None:
        return error.param.get_error_hint(error.ctx)
    return ""


def _bad_value(error: click.BadParameter, words: dict[str, str]) -> str | None:
    name = _hint(error)
    text = getattr(error, "text", None)
    if text is not None:
        return None if text.ko == text.en else words["invalid"].format(name=name, message=text.ko)
    kind = error.param.type if error.param is not None else None
    value = re.match(r"^('.*?'|\S+) is not ", error.message)
    if isinstance(kind, click.Choice) and value:
        return words["choice"].format(name=name, choices=", ".join(map(str, kind.choices)), value=value.group(1))
    if kind is click.INT and value:
        return words["integer"].format(name=name, value=value.group(1))
    return words["invalid"].format(name=name, message=error.message)
