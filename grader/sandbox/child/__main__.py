"""``python -I -m grader.sandbox.child SETTINGS_JSON``: the untrusted child process."""

from grader.sandbox.child.server import main

main()
