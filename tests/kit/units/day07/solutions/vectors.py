"""Vectors by hand: the dot product and the length of a vector, before numpy does them for you."""

import math


def dot(a, b):
    """The dot product of two lists of numbers of the same length; a ValueError when the lengths differ."""
    ### BEGIN SOLUTION
    if len(a) != len(b):
        raise ValueError("the vectors have different lengths")
    return sum(x * y for x, y in zip(a, b))
    ### END SOLUTION


def norm(v):
    """The Euclidean length of a list of numbers: the square root of its dot product with itself."""
    ### BEGIN SOLUTION
    return math.sqrt(dot(v, v))
    ### END SOLUTION
