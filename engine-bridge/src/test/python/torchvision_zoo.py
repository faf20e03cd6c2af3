"""Exports torchvision classifiers (random weights, nothing downloaded) for TorchvisionZooBench, and times them.

For each model name: writes NAME.onnx (opset 17, batch axis open), a batch of inputs NAME.input (float32,
little-endian, batch x 3 x size x size) and PyTorch's outputs for it NAME.output (float32), then prints one JSON
line: the name, the median seconds of a forward pass in eager mode over the rounds, and the output's shape.
"""
import json
import statistics
import sys
import time
import warnings

import torch
import torchvision

warnings.filterwarnings("ignore")


def main():
    folder, batch, size, rounds, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    torch.set_num_threads(threads)
    for name in sys.argv[6:]:
        torch.manual_seed(0)
        model = getattr(torchvision.models, name)(weights=None).eval()
        x = torch.randn(batch, 3, size, size)
        torch.onnx.export(model, x[:1], f"{folder}/{name}.onnx", opset_version=17, input_names=["x"],
                          output_names=["y"], dynamic_axes={"x": {0: "batch"}, "y": {0: "batch"}})
        with torch.no_grad():
            y = model(x)
            model(x)
            times = []
            for _ in range(rounds):
                start = time.perf_counter()
                model(x)
                times.append(time.perf_counter() - start)
        x.numpy().astype("<f4").tofile(f"{folder}/{name}.input")
        y.numpy().astype("<f4").tofile(f"{folder}/{name}.output")
        print(json.dumps({"model": name, "seconds": statistics.median(times), "shape": list(y.shape)}), flush=True)


if __name__ == "__main__":
    main()
