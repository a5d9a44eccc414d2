# Correct: the model grown with .add, an Input first.


def build_model(input_shape=INPUT_SHAPE):
    model = keras.Sequential()
    model.add(keras.Input(shape=input_shape))
    model.add(first_conv(input_shape))
    model.add(pooling())
    model.add(second_conv())
    model.add(pooling())
    model.add(dropout(0.25))
    model.add(flatten())
    model.add(hidden_dense())
    model.add(dropout(0.5))
    model.add(output_dense())
    return model
