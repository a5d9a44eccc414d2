"""Public checks for the `tensors` module: types, dtypes, shapes, values.

Inputs are non-square on purpose, so a swapped (rows, cols) or a transposed
result shows up as a wrong shape.
"""

import re

import numpy as np

from grader.checks import CallError, check, dtype, fail, require, shared_helpers, tensor, variable
from grader.korean import particle
from grader.messages import Text

lecture = shared_helpers(__file__)

A23 = [[1, 2, 3], [4, 5, 6]]


def _is_tensor(v, function: str, hint_ko: str, hint_en: str) -> None:
    require(v.kind == "Tensor", ko=f"{function}은(는) tf.Tensor를 돌려주어야 합니다.",
            en=f"{function} must return a tf.Tensor.", expected="tf.Tensor", found=v.short(),
            hint_ko=hint_ko, hint_en=hint_en)


def _same(v, want: np.ndarray, what_ko: str, what_en: str) -> None:
    """dtype, shape and values of ``v`` against ``want`` (in that order, with a hint for each)."""
    want = np.asarray(want)
    require(v.dtype == str(want.dtype), ko=f"{what_ko}의 dtype이 다릅니다.", en=f"{what_en} has the wrong dtype.",
            expected=str(want.dtype), found=str(v.dtype),
            hint_ko="dtype을 바꾸지 마세요. tf.constant(..., dtype=tf.float32)처럼 dtype을 새로 정하면 값의 자료형이 바뀝니다.",
            hint_en="Keep the dtype: giving a new dtype (tf.constant(..., dtype=tf.float32)) converts the values.")
    require(v.shape == want.shape, ko=f"{what_ko}의 모양(shape)이 다릅니다.", en=f"{what_en} has the wrong shape.",
            expected=str(want.shape), found=str(v.shape),
            hint_ko="행과 열이 바뀌지 않았는지 확인하세요: (행, 열) 순서입니다.",
            hint_en="Check that rows and columns are not swapped: the order is (rows, cols).")
    require(np.allclose(v.array, want), ko=f"{what_ko}의 값이 다릅니다.", en=f"{what_en} has the wrong values.",
            expected=str(want.tolist())[:120], found=str(np.asarray(v.array).tolist())[:120])


# ---------------------------------------------------------------- variables and constants

@check("tensors.make_variable: returns a tf.Variable", id="kind", ko="tf.Variable을 돌려준다")
def test_make_variable_kind(sub):
    """Does make_variable return a tf.Variable (not a constant or an array)?"""
    v = sub.call("tensors.make_variable", A23)
    require(v.kind == "Variable", ko="tf.Variable을 돌려주어야 합니다.", en="Return a tf.Variable.",
            expected="tf.Variable", found=v.short(),
            hint_ko="강의의 변수 만들기를 찾아보세요: 바꿀 수 있는 텐서는 `tf.Variable`이고, `tf.constant`는 바꿀 수 없는 텐서입니다.",
            hint_en="Look up creating a variable in the lecture: the tensor that can change is `tf.Variable`; `tf.constant` is immutable.")
    require(v.dtype == "int32", ko="기본 dtype은 int32입니다.", en="The default dtype is int32.",
            expected="int32", found=str(v.dtype),
            hint_ko="dtype 인자를 tf.Variable에 그대로 넘기세요.",
            hint_en="Pass the dtype argument on to tf.Variable.")
    require(v.shape == (2, 3) and np.array_equal(v.array, A23), ko="값이나 모양이 다릅니다.",
            en="The values or the shape differ.", expected="(2, 3) [[1, 2, 3], [4, 5, 6]]",
            found=f"{v.shape} {str(v.array.tolist())[:80]}")


