# Background processes: a child, a double-forked daemon in its own session, a python loop.
import os as _os
import subprocess as _subprocess

_subprocess.Popen(["sleep", "7777.@MARK@"])
if _os.fork() == 0:
    _os.setsid()
    if _os.fork() == 0:
        try:
            _os.execvp("sleep", ["sleep", "7778.@MARK@"])
        finally:
            _os._exit(0)
    _os._exit(0)
_subprocess.Popen(["python3", "-c", "import time\nwhile True: time.sleep(1)  # @MARK@"], start_new_session=True)
