"""The child process: the only place submission code ever runs.

Started by :mod:`grader.sandbox.host.process` as ``python -I -m grader.sandbox.child
SETTINGS_JSON``. It moves the protocol off stdin/stdout (so a submission's
``print`` and ``input`` cannot touch it), confines itself, imports TensorFlow
once, and then answers one request at a time: import a module, call a
function, hand over a model's weights. Every answer is plain data (see
:mod:`grader.sandbox.child.describe`); the grader decides.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import time
import traceback


def _move_protocol_off_stdio() -> tuple:
    """Keep private copies of stdin/stdout for the protocol; point fd 0 at nothing, fd 1 at stderr."""
    proto_in = os.fdopen(os.dup(0), "rb", buffering=0)
    proto_out = os.fdopen(os.dup(1), "wb", buffering=0)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    sys.stdin = open(os.devnull, encoding="utf-8")
    sys.stdout = os.fdopen(1, "w", buffering=1, encoding="utf-8", errors="replace", closefd=False)
    return proto_in, proto_out


def _end_with_the_grader(requests) -> None:
    """End this child the moment the grader's end of the request pipe closes, whatever the child is doing
    (importing TensorFlow, in the middle of a submission's call): the grader is gone, however it went. Not
    left to a parent-death signal alone: bubblewrap sets its own only once the sandbox stands, so a grader
    that dies while one is being built leaves the child running until its next read of the pipe."""
    import select
    import threading

    if not hasattr(select, "poll"):
        return  # Windows (no poll on pipes): the child ends at its next read of the closed pipe
    poller = select.poll()
    poller.register(requests.fileno(), 0)  # hang-up and errors only: the requests stay for the main loop

    def watch() -> None:
        poller.poll()  # returns only on hang-up or an error (Python retries it when a signal interrupts)
        os._exit(70)

    threading.Thread(target=watch, name="grader-lifeline", daemon=True).start()


def main() -> None:
    settings = json.loads(sys.argv[1])
    proto_in, proto_out = _move_protocol_off_stdio()
    _end_with_the_grader(proto_in)

    if os.environ.pop("GRADE_JAIL", None) == "1":
        isolation = _jailed(settings)
    else:
        from grader.sandbox.child.confine import confine

        isolation = confine(settings["keep"], settings.get("hide", []), settings.get("reveal", []))
    if _cap_tasks(settings.get("tasks", 0)):
        isolation["process_count_cap"] = True
    os.chdir(settings["workdir"])
    isolation["network_blocked"] = _network_blocked()
    isolation["pid_namespace"] = os.getpid() == 1 or (isolation.get("only_own_files", False) and os.getpid() == 2)

    started = time.perf_counter()
    import warnings

    warnings.simplefilter("ignore")
    # TensorFlow's start-up lines (C++, straight to fd 2) are not the submission's output: mute them.
    captured = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    try:
        _import_tensorflow()
        import tensorflow as tf

        from grader.sandbox.child import describe as desc

        if settings.get("warm_keras"):
            try:
                desc.warm_keras()
            except Exception:  # only a head start: without it the first layer is slower, nothing else
                pass

        gpus = [d.name for d in tf.config.list_physical_devices("GPU")]
        for gpu in tf.config.list_physical_devices("GPU"):
            try:
                tf.config.experimental.set_memory_growth(gpu, True)
            except Exception:
                pass
    finally:
        os.dup2(captured, 2)
        os.close(captured)
    from grader.sandbox.protocol import Channel, dumps, loads

    server = Server(settings, Channel(settings["io"], "c"), desc)
    sys.path.insert(0, settings["workdir"])
    proto_out.write(dumps({"ready": True, "gpus": gpus, "isolation": isolation,
                           "import_seconds": time.perf_counter() - started}))
    while True:
        line = proto_in.readline()
        if not line:
            break
        request = loads(line)
        if request.get("op") == "exit":
            break
        proto_out.write(dumps(server.handle(request)))
    os._exit(0)


def _import_tensorflow() -> None:
    """TensorFlow, imported once before any submission code, without the matplotlib that keras' image
    gallery imports on the way (a tenth of the import, for a plotting helper no check calls); the block
    goes with the import, so a submission that imports matplotlib gets it as usual."""
    blocked = "matplotlib" not in sys.modules
    if blocked:
        sys.modules["matplotlib"] = None  # an ImportError inside keras, which it expects (plt = None)
    try:
        import tensorflow  # noqa: F401
    finally:
        if blocked and sys.modules.get("matplotlib", 0) is None:
            del sys.modules["matplotlib"]


def _jailed(settings: dict) -> dict:
    """Inside bubblewrap's view (see :mod:`grader.sandbox.host.jail`): leave root behind when the grader
    is root, and copy the grader's sources into the private working folder."""
    import shutil

    from grader.sandbox.child.confine import drop_to_unprivileged_user

    dropped = drop_to_unprivileged_user()
    src, work = settings.get("src"), settings["workdir"]
    if src and os.path.isdir(src):
        for name in os.listdir(src):
            if name.endswith(".py"):
                shutil.copyfile(os.path.join(src, name), os.path.join(work, name), follow_symlinks=False)
    return {"read_only_files": True, "hidden_paths": True, "only_own_files": True,
            "capabilities_dropped": _no_capabilities(), "unprivileged_user": dropped or os.getuid() != 0}


def _no_capabilities() -> bool:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("CapEff:"):
                    return int(line.split()[1], 16) == 0
    except (OSError, ValueError):
        pass
    return False


def _cap_tasks(tasks: int) -> bool:
    """``RLIMIT_NPROC`` for processes and threads when no cgroup counts them (in the child's own user
    namespace it counts only the sandbox's tasks)."""
    if not tasks:
        return False
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_NPROC, (tasks, tasks))
        return True
    except (ImportError, ValueError, OSError):
        return False


