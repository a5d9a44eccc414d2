# 200 MB of output before anything else.
import sys as _sys

_chunk = "flood " * (1024 * 1024 // 6) + "\n"
for _ in range(200):
    _sys.stdout.write(_chunk)
_sys.stdout.flush()
