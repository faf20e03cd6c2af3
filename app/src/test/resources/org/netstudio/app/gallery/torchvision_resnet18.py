"""torchvision's ResNet-18 written out in plain torch (same module names, so the same state_dict keys),
randomly initialised with a seed, saved with torch.save; also writes a fixed input and the eval-mode
output (softmax probabilities, as the gallery net ends in a softmax) as raw little-endian float32.
Usage: python3 torchvision_resnet18.py OUT_DIR"""
import sys
import torch
from torch import nn


class BasicBlock(nn.Module):
    def __init__(self, inplanes, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = None
        if stride != 1 or inplanes != planes:
            self.downsample = nn.Sequential(nn.Conv2d(inplanes, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        y = self.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return self.relu(y + (x if self.downsample is None else self.downsample(x)))


class ResNet18(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        inplanes = 64
        for i, planes in enumerate([64, 128, 256, 512]):
            stride = 1 if i == 0 else 2
            setattr(self, 'layer%d' % (i + 1), nn.Sequential(BasicBlock(inplanes, planes, stride),
                                                             BasicBlock(planes, planes, 1)))
            inplanes = planes
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(512, 1000)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


if __name__ == '__main__':
    torch.manual_seed(2026)
    net = ResNet18()
    with torch.no_grad():
        # Batch-norm statistics and affine terms away from their defaults, so a mix-up between them shows;
        # a larger classifier so the probabilities are far from uniform.
        for m in net.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.uniform_(-0.2, 0.2)
                m.running_var.uniform_(0.5, 2.0)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
                m.num_batches_tracked.fill_(100)
        net.fc.weight.mul_(20)
    net.eval()
    out = sys.argv[1]
    torch.save(net.state_dict(), out + '/resnet18.pth')
    x = torch.randn(1, 3, 224, 224)
    with torch.no_grad():
        y = torch.softmax(net(x), dim=1)
    x.numpy().astype('<f4').tofile(out + '/input.f32')
    y.numpy().astype('<f4').tofile(out + '/output.f32')
    print('max probability %.4f' % float(y.max()))
