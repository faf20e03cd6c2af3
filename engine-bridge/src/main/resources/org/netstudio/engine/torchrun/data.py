"""The examples NetStudio trains this net on, read from the project's data/ folder.

NetStudio wrote them exactly as its own trainer feeds them (pictures already scaled, texts already
encoded), so PyTorch trains on the same numbers. Each file holds, per column:

* features: float32 [N, ...], or uint8 for pictures (multiplied back by the column's byteScale);
* classes: int64 [N]; real targets: float32 [N, width];
* sequences of varying length: the elements of every example one after the other, and
  `<column>.offsets` int64 [N + 1] where each example starts.

recipe.json's "data" object names the files and says what each column holds.
"""
import math

import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import Dataset

from netstudio_io import read_safetensors


class Examples(Dataset):
    """The examples of one file; an item is a dict from column name to that example's tensor."""

    def __init__(self, path, columns):
        tensors = read_safetensors(path)
        self.columns = columns
        self.values = {}
        self.offsets = {}
        self.size = None
        for name, spec in columns.items():
            if name not in tensors:
                raise ValueError(f"{path} has no column '{name}'")
            values = tensors[name]
            if spec["kind"] == "features" and values.dtype == torch.uint8:
                # Pictures are stored as bytes: scaled back they are NetStudio's float32 numbers.
                values = values.to(torch.float32) * torch.tensor(spec["byteScale"], dtype=torch.float32)
            self.values[name] = values
            if spec["kind"].endswith("sequence"):
                self.offsets[name] = tensors[name + ".offsets"]
                count = len(self.offsets[name]) - 1
            else:
                count = len(values)
            if self.size is not None and count != self.size:
                raise ValueError(f"{path}: column '{name}' has {count} examples, the others {self.size}")
            self.size = count
        self.extra = {k: v for k, v in tensors.items() if k.startswith("split.")}

    def __len__(self):
        return self.size

    def __getitem__(self, i):
        item = {}
        for name, values in self.values.items():
            if name in self.offsets:
                start, end = self.offsets[name][i].item(), self.offsets[name][i + 1].item()
                item[name] = values[start:end]
            else:
                item[name] = values[i]
        return item

    def collate(self, items):
        """Stacks a batch; sequences are padded at the end (with 0) and their lengths go to `<column>.lengths`."""
        batch = {}
        for name in self.values:
            column = [item[name] for item in items]
            if name in self.offsets:
                batch[name] = pad_sequence(column, batch_first=True)
                batch[name + ".lengths"] = torch.tensor([len(c) for c in column], dtype=torch.int64)
            else:
                batch[name] = torch.stack(column)
        return batch


def load(recipe, project_dir):
    """Training, validation and test examples: (train, validation, test), the last two may be None.

    Without a validation file, the examples NetStudio holds back (recipe validationFraction, its own
    shuffle of the seed) are listed in the training file as `split.validation`; the rest train.
    """
    spec = recipe["data"]
    columns = spec["columns"]
    everything = Examples(project_dir / spec["train"], columns)
    if spec.get("validation"):
        train = everything
        validation = Examples(project_dir / spec["validation"], columns)
    else:
        held = everything.extra.get("split.validation", torch.zeros(0, dtype=torch.int64))
        keep = torch.ones(len(everything), dtype=torch.bool)
        keep[held] = False
        train = Subset(everything, keep.nonzero().flatten().tolist())
        validation = Subset(everything, held.tolist()) if len(held) > 0 else None
    test = Examples(project_dir / spec["test"], columns) if spec.get("test") else None
    return train, validation, test


class Subset(Dataset):
    """Some examples of a file, in the order given (keeps the file's collate)."""

    def __init__(self, examples, rows):
        self.examples = examples
        self.rows = list(rows)

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        return self.examples[self.rows[i]]

    def collate(self, items):
        return self.examples.collate(items)

    def subset(self, rows):
        return Subset(self.examples, [self.rows[r] for r in rows])


def shard(examples, rank, world):
    """This process's share of examples to evaluate: every world-th one, none repeated."""
    rows = range(rank, len(examples), world)
    if isinstance(examples, Subset):
        return examples.subset(rows)
    return Subset(examples, rows)


class JavaRandom:
    """java.util.Random, whose shuffles NetStudio's trainer uses: the same seed gives the same order."""

    MULTIPLIER, ADDEND, MASK = 0x5DEECE66D, 0xB, (1 << 48) - 1

    def __init__(self, seed):
        self.state = (seed ^ self.MULTIPLIER) & self.MASK

    def next_bits(self, bits):
        self.state = (self.state * self.MULTIPLIER + self.ADDEND) & self.MASK
        return self.state >> (48 - bits)

    def next_int(self, bound):
        if bound & -bound == bound:
            return (bound * self.next_bits(31)) >> 31
        while True:
            bits = self.next_bits(31)
            value = bits % bound
            if bits - value + (bound - 1) < (1 << 31):
                return value


class NetStudioBatches:
    """The batches of NetStudio's trainer, shared between processes.

    Each epoch shuffles the training examples as NetStudio does (Fisher-Yates with java.util.Random
    of the seed, each epoch continuing from the last), cuts them into batches of the global batch
    size, and gives this process its share of each batch (every world-th example from its rank on).
    So an update sees exactly the examples of NetStudio's update; DistributedDataParallel averages
    the processes' gradients, and share() says how to weigh a process's mean loss when the last
    batch does not divide evenly. A process whose share is empty gets the batch's first example,
    to be weighed 0.
    """

    def __init__(self, size, batch_size, seed, rank, world):
        self.order = list(range(size))
        self.batch_size = min(batch_size, size)
        self.random = JavaRandom(seed)
        self.rank, self.world = rank, world
        self.epoch = 0

    def __len__(self):
        return math.ceil(len(self.order) / self.batch_size)

    def set_epoch(self, epoch):
        """Shuffles up to epoch (from 1), as NetStudio has by then (also when resuming)."""
        while self.epoch < epoch:
            order = self.order
            for i in range(len(order) - 1, 0, -1):
                j = self.random.next_int(i + 1)
                order[i], order[j] = order[j], order[i]
            self.epoch += 1

    def batch(self, b):
        """The examples of global batch b (from 0)."""
        return self.order[b * self.batch_size:(b + 1) * self.batch_size]

    def share(self, b):
        """This process's weight for batch b: its examples over the batch's, times the processes."""
        batch = self.batch(b)
        return len(batch[self.rank::self.world]) * self.world / len(batch)

    def __iter__(self):
        for b in range(len(self)):
            mine = self.batch(b)[self.rank::self.world]
            yield mine or self.batch(b)[:1]
