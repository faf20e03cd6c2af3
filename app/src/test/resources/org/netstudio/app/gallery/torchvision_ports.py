"""Writes the fixture of TorchvisionPortsTest: what forward hooks see at inner modules of ResNet-18,
filled (state_dict and input) by the formula of torchvision_fixtures.py, whose resnet18.json fixture
Java already reads for the weights and the input. Only a few values per port are kept (every k-th of
at most 48, and the mean and mean magnitude of all), so the file stays small.

The net is torchvision_resnet18.py's plain-torch ResNet-18 (torchvision's module names, so its
state_dict keys), so torchvision itself is not needed; that it is torchvision's net is checked here:
its logits must be the ones resnet18.json holds, which torchvision.models.resnet18 computed.

Dev-only; run with Debian's PyTorch (python3-torch), no download:
    /usr/bin/python3 torchvision_ports.py <folder>   # writes <folder>/resnet18-ports.json
"""
import json
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torchvision_fixtures import INPUT_RANGE, INPUT_SHAPE, fill, filled_model  # noqa: E402
from torchvision_resnet18 import ResNet18  # noqa: E402

SAMPLES = 48
# torchvision module -> the gallery net's port (as the canvas names it)
PORTS = {
    'conv1': 'conv1', 'bn1': 'bn1', 'maxpool': 'maxpool', 'layer1.0.conv1': 'layer1/0/conv1', 'layer1': 'layer1',
    'layer2.0.downsample.0': 'layer2/0/downsample/0', 'layer2.0.downsample': 'layer2/0/downsample',
    'layer3.1': 'layer3/1/Output', 'layer4': 'layer4', 'avgpool': 'avgpool', 'fc': 'fc',
}


def sampled(x):
    flat = x.double().reshape(-1)
    step = max(1, math.ceil(flat.numel() / SAMPLES))
    idx = list(range(0, flat.numel(), step))
    return {"shape": list(x.shape), "indices": idx, "values": [float(flat[j]) for j in idx],
            "mean": float(flat.mean()), "meanAbs": float(flat.abs().mean())}


def main():
    model, _, _, _ = filled_model('resnet18', ResNet18())
    modules = dict(model.named_modules())
    seen = {}
    for module, port in PORTS.items():
        # ReLU works in place: keep a copy of what the module gave before a later ReLU changes it.
        modules[module].register_forward_hook(
            lambda m, inp, out, port=port: seen.__setitem__(port, out.detach().clone()))
    with torch.no_grad():
        logits = model(torch.from_numpy(fill(0, INPUT_SHAPE, *INPUT_RANGE)))[0]
    with open(os.path.join(sys.argv[1], 'resnet18.json')) as f:
        torchvisions = torch.tensor(json.load(f)['logits'])
    worst = float((logits - torchvisions).abs().max() / torchvisions.abs().max())
    print('logits against torchvision.models.resnet18: worst difference %.3g of the largest' % worst)
    assert worst < 1e-5, 'the plain-torch ResNet-18 is not torchvision\'s'
    fixture = {"made_by": "torchvision_resnet18.ResNet18 (torch %s; its logits within %.2g of torchvision's),"
                          " eval mode, forward hooks; torchvision_ports.py" % (torch.__version__, worst),
               "ports": {port: dict(sampled(seen[port]), torchvision=module) for module, port in PORTS.items()}}
    with open(os.path.join(sys.argv[1], 'resnet18-ports.json'), 'w') as out:
        json.dump(fixture, out, separators=(',', ':'))
        out.write('\n')


if __name__ == '__main__':
    main()
