"""Public checks of the `vectors` unit."""

import math

from grader.checks import CallError, check, require


@check("vectors.dot: sum of the products", id="sum_of_products")
def test_dot(sub):
    """Is dot([1, 2, 3], [4, 5, 6]) 32?"""
    value = sub.call("vectors.dot", [1, 2, 3], [4, 5, 6]).python()
    require(value == 32, ko="내적이 다릅니다.", en="The dot product differs.", expected="32", found=repr(value))


@check("vectors.dot: refuses vectors of different lengths", id="lengths")
def test_dot_lengths(sub):
    """Does dot raise ValueError for vectors of different lengths?"""
    try:
        value = sub.call("vectors.dot", [1, 2], [1, 2, 3]).python()
    except CallError as error:
        require(error.error_type == "ValueError", ko="ValueError를 내야 합니다.", en="Raise a ValueError.",
                expected="ValueError", found=error.error_type)
        return
    require(False, ko="길이가 다른데 값을 돌려주었습니다.", en="Returned a value for different lengths.",
            expected="ValueError", found=repr(value))


@check("vectors.norm: length of a vector", id="length")
def test_norm(sub):
    """Is norm([3, 4]) 5?"""
    value = sub.call("vectors.norm", [3, 4]).python()
    require(isinstance(value, (int, float)) and math.isclose(value, 5.0), ko="길이가 다릅니다.",
            en="The length differs.", expected="5.0", found=repr(value))
