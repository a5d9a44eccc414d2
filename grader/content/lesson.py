"""The runnable lesson around each exercise in a notebook: install the kit, try the function, check it.

:func:`grader.content.notebooks.module_to_notebook` (``lesson=True``) adds

* a first code cell that installs the kit the way the instructor distributes it (a zip of
  ``grade release``'s folder, or a wheel, by path or URL; ``KIT_SOURCE``) and imports
  :func:`grader.notebook.check`;
* after each function, a cell that tries it and shows the result (:data:`TRIES`: a tensor's
  dtype and shape, a layer's output shape and parameters, ``model.summary()``, a short
  training run), and a cell ``check("module.function")`` that grades the function as the
  running notebook defines it, through the same isolated engine as ``grade check``.

These cells are lesson, not answer: each starts with a marker line (:data:`MARKERS`) and
carries ``{"tf_grade": {"lesson": ...}}``, and :func:`~grader.content.notebooks.notebook_to_source`
leaves them out of what is graded (by either sign, in case a notebook tool drops metadata).
"""

from __future__ import annotations

from grader.catalog.content import CONTENT
from grader.catalog.report import REPORT
from grader.engine.notebooks import LESSON_MARKERS

KIT_SOURCE = "tf-grade-kit.zip"
"""What the first cell installs by default (``course.toml``'s ``[notebook] kit`` says otherwise)."""

MARKERS = LESSON_MARKERS
"""The first line of each lesson cell: what :func:`grader.engine.notebooks.notebook_to_source` skips."""

INSTALL = '''{marker}
# ''' + CONTENT["install"].both() + '''
# ''' + CONTENT["install-where"].ko + '''
# ''' + CONTENT["install-where"].en + '''
KIT = {kit!r}
import importlib, importlib.util, os, pathlib, subprocess, sys
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # TensorFlow's start-up log (a missing GPU) stays out of the cells
if importlib.util.find_spec("grader") is None:
    source = pathlib.Path(KIT)
    if KIT.startswith(("http://", "https://")):
        import urllib.request
        source = pathlib.Path(urllib.request.urlretrieve(KIT, pathlib.Path(KIT.split("?")[0]).name)[0])
    elif not source.exists():  # the notebook opened inside the unzipped kit: the kit's own wheel above it
        here = pathlib.Path.cwd().resolve()
        wheels = [w for folder in (here, *here.parents) for w in sorted(folder.glob("dist/tf_grade-*.whl"))]
        if not wheels:
            raise FileNotFoundError({missing!r})
        source = wheels[0]
    if source.suffix == ".zip":
        import zipfile
        zipfile.ZipFile(source).extractall("tf-grade-kit")
        source = next(pathlib.Path("tf-grade-kit").rglob("tf_grade-*.whl"))
    # an explicit path, never a bare name: pip reads a bare name as a package on the index
    print({pip!r}, flush=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", str(source.resolve())], check=True)
    importlib.invalidate_caches()
for toml in sorted(pathlib.Path("tf-grade-kit").rglob("course.toml"))[:1]:
    os.environ.setdefault("GRADE_COURSE", str(toml.parent.resolve()))
{quiet}from grader.notebook import check
print({ready!r})'''

QUIET_TENSORFLOW = '''if "tensorflow" not in sys.modules:
    print({tensorflow!r}, flush=True)
    # TensorFlow writes its start-up log (oneDNN, no GPU) before its log level applies: here, to nowhere,
    # not as a red block under the next cell; an error importing it still shows as usual
    _stderr = os.dup(2)
    try:
        with open(os.devnull, "w") as _nowhere:
            os.dup2(_nowhere.fileno(), 2)
            import tensorflow
    finally:
        os.dup2(_stderr, 2)
        os.close(_stderr)
'''
"""The install cell's import of TensorFlow, in notebooks whose code imports it."""

GUARD = '''{marker}
try:
{body}
except NotImplementedError as error:
    print("''' + CONTENT["not-implemented"].both() + ''':", error)'''

