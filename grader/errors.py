"""The one error type the library raises for problems a user can fix.

The CLI turns it into ``Error: ...`` and a non-zero exit (see ``grader.cli``);
nothing else in the library prints or exits.
"""


class KitError(Exception):
    """A user-fixable problem: a wrong path, a bad course.toml, a corrupt archive."""
