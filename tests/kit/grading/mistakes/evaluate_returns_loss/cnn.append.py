# Mistake: evaluate_model returns the loss, score[0].


def evaluate_model(model, x, y):
    score = model.evaluate(x, y, verbose=0)
    return float(score[0])
