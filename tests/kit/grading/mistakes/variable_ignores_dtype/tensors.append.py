# Mistake: make_variable ignores its dtype argument.


def make_variable(value, dtype=tf.int32):
    return tf.Variable(value)
