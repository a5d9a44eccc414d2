"""The ``grade`` command: a thin click layer over the library.

Each command parses its arguments, calls plain functions, and renders the
result. Library errors (:class:`KitError`) and click's usage errors become ``Error: ...``
(``오류: ...`` in Korean) and a non-zero exit here, and only here (:mod:`grader.cli.language`).
"""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

import click

from grader import __version__, config
from grader.catalog.commands import HELP, SAID
from grader.catalog.errors import ERRORS
from grader.cli.language import TOP_LANG, GradeGroup, bad_parameter, user_errors
from grader.errors import KitError
from grader.printable import echo, safe_console

LANG = click.option("--lang", type=click.Choice(["ko", "en"]), default=lambda: TOP_LANG.get(), show_default=False,
                    help=HELP["*.lang"].en)


def _kit(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """``--kit DIR`` (or ``GRADE_KIT``): every command reads that kit, wherever it is run from."""
    if value:
        try:
            folder = config.kit_folder(value, "")
        except KitError as exc:
            raise bad_parameter(exc, ctx, param) from None
        os.environ[config.KIT_ENV] = str(folder)  # the batch's workers and the nbgrader commands read it too


@click.group(cls=GradeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="grade")
@click.option("--kit", type=click.Path(), envvar=config.KIT_ENV, expose_value=False, is_eager=True,
              callback=_kit, help=HELP["cli.kit"].en)
def cli() -> None:
    """The ``grade`` group (its help: ``HELP["cli"]`` in grader/catalog/commands.py)."""


def _course() -> config.Course:
    return config.load()


INSTRUCTOR_TOOLS = {"batch": ("dask", "distributed"), "similarity": ("copydetect",)}
"""What each instructor command imports from the ``[instructor]`` extra, which a student's install lacks."""


def _instructor_tools(command: str) -> None:
    """One line on how to install the ``[instructor]`` extra, when ``command`` needs what is missing."""
    import importlib.util

    missing = [name for name in INSTRUCTOR_TOOLS[command] if importlib.util.find_spec(name) is None]
    if missing:
        raise KitError(ERRORS["instructor-extra"].format(command=command, missing=", ".join(missing)))


def _path(course: config.Course, path: str | None) -> Path:
    folder = Path(path) if path else course.root / "exercises"
    if not folder.exists():
        raise KitError(ERRORS["folder-missing"].format(folder=folder))
    return folder


@cli.command(help=HELP["check"].en)
@click.argument("exercise", nargs=-1)
@click.option("--path", "path", type=click.Path(), default=None, help=HELP["check.path"].en)
@click.option("--watch", is_flag=True, help=HELP["check.watch"].en)
@LANG
@user_errors
def check(exercise: tuple[str, ...], path: str | None, lang: str | None, watch: bool) -> None:
    from grader.engine import grading
    from grader.report.terminal import print_report

    course = _course()
    lang = lang or course.language
    folder = _path(course, path)
    if watch:
        _watch(folder, course, lang, exercise)
        return
    with _spinner(lang) as progress:
        report = grading.grade(folder, course, grading.Options(
            scope="public", selection=exercise, include_slow=False, include_training=False,
            progress=progress))
    print_report(report, lang, show_hidden=True, selected=bool(exercise), skipped_slow=True)


@cli.command(help=HELP["submit"].en)
@click.option("--path", "path", type=click.Path(), default=None, help=HELP["submit.path"].en)
@click.option("--student", default=None, help=HELP["submit.student"].en)
@click.option("--out", "out", type=click.Path(file_okay=False), default=".", show_default=True,
              help=HELP["submit.out"].en)
@click.option("--json", "as_json", is_flag=True, help=HELP["submit.as_json"].en)
@LANG
@user_errors
def submit(path: str | None, student: str | None, out: str, as_json: bool, lang: str | None) -> None:
    from grader.catalog.report import REPORT
    from grader.engine import grading, intake
    from grader.report.gradescope import to_results_json, write_results_json
    from grader.report.html import write_html
    from grader.report.terminal import print_report

    course = _course()
    lang = lang or course.language
    folder = _path(course, path)
    collected = intake.collect(folder, intake.Expected.of(course))
    if as_json:
        report = grading.grade(folder, course, grading.Options(scope="public", student=student), intake=collected)
    else:
        with _spinner(lang) as progress:
            report = grading.grade(folder, course, grading.Options(scope="public", student=student,
                                                                   progress=progress), intake=collected)
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_results_json(out_dir / "results.json", report, lang, show_hidden=True)
    write_html(out_dir / "feedback.html", report, lang)
    stamp = datetime.now(timezone.utc)
    name = f"submission-{student or 'student'}-{stamp:%Y%m%dT%H%M%SZ}.zip"
    archive = intake.write_archive(collected, out_dir / name, {
        "kit_version": __version__, "created": stamp.isoformat(), "student": student,
        "score": report.score, "max_score": report.max_score})
    if as_json:
        echo(json.dumps(to_results_json(report, lang, show_hidden=True), indent=2, ensure_ascii=False))
        return
    print_report(report, lang, show_hidden=True)
    for key, target in (("saved-results", out_dir / "results.json"), ("saved-feedback", out_dir / "feedback.html"),
                        ("saved-archive", archive)):
        echo(f"{REPORT[key].get(lang)}: {target}")


@cli.command(help=HELP["batch"].en)
@click.argument("batch_dir", type=click.Path())
@click.option("--out", "out", type=click.Path(file_okay=False), required=True, help=HELP["batch.out"].en)
@click.option("--workers", type=int, default=None, help=HELP["batch.workers"].en)
@click.option("--scheduler", default=None, metavar="tls://HOST:PORT", help=HELP["batch.scheduler"].en)
@click.option("--student", default=None, help=HELP["batch.student"].en)
@click.option("--roster", type=click.Path(dir_okay=False), default=None, help=HELP["batch.roster"].en)
@click.option("--id-pattern", "id_pattern", default=None, help=HELP["batch.id_pattern"].en)
@click.option("--allow-weak-isolation", "allow_weak_isolation", is_flag=True,
              help=HELP["*.allow_weak_isolation"].en)
@click.option("--tls-ca-file", "tls_ca_file", type=click.Path(dir_okay=False), default=None,
              help=HELP["batch.tls_ca_file"].en)
@click.option("--tls-cert", "tls_cert", type=click.Path(dir_okay=False), default=None, help=HELP["batch.tls_cert"].en)
@click.option("--tls-key", "tls_key", type=click.Path(dir_okay=False), default=None, help=HELP["batch.tls_key"].en)
@LANG
@user_errors
def batch(batch_dir: str, out: str, workers: int | None, scheduler: str | None, student: str | None,
          roster: str | None, id_pattern: str | None, tls_ca_file: str | None, tls_cert: str | None,
          tls_key: str | None, lang: str | None, allow_weak_isolation: bool) -> None:
    from grader.sandbox.host import jail

    if jail.LINUX and not jail.available() and not allow_weak_isolation:  # before the batch machinery loads
        raise KitError(ERRORS["weak-isolation"])
    _instructor_tools("batch")
    from grader.batch import run_batch

    course = _course()
    lang = lang or course.language
    if workers is not None and workers < 1:
        raise KitError(ERRORS["workers-min"])
    if workers is not None and (scheduler or course.batch.scheduler):
        raise KitError(ERRORS["workers-with-scheduler"])
    with _BatchDisplay(lang) as display:
        summary = run_batch(course, Path(batch_dir), Path(out), workers=workers, student=student, lang=lang,
                            progress=display.update, scheduler=scheduler, roster=roster, id_pattern=id_pattern,
                            allow_weak_isolation=allow_weak_isolation,
                            security={"ca_file": tls_ca_file, "cert": tls_cert, "key": tls_key})
    _print_lines(summary.lines(lang))


@cli.command(help=HELP["verify"].en)
@LANG
@user_errors
def verify(lang: str | None) -> None:
    from grader.content.verify import verify_kit

    course = _course()
    lang = lang or course.language
    problems = verify_kit(course, echo=lambda text: echo(text.get(lang)))
    if problems:
        for problem in problems:
            echo(f"  ✗ {problem.get(lang)}")
        raise KitError(ERRORS["kit-not-in-order"].format(count=len(problems)))
    echo(SAID["verified"].get(lang))


@cli.command(help=HELP["release"].en)
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help=HELP["release.force"].en)
@user_errors
def release(out_dir: str, force: bool) -> None:
    from grader.content.release import build_release

    course = _course()
    from grader.content.release import wheel_path

    target = build_release(course, Path(out_dir), force=force)
    echo(SAID["released"].format(target=target).get(course.language))
    echo(SAID["install"].format(target=wheel_path(target)).get(course.language))


