"""Running submission code: only ever in a child process, answered as plain data.

- ``child``: the server inside the child process (the only place submission code runs)
- ``describe``: inside the child, turns returned objects into plain data
- ``confine``: inside the child, applies the limits that must be set from within
- ``protocol``: the message format both sides share (JSON lines and ``.npy`` files, no pickle)
- ``process``: the grader's side: start the child with its limits, watch it, kill it and all it spawned
- ``submission``: the ``sub`` object checks talk to
- ``values``: the grader's typed view of what a call returned
"""
