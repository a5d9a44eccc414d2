"""``grade check --watch``: check again on every save, with the next sandbox already warm.

The loop watches the work folder's ``.py`` and ``.ipynb`` files (size and modification time,
polled; no extra dependency). While the student edits, the next grading's sandbox is started
in the background (:func:`grader.engine.grading.warm_up`: a fresh child with TensorFlow imported and
no submission code), and this process keeps its own imports (Keras, the checks) from one run
to the next. So after the first run a save costs the checks themselves, not Python and
TensorFlow starting again. The isolation is the same as ``grade check``: one fresh child per
run, the same limits, the same private folder.

What else keeps a save's answer short (measured with ``bench/watch.py``): the folder is looked at
every :data:`POLL_SECONDS`; the child started ahead has built a throwaway keras layer, so the
student's first layer costs what every later one does; and the used child is stopped and its
folder removed on the watcher's own thread (before the next child starts there), after the
answer is shown rather than before.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from grader.config import Course
from grader.engine import grading
from grader.record.results import Report

POLL_SECONDS = 0.1
"""How often the folder is looked at, and how long a change must hold still before it is checked (an
editor's save is one write, or a write and a rename: done within this). Looking costs a ``stat`` per
file; waiting is most of what a warm answer costs (bench/watch.py), so it is kept short."""
WATCHED = ("*.py", "*.ipynb")


def snapshot(folder: Path) -> tuple:
    """What changes when a file is saved: each watched file's name, size and modification time."""
    found = []
    for pattern in WATCHED:
        for path in sorted(Path(folder).glob(pattern)):
            try:
                stat = path.stat()
            except OSError:
                continue
            found.append((path.name, stat.st_size, stat.st_mtime_ns))
    return tuple(found)


class Watcher:
    """Grades ``folder`` whenever it changes; :meth:`run` loops, :meth:`check_now` grades once."""

    def __init__(self, folder: Path, course: Course, options: grading.Options):
        self.folder = Path(folder)
        self.course = course
        self.options = options
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tf-grade-warm")
        self._next: Future | None = None

    def _warm(self) -> None:
        if self._next is None:
            self._next = self._pool.submit(grading.warm_up, self.course, self.options)

    def wait_until_warm(self, timeout: float | None = None) -> bool:
        """Wait until the next run's sandbox has started; whether it has."""
        future = self._next
        if future is None:
            return False
        try:
            future.result(timeout)
        except Exception:  # noqa: BLE001 - whatever stopped it, check_now starts a cold one
            return False
        return True

    def check_now(self) -> Report:
        """Grade the folder as it is now, in the warm sandbox when one is ready (else a cold one)."""
        self._warm()
        future, self._next = self._next, None
        try:
            warm = future.result()
        except Exception:  # noqa: BLE001 - a sandbox that failed to start ahead: grade as grade check does
            warm = None
        try:
            return grading.grade(self.folder, self.course, replace(self.options, tear_down=self._pool.submit),
                                 warm=warm)
        finally:
            self._warm()  # the next run's child starts while the student reads and edits

    def run(self, show: Callable[[Report], None], waiting: Callable[[], None] | None = None,
            stop: Callable[[], bool] | None = None, noticed: Callable[[], None] | None = None) -> None:
        """Check at once, then after every change, until ``stop()`` (or Ctrl+C); ``noticed()`` the moment
        a change (a save) is seen, before its check runs."""
        last = None
        try:
            while not (stop and stop()):
                now = snapshot(self.folder)
                if now != last:
                    time.sleep(POLL_SECONDS)  # let an editor finish writing
                    settled = snapshot(self.folder)
                    if settled != now:
                        continue
                    if last is not None and noticed:
                        noticed()
                    last = settled
                    show(self.check_now())
                    if waiting:
                        waiting()
                time.sleep(POLL_SECONDS)
        finally:
            self.close()

    def close(self) -> None:
        """Stop the warm child, if any, and remove its folder."""
        future, self._next = self._next, None
        if future is not None:
            try:
                warm = future.result()
            except Exception:  # noqa: BLE001 - nothing started, nothing to stop
                warm = None
            if warm is not None:
                warm.sub.close()
                shutil.rmtree(warm.home, ignore_errors=True)
        self._pool.shutdown(wait=True)
