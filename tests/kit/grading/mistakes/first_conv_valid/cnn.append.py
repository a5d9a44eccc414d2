# Mistake: padding="valid" in the first convolution (24x24 feature maps).


def first_conv(input_shape=INPUT_SHAPE):
    conv = layers.Conv2D(32, kernel_size=(5, 5), strides=(1, 1), padding="valid", activation="relu")
    conv.build((None, *input_shape))
    return conv
