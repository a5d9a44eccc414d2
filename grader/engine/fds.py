"""One way to point the process's own file descriptors elsewhere for a while.

TensorFlow's C++ code writes straight to file descriptor 2, past ``sys.stderr``;
holding such output back means redirecting the descriptor itself and putting
it back afterwards. (The sandbox child, which imports nothing from the grader,
keeps its own copy of this in :mod:`grader.sandbox.child.server`.)
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def redirected(fds: tuple[int, ...], target: int | None = None) -> Iterator[None]:
    """Point each of ``fds`` at ``target`` (an open descriptor; ``None``: the null device) while the
    block runs, then restore them. A descriptor that cannot be redirected is left as it is."""
    null = os.open(os.devnull, os.O_WRONLY) if target is None else None
    saved = []
    try:
        for fd in fds:
            try:
                copy = os.dup(fd)
            except OSError:
                continue
            try:
                os.dup2(null if target is None else target, fd)
            except OSError:
                os.close(copy)
                continue
            saved.append((fd, copy))
        yield
    finally:
        for fd, copy in saved:
            os.dup2(copy, fd)
            os.close(copy)
        if null is not None:
            os.close(null)
