"""The grader's side of the sandbox: what runs in the trusted process.

- ``process``: start the child with its limits, watch it, kill it and all it spawned
- ``submission``: the ``sub`` object checks talk to
- ``jail``: the child's view of the machine (bubblewrap); ``cgroup``: its memory and task caps
- ``values``: the grader's typed view of what a call returned, and ``rebuild``, the one
  allow-listed way to turn the child's data back into keras objects
"""