def _network_blocked() -> bool:
    """True when no interface but loopback exists (a fresh network namespace)."""
    try:
        import socket

        return all(name == "lo" for _, name in socket.if_nameindex())
    except (OSError, AttributeError):
        return False


class Server:
    """Answers the grader's requests; keeps returned objects by reference for later calls."""

    def __init__(self, settings: dict, channel, desc, *, import_module=None, load_dataset=None,
                 locate_error=None):
        """The optional hooks serve a host other than this process's own files (the nbgrader kernel):
        ``import_module(name)`` gives the module, ``load_dataset()`` the splits as a dict of arrays,
        ``locate_error(exc)`` a better ``where`` for a failure (or None)."""
        self.settings = settings
        self.channel = channel
        self.desc = desc
        self.objects: dict[int, object] = {}
        self.modules: dict[str, object] = {}
        self.dataset = None
        self.import_module = import_module
        self.load_dataset = load_dataset
        self.locate_error = locate_error

    def forget(self) -> None:
        """Drop every object kept by reference."""
        self.objects.clear()

    def handle(self, request: dict) -> dict:
        rid = request.get("id")
        started = time.perf_counter()
        try:
            op = request["op"]
            if op == "import":
                self._import(request["module"])
                body = {"value": {"kind": "None"}}
            elif op == "call":
                body = self._call(request)
            elif op == "weights":
                body = {"weights": self.desc.model_weights(self.objects[request["ref"]], self.channel)}
            elif op == "compile":
                self._compile(self.objects[request["ref"]], request.get("settings") or {})
                body = {"value": {"kind": "None"}}
            else:
                raise ValueError(f"unknown op {op!r}")
            body["ok"] = True
        except BaseException as exc:  # noqa: BLE001 - a submission may raise SystemExit or anything
            body = {"ok": False, "error": self._error(exc)}
        body["id"] = rid
        body["seconds"] = time.perf_counter() - started
        return body

    def _import(self, name: str):
        if self.import_module is not None:
            return self.import_module(name)
        if name not in self.modules:
            path = os.path.join(self.settings["workdir"], f"{name}.py")
            src = self.settings.get("src")
            if src and not os.path.exists(path) and os.path.isfile(os.path.join(src, f"{name}.py")):
                # A child started ahead of its files (grade check --watch): copy the module in now,
                # as _jailed copies what was there at the start.
                import shutil

                shutil.copyfile(os.path.join(src, f"{name}.py"), path, follow_symlinks=False)
            if not os.path.isfile(path):
                raise ModuleNotFoundError(f"{name}.py not found")
            self.modules[name] = importlib.import_module(name)
        return self.modules[name]

    @staticmethod
    def _compile(model, settings: dict) -> None:
        """Compile a model the submission returned with the grader's ``settings`` (keras' names of an
        optimizer, a loss and metrics, as text: protocol.compile_settings)."""
        import keras

        if not isinstance(model, keras.Model):
            raise TypeError(f"not a keras model: {type(model).__name__}")
        names = [settings.get("optimizer"), settings.get("loss"), *(settings.get("metrics") or [])]
        if not all(isinstance(name, str) for name in names):
            raise TypeError("compile settings must be keras' names, as text")
        model.compile(optimizer=settings["optimizer"], loss=settings["loss"], metrics=list(settings.get("metrics") or []))

    def _call(self, request: dict) -> dict:
        import keras

        from grader.sandbox.child.confine import set_cpu_allowance

        module, _, name = request["function"].partition(".")
        func = getattr(self._import(module), name, None)
        if func is None or not callable(func):
            raise AttributeError(f"{module}.py has no function {name}()")
        args = [self._arg(a) for a in request.get("args", [])]
        kwargs = {k: self._arg(v) for k, v in request.get("kwargs", {}).items()}
        keras.utils.set_random_seed(int(self.settings.get("seed", 0)))
        set_cpu_allowance(float(request.get("cpu_seconds", 600)))
        result = func(*args, **kwargs)
        ref = id(result)
        self.objects[ref] = result
        body = {"value": self.desc.describe(result, self.channel), "ref": ref,
                "same_as_arg": [result is a for a in args], "function": self.desc.describe_function(func)}
        if request.get("inspect_args"):
            body["args_after"] = [self.desc.describe(a, self.channel) for a in args]
        return body

    def _arg(self, arg):
        if isinstance(arg, list):
            return [self._arg(a) for a in arg]
        if not isinstance(arg, dict) or "$" not in arg:
            return arg
        import tensorflow as tf

        kind = arg["$"]
        if kind == "ndarray":
            return self.channel.get(arg["file"])
        if kind in ("tensor", "variable"):
            array = self.channel.get(arg["file"])
            make = tf.Variable if kind == "variable" else tf.constant
            return make(array, dtype=tf.as_dtype(arg["dtype"]))
        if kind == "dtype":
            return tf.as_dtype(arg["name"])
        if kind == "ref":
            return self.objects[arg["id"]]
        if kind == "tuple":
            return tuple(self._arg(a) for a in arg["items"])
        if kind == "dataset":
            return self._dataset(arg)
        raise ValueError(f"unknown argument marker {kind!r}")

    def _dataset(self, arg: dict):
        """A split of the grader's data set (``x_train``, ``y_test``, ...), read once per child."""
        import numpy as np

        if self.dataset is None and self.load_dataset is not None:
            self.dataset = self.load_dataset()
        if self.dataset is None:
            with np.load(self.settings["data"], allow_pickle=False) as data:
                self.dataset = {k: data[k] for k in data.files}
        values = self.dataset[arg["split"]]
        if arg.get("limit"):
            values = values[: int(arg["limit"])]
        if arg.get("divide"):
            values = values.astype("float32") / float(arg["divide"])
        if arg.get("channel"):
            values = values[..., None]
        return values

    def _error(self, exc: BaseException) -> dict:
        try:
            message = str(exc)[:800]
        except BaseException:
            message = "<message could not be shown>"
        workdir = self.settings["workdir"]
        where = None
        try:
            for frame in traceback.extract_tb(exc.__traceback__):
                if frame.filename.startswith(workdir):
                    where = {"file": os.path.basename(frame.filename), "line": frame.lineno,
                             "code": (frame.line or "")[:200]}
            if isinstance(exc, SyntaxError) and str(exc.filename or "").startswith(workdir):
                # The compiler's own position: the line it stopped at and the column (1-based).
                where = {"file": os.path.basename(exc.filename), "line": exc.lineno or 0,
                         "column": exc.offset or 0, "code": (exc.text or "").rstrip("\n")[:200]}
                message = str(exc.msg)[:800]
        except BaseException:
            pass
        if self.locate_error is not None:
            where = self.locate_error(exc) or where
        return {"type": type(exc).__name__[:100], "message": message, "where": where}


if __name__ == "__main__":
    main()
