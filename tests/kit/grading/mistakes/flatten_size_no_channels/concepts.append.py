# Mistake: the channels are forgotten in flatten_size (lecture_model_params uses it).


def flatten_size(height, width, channels):
    return height * width
