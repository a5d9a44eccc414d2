"""What runs inside the untrusted child process, and nothing else.

- ``server``: the process's entry point and request handler (``python -I -m grader.sandbox.child``)
- ``confine``: the limits that must be set from within the child
- ``describe``: turns returned objects into plain data for the grader

Code here never imports the grader's side (:mod:`grader.sandbox.host`): it only
speaks :mod:`grader.sandbox.protocol`. Outside :mod:`grader.sandbox` the one
public entry is :func:`in_process_server`, for the nbgrader kernel, which answers
requests in the student's own kernel with the very same handler.
"""

from __future__ import annotations


def in_process_server(settings: dict, channel, *, import_module, load_dataset, locate_error):
    """The child's request handler, serving this process (``handle(request)``, ``forget()``).

    ``import_module(name)`` gives the module a call names, ``load_dataset()`` the data
    splits (a dict of arrays), ``locate_error(exc)`` where a failure happened (or None).
    """
    from grader.sandbox.child import describe
    from grader.sandbox.child.server import Server

    return Server(settings, channel, describe, import_module=import_module,
                  load_dataset=load_dataset, locate_error=locate_error)
