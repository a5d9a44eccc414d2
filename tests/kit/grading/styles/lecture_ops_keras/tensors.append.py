# Correct: tf.multiply, keras' own activations looked up by name, the gradient of a list of sources, tf.function as a call.
import keras


def multiply(a, b):
    return tf.math.multiply(a, b)


def apply_activation(x, activation):
    known = {"relu": keras.activations.relu, "sigmoid": keras.activations.sigmoid,
             "tanh": keras.activations.tanh, "softmax": keras.activations.softmax}
    try:
        function = known[activation]
    except KeyError:
        raise ValueError(f"unknown activation {activation}") from None
    return function(tf.convert_to_tensor(x, dtype="float32"))


def gradient(x):
    w = tf.Variable(tf.convert_to_tensor(x, dtype=tf.float32))
    with tf.GradientTape(persistent=True) as tape:
        y = tf.add(tf.multiply(w, w), tf.multiply(3.0, w))
    (grad,) = tape.gradient(y, [w])
    return grad


def _sum_of_squares(x):
    total = tf.constant(0.0, dtype=x.dtype)
    total += tf.reduce_sum(tf.math.pow(x, 2))
    return total


graph_sum_of_squares = tf.function(_sum_of_squares)
