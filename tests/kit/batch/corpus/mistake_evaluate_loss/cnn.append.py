# A typical mistake: evaluate_model returns the loss, score[0], instead of the accuracy.
# The honest twin of fake_accuracy.


def evaluate_model(model, x, y):
    return float(model.evaluate(x, y, verbose=0)[0])
