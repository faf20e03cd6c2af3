"""Writes tiny-encoder.onnx, the model inside the fake sentence-encoder jar of ArchivedEncoderTest.

A BERT-shaped stand-in (inputs input_ids, attention_mask, token_type_ids; output last_hidden_state,
one vector of 4 per token) small enough to commit, with a vocabulary of 19 to match the tiny BPE
tokenizer of engine-bridge's tests. Run with Debian's PyTorch: /usr/bin/python3 tiny_encoder.py
"""
import torch
import torch.nn as nn


class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.word = nn.Embedding(19, 4)
        self.types = nn.Embedding(2, 4)
        self.norm = nn.LayerNorm(4)
        self.dense = nn.Linear(4, 4)

    def forward(self, input_ids, attention_mask, token_type_ids):
        h = self.norm(self.word(input_ids) + self.types(token_type_ids))
        return self.dense(h) * attention_mask.unsqueeze(-1).to(h.dtype)


torch.manual_seed(0)
ids = torch.tensor([[1, 5, 7, 2]])
names = ["input_ids", "attention_mask", "token_type_ids"]
torch.onnx.export(Tiny().eval(), (ids, torch.ones_like(ids), torch.zeros_like(ids)), "tiny-encoder.onnx",
                  input_names=names, output_names=["last_hidden_state"],
                  dynamic_axes={k: {0: "batch", 1: "sequence_length"} for k in names + ["last_hidden_state"]},
                  opset_version=14)
