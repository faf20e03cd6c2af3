"""Runs every exported case under a folder and prints one JSON line per case: the largest error of
each output relative to the largest magnitude NetStudio computed there (padding excluded)."""
import importlib.util
import json
import os
import sys
import traceback

import torch


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(folder, case):
    io = load(os.path.join(folder, "netstudio_io.py"), "netstudio_io_" + case)
    model_py = load(os.path.join(folder, "model.py"), "model_" + case)
    meta = json.load(open(os.path.join(folder, "case.json"), encoding="utf-8"))
    model = model_py.build_model()
    weights = os.path.join(folder, "weights.safetensors")
    if os.path.exists(weights):
        io.load_netstudio(model, weights)
    model.eval()
    inputs = io.read_safetensors(os.path.join(folder, "inputs.safetensors"))
    args = [inputs.get(name) for name in model_py.FORWARD_ARGS]
    with torch.no_grad():
        out = model(*args)
    outs = out if isinstance(out, tuple) else (out,)
    expected = io.read_safetensors(os.path.join(folder, "expected.safetensors"))
    errors = {}
    for name, actual in zip(model_py.OUTPUTS, outs):
        want = expected[name].double()
        got = actual.double()
        if tuple(got.shape) != tuple(want.shape):
            raise ValueError(f"output {name} has shape {list(got.shape)}, NetStudio's {list(want.shape)}")
        mask = torch.ones_like(want)
        masked = meta.get("masks", {}).get(name)
        if masked:
            lengths = inputs[masked["lengths"]]
            axis = masked["axis"]
            real = (torch.arange(want.shape[axis]).unsqueeze(0) < lengths.unsqueeze(1)).double()
            shape = [1] * want.dim()
            shape[0], shape[axis] = want.shape[0], want.shape[axis]
            mask = mask * real.reshape(shape)
        diff = ((got - want).abs() * mask).max().item() if want.numel() else 0.0
        scale = (want.abs() * mask).max().item() if want.numel() else 0.0
        errors[name] = diff / scale if scale > 0 else diff
    return errors


def main(root):
    torch.manual_seed(0)
    for case in sorted(os.listdir(root)):
        folder = os.path.join(root, case)
        if not os.path.isdir(folder):
            continue
        try:
            print(json.dumps({"case": case, "errors": run(folder, case)}), flush=True)
        except Exception:
            print(json.dumps({"case": case, "failure": traceback.format_exc(limit=4)}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
