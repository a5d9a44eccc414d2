# Mistake in build_model itself: the second convolution and its pooling are left out.


def build_model(input_shape=INPUT_SHAPE):
    return keras.Sequential([keras.Input(shape=input_shape), first_conv(input_shape), pooling(), dropout(0.25),
                             flatten(), hidden_dense(), dropout(0.5), output_dense()])
