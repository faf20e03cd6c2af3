# Writes reference.safetensors with the reference implementation (Hugging Face safetensors 0.8.0,
# numpy 2.4), independent of NetStudio's code; SafetensorsTest reads it and checks every value.
# Regenerate with: python3 make_reference_safetensors.py
import numpy as np
from safetensors.numpy import save_file

save_file({
    "linear1/weights": np.array([[1.0, -2.0, 0.5], [3.25, -0.0, 1e-3]], dtype=np.float32),
    "linear1/biases": np.array([0.125, -4.0], dtype=np.float32),
    "half/values": np.array([1.0, -0.5, 65504.0, 2.0 ** -24], dtype=np.float16),
    "double/values": np.array([[np.pi]], dtype=np.float64),
    "counts/values": np.array([7, -1, 2 ** 40], dtype=np.int64),
    "small/values": np.array([-3, 100000], dtype=np.int32),
    "scalar/value": np.array(2.5, dtype=np.float32),
    "empty/values": np.zeros((0, 3), dtype=np.float32),
}, "reference.safetensors", metadata={"format": "np", "producer": "safetensors 0.8.0"})
