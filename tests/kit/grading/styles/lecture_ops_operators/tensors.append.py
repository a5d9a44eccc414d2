# Correct: the lecture's operations with operators and formulas written out, a watched constant, a retracing-aware graph.


def multiply(a, b):
    return a * b


def apply_activation(x, activation):
    x = tf.cast(x, tf.float32)
    if activation == "relu":
        return tf.maximum(x, 0.0)
    elif activation == "sigmoid":
        return 1.0 / (1.0 + tf.exp(-x))
    elif activation == "tanh":
        return tf.math.tanh(x)
    elif activation == "softmax":
        e = tf.exp(x - tf.reduce_max(x, axis=-1, keepdims=True))
        return e / tf.reduce_sum(e, axis=-1, keepdims=True)
    else:
        raise ValueError("relu, sigmoid, tanh, softmax 중 하나")


def gradient(x):
    x = tf.constant(x, dtype=tf.float32)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x ** 2 + 3.0 * x
    dy_dx = tape.gradient(y, x)
    return dy_dx


@tf.function(reduce_retracing=True)
def graph_sum_of_squares(x):
    return tf.reduce_sum(tf.square(x))
