"""A fresh Python that has never seen the kit: a venv with this environment's packages, tf-grade left out.

For trying the student's route as a new student meets it (``tools/try_jupyterlab.py``) and for the test that
runs a released notebook from the released zip (``tests/kit/content/test_released_notebook.py``): the
install cell then installs the kit offline, from the zip, into a Python that already has TensorFlow.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system
        shutil.copy2(source, target)


def fresh_python(venv: Path) -> Path:
    """A venv at ``venv`` with this environment's installed packages (hard links) but not tf-grade (neither
    its files nor an editable install's path); its ``python``."""
    python = Path(sys.base_prefix) / "bin" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    subprocess.run([str(python), "-m", "venv", str(venv)], check=True, timeout=300)
    target = next((venv / "lib").glob("python*/site-packages"))
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        name = entry.name.lower()
        if "tf_grade" in name or "tf-grade" in name or "__editable__" in name or name in ("grader", "pip") \
                or name.startswith("pip-") or (target / entry.name).exists():
            continue
        if entry.suffix == ".pth" and entry.read_text(errors="replace").strip().startswith("/"):
            continue  # the path .pth of an editable install (this repository)
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, target / entry.name, symlinks=True, copy_function=_link)
        else:
            _link(str(entry), str(target / entry.name))
    return venv / "bin" / "python"
