# Correct: the convolutions' padding written in capitals, as in TensorFlow's own ops ('SAME').


def first_conv(input_shape=INPUT_SHAPE):
    conv = layers.Conv2D(32, (5, 5), padding="SAME", activation="relu")
    conv.build((None, *input_shape))
    return conv


def pooling():
    return layers.MaxPooling2D((2, 2), strides=(2, 2), padding="valid")


def second_conv():
    return layers.Conv2D(64, (2, 2), padding="SAME", activation="relu")
