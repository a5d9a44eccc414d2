# Mistake: the @tf.function decorator left out, so the function runs eagerly, not as a graph.


def graph_sum_of_squares(x):
    return tf.reduce_sum(x * x)
