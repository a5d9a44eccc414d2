# Correct: loss and metric as functions (tf.keras.losses, keras.metrics), compile returning the model.
import tensorflow as tf


def compile_model(model):
    model.compile(optimizer="adam", loss=tf.keras.losses.sparse_categorical_crossentropy,
                  metrics=[keras.metrics.sparse_categorical_accuracy])
    return model
