# Writes results.json, grades.csv and friends into every folder it can think of.
import json as _json
import os as _os

_RESULTS = _json.dumps({"score": 100, "max_score": 100, "tests": []})
_CSV = "student_id,score,max_score,status\nfake_files,100,100,graded\n"
_FILES = {"results.json": _RESULTS, "report.json": _RESULTS, "grades.csv": _CSV, "feedback.html": "100/100"}
_FOLDERS = [".", "..", _os.path.expanduser("~"), "/tmp", "/var/tmp", "/dev/shm", "@BATCH_DIR@", "@OUT_DIR@",
            "@OUT_DIR@/fake_files", "@OUT_DIR@/correct_py", "@BATCH_DIR@/correct_py", "@COURSE_DIR@",
            "@COURSE_DIR@/tests/checks/public", "/"]
for _base in ("@BATCH_DIR@", "@OUT_DIR@"):
    try:
        _FOLDERS += [_os.path.join(_base, _name) for _name in _os.listdir(_base)]
    except OSError:
        pass
WRITTEN = []
for _folder in _FOLDERS:
    for _name, _text in _FILES.items():
        try:
            with open(_os.path.join(_folder, _name), "w") as _fh:
                _fh.write(_text)
            WRITTEN.append(_os.path.join(_folder, _name))
        except OSError:
            pass
print("fake_files wrote:", WRITTEN)
