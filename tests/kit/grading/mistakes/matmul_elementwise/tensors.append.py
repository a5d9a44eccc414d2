# Mistake: element-wise product instead of the matrix product.


def matmul(a, b):
    return a * b
