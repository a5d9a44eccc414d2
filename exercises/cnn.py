"""
# 합성곱 신경망으로 MNIST 손글씨 숫자 분류 / A CNN for MNIST handwritten digits

강의의 합성곱 신경망(CNN)을 층 하나씩 직접 만듭니다. 순서는 강의와 같습니다.
데이터 준비 → 층 만들기(합성곱, 풀링, 드롭아웃, 평탄화, 완전 연결) → 모델
조립 → 컴파일 → 학습 → 평가. 완성된 모델의 `model.summary()`는 학습
가능한 파라미터 3,156,098개, 출력 모양 `(None, 10)`을 보여야 합니다.

Keras 3에서 달라진 점 두 가지를 기억하세요. (1) 층에 `input_shape=`를 주면
경고가 나옵니다. 모델 맨 앞에 `keras.Input(shape=...)`을 두세요.
(2) `compile`의 세 번째 위치 인자는 `loss_weights`입니다. `metrics`는 꼭
키워드로 넘기세요. 그리고 레이블이 정수(0-9)이므로 손실 함수는
`sparse_categorical_crossentropy`입니다(원-핫 레이블이면 `categorical_crossentropy`).

Build the lecture's convolutional neural network (CNN) one layer at a time,
in the lecture's order: prepare the data → make the layers (convolution,
pooling, dropout, flatten, dense) → assemble the model → compile → train →
evaluate. The finished model's `model.summary()` must show 3,156,098
trainable parameters and an output of shape `(None, 10)`.

Two Keras 3 changes to remember: (1) passing `input_shape=` to a layer
prints a warning; start the model with `keras.Input(shape=...)` instead.
(2) `compile`'s third positional argument is `loss_weights`, so pass
`metrics` by keyword. And since the labels are integers (0-9), the loss is
`sparse_categorical_crossentropy` (`categorical_crossentropy` is for one-hot labels).
"""

import keras
import numpy as np
from keras import layers

# 숫자 0-9, 열 개의 클래스 / ten classes, the digits 0-9
NUM_CLASSES = 10
# 28x28 흑백 이미지, 채널 1개 / 28x28 grayscale images, one channel
INPUT_SHAPE = (28, 28, 1)

"""
## 1. 데이터 준비 / Prepare the data
"""


def prepare_images(images):
    """이미지 전처리 / Prepare the images.

    MNIST 이미지는 0-255의 uint8 값, 모양 `(N, 28, 28)`입니다. 신경망은 작은
    실수 값에서 잘 학습하므로 float32로 바꾸고 255로 나눠 `[0, 1]`로
    맞춥니다. `Conv2D`는 (높이, 너비, 채널) 입력을 받으므로 마지막에 채널 축
    하나를 더해 `(N, 28, 28, 1)`로 만드세요.

    MNIST images are uint8 values 0-255 of shape `(N, 28, 28)`. Networks learn
    best on small floats, so convert to float32 and divide by 255 to land in
    `[0, 1]`. `Conv2D` expects (height, width, channels) inputs, so add one
    channel axis at the end: `(N, 28, 28, 1)`.
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("prepare_images: 아직 구현하지 않았습니다 / not implemented yet")


def load_data():
    """MNIST 불러오기 / Load MNIST.

    키트의 `grader.data.load_mnist()`는 `((x_train, y_train), (x_test, y_test))`를
    돌려줍니다. 이미지는 uint8 `(N, 28, 28)`, 레이블은 정수 0-9입니다. 두
    이미지 묶음을 `prepare_images`로 전처리하고 같은 구조로 돌려주세요.
    레이블은 정수 그대로 둡니다(원-핫으로 바꾸지 않습니다).

    The kit's `grader.data.load_mnist()` returns `((x_train, y_train), (x_test, y_test))`:
    uint8 images `(N, 28, 28)` and integer labels 0-9. Prepare both image sets
    with `prepare_images` and return the same structure. Keep the labels as
    integers (no one-hot encoding).
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("load_data: 아직 구현하지 않았습니다 / not implemented yet")


