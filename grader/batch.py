"""``grade batch``: grade a whole class, in parallel, so that no submission can spoil the batch.

Stages, in order (:data:`STAGES`): find the students in ``BATCH_DIR`` → read
each submission and hash it → keep the students whose ``report.json`` is up to
date (resume) → grade the rest on trusted worker processes
(:mod:`grader.batch_workers`), each student in their own sandboxed child →
write each student's files as soon as they are done and ``grades.csv`` after
each (:mod:`grader.batch_outputs`) → the summary.

Which entries of ``BATCH_DIR`` are students, and which of a student's
archives is graded, is :mod:`grader.classroom`'s job (a folder, ``ID.zip``,
``grade submit``'s ``submission-ID-TIME.zip``; ``--id-pattern`` for LMS
downloads). A folder and an archive for one id (``kim/`` and ``kim.zip``) are
not guessed between: the student gets the status ``conflict``, zero points and
a line naming both entries, until one is removed (then the next run grades it).
The roster, lateness and overrides are :mod:`grader.class_records`'.

Statuses in ``grades.csv``: ``graded``; ``nothing implemented`` (every
function still raises ``NotImplementedError``); ``could not run`` (none of the
student's modules could be read or imported: zero); ``no submission`` (on the
roster, nothing handed in); ``conflict``; ``could not grade`` (the grader
itself failed on this student, which should not happen: zero, and the next run
tries again).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import statistics
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from grader import __version__, batch_outputs, classroom
from grader.batch_workers import Job, Outcome, Pool
from grader.catalog import NOTICES
from grader.adjustments import adjusted
from grader.checks import runner
from grader.class_records import NO_SUBMISSION, NOTHING_IMPLEMENTED, load_class, no_submission
from grader.classroom import Entry, valid_id  # noqa: F401  (Entry and valid_id: the batch's API)
from grader.config import Course
from grader.errors import KitError
from grader.intake import Intake, collect, content_hash, sha256
from grader.messages import Text
from grader.report.atomic import remove_stale_temporaries
from grader.report.batch_line import student_line
from grader.results import FAILED, CheckResult, Feedback, Report
from grader.sandbox.host.submission import MAX_RESTARTS
from grader.untouched import nothing_implemented

STAGES = ("find", "read", "resume", "grade", "write", "summarize")
GRADED = "graded"
COULD_NOT_RUN = "could not run"
COULD_NOT_GRADE = "could not grade"
CONFLICT = "conflict"
FINAL = (GRADED, NOTHING_IMPLEMENTED, COULD_NOT_RUN, CONFLICT)
"""Statuses a rerun keeps; ``could not grade`` is tried again."""
WORKER_MB = 1536
"""Memory a worker needs besides its child's cap (TensorFlow, the data, rebuilt models)."""
LOCK_FILE = ".batch.lock"
WORKER_LOG = ".workers.log"
"""The workers' own stderr (TensorFlow's start-up lines; a grader traceback if one ever happens)."""

