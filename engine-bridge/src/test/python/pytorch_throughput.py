#!/usr/bin/python3
"""PyTorch-from-Python column of NetStudio's TrainingThroughputBench.

Trains the bench's small CNN (conv 16 3x3 pad 1, ReLU, max-pool 2, conv 32 3x3 pad 1, ReLU,
max-pool 2, flatten, linear 64, ReLU, linear 10) with Adam (lr 0.001) and softmax cross-entropy
on the first examples of Fashion-MNIST's training images, one epoch per request, batch by batch as
a hand-written PyTorch loop does, and reports the samples per second of the batch loop alone
(model creation excluded, gathering each batch included, as in the Java loops).

Protocol, so that the Java bench can interleave its rounds with its own loops in one warm
process: after printing "ready ...", every line read from standard input is a number of examples;
the script trains one epoch on that many and prints "samples_per_second <value>". An empty line or
the end of input ends it.

Run it with Debian's interpreter, which has python3-torch:
  echo 4096 | /usr/bin/python3 engine-bridge/src/test/python/pytorch_throughput.py \
      --data /usr/share/datasets/fashion-mnist --threads 2
"""
import argparse
import gzip
import os
import struct
import sys
import time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        magic = struct.unpack(">I", f.read(4))[0]
        dims = [struct.unpack(">I", f.read(4))[0] for _ in range(magic & 0xFF)]
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)


def find(folder, name):
    for candidate in (name + ".gz", name):
        path = os.path.join(folder, candidate)
        if os.path.isfile(path):
            return path
    raise FileNotFoundError(os.path.join(folder, name + "[.gz]"))


def load(folder, examples):
    if folder is None:
        # No data given: random images of the same shape; the throughput does not depend on the values.
        generator = torch.Generator().manual_seed(1)
        return (torch.rand(examples, 1, 28, 28, generator=generator),
                torch.randint(0, 10, (examples,), generator=generator))
    images = read_idx(find(folder, "train-images-idx3-ubyte"))[:examples]
    labels = read_idx(find(folder, "train-labels-idx1-ubyte"))[:examples]
    x = torch.from_numpy(images.astype(np.float32) / 255.0).reshape(-1, 1, 28, 28)
    return x, torch.from_numpy(labels.astype(np.int64))


def small_cnn(classes):
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 7 * 7, 64), nn.ReLU(), nn.Linear(64, classes))


def epoch(x, y, batch):
    torch.manual_seed(1)
    model = small_cnn(10)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    n = x.shape[0]
    order = torch.randperm(n, generator=torch.Generator().manual_seed(1))
    start = time.perf_counter()
    for first in range(0, n, batch):
        index = order[first:first + batch]
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x[index]), y[index])
        loss.backward()
        optimizer.step()
    return n / (time.perf_counter() - start)


def main():
    parser = argparse.ArgumentParser(description="PyTorch column of TrainingThroughputBench")
    parser.add_argument("--data", help="folder with the Fashion-MNIST IDX files (default: random images)")
    parser.add_argument("--examples", type=int, default=4096, help="the most examples a request may ask for")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    x, y = load(args.data, args.examples)
    print("ready torch %s, %d thread(s), %d examples" % (torch.__version__, torch.get_num_threads(), x.shape[0]),
          flush=True)
    for line in sys.stdin:
        line = line.strip()
        if not line:
            break
        n = min(int(line), x.shape[0])
        print("samples_per_second %.1f" % epoch(x[:n], y[:n], args.batch), flush=True)


if __name__ == "__main__":
    main()
