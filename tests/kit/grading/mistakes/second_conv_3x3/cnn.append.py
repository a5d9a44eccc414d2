# Mistake: a 3x3 second convolution (18,496 parameters instead of 8,256).


def second_conv():
    return layers.Conv2D(64, kernel_size=(3, 3), padding="same", activation="relu")