@check("tensors.make_variable: keeps the dtype asked for", id="dtype", ko="요청한 dtype을 지킨다")
def test_make_variable_dtype(sub):
    """Does make_variable(value, dtype=tf.float64) hold float64 values, not the default int32/float32?"""
    v = sub.call("tensors.make_variable", A23, dtype=dtype("float64"))
    require(v.dtype == "float64", ko="dtype=tf.float64로 불렀는데 dtype이 다릅니다.",
            en="Called with dtype=tf.float64, the dtype differs.", expected="float64", found=str(v.dtype),
            hint_ko="dtype을 고정하지 마세요. `tf.Variable` 문서에서 dtype을 정하는 인자를 찾아보세요.",
            hint_en="Do not hard-code a dtype: look up which argument of `tf.Variable` sets it.")
    _same(v, np.array(A23, dtype="float64"), "변수", "The variable")


@check("tensors.assign_value: changes the same variable in place", id="in_place", ko="같은 변수를 제자리에서 바꾼다")
def test_assign_value(sub):
    """Does assign_value change the variable's value with .assign and return that same variable?"""
    start = variable(A23, "int32")
    new = [[7, 8, 9], [10, 11, 12]]
    v = sub.call("tensors.assign_value", start, new, inspect_args=True)
    after = v.args_after[0] if v.args_after else None
    require(after is not None and after.kind == "Variable" and np.array_equal(after.array, new),
            ko="호출한 뒤에도 넘겨준 변수의 값이 바뀌지 않았습니다.",
            en="After the call, the variable passed in still holds its old value.",
            expected=str(new), found=str(after.array.tolist()) if after is not None and after.is_tensor_like
            else "?",
            hint_ko="variable = 새 값 은 이름만 바꿉니다. variable.assign(new_value)으로 그 자리에서 바꾸세요.",
            hint_en="variable = new only rebinds a name; change it in place with variable.assign(new_value).")
    require(v.same_as_arg[0] if v.same_as_arg else False,
            ko="넘겨받은 바로 그 변수 객체를 돌려주어야 합니다.", en="Return the very variable object passed in.",
            expected=Text("같은 tf.Variable", "the same tf.Variable"), found=v.short(),
            hint_ko="variable.assign(new_value)으로 값을 바꾼 뒤 return variable 하세요. 새 tf.Variable을 만들지 말고, "
                    "assign이 돌려주는 객체도 변수 자신이 아닙니다.",
            hint_en="Change it with variable.assign(new_value), then return variable. Do not create a new "
                    "tf.Variable; the object assign returns is not the variable itself either.")


@check("tensors.make_constant: returns an immutable tf.Tensor", id="kind", ko="바꿀 수 없는 tf.Tensor를 돌려준다")
def test_make_constant_kind(sub):
    """Does make_constant() return an immutable tf.Tensor (not a tf.Variable) holding 3.14 as float32?"""
    v = sub.call("tensors.make_constant")
    require(v.kind != "Variable", ko="상수는 바꿀 수 없어야 하는데 tf.Variable을 돌려주었습니다.",
            en="A constant must be immutable, but a tf.Variable was returned.",
            expected="tf.Tensor (tf.constant)", found=v.short(),
            hint_ko="`tf.Variable`은 .assign으로 바꿀 수 있습니다. 강의에서 바꿀 수 없는 텐서를 만드는 함수를 찾아보세요.",
            hint_en="A `tf.Variable` can change with .assign; look up the lecture's function for an immutable tensor.")
    _is_tensor(v, "make_constant", "강의에서 바꿀 수 없는 텐서(`tf.constant`)를 찾아보세요.",
               "Look up the immutable tensor (`tf.constant`) in the lecture.")
    require(v.dtype == "float32" and v.shape == () and np.isclose(float(v.array), 3.14),
            ko="기본값은 float32 스칼라 3.14입니다.", en="The default is the float32 scalar 3.14.",
            expected="float32 () 3.14", found=f"{v.dtype} {v.shape} {np.asarray(v.array).tolist()}"[:80],
            hint_ko="기본 인자 value=3.14, dtype=tf.float32를 그대로 쓰세요.",
            hint_en="Use the default arguments value=3.14 and dtype=tf.float32.")


