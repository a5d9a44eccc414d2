# Mistake: 500 hidden units instead of 1000.


def hidden_dense():
    return layers.Dense(500, activation="relu")