@cli.command(help=HELP["exercises"].en)
@click.option("--check", "only_check", is_flag=True, help=HELP["exercises.only_check"].en)
@user_errors
def exercises(only_check: bool) -> None:
    from grader.content.build import build_exercises, check_exercises

    course = _course()
    if only_check:
        stale = check_exercises(course.root)
        if stale:
            raise KitError(ERRORS["exercises-stale"].format(files=", ".join(stale)))
        echo(SAID["in-step"].get(course.language))
        return
    for path in build_exercises(course.root):
        echo(SAID["wrote"].format(path=path).get(course.language))


@cli.command(help=HELP["similarity"].en)
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option("--batch", "batch_dir", type=click.Path(file_okay=False), default=None,
              help=HELP["similarity.batch_dir"].en)
@click.option("--top", type=int, default=20, show_default=True, help=HELP["similarity.top"].en)
@LANG
@user_errors
def similarity(out_dir: str, batch_dir: str | None, top: int, lang: str | None) -> None:
    _instructor_tools("similarity")
    from grader.batch.similarity import FLAG_SHARE, similarity_report

    course = _course()
    if top < 1:
        raise KitError(ERRORS["top-min"])
    path, pairs = similarity_report(Path(out_dir), course, Path(batch_dir) if batch_dir else None,
                                    lang or course.language, top)
    for pair in pairs[:5]:
        if pair.share >= FLAG_SHARE:
            echo(f"  {pair.first} · {pair.second}: {round(100 * pair.share)}%")
    echo(SAID["pairs"].format(count=len(pairs), path=path).get(lang or course.language))


