"""A real nbgrader course from the kit, and grades back into nbgrader's gradebook.

Stages, each in its own module:

* :mod:`~grader.nbgrader.testcells`: one graded check → the source of one
  nbgrader autograder test cell (hidden checks inside ``### BEGIN HIDDEN TESTS``);
* :mod:`~grader.nbgrader.build`: ``solutions/*.py`` and the checks → an nbgrader
  course directory (``nbgrader_config.py``, ``source/<assignment>/*.ipynb``);
* :mod:`~grader.nbgrader.kernel`: what a test cell runs inside a notebook's own
  kernel: the same check, against the notebook's functions, with all output held
  back so that nbgrader scores it by its verdict alone;
* :mod:`~grader.nbgrader.autograde`: ``submitted/`` graded with the isolated
  engine, then :mod:`~grader.nbgrader.gradebook` (scores into ``gradebook.db``)
  and per-student feedback;
* :mod:`~grader.cli.nbgrader`: ``grade nbgrader build`` and ``grade nbgrader autograde`` (the command group).

Nothing here imports nbgrader at module level except the gradebook writer, so
``grade`` starts without it.
"""
