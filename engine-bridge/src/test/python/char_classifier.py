#!/usr/bin/python3
"""PyTorch side of NetStudio's CharClassifierBench (`./bench text`).

The same character-level word classifier NetStudio trains, written by hand in PyTorch with packed
sequences: each word's characters as indices (the alphabet of the training words, sorted by code
point, then one index for characters they never hold), an embedding, a GRU run over a
PackedSequence (so it stops at each word's own length) whose last state feeds a linear layer of one
score per language, softmax cross-entropy, Adam.

Data: words.csv (word,language). Rows 0, 1, 2, 3 of every five train; row 4 of every five is the
held-out test set, as on the Java side.

Protocol, so that the Java bench can interleave its rounds with its own in one warm process: after
printing "ready ...", every line read from standard input is a seed; the script trains a fresh net
for the given number of epochs and prints "result {json}" with the training loop's examples per
second (shuffling, padding, packing, forward, backward, update; evaluation excluded), the same by
the process's CPU time for the whole training (model creation included), its seconds and the test
accuracy. An empty line or the end of input ends it.

  echo 1 | /usr/bin/python3 engine-bridge/src/test/python/char_classifier.py \
      --data engine-bridge/src/test/resources/org/netstudio/engine/data/words.csv
"""
import argparse
import csv
import json
import sys
import time

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_sequence


class CharClassifier(nn.Module):
    def __init__(self, alphabet, embedding, units, classes):
        super().__init__()
        self.embedding = nn.Embedding(alphabet, embedding)
        self.gru = nn.GRU(embedding, units, batch_first=True)
        self.linear = nn.Linear(units, classes)

    def forward(self, padded, lengths):
        packed = pack_padded_sequence(self.embedding(padded), lengths, batch_first=True, enforce_sorted=False)
        _, last = self.gru(packed)
        return self.linear(last[-1])


def load(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    train = [r for i, r in enumerate(rows) if i % 5 != 4]
    test = [r for i, r in enumerate(rows) if i % 5 == 4]
    alphabet = sorted({c for r in train for c in r["word"]})
    index = {c: i for i, c in enumerate(alphabet)}
    unknown = len(alphabet)
    languages = sorted({r["language"] for r in rows})

    def encode(part):
        words = [torch.tensor([index.get(c, unknown) for c in r["word"]], dtype=torch.long) for r in part]
        labels = torch.tensor([languages.index(r["language"]) for r in part], dtype=torch.long)
        return words, labels

    return encode(train), encode(test), len(alphabet) + 1, languages


def batches(words, labels, order, batch):
    for first in range(0, len(order), batch):
        index = order[first:first + batch]
        chosen = [words[i] for i in index]
        lengths = torch.tensor([len(w) for w in chosen])
        yield pad_sequence(chosen, batch_first=True), lengths, labels[index]


def run(seed, train, test, alphabet, classes, args):
    cpu = time.process_time()
    torch.manual_seed(seed)
    model = CharClassifier(alphabet, args.embedding, args.units, classes)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.learning_rate)
    loss_fn = nn.CrossEntropyLoss()
    words, labels = train
    generator = torch.Generator().manual_seed(seed)
    seconds = 0.0
    for _ in range(args.epochs):
        model.train()
        start = time.perf_counter()
        order = torch.randperm(len(words), generator=generator)
        for padded, lengths, target in batches(words, labels, order, args.batch):
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(padded, lengths), target)
            loss.backward()
            optimizer.step()
        seconds += time.perf_counter() - start
    cpu = time.process_time() - cpu
    model.eval()
    right = 0
    with torch.no_grad():
        test_words, test_labels = test
        order = torch.arange(len(test_words))
        for padded, lengths, target in batches(test_words, test_labels, order, 256):
            right += (model(padded, lengths).argmax(1) == target).sum().item()
    examples = args.epochs * len(words)
    return {"examplesPerSecond": examples / seconds, "cpuExamplesPerSecond": examples / cpu, "seconds": seconds,
            "testAccuracy": right / len(test_words)}


def main():
    parser = argparse.ArgumentParser(description="PyTorch side of CharClassifierBench")
    parser.add_argument("--data", required=True, help="words.csv")
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--learning-rate", type=float, default=0.005)
    parser.add_argument("--embedding", type=int, default=16)
    parser.add_argument("--units", type=int, default=64)
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    train, test, alphabet, languages = load(args.data)
    print("ready torch %s, %d thread(s), %d training and %d test words, %d characters, %d languages"
          % (torch.__version__, torch.get_num_threads(), len(train[0]), len(test[0]), alphabet, len(languages)),
          flush=True)
    for line in sys.stdin:
        line = line.strip()
        if not line:
            break
        print("result " + json.dumps(run(int(line), train, test, alphabet, len(languages), args)), flush=True)


if __name__ == "__main__":
    main()
