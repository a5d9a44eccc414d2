# Mistake whose consequence cannot run: categorical_crossentropy on the integer labels, nothing made one-hot.


def compile_model(model):
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    return model