WORDS = {
    "conflict": Text("학번 {student}의 제출물이 두 개입니다 ({entries}). 어느 것을 채점할지 정할 수 없어 0점으로 "
                     "두었습니다. 하나를 지우고 다시 실행하세요.",
                     "Student {student} has two submissions ({entries}). Neither was chosen, so the score is "
                     "0; remove one and run the batch again."),
    "nothing-implemented": Text("모든 함수가 아직 NotImplementedError를 일으킵니다. 받은 과제 그대로입니다.",
                                "Every function still raises NotImplementedError: the exercises as handed out."),
    "could-not-grade": Text("채점기가 이 제출물을 채점하지 못했습니다 ({detail}). 다시 실행하면 다시 시도합니다.",
                            "The grader could not grade this submission ({detail}); the next run tries again."),
    "no-modules": Text("{entry}에 tensors.py, cnn.py, concepts.py (또는 .ipynb 노트북)가 하나도 없습니다.",
                       "{entry} holds none of tensors.py, cnn.py, concepts.py (or their .ipynb notebooks)."),
    "unreadable": Text("{entry}을(를) 읽지 못했습니다: {detail}", "{entry} could not be read: {detail}"),
    "not-zip": Text("zip 압축 파일이 아니거나 손상되었습니다", "not a zip archive, or a corrupt one"),
    "not-graded": Text("아직 채점 안 됨", "not graded yet"),
    "summary": Text("학생 {total}명: 채점 {graded}, 구현 안 함 {nothing}, 실행 불가 {could_not_run}, "
                    "제출 안 함 {missing}, 제출물 중복 {conflict}, 채점 실패 {could_not_grade} (이번에 채점 "
                    "{regraded}, 그대로 둠 {kept}; {seconds:.0f}초, 작업자 {workers}개).",
                    "{total} students: {graded} graded, {nothing} nothing implemented, {could_not_run} could not "
                    "run, {missing} no submission, {conflict} conflicts, {could_not_grade} could not be graded "
                    "({regraded} graded now, {kept} unchanged; {seconds:.0f} s, {workers} workers)."),
    "scores": Text("평균 {mean:.2f}점, 중앙값 {median:.2f}점 (만점 {max_score:g}).",
                   "Mean score {mean:.2f}, median {median:.2f} (out of {max_score:g})."),
    "student-line": Text("  {student}: {status} - {detail}", "  {student}: {status} - {detail}"),
    "skipped": Text("건너뛴 항목 {count}개:", "{count} entries skipped:"),
    "look": Text("확인이 필요한 항목 {count}개:", "{count} things to look at:"),
    "written": Text("성적표: {path}", "Grades: {path}"),
    "class-report": Text("반 전체 보고서: {path}", "Class report: {path}"),
}
STATUS_WORDS = {
    GRADED: Text("채점", "graded"), COULD_NOT_RUN: Text("실행 불가", "could not run"),
    NOTHING_IMPLEMENTED: Text("구현 안 함", "nothing implemented"), NO_SUBMISSION: Text("제출 안 함", "no submission"),
    CONFLICT: Text("제출물 중복", "conflict"), COULD_NOT_GRADE: Text("채점 실패", "could not grade"),
}


@dataclass
class StudentResult:
    """One student's line in the summary."""

    student: str
    status: str
    score: float
    max_score: float
    regraded: bool
    """Graded by this run (``False``: the saved report was up to date)."""
    detail: str = ""
    """Why the student is not ``graded``, in the batch language."""


@dataclass
class BatchSummary:
    """What one ``grade batch`` run did."""

    out_dir: Path
    students: dict[str, StudentResult] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    """One warning per entry of ``BATCH_DIR`` that is not a student."""
    warnings: list[str] = field(default_factory=list)
    """One line per thing a person should look at: an id mismatch, a student not on the roster."""
    class_report: Path | None = None
    workers: int = 0
    seconds: float = 0.0

    def ids(self, status: str) -> list[str]:
        return sorted(s for s, r in self.students.items() if r.status == status)

    graded = property(lambda self: self.ids(GRADED))
    could_not_run = property(lambda self: self.ids(COULD_NOT_RUN))
    could_not_grade = property(lambda self: self.ids(COULD_NOT_GRADE))
    nothing_implemented = property(lambda self: self.ids(NOTHING_IMPLEMENTED))
    no_submission = property(lambda self: self.ids(NO_SUBMISSION))
    conflicts = property(lambda self: self.ids(CONFLICT))
    regraded = property(lambda self: sorted(s for s, r in self.students.items() if r.regraded))
    kept = property(lambda self: sorted(s for s, r in self.students.items() if not r.regraded))

    @property
    def scores(self) -> list[float]:
        return [r.score for r in self.students.values()]

    @property
    def mean(self) -> float | None:
        return round(statistics.fmean(self.scores), 4) if self.scores else None

    @property
    def median(self) -> float | None:
        return round(statistics.median(self.scores), 4) if self.scores else None

    @property
    def grades_csv(self) -> Path:
        return self.out_dir / batch_outputs.GRADES_FILE

    def lines(self, lang: str) -> list[str]:
        """The summary printed at the end of the batch, in ``lang``."""
        counts = {status: len(self.ids(status)) for status in STATUS_WORDS}
        lines = [WORDS["summary"].get(lang).format(
            total=len(self.students), graded=counts[GRADED], nothing=counts[NOTHING_IMPLEMENTED],
            could_not_run=counts[COULD_NOT_RUN], missing=counts[NO_SUBMISSION], conflict=counts[CONFLICT],
            could_not_grade=counts[COULD_NOT_GRADE], regraded=len(self.regraded), kept=len(self.kept),
            seconds=self.seconds, workers=self.workers)]
        if self.scores:
            top = max(r.max_score for r in self.students.values())
            lines.append(WORDS["scores"].get(lang).format(mean=self.mean, median=self.median, max_score=top))
        for student in sorted(self.students):
            result = self.students[student]
            if result.status != GRADED:
                lines.append(WORDS["student-line"].get(lang).format(
                    student=student, status=STATUS_WORDS[result.status].get(lang), detail=result.detail))
        if self.warnings:
            lines.append(WORDS["look"].get(lang).format(count=len(self.warnings)))
            lines += [f"  {line}" for line in self.warnings]
        if self.skipped:
            lines.append(WORDS["skipped"].get(lang).format(count=len(self.skipped)))
            lines += [f"  {line}" for line in self.skipped]
        lines.append(WORDS["written"].get(lang).format(path=self.grades_csv))
        if self.class_report is not None:
            lines.append(WORDS["class-report"].get(lang).format(path=self.class_report))
        return lines