"""
## 2. 층 만들기 / Make the layers
"""


def first_conv(input_shape=INPUT_SHAPE):
    """첫 번째 합성곱 층 / The first convolution layer.

    합성곱 층은 작은 필터(커널)를 이미지 위로 밀면서 선·모서리 같은 국소
    특징을 찾습니다. 5x5 필터 32개, 스트라이드(한 번에 움직이는 칸 수)
    `(1, 1)`, `padding="same"`, 활성화 함수 relu인 `Conv2D`를 만드세요.
    `"same"`은 가장자리에 0을 덧대어 출력 크기를 입력과 같게(28x28)
    유지하고, `"valid"`는 덧대지 않아 크기가 줄어듭니다(28 → 24).
    파라미터는 필터마다 가중치 `5*5*1`개와 편향 1개: `(5*5*1+1)*32 = 832`.
    출력 모양은 `(None, 28, 28, 32)`입니다.

    `input_shape`는 이 층이 받을 입력의 모양입니다. Keras 3에서는 층에
    `input_shape=`를 주면 경고가 나오므로, 그 모양으로 층을 빌드(build)해서
    돌려주세요. 모델에서는 `build_model`이 맨 앞에
    `keras.Input(shape=input_shape)`을 둡니다.

    A convolution slides small filters (kernels) over the image to find local
    features such as lines and edges. Make a `Conv2D` with 32 filters of
    5x5, strides (how many pixels the filter moves each step) `(1, 1)`,
    `padding="same"` and relu activation. `"same"` pads the border with zeros
    so the output keeps the input's size (28x28); `"valid"` does not pad, so
    the output shrinks (28 → 24). Each filter has `5*5*1` weights and one bias:
    `(5*5*1+1)*32 = 832` parameters. The output shape is `(None, 28, 28, 32)`.

    `input_shape` is the shape of the inputs the layer will be used on. In
    Keras 3, passing `input_shape=` to a layer prints a warning, so build the
    layer for that shape and return it; in the model, `build_model` puts
    `keras.Input(shape=input_shape)` in front.
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("first_conv: 아직 구현하지 않았습니다 / not implemented yet")


def pooling():
    """최대 풀링 층 / The max-pooling layer.

    풀링은 2x2 풀링 윈도우마다 가장 큰 값 하나만 남겨 높이와 너비를 절반으로 줄입니다.
    계산량이 줄고 작은 위치 변화에 덜 민감해집니다. 배울 가중치가 없어
    파라미터는 0개입니다. `pool_size=(2, 2)`, `strides=(2, 2)`인
    `MaxPooling2D`를 만드세요. `(28, 28, 32)` → `(14, 14, 32)`.

    Pooling keeps only the largest value of each 2x2 window, halving height
    and width: less computation and less sensitivity to small shifts. It has
    nothing to learn, so 0 parameters. Make a `MaxPooling2D` with
    `pool_size=(2, 2)` and `strides=(2, 2)`: `(28, 28, 32)` → `(14, 14, 32)`.
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("pooling: 아직 구현하지 않았습니다 / not implemented yet")


