# Correct: everything through tf.keras (TensorFlow's keras module) instead of import keras.
import tensorflow as tf


def first_conv(input_shape=INPUT_SHAPE):
    conv = tf.keras.layers.Conv2D(32, kernel_size=(5, 5), strides=(1, 1), padding="same", activation="relu")
    conv.build((None, *input_shape))
    return conv


def pooling():
    return tf.keras.layers.MaxPooling2D(pool_size=(2, 2), strides=(2, 2))


def second_conv():
    return tf.keras.layers.Conv2D(64, kernel_size=(2, 2), padding="same", activation="relu")


def dropout(rate):
    return tf.keras.layers.Dropout(rate)


def flatten():
    return tf.keras.layers.Flatten()


def hidden_dense():
    return tf.keras.layers.Dense(1000, activation="relu")


def output_dense():
    return tf.keras.layers.Dense(10, activation="softmax")


def build_model(input_shape=INPUT_SHAPE):
    return tf.keras.Sequential([tf.keras.Input(shape=input_shape), first_conv(input_shape), pooling(), second_conv(),
                                pooling(), dropout(0.25), flatten(), hidden_dense(), dropout(0.5), output_dense()])


def compile_model(model):
    model.compile(optimizer=tf.keras.optimizers.Adam(), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model
