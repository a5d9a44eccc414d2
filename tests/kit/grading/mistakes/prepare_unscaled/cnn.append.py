# Mistake: the pixels are not divided by 255 (load_data uses this function too).


def prepare_images(images):
    return np.expand_dims(np.asarray(images).astype("float32"), -1)
