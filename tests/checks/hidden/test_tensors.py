"""Hidden checks for the `tensors` module: the same behaviour on other inputs, and edge cases.

Messages describe the problem in words; they never show the inputs used here.
"""


import numpy as np

from grader.checks import (
    CallError,
    check,
    dtype,
    require,
    same_rule_as,
    shared_helpers,
    tensor,
    variable,
)
from grader.messages import Text

lecture = shared_helpers(__file__)


def _matches(v, want: np.ndarray) -> bool:
    return (v.is_tensor_like and v.dtype == str(want.dtype) and v.shape == want.shape
            and np.allclose(np.asarray(v.array, dtype="float64"), want.astype("float64")))


@check("tensors.make_variable: other values and dtypes", id="other_values", ko="다른 값과 dtype에서도 맞다")
def test_make_variable_other(sub):
    """Does make_variable hold scalars, 3-D values and other dtypes exactly as asked?"""
    with same_rule_as("tensors.make_variable"):
        cases = [((5,), {}, np.array(5, dtype="int32")),
                 (([1, 2, 3],), {"dtype": dtype("float32")}, np.array([1, 2, 3], dtype="float32")),
                 ((np.arange(24).reshape(2, 3, 4),), {"dtype": dtype("int64")},
                  np.arange(24, dtype="int64").reshape(2, 3, 4))]
        for args, kwargs, want in cases:
            v = lecture.quiet_call(sub, "tensors.make_variable", *args, **kwargs)
            require(v.kind == "Variable" and _matches(v, want),
                    ko="다른 값과 dtype으로 부르자 make_variable의 결과가 달랐습니다 (종류, dtype, 모양 또는 값).",
                    en="With other values and dtypes, make_variable gave a different result "
                       "(kind, dtype, shape or values).",
                    expected=Text("요청한 값·모양·dtype의 tf.Variable", "a tf.Variable with the value, shape and dtype asked for"), found=v.kind,
                    hint_ko="값과 dtype 인자를 바꾸지 말고 그대로 쓰세요. `tf.Variable` 문서에서 dtype 인자를 찾아보세요.",
                    hint_en="Use the value and the dtype argument unchanged; look up the dtype argument of `tf.Variable`.")


@check("tensors.assign_value: other shapes and dtypes", id="other_shapes", ko="다른 모양과 dtype에서도 맞다")
def test_assign_value_other(sub):
    """Does assign_value change a float variable of another shape in place and return it?"""
    with same_rule_as("tensors.assign_value: changes the same variable in place"):
        new = np.array([[0.25, -1.0], [2.5, 3.0], [4.0, -0.5]], dtype="float32")
        v = lecture.quiet_call(sub, "tensors.assign_value", variable(np.zeros((3, 2)), "float32"), new.tolist(),
                               inspect_args=True)
        after = v.args_after[0] if v.args_after else None
        changed = after is not None and after.kind == "Variable" and _matches(after, new)
        same = bool(v.same_as_arg and v.same_as_arg[0])
        require(changed and same,
                ko="다른 모양의 실수 변수에서 assign_value가 그 변수를 제자리에서 바꾸어 돌려주지 않았습니다.",
                en="For a float variable of another shape, assign_value did not change it in place and return it.",
                expected=Text("새 값을 담은 같은 변수", "the same variable, holding the new value"),
                found=Text("값은 바뀌었지만 다른 객체", "changed, but another object") if changed
                else Text("값이 바뀌지 않음", "value unchanged"),
                hint_ko="variable.assign(new_value) 다음 return variable.",
                hint_en="variable.assign(new_value), then return variable.")


@check("tensors.make_constant: other values and dtypes", id="other_values", ko="다른 값과 dtype에서도 맞다")
def test_make_constant_other(sub):
    """Does make_constant make immutable tensors of integer and float64 values as asked?"""
    with same_rule_as("tensors.make_constant"):
        cases = [((7,), {"dtype": dtype("int64")}, np.array(7, dtype="int64")),
                 (([1.5, 2.5, -3.0],), {"dtype": dtype("float64")}, np.array([1.5, 2.5, -3.0], dtype="float64"))]
        for args, kwargs, want in cases:
            v = lecture.quiet_call(sub, "tensors.make_constant", *args, **kwargs)
            require(v.kind == "Tensor" and _matches(v, want),
                    ko="다른 값과 dtype으로 부르자 make_constant의 결과가 달랐습니다 (종류, dtype, 모양 또는 값).",
                    en="With other values and dtypes, make_constant gave a different result "
                       "(kind, dtype, shape or values).",
                    expected=Text("요청한 값·모양·dtype의 tf.Tensor", "a tf.Tensor with the value, shape and dtype asked for"), found=v.kind,
                    hint_ko="값과 dtype 인자를 바꾸지 말고 그대로 쓰세요. `tf.constant` 문서에서 dtype 인자를 찾아보세요.",
                    hint_en="Use the value and the dtype argument unchanged; look up the dtype argument of `tf.constant`.")


