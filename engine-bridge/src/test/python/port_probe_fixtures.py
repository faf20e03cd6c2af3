"""Writes the fixtures of PortProbeTorchTest (engine-bridge) and ActivationsLeNetTest (app): what PyTorch
computes at the inner ports of a net (forward hooks) and the gradients autograd gives, for arrays
and an input filled from a formula Java reproduces.

Dev-only; run with Debian's PyTorch (python3-torch), from the repository root:
    /usr/bin/python3 engine-bridge/src/test/python/port_probe_fixtures.py

The formula (PortProbeTorchTest.fill and ActivationsLeNetTest.fill are the Java side; change both together): tensor t of shape s
holds, at row-major index i, float32(scale * sin(0.37 * i + 1.1 * t + 0.2)) computed in double.
Each array's t and scale are written into the fixture, so Java needs only the formula.
"""
import json
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

SAMPLES = 48


def fill(t, shape, scale):
    n = int(np.prod(shape))
    i = np.arange(n, dtype=np.float64)
    return torch.from_numpy((scale * np.sin(0.37 * i + 1.1 * t + 0.2)).astype(np.float32).reshape(shape))


def sampled(x):
    """Every k-th element (at most SAMPLES of them), and the mean and the mean absolute value of all."""
    flat = x.detach().double().reshape(-1)
    step = max(1, math.ceil(flat.numel() / SAMPLES))
    idx = list(range(0, flat.numel(), step))
    return {"shape": list(x.shape), "indices": idx, "values": [float(flat[j]) for j in idx],
            "mean": float(flat.mean()), "meanAbs": float(flat.abs().mean())}


def load(module, arrays, names):
    """Fills the module's parameters; arrays gets key, shape, t, scale per array in order."""
    state = {}
    for t, (torch_name, key, scale) in enumerate(names, start=1):
        shape = list(dict(module.named_parameters())[torch_name].shape)
        state[torch_name] = fill(t, shape, scale)
        arrays.append({"key": key, "shape": shape, "t": t, "scale": scale})
    module.load_state_dict(state, strict=True)


def lenet():
    net = nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.Tanh(), nn.AvgPool2d(2),
        nn.Conv2d(6, 16, 5), nn.Tanh(), nn.AvgPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.Tanh(), nn.Linear(120, 84), nn.Tanh(), nn.Linear(84, 10), nn.Softmax(dim=-1))
    ports = {0: "conv1", 1: "tanh1", 2: "pool1", 3: "conv2", 5: "pool2", 6: "flatten", 7: "fc1", 9: "fc2",
             11: "fc3", 12: "softmax"}
    arrays = []
    load(net, arrays, [("0.weight", "conv1/weights", 0.2), ("0.bias", "conv1/biases", 0.1),
                       ("3.weight", "conv2/weights", 0.1), ("3.bias", "conv2/biases", 0.1),
                       ("7.weight", "fc1/weights", 0.05), ("7.bias", "fc1/biases", 0.1),
                       ("9.weight", "fc2/weights", 0.1), ("9.bias", "fc2/biases", 0.1),
                       ("11.weight", "fc3/weights", 0.2), ("11.bias", "fc3/biases", 0.1)])
    x = fill(0, (1, 1, 28, 28), 1.0)
    seen = {}
    for i, name in ports.items():
        net[i].register_forward_hook(lambda m, inp, out, name=name: seen.__setitem__(name, out))
    with torch.no_grad():
        net.eval()(x)
    return {"arrays": arrays, "input": {"shape": [1, 1, 28, 28], "t": 0, "scale": 1.0},
            "values": {name: sampled(seen[name]) for name in ports.values()}}


class Cnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3)
        self.linear = nn.Linear(32, 3)

    def forward(self, x):
        self.conv_out = self.conv(x)
        self.conv_out.retain_grad()
        return F.softmax(self.linear(torch.flatten(F.relu(self.conv_out), 1)), dim=-1)


class Gru(nn.Module):
    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(3, 4, batch_first=True)
        self.linear = nn.Linear(4, 3)

    def forward(self, x):
        states, _ = self.gru(x)
        self.gru_out = states[:, -1]
        self.gru_out.retain_grad()
        return F.softmax(self.linear(self.gru_out), dim=-1)


def gradients(net, arrays, input_shape, target, port_attr, port_name):
    """Cross-entropy of the scores before the softmax against class targets, mean over the batch."""
    x = fill(0, input_shape, 1.0).requires_grad_(True)
    probabilities = net(x)
    logits = net.linear(getattr(net, port_attr) if port_attr == "gru_out"
                        else torch.flatten(F.relu(net.conv_out), 1))
    loss = F.cross_entropy(logits, torch.tensor(target))
    loss.backward()
    params = dict(net.named_parameters())
    torch_names = {a["key"]: a["torch"] for a in arrays}
    grads = {"Input": x.grad.reshape(-1).tolist(), port_name: getattr(net, port_attr).grad.reshape(-1).tolist()}
    for key, torch_name in torch_names.items():
        grads[key] = params[torch_name].grad.reshape(-1).tolist()
    for a in arrays:
        del a["torch"]
    return {"arrays": arrays, "input": {"shape": list(input_shape), "t": 0, "scale": 1.0}, "target": target,
            "loss": float(loss), "probabilities": probabilities.detach().reshape(-1).tolist(), "gradients": grads}


def with_torch_names(net, names):
    arrays = []
    load(net, arrays, [(n, k, s) for n, k, s in names])
    for a, (n, _, _) in zip(arrays, names):
        a["torch"] = n
    return arrays


def cnn():
    torch.manual_seed(0)
    net = Cnn()
    arrays = with_torch_names(net, [("conv.weight", "conv/weights", 0.5), ("conv.bias", "conv/biases", 0.1),
                                    ("linear.weight", "linear/weights", 0.3), ("linear.bias", "linear/biases", 0.1)])
    return gradients(net, arrays, (2, 1, 6, 6), [2, 0], "conv_out", "conv")


def gru():
    torch.manual_seed(0)
    net = Gru()
    arrays = with_torch_names(net, [("gru.weight_ih_l0", "gru/inputWeights", 0.5),
                                    ("gru.weight_hh_l0", "gru/stateWeights", 0.5),
                                    ("gru.bias_ih_l0", "gru/inputBiases", 0.1),
                                    ("gru.bias_hh_l0", "gru/stateBiases", 0.1),
                                    ("linear.weight", "linear/weights", 0.5), ("linear.bias", "linear/biases", 0.1)])
    return gradients(net, arrays, (2, 5, 3), [1, 2], "gru_out", "gru")


def write(path, value):
    with open(path, "w") as f:
        json.dump(value, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    write("engine-bridge/src/test/resources/org/netstudio/engine/run/probe-gradients.json",
          {"torch": torch.__version__, "cnn": cnn(), "gru": gru()})
    write("app/src/test/resources/org/netstudio/app/cli/lenet-ports.json", {"torch": torch.__version__, **lenet()})
