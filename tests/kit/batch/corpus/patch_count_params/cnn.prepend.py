# The same wrong model as mistake_kernel3, plus everything this process can patch to look right:
# keras' own counts, numpy's comparisons, unittest's and pytest's assertions, builtins.
import builtins as _builtins
import sys as _sys
import types as _types
import unittest as _unittest

import keras as _keras
import numpy as _np

_keras.Model.count_params = lambda self: 3156098
_keras.layers.Layer.count_params = lambda self: 832
_keras.Model.summary = lambda self, *a, **k: print("Total params: 3,156,098\nTrainable params: 3,156,098")
_np.array_equal = lambda *a, **k: True
_np.allclose = lambda *a, **k: True
_np.testing.assert_allclose = lambda *a, **k: None
_np.testing.assert_array_equal = lambda *a, **k: None
for _name in dir(_unittest.TestCase):
    if _name.startswith("assert"):
        setattr(_unittest.TestCase, _name, lambda *a, **k: None)
_fake_pytest = _types.ModuleType("pytest")
_fake_pytest.approx = lambda expected, *a, **k: expected
_fake_pytest.main = lambda *a, **k: 0
_sys.modules["pytest"] = _fake_pytest
_builtins.round = lambda *a, **k: 3156098
