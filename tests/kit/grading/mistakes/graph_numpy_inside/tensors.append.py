# Mistake: NumPy inside tf.function, where x is a symbolic tensor with no value while tracing.
import numpy as np


@tf.function
def graph_sum_of_squares(x):
    return tf.constant(np.sum(x.numpy() ** 2))