@check("tensors.matmul: other shapes", id="other_shapes", ko="다른 모양의 행렬도 곱한다")
def test_matmul_other(sub):
    """Does matmul give the matrix product for row-times-column, column-times-row and integer matrices?"""
    with same_rule_as("tensors.matmul: multiplies matrices"):
        rng = np.random.default_rng(6)
        cases = [(rng.integers(-3, 4, (1, 4)).astype("float32"), rng.integers(-3, 4, (4, 1)).astype("float32")),
                 (rng.integers(-3, 4, (4, 1)).astype("float32"), rng.integers(-3, 4, (1, 3)).astype("float32")),
                 (rng.integers(-3, 4, (3, 2)).astype("int32"), rng.integers(-3, 4, (2, 5)).astype("int32"))]
        for a, b in cases:
            try:
                v = sub.call("tensors.matmul", tensor(a), tensor(b))
            except CallError as error:
                if error.kind != "exception" or error.error_type == "NotImplementedError":
                    raise
                v = None
            require(v is not None and _matches(v, a @ b),
                    ko="다른 모양의 행렬에서 matmul이 행렬 곱을 돌려주지 않았습니다.",
                    en="For matrices of other shapes, matmul did not return the matrix product.",
                    expected=Text("(n, k)와 (k, m)의 행렬 곱 (n, m)", "the (n, m) matrix product of (n, k) and (k, m)"),
                    found=Text("오류", "an error") if v is None else Text("다른 결과", "a different result"),
                    hint_ko="tf.matmul(a, b)은 (n, k)와 (k, m)을 (n, m)으로 곱합니다. a * b는 원소별 곱입니다.",
                    hint_en="tf.matmul(a, b) multiplies (n, k) by (k, m) into (n, m); a * b is element-wise.")


@check("tensors.tensor_info: scalars and other ranks", id="other_ranks", ko="스칼라와 다른 랭크에서도 맞다")
def test_tensor_info_other(sub):
    """Does tensor_info describe a scalar and a 4-D float64 tensor correctly?"""
    with same_rule_as("tensors.tensor_info: rank, shape, dtype and device"):
        for want in (np.array(2.5, dtype="float32"), np.zeros((2, 1, 3, 2), dtype="float64")):
            v = lecture.quiet_call(sub, "tensors.tensor_info", tensor(want))
            lecture.check_info(sub, v, want, "다른 텐서에서", "another tensor", hidden=True)


@check("tensors.multiply: other shapes and broadcasting", id="other_shapes", ko="다른 모양과 브로드캐스팅에서도 맞다")
def test_multiply_other(sub):
    """Does multiply give the element-wise product for float matrices, a row broadcast over a matrix and a
    column times a row?"""
    with same_rule_as("tensors.multiply"):
        rng = np.random.default_rng(23)
        cases = [(rng.normal(size=(3, 3)).astype("float32"), rng.normal(size=(3, 3)).astype("float32")),
                 (rng.integers(-4, 5, (4, 3)).astype("int32"), rng.integers(-4, 5, (3,)).astype("int32")),
                 (rng.normal(size=(3, 1)).astype("float32"), rng.normal(size=(1, 4)).astype("float32"))]
        for a, b in cases:
            try:
                v = sub.call("tensors.multiply", tensor(a), tensor(b))
            except CallError as error:
                if error.kind != "exception" or error.error_type == "NotImplementedError":
                    raise
                v = None
            require(v is not None and v.kind == "Tensor" and _matches(v, a * b),
                    ko="다른 모양의 텐서에서 multiply가 원소별 곱을 돌려주지 않았습니다.",
                    en="For tensors of other shapes, multiply did not return the element-wise product.",
                    expected=Text("원소별 곱 (브로드캐스팅 포함)", "the element-wise product (with broadcasting)"),
                    found=Text("오류", "an error") if v is None else Text("다른 결과", "a different result"),
                    hint_ko="tf.multiply(a, b) 또는 a * b는 모양이 달라도 브로드캐스팅 규칙으로 맞춰 곱합니다. "
                            "tf.matmul은 행렬 곱셈입니다.",
                    hint_en="tf.multiply(a, b) or a * b matches other shapes by broadcasting; tf.matmul is the "
                            "matrix product.")


@check("tensors.apply_activation: other shapes", id="other_shapes", ko="다른 모양에서도 맞다")
def test_apply_activation_other(sub):
    """Does apply_activation hold for a vector and a 3-D tensor (softmax over the last axis there too)?"""
    rng = np.random.default_rng(24)
    vector = rng.normal(size=(5,)).astype("float32") * 3
    cube = rng.normal(size=(2, 3, 4)).astype("float32") * 2
    with same_rule_as("tensors.apply_activation: relu, sigmoid and tanh element by element"):
        for name in ("relu", "sigmoid", "tanh"):
            lecture.activation_result(sub, vector, name, hidden=True)
            lecture.activation_result(sub, cube, name, hidden=True)
    with same_rule_as("tensors.apply_activation: softmax rows sum to 1"):
        lecture.activation_result(sub, vector, "softmax", hidden=True)
        lecture.activation_result(sub, cube, "softmax", hidden=True)


@check("tensors.gradient: other points", id="other_points", ko="다른 점에서도 맞다")
def test_gradient_other(sub):
    """Does gradient give 2 * x + 3 at a negative float, at -1.5 (where it is 0) and at a longer list?"""
    with same_rule_as("tensors.gradient"):
        for x in (-4.0, -1.5, [0.0, 10.0, -0.25, 3.5, -7.0]):
            lecture.gradient_result(sub, x, hidden=True)


@check("tensors.graph_sum_of_squares: other shapes", id="other_shapes", ko="다른 모양에서도 맞다")
def test_graph_other(sub):
    """Does graph_sum_of_squares give the eager value for a vector and a 3-D tensor (each a new trace)?"""
    rng = np.random.default_rng(25)
    with same_rule_as("tensors.graph_sum_of_squares: the same value as eager execution"):
        for shape in ((7,), (2, 2, 3)):
            lecture.graph_values(sub, rng.normal(size=shape).astype("float32"),
                                 rng.normal(size=shape).astype("float32"), hidden=True)
