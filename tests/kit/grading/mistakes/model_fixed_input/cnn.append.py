# Mistake only other inputs show: build_model ignores input_shape.


def build_model(input_shape=INPUT_SHAPE):
    return keras.Sequential([keras.Input(shape=(28, 28, 1)), first_conv(), pooling(), second_conv(), pooling(),
                             dropout(0.25), flatten(), hidden_dense(), dropout(0.5), output_dense()])
