"""``grade nbgrader build`` and ``grade nbgrader autograde``: a thin click layer.

The main ``grade`` group adds :data:`nbgrader` with ``cli.add_command``.
nbgrader itself is imported only when a command runs, so ``grade`` starts
without it. Library errors (:class:`KitError`) become ``Error: ...``.
"""

from __future__ import annotations

from pathlib import Path

import click

from grader import config
from grader.catalog.errors import ERRORS
from grader.cli_errors import user_errors
from grader.errors import KitError

ASSIGNMENT = click.option("--assignment", default=None,
                          help="Assignment name (build: default the course name in course.toml; "
                               "autograde: default the one folder under source/).")


@click.group(name="nbgrader")
def nbgrader() -> None:
    """Run the course on nbgrader: build its course directory, grade into its gradebook.

    nbgrader로 수업하기: 과정 폴더를 만들고, 채점 결과를 nbgrader 성적부에 넣습니다.
    """


@nbgrader.command()
@click.argument("course_dir", type=click.Path(path_type=Path))
@ASSIGNMENT
@click.option("--force", is_flag=True,
              help="Rewrite nbgrader_config.py and an existing source/<assignment>/ in COURSE_DIR "
                   "(nothing else in it is touched; a new assignment needs no --force).")
@user_errors
def build(course_dir: Path, assignment: str | None, force: bool) -> None:
    """Write an nbgrader course directory: nbgrader_config.py and source/<assignment>/ notebooks."""
    from grader.nbgrader.build import build_course

    written = build_course(config.load(), course_dir, assignment, force)
    source = next(path.parent for path in written if path.suffix == ".ipynb")
    click.echo(f"nbgrader course written to {course_dir} ({len(written)} files; notebooks in {source})")
    name = source.name
    click.echo(f"Next: cd {course_dir} && nbgrader generate_assignment {name}")
    click.echo(f"Then: nbgrader autograde {name} (or: grade nbgrader autograde {course_dir} --assignment {name}), "
               f"nbgrader generate_feedback {name}, nbgrader export")


@nbgrader.command()
@click.argument("course_dir", type=click.Path(path_type=Path))
@ASSIGNMENT
@click.option("--workers", type=int, default=None,
              help="Students graded at once (default: course.toml, else the number of cores).")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Grade on this Dask cluster instead of an embedded one (default: course.toml [batch] scheduler).")
@user_errors
def autograde(course_dir: Path, assignment: str | None, workers: int | None, scheduler: str | None) -> None:
    """Grade submitted/ with the isolated engine; scores into gradebook.db, feedback into feedback/."""
    from grader.nbgrader.autograde import autograde as run

    course = config.load()

    def show(student: str, report) -> None:
        click.echo(f"{student}: {report.score:g} / {report.max_score:g}")
        for notice in report.notices:
            click.echo(f"  ! {notice.summary.get(course.language)}")

    if workers is not None and workers < 1:
        raise KitError(ERRORS["workers-min"])
    reports = run(course, course_dir, assignment, progress=show, workers=workers, scheduler=scheduler)
    click.echo(f"{len(reports)} submission(s) graded into {course_dir / 'gradebook.db'}; "
               f"see them with `nbgrader export` or the formgrader.")
