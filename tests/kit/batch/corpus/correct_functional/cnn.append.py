# Correct work in another style: integer kernel sizes, the functional API, keras objects in compile.


def first_conv(input_shape=INPUT_SHAPE):
    conv = keras.layers.Conv2D(filters=32, kernel_size=5, padding="same", activation=keras.activations.relu)
    conv.build((None, *input_shape))
    return conv


def second_conv():
    return keras.layers.Conv2D(64, 2, padding="same", activation="relu")


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
    outputs = output_dense()(x)
    return keras.Model(inputs=inputs, outputs=outputs)


def compile_model(model):
    model.compile(optimizer=keras.optimizers.Adam(),
                  loss=keras.losses.SparseCategoricalCrossentropy(),
                  metrics=[keras.metrics.SparseCategoricalAccuracy()])
    return model


def evaluate_model(model, x, y):
    _, accuracy = model.evaluate(x, y, verbose=0)
    return accuracy
