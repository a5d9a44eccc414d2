# Correct: integer arithmetic without math, numpy integers, a lookup table for the networks, the size in MiB
# with a power of 1024, a GAN's networks in Korean, reversed.
import numpy as np


def conv_output_size(size, kernel, stride=1, padding="same"):
    if padding == "same":
        return -(-size // stride)
    return (size - kernel) // stride + 1


def conv_params(kernel_h, kernel_w, in_channels, filters):
    return np.int64(kernel_h * kernel_w * in_channels * filters + filters)


def dense_params(inputs, units):
    return inputs * units + units


def flatten_size(height, width, channels):
    return int(np.prod([height, width, channels]))


def lecture_model_params():
    size = conv_output_size(28, 5)
    size = conv_output_size(size, 2, 2, "valid")
    size = conv_output_size(size, 2)
    size = conv_output_size(size, 2, 2, "valid")
    layers_ = [conv_params(5, 5, 1, 32), conv_params(2, 2, 32, 64),
               dense_params(flatten_size(size, size, 64), 1000), dense_params(1000, 10)]
    return int(sum(layers_))


TASKS = {
    "imageclassification": "CNN", "이미지분류": "CNN", "objectdetection": "CNN", "객체탐지": "CNN",
    "handwrittendigitrecognition": "CNN", "손글씨숫자인식": "CNN", "facerecognition": "CNN", "얼굴인식": "CNN",
    "medicalimageanalysis": "CNN", "의료영상분석": "CNN",
    "timeseriesforecasting": "RNN", "시계열예측": "RNN", "stockpriceprediction": "RNN", "주가예측": "RNN",
    "machinetranslation": "RNN", "기계번역": "RNN", "speechrecognition": "RNN", "음성인식": "RNN",
    "textgeneration": "RNN", "텍스트생성": "RNN", "sentimentanalysis": "RNN", "감성분석": "RNN",
    "imagegeneration": "GAN", "이미지생성": "GAN", "styletransfer": "GAN", "스타일변환": "GAN",
    "creatingfakefaces": "GAN", "가짜얼굴생성": "GAN", "superresolution": "GAN", "초해상도": "GAN",
    "dataaugmentation": "GAN", "데이터증강": "GAN",
    # the lecture notes' own examples
    "imageprocessing": "CNN", "이미지처리": "CNN", "handwrittendigitclassification": "CNN", "숫자손글씨인식": "CNN",
    "sequentialdata": "RNN", "순차적인데이터처리": "RNN", "timeseriesdata": "RNN", "시계열데이터": "RNN",
    "naturallanguage": "RNN", "자연어": "RNN", "naturallanguageprocessing": "RNN", "자연어처리": "RNN",
    "imagetransformation": "GAN", "이미지변환": "GAN", "imageediting": "GAN", "이미지편집": "GAN",
}


def best_network(task):
    key = "".join(ch for ch in str(task).lower() if ch not in " -_")
    if key not in TASKS:
        raise ValueError(f"unknown task: {task!r}")
    return TASKS[key]


def model_size_mb(params, bytes_per_param=4):
    return float(np.float64(params) * bytes_per_param / 1024 ** 2)


def recurrent_network():
    return TASKS["시계열예측"]


def gan_networks():
    return "판별자", "생성자"
