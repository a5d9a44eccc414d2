# A typical mistake: a 3x3 kernel in the first convolution (320 parameters instead of 832).


def first_conv(input_shape=INPUT_SHAPE):
    conv = layers.Conv2D(32, kernel_size=(3, 3), strides=(1, 1), padding="same", activation="relu")
    conv.build((None, *input_shape))
    return conv
