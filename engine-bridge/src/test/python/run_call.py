"""PyTorch column of RunCallBench: the median seconds of one forward call of a small MLP (Linear 20→32, GELU,
Linear 32→16, LayerNorm, Linear 16→3) on one example, in eager mode with no_grad, on the given threads."""
import json
import statistics
import sys
import time

import torch
from torch import nn

calls, threads = int(sys.argv[1]), int(sys.argv[2])
torch.set_num_threads(threads)
torch.manual_seed(0)
net = nn.Sequential(nn.Linear(20, 32), nn.GELU(), nn.Linear(32, 16), nn.LayerNorm(16), nn.Linear(16, 3)).eval()
x = torch.randn(1, 20)
times = []
with torch.no_grad():
    for _ in range(100):
        net(x)
    for _ in range(calls):
        start = time.perf_counter()
        net(x)
        times.append(time.perf_counter() - start)
print(json.dumps({"seconds": statistics.median(times)}))
