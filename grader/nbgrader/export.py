"""``nbgrader export`` that writes no score for a submission the grader could not grade.

nbgrader's own CSV writes a total for every submission in the gradebook; one whose autograde
failed (:class:`grader.nbgrader.autograde.GraderFailed`) would read as 0, a grade the student did
not earn. ``grade nbgrader build`` names :class:`NotGradedBlank` as ``c.ExportApp.plugin_class``:
the same columns and rows as nbgrader's, with ``raw_score`` and ``score`` left empty (no grade, as
an LMS import reads it) where a code test cell has neither an automatic nor a manual score, which
nbgrader's autograde never leaves after it has run on a submission.
"""

from __future__ import annotations

import csv
import io

from nbgrader.plugins.export import CsvExportPlugin

BLANKED = ("raw_score", "score")


def not_graded(gradebook) -> set[tuple[str, str]]:
    """``(assignment, student)`` of every submission with a code test cell that holds no score at all."""
    from nbgrader.api import Grade, GradeCell, SubmittedAssignment, SubmittedNotebook

    with gradebook.db.no_autoflush:
        found = (gradebook.db.query(SubmittedAssignment)
                 .join(SubmittedNotebook).join(Grade).join(GradeCell)
                 .filter(GradeCell.cell_type == "code", Grade.auto_score.is_(None), Grade.manual_score.is_(None))
                 .distinct().all())
    return {(s.assignment.name, s.student.id) for s in found}


class NotGradedBlank(CsvExportPlugin):
    """nbgrader's CSV export, with no score for a submission the grader could not grade."""

    def export(self, gradebook) -> None:
        super().export(gradebook)
        missing = not_graded(gradebook)
        if not missing:
            return
        dest = self.to or "grades.csv"
        with open(dest, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
            fields = list(rows[0].keys()) if rows else []
        for row in rows:
            if (row["assignment"], row["student_id"]) in missing:
                row.update(dict.fromkeys(BLANKED, ""))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        with open(dest, "w", encoding="utf-8", newline="") as fh:
            fh.write(out.getvalue())
