# Mistake: a new variable instead of assigning in place.


def assign_value(variable, new_value):
    return tf.Variable(new_value, dtype=variable.dtype)
