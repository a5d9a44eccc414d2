# Correct: other tensor idioms (tf.constant for conversions, operators, .ndim, shape lists).
import numpy as np


def make_variable(value, dtype=tf.int32):
    return tf.Variable(initial_value=value, dtype=dtype)


def assign_value(variable, new_value):
    variable.assign(tf.constant(new_value, dtype=variable.dtype))
    return variable


def make_constant(value=3.14, dtype=tf.float32):
    return tf.constant(value, dtype)


def numpy_to_tensor(array):
    return tf.constant(array)


def list_to_tensor(values):
    return tf.constant(values)


def tensor_to_numpy(tensor):
    return np.array(tensor)


def add(a, b):
    return a + b


def matmul(a, b):
    return a @ b


def zeros(rows, cols):
    return tf.zeros([rows, cols])


def ones(rows, cols):
    return tf.ones(shape=(rows, cols), dtype="float32")


def fill(rows, cols, value):
    return tf.fill((rows, cols), value)


def tensor_info(tensor):
    return {"rank": tensor.ndim, "shape": tuple(tensor.shape.as_list()), "dtype": tensor.dtype.name,
            "device": tensor.device}


def is_eager():
    return bool(tf.executing_eagerly())
