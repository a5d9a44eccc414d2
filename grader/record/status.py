"""A student's status in a class: the one definition every record, summary and renderer uses.

Members are strings (``Status.GRADED == "graded"``), so a record's JSON, ``grades.csv`` and the
catalogue's words (``grader.catalog.batch.STATUS``) key on the same text.
"""

from __future__ import annotations

import enum

try:
    from enum import StrEnum
except ImportError:  # Python 3.10
    class StrEnum(str, enum.Enum):
        __str__ = str.__str__
        __format__ = str.__format__


class Status(StrEnum):
    GRADED = "graded"
    """Graded: its checks' verdicts stand."""
    NOTHING_IMPLEMENTED = "nothing implemented"
    """Every function still the handed-out stub."""
    COULD_NOT_RUN = "could not run"
    """No module of it imports."""
    NO_SUBMISSION = "no submission"
    """On the roster, nothing handed in."""
    CONFLICT = "conflict"
    """Several entries of one student that cannot be told apart: a person decides."""
    COULD_NOT_GRADE = "could not grade"
    """The grader itself failed on it (a line says why); the class went on."""

    @property
    def needs_attention(self) -> bool:
        """A person should look at this student (the class report's list)."""
        return self is not Status.GRADED
