# Typical mistake: the dtype argument is ignored.


def make_variable(value, dtype=tf.int32):
    return tf.Variable(value)
