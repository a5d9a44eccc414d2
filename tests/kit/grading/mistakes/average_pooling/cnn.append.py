# Mistake: average pooling instead of max pooling (same shapes, another layer).


def pooling():
    return layers.AveragePooling2D(pool_size=(2, 2), strides=(2, 2))
