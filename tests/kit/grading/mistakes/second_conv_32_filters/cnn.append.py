# Mistake: 32 filters in the second convolution instead of 64.


def second_conv():
    return layers.Conv2D(32, kernel_size=(2, 2), padding="same", activation="relu")
