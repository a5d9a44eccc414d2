# Mistake in build_model itself: the second dropout is left out (the layer functions are right).


def build_model(input_shape=INPUT_SHAPE):
    return keras.Sequential([keras.Input(shape=input_shape), first_conv(input_shape), pooling(), second_conv(),
                             pooling(), dropout(0.25), flatten(), hidden_dense(), output_dense()])