TRIES: dict[str, dict[str, str]] = {
    "tensors": {
        "make_variable": 'v = make_variable([[1, 2], [3, 4]], dtype=tf.float32)\nprint(type(v).__name__, v.dtype, v.shape)',
        "assign_value": 'v = tf.Variable([1, 2, 3])\nsame = assign_value(v, [7, 8, 9])\nprint(same is v, v.numpy())',
        "make_constant": 'c = make_constant(2.5, tf.float64)\nprint(type(c).__name__, c.dtype, c.numpy())',
        "numpy_to_tensor": 'import numpy as np\nt = numpy_to_tensor(np.arange(6.0).reshape(2, 3))\nprint(t.dtype, t.shape)',
        "list_to_tensor": 't = list_to_tensor([[1, 2], [3, 4]])\nprint(t.dtype, t.shape)',
        "tensor_to_numpy": 'a = tensor_to_numpy(tf.ones((2, 2)))\nprint(type(a).__name__, a.dtype, a.shape)',
        "add": 'print(add(tf.constant([1, 2]), tf.constant([10, 20])).numpy())',
        "matmul": 'print(matmul(tf.constant([[1, 2], [3, 4]]), tf.constant([[1, 0], [0, 1]])).numpy())',
        "zeros": 'z = zeros(2, 3)\nprint(z.dtype, z.shape)',
        "ones": 'o = ones(2, 3)\nprint(o.dtype, o.shape)',
        "fill": 'print(fill(2, 2, 7).numpy())',
        "tensor_info": 'print(tensor_info(tf.zeros((2, 3))))',
        "is_eager": 'print(is_eager())',
        "multiply": 'print(multiply(tf.constant([[1, 2], [3, 4]]), tf.constant([[5, 6], [7, 8]])).numpy())',
        "apply_activation": ('x = tf.constant([[-2.0, 0.0, 3.0], [1.0, 2.0, 3.0]])\n'
                             'print(apply_activation(x, "relu").numpy())\n'
                             'print(tf.reduce_sum(apply_activation(x, "softmax"), axis=-1).numpy())'),
        "gradient": 'print(gradient(2.0).numpy(), gradient([1.0, -2.0]).numpy())',
        "graph_sum_of_squares": 'print(graph_sum_of_squares(tf.constant([1.0, 2.0, 3.0])).numpy())',
    },
    "cnn": {
        "prepare_images": 'x = prepare_images(np.zeros((2, 28, 28), dtype=np.uint8))\nprint(x.dtype, x.shape, x.min(), x.max())',
        "load_data": '(x_train, y_train), (x_test, y_test) = load_data()\nprint(x_train.shape, y_train.shape, x_test.shape, y_test.shape)',
        "first_conv": 'layer = first_conv()\nprint(layer.compute_output_shape((None, 28, 28, 1)), layer.count_params())',
        "pooling": 'print(pooling().compute_output_shape((None, 28, 28, 32)))',
        "second_conv": 'layer = second_conv()\nlayer.build((None, 14, 14, 32))\nprint(layer.compute_output_shape((None, 14, 14, 32)), layer.count_params())',
        "dropout": 'print(dropout(0.25).rate)',
        "flatten": 'print(flatten().compute_output_shape((None, 7, 7, 64)))',
        "hidden_dense": 'layer = hidden_dense()\nlayer.build((None, 3136))\nprint(layer.count_params())',
        "output_dense": 'layer = output_dense()\nlayer.build((None, 1000))\nprint(layer.count_params())',
        "build_model": ('model = build_model()\nmodel.summary()\n'
                        f'print("{CONTENT["lecture-model"].both()}:")\n'
                        'for layer, shape, params in LECTURE_SUMMARY:\n'
                        '    print(f"{layer:<14}{shape:<22}{params:>12,}")\n'
                        'print(f"{' + repr(CONTENT["total"].both()) + ':<36}{sum(p for *_, p in LECTURE_SUMMARY):>12,}")'),
        "compile_model": 'model = compile_model(build_model())\nprint(model.loss, model.optimizer.__class__.__name__)',
        "train_model": ('(x_train, y_train), _ = load_data()\n'
                        'history = train_model(compile_model(build_model()), x_train[:512], y_train[:512], '
                        'epochs=2, batch_size=128)\n'
                        'print({key: [round(v, 3) for v in values] for key, values in history.history.items()})\n'
                        'import matplotlib.pyplot as plt\n'
                        'import koreanize_matplotlib  # noqa: F401  (Korean labels)\n'
                        f'plt.plot(history.history["loss"], marker="o", label="{REPORT["history-loss"].both()}")\n'
                        f'plt.plot(history.history["accuracy"], marker="o", label="{REPORT["history-accuracy"].both()}")\n'
                        f'plt.xlabel("{REPORT["axis-epoch"].both()}")\nplt.legend()\nplt.show()'),
        "evaluate_model": ('(x_train, y_train), (x_test, y_test) = load_data()\n'
                           'model = compile_model(build_model())\n'
                           'train_model(model, x_train[:512], y_train[:512], epochs=1)\n'
                           'print(evaluate_model(model, x_test[:256], y_test[:256]))'),
    },
    "concepts": {
        "conv_output_size": 'print(conv_output_size(28, 5), conv_output_size(28, 5, padding="valid"), conv_output_size(28, 2, 2))',
        "conv_params": 'print(conv_params(5, 5, 1, 32))',
        "dense_params": 'print(dense_params(3136, 1000))',
        "flatten_size": 'print(flatten_size(7, 7, 64))',
        "lecture_model_params": 'print(lecture_model_params())',
        "best_network": 'print(best_network("image classification"), best_network("image processing"), best_network("natural language"))',
        "model_size_mb": 'print(round(model_size_mb(3156098), 2))',
        "recurrent_network": 'print(recurrent_network())',
        "gan_networks": 'print(gan_networks())',
    },
}
"""What the cell after each exercise runs to show its result (cheap: no full training)."""

