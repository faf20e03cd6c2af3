"""The state_dict keys and shapes of torchvision's ResNet-18/34/50, VGG-11/16 and MobileNetV2 (IMAGENET1K_V1
architectures), from plain-torch transcriptions with torchvision's module names, built on the meta device
(no memory for weights). Prints JSON: {id: [[key, [sizes…]], …]} without num_batches_tracked."""
import json
import torch
from torch import nn

META = {'device': 'meta'}


def conv(i, o, k, s=1, p=0, g=1, bias=False):
    return nn.Conv2d(i, o, k, s, p, groups=g, bias=bias, **META)


def bn(c):
    return nn.BatchNorm2d(c, **META)


class Basic(nn.Module):
    expansion = 1

    def __init__(self, i, planes, stride, down):
        super().__init__()
        self.conv1, self.bn1 = conv(i, planes, 3, stride, 1), bn(planes)
        self.conv2, self.bn2 = conv(planes, planes, 3, 1, 1), bn(planes)
        self.downsample = down


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, i, planes, stride, down):
        super().__init__()
        self.conv1, self.bn1 = conv(i, planes, 1), bn(planes)
        self.conv2, self.bn2 = conv(planes, planes, 3, stride, 1), bn(planes)
        self.conv3, self.bn3 = conv(planes, planes * 4, 1), bn(planes * 4)
        self.downsample = down


def resnet(block, blocks):
    m = nn.Module()
    m.conv1, m.bn1 = conv(3, 64, 7, 2, 3), bn(64)
    inplanes = 64
    for n, (planes, count) in enumerate(zip([64, 128, 256, 512], blocks)):
        layers = []
        for b in range(count):
            stride = 2 if b == 0 and n > 0 else 1
            out = planes * block.expansion
            down = None
            if b == 0 and (stride != 1 or inplanes != out):
                down = nn.Sequential(conv(inplanes, out, 1, stride), bn(out))
            layers.append(block(inplanes, planes, stride, down))
            inplanes = out
        setattr(m, 'layer%d' % (n + 1), nn.Sequential(*layers))
    m.fc = nn.Linear(512 * block.expansion, 1000, **META)
    return m


def vgg(cfg):
    layers, i = [], 3
    for v in cfg:
        if v == 'M':
            layers.append(nn.MaxPool2d(2, 2))
        else:
            layers += [conv(i, v, 3, 1, 1, bias=True), nn.ReLU(True)]
            i = v
    m = nn.Module()
    m.features = nn.Sequential(*layers)
    m.classifier = nn.Sequential(nn.Linear(512 * 7 * 7, 4096, **META), nn.ReLU(True), nn.Dropout(),
                                 nn.Linear(4096, 4096, **META), nn.ReLU(True), nn.Dropout(),
                                 nn.Linear(4096, 1000, **META))
    return m


def conv_bn_relu6(i, o, k=3, s=1, g=1):
    return nn.Sequential(conv(i, o, k, s, (k - 1) // 2, g), bn(o), nn.ReLU6(True))


class InvertedResidual(nn.Module):
    def __init__(self, i, o, stride, t):
        super().__init__()
        hidden = int(round(i * t))
        layers = [] if t == 1 else [conv_bn_relu6(i, hidden, 1)]
        layers += [conv_bn_relu6(hidden, hidden, 3, stride, hidden), conv(hidden, o, 1), bn(o)]
        self.conv = nn.Sequential(*layers)


def mobilenet_v2():
    features, i = [conv_bn_relu6(3, 32, 3, 2)], 32
    for t, c, n, s in [[1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2],
                       [6, 320, 1, 1]]:
        for k in range(n):
            features.append(InvertedResidual(i, c, s if k == 0 else 1, t))
            i = c
    features.append(conv_bn_relu6(i, 1280, 1))
    m = nn.Module()
    m.features = nn.Sequential(*features)
    m.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(1280, 1000, **META))
    return m


nets = {
    'resnet18': resnet(Basic, [2, 2, 2, 2]),
    'resnet34': resnet(Basic, [3, 4, 6, 3]),
    'resnet50': resnet(Bottleneck, [3, 4, 6, 3]),
    'vgg11': vgg([64, 'M', 128, 'M', 256, 256, 'M', 512, 512, 'M', 512, 512, 'M']),
    'vgg16': vgg([64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M']),
    'mobilenet-v2': mobilenet_v2(),
}
print(json.dumps({k: [[n, list(t.shape)] for n, t in m.state_dict().items() if not n.endswith('num_batches_tracked')]
                  for k, m in nets.items()}))