@cli.group(help=HELP["export"].en)
def export() -> None:
    pass


@export.command(help=HELP["canvas"].en)
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option("--assignment", default=None, help=HELP["canvas.assignment"].en)
@click.option("--out", "target", type=click.Path(dir_okay=False), default=None, help=HELP["canvas.target"].en)
@click.option("--roster", type=click.Path(dir_okay=False), default=None, help=HELP["canvas.roster"].en)
@user_errors
def canvas(out_dir: str, assignment: str | None, target: str | None, roster: str | None) -> None:
    from grader.batch.outputs import SOURCE_FILE, batch_source
    from grader.report.canvas import export_canvas, roster_for

    course = _course()
    if roster is None and (Path(out_dir) / SOURCE_FILE).is_file():
        roster = batch_source(Path(out_dir)).get("roster") or None
    path = export_canvas(Path(out_dir), assignment or course.course.name, Path(target) if target else None,
                         roster_for(Path(roster) if roster else None), course.apart)
    echo(SAID["canvas"].format(path=path).get(course.language))


@export.command(help=HELP["gradescope"].en)
@click.option("--out", "target", type=click.Path(dir_okay=False), default=None, help=HELP["gradescope.target"].en)
@click.option("--wheels", type=click.Path(file_okay=False, exists=True), default=None,
              help=HELP["gradescope.wheels"].en)
@user_errors
def gradescope(target: str | None, wheels: str | None) -> None:
    from grader.content.autograder import build_autograder

    course = _course()
    path = build_autograder(course, Path(target) if target else None, Path(wheels) if wheels else None)
    click.echo(SAID["gradescope"].format(path=path).get(course.language))