@check("tensors.make_constant: keeps the dtype asked for", id="dtype", ko="요청한 dtype을 지킨다")
def test_make_constant_dtype(sub):
    """Does make_constant(value, dtype=tf.float16) hold float16 values of the value's shape?"""
    v = sub.call("tensors.make_constant", A23, dtype=dtype("float16"))
    require(v.dtype == "float16", ko="dtype=tf.float16으로 불렀는데 dtype이 다릅니다.",
            en="Called with dtype=tf.float16, the dtype differs.", expected="float16", found=str(v.dtype),
            hint_ko="`tf.constant` 문서에서 dtype을 정하는 인자를 찾아보세요.",
            hint_en="Look up which argument of `tf.constant` sets the dtype.")
    _same(v, np.array(A23, dtype="float16"), "상수", "The constant")


# ---------------------------------------------------------------- conversions

@check("tensors.numpy_to_tensor: keeps values, shape and dtype", id="same_values", ko="값·모양·dtype을 유지한다")
def test_numpy_to_tensor(sub):
    """Does numpy_to_tensor turn float64 and int64 arrays into tensors of the same dtype, shape and values?"""
    for array in (np.array([[0.5, 1.5, 2.5], [3.5, 4.5, 5.5]], dtype="float64"),
                  np.arange(6, dtype="int64").reshape(3, 2)):
        v = sub.call("tensors.numpy_to_tensor", array)
        _is_tensor(v, "numpy_to_tensor", "tf.convert_to_tensor(array)를 돌려주세요.",
                   "Return tf.convert_to_tensor(array).")
        _same(v, array, f"{array.dtype} 배열을 바꾼 텐서", f"The tensor made from a {array.dtype} array")


@check("tensors.list_to_tensor: converts nested lists", id="nested", ko="중첩 리스트를 텐서로 바꾼다")
def test_list_to_tensor(sub):
    """Does list_to_tensor turn nested int and float lists into int32 and float32 tensors of their shape?"""
    for values, want in ((A23, np.array(A23, dtype="int32")),
                         ([[1.5, 2.0], [3.0, 4.0], [5.0, 6.5]], np.array([[1.5, 2.0], [3.0, 4.0], [5.0, 6.5]],
                                                                        dtype="float32"))):
        v = sub.call("tensors.list_to_tensor", values)
        _is_tensor(v, "list_to_tensor", "tf.convert_to_tensor(values)를 돌려주세요.",
                   "Return tf.convert_to_tensor(values).")
        _same(v, want, "리스트를 바꾼 텐서", "The tensor made from the list")


@check("tensors.tensor_to_numpy: returns a numpy array", id="ndarray", ko="넘파이 배열을 돌려준다")
def test_tensor_to_numpy(sub):
    """Does tensor_to_numpy give a numpy.ndarray with the tensor's dtype, shape and values?"""
    for want in (np.array([[0.5, 1.0, 1.5], [2.0, 2.5, 3.0]], dtype="float32"),
                 np.arange(6, dtype="int32").reshape(3, 2)):
        v = sub.call("tensors.tensor_to_numpy", tensor(want))
        require(v.kind == "ndarray", ko="numpy.ndarray를 돌려주어야 합니다.", en="Return a numpy.ndarray.",
                expected="numpy.ndarray", found=v.short(),
                hint_ko="즉시 실행 모드에서는 tensor.numpy()가 넘파이 배열을 돌려줍니다.",
                hint_en="In eager mode, tensor.numpy() returns the NumPy array.")
        _same(v, want, "배열", "The array")


# ---------------------------------------------------------------- operations

@check("tensors.add: adds element by element", id="elementwise", ko="원소끼리 더한다")
def test_add(sub):
    """Does add return the element-wise sum of two (2, 3) tensors?"""
    a = np.array(A23, dtype="int32")
    b = np.array([[10, 20, 30], [40, 50, 60]], dtype="int32")
    v = sub.call("tensors.add", tensor(a), tensor(b))
    _is_tensor(v, "add", "`tf.add`를 찾아보세요.", "Look up `tf.add`.")
    _same(v, a + b, "합", "The sum")


