# Mistake: the stride is forgotten in the "valid" formula (lecture_model_params uses it).


def conv_output_size(size, kernel, stride=1, padding="same"):
    if padding == "same":
        return math.ceil(size / stride)
    return size - kernel + 1
