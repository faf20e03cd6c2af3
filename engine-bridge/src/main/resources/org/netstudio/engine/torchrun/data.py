"""The examples NetStudio trains this net on, read from the project's data/ folder.

NetStudio wrote them exactly as its own trainer feeds them (pictures already scaled, texts already
encoded), so PyTorch trains on the same numbers. Each file holds, per column:

* features: float32 [N, ...], or uint8 for pictures (multiplied back by the column's byteScale);
* classes: int64 [N]; real targets: float32 [N, width];
* sequences of varying length: the elements of every example one after the other, and
  `<column>.offsets` int64 [N + 1] where each example starts.

recipe.json's "data" object names the files and says what each column holds.
"""
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
