# Mistake: rank as a NumPy integer, not a Python int.
import numpy as np


def tensor_info(tensor):
    return {"rank": np.int64(len(tensor.shape)), "shape": tuple(int(n) for n in tensor.shape),
            "dtype": tensor.dtype.name, "device": tensor.device}