def run_batch(course: Course, batch_dir: Path, out_dir: Path, workers: int | None = None,
              student: str | None = None, lang: str | None = None, progress: bool = True,
              include_slow: bool = True, roster: str | Path | None = None, id_pattern: str | None = None,
              _before_grade: str | None = None) -> BatchSummary:
    """Grade every student in ``batch_dir`` into ``out_dir``; resume where an earlier run stopped.

    ``workers``: students graded at once (default ``[batch] workers``, else the number of
    cores, fewer when memory would not hold them). ``student``: regrade this one only.
    ``include_slow=False`` leaves out the accuracy run. ``roster``: a class list CSV (default
    ``[course] roster``); ``id_pattern``: how to read ids from LMS download names
    (:mod:`grader.classroom`). Raises :class:`KitError` only when the batch cannot run at all
    (no such folder, a student id that is not there, an unreadable roster or overrides.csv).
    """
    started = time.perf_counter()
    lang = lang or course.language
    batch_dir, out_dir = _folders(batch_dir, out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    lock = _lock(out_dir)
    try:
        room = classroom.find_entries(batch_dir, out_dir, lang, id_pattern)
        entries, skipped = room.entries, room.skipped
        klass = load_class(course, out_dir, roster)
        if student is not None and student not in entries:
            known = ", ".join(sorted(entries)[:20]) or "none"
            raise KitError(f"no student {student!r} in {batch_dir} (students: {known})")
        checks = runner.select(runner.discover(course, "all"), (), include_slow)
        kit = kit_hash(course, include_slow)
        hidden_shown = batch_outputs.show_hidden(course)
        summary = BatchSummary(out_dir=out_dir, skipped=skipped,
                               warnings=[*room.warnings, *klass.strangers(list(entries), lang)])
        records: dict[str, dict] = {}
        jobs: list[Job] = []
        hide = (str(batch_dir), str(out_dir))
        for sid, entry in sorted(entries.items()):
            remove_stale_temporaries(out_dir / sid)
            saved = batch_outputs.read_record(out_dir, sid)
            if len(entry.paths) > 1:
                intakes = [read_entry(p, lang) for p in entry.paths]
                digest = sha256("\0".join(submission_hash(i) for i in intakes).encode())
            else:
                intake = read_entry(entry.paths[0], lang)
                intake.notices += entry.notices
                digest = submission_hash(intake)
            fresh = (saved is not None and saved.get("content_hash") == digest and saved.get("kit_hash") == kit
                     and saved.get("status") in FINAL and sid != student)
            if fresh:
                if klass.settle(saved, entry) or not batch_outputs.rendered(out_dir, sid):
                    batch_outputs.write_student(out_dir, saved, lang, hidden_shown)
                records[sid] = saved
                summary.students[sid] = _student_result(saved, regraded=False, lang=lang)
            elif student is not None and sid != student:
                if saved is not None:
                    records[sid] = saved
                    summary.students[sid] = _student_result(saved, regraded=False, lang=lang)
            elif len(entry.paths) > 1:
                names = ", ".join(_entry_name(p) for p in entry.paths)
                line = WORDS["conflict"].format(student=sid, entries=names)
                record = _record(placeholder(checks, course, sid, line), CONFLICT, digest, kit, entry)
                klass.settle(record, entry)
                batch_outputs.write_student(out_dir, record, lang, hidden_shown)
                records[sid] = record
                summary.students[sid] = _student_result(record, regraded=True, lang=lang)
            else:
                jobs.append(Job(sid, str(entry.paths[0]), intake, hide, include_slow))
                records.pop(sid, None)
        for sid in klass.missing(list(entries)):
            records[sid] = no_submission(checks, course, sid)
            klass.settle(records[sid], None)
            summary.students[sid] = _student_result(records[sid], regraded=False, lang=lang)
        current = klass.students(list(entries))
        missing = {sid: records[sid] for sid in klass.missing(list(entries))}

        def write_grades(done: dict[str, dict]) -> None:
            batch_outputs.write_grades(out_dir, current, {**done, **missing}, lang, WORDS["not-graded"],
                                       klass.names, list(course.points))

        write_grades(records)

        size = _worker_count(course, workers, len(jobs))
        summary.workers = size if jobs else 0
        if jobs:
            digests = {job.student: submission_hash(job.intake) for job in jobs}
            paths = {job.student: entries[job.student] for job in jobs}

            def finished(job: Job, outcome: Outcome) -> None:
                if outcome.report is not None:
                    report = Report.from_dict(outcome.report)
                    report.student = job.student
                    status = _status(job.intake, report)
                    if status == NOTHING_IMPLEMENTED:
                        report.notices.append(Feedback(WORDS["nothing-implemented"]))
                else:
                    line = WORDS["could-not-grade"].format(detail=outcome.error or "?")
                    report, status = placeholder(checks, course, job.student, line), COULD_NOT_GRADE
                record = _record(report, status, digests[job.student], kit, paths[job.student])
                klass.settle(record, paths[job.student])
                records[job.student] = record
                try:
                    batch_outputs.write_student(out_dir, record, lang, hidden_shown)
                    write_grades(records)
                except OSError as exc:
                    raise KitError(f"could not write the results to {out_dir}: {exc}") from None
                summary.students[job.student] = _student_result(record, regraded=True, lang=lang)
                display.finished(status == GRADED, student_line(record, lang))

            display = _Display(progress, lang, len(jobs))
            with open(out_dir / WORKER_LOG, "ab") as log, display:
                pool = Pool(course, size, deadline=_deadline(course, checks), threads=_threads(size),
                            before_grade=_before_grade, log=log)
                pool.run(jobs, lambda job: display.started(), finished)

        final = {sid: r for sid in current if (r := batch_outputs.read_record(out_dir, sid)) is not None}
        write_grades(final)
        summary.seconds = round(time.perf_counter() - started, 2)
    finally:
        _unlock(lock)
    _print(summary.lines(lang))
    return summary


# -- finding and reading the students -----------------------------------------------------------------
def _folders(batch_dir: Path, out_dir: Path) -> tuple[Path, Path]:
    batch_dir = Path(batch_dir)
    if not batch_dir.exists():
        raise KitError(f"{batch_dir} does not exist")
    if not batch_dir.is_dir():
        raise KitError(f"{batch_dir} is not a folder (it should hold one folder or .zip per student)")
    batch_dir, out_dir = batch_dir.resolve(), Path(out_dir).resolve()
    if out_dir == batch_dir:
        raise KitError("--out must not be the batch folder itself")
    return batch_dir, out_dir


def find_entries(batch_dir: Path, out_dir: Path, lang: str = "en") -> tuple[dict[str, Entry], list[str]]:
    """Student id → its entry, and one warning per skipped entry (:func:`grader.classroom.find_entries`)."""
    room = classroom.find_entries(batch_dir, out_dir, lang)
    return room.entries, room.skipped


def _entry_name(path: Path) -> str:
    return f"{path.name}/" if path.is_dir() else path.name


def read_entry(path: Path, lang: str = "en") -> Intake:
    """The submission at ``path``; a notice instead of an exception when nothing can be read."""
    try:
        return collect(path)
    except KitError:
        if path.is_dir():
            return Intake(notices=[Feedback(WORDS["no-modules"].format(entry=_entry_name(path)))])
        return Intake(form="archive", notices=[Feedback(_archive_notice(path.name))])
    except OSError as exc:
        return Intake(notices=[Feedback(WORDS["unreadable"].format(entry=_entry_name(path),
                                                                   detail=exc.strerror or type(exc).__name__))])


def _archive_notice(name: str) -> Text:
    words = WORDS["not-zip"]
    return Text(NOTICES["archive"].ko.format(file=name, detail=words.ko),
                NOTICES["archive"].en.format(file=name, detail=words.en))


# -- hashing: what decides whether a saved report is still good ----------------------------------------
def submission_hash(intake: Intake) -> str:
    """The submission's files (:func:`grader.intake.content_hash`) and what reading them found."""
    notices = "\n".join(n.summary.en for n in intake.notices)
    return sha256(f"{content_hash(intake)}\n{intake.form}\n{notices}".encode())


def kit_hash(course: Course, include_slow: bool) -> str:
    """The grading rules: kit version, ``course.toml`` (as read), every file of the checks and, when
    the accuracy run is included, the data it trains on (a switch to full MNIST regrades)."""
    digest = hashlib.sha256(f"{__version__}\n{include_slow}\n".encode())
    if include_slow:
        from grader import data

        _, source = data.load_mnist_with_source(course)
        path = Path(source.path)
        stat = path.stat() if source.path and path.is_file() else None
        digest.update(f"{source.name}\n{source.path}\n{stat and stat.st_size}\n{stat and stat.st_mtime_ns}\n".encode())
    digest.update(repr(dataclasses.replace(course, root=Path("."))).encode())
    base = course.checks_dir
    for path in sorted(base.rglob("*.py")) if base.is_dir() else []:
        if "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


# -- verdicts -------------------------------------------------------------------------------------------
def _status(intake: Intake, report: Report) -> str:
    """``could not run`` when none of the student's modules could be read or imported;
    ``nothing implemented`` when every function still raises ``NotImplementedError``."""
    failed = {m for m in intake.sources
              if any(n.summary.en.startswith(NOTICES["import-failed"].format(module=m, detail="").en.strip())
                     for n in report.notices)}
    if not set(intake.sources) - failed:
        return COULD_NOT_RUN
    return NOTHING_IMPLEMENTED if nothing_implemented(intake) else GRADED


def placeholder(checks: list, course: Course, student: str, line: Text) -> Report:
    """A zero on every check, each saying why (a conflict, a grader failure)."""
    feedback = Feedback(line)
    results = [CheckResult(c.name, 0.0, float(course.points[c.name]), FAILED, c.hidden, feedback)
               for c in checks]
    return Report(results=results, notices=[feedback], student=student, scope="all")


def _record(report: Report, status: str, digest: str, kit: str, entry) -> dict:
    paths = entry.paths if isinstance(entry, Entry) else entry
    return {**report.to_dict(), "student": report.student, "status": status, "content_hash": digest,
            "kit_hash": kit, "kit_version": __version__, "entries": [_entry_name(p) for p in paths],
            "graded_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}


def _student_result(record: dict, regraded: bool, lang: str) -> StudentResult:
    report = adjusted(record)
    status = record.get("status", GRADED)
    detail = ""
    if status != GRADED and report.notices:
        detail = " / ".join(n.summary.get(lang) for n in report.notices)[:300]
    return StudentResult(record["student"], status, report.score, report.max_score, regraded, detail)


# -- resources --------------------------------------------------------------------------------------------
def pool_for(course: Course, workers: int | None, jobs: int, checks: list, log=None) -> Pool:
    """Trusted worker processes, sized and limited as ``grade batch`` sizes them (nbgrader uses it too)."""
    size = _worker_count(course, workers, jobs)
    return Pool(course, size, deadline=_deadline(course, checks), threads=_threads(size), log=log)


def _worker_count(course: Course, workers: int | None, jobs: int) -> int:
    """``workers``, else ``[batch] workers``, else the cores that memory allows; never more than the jobs."""
    if workers is None:
        workers = course.batch.workers or _default_workers(course)
    return max(1, min(int(workers), max(jobs, 1)))


def _default_workers(course: Course) -> int:
    cores = os.cpu_count() or 1
    available = _available_mb()
    if available is None:
        return cores
    return max(1, min(cores, available // (course.limits.memory_mb + WORKER_MB)))


def _available_mb() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _threads(workers: int) -> int:
    """Threads per worker, so that the workers together use the cores once."""
    return max(1, (os.cpu_count() or 1) // workers)


def _deadline(course: Course, checks: list) -> float:
    """A backstop per student, far above what the per-call limits allow in total."""
    lim = course.limits
    slow = any(c.slow for c in checks)
    return ((MAX_RESTARTS + 2) * lim.import_seconds + 3 * lim.call_seconds * max(len(checks), 1)
            + (2 * lim.train_seconds if slow else 0))


def _lock(out_dir: Path):
    """Refuse a second batch writing into the same ``OUT_DIR`` (the lock dies with its process)."""
    handle = open(out_dir / LOCK_FILE, "a+b")
    try:
        import fcntl
    except ImportError:  # Windows: no lock
        return handle
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise KitError(f"another grade batch is writing to {out_dir}; wait for it or pick another --out") from None
    return handle


def _unlock(handle) -> None:
    handle.close()


# -- the terminal -----------------------------------------------------------------------------------------
def _print(lines: list[str]) -> None:
    try:
        from rich.console import Console
        from rich.text import Text as RichText
    except ImportError:
        print("\n".join(lines))
        return
    console = Console()
    for line in lines:
        console.print(RichText(line), soft_wrap=True)


class _Display:
    """Live progress (done / running / failed / time left) with rich, or nothing."""

    def __init__(self, enabled: bool, lang: str, total: int):
        self.enabled, self.lang, self.total = enabled, lang, total
        self.running = self.failed = 0
        self.progress = None
        self.task = None

    def __enter__(self) -> "_Display":
        if self.enabled:
            try:
                from grader.report.terminal import batch_progress, batch_task_name

                self.progress = batch_progress(self.lang)
                name = batch_task_name(self.lang)
            except ImportError:
                from rich.progress import (
                    BarColumn,
                    MofNCompleteColumn,
                    Progress,
                    TextColumn,
                    TimeRemainingColumn,
                )

                self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                         TextColumn("running {task.fields[running]} failed {task.fields[failed]}"),
                                         TimeRemainingColumn())
                name = "Grading"
            self.progress.start()
            self.task = self.progress.add_task(name, total=self.total, running=0, failed=0)
        return self

    def started(self) -> None:
        self.running += 1
        self._update()

    def finished(self, ok: bool, line: str = "") -> None:
        self.running -= 1
        self.failed += 0 if ok else 1
        if line and self.progress is not None:
            self.progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        elif line and not self.enabled:
            print(line, flush=True)
        self._update(advance=1)

    def _update(self, advance: int = 0) -> None:
        if self.progress is not None:
            self.progress.update(self.task, advance=advance, running=self.running, failed=self.failed)

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            self.progress.stop()

