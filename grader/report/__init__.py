"""Rendering a :class:`grader.record.results.Report`, the one results model, for people and machines.

- :mod:`grader.report.view`: what every renderer shows (summary, hidden-check rules), decided once
- :mod:`grader.report.terminal`: rich tables for ``grade check`` / ``submit``, progress for ``grade batch``
- :mod:`grader.report.gradescope`: ``results.json`` in the Gradescope schema
- :mod:`grader.report.csv`: ``grades.csv``, one row per student
- :mod:`grader.report.html`: ``feedback.html``, a self-contained page with pictures
- :mod:`grader.report.pictures`: training curve, confusion matrix, misclassified digits (PNG)

Every word they show comes from :mod:`grader.catalog`.
"""
