# Correct: TensorFlow's own functions as activations (tf.nn.relu, tf.nn.softmax; Keras 3 saves the
# latter as builtins.softmax_v2).
import tensorflow as tf


def first_conv(input_shape=INPUT_SHAPE):
    conv = layers.Conv2D(32, kernel_size=(5, 5), padding="same", activation=tf.nn.relu)
    conv.build((None, *input_shape))
    return conv


def second_conv():
    return layers.Conv2D(64, kernel_size=(2, 2), padding="same", activation=tf.nn.relu)


def hidden_dense():
    return layers.Dense(1000, activation=tf.nn.relu)


def output_dense():
    return layers.Dense(10, activation=tf.nn.softmax)
