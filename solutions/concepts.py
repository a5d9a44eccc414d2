"""
# 모델 요약 손으로 읽기 / Reading a model summary by hand

`model.summary()`의 출력 모양과 파라미터 수는 외울 필요가 없습니다. 몇 가지
공식으로 직접 계산할 수 있습니다. 이 실습에서는 합성곱·풀링의 출력 크기,
합성곱 층과 완전 연결 층의 파라미터 수, 평탄화한 벡터의 길이를 계산하는
함수를 만들고, 그 함수들로 강의 모델의 전체 파라미터 수와 요약이 보여 주는
크기(MB)를 구합니다. 마지막으로 어떤 문제에 어떤 신경망(CNN, RNN, GAN)이
알맞은지 고르고, RNN과 GAN이 어떻게 생겼는지 답합니다.

The output shapes and parameter counts in `model.summary()` need no
memorising: a few formulas give them. In this exercise you write functions
for the output size of a convolution or pooling window, the parameter counts
of convolution and dense layers and the length of a flattened vector, then
use them to count the lecture model's parameters and the size (MB) its
summary prints. Last, you pick which kind of network (CNN, RNN, GAN) suits a
task, and say how an RNN and a GAN are built.
"""

import math

# 강의 모델의 입력: 28x28 흑백 이미지 / the lecture model's input: 28x28 grayscale
IMAGE_SIZE = 28
IMAGE_CHANNELS = 1
# 숫자 0-9 / the digits 0-9
NUM_CLASSES = 10

"""
## 1. 출력 크기 / Output sizes
"""


def conv_output_size(size, kernel, stride=1, padding="same"):
    """합성곱·풀링의 출력 크기 / Output size of a convolution or pooling window.

    크기가 `size`인 입력 위로 크기가 `kernel`인 필터(풀링이면 풀링 윈도우)를 `stride` 칸씩 옮길 때
    출력의 높이(또는 너비)를 돌려주세요.
    `padding="same"`은 가장자리를 0으로 덧대므로 출력은
    `ceil(size / stride)`입니다(스트라이드 1이면 입력과 같은 크기).
    `padding="valid"`는 덧대지 않으므로 필터가 입력 안에 들어가는 위치만 세어
    `floor((size - kernel) / stride) + 1`입니다.
    예: 28, 5x5, 스트라이드 1 → same 28, valid 24. 28, 2x2 풀링, 스트라이드 2,
    valid → 14. 다른 `padding` 값은 `ValueError`입니다.

    Return the output height (or width) when a window of size `kernel` slides
    over an input of size `size`, `stride` pixels at a time.
    `padding="same"` pads the border with zeros, so the output is
    `ceil(size / stride)` (the input's size when the stride is 1).
    `padding="valid"` does not pad and counts only the positions where the
    window fits: `floor((size - kernel) / stride) + 1`.
    Examples: 28 with 5x5, stride 1 → 28 with same, 24 with valid; 28 with a
    2x2 pool, stride 2, valid → 14. Any other `padding` is a `ValueError`.
    """
    ### BEGIN SOLUTION
    padding = padding.lower()
    if padding == "same":
        return math.ceil(size / stride)
    if padding == "valid":
        return (size - kernel) // stride + 1
    raise ValueError(f'padding must be "same" or "valid", not {padding!r}')
    ### END SOLUTION


def flatten_size(height, width, channels):
    """평탄화한 길이 / Length after flattening.

    `Flatten`은 `(height, width, channels)` 특징 맵을 한 줄로 펴므로 길이는
    세 값의 곱입니다. 예: `(7, 7, 64)` → 3136. 강의 노트의 Flatten 설명에 나오는
    `(4, 4, 64) -> 1024`는 다른 입력의 예입니다. 28x28 입력은 풀링 두 번으로
    7x7이 되고(강의 모델의 요약: 3136), 16x16 입력이면 4x4가 되어 1024입니다.

    `Flatten` unrolls a `(height, width, channels)` feature map into one row,
    so its length is the product of the three. Example: `(7, 7, 64)` → 3136.
    The lecture notes' Flatten example, `(4, 4, 64) -> 1024`, belongs to
    another input: two poolings take a 28x28 input to 7x7 (the lecture
    model's summary: 3136), and a 16x16 input to 4x4, which gives 1024.
    """
    ### BEGIN SOLUTION
    return height * width * channels
    ### END SOLUTION


"""
## 2. 파라미터 수 / Parameter counts
"""


def conv_params(kernel_h, kernel_w, in_channels, filters):
    """합성곱 층의 파라미터 수 / Parameters of a convolution layer.

    필터 하나는 입력의 모든 채널을 덮으므로 가중치가
    `kernel_h * kernel_w * in_channels`개이고, 편향이 1개 더 있습니다. 이런
    필터가 `filters`개입니다: `(kernel_h * kernel_w * in_channels + 1) * filters`.
    예: 5x5, 채널 1, 필터 32 → `(5*5*1+1)*32 = 832`.
    2x2, 채널 32, 필터 64 → `(2*2*32+1)*64 = 8,256`.

    One filter covers every input channel, so it has
    `kernel_h * kernel_w * in_channels` weights plus one bias, and there are
    `filters` such filters: `(kernel_h * kernel_w * in_channels + 1) * filters`.
    Examples: 5x5, 1 channel, 32 filters → `(5*5*1+1)*32 = 832`;
    2x2, 32 channels, 64 filters → `(2*2*32+1)*64 = 8,256`.
    """
    ### BEGIN SOLUTION
    weights_per_filter = kernel_h * kernel_w * in_channels
    return (weights_per_filter + 1) * filters
    ### END SOLUTION


