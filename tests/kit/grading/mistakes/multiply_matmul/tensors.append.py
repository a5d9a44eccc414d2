# Mistake: the matrix product where the element-wise product was meant.


def multiply(a, b):
    return tf.matmul(a, b)
