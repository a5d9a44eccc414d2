"""Hidden checks of the `vectors` unit."""

import math

from grader.checks import check, require, same_rule_as


@check("vectors.norm: other vectors", id="other_vectors")
def test_norm_other(sub):
    """Is norm right for a longer vector with negative parts?"""
    with same_rule_as("vectors.norm: length of a vector"):
        value = sub.call("vectors.norm", [2, -4, 4, -8]).python()
        require(isinstance(value, (int, float)) and math.isclose(value, 10.0), ko="길이가 다릅니다.",
                en="The length differs.", expected="10.0", found=repr(value))