def dense_params(inputs, units):
    """완전 연결 층의 파라미터 수 / Parameters of a dense layer.

    뉴런 하나는 모든 입력에 가중치 하나씩과 편향 1개를 가지므로
    `(inputs + 1) * units`입니다.
    예: 3136 → 1000은 `(3136+1)*1000 = 3,137,000`, 1000 → 10은 10,010.

    Each neuron has one weight per input plus one bias:
    `(inputs + 1) * units`.
    Examples: 3136 → 1000 gives `(3136+1)*1000 = 3,137,000`; 1000 → 10 gives
    10,010.
    """
    ### BEGIN SOLUTION
    return (inputs + 1) * units
    ### END SOLUTION


def lecture_model_params():
    """강의 모델의 전체 파라미터 수 / Total parameters of the lecture model.

    숫자를 직접 적지 말고, 위의 함수로 강의 모델을 층마다 따라가며 계산하세요.
    입력 28x28x1 → 합성곱(32, 5x5, same) → 최대 풀링(2x2, 스트라이드 2,
    valid) → 합성곱(64, 2x2, same) → 최대 풀링(2x2, 스트라이드 2, valid) →
    드롭아웃 → 평탄화 → 완전 연결(1000) → 드롭아웃 → 완전 연결(10).
    풀링·드롭아웃·평탄화는 파라미터가 없지만 풀링은 크기를 바꿉니다.
    결과는 `model.summary()`의 Total params와 같은 3,156,098 이어야 합니다.

    Do not type the number in: walk the lecture model layer by layer with the
    functions above. Input 28x28x1 → conv(32, 5x5, same) → max-pool(2x2,
    stride 2, valid) → conv(64, 2x2, same) → max-pool(2x2, stride 2, valid) →
    dropout → flatten → dense(1000) → dropout → dense(10). Pooling, dropout
    and flatten have no parameters, but pooling changes the size. The result
    must equal `model.summary()`'s Total params, 3,156,098.
    """
    ### BEGIN SOLUTION
    size, channels = IMAGE_SIZE, IMAGE_CHANNELS
    # 합성곱 1: 5x5 필터 32개, same 이라 크기 유지 / conv 1 keeps the size
    total = conv_params(5, 5, channels, 32)
    size, channels = conv_output_size(size, 5, 1, "same"), 32
    # 풀링: 크기 절반 / pooling halves the size
    size = conv_output_size(size, 2, 2, "valid")
    # 합성곱 2: 2x2 필터 64개 / conv 2: 64 filters of 2x2
    total += conv_params(2, 2, channels, 64)
    size, channels = conv_output_size(size, 2, 1, "same"), 64
    size = conv_output_size(size, 2, 2, "valid")
    # 평탄화 후 완전 연결 두 개 / flatten, then the two dense layers
    flat = flatten_size(size, size, channels)
    total += dense_params(flat, 1000)
    total += dense_params(1000, NUM_CLASSES)
    return total
    ### END SOLUTION



def model_size_mb(params, bytes_per_param=4):
    """모델의 크기(MB) / A model's size in MB.

    `model.summary()`는 파라미터 수 옆에 크기를 적습니다:
    `Total params: 3,156,098 (12.04 MB)`. float32 파라미터 하나는 4바이트이므로
    크기는 `params * bytes_per_param` 바이트이고, 케라스의 MB는
    `2**20 = 1024 * 1024` 바이트입니다(1,000,000이 아닙니다). 반올림하지 말고 MB를
    실수로 돌려주세요. 예: 3,156,098 → 12.0395... (요약에는 12.04).

    `model.summary()` prints a size beside the parameter count:
    `Total params: 3,156,098 (12.04 MB)`. A float32 parameter takes 4 bytes, so
    the size is `params * bytes_per_param` bytes, and Keras's MB is
    `2**20 = 1024 * 1024` bytes (not 1,000,000). Return the MB as a float,
    not rounded. Example: 3,156,098 → 12.0395... (12.04 in the summary).
    """
    ### BEGIN SOLUTION
    return params * bytes_per_param / 2**20
    ### END SOLUTION


"""
## 3. 알맞은 신경망 고르기 / Choosing a network
"""


