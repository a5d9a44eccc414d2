"""``grade batch``: grade a whole class, in parallel, so that no submission can spoil the batch.

Stages, in order (:data:`STAGES`): find the students in ``BATCH_DIR`` → read
each submission and hash it → keep the students whose ``report.json`` is up to
date (resume) → grade the rest on trusted worker processes
(:mod:`grader.batch_workers`), each student in their own sandboxed child →
write each student's files as soon as they are done and ``grades.csv`` after
each (:mod:`grader.batch_outputs`) → the summary.

A student is a folder (of ``.py`` files or notebooks) or a ``grade submit``
archive (``ID.zip``) in ``BATCH_DIR``, named by student id; anything else is
skipped with a warning. Two entries for one id (``kim/`` and ``kim.zip``) are
not guessed between: the student gets the status ``conflict``, zero points and
a line naming both entries, until one is removed (then the next run grades it).

Statuses in ``grades.csv``: ``graded``; ``could not run`` (none of the
student's modules could be read or imported: zero); ``conflict``; ``could not
grade`` (the grader itself failed on this student, which should not happen:
zero, and the next run tries again).
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

from grader import __version__, batch_outputs
from grader.batch_workers import Job, Outcome, Pool
from grader.catalog import NOTICES
from grader.checks import runner
from grader.config import Course
from grader.errors import KitError
from grader.intake import Intake, collect, content_hash, sha256
from grader.messages import Text
from grader.report.atomic import remove_stale_temporaries
from grader.results import FAILED, CheckResult, Feedback, Report
from grader.sandbox.host.submission import MAX_RESTARTS

STAGES = ("find", "read", "resume", "grade", "write", "summarize")
GRADED = "graded"
COULD_NOT_RUN = "could not run"
COULD_NOT_GRADE = "could not grade"
CONFLICT = "conflict"
FINAL = (GRADED, COULD_NOT_RUN, CONFLICT)
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
    "could-not-grade": Text("채점기가 이 제출물을 채점하지 못했습니다 ({detail}). 다시 실행하면 다시 시도합니다.",
                            "The grader could not grade this submission ({detail}); the next run tries again."),
    "no-modules": Text("{entry}에 tensors.py, cnn.py, concepts.py (또는 .ipynb 노트북)가 하나도 없습니다.",
                       "{entry} holds none of tensors.py, cnn.py, concepts.py (or their .ipynb notebooks)."),
    "unreadable": Text("{entry}을(를) 읽지 못했습니다: {detail}", "{entry} could not be read: {detail}"),
    "not-zip": Text("zip 압축 파일이 아니거나 손상되었습니다", "not a zip archive, or a corrupt one"),
    "not-graded": Text("아직 채점 안 됨", "not graded yet"),
    "skip-file": Text("{name}: 학생 폴더나 제출 압축 파일(.zip)이 아니어서 건너뜁니다.",
                      "{name}: neither a student folder nor a submission archive (.zip); skipped."),
    "skip-name": Text("{name}: 학번으로 쓸 수 없는 이름이어서 건너뜁니다.",
                      "{name}: not usable as a student id; skipped."),
    "summary": Text("학생 {total}명: 채점 {graded}, 실행 불가 {could_not_run}, 제출물 중복 {conflict}, "
                    "채점 실패 {could_not_grade} (이번에 채점 {regraded}, 그대로 둠 {kept}; {seconds:.0f}초, "
                    "작업자 {workers}개).",
                    "{total} students: {graded} graded, {could_not_run} could not run, {conflict} conflicts, "
                    "{could_not_grade} could not be graded ({regraded} graded now, {kept} unchanged; "
                    "{seconds:.0f} s, {workers} workers)."),
    "scores": Text("평균 {mean:.2f}점, 중앙값 {median:.2f}점 (만점 {max_score:g}).",
                   "Mean score {mean:.2f}, median {median:.2f} (out of {max_score:g})."),
    "student-line": Text("  {student}: {status} - {detail}", "  {student}: {status} - {detail}"),
    "skipped": Text("건너뛴 항목 {count}개:", "{count} entries skipped:"),
    "written": Text("성적표: {path}", "Grades: {path}"),
}
STATUS_WORDS = {
    GRADED: Text("채점", "graded"), COULD_NOT_RUN: Text("실행 불가", "could not run"),
    CONFLICT: Text("제출물 중복", "conflict"), COULD_NOT_GRADE: Text("채점 실패", "could not grade"),
}


@dataclass(frozen=True)
class Entry:
    """One student in ``BATCH_DIR``: usually one path, two or more on a conflict."""

    student: str
    paths: tuple[Path, ...]


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
    workers: int = 0
    seconds: float = 0.0

    def ids(self, status: str) -> list[str]:
        return sorted(s for s, r in self.students.items() if r.status == status)

    graded = property(lambda self: self.ids(GRADED))
    could_not_run = property(lambda self: self.ids(COULD_NOT_RUN))
    could_not_grade = property(lambda self: self.ids(COULD_NOT_GRADE))
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
        counts = {status: len(self.ids(status)) for status in (GRADED, COULD_NOT_RUN, CONFLICT, COULD_NOT_GRADE)}
        lines = [WORDS["summary"].get(lang).format(
            total=len(self.students), graded=counts[GRADED], could_not_run=counts[COULD_NOT_RUN],
            conflict=counts[CONFLICT], could_not_grade=counts[COULD_NOT_GRADE], regraded=len(self.regraded),
            kept=len(self.kept), seconds=self.seconds, workers=self.workers)]
        if self.scores:
            top = max(r.max_score for r in self.students.values())
            lines.append(WORDS["scores"].get(lang).format(mean=self.mean, median=self.median, max_score=top))
        for student in sorted(self.students):
            result = self.students[student]
            if result.status != GRADED:
                lines.append(WORDS["student-line"].get(lang).format(
                    student=student, status=STATUS_WORDS[result.status].get(lang), detail=result.detail))
        if self.skipped:
            lines.append(WORDS["skipped"].get(lang).format(count=len(self.skipped)))
            lines += [f"  {line}" for line in self.skipped]
        lines.append(WORDS["written"].get(lang).format(path=self.grades_csv))
        return lines


def run_batch(course: Course, batch_dir: Path, out_dir: Path, workers: int | None = None,
              student: str | None = None, lang: str | None = None, progress: bool = True,
              include_slow: bool = True, _before_grade: str | None = None) -> BatchSummary:
    """Grade every student in ``batch_dir`` into ``out_dir``; resume where an earlier run stopped.

    ``workers``: students graded at once (default ``[batch] workers``, else the number of
    cores, fewer when memory would not hold them). ``student``: regrade this one only.
    ``include_slow=False`` leaves out the accuracy run. Raises :class:`KitError` only
    when the batch cannot run at all (no such folder, a student id that is not there).
    """
    started = time.perf_counter()
    lang = lang or course.language
    batch_dir, out_dir = _folders(batch_dir, out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    lock = _lock(out_dir)
    try:
        entries, skipped = find_entries(batch_dir, out_dir, lang)
        if student is not None and student not in entries:
            known = ", ".join(sorted(entries)[:20]) or "none"
            raise KitError(f"no student {student!r} in {batch_dir} (students: {known})")
        checks = runner.select(runner.discover(course, "all"), (), include_slow)
        kit = kit_hash(course, include_slow)
        hidden_shown = batch_outputs.show_hidden(course)
        summary = BatchSummary(out_dir=out_dir, skipped=skipped)
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
                digest = submission_hash(intake)
            fresh = (saved is not None and saved.get("content_hash") == digest and saved.get("kit_hash") == kit
                     and saved.get("status") in FINAL and sid != student)
            if fresh:
                if not batch_outputs.rendered(out_dir, sid):
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
                batch_outputs.write_student(out_dir, record, lang, hidden_shown)
                records[sid] = record
                summary.students[sid] = _student_result(record, regraded=True, lang=lang)
            else:
                jobs.append(Job(sid, str(entry.paths[0]), intake, hide, include_slow))
                records.pop(sid, None)
        current = sorted(entries)
        batch_outputs.write_grades(out_dir, current, records, lang, WORDS["not-graded"])

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
                else:
                    line = WORDS["could-not-grade"].format(detail=outcome.error or "?")
                    report, status = placeholder(checks, course, job.student, line), COULD_NOT_GRADE
                record = _record(report, status, digests[job.student], kit, paths[job.student])
                records[job.student] = record
                try:
                    batch_outputs.write_student(out_dir, record, lang, hidden_shown)
                    batch_outputs.write_grades(out_dir, current, records, lang, WORDS["not-graded"])
                except OSError as exc:
                    raise KitError(f"could not write the results to {out_dir}: {exc}") from None
                summary.students[job.student] = _student_result(record, regraded=True, lang=lang)
                display.finished(status == GRADED)

            display = _Display(progress, lang, len(jobs))
            with open(out_dir / WORKER_LOG, "ab") as log, display:
                pool = Pool(course, size, deadline=_deadline(course, checks), threads=_threads(size),
                            before_grade=_before_grade, log=log)
                pool.run(jobs, lambda job: display.started(), finished)

        final = {sid: r for sid in current if (r := batch_outputs.read_record(out_dir, sid)) is not None}
        batch_outputs.write_grades(out_dir, current, final, lang, WORDS["not-graded"])
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
    """Student id → its entries, and one warning per skipped entry (sorted by name)."""
    found: dict[str, list[Path]] = {}
    skipped = []
    for path in sorted(Path(batch_dir).iterdir()):
        name = path.name
        if path.resolve() == out_dir:
            continue
        if path.is_dir():
            student = name
        elif path.is_file() and path.suffix.lower() == ".zip":
            student = path.stem
        else:
            skipped.append(WORDS["skip-file"].get(lang).format(name=name))
            continue
        if not valid_id(student):
            skipped.append(WORDS["skip-name"].get(lang).format(name=name))
            continue
        found.setdefault(student, []).append(path)
    return {s: Entry(s, tuple(p)) for s, p in found.items()}, skipped


def valid_id(student: str) -> bool:
    """A name usable as a folder in ``OUT_DIR`` and a CSV cell: not hidden, no control characters."""
    return (bool(student.strip()) and not student.startswith((".", "__")) and student != batch_outputs.GRADES_FILE
            and all(c.isprintable() for c in student) and "/" not in student and "\\" not in student)


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
    """``could not run`` when none of the student's modules could be read or imported."""
    failed = {m for m in intake.sources
              if any(n.summary.en.startswith(NOTICES["import-failed"].format(module=m, detail="").en.strip())
                     for n in report.notices)}
    return GRADED if set(intake.sources) - failed else COULD_NOT_RUN


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
    report = Report.from_dict(record)
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

    def finished(self, ok: bool) -> None:
        self.running -= 1
        self.failed += 0 if ok else 1
        self._update(advance=1)

    def _update(self, advance: int = 0) -> None:
        if self.progress is not None:
            self.progress.update(self.task, advance=advance, running=self.running, failed=self.failed)

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            self.progress.stop()