def second_conv():
    """두 번째 합성곱 층 / The second convolution layer.

    2x2 필터 64개, `padding="same"`, relu인 `Conv2D`를 만드세요. 입력
    `(14, 14, 32)`는 채널이 32개이므로 필터 하나의 가중치는 `2*2*32`개입니다.
    파라미터: `(2*2*32+1)*64 = 8,256`. 출력 모양은 `(14, 14, 64)`입니다.

    Make a `Conv2D` with 64 filters of 2x2, `padding="same"` and relu. Its
    input `(14, 14, 32)` has 32 channels, so each filter has `2*2*32` weights:
    `(2*2*32+1)*64 = 8,256` parameters. The output shape is `(14, 14, 64)`.
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("second_conv: 아직 구현하지 않았습니다 / not implemented yet")


def dropout(rate):
    """드롭아웃 층 / The dropout layer.

    드롭아웃은 학습할 때마다 입력의 `rate` 비율을 무작위로 0으로 만들어
    신경망이 특정 뉴런에 기대지 않게 합니다(과적합 방지). 평가·예측할
    때는 아무것도 끄지 않습니다. 모양은 그대로이고 파라미터는 0개입니다.

    Dropout sets a random fraction `rate` of its inputs to zero at each
    training step, so the network cannot rely on any single neuron (it fights
    overfitting). Nothing is dropped at evaluation or prediction time. The
    shape is unchanged and there are 0 parameters.
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("dropout: 아직 구현하지 않았습니다 / not implemented yet")


def flatten():
    """평탄화 층 / The flatten layer.

    완전 연결(Dense) 층은 1차원 벡터를 받습니다. `Flatten`은 특징 맵
    `(7, 7, 64)`를 한 줄로 펴서 `7*7*64 = 3136`개의 값으로 만듭니다.
    파라미터는 0개입니다. 강의 노트의 Flatten 설명에 있는 `(4, 4, 64) -> 1024`는
    다른 입력의 예입니다. 28x28 입력은 풀링 두 번 뒤 7x7(강의 모델의 요약,
    3136)이고, 16x16 입력이면 4x4가 되어 1024입니다.

    A dense layer takes a flat vector. `Flatten` unrolls the `(7, 7, 64)`
    feature maps into `7*7*64 = 3136` values; it has 0 parameters. The lecture
    notes' Flatten example, `(4, 4, 64) -> 1024`, belongs to another input:
    after two poolings a 28x28 input is 7x7 (the lecture model's summary,
    3136), a 16x16 input 4x4, which gives 1024.
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("flatten: 아직 구현하지 않았습니다 / not implemented yet")


def hidden_dense():
    """은닉 완전 연결 층 / The hidden dense layer.

    완전 연결 층은 모든 입력을 모든 출력 뉴런에 연결합니다: 입력 × 가중치
    행렬 + 편향. relu 뉴런 1000개인 `Dense`를 만드세요. 입력 3136개에서
    파라미터는 `(3136+1)*1000 = 3,137,000`개로, 모델 전체 파라미터의 거의
    전부입니다.

    A dense layer connects every input to every output neuron: inputs times a
    weight matrix plus a bias. Make a `Dense` layer of 1000 relu neurons. On
    3136 inputs it has `(3136+1)*1000 = 3,137,000` parameters, nearly all of
    the model's.
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("hidden_dense: 아직 구현하지 않았습니다 / not implemented yet")


