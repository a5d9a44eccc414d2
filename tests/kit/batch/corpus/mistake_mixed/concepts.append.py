# Typical mistake: the stride is forgotten in the "valid" formula.


def conv_output_size(size, kernel, stride=1, padding="same"):
    if padding == "same":
        return math.ceil(size / stride)
    return size - kernel + 1
