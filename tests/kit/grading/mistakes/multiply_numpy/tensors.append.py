# Mistake: NumPy's product, which hands back a NumPy array, not a tensor.
import numpy as np


def multiply(a, b):
    return np.multiply(a, b)
