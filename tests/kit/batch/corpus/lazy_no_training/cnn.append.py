# train_model that does not train and returns nothing: the honest twin of fake_history.


def train_model(model, x, y, epochs=1, batch_size=128):
    return None
