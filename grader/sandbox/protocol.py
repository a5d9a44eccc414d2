"""The message format between the grader and the child: JSON lines plus ``.npy`` files.

Nothing is ever pickled: arrays travel as ``.npy`` files read with
``allow_pickle=False``, everything else as JSON. Both sides import this module;
it holds no logic that decides a grade.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import numpy as np

SAFE_NAME = re.compile(r"^[a-z0-9_\-]{1,64}\.npy$")
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
SAFE_OPEN = bool(NOFOLLOW) and hasattr(os, "O_DIRECTORY") and os.open in os.supports_dir_fd
"""POSIX: opens relative to the folder, never through a link. Elsewhere: the checks below only."""


class Channel:
    """A folder both sides share for arrays, with a counter for fresh file names.

    The child can change anything inside the folder (and the folder itself), so
    every open here refuses to follow a symbolic link, on the folder as on the
    file: a link planted by a submission can never make the grader write or read
    anywhere else. Reading also refuses anything but a regular file (a FIFO
    would block the grader).
    """

    def __init__(self, folder: Path, prefix: str):
        self.folder = Path(folder)
        self.prefix = prefix
        self.count = 0

    def put(self, array: np.ndarray) -> str:
        """Write an array; return the name the other side reads it by."""
        self.count += 1
        name = f"{self.prefix}{self.count}.npy"
        if not SAFE_OPEN:
            np.save(self.folder / name, np.asarray(array), allow_pickle=False)
            return name
        folder = self._open_folder()
        try:
            try:
                os.unlink(name, dir_fd=folder)
            except FileNotFoundError:
                pass
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, 0o644, dir_fd=folder)
        finally:
            os.close(folder)
        with os.fdopen(fd, "wb") as handle:
            np.save(handle, np.asarray(array), allow_pickle=False)
        return name

    def get(self, name: str, max_bytes: int | None = None) -> np.ndarray:
        """Read an array the other side wrote; refuse odd names, links, pickles and oversized files."""
        if not isinstance(name, str) or not SAFE_NAME.match(name):
            raise ValueError(f"bad array name {name!r}")
        if not SAFE_OPEN:
            path = self.folder / name
            if path.is_symlink() or not path.is_file():
                raise ValueError(f"array {name} is missing")
            if max_bytes is not None and path.stat().st_size > max_bytes:
                raise ValueError(f"array {name} is larger than {max_bytes} bytes")
            return np.load(path, allow_pickle=False)
        try:
            folder = self._open_folder()
            try:
                fd = os.open(name, os.O_RDONLY | NOFOLLOW | os.O_NONBLOCK, dir_fd=folder)
            finally:
                os.close(folder)
        except OSError:
            raise ValueError(f"array {name} is missing") from None
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise ValueError(f"array {name} is missing")
            if max_bytes is not None and info.st_size > max_bytes:
                raise ValueError(f"array {name} is larger than {max_bytes} bytes")
            os.set_blocking(fd, True)
            return np.load(handle, allow_pickle=False)

    def discard(self, names: list[str]) -> None:
        """Remove files the other side wrote once they have been read (never following a link)."""
        for name in names:
            if not SAFE_NAME.match(name):
                continue
            try:
                if SAFE_OPEN:
                    folder = self._open_folder()
                    try:
                        os.unlink(name, dir_fd=folder)
                    finally:
                        os.close(folder)
                else:
                    (self.folder / name).unlink()
            except OSError:
                pass

    def _open_folder(self) -> int:
        return os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY | NOFOLLOW)


def dumps(message: dict) -> bytes:
    return (json.dumps(message, allow_nan=True, separators=(",", ":")) + "\n").encode()


def loads(line: bytes) -> dict:
    message = json.loads(line)
    if not isinstance(message, dict):
        raise ValueError("message is not an object")
    return message


# Argument markers: how the grader asks the child to build values it cannot send as JSON.
def arg_array(channel: Channel, array) -> dict:
    return {"$": "ndarray", "file": channel.put(array)}


def arg_tensor(channel: Channel, array, dtype: str | None = None, variable: bool = False) -> dict:
    array = np.asarray(array)
    return {"$": "variable" if variable else "tensor", "file": channel.put(array),
            "dtype": dtype or str(array.dtype)}


def arg_dtype(name: str) -> dict:
    return {"$": "dtype", "name": name}


def arg_ref(ref: int) -> dict:
    return {"$": "ref", "id": ref}


def arg_dataset(split: str, limit: int = 0, divide: float = 0.0, channel: bool = False) -> dict:
    """``split`` is x_train, y_train, x_test or y_test of the grader's data set, its first ``limit`` rows
    (0: all); ``divide``: float32 values divided by it (0: as stored); ``channel``: a last axis of 1 added."""
    return {"$": "dataset", "split": split, "limit": limit, "divide": divide, "channel": channel}


def compile_settings(optimizer: str, loss: str, metrics: list[str]) -> dict:
    """What the ``compile`` operation compiles a returned keras model with: keras' own names, as text."""
    return {"optimizer": str(optimizer), "loss": str(loss), "metrics": [str(m) for m in metrics]}


def arg_tuple(items: list) -> dict:
    return {"$": "tuple", "items": items}