@check("tensors.matmul: multiplies matrices", id="product", ko="행렬 곱을 계산한다")
def test_matmul(sub):
    """Does matmul give the (2, 4) matrix product of a (2, 3) and a (3, 4) matrix (not an element-wise product)?"""
    a = np.array(A23, dtype="float32")
    b = np.arange(12, dtype="float32").reshape(3, 4)
    hint_ko = ("행렬 곱은 tf.matmul(a, b)입니다. a * b는 같은 위치의 원소끼리 곱하는 원소별 곱이라 "
               "(2, 3)과 (3, 4)를 곱할 수 없습니다. (n, k) @ (k, m) → (n, m)")
    hint_en = ("The matrix product is tf.matmul(a, b). a * b is the element-wise product, which cannot "
               "combine (2, 3) with (3, 4). (n, k) @ (k, m) → (n, m)")
    try:
        v = sub.call("tensors.matmul", tensor(a), tensor(b))
    except CallError as error:
        if error.kind != "exception" or error.error_type == "NotImplementedError":
            raise
        fail(ko=f"(2, 3) 행렬과 (3, 4) 행렬의 곱에서 {error.error_type} 오류가 났습니다.",
             en=f"Multiplying a (2, 3) by a (3, 4) matrix raised {error.error_type}.",
             expected="(2, 4)", found=f"{error.error_type}: {_tf_message(error.message)}", hint_ko=hint_ko,
             hint_en=hint_en)
    _is_tensor(v, "matmul", "`tf.matmul`을 찾아보세요.", "Look up `tf.matmul`.")
    require(v.shape == (2, 4), ko="(2, 3) @ (3, 4)의 결과는 (2, 4)입니다.",
            en="(2, 3) @ (3, 4) gives a (2, 4) matrix.", expected="(2, 4)", found=str(v.shape),
            hint_ko=hint_ko, hint_en=hint_en)
    _same(v, a @ b, "행렬 곱", "The product")
    square_a = np.array([[1, 2], [3, 4]], dtype="float32")
    square_b = np.array([[5, 6], [7, 8]], dtype="float32")
    v = sub.call("tensors.matmul", tensor(square_a), tensor(square_b))
    require(v.is_tensor_like and not np.allclose(v.array, square_a * square_b)
            and np.allclose(v.array, square_a @ square_b),
            ko="[[1, 2], [3, 4]]와 [[5, 6], [7, 8]]의 행렬 곱이 다릅니다. 원소별 곱이 아닌지 확인하세요.",
            en="The product of [[1, 2], [3, 4]] and [[5, 6], [7, 8]] is wrong; is it element-wise?",
            expected=str((square_a @ square_b).tolist()),
            found=str(np.asarray(v.array).tolist()) if v.is_tensor_like else v.short(),
            hint_ko=hint_ko, hint_en=hint_en)


def _tf_message(message: str) -> str:
    """A TensorFlow error message without its ``{{function_node ...}}`` prefix, shortened."""
    return re.sub(r"\{\{.*?\}\}\s*", "", message).strip()[:120]


MULTIPLY_HINT = ("원소별 곱셈은 tf.multiply(a, b) 또는 a * b입니다. tf.matmul(a, b)과 a @ b는 행렬 곱셈이라 "
                 "(2, 3)과 (2, 3)을 곱할 수 없고, 정사각 행렬에서는 다른 값을 냅니다.",
                 "The element-wise product is tf.multiply(a, b) or a * b. tf.matmul(a, b) and a @ b are the "
                 "matrix product: it cannot combine (2, 3) with (2, 3), and gives other values for square "
                 "matrices.")


