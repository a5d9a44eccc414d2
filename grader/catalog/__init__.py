"""Every sentence the kit shows a person, in Korean and English: the one place to read and reword them.

One file per audience or part of the kit; each holds module-level tables that map a key to a
:class:`~grader.messages.Text` (Korean first, then English):

- :mod:`~grader.catalog.student`: a student's report: labels, call failures, notices, the score
  lines, where the digits came from, the grader's notes on a verdict, late days and overrides;
- :mod:`~grader.catalog.report`: the reports' headings, captions, pictures, progress and what to
  fix first;
- :mod:`~grader.catalog.project`: the project section and the class leaderboard;
- :mod:`~grader.catalog.instructor`: the class report, similar submissions, the grade book's notes;
- :mod:`~grader.catalog.batch`: ``grade batch``: reading a class folder, its plan, its lines;
- :mod:`~grader.catalog.nbgrader`: the nbgrader notebooks, their kernel and autograde's notices;
- :mod:`~grader.catalog.content`: the stubs' markers and the notebooks' notes and lesson cells.

Code elsewhere names an entry (``from grader.catalog.student import NOTICES``;
``NOTICES["isolation"].format(limits=...)``) and never writes a sentence of its own; the wording of
one check's own verdict lives with that check in ``tests/checks``. ``tests/kit/report/
test_report_i18n.py`` walks :func:`tables` (both languages, the same placeholders) and keeps the rule
that no module outside this package holds Korean text; ``test_korean.py`` checks its Korean.
"""

from __future__ import annotations

import importlib
import pkgutil

from grader.messages import Text


def tables() -> dict[str, dict[str, Text]]:
    """Every table of the catalogue by its full name (``grader.catalog.student.NOTICES``)."""
    found = {}
    for info in pkgutil.iter_modules(__path__, f"{__name__}."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, dict) and value \
                    and all(isinstance(v, Text) for v in value.values()):
                found[f"{info.name}.{name}"] = value
    return found
