"""
# 텐서플로 기초: 텐서 / TensorFlow basics: tensors

텐서(tensor)는 텐서플로가 다루는 모든 데이터의 기본 단위인 다차원 배열입니다.
이 실습에서는 값을 바꿀 수 있는 변수(`tf.Variable`)와 바꿀 수 없는
상수(`tf.constant`)를 만들고, 넘파이 배열·파이썬 리스트와 텐서를 서로 바꾸고,
덧셈·곱셈·행렬 곱셈·활성화 함수 적용 같은 텐서 연산을 한 뒤, 텐서의
랭크·모양·자료형·장치를 읽어 봅니다. 텐서플로 2는 즉시 실행(eager execution)
모드로 동작하므로 결과를 바로 확인할 수 있습니다. 마지막으로 강의가 꼽은
텐서플로의 두 기능, 자동 미분(`tf.GradientTape`)과 그래프 기반
계산(`tf.function`)을 써 봅니다.

A tensor is the multi-dimensional array that every piece of TensorFlow data
lives in. In this exercise you create changeable variables (`tf.Variable`) and
immutable constants (`tf.constant`), convert between tensors, NumPy arrays and
Python lists, run tensor operations (addition, element-wise multiplication,
matrix multiplication, applying an activation function), and read a tensor's
rank, shape, dtype and device. TensorFlow 2 runs eagerly, so every result can
be inspected right away. Last, you use two features the lecture lists:
automatic differentiation (`tf.GradientTape`) and graph-based computation
(`tf.function`).
"""

import tensorflow as tf

"""
## 1. 변수와 상수 / Variables and constants
"""


def make_variable(value, dtype=tf.int32):
    """변수 만들기 / Make a variable.

    `tf.Variable`은 학습 중에 값이 바뀌는 텐서입니다. 모델의 가중치가 바로
    변수입니다. `value`를 담은 변수를 만들되, 자료형은 반드시 `dtype`으로
    정하세요. 자료형을 정하지 않으면 파이썬 정수는 int32, 실수는 float32가
    됩니다.

    A `tf.Variable` is a tensor whose value changes during training: a model's
    weights are variables. Create a variable holding `value` whose dtype is
    exactly `dtype`. Without a dtype, a Python int becomes int32 and a float
    becomes float32.

    예 / Example: `make_variable(3)` → `<tf.Variable ... shape=() dtype=int32, numpy=3>`
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("make_variable: 아직 구현하지 않았습니다 / not implemented yet")


def assign_value(variable, new_value):
    """변수의 값 바꾸기 / Change a variable's value.

    변수는 `=`로 새 값을 넣으면 안 됩니다. 그러면 파이썬 이름만 다른 객체를
    가리키게 됩니다. 변수의 `.assign` 메서드로 그 자리에서(in place) 값을
    바꾸고, 같은 변수 객체를 돌려주세요. 새 값의 모양과 자료형은 변수와 맞아야
    합니다.

    Do not give a variable a new value with `=`: that only makes the Python
    name point at another object. Change the value in place with the
    variable's `.assign` method and return the same variable object. The new
    value must fit the variable's shape and dtype.
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("assign_value: 아직 구현하지 않았습니다 / not implemented yet")


def make_constant(value=3.14, dtype=tf.float32):
    """상수 만들기 / Make a constant.

    `tf.constant`는 한 번 만들면 바꿀 수 없는(immutable) 텐서입니다.
    `.assign`이 없고, 결과는 `tf.Variable`이 아니라 `tf.Tensor`입니다.
    `value`를 `dtype` 자료형의 상수로 만드세요.

    `tf.constant` makes an immutable tensor: it has no `.assign`, and the
    result is a `tf.Tensor`, not a `tf.Variable`. Make `value` a constant of
    dtype `dtype`.
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("make_constant: 아직 구현하지 않았습니다 / not implemented yet")


"""
## 2. 넘파이·리스트와 텐서 바꾸기 / Converting NumPy arrays and lists
"""


def numpy_to_tensor(array):
    """넘파이 배열을 텐서로 / NumPy array to tensor.

    `tf.convert_to_tensor`는 넘파이 배열을 값·모양·자료형이 같은 텐서로
    바꿉니다. 넘파이의 float64 배열은 float64 텐서가 됩니다(float32로 바뀌지
    않습니다).

    `tf.convert_to_tensor` turns a NumPy array into a tensor with the same
    values, shape and dtype. A float64 array stays float64 (it does not become
    float32).
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("numpy_to_tensor: 아직 구현하지 않았습니다 / not implemented yet")