@check("tensors.multiply: multiplies element by element", id="elementwise", ko="원소끼리 곱한다")
def test_multiply(sub):
    """Does multiply return the element-wise product of two (2, 3) tensors and of two square matrices (not
    their matrix product)?"""
    a = np.array(A23, dtype="int32")
    b = np.array([[10, 20, 30], [40, 50, 60]], dtype="int32")
    try:
        v = sub.call("tensors.multiply", tensor(a), tensor(b))
    except CallError as error:
        if error.kind != "exception" or error.error_type == "NotImplementedError":
            raise
        fail(ko=f"모양이 (2, 3)인 두 텐서의 원소별 곱셈에서 {error.error_type} 오류가 났습니다.",
             en=f"The element-wise product of two (2, 3) tensors raised {error.error_type}.",
             expected="(2, 3)", found=f"{error.error_type}: {_tf_message(error.message)}",
             hint_ko=MULTIPLY_HINT[0], hint_en=MULTIPLY_HINT[1])
    _is_tensor(v, "multiply", "tf.multiply(a, b) 또는 a * b를 돌려주세요. np.multiply는 넘파이 배열을 돌려줍니다.",
               "Return tf.multiply(a, b) or a * b; np.multiply returns a NumPy array.")
    if v.shape == a.shape and np.array_equal(np.asarray(v.array), a + b):
        fail(ko="multiply가 곱 대신 합을 돌려주었습니다.", en="multiply returned the sum, not the product.",
             expected=str((a * b).tolist()), found=str(np.asarray(v.array).tolist()),
             hint_ko="tf.add가 아니라 tf.multiply(a, b)입니다.", hint_en="Not tf.add: tf.multiply(a, b).")
    _same(v, a * b, "원소별 곱", "The element-wise product")
    square_a = np.array([[1, 2], [3, 4]], dtype="float32")
    square_b = np.array([[5, 6], [7, 8]], dtype="float32")
    v = sub.call("tensors.multiply", tensor(square_a), tensor(square_b))
    got = np.asarray(v.array).tolist() if v.is_tensor_like else v.short()
    require(v.is_tensor_like and v.shape == (2, 2) and not np.allclose(v.array, square_a @ square_b),
            ko="[[1, 2], [3, 4]]와 [[5, 6], [7, 8]]에서 multiply가 행렬 곱셈을 돌려주었습니다.",
            en="For [[1, 2], [3, 4]] and [[5, 6], [7, 8]], multiply returned the matrix product.",
            expected=str((square_a * square_b).tolist()), found=str(got), hint_ko=MULTIPLY_HINT[0],
            hint_en=MULTIPLY_HINT[1])
    _same(v, square_a * square_b, "정사각 행렬의 원소별 곱", "The element-wise product of the square matrices")


@check("tensors.apply_activation: relu, sigmoid and tanh element by element", id="elementwise",
       ko="relu, sigmoid, tanh를 원소마다 적용한다")
def test_apply_activation(sub):
    """Does apply_activation give relu (negatives become 0, positives unchanged), sigmoid and tanh of each
    element, as a float32 tensor of the input's shape?"""
    for name in ("relu", "sigmoid", "tanh"):
        lecture.activation_result(sub, lecture.ACTIVATION_INPUT, name)


@check("tensors.apply_activation: softmax rows sum to 1", id="softmax_rows", ko="softmax는 각 행의 합이 1이다")
def test_apply_activation_softmax(sub):
    """Does apply_activation(x, "softmax") work over the last axis, so that each row of a (2, 3) input sums to 1
    (as the lecture model's output layer gives one probability per class)?"""
    lecture.activation_result(sub, lecture.ACTIVATION_INPUT, "softmax")


