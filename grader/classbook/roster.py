"""The class list: who should have handed something in (``grade batch --roster``, ``[course] roster``).

A roster is a CSV file with a header row, as an LMS exports it or as an
instructor types it. The id column is the first header among
:data:`ID_HEADERS` (case and spaces ignored: ``student_id``, ``id``, ``학번``,
Canvas's ``SIS User ID`` before its own ``ID``, ...); a name column, when there is one, is the first
among :data:`NAME_HEADERS`. Canvas's "Points Possible" row and blank ids are
skipped; an id listed twice is an error naming both lines.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from grader.catalog.errors import ERRORS
from grader.errors import KitError

ID_HEADERS = ("student_id", "studentid", "student id", "학번", "sis user id", "sis_user_id", "id",
              "login", "username", "user id", "sis login id")
NAME_HEADERS = ("name", "student name", "이름", "성명", "student", "full name")
SKIP_NAMES = ("points possible", "    points possible")


@dataclass(frozen=True)
class Student:
    """One line of the roster."""

    student: str
    name: str = ""
    columns: tuple[tuple[str, str], ...] = ()
    """The whole line as (header, value) pairs (a Canvas export's ID, SIS Login ID, Section)."""

    def column(self, header: str) -> str:
        return next((value for key, value in self.columns if _key(key) == _key(header)), "")


def load_roster(path: Path) -> list[Student]:
    """The students of the roster at ``path``, in file order. :class:`KitError` on anything unreadable."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KitError(ERRORS["roster-missing"].format(path=path)) from None
    except OSError as exc:
        raise KitError(ERRORS["roster-unreadable"].format(path=path, detail=exc.strerror or exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp949")  # a roster saved by a Korean Excel
        except UnicodeDecodeError:
            raise KitError(ERRORS["roster-encoding"].format(path=path)) from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise KitError(ERRORS["roster-empty"].format(path=path))
    header = [_key(cell) for cell in rows[0]]
    id_col = next((header.index(h) for h in ID_HEADERS if h in header), None)
    if id_col is None:
        raise KitError(ERRORS["roster-no-id"].format(path=path, headers=", ".join(rows[0]),
                                                     names=", ".join(ID_HEADERS)))
    name_col = next((header.index(h) for h in NAME_HEADERS if h in header and header.index(h) != id_col), None)
    students: list[Student] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        student = row[id_col].strip() if id_col < len(row) else ""
        name = row[name_col].strip() if name_col is not None and name_col < len(row) else ""
        if not student or any(_key(cell) in SKIP_NAMES for cell in row[:2]):
            continue
        if student in seen:
            raise KitError(ERRORS["roster-twice"].format(path=path, student=student, first=seen[student], second=number))
        seen[student] = number
        students.append(Student(student, name, tuple(zip(rows[0], row))))
    return students


def roster_path(course, given: str | Path | None) -> Path | None:
    """``--roster`` when given, else ``[course] roster`` (relative to the kit folder), else ``None``."""
    if given:
        return Path(given)
    configured = getattr(course.course, "roster", "")
    return course.root / configured if configured else None


def _key(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().lower().split())
