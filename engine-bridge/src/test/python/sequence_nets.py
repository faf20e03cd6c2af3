"""The sequence nets written as people write them, shared by ZooBench's zoo (torchvision_zoo.py, at full size) and the
ONNX fixtures the import tests read (resources/onnx/export_fixtures.py, in small)."""
import torch
import torch.nn as nn


class LstmClassifier(nn.Module):
    """Token ids embedded, a 2-layer batch-first LSTM (PyTorch cuts each layer's zero state out of one for both), its
    last step, a Linear."""

    def __init__(self, vocabulary, width, hidden, classes):
        super().__init__()
        self.embedding = nn.Embedding(vocabulary, width)
        self.lstm = nn.LSTM(width, hidden, num_layers=2, batch_first=True)
        self.head = nn.Linear(hidden, classes)

    def forward(self, ids):
        out, _ = self.lstm(self.embedding(ids))
        return self.head(out[:, -1, :])


class BiGruTagger(nn.Module):
    """Token ids embedded, a bidirectional batch-first GRU, a Linear on every step: a sequence tagger."""

    def __init__(self, vocabulary, width, hidden, tags):
        super().__init__()
        self.embedding = nn.Embedding(vocabulary, width)
        self.gru = nn.GRU(width, hidden, batch_first=True, bidirectional=True)
        self.head = nn.Linear(2 * hidden, tags)

    def forward(self, ids):
        out, _ = self.gru(self.embedding(ids))
        return self.head(out)


def transformer_encoder(width, heads, feedforward, layers, spread):
    """nn.TransformerEncoder of batch-first layers. It copies one layer: moved apart by noise of `spread`, as training
    would, its layers hold arrays of their own."""
    encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(width, heads, dim_feedforward=feedforward,
                                                               batch_first=True), layers, enable_nested_tensor=False)
    with torch.no_grad():
        for p in encoder.parameters():
            p.add_(spread * torch.randn_like(p))
    return encoder
