"""Screenshots of feedback.html in a real browser, for docs/screenshots/.

Two submissions: the lecture's solution (correct work) and its most common
mistake, ``padding="valid"`` in the first convolution. Both models really
train on the kit's MNIST data (3 epochs on 4,000 digits, about a minute on a
laptop CPU), so the pictures, model summaries and accuracy are real; the
check verdicts are written here the way the cnn checks report them. Each
report is rendered in Korean and English and photographed with headless
Chromium (Debian package ``chromium``), plus the mistake at phone width.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--html-dir DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader.messages import Text, plain
from grader.report.html import write_html
from grader.results import FAILED, PASSED, CheckResult, Feedback, Report

EPOCHS = 3
TRAIN_SAMPLES = 4000
BATCH_SIZE = 128
MISCLASSIFIED = 15
DESKTOP = (1000, 7000)
PHONE = (390, 12000)
PALETTE_COLOURS = 160
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--force-device-scale-factor=1")

PUBLIC_POINTS = {
    "tensors.make_variable: returns a tf.Variable": 5,
    "tensors.matmul: multiplies matrices": 5,
    "cnn.first_conv: output shape and parameters": 10,
    "cnn.build_model: layers, shapes and parameters": 20,
    "cnn.evaluate_model: test accuracy above the threshold": 30,
    "concepts.conv_output_size: same and valid padding": 10,
}
HIDDEN_POINTS = {
    "concepts.conv_output_size: odd sizes and strides": 10,
    "tensors.matmul: batched shapes": 10,
}


# ------------------------------------------------------------------ the two submissions


def load_solution():
    """The lecture's cnn.py, imported from solutions/ under its own name."""
    spec = importlib.util.spec_from_file_location("screenshot_cnn", ROOT / "solutions" / "cnn.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def with_valid_padding(cnn):
    """The typical mistake: the first convolution written with ``padding="valid"``."""
    from keras import layers

    def first_conv(input_shape=cnn.INPUT_SHAPE):
        conv = layers.Conv2D(32, kernel_size=(5, 5), strides=(1, 1), padding="valid", activation="relu")
        conv.build((None, *input_shape))
        return conv

    cnn.first_conv = first_conv
    return cnn


def summary_rows(model) -> list[dict]:
    return [{"layer": type(layer).__name__, "output_shape": str(tuple(layer.output.shape)),
             "params": int(layer.count_params())} for layer in model.layers]


def run_accuracy(cnn, data, source, printed: str = "") -> dict:
    """Train and evaluate as the accuracy check does; the artifacts it writes."""
    import numpy as np
    import tensorflow as tf

    (x_train, y_train), (x_test, y_test) = data
    train_x, test_x = cnn.prepare_images(x_train[:TRAIN_SAMPLES]), cnn.prepare_images(x_test)
    model = cnn.compile_model(cnn.build_model())
    started = time.perf_counter()
    history = cnn.train_model(model, train_x, y_train[:TRAIN_SAMPLES], epochs=EPOCHS, batch_size=BATCH_SIZE)
    seconds = time.perf_counter() - started
    accuracy = cnn.evaluate_model(model, test_x, y_test)
    predicted = model.predict(test_x, verbose=0).argmax(axis=1)
    confusion = np.zeros((10, 10), dtype=int)
    np.add.at(confusion, (y_test, predicted), 1)
    wrong = np.flatnonzero(predicted != y_test)[:MISCLASSIFIED]
    return {
        "accuracy": float(accuracy),
        "history": {k: [float(v) for v in vs] for k, vs in history.history.items()},
        "confusion": confusion.tolist(),
        "misclassified": [{"image": x_test[i].astype(int).tolist(), "true": int(y_test[i]),
                           "pred": int(predicted[i])} for i in wrong],
        "model_summary": summary_rows(model),
        "device": "GPU" if tf.config.list_physical_devices("GPU") else "CPU",
        "data_source": source.name,
        "data_description": {"ko": source.description_ko, "en": source.description_en},
        "train_seconds": round(seconds, 1),
        **({"output": printed} if printed else {}),
    }


def printed_summary(model) -> str:
    """What ``model.summary()`` prints, the output students most often leave in their file."""
    lines: list[str] = []
    model.summary(print_fn=lambda line, **_: lines.append(line), line_length=80)
    return "\n".join(lines) + "\n"


def result(name: str, points: dict, feedback: Feedback | None = None, hidden: bool = False) -> CheckResult:
    worth = float(points[name])
    if feedback is None:
        return CheckResult(name, worth, worth, PASSED, hidden, seconds=0.4)
    return CheckResult(name, 0.0, worth, FAILED, hidden, feedback, seconds=0.4)


def accuracy_feedback(accuracy: float, threshold: float) -> Feedback | None:
    if accuracy >= threshold:
        return None
    return Feedback(Text("시험 정확도가 기준보다 낮습니다.", "The test accuracy is below the threshold."),
                    expected=plain(f"≥ {threshold:.1%}"), found=plain(f"{accuracy:.1%}"),
                    hint=Text("compile의 손실 함수와 학습률, prepare_images의 255 나누기를 확인하세요.",
                              "Check compile's loss and the division by 255 in prepare_images."))


def build_reports() -> dict[str, Report]:
    """``correct`` (grade submit on the solution) and ``mistake`` (grade batch on padding="valid")."""
    from grader import config, data

    course = config.load(ROOT)
    dataset, source = data.load_mnist_with_source(course)
    threshold = course.accuracy_threshold(source.name)
    reference = summary_rows(load_solution().build_model())

    good = run_accuracy(load_solution(), dataset, source)
    mistake_cnn = with_valid_padding(load_solution())
    bad = run_accuracy(mistake_cnn, dataset, source, printed_summary(mistake_cnn.build_model()))
    for artifacts in (good, bad):
        artifacts.update(threshold=threshold, reference_summary=reference)

    correct = Report(
        results=[result(name, PUBLIC_POINTS, accuracy_feedback(good["accuracy"], threshold)
                        if name.startswith("cnn.evaluate_model") else None) for name in PUBLIC_POINTS],
        student="20241234", scope="public", artifacts=good, seconds=good["train_seconds"] + 9.0)

    first, mine = bad["model_summary"][0], sum(row["params"] for row in bad["model_summary"])
    lecture = sum(row["params"] for row in reference)
    padding = Feedback(
        Text("첫 번째 합성곱 층의 출력 모양이 강의와 다릅니다.",
             "The first convolution's output shape differs from the lecture's."),
        expected=plain(reference[0]["output_shape"]), found=plain(first["output_shape"]),
        hint=Text('padding="valid"는 가장자리를 덧대지 않아 28x28이 24x24로 줄어듭니다. '
                  'padding="same"을 쓰면 입력의 28x28이 그대로 유지됩니다.',
                  'padding="valid" adds no border, so 28x28 shrinks to 24x24; '
                  'padding="same" keeps the input\'s 28x28.'))
    params = Feedback(
        Text("모델의 전체 파라미터 수가 강의와 다릅니다.",
             "The model's total parameter count differs from the lecture's."),
        expected=plain(f"{lecture:,}"), found=plain(f"{mine:,}"),
        hint=Text("Flatten이 Dense(1000)에 넘기는 값의 개수가 달라졌습니다. 아래 모델 요약에서 "
                  "색칠한 줄을 보고 첫 합성곱 층의 padding을 고치세요.",
                  "Flatten now hands Dense(1000) a different number of values. Look at the highlighted "
                  "rows of the model summary below and fix the first convolution's padding."))
    odd = Feedback(
        Text("홀수 크기와 스트라이드 2에서 출력 크기가 틀렸습니다.",
             "The output size is wrong for odd sizes with stride 2."),
        hint=Text("same 패딩의 출력 크기는 ceil(size / stride)입니다. 나눗셈을 내림하지 마세요.",
                  "With same padding the output size is ceil(size / stride); do not round down."))
    verdicts = {"cnn.first_conv: output shape and parameters": padding,
                "cnn.build_model: layers, shapes and parameters": params,
                "cnn.evaluate_model: test accuracy above the threshold":
                    accuracy_feedback(bad["accuracy"], threshold),
                "concepts.conv_output_size: odd sizes and strides": odd}
    mistake = Report(
        results=[*(result(n, PUBLIC_POINTS, verdicts.get(n)) for n in PUBLIC_POINTS),
                 *(result(n, HIDDEN_POINTS, verdicts.get(n), hidden=True) for n in HIDDEN_POINTS)],
        notices=[Feedback(Text("cnn.py와 cnn.ipynb가 모두 있어 cnn.py를 채점합니다.",
                               "Both cnn.py and cnn.ipynb exist; cnn.py was graded."))],
        student="20245678", scope="all", artifacts=bad, seconds=bad["train_seconds"] + 11.0)
    return {"correct": correct, "mistake": mistake}


# ------------------------------------------------------------------ the browser


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("chromium not found: apt-get update && apt-get install -y chromium fonts-nanum")


def screenshot(html: Path, png: Path, size: tuple[int, int], keep_colours: int = PALETTE_COLOURS) -> Path:
    """Photograph ``html`` at ``size`` with headless Chromium; crop the empty bottom; save a small PNG."""
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="tf-grade-chromium-") as profile:
        raw = Path(profile) / "raw.png"
        command = [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--screenshot={raw}",
                   f"--window-size={size[0]},{size[1]}", html.resolve().as_uri()]
        subprocess.run(command, check=True, capture_output=True, timeout=120,
                       env={**os.environ, "HOME": profile})
        with Image.open(raw) as image:
            image = image.convert("RGB")
            image = image.crop((0, 0, image.width, _content_height(image)))
    png.parent.mkdir(parents=True, exist_ok=True)
    small = image.quantize(colors=keep_colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(png, optimize=True)
    return png


def _content_height(image, margin: int = 24) -> int:
    """The height down to the last row that differs from the page background, plus a margin."""
    background = image.getpixel((image.width - 1, image.height - 1))
    width = image.width
    pixels = image.load()
    for y in range(image.height - 1, -1, -1):
        if any(pixels[x, y] != background for x in range(0, width, 3)):
            return min(image.height, y + margin)
    return image.height


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--html-dir", type=Path, default=None, help="keep the rendered pages here")
    args = parser.parse_args(argv)

    reports = build_reports()
    with tempfile.TemporaryDirectory(prefix="tf-grade-pages-") as tmp:
        pages = args.html_dir or Path(tmp)
        pages.mkdir(parents=True, exist_ok=True)
        shots = []
        for name, report in reports.items():
            show_hidden = name == "correct"  # the mistake is seen before the due date: hidden results held
            for lang in ("ko", "en"):
                page = write_html(pages / f"{name}-{lang}.html", report, lang, show_hidden=show_hidden)
                shots.append(screenshot(page, args.out / f"{name}-{lang}.png", DESKTOP))
                if name == "mistake" and lang == "ko":
                    shots.append(screenshot(page, args.out / f"{name}-{lang}-phone.png", PHONE))
        for shot in shots:
            print(f"{shot.relative_to(ROOT) if shot.is_relative_to(ROOT) else shot}  "
                  f"{shot.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
