# Correct: the functional API over the student's own layer functions.


def build_model(input_shape=INPUT_SHAPE):
    inputs = keras.Input(shape=input_shape)
    x = first_conv(input_shape)(inputs)
    x = pooling()(x)
    x = second_conv()(x)
    x = pooling()(x)
    x = dropout(0.25)(x)
    x = flatten()(x)
    x = hidden_dense()(x)
    x = dropout(0.5)(x)
    return keras.Model(inputs=inputs, outputs=output_dense()(x))
