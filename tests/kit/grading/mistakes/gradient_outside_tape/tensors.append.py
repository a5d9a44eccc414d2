# Mistake: y is computed after the tape's block, so the tape recorded nothing.


def gradient(x):
    x = tf.Variable(x, dtype=tf.float32)
    with tf.GradientTape() as tape:
        tape.watch(x)
    y = x * x + 3 * x
    return tape.gradient(y, x)
