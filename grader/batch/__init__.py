"""``grade batch``: grade a whole class on Dask, so that no submission can spoil the batch.

A run is a plan, then its execution, then a summary:

1. :mod:`grader.batch.plan` (pure): the students in ``BATCH_DIR``, what each
   submission holds, and per student whether to grade, keep the saved report
   (resume), refuse (a conflict) or just report it;
2. :mod:`grader.batch.executor`: one Dask task per student to grade, on an
   embedded ``LocalCluster`` or on an existing cluster (``--scheduler``); each
   student is graded in their own sandboxed child on a worker
   (:mod:`grader.batch.worker`);
3. the client writes each student's files as soon as they are back, and
   ``grades.csv`` after each (:mod:`grader.batch.outputs`), then returns a
   :class:`~grader.batch.summary.BatchSummary` (the CLI prints it).

A student is a folder (of ``.py`` files or notebooks) or a ``grade submit``
archive (``ID.zip``) in ``BATCH_DIR``, named by student id; anything else is
skipped with a warning. Two entries for one id (``kim/`` and ``kim.zip``) are
not guessed between: the student gets the status ``conflict``, zero points and
a line naming both entries, until one is removed (then the next run grades it).

Statuses in ``grades.csv``: ``graded``; ``could not run`` (none of the
student's modules could be read or imported: zero); ``conflict``; ``could not
grade`` (the grader itself failed on this student, which should not happen:
zero, and the next run tries again).

The public orchestration API (``grade nbgrader autograde`` uses it too):
:class:`Executor`, :class:`Job`, :class:`Outcome`, :func:`rules_for`,
:func:`placeholder`, :func:`show_hidden`.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from pathlib import Path

from grader.engine import holdout
from grader.batch import outputs
from grader.batch.executor import Executor, Progress, SchedulerLost, rules_for, worker_count
from grader.batch.gradebook import NO_SUBMISSION, NOTHING_IMPLEMENTED
from grader.batch.outputs import LOCK_FILE, show_hidden
from grader.batch.plan import (
    ABSENT,
    CONFLICT,
    COULD_NOT_GRADE,
    COULD_NOT_RUN,
    FINAL,
    GRADE,
    GRADED,
    KEEP,
    REFUSE,
    REPORT,
    Entry,
    Plan,
    check_folders,
    find_entries,
    graded_record,
    kit_hash,
    make_plan,
    make_record,
    placeholder,
    read_entry,
    status_of,
    submission_hash,
    valid_id,
)
from grader.batch.summary import BatchSummary, StudentResult
from grader.batch.worker import Job, Outcome, Rules
from grader.catalog.batch import GRADE_BOOK, SUMMARY_LINES
from grader.catalog.errors import ERRORS
from grader.checks import runner
from grader.config import Course
from grader.engine.grading import default_hide
from grader.errors import KitError
from grader.record.results import Report
from grader.record.student import StudentRecord
from grader.report import leaderboard
from grader.report.batch_line import student_line
from grader.sandbox.host import jail

WORKER_LOG = ".workers.log"
"""The embedded workers' own output (TensorFlow's start-up lines; a grader traceback if one ever happens)."""

__all__ = [
    "CONFLICT",
    "COULD_NOT_GRADE",
    "COULD_NOT_RUN",
    "FINAL",
    "GRADED",
    "LOCK_FILE",
    "NOTHING_IMPLEMENTED",
    "NO_SUBMISSION",
    "BatchSummary",
    "Entry",
    "Executor",
    "Job",
    "Outcome",
    "Plan",
    "Progress",
    "Rules",
    "SchedulerLost",
    "StudentResult",
    "check_folders",
    "find_entries",
    "kit_hash",
    "make_plan",
    "placeholder",
    "read_entry",
    "rules_for",
    "run_batch",
    "show_hidden",
    "status_of",
    "submission_hash",
    "valid_id",
    "worker_count",
]


def run_batch(course: Course, batch_dir: Path, out_dir: Path, workers: int | None = None,
              student: str | None = None, lang: str | None = None,
              progress: Callable[[Progress], None] | None = None, include_slow: bool = True,
              scheduler: str | None = None, roster: str | Path | None = None, id_pattern: str | None = None,
              security: dict | None = None, _before_grade: str | None = None,
              allow_weak_isolation: bool = False) -> BatchSummary:
    """Grade every student in ``batch_dir`` into ``out_dir``; resume where an earlier run stopped.

    ``workers``: students graded at once on the embedded cluster (default ``[batch] workers``,
    else the number of cores, fewer when memory would not hold them). ``scheduler``: grade on
    this Dask cluster instead (default ``[batch] scheduler``), with ``security`` (``ca_file``, ``cert``,
    ``key``: TLS files; default Dask's own ``distributed.comm.tls`` configuration). ``student``: regrade this one
    only. ``include_slow=False`` leaves out the accuracy run. ``roster``: a class list CSV
    (default ``[course] roster``); ``id_pattern``: how to read ids from LMS download names
    (:mod:`grader.classbook.entries`). ``progress`` is called when grading starts and as each student
    is done (:attr:`Progress.line` says how they did). Raises :class:`KitError` only when the
    batch cannot run at all (no such folder, a student id that is not there, an unreadable
    roster or overrides.csv, no usable worker, the scheduler lost mid-batch, no bubblewrap on Linux
    without ``allow_weak_isolation``: a whole class's untrusted code runs only in the full jail unless
    the instructor says otherwise, and each worker refuses to grade without it too).
    """
    started = time.perf_counter()
    weak = jail.LINUX and not jail.available()
    if weak and not allow_weak_isolation:
        raise KitError(ERRORS["weak-isolation"])
    lang = lang or course.language
    batch_dir, out_dir = check_folders(batch_dir, out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    course = holdout.with_secret(course, out_dir)  # the workers, wherever they run, grade by the same secret
    with outputs.locked(out_dir):
        checks = runner.select(runner.discover(course, "all"), (), include_slow)
        plan = make_plan(course, batch_dir, out_dir, checks, include_slow, student, lang, roster, id_pattern)
        outputs.remember_source(out_dir, batch_dir, id_pattern, plan.klass.roster_file)
        summary = BatchSummary(out_dir=out_dir, skipped=plan.skipped, warnings=plan.warnings,
                               weak_isolation=weak)
        writer = outputs.Writer(out_dir, plan.students, lang, show_hidden(course), plan.klass.names,
                                list(course.points))
        for decision in plan.decisions.values():
            if decision.action == KEEP:
                writer.keep(decision.record, decision.rerender)
            elif decision.action == REPORT:
                writer.show(decision.record)
            elif decision.action == ABSENT:
                writer.absent(decision.record)
            elif decision.action == REFUSE:
                writer.save(decision.record, grades=False)
            else:
                writer.forget(decision.student)
            if decision.action != GRADE:
                summary.add(decision.record, regraded=decision.action == REFUSE, lang=lang)
        writer.grades()
        to_grade = plan.with_action(GRADE)
        summary.phases["plan"] = time.perf_counter() - started
        if to_grade:
            hide = (str(batch_dir), str(out_dir), *default_hide(course))
            jobs = [Job(d.student, d.intake, hide, include_slow, allow_weak_isolation) for d in to_grade]
            with Executor(course, workers, scheduler, len(jobs), log=out_dir / WORKER_LOG,
                          security=security) as executor:
                summary.phases["start"] = time.perf_counter() - started - summary.phases["plan"]
                summary.workers, summary.refused = executor.size, dict(executor.refused)
                if not executor.encrypted:
                    summary.warnings.append(SUMMARY_LINES["scheduler-plain"].format(
                        address=executor.scheduler).get(lang))
                for job, outcome in executor.grade(jobs, rules_for(course, include_slow), _before_grade,
                                                   progress or None):
                    record = _record(course, checks, plan, plan.decisions[job.student], outcome)
                    writer.save(record)
                    summary.add(record, regraded=True, lang=lang)
                    if progress:
                        progress(dataclasses.replace(executor.state, line=student_line(record, lang)))
                summary.replaced = list(executor.replaced.values())
                summary.phases["grading"] = time.perf_counter() - started - sum(summary.phases.values())
            summary.phases["stop"] = time.perf_counter() - started - sum(summary.phases.values())
        final = writer.final()
        summary.class_report = plan.klass.write_report(out_dir, plan.students, final, lang,
                                                       GRADE_BOOK["not-graded"].get(lang))
        leaderboard.write_class_page(out_dir, course, final, lang)
    summary.seconds = round(time.perf_counter() - started, 2)
    summary.phases["write"] = summary.seconds - sum(summary.phases.values())
    return summary


def _record(course: Course, checks: list, plan: Plan, decision, outcome: Outcome) -> StudentRecord:
    """The record of one graded student: its report and status, or a zero saying why there is none."""
    if outcome.report is not None:
        report = Report.from_dict(outcome.report)
        report.student = decision.student
        return graded_record(course, checks, decision, report, plan.kit, plan.klass)
    line = SUMMARY_LINES["could-not-grade"].format(detail=outcome.error or "?")
    report = placeholder(checks, course, decision.student, line)
    record = make_record(report, COULD_NOT_GRADE, decision.digest, plan.kit, decision.entry.paths,
                         failure=outcome.failure)
    return plan.klass.settle(record, decision.entry)
