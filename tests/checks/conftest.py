"""``python -m pytest tests/checks --submission DIR``: the graded checks under plain pytest.

The plugin (:mod:`grader.checks.pytest_plugin`) provides the ``sub`` fixture and the points line.
"""

from grader.checks.pytest_plugin import (  # noqa: F401  (hooks and fixtures for the checks here)
    _grade_session,
    pytest_addoption,
    pytest_collection_modifyitems,
    pytest_configure,
    pytest_pycollect_makemodule,
    pytest_runtest_makereport,
    pytest_terminal_summary,
    sub,
)