def output_dense():
    """출력 층 / The output layer.

    클래스(숫자 0-9)마다 뉴런 하나, 모두 10개인 `Dense` 층에 softmax를
    씁니다. softmax는 출력을 합이 1인 확률로 바꿉니다. 파라미터:
    `(1000+1)*10 = 10,010`.

    One neuron per class (the digits 0-9), ten in all, with softmax, which
    turns the outputs into probabilities that sum to 1. Parameters:
    `(1000+1)*10 = 10,010`.
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("output_dense: 아직 구현하지 않았습니다 / not implemented yet")


"""
## 3. 모델 조립 / Build the model
"""


def build_model(input_shape=INPUT_SHAPE):
    """강의의 CNN 모델 / The lecture's CNN.

    위에서 만든 함수들을 강의 순서대로 `keras.Sequential`에 쌓으세요.
    맨 앞에는 `keras.Input(shape=input_shape)`을 둡니다(Keras 3에서는 층의
    `input_shape=` 대신 이렇게 씁니다).
    합성곱(32, 5x5) → 풀링 → 합성곱(64, 2x2) → 풀링 → 드롭아웃(0.25) →
    평탄화 → 완전 연결(1000, relu) → 드롭아웃(0.5) → 완전 연결(10, softmax).
    모양은 28x28x1 → 28x28x32 → 14x14x32 → 14x14x64 → 7x7x64 → 3136 → 1000
    → 10으로 바뀝니다. 파라미터 합계:
    832 + 8,256 + 3,137,000 + 10,010 = 3,156,098 (모두 학습 가능, 학습
    불가능 0). 출력 모양은 `(None, 10)`이며 `None`은 배치 크기입니다.

    Stack the functions above in a `keras.Sequential`, in the lecture's order,
    behind `keras.Input(shape=input_shape)` (Keras 3's replacement for a
    layer's `input_shape=`): conv(32, 5x5) → pool → conv(64, 2x2) → pool →
    dropout(0.25) → flatten → dense(1000, relu) → dropout(0.5) →
    dense(10, softmax). Shapes go 28x28x1 → 28x28x32 → 14x14x32 → 14x14x64 →
    7x7x64 → 3136 → 1000 → 10. Parameters:
    832 + 8,256 + 3,137,000 + 10,010 = 3,156,098, all trainable (0
    non-trainable). The output shape is `(None, 10)`, `None` being the batch
    size.
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("build_model: 아직 구현하지 않았습니다 / not implemented yet")


"""
## 4. 학습 / Train the model
"""


def compile_model(model):
    """모델 컴파일 / Compile the model.

    컴파일은 학습 방법을 정합니다: 옵티마이저(여기서는 `"adam"`), 손실
    함수, 지표(`"accuracy"`). 레이블이 정수 0-9이므로 손실은
    `sparse_categorical_crossentropy`입니다(원-핫 레이블일 때만
    `categorical_crossentropy`). Keras 3 주의: `compile`의 세 번째 위치
    인자는 `loss_weights`라서 지표 리스트를 위치 인자로 넘기면 학습할 때
    `dtype='string'` 오류가 납니다. 인자는 모두 키워드로 쓰세요. 컴파일한
    모델을 돌려주세요.

    Compiling decides how the model learns: an optimizer (here `"adam"`), a
    loss and a metric (`"accuracy"`). The labels are integers 0-9, so the loss
    is `sparse_categorical_crossentropy` (`categorical_crossentropy` is for
    one-hot labels). Keras 3 trap: `compile`'s third positional argument is
    `loss_weights`, so a metrics list passed by position fails during
    training with a `dtype='string'` error. Pass every argument by keyword.
    Return the compiled model.
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("compile_model: 아직 구현하지 않았습니다 / not implemented yet")


def train_model(model, x, y, epochs=1, batch_size=128):
    """모델 학습 / Train the model.

    `model.fit`으로 학습합니다. 에포크(epoch)는 학습 데이터 전체를 한 번
    보는 것이고, 배치 크기는 가중치를 한 번 고칠 때 보는 이미지 수입니다.
    출력이 채점 화면을 덮지 않도록 `verbose=0`을 주고, `fit`이 돌려주는
    `History`를 그대로 돌려주세요.

    Train with `model.fit`. An epoch is one pass over the whole training set;
    the batch size is how many images are seen per weight update. Pass
    `verbose=0` so progress bars do not flood the grader's output, and return
    the `History` that `fit` gives back.
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("train_model: 아직 구현하지 않았습니다 / not implemented yet")


"""
## 5. 평가 / Evaluate the model
"""


def evaluate_model(model, x, y):
    """모델 평가 / Evaluate the model.

    `model.evaluate`는 학습에 쓰지 않은 테스트 데이터에서 `[손실, 정확도]`를
    돌려줍니다(`verbose=0`으로 조용히). 정확도를 0과 1 사이의 float로
    돌려주세요.

    `model.evaluate` returns `[loss, accuracy]` on test data the model never
    trained on (quietly, with `verbose=0`). Return the accuracy as a float
    between 0 and 1.
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("evaluate_model: 아직 구현하지 않았습니다 / not implemented yet")
