"""Exercises netstudio_io.py in an exported folder and prints what happened as one JSON object."""
import json
import os
import sys

import torch

folder = sys.argv[1]
sys.path.insert(0, os.path.join(folder, "export"))
import model  # noqa: E402
import netstudio_io  # noqa: E402

result = {"read": {}}
for name in sorted(os.listdir(os.path.join(folder, "files"))):
    try:
        tensors = netstudio_io.read_safetensors(os.path.join(folder, "files", name))
        result["read"][name] = {k: [str(v.dtype), list(v.shape), v.reshape(-1).tolist()] for k, v in tensors.items()}
    except ValueError as e:
        result["read"][name] = "ValueError: " + str(e)

written = {"a/weights": torch.arange(6, dtype=torch.float32).reshape(2, 3), "b": torch.tensor([7, -8], dtype=torch.int64),
           "c": torch.tensor([1, 255], dtype=torch.uint8)}
netstudio_io.write_safetensors(os.path.join(folder, "from-python.safetensors"), written)
result["temporaries left"] = [n for n in os.listdir(folder) if n.endswith(".tmp")]

net = model.build_model()
weights = os.path.join(folder, "export", "weights.safetensors")
netstudio_io.load_netstudio(net, weights)
arrays = netstudio_io.netstudio_arrays(net)
original = netstudio_io.read_safetensors(weights)
result["round trip"] = sorted(arrays) == sorted(original) and all(torch.equal(arrays[k], original[k]) for k in arrays)


class Wrapper(torch.nn.Module):
    """Stands for DistributedDataParallel, which keeps the model as .module."""

    def __init__(self, inner):
        super().__init__()
        self.module = inner


result["through .module"] = sorted(netstudio_io.netstudio_arrays(Wrapper(net))) == sorted(original)


def problem(arrays):
    try:
        netstudio_io.load_netstudio(model.build_model(), arrays)
        return None
    except ValueError as e:
        return str(e)


missing = dict(original)
missing.pop("fc/biases")
result["missing"] = problem(missing)
extra = dict(original)
extra["fc/extra"] = torch.zeros(1)
result["unknown"] = problem(extra)
wrong = dict(original)
wrong["fc/weights"] = torch.zeros(3, 3)
result["misshapen"] = problem(wrong)
print(json.dumps(result))