def _add_nbgrader() -> None:
    from grader.cli.nbgrader import nbgrader  # imports nbgrader itself only when a command runs

    cli.add_command(nbgrader)


_add_nbgrader()


def _watch(folder: Path, course: config.Course, lang: str, exercise: tuple[str, ...]) -> None:
    from grader.catalog.report import REPORT
    from grader.cli.watch import Watcher
    from grader.engine import grading
    from grader.report.terminal import print_report

    console = safe_console()
    options = grading.Options(scope="public", selection=exercise, include_slow=False, include_training=False)

    def show(report) -> None:
        console.clear()
        print_report(report, lang, console, show_hidden=True)

    def waiting() -> None:
        console.print(REPORT["watch-waiting"].format(folder=str(folder)).get(lang), style="dim")

    def noticed() -> None:
        console.clear()
        console.print(REPORT["watch-noticed"].get(lang), style="bold")

    console.print(REPORT["watch-first"].get(lang), style="dim")
    try:
        Watcher(folder, course, options).run(show, waiting, noticed=noticed)
    except KeyboardInterrupt:
        console.print(REPORT["watch-stopped"].get(lang), style="dim")


class _spinner:
    """A one-line live status for long checks (training) on an interactive terminal."""

    def __init__(self, lang: str):
        self.lang = lang
        self.status = None

    def __enter__(self):
        if not sys.stderr.isatty():
            return None
        self.status = safe_console(stderr=True).status("")
        self.status.start()
        return self.update

    def update(self, check, result) -> None:
        if result is None:
            from grader.catalog.report import REPORT

            name = check.name
            if self.lang == "ko" and check.title_ko:
                name = f"{check.module}.{check.function}: {check.title_ko}"
            extra = REPORT["spinner-training"].get(self.lang) if check.trains else ""
            self.status.update(REPORT["spinner-checking"].format(name=name).get(self.lang) + extra)

    def __exit__(self, *exc) -> None:
        if self.status is not None:
            self.status.stop()


def _print_lines(lines: list[str]) -> None:
    from rich.text import Text as RichText

    console = safe_console()
    for line in lines:
        console.print(RichText(line), soft_wrap=True)


class _BatchDisplay:
    """``grade batch``'s live progress (done, running, failed, time left) and the Dask dashboard's address."""

    def __init__(self, lang: str):
        self.lang = lang
        self.progress = None
        self.task = None
        self.done = 0

    def __enter__(self) -> "_BatchDisplay":
        return self

    def update(self, state) -> None:
        if self.progress is None:
            from grader.catalog.batch import SUMMARY_LINES
            from grader.report.terminal import batch_progress, batch_task_name

            if state.dashboard:
                echo(SUMMARY_LINES["dashboard"].format(address=state.dashboard).get(self.lang))
            self.progress = batch_progress(self.lang)
            self.progress.start()
            self.task = self.progress.add_task(batch_task_name(self.lang), total=state.total, running=0, failed=0)
        if state.line:
            self.progress.console.print(state.line, markup=False, highlight=False, soft_wrap=True)
        self.progress.update(self.task, completed=state.done, running=state.running, failed=state.failed)

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            self.progress.stop()


def _command(args: list[str]) -> str | None:
    """The command named on the command line (``grade --lang en check ...``: ``check``)."""
    value_next = False
    for arg in args:
        if value_next:
            value_next = False
        elif arg == "--lang":
            value_next = True
        elif not arg.startswith("-"):
            return arg
    return None


QUICK_EXIT = {"check", "submit"}
"""Commands after which nothing is left to tidy (each sandbox is removed before the report is printed): once
their output is flushed, the process ends without Python's teardown of TensorFlow (about a second)."""


def main() -> None:
    # TensorFlow's C++ start-up chatter is noise to a student; set before anything imports it.
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    try:
        cli(prog_name="grade")
    except SystemExit as done:
        if "tensorflow" not in sys.modules or _command(sys.argv[1:]) not in QUICK_EXIT or "--watch" in sys.argv:
            raise
        code = done.code
        if code is not None and not isinstance(code, int):
            print(code, file=sys.stderr)
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code or 0)
