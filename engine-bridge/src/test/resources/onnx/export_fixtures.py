# Exports the small PyTorch nets the ONNX tests import (run with Debian's python3-torch 1.13, in this folder).
import sys
from pathlib import Path

import torch
import torch.nn as nn

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "python"))
from sequence_nets import BiGruTagger, LstmClassifier, transformer_encoder  # noqa: E402 (the path first)

torch.manual_seed(0)

class SmallResNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 8, 3, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.conv1 = nn.Conv2d(8, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(8, 8, 3, padding=1, bias=False)
        self.pool = nn.MaxPool2d(2)
        self.head = nn.Linear(8 * 7 * 7, 10)

    def forward(self, x):
        x = torch.relu(self.bn(self.stem(x)))
        y = torch.relu(self.conv1(x))
        x = torch.relu(x + self.conv2(y))
        x = self.pool(x)
        x = torch.flatten(x, 1)
        return torch.log_softmax(self.head(x), dim=1)

class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(20, 32), nn.GELU(), nn.Dropout(0.1), nn.Linear(32, 16), nn.Tanh(),
                                 nn.LayerNorm(16), nn.Linear(16, 3), nn.Softmax(dim=-1))

    def forward(self, x):
        return self.net(x)

for name, net, shape in [("small_resnet", SmallResNet(), (1, 1, 14, 14)), ("mlp", Mlp(), (1, 20))]:
    net.eval()
    if name == "small_resnet":
        with torch.no_grad():
            net.bn.running_mean.uniform_(-0.5, 0.5)
            net.bn.running_var.uniform_(0.5, 2.0)
    torch.onnx.export(net, torch.randn(*shape), name + ".onnx", opset_version=13, input_names=["x"],
                      output_names=["y"], dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}})


class LastStep(nn.Module):
    """A batch-first recurrent layer (one direction or both), its last step, and a Linear: how sequence classifiers
    are written."""

    def __init__(self, recurrent):
        super().__init__()
        self.recurrent = recurrent
        self.head = nn.Linear((2 if recurrent.bidirectional else 1) * recurrent.hidden_size, 3)

    def forward(self, x):
        out, _ = self.recurrent(x)
        return self.head(out[:, -1, :])

    def final_states(self, x):
        """h_n, the final (hidden) states PyTorch returns: one per layer and direction."""
        _, state = self.recurrent(x)
        return state[0] if isinstance(state, tuple) else state

class LastState(LastStep):
    """The same through the final state PyTorch returns, h_n[-1]."""

    def forward(self, x):
        return self.head(self.final_states(x)[-1])

torch.manual_seed(1)
for name, recurrent in [("lstm_last", nn.LSTM(4, 6, batch_first=True)), ("gru_last", nn.GRU(4, 6, batch_first=True)),
                        ("lstm_state", nn.LSTM(4, 6, batch_first=True))]:
    net = (LastState if name.endswith("_state") else LastStep)(recurrent).eval()
    torch.onnx.export(net, torch.randn(2, 5, 4), name + ".onnx", opset_version=13, input_names=["x"],
                      output_names=["y"], dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}})


class BidirectionalStates(LastStep):
    """A tiny text classifier over embedded tokens through both final states of a bidirectional layer,
    torch.cat((h_n[-2], h_n[-1]), 1), as text classifiers often read them."""

    def forward(self, x):
        h = self.final_states(x)
        return self.head(torch.cat((h[-2], h[-1]), dim=1))

torch.manual_seed(2)
for name, net in [("bilstm_last", LastStep(nn.LSTM(4, 6, batch_first=True, bidirectional=True))),
                  ("bigru_state", BidirectionalStates(nn.GRU(4, 6, batch_first=True, bidirectional=True))),
                  ("rnn_last", LastStep(nn.RNN(4, 6, batch_first=True))),
                  ("rnn_relu_last", LastStep(nn.RNN(4, 6, batch_first=True, nonlinearity="relu")))]:
    torch.onnx.export(net.eval(), torch.randn(2, 5, 4), name + ".onnx", opset_version=13, input_names=["x"],
                      output_names=["y"], dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}})


class TextClassifier(nn.Module):
    """A tiny text classifier: token ids embedded, a batch-first GRU, its last state, a Linear and softmax."""

    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(20, 8)
        self.recurrent = nn.GRU(8, 6, batch_first=True)
        self.head = nn.Linear(6, 3)

    def forward(self, ids):
        _, state = self.recurrent(self.embedding(ids))
        return torch.softmax(self.head(state[-1]), dim=-1)

torch.manual_seed(3)
torch.onnx.export(TextClassifier().eval(), torch.randint(0, 20, (2, 5)), "text_gru.onnx", opset_version=13,
                  input_names=["x"], output_names=["y"], dynamic_axes={"x": {0: "batch", 1: "n"}, "y": {0: "batch"}})


class InvertedResidual(nn.Module):
    """MobileNet-v2's block in small: expand, ReLU6, depthwise, ReLU6, project, with a global pool and a head.
    PyTorch 1.13 writes ReLU6 as Clip with bounds 0 and 6 given as inputs (opset 11 on)."""

    def __init__(self):
        super().__init__()
        self.expand = nn.Sequential(nn.Conv2d(3, 12, 1, bias=False), nn.BatchNorm2d(12), nn.ReLU6())
        self.depthwise = nn.Sequential(nn.Conv2d(12, 12, 3, padding=1, groups=12, bias=False), nn.BatchNorm2d(12),
                                       nn.ReLU6())
        self.project = nn.Sequential(nn.Conv2d(12, 4, 1, bias=False), nn.BatchNorm2d(4))
        self.head = nn.Linear(4, 2)

    def forward(self, x):
        y = self.project(self.depthwise(self.expand(x)))
        return self.head(torch.flatten(nn.functional.adaptive_avg_pool2d(torch.clamp(y, min=-1.0), 1), 1))