LECTURE_SUMMARY = [("Conv2D", "(None, 28, 28, 32)", 832), ("MaxPooling2D", "(None, 14, 14, 32)", 0),
                   ("Conv2D", "(None, 14, 14, 64)", 8256), ("MaxPooling2D", "(None, 7, 7, 64)", 0),
                   ("Dropout", "(None, 7, 7, 64)", 0), ("Flatten", "(None, 3136)", 0),
                   ("Dense", "(None, 1000)", 3137000), ("Dropout", "(None, 1000)", 0),
                   ("Dense", "(None, 10)", 10010)]
"""The lecture's model summary (SPEC.md), printed under the student's in the build_model try cell."""


def install_cell(kit: str = KIT_SOURCE, tensorflow: bool = False) -> str:
    """The first cell: install ``kit`` where it is not installed yet; with ``tensorflow`` (the notebook's
    code imports it), import TensorFlow with its start-up log sent nowhere."""
    missing = CONTENT["install-missing"].format(kit=kit)
    quiet = QUIET_TENSORFLOW.format(tensorflow=CONTENT["install-tensorflow"].both()) if tensorflow else ""
    return INSTALL.format(marker=MARKERS["setup"], kit=kit, missing=f"{missing.ko}\n{missing.en}", quiet=quiet,
                          pip=CONTENT["install-pip"].both(), ready=CONTENT["install-ready"].both())


def try_cell(module: str, function: str) -> str | None:
    body = TRIES.get(module, {}).get(function)
    if body is None:
        return None
    if "LECTURE_SUMMARY" in body:
        rows = "".join(f"    {row!r},\n" for row in LECTURE_SUMMARY)
        body = f"LECTURE_SUMMARY = [\n{rows}]\n{body}"
    indented = "\n".join(f"    {line}" for line in body.splitlines())
    return GUARD.format(marker=MARKERS["try"], body=indented)


def check_cell(module: str, function: str) -> str:
    return f'{MARKERS["check"]}\ncheck("{module}.{function}")'
