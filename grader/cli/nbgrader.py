"""``grade nbgrader build`` and ``grade nbgrader autograde``: a thin click layer.

The main ``grade`` group adds :data:`nbgrader` with ``cli.add_command``.
nbgrader itself is imported only when a command runs, so ``grade`` starts
without it. Library errors (:class:`KitError`) become ``Error: ...``.
"""

from __future__ import annotations

from pathlib import Path

import click

from grader import config
from grader.catalog.commands import HELP, SAID
from grader.catalog.errors import ERRORS
from grader.cli.language import LocalizedGroup, user_errors
from grader.errors import KitError


@click.group(name="nbgrader", cls=LocalizedGroup, help=HELP["nbgrader"].en)
def nbgrader() -> None:
    pass


@nbgrader.command(help=HELP["build"].en)
@click.argument("course_dir", type=click.Path(path_type=Path))
@click.option("--assignment", default=None, help=HELP["build.assignment"].en)
@click.option("--force", is_flag=True, help=HELP["build.force"].en)
@user_errors
def build(course_dir: Path, assignment: str | None, force: bool) -> None:
    from grader.nbgrader.build import build_course

    course = config.load()
    written = build_course(course, course_dir, assignment, force)
    source = next(path.parent for path in written if path.suffix == ".ipynb")
    lang, name = course.language, source.name
    click.echo(SAID["course-written"].format(folder=course_dir, count=len(written), source=source).get(lang))
    click.echo(SAID["course-next"].format(folder=course_dir, name=name).get(lang))
    click.echo(SAID["course-then"].format(folder=course_dir, name=name).get(lang))


@nbgrader.command(help=HELP["autograde"].en)
@click.argument("course_dir", type=click.Path(path_type=Path))
@click.option("--assignment", default=None, help=HELP["autograde.assignment"].en)
@click.option("--workers", type=int, default=None, help=HELP["autograde.workers"].en)
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT", help=HELP["autograde.scheduler"].en)
@click.option("--allow-weak-isolation", "allow_weak_isolation", is_flag=True,
              help=HELP["*.allow_weak_isolation"].en)
@user_errors
def autograde(course_dir: Path, assignment: str | None, workers: int | None, scheduler: str | None,
              allow_weak_isolation: bool) -> None:
    from grader.sandbox.host import jail

    if jail.LINUX and not jail.available() and not allow_weak_isolation:  # before the batch machinery loads
        raise KitError(ERRORS["weak-isolation"])
    from grader.nbgrader.autograde import autograde as run

    course = config.load()

    def show(student: str, report) -> None:
        click.echo(f"{student}: {report.score:g} / {report.max_score:g}")
        for notice in report.notices:
            click.echo(f"  ! {notice.summary.get(course.language)}")

    if workers is not None and workers < 1:
        raise KitError(ERRORS["workers-min"])
    from grader.nbgrader.gradebook import course_directory

    failed: dict[str, str] = {}

    def failure(student: str, reason: str) -> None:
        failed[student] = reason
        click.echo(SAID["student-not-graded"].format(student=student, error=reason).get(course.language))

    reports = run(course, course_dir, assignment, progress=show, workers=workers, scheduler=scheduler,
                  allow_weak_isolation=allow_weak_isolation, failed=failure)
    db = course_directory(course_dir).db_url.removeprefix("sqlite:///")
    click.echo(SAID["autograded"].format(count=len(reports), db=db).get(course.language))
    if failed:  # an error to retry, never a grade: the exit status says so to a script
        click.echo(SAID["not-graded"].format(count=len(failed), students=", ".join(sorted(failed))).get(course.language))
        raise SystemExit(1)
