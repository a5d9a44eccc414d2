# Typical mistakes: no scaling to [0, 1]; metrics passed by position (Keras 3 puts them in loss_weights).


def prepare_images(images):
    return np.expand_dims(np.asarray(images).astype("float32"), -1)


def compile_model(model):
    model.compile("adam", "sparse_categorical_crossentropy", ["accuracy"])
    return model
