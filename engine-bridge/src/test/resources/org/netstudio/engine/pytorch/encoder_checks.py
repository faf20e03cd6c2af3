"""Runs the exported encoders.py functions on the raw inputs NetStudio encoded and prints the results as JSON."""
import json
import os
import sys

import torch

folder = sys.argv[1]
TEXTS = ["The cat's HAT, isn't it?", "  Ünïcode  wörds: 3.14 —dash\tand\nlines", "dog"]
result = {}
for case in ("rgb", "gray"):
    sys.path.insert(0, os.path.join(folder, case))
    import encoders  # noqa: E402
    import netstudio_io  # noqa: E402
    raw = netstudio_io.read_safetensors(os.path.join(folder, case, "raw.safetensors"))
    result[case] = {name: encoders.encode_Input(images.to(torch.uint8)).reshape(-1).tolist()
                    for name, images in sorted(raw.items())}
    result[case + " labels"] = encoders.decode_Output(torch.tensor([[0.1, 0.9], [0.7, 0.3]]))
    sys.path.pop(0)
    del sys.modules["encoders"], sys.modules["netstudio_io"]
sys.path.insert(0, os.path.join(folder, "text"))
import encoders  # noqa: E402
padded, lengths = encoders.encode_Input(["abca", "cz\u00e9"])
result["text"] = [padded.tolist(), lengths.tolist()]
sys.path[0] = os.path.join(folder, "tokens")
del sys.modules["encoders"]
import encoders  # noqa: E402,F811
padded, lengths = encoders.encode_Input(TEXTS)
result["tokens"] = [padded.tolist(), lengths.tolist()]
print(json.dumps(result))
