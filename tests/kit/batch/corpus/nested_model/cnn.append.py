

# The lecture's kind of model inside another model, unbuilt: its configuration does not show its size until
# keras builds it (a dense layer of a million units would look the same), so the grader refuses to build it.
import keras as _keras


def build_model(input_shape=INPUT_SHAPE):
    inner = _keras.Sequential([_keras.layers.Flatten(), _keras.layers.Dense(64, activation="relu"),
                               _keras.layers.Dense(10, activation="softmax")])
    return _keras.Sequential([inner])