def best_network(task):
    """문제에 알맞은 신경망 / The network that suits a task.

    `"CNN"`, `"RNN"`, `"GAN"` 중 하나를 돌려주세요. 대소문자와 띄어쓰기는
    가리지 않고, 한국어 이름도 받습니다. 목록에 없는 작업은 `ValueError`
    입니다.

    - CNN (합성곱 신경망, 이미지의 공간 패턴): image processing 이미지 처리,
      image classification 이미지 분류, object detection 객체 탐지,
      handwritten digit recognition 손글씨 숫자 인식, handwritten digit
      classification 숫자 손글씨 인식, face recognition 얼굴 인식,
      medical image analysis 의료 영상 분석
    - RNN (순환 신경망, 순서가 있는 데이터): sequential data 순차적인 데이터 처리,
      time series data 시계열 데이터, natural language 자연어,
      natural language processing 자연어 처리, time series forecasting 시계열 예측,
      stock price prediction 주가 예측, machine translation 기계 번역,
      speech recognition 음성 인식, text generation 텍스트 생성,
      sentiment analysis 감성 분석
    - GAN (생성적 적대 신경망, 새 데이터 생성): image generation 이미지 생성,
      image transformation 이미지 변환, image editing 이미지 편집,
      style transfer 스타일 변환, creating fake faces 가짜 얼굴 생성,
      super resolution 초해상도, data augmentation 데이터 증강

    강의 노트의 표현(이미지 처리, 시계열 데이터, 자연어, 이미지생성, 이미지변환,
    이미지 편집)은 띄어 쓰든 붙여 쓰든 받습니다.

    Return one of `"CNN"`, `"RNN"`, `"GAN"`. Case and spacing do not matter
    (the lecture notes write both 이미지 생성 and 이미지생성) and the Korean names
    above are accepted too; a task that is not listed is a `ValueError`. CNNs find spatial patterns in images, RNNs follow ordered
    sequences (time, words, sound), and GANs generate new data.
    """
    ### BEGIN SOLUTION
    networks = {
        "CNN": [
            "image processing", "이미지 처리",
            "image classification", "이미지 분류",
            "object detection", "객체 탐지",
            "handwritten digit recognition", "손글씨 숫자 인식",
            "face recognition", "얼굴 인식",
            "medical image analysis", "의료 영상 분석",
            "handwritten digit classification", "숫자 손글씨 인식",
        ],
        "RNN": [
            "sequential data", "순차적인 데이터 처리",
            "time series data", "시계열 데이터",
            "natural language", "자연어",
            "natural language processing", "자연어 처리",
            "time series forecasting", "시계열 예측",
            "stock price prediction", "주가 예측",
            "machine translation", "기계 번역",
            "speech recognition", "음성 인식",
            "text generation", "텍스트 생성",
            "sentiment analysis", "감성 분석",
        ],
        "GAN": [
            "image generation", "이미지 생성",
            "style transfer", "스타일 변환",
            "creating fake faces", "가짜 얼굴 생성",
            "super resolution", "초해상도",
            "data augmentation", "데이터 증강",
            "image transformation", "이미지 변환",
            "image editing", "이미지 편집",
        ],
    }
    # 대소문자·띄어쓰기·하이픈을 무시하고 비교 / compare ignoring case, spaces, hyphens
    def normalise(text):
        return "".join(str(text).lower().replace("-", " ").replace("_", " ").split())

    wanted = normalise(task)
    for network, tasks in networks.items():
        if wanted in (normalise(name) for name in tasks):
            return network
    known = ", ".join(name for tasks in networks.values() for name in tasks)
    raise ValueError(f"알 수 없는 작업 / unknown task: {task!r}. 가능한 작업 / known tasks: {known}")
    ### END SOLUTION


"""
## 4. RNN과 GAN의 구조 / How an RNN and a GAN are built
"""


def recurrent_network():
    """순환하는 신경망 / The network that feeds back its own output.

    순환 구조를 가지고, 이전 시간 단계의 출력을 현재 시간 단계의 입력으로 쓰는
    신경망은 CNN, RNN, GAN 중 무엇일까요? 그 이름을 `"CNN"`, `"RNN"`, `"GAN"`
    중 하나로 돌려주세요.

    Which of CNN, RNN and GAN has a loop, using the output of the previous time
    step as an input of the current one? Return its name: `"CNN"`, `"RNN"` or
    `"GAN"`.
    """
    ### BEGIN SOLUTION
    return "RNN"
    ### END SOLUTION


def gan_networks():
    """GAN의 두 신경망 / The two networks of a GAN.

    GAN은 두 신경망이 서로 대립하며 경쟁하는 구조입니다. 하나는 진짜와 구별할 수
    없는 가짜 데이터를 만들려고 하고, 다른 하나는 진짜와 가짜를 더 정확하게
    가려내려고 합니다. 두 신경망의 이름을 튜플로 돌려주세요. 한국어(강의의 이름)나
    영어로 쓰고, 순서는 상관없습니다.

    A GAN is two networks competing against each other: one tries to make
    fake data that cannot be told from the real thing, the other tries to
    tell real from fake ever more accurately. Return the two networks' names
    as a tuple, in Korean (the lecture's names) or English, in either order.
    """
    ### BEGIN SOLUTION
    return ("생성자", "판별자")
    ### END SOLUTION
