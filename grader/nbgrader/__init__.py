"""A real nbgrader course from the kit, and grades back into nbgrader's gradebook.

Stages, each in its own module:

* :mod:`~grader.nbgrader.testcells`: one graded check → the source of one
  nbgrader autograder test cell (hidden checks inside ``### BEGIN HIDDEN TESTS``);
* :mod:`~grader.nbgrader.build`: ``solutions/*.py`` and the checks → an nbgrader
  course directory (``nbgrader_config.py``, ``source/<assignment>/*.ipynb``);
* :mod:`~grader.nbgrader.preprocessors`: nbgrader's own ``nbgrader autograde``
  made to grade with the isolated engine (set in the course's ``nbgrader_config.py``):
  each test cell gets the engine's verdict, nothing runs in the student's kernel;
* :mod:`~grader.nbgrader.kernel`: what a test cell runs where it does run inside a
  notebook's kernel (an instructor trying a source notebook): the same check,
  against the notebook's functions, with all output held back;
* :mod:`~grader.nbgrader.autograde`: ``submitted/`` graded in parallel with the
  isolated engine, then nbgrader's ``autograde`` on those reports
  (``autograded/``, the gradebook; :mod:`~grader.nbgrader.gradebook` for what
  nbgrader cannot open) and per-student feedback;
* :mod:`~grader.cli.nbgrader`: ``grade nbgrader build`` and ``grade nbgrader autograde`` (the command group).

Only the preprocessors (and what imports them: build, autograde) import nbgrader
at module level; ``grade`` imports this package when an nbgrader command runs.
"""