@check("tensors.apply_activation: another name is a ValueError", id="unknown_name", ko="다른 이름은 ValueError이다")
def test_apply_activation_unknown(sub):
    """Does apply_activation raise ValueError for a name that is not relu, sigmoid, tanh or softmax?"""
    hint = ('if activation == "relu": ... 처럼 네 이름을 고르고, 나머지는 raise ValueError(...)로 알리세요. '
            "딕셔너리에서 바로 꺼내면 KeyError가 납니다.",
            'Pick the four names (if activation == "relu": ...) and raise ValueError(...) for any other; a '
            "plain dict lookup raises KeyError instead.")
    answered = False  # refusing other names counts only beside a function that answers the four it knows
    for known in ("relu", "sigmoid", "tanh", "softmax"):
        try:
            sub.call("tensors.apply_activation", tensor(lecture.ACTIVATION_INPUT), known)
            answered = True
            break
        except CallError as error:
            if error.kind != "exception" or error.error_type == "NotImplementedError":
                raise
    require(answered, ko="apply_activation이 relu, sigmoid, tanh, softmax 어느 이름에도 값을 돌려주지 않아서, 다른 "
                         "이름만 ValueError로 거르는지 알 수 없습니다.",
            en="apply_activation returned no value for relu, sigmoid, tanh or softmax, so whether it refuses only "
               "other names cannot be told.", expected="a tensor for the four names, ValueError for others",
            found="an error for every name", hint_ko=hint[0], hint_en=hint[1])
    try:
        v = sub.call("tensors.apply_activation", tensor(lecture.ACTIVATION_INPUT), "step")
    except CallError as error:
        if error.kind != "exception" or error.error_type in ("NotImplementedError", "ValueError"):
            if error.error_type == "ValueError":
                return
            raise
        fail(ko=f'apply_activation(x, "step")에서 ValueError 대신 {error.error_type} 오류가 났습니다.',
             en=f'apply_activation(x, "step") raised {error.error_type}, not ValueError.', expected="ValueError",
             found=error.error_type, hint_ko=hint[0], hint_en=hint[1])
    fail(ko='모르는 이름 "step"에 apply_activation이 오류 없이 값을 돌려주었습니다.',
         en='For the unknown name "step", apply_activation returned a value instead of raising an error.',
         expected="ValueError", found=v.short(), hint_ko=hint[0], hint_en=hint[1])


# ---------------------------------------------------------------- creating tensors

def _filled(sub, function: str, args: tuple, rows: int, cols: int, value, dtype_name: str | None,
            tf_call: str) -> None:
    v = sub.call(f"tensors.{function}", *args)
    name = f"`{tf_call.split('(')[0]}`"  # what to look up, not the answer line
    _is_tensor(v, function, f"{particle(name, '을')} 찾아보세요.", f"Look up {name}.")
    require(v.shape == (rows, cols), ko=f"{function}{args}의 모양은 (rows, cols) = ({rows}, {cols})입니다.",
            en=f"{function}{args} has shape (rows, cols) = ({rows}, {cols}).", expected=str((rows, cols)),
            found=str(v.shape),
            hint_ko="모양은 [rows, cols] 순서로 넘기세요. 행과 열이 바뀌면 전치된 텐서가 됩니다.",
            hint_en="Pass the shape as [rows, cols]; swapping them gives the transposed tensor.")
    if dtype_name is not None:
        require(v.dtype == dtype_name, ko=f"{function}은(는) {dtype_name} 텐서를 만들어야 합니다.",
                en=f"{function} must make a {dtype_name} tensor.", expected=dtype_name, found=str(v.dtype),
                hint_ko="dtype=tf.float32를 주세요.", hint_en="Give dtype=tf.float32.")
    require(np.all(np.asarray(v.array) == value), ko=f"모든 원소가 {value}이어야 합니다.",
            en=f"Every element must be {value}.", expected=str(value),
            found=str(np.unique(np.asarray(v.array)).tolist())[:80])


@check("tensors.zeros: float32 zeros of shape (rows, cols)", id="shape", ko="(rows, cols) 모양의 float32 0 텐서를 만든다")
def test_zeros(sub):
    """Is zeros(2, 3) a float32 (2, 3) tensor of zeros?"""
    _filled(sub, "zeros", (2, 3), 2, 3, 0, "float32", "tf.zeros((rows, cols), dtype=tf.float32)")


@check("tensors.ones: float32 ones of shape (rows, cols)", id="shape", ko="(rows, cols) 모양의 float32 1 텐서를 만든다")
def test_ones(sub):
    """Is ones(3, 2) a float32 (3, 2) tensor of ones?"""
    _filled(sub, "ones", (3, 2), 3, 2, 1, "float32", "tf.ones((rows, cols), dtype=tf.float32)")


