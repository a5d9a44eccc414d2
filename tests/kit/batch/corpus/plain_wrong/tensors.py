"""Wrong answers, honestly given: the twin of always_equal."""


def _wrong(*args, **kwargs):
    return 0


make_variable = assign_value = make_constant = numpy_to_tensor = list_to_tensor = _wrong
tensor_to_numpy = add = matmul = zeros = ones = fill = tensor_info = is_eager = _wrong
