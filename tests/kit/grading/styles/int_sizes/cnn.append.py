# Correct: integer kernel, pool and stride sizes, keyword arguments.


def first_conv(input_shape=INPUT_SHAPE):
    conv = layers.Conv2D(filters=32, kernel_size=5, strides=1, padding="same", activation="relu")
    conv.build((None, *input_shape))
    return conv


def pooling():
    return layers.MaxPooling2D(pool_size=2, strides=2)


def second_conv():
    return layers.Conv2D(filters=64, kernel_size=2, padding="same", activation="relu")


def dropout(rate):
    return layers.Dropout(rate=rate)


def hidden_dense():
    return layers.Dense(units=1000, activation="relu")


def output_dense():
    return layers.Dense(units=NUM_CLASSES, activation="softmax")
