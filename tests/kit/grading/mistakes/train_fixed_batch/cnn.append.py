# Mistake: the batch_size argument is ignored.


def train_model(model, x, y, epochs=1, batch_size=128):
    return model.fit(x, y, epochs=epochs, batch_size=32, verbose=0)
