# Correct: keras.Model with the layers written inline (not through the layer functions), MaxPool2D alias.


def build_model(input_shape=INPUT_SHAPE):
    inputs = keras.Input(shape=input_shape)
    x = layers.Conv2D(32, (5, 5), padding="same", activation="relu")(inputs)
    x = layers.MaxPool2D((2, 2))(x)
    x = layers.Conv2D(64, (2, 2), padding="same", activation="relu")(x)
    x = layers.MaxPool2D((2, 2))(x)
    x = layers.Dropout(0.25)(x)
    x = layers.Flatten()(x)
    x = layers.Dense(1000, activation="relu")(x)
    x = layers.Dropout(0.5)(x)
    outputs = layers.Dense(10, activation="softmax")(x)
    return keras.Model(inputs, outputs)
