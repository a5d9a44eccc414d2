"""The message format between the grader and the child: JSON lines plus ``.npy`` files.

Nothing is ever pickled: arrays travel as ``.npy`` files read with
``allow_pickle=False``, everything else as JSON. Both sides import this module;
it holds no logic that decides a grade.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

SAFE_NAME = re.compile(r"^[a-z0-9_\-]{1,64}\.npy$")


class Channel:
    """A folder both sides share for arrays, with a counter for fresh file names."""

    def __init__(self, folder: Path, prefix: str):
        self.folder = Path(folder)
        self.prefix = prefix
        self.count = 0

    def put(self, array: np.ndarray) -> str:
        """Write an array; return the name the other side reads it by."""
        self.count += 1
        name = f"{self.prefix}{self.count}.npy"
        np.save(self.folder / name, np.asarray(array), allow_pickle=False)
        return name

    def get(self, name: str, max_bytes: int | None = None) -> np.ndarray:
        """Read an array the other side wrote; refuse odd names, pickles and oversized files."""
        if not isinstance(name, str) or not SAFE_NAME.match(name):
            raise ValueError(f"bad array name {name!r}")
        path = self.folder / name
        if path.is_symlink() or not path.is_file():
            raise ValueError(f"array {name} is missing")
        if max_bytes is not None and path.stat().st_size > max_bytes:
            raise ValueError(f"array {name} is larger than {max_bytes} bytes")
        return np.load(path, allow_pickle=False)


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


def arg_dataset(split: str, limit: int = 0, prepared: bool = True) -> dict:
    """``split`` is x_train, y_train, x_test or y_test of the grader's data set."""
    return {"$": "dataset", "split": split, "limit": limit, "prepared": prepared}


def arg_tuple(items: list) -> dict:
    return {"$": "tuple", "items": items}
