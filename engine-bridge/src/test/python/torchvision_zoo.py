"""Exports the zoo of ZooBench (random weights, nothing downloaded) and times each model in PyTorch eager mode.

The zoo: torchvision classifiers by their torchvision names (batch x 3 x size x size images), and four nets
written as people write them (the sequence nets in sequence_nets.py, which the ONNX fixtures share in small):
"lstm_classifier" (token ids, Embedding 10k x 128, a 2-layer batch-first LSTM of 256, its last step, a Linear), "bigru_tagger" (token ids, Embedding, a bidirectional GRU of 128, a
Linear on every step), "transformer_encoder" (64 steps of 256 floats, nn.TransformerEncoder of 4 layers,
4 heads, batch first) and "unet" (a 3-level U-Net on 3 x 128 x 128 images, ConvTranspose2d on the way up).

For each model name: writes NAME.onnx (opset 17, batch axis open), a batch of inputs NAME.input (float32 or, for
token ids, int64, little-endian) and PyTorch's outputs for it NAME.output (float32), then prints one JSON line:
the name, its kind, the median seconds of a forward pass in eager mode over the rounds, the input's shape and
element type and the output's shape, and waits for a line on stdin (the caller done with that model) before the next.
"""
import json
import statistics
import sys
import time
import warnings

import torch
import torch.nn as nn

from sequence_nets import BiGruTagger, LstmClassifier, transformer_encoder

warnings.filterwarnings("ignore")

VOCABULARY = 10000
STEPS = 64


def block(inputs, outputs):
    return nn.Sequential(nn.Conv2d(inputs, outputs, 3, padding=1), nn.BatchNorm2d(outputs), nn.ReLU(),
                         nn.Conv2d(outputs, outputs, 3, padding=1), nn.BatchNorm2d(outputs), nn.ReLU())


class UNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.down1, self.down2, self.bottom = block(3, 16), block(16, 32), block(32, 64)
        self.pool = nn.MaxPool2d(2)
        self.up2, self.up1 = nn.ConvTranspose2d(64, 32, 2, stride=2), nn.ConvTranspose2d(32, 16, 2, stride=2)
        self.decode2, self.decode1 = block(64, 32), block(32, 16)
        self.out = nn.Conv2d(16, 2, 1)

    def forward(self, x):
        d1 = self.down1(x)
        d2 = self.down2(self.pool(d1))
        b = self.bottom(self.pool(d2))
        u2 = self.decode2(torch.cat([d2, self.up2(b)], dim=1))
        u1 = self.decode1(torch.cat([d1, self.up1(u2)], dim=1))
        return self.out(u1)


SEQUENCE_MODELS = {
    "lstm_classifier": (lambda: LstmClassifier(VOCABULARY, 128, 256, 4), "tokens"),
    "bigru_tagger": (lambda: BiGruTagger(VOCABULARY, 128, 128, 17), "tokens"),
    "transformer_encoder": (lambda: transformer_encoder(256, 4, 512, 4, 0.05), "sequence"),
    "unet": (UNet, "image"),
}


def with_data_statistics(model, x):
    """The model in eval mode with its batch-norm statistics taken from inputs like x, as a trained model has
    them: with the initial ones (mean 0, variance 1) a random EfficientNet shrinks its signal to 1e-14."""
    norms = [m for m in model.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    if norms:
        for m in norms:
            m.momentum = None
        model.train()
        with torch.no_grad():
            for _ in range(4):
                model(torch.randn_like(x))
        for m in norms:
            m.momentum = 0.1  # PyTorch's default again: the export writes it, and fine-tuning follows it
    return model.eval()


def model_and_input(name, batch, size):
    if name in SEQUENCE_MODELS:
        make, kind = SEQUENCE_MODELS[name]
        model = make().eval()
        if kind == "tokens":
            return model, kind, torch.randint(0, VOCABULARY, (batch, STEPS))
        if kind == "sequence":
            return model, kind, torch.randn(batch, STEPS, 256)
        x = torch.randn(batch, 3, 128, 128)
        return with_data_statistics(model, x), kind, x
    import torchvision
    x = torch.randn(batch, 3, size, size)
    return with_data_statistics(getattr(torchvision.models, name)(weights=None), x), "image", x


def main():
    folder, batch, size, rounds, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    torch.set_num_threads(threads)
    for name in sys.argv[6:]:
        torch.manual_seed(0)
        model, kind, x = model_and_input(name, batch, size)
        # Batch (and for sequences the steps) left open, as a person exporting for any batch writes it.
        axes = {0: "batch", 1: "steps"} if kind != "image" else {0: "batch"}
        torch.onnx.export(model, x[:2], f"{folder}/{name}.onnx", opset_version=17, input_names=["x"],
                          output_names=["y"], dynamic_axes={"x": axes, "y": {0: "batch"}})
        with torch.no_grad():
            y = model(x)
            model(x)
            times = []
            for _ in range(rounds):
                start = time.perf_counter()
                model(x)
                times.append(time.perf_counter() - start)
        x.numpy().astype("<i8" if kind == "tokens" else "<f4").tofile(f"{folder}/{name}.input")
        y.numpy().astype("<f4").tofile(f"{folder}/{name}.output")
        print(json.dumps({"model": name, "kind": kind, "seconds": statistics.median(times), "input": list(x.shape),
                          "integers": kind == "tokens", "shape": list(y.shape)}), flush=True)
        # The Java side times this model now: wait for it, so that the two never run at once.
        sys.stdin.readline()


if __name__ == "__main__":
    main()
