"""The grading engine: one submission from intake to its report.

``intake`` reads a submission (files, notebooks, archives); ``data`` finds MNIST; ``grading`` runs the
checks against a sandboxed child and builds the report; ``holdout`` measures a part on held-back digits
(the course says which part, and against what);
``untouched`` tells work from the handed-out stubs.
"""
