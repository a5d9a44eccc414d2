"""The one error type the library raises for problems a user can fix.

A :class:`KitError` carries its sentence in Korean and English (a catalogue entry of
``grader.catalog.ERRORS``, formatted); ``str(error)`` is the English one, for logs and the
library's own callers. The CLI prints it as ``Error: ...`` (``오류: ...`` in Korean) with a
non-zero exit (see ``grader.cli.language``); nothing else in the library prints or exits.
"""

from __future__ import annotations

from grader.messages import Text, plain


class KitError(Exception):
    """A user-fixable problem: a wrong path, a bad course.toml, a corrupt archive.

    Raised with a :class:`~grader.messages.Text` (both languages) or, where no translation
    exists yet, a plain English string.
    """

    def __init__(self, message: str | Text):
        self.text = message if isinstance(message, Text) else plain(str(message))
        super().__init__(self.text.en)

    @property
    def translated(self) -> bool:
        """Whether the Korean sentence is a translation (not the English one repeated)."""
        return self.text.ko != self.text.en

    def __reduce__(self):  # a Dask worker sends it back with both languages (and a subclass's own fields)
        return (_restore, (type(self), self.text, dict(self.__dict__)))


def _restore(cls: type, text: Text, fields: dict) -> KitError:
    error = cls.__new__(cls)
    Exception.__init__(error, text.en)
    error.__dict__.update(fields)
    return error
