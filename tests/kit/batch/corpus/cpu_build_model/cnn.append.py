

def build_model(input_shape=INPUT_SHAPE):
    n = 0
    while True:
        n += 1
