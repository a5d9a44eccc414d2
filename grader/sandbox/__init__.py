"""Running submission code: only ever in a child process, answered as plain data.

The trust boundary is the folder layout:

- ``child/``: runs in the untrusted process (the server, its confinement, describing results)
- ``host/``: the grader's side (start, limit, talk to and kill the child; the ``sub`` object;
  the typed view of returned values; the one allow-listed keras decoder)
- ``protocol``: the message format both sides share (JSON lines and ``.npy`` files, no pickle)

``child`` never imports ``host``; outside this package nothing imports ``child``'s modules
(``tests/kit/test_layers.py`` checks both).
"""
