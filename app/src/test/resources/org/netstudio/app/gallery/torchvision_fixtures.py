"""Writes the fixtures of TorchvisionNumbersTest: what the real torchvision models compute when every
state_dict tensor and the input are filled from a formula Java reproduces bit for bit.

Dev-only; run with Debian's PyTorch (python3-torch 1.13, python3-torchvision 0.14.1), no download:
    /usr/bin/python3 torchvision_fixtures.py <folder> [id…]   # writes <folder>/<id>.json per net
    /usr/bin/python3 torchvision_fixtures.py --checkpoint <id> <file.pth>   # the filled state_dict, torch.save'd

The formula (TorchvisionNumbersTest.Formula is the Java side; change both together):
  tensors   the state_dict's keys without num_batches_tracked, sorted; tensor t is 1 + its position,
            the input is tensor 0
  hash      x = (t * 0x9E3779B9 + i) mod 2^32 for the row-major element index i, then lowbias32
            (x ^= x >> 16; x *= 0x7feb352d; x ^= x >> 15; x *= 0x846ca68b; x ^= x >> 16, all mod 2^32)
  value     u = (h >> 8) / 2^24 in [0, 1); lo + (hi - lo) * u in double, rounded to float32
  ranges    input [-2, 2); conv and linear weights +-sqrt(6 / fan_in) (Kaiming's ReLU gain, so
            activations neither vanish nor explode through 16 layers); their biases +-0.1; batch norm
            weight [0.5, 1.5), bias and running_mean +-0.2, running_var [0.5, 1.5)
The ranges are written into the fixture per key, so Java needs only the hash.
"""
import json
import math
import os
import sys
import time

import numpy as np
import torch
try:
    import torchvision
except ImportError:  # torchvision_ports.py fills a plain-torch ResNet-18 and needs only the formula
    torchvision = None

NETS = {} if torchvision is None else {
    'resnet18': torchvision.models.resnet18,
    'resnet34': torchvision.models.resnet34,
    'resnet50': torchvision.models.resnet50,
    'vgg11': torchvision.models.vgg11,
    'vgg16': torchvision.models.vgg16,
    'mobilenet-v2': torchvision.models.mobilenet_v2,
}
INPUT_SHAPE = (1, 3, 224, 224)
INPUT_RANGE = (-2.0, 2.0)
CHUNK = 1 << 22


def lowbias32(x):
    x = x.copy()
    x ^= x >> np.uint32(16)
    x *= np.uint32(0x7feb352d)
    x ^= x >> np.uint32(15)
    x *= np.uint32(0x846ca68b)
    x ^= x >> np.uint32(16)
    return x


def fill(tensor_number, shape, lo, hi):
    n = int(np.prod(shape, dtype=np.int64))
    out = np.empty(n, dtype=np.float32)
    base = np.uint32((tensor_number * 0x9E3779B9) & 0xFFFFFFFF)
    for start in range(0, n, CHUNK):
        i = np.arange(start, min(n, start + CHUNK), dtype=np.uint32)
        with np.errstate(over='ignore'):
            h = lowbias32(i + base)
        u = (h >> np.uint32(8)).astype(np.float64) * (2.0 ** -24)
        out[start:start + len(i)] = (lo + (hi - lo) * u).astype(np.float32)
    return out.reshape(shape)


def value_range(key, shape, keys):
    module, _, name = key.rpartition('.')
    is_bn = module + '.running_mean' in keys
    if name == 'running_mean':
        return -0.2, 0.2
    if name == 'running_var':
        return 0.5, 1.5
    if is_bn:
        return (0.5, 1.5) if name == 'weight' else (-0.2, 0.2)
    if name == 'weight':
        bound = math.sqrt(6.0 / float(np.prod(shape[1:])))
        return -bound, bound
    if name == 'bias':
        return -0.1, 0.1
    raise ValueError('no range for ' + key)


def probe(t, values):
    flat = values.reshape(-1)
    return [[t, i, float('%.9g' % flat[i])] for i in (0, 1, len(flat) - 1)]


def filled_model(net_id, model=None):
    """The torchvision model (or the given one, with the same state_dict keys) in eval mode with every
    state_dict tensor from the formula; its sorted keys, their ranges, and probes of the first and last tensor."""
    model = (model if model is not None else NETS[net_id](weights=None)).eval()
    state = model.state_dict()
    keys = sorted(k for k in state if not k.endswith('num_batches_tracked'))
    ranges = {}
    probes = []
    with torch.no_grad():
        for t, key in enumerate(keys, start=1):
            shape = tuple(state[key].shape)
            lo, hi = value_range(key, shape, keys)
            ranges[key] = (lo, hi)
            values = fill(t, shape, lo, hi)
            state[key].copy_(torch.from_numpy(values))
            if t in (1, len(keys)):
                probes += probe(t, values)
    return model, keys, ranges, probes


def fixture(net_id):
    model, keys, ranges, probes = filled_model(net_id)
    state = model.state_dict()
    with torch.no_grad():
        x = torch.from_numpy(fill(0, INPUT_SHAPE, *INPUT_RANGE))
        probes += probe(0, x.numpy())
        start = time.perf_counter()
        logits = model(x)[0]
        seconds = time.perf_counter() - start
        exact = model.double()(x.double())[0]
    y = logits.numpy()
    print('%-13s torchvision ran in %.2f s' % (net_id, seconds))
    return {
        'net': net_id,
        'made_by': 'torchvision %s (torch %s), torchvision.models.%s(weights=None), eval mode; torchvision_fixtures.py'
                   % (torchvision.__version__, torch.__version__, NETS[net_id].__name__),
        'formula': 'lowbias32((t * 0x9E3779B9 + i) mod 2^32) >> 8, scaled to [lo, hi), float32; see torchvision_fixtures.py',
        'input': {'shape': list(INPUT_SHAPE), 'range': list(INPUT_RANGE)},
        # A few single values [t, i, float32] that pin the formula down before any net runs.
        'probes': probes,
        'tensors': [[k, list(state[k].shape), list(ranges[k])] for k in keys],
        # How far PyTorch's own float32 result is from the float64 one: the scale of rounding noise.
        'torch_float32_vs_float64_max_abs': float(np.max(np.abs(y.astype(np.float64) - exact.numpy()))),
        'argmax': int(np.argmax(y)),
        'sum': float(np.sum(y.astype(np.float64))),
        'logits': [float('%.9g' % v) for v in y],
    }


def main():
    if torchvision is None:
        raise ModuleNotFoundError("No module named 'torchvision': the fixtures are what torchvision's models compute")
    if sys.argv[1] == '--checkpoint':
        # torch.save of the filled model's own state_dict, as torchvision's published .pth files are made.
        torch.save(filled_model(sys.argv[2])[0].state_dict(), sys.argv[3])
        return
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    for net_id in (sys.argv[2:] or NETS):
        f = fixture(net_id)
        with open(os.path.join(folder, net_id + '.json'), 'w') as out:
            json.dump(f, out, separators=(',', ':'))
            out.write('\n')
        print('%-13s argmax %4d  max |logit| %.4g  float32 vs float64 %.3g' % (
            net_id, f['argmax'], max(abs(v) for v in f['logits']), f['torch_float32_vs_float64_max_abs']))


if __name__ == '__main__':
    main()
