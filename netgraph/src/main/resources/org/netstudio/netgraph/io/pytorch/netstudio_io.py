"""NetStudio's weights in PyTorch: safetensors files read and written with nothing but PyTorch.

read_safetensors(path) -> dict of tensors; write_safetensors(path, tensors) (atomic: a temporary
file, then a rename); load_netstudio(model, path_or_dict) puts NetStudio's arrays into a model of
model.py; netstudio_arrays(model) gives them back under NetStudio's names (for a .safetensors file
NetStudio imports).
"""
import json
import os
import struct
import sys
import tempfile

import torch

# The safetensors element types, with their width in bytes.
_DTYPES = {
    "F64": (torch.float64, 8), "F32": (torch.float32, 4), "F16": (torch.float16, 2), "BF16": (torch.bfloat16, 2),
    "I64": (torch.int64, 8), "I32": (torch.int32, 4), "I16": (torch.int16, 2), "I8": (torch.int8, 1),
    "U8": (torch.uint8, 1), "BOOL": (torch.bool, 1),
}
_NAMES = {dtype: name for name, (dtype, _) in _DTYPES.items()}
_MAX_HEADER = 100_000_000


def read_safetensors(path):
    """The tensors of a safetensors file by name. Raises ValueError naming the file when it is not one."""
    path = os.fspath(path)
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ValueError(f"{path}: not a safetensors file (only {len(data)} bytes)")
    (header_size,) = struct.unpack("<Q", data[:8])
    if header_size > _MAX_HEADER or 8 + header_size > len(data):
        raise ValueError(f"{path}: the header claims {header_size} bytes, but the file has {len(data)}")
    try:
        header = json.loads(data[8:8 + header_size].decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise ValueError(f"{path}: the header is not valid JSON ({e})") from None
    if not isinstance(header, dict):
        raise ValueError(f"{path}: the header is not a JSON object")
    start = 8 + header_size
    available = len(data) - start
    tensors = {}
    spans = []
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if not isinstance(entry, dict) or entry.get("dtype") not in _DTYPES:
            raise ValueError(f"{path}: tensor {name!r} has no known dtype")
        dtype, width = _DTYPES[entry["dtype"]]
        shape = entry.get("shape")
        offsets = entry.get("data_offsets")
        if (not isinstance(shape, list) or not all(isinstance(s, int) and s >= 0 for s in shape)
                or not isinstance(offsets, list) or len(offsets) != 2
                or not all(isinstance(o, int) for o in offsets)):
            raise ValueError(f"{path}: tensor {name!r} has a malformed shape or data_offsets")
        begin, end = offsets
        count = 1
        for s in shape:
            count *= s
        if not 0 <= begin <= end <= available:
            raise ValueError(f"{path}: tensor {name!r} lies outside the file ({begin}..{end} of {available} bytes)")
        if end - begin != count * width:
            raise ValueError(f"{path}: tensor {name!r} of shape {shape} needs {count * width} bytes, "
                             f"but its offsets give {end - begin}")
        spans.append((begin, end, name))
        if count == 0:
            tensors[name] = torch.zeros(shape, dtype=dtype)
            continue
        values = torch.frombuffer(bytearray(data[start + begin:start + end]), dtype=dtype)
        if sys.byteorder != "little" and width > 1:
            values = values.view(torch.uint8).reshape(-1, width).flip(1).reshape(-1).view(dtype)
        tensors[name] = values.reshape(shape)
    spans.sort()
    for (b1, e1, n1), (b2, e2, n2) in zip(spans, spans[1:]):
        if b2 < e1:
            raise ValueError(f"{path}: tensors {n1!r} and {n2!r} overlap")
    return tensors


def write_safetensors(path, tensors, metadata=None):
    """Writes tensors (name -> tensor) as a safetensors file, sorted by name; atomic: temp file + rename."""
    path = os.fspath(path)
    header = {}
    blobs = []
    offset = 0
    for name in sorted(tensors):
        t = tensors[name].detach().to("cpu").contiguous()
        if t.dtype not in _NAMES:
            raise ValueError(f"tensor {name!r} has a type safetensors cannot hold ({t.dtype})")
        raw = t.reshape(-1).view(torch.uint8) if t.numel() and t.element_size() > 1 else t.reshape(-1)
        blob = bytes(raw.numpy().tobytes()) if t.numel() else b""
        if sys.byteorder != "little" and t.element_size() > 1:
            w = t.element_size()
            blob = b"".join(blob[i:i + w][::-1] for i in range(0, len(blob), w))
        header[name] = {"dtype": _NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    folder = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(struct.pack("<Q", len(text)))
            f.write(text)
            for blob in blobs:
                f.write(blob)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


def _unwrapped(model):
    # DistributedDataParallel (and DataParallel) keep the model as .module
    return model.module if hasattr(model, "module") and not hasattr(model, "netstudio_arrays") else model


def load_netstudio(model, weights):
    """Loads NetStudio's arrays (a safetensors path or a dict) into a model of model.py.

    Names and shapes are checked: a missing, unknown or misshapen array raises ValueError naming it.
    """
    model = _unwrapped(model)
    arrays = weights if isinstance(weights, dict) else read_safetensors(weights)
    names = model.netstudio_arrays
    for name in names:
        if name not in arrays:
            raise ValueError(f"the weights have no array {name!r}, which the net needs")
    for name in arrays:
        if name not in names:
            raise ValueError(f"the weights hold an array {name!r} the net does not have")
    state = model.state_dict()
    with torch.no_grad():
        for name, key in names.items():
            value = arrays[name]
            target = state[key]
            if tuple(value.shape) != tuple(target.shape):
                raise ValueError(f"array {name!r} has shape {list(value.shape)}, but the net needs "
                                 f"{list(target.shape)}")
            target.copy_(value.to(dtype=target.dtype, device=target.device))
    return model


def netstudio_arrays(model):
    """The model's arrays under NetStudio's names, on the CPU (the inverse of load_netstudio)."""
    model = _unwrapped(model)
    state = model.state_dict()
    return {name: state[key].detach().to("cpu").clone() for name, key in model.netstudio_arrays.items()}
