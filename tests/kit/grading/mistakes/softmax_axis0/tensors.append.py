# Mistake: softmax over the first axis (each column sums to 1), not over each row.


def apply_activation(x, activation):
    x = tf.convert_to_tensor(x, dtype=tf.float32)
    if activation == "relu":
        return tf.nn.relu(x)
    if activation == "sigmoid":
        return tf.nn.sigmoid(x)
    if activation == "tanh":
        return tf.nn.tanh(x)
    if activation == "softmax":
        return tf.nn.softmax(x, axis=0)
    raise ValueError(activation)