def list_to_tensor(values):
    """파이썬 리스트를 텐서로 / Python list to tensor.

    중첩된 리스트 `[[1, 2], [3, 4]]`는 모양이 `(2, 2)`인 텐서가 됩니다.
    정수만 있으면 int32, 실수가 있으면 float32 텐서입니다.

    A nested list such as `[[1, 2], [3, 4]]` becomes a tensor of shape
    `(2, 2)`: int32 when it holds only integers, float32 when it holds floats.
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("list_to_tensor: 아직 구현하지 않았습니다 / not implemented yet")


def tensor_to_numpy(tensor):
    """텐서를 넘파이 배열로 / Tensor to NumPy array.

    즉시 실행 모드에서는 텐서의 `.numpy()` 메서드가 값·모양·자료형이 같은
    `numpy.ndarray`를 돌려줍니다. 그래프를 그리거나 넘파이 함수를 쓸 때
    필요합니다.

    In eager mode a tensor's `.numpy()` method returns a `numpy.ndarray` with
    the same values, shape and dtype: what you need for plotting or for NumPy
    functions.
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("tensor_to_numpy: 아직 구현하지 않았습니다 / not implemented yet")


"""
## 3. 텐서 연산 / Tensor operations
"""


def add(a, b):
    """두 텐서 더하기 / Add two tensors.

    `tf.add`는 같은 위치의 원소끼리 더합니다(`a + b`와 같습니다). 모양이
    다르면 브로드캐스팅 규칙에 따라 맞춰집니다.

    `tf.add` adds element by element (the same as `a + b`); tensors of
    different shapes are matched by broadcasting.
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("add: 아직 구현하지 않았습니다 / not implemented yet")


def matmul(a, b):
    """행렬 곱 / Matrix multiplication.

    `tf.matmul`은 원소끼리 곱하는 `*`와 다릅니다. `(n, k)` 행렬과 `(k, m)`
    행렬을 곱해 `(n, m)` 행렬을 만듭니다. 완전 연결(Dense) 층이 하는 계산이
    바로 이것입니다.

    `tf.matmul` is not the element-wise `*`: it multiplies an `(n, k)` matrix
    by a `(k, m)` matrix into an `(n, m)` matrix. It is the computation a
    fully connected (Dense) layer performs.
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("matmul: 아직 구현하지 않았습니다 / not implemented yet")



