# Describes build_model's result as a model with 3 billion parameters (12 GB), without building it:
# the grader must not build that in its own process.
import json as _json

import grader.sandbox.child.describe as _describe

_real_model = _describe._model


def _giant(model):
    data = _real_model(model)
    config = _json.loads(data["json"])
    for layer in config["config"]["layers"]:
        if layer.get("class_name") == "Dense" and layer["config"].get("units") == 1000:
            layer["config"]["units"] = 1_000_000
    data["json"] = _json.dumps(config)
    return data


_describe._model = _giant