torch.manual_seed(4)
torch.onnx.export(InvertedResidual().eval(), torch.randn(2, 3, 8, 8), "relu6_block.onnx", opset_version=17,
                  input_names=["x"], output_names=["y"], dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}})


class SmallUNet(nn.Module):
    """A U-Net in small: down by pooling, back up by a transposed convolution and by nearest and bilinear
    upsampling, the skip joined by channels."""

    def __init__(self):
        super().__init__()
        self.down = nn.Conv2d(1, 4, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.middle = nn.Conv2d(4, 4, 3, padding=1)
        self.up = nn.ConvTranspose2d(4, 4, 2, stride=2)
        self.nearest = nn.Upsample(scale_factor=2, mode="nearest")
        self.bilinear = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False)
        self.out = nn.Conv2d(16, 2, 1)

    def forward(self, x):
        skip = torch.relu(self.down(x))
        m = torch.relu(self.middle(self.pool(skip)))
        return self.out(torch.cat([skip, self.up(m), self.nearest(m), self.bilinear(m)], dim=1))

torch.manual_seed(5)
torch.onnx.export(SmallUNet().eval(), torch.randn(2, 1, 14, 14), "small_unet.onnx", opset_version=17,
                  input_names=["x"], output_names=["y"], dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}})


class Pools(nn.Module):
    """The pooling torchvision's classifiers use: ceil_mode max pooling (SqueezeNet, GoogLeNet) and average
    pooling counting its padding (PyTorch's default), with and without padding."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 3, 3)
        self.ceil = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.mean = nn.AvgPool2d(2)
        self.head = nn.Linear(3 * 3 * 3, 2)

    def forward(self, x):
        return self.head(torch.flatten(self.mean(self.ceil(torch.relu(self.conv(x)))), 1))

torch.manual_seed(6)
torch.onnx.export(Pools().eval(), torch.randn(2, 1, 14, 14), "pools.onnx", opset_version=17,
                  input_names=["x"], output_names=["y"], dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}})


class LayerScaleAndPositions(nn.Module):
    """ConvNeXt's layer scale (a learnable [C, 1, 1] multiplier) and a ViT's position embeddings (a learnable
    [1, n, d] table added to the tokens), which PyTorch exports as Mul and Add by constant arrays."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3, padding=1)
        self.gamma = nn.Parameter(torch.rand(4, 1, 1) + 0.5)
        self.positions = nn.Parameter(torch.randn(1, 49, 4))
        self.head = nn.Linear(4, 2)

    def forward(self, x):
        y = nn.functional.max_pool2d(self.conv(x) * self.gamma, 2)
        tokens = torch.reshape(y, (-1, 4, 49)).transpose(1, 2) + self.positions
        return self.head(tokens)

torch.manual_seed(7)
torch.onnx.export(LayerScaleAndPositions().eval(), torch.randn(2, 1, 14, 14), "constants.onnx", opset_version=17,
                  input_names=["x"], output_names=["y"], dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}})

# The zoo's LSTM classifier and GRU tagger in small.
torch.manual_seed(8)
for name, net in [("lstm_stacked", LstmClassifier(20, 8, 6, 3)), ("bigru_tagger", BiGruTagger(20, 8, 6, 4))]:
    torch.onnx.export(net.eval(), torch.randint(0, 20, (2, 5)), name + ".onnx", opset_version=17, input_names=["x"],
                      output_names=["y"], dynamic_axes={"x": {0: "batch", 1: "n"}, "y": {0: "batch"}})


def small_transformer():
    """2 batch-first layers, d_model 16, 2 heads: its nn.MultiheadAttention exports as a packed in-projection, Slices,
    Reshapes and Transposes around the scaled dot products."""
    return transformer_encoder(16, 2, 32, 2, 0.1)

torch.manual_seed(9)
torch.onnx.export(small_transformer().eval(), torch.randn(2, 5, 16), "transformer_encoder.onnx", opset_version=17,
                  input_names=["x"], output_names=["y"], dynamic_axes={"x": {0: "batch", 1: "n"}, "y": {0: "batch", 1: "n"}})

# Exported with every size fixed (no dynamic axes), PyTorch writes the Reshape targets as constants.
torch.manual_seed(10)
torch.onnx.export(small_transformer().eval(), torch.randn(2, 5, 16), "transformer_fixed.onnx", opset_version=17,
                  input_names=["x"], output_names=["y"])

# At opset 14 PyTorch writes each nn.LayerNorm out in nine operators; in a fresh layer both norms hold equal arrays
# (ones and zeros), which PyTorch stores once and reads through Identity nodes.
torch.manual_seed(11)
torch.onnx.export(nn.TransformerEncoderLayer(16, 2, dim_feedforward=32, batch_first=True).eval(), torch.randn(2, 5, 16),
                  "transformer_opset14.onnx", opset_version=14, input_names=["x"], output_names=["y"],
                  dynamic_axes={"x": {0: "batch", 1: "n"}, "y": {0: "batch", 1: "n"}})