def multiply(a, b):
    """원소별 곱셈 / Element-wise multiplication.

    강의가 꼽은 텐서 연산 중 하나인 텐서 곱셈입니다. `tf.multiply(a, b)`(또는
    `a * b`)는 같은 위치의 원소끼리 곱합니다. 행렬 곱셈 `tf.matmul`과 다릅니다:
    `(2, 3)`과 `(2, 3)`의 원소별 곱은 `(2, 3)`이지만 행렬 곱은 할 수 없습니다.
    모양이 다르면 브로드캐스팅 규칙에 따라 맞춰집니다.

    Tensor multiplication, one of the tensor operations the lecture lists.
    `tf.multiply(a, b)` (or `a * b`) multiplies element by element. It is not
    the matrix product `tf.matmul`: two `(2, 3)` tensors multiply element-wise
    into a `(2, 3)` tensor, but have no matrix product. Tensors of different
    shapes are matched by broadcasting.

    예 / Example: `multiply([[1, 2], [3, 4]], [[5, 6], [7, 8]])` → `[[5, 12], [21, 32]]`
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("multiply: 아직 구현하지 않았습니다 / not implemented yet")


def apply_activation(x, activation):
    """텐서에 활성화 함수 적용하기 / Apply an activation function to a tensor.

    활성화 함수 적용도 텐서 연산입니다. `x`를 float32 텐서로 바꾼 뒤
    `activation`에 따라 다음을 적용해 돌려주세요.

    - `"relu"`: 음수 입력은 0, 양수 입력은 그대로 반환 (`tf.nn.relu`)
    - `"sigmoid"`: `1 / (1 + exp(-x))`, 0과 1 사이 (`tf.nn.sigmoid`)
    - `"tanh"`: -1과 1 사이 (`tf.nn.tanh`)
    - `"softmax"`: 마지막 축(각 행) 위에서 계산해 각 행의 합이 1
      (`tf.nn.softmax`). 강의 모델의 출력층이 10개 클래스의 확률을 이렇게 냅니다.

    다른 이름은 `ValueError`입니다.

    Applying an activation function is a tensor operation too. Turn `x` into a
    float32 tensor and apply, by `activation`:

    - `"relu"`: negative inputs become 0, positive inputs are returned
      unchanged (`tf.nn.relu`)
    - `"sigmoid"`: `1 / (1 + exp(-x))`, between 0 and 1 (`tf.nn.sigmoid`)
    - `"tanh"`: between -1 and 1 (`tf.nn.tanh`)
    - `"softmax"`: over the last axis (each row), so that each row sums to 1
      (`tf.nn.softmax`): how the lecture model's output layer gives the
      probabilities of the 10 classes.

    Any other name is a `ValueError`.

    예 / Example: `apply_activation([-2.0, 0.0, 3.0], "relu")` → `[0.0, 0.0, 3.0]`
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("apply_activation: 아직 구현하지 않았습니다 / not implemented yet")


"""
## 4. 텐서 만들기 / Creating tensors
"""


def zeros(rows, cols):
    """0으로 채운 텐서 / A tensor of zeros.

    모양이 `(rows, cols)`이고 모든 원소가 0인 float32 텐서를 만드세요.

    Make a float32 tensor of shape `(rows, cols)` whose elements are all 0.
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("zeros: 아직 구현하지 않았습니다 / not implemented yet")


def ones(rows, cols):
    """1로 채운 텐서 / A tensor of ones.

    모양이 `(rows, cols)`이고 모든 원소가 1인 float32 텐서를 만드세요.

    Make a float32 tensor of shape `(rows, cols)` whose elements are all 1.
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("ones: 아직 구현하지 않았습니다 / not implemented yet")


def fill(rows, cols, value):
    """같은 값으로 채운 텐서 / A tensor filled with one value.

    `tf.fill`은 모양(리스트)과 값을 받아 모든 원소가 그 값인 텐서를 만듭니다.
    자료형은 `value`를 따릅니다.

    `tf.fill` takes a shape (a list) and a value and makes a tensor whose every
    element is that value; its dtype follows `value`.
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("fill: 아직 구현하지 않았습니다 / not implemented yet")


"""
## 5. 텐서 정보와 즉시 실행 / Tensor facts and eager execution
"""


def tensor_info(tensor):
    """텐서의 랭크·모양·자료형·장치 / A tensor's rank, shape, dtype and device.

    랭크(rank)는 축의 개수입니다: 스칼라 0, 벡터 1, 행렬 2, 이미지 묶음
    `(N, 28, 28, 1)`은 4. 다음 키를 가진 딕셔너리를 돌려주세요.
    `rank` (int), `shape` (int의 튜플, 예: `(2, 3)`), `dtype` (문자열, 예:
    `"float32"`), `device` (텐서가 놓인 장치 이름, 예:
    `"/job:localhost/replica:0/task:0/device:CPU:0"`).

    The rank is the number of axes: 0 for a scalar, 1 for a vector, 2 for a
    matrix, 4 for a batch of images `(N, 28, 28, 1)`. Return a dict with the
    keys `rank` (int), `shape` (a tuple of ints such as `(2, 3)`), `dtype` (a
    string such as `"float32"`) and `device` (the name of the device holding
    the tensor).
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("tensor_info: 아직 구현하지 않았습니다 / not implemented yet")


