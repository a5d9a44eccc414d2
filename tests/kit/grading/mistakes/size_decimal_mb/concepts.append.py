# Mistake: a decimal megabyte (1,000,000 bytes), not the 2**20 bytes a Keras summary counts.


def model_size_mb(params, bytes_per_param=4):
    return params * bytes_per_param / 1_000_000
