"""The grading engine: one submission from intake to its report.

``intake`` reads a submission (files, notebooks, archives); ``data`` finds MNIST; ``grading`` runs the
checks against a sandboxed child and builds the report; ``project`` measures the open project;
``untouched`` tells work from the handed-out stubs.
"""