def is_eager():
    """즉시 실행 확인 / Is eager execution on?

    텐서플로 2는 기본으로 즉시 실행(eager execution) 모드입니다. 연산을
    쓰자마자 계산되고 결과를 바로 볼 수 있습니다. 텐서플로 1은 그래프를 먼저
    만들고 세션에서 실행했습니다. `tf.executing_eagerly()`의 결과를
    돌려주세요.

    TensorFlow 2 runs eagerly by default: an operation is computed as soon as
    it is written and its result can be read at once (TensorFlow 1 built a
    graph first and ran it in a session). Return the result of
    `tf.executing_eagerly()`.
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("is_eager: 아직 구현하지 않았습니다 / not implemented yet")


"""
## 6. 자동 미분과 그래프 / Automatic differentiation and graphs
"""


def gradient(x):
    """자동 미분 / Automatic differentiation.

    `tf.GradientTape`는 테이프 블록(`with tf.GradientTape() as ...`) 안에서 한
    계산을 기록했다가 `tape.gradient(y, x)`로 미분값을 구합니다. 테이프는
    `tf.Variable`을 저절로 지켜보고(watch), `tf.constant`는
    `tape.watch(x)`를 불러야 지켜봅니다. `x`(실수 하나 또는 실수 리스트)를 float32
    변수로 만들고, 테이프 블록 안에서 `y = x * x + 3 * x`를 계산한 뒤 `x`에 대한
    `y`의 미분값을 돌려주세요. 손으로 미분하면 `2 * x + 3`이므로 `x = 2`이면 7입니다.

    `tf.GradientTape` records a computation made inside its block
    (`with tf.GradientTape() as ...`) and gives the derivative with
    `tape.gradient(y, x)`. The tape watches a `tf.Variable` by itself; a
    `tf.constant` only after `tape.watch(x)`. Make `x` (a float or a list of
    floats) a float32 variable, compute `y = x * x + 3 * x` inside the tape's
    block, and return the derivative of `y` with respect to `x`. By hand it is
    `2 * x + 3`, so 7 at `x = 2`.

    예 / Example: `gradient([1.0, 2.0])` → `<tf.Tensor: shape=(2,), dtype=float32, numpy=array([5., 7.])>`
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("gradient: 아직 구현하지 않았습니다 / not implemented yet")


@tf.function
def graph_sum_of_squares(x):
    """그래프 기반 계산 / Graph-based computation.

    `@tf.function`을 붙인 함수는 처음 불릴 때 파이썬 코드를 한 번 실행하며
    계산 그래프를 만들고(tracing), 그다음부터는 그 그래프를 실행합니다. 그래서
    함수 안에서는 `x`가 아직 값이 없는 기호 텐서(symbolic tensor)입니다.
    `.numpy()`나 넘파이 함수는 쓸 수 없고, `print` 같은 파이썬 부수 효과는 그래프를
    만들 때 한 번만 실행됩니다. 텐서플로 연산만으로 `x`의 원소를 제곱해 모두 더한
    값을 돌려주세요: `tf.reduce_sum(x * x)`. 결과는 즉시 실행 모드와 같아야 합니다.

    A function decorated with `@tf.function` runs its Python code once, on its
    first call, to build a computation graph (tracing), and from then on runs
    that graph. Inside it, `x` is a symbolic tensor with no value yet: there is
    no `.numpy()` and no NumPy function, and a Python side effect such as
    `print` runs only while tracing. With TensorFlow operations only, return
    the sum of the squares of `x`'s elements (`tf.reduce_sum(x * x)`), the same
    value as in eager mode.

    예 / Example: `graph_sum_of_squares(tf.constant([1.0, 2.0, 3.0]))` → `14.0`
    """
    # 여기에 코드를 작성하세요 / YOUR CODE HERE
    raise NotImplementedError("graph_sum_of_squares: 아직 구현하지 않았습니다 / not implemented yet")
