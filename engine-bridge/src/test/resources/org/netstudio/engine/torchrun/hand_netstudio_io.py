import json, os, struct, torch
DT = {"F32": torch.float32, "I64": torch.int64, "U8": torch.uint8}
NAMES = {v: k for k, v in DT.items()}
def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    out = {}
    for k, e in header.items():
        if k == "__metadata__": continue
        a, b = e["data_offsets"]
        buf = bytearray(raw[8 + n + a: 8 + n + b])
        t = torch.frombuffer(buf, dtype=DT[e["dtype"]]) if len(buf) else torch.zeros(0, dtype=DT[e["dtype"]])
        out[k] = t.reshape(e["shape"])
    return out
def write_safetensors(path, tensors):
    header, off, blobs = {}, 0, []
    for k, t in tensors.items():
        b = t.detach().contiguous().cpu().numpy().tobytes()
        header[k] = {"dtype": NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [off, off + len(b)]}
        off += len(b); blobs.append(b)
    h = json.dumps(header).encode(); h += b" " * ((8 - len(h) % 8) % 8)
    tmp = str(path) + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(h))); f.write(h); [f.write(b) for b in blobs]
    os.replace(tmp, path)
def load_netstudio(model, path): pass
def netstudio_arrays(model):
    m = getattr(model, "module", model)
    return {k: v for k, v in m.state_dict().items()}
