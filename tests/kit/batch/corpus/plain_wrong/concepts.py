"""Wrong answers, honestly given: the twin of always_equal."""


def conv_output_size(size, kernel, stride=1, padding="same"):
    return 0


def conv_params(kernel_h, kernel_w, in_channels, filters):
    return 0


def dense_params(inputs, units):
    return 0


def flatten_size(height, width, channels):
    return 0


def lecture_model_params():
    return 0


def best_network(task):
    return "?"
