# Mistake: x is a tf.constant the tape never watches, so the gradient is None.


def gradient(x):
    x = tf.constant(x, dtype=tf.float32)
    with tf.GradientTape() as tape:
        y = x * x + 3 * x
    return tape.gradient(y, x)
