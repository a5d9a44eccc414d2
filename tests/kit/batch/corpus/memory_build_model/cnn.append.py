

def build_model(input_shape=INPUT_SHAPE):
    blob = bytearray(10 * 1024 ** 3)  # 10 GB
    return blob