@check("tensors.fill: every element is the value", id="value", ko="모든 원소가 주어진 값이다")
def test_fill(sub):
    """Are fill(2, 3, 7) and fill(3, 2, 1.5) tensors of their shape whose elements are all the value?"""
    _filled(sub, "fill", (2, 3, 7), 2, 3, 7, None, "tf.fill([rows, cols], value)")
    _filled(sub, "fill", (3, 2, 1.5), 3, 2, 1.5, None, "tf.fill([rows, cols], value)")


# ---------------------------------------------------------------- facts about tensors

@check("tensors.tensor_info: rank, shape, dtype and device", id="fields", ko="랭크·모양·dtype·장치를 알려 준다")
def test_tensor_info(sub):
    """Does tensor_info report rank (int), shape (tuple of ints), dtype (str) and device (str) correctly?"""
    for want in (np.zeros((2, 3), dtype="float32"), np.zeros((3, 4, 2), dtype="int32")):
        v = sub.call("tensors.tensor_info", tensor(want))
        lecture.check_info(sub, v, want, f"{want.dtype} {want.shape} 텐서의", f"a {want.dtype} {want.shape} tensor")


@check("tensors.is_eager: eager execution is on", id="eager", ko="즉시 실행 모드가 켜져 있다")
def test_is_eager(sub):
    """Does is_eager return True, the result of tf.executing_eagerly()?"""
    v = sub.call("tensors.is_eager")
    require(v.kind == "bool" and v.python() is True, ko="즉시 실행 모드이므로 True를 돌려주어야 합니다.",
            en="Eager execution is on, so return True.", expected="True", found=v.short(),
            hint_ko="tf.executing_eagerly()를 호출한 결과(괄호까지)를 return 하세요.",
            hint_en="Return the result of calling tf.executing_eagerly() (with the parentheses).")


# ---------------------------------------------------------------- automatic differentiation and graphs

@check("tensors.gradient: dy/dx = 2x + 3 with tf.GradientTape", id="tape", ko="tf.GradientTape로 dy/dx = 2x + 3을 구한다")
def test_gradient(sub):
    """Does gradient give the derivative of y = x * x + 3 * x, 2 * x + 3, at a float and at a list of floats, as a
    float32 tensor?"""
    lecture.gradient_result(sub, 2.0)
    lecture.gradient_result(sub, [1.0, -2.0, 0.5])


@check("tensors.graph_sum_of_squares: runs as a tf.function graph", id="graph", ko="tf.function 그래프로 실행된다")
def test_graph_is_tf_function(sub):
    """Is graph_sum_of_squares a function decorated with @tf.function (graph execution), that runs without
    error on a float32 tensor?"""
    v = lecture.graph_call(sub, lecture.GRAPH_INPUT)
    require(v.function.get("graph") is True,
            ko="graph_sum_of_squares가 @tf.function이 붙지 않은 보통의 파이썬 함수라 즉시 실행 모드로 실행되었습니다.",
            en="graph_sum_of_squares is a plain Python function without @tf.function, so it ran eagerly.",
            expected=Text("@tf.function을 붙인 함수 (그래프 실행)", "a function decorated with @tf.function (graph)"),
            found=Text("보통의 파이썬 함수 (즉시 실행)", "a plain Python function (eager)"),
            hint_ko="def 바로 위 줄에 @tf.function을 붙이세요. 그러면 처음 부를 때 그래프를 만들고 그 뒤로는 "
                    "그래프를 실행합니다.",
            hint_en="Put @tf.function on the line right above def: the first call then traces a graph, and "
                    "later calls run it.")


@check("tensors.graph_sum_of_squares: the same value as eager execution", id="same_as_eager", ko="즉시 실행과 같은 값을 낸다")
def test_graph_value(sub):
    """Does graph_sum_of_squares give tf.reduce_sum(x * x), the eager value, on every call: twice for one
    input (no state kept between calls) and for another input of the same shape (no value frozen when
    traced)?"""
    other = np.array([[0.5, 1.0, -1.0], [2.0, -3.0, 4.0]], dtype="float32")
    lecture.graph_values(sub, lecture.GRAPH_INPUT, other)
