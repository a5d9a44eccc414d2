# Mistake: the size in bytes, never turned into MB.


def model_size_mb(params, bytes_per_param=4):
    return params * bytes_per_param
