# A self-consistent one-hot pipeline: categorical_crossentropy, labels made one-hot in train and evaluate.


def compile_model(model):
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    return model


def train_model(model, x, y, epochs=1, batch_size=128):
    y = keras.utils.to_categorical(y, NUM_CLASSES)
    return model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=0)


def evaluate_model(model, x, y):
    score = model.evaluate(x, keras.utils.to_categorical(y, NUM_CLASSES), verbose=0)
    return float(score[1])
