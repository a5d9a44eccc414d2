# Mistake: make_constant returns a tf.Variable.


def make_constant(value=3.14, dtype=tf.float32):
    return tf.Variable(value, dtype=dtype)
