# Correct: activation functions as objects (keras.activations, tf.keras.activations, tf.math).
import tensorflow as tf


def first_conv(input_shape=INPUT_SHAPE):
    conv = layers.Conv2D(32, kernel_size=(5, 5), padding="same", activation=keras.activations.relu)
    conv.build((None, *input_shape))
    return conv


def second_conv():
    return layers.Conv2D(64, kernel_size=(2, 2), padding="same", activation=tf.keras.activations.relu)


def hidden_dense():
    return layers.Dense(1000, activation=keras.activations.relu)


def output_dense():
    return layers.Dense(10, activation=tf.math.softmax)
