"""PyTorch on one CPU thread, the same two workloads as moons-mlp.mjs and mnist-cnn.mjs, for the
ratio the issue's targets are stated in ("within 2x of PyTorch"). Run with Debian's python3-torch:

    /usr/bin/python3 bench/pytorch-reference.py            both
    /usr/bin/python3 bench/pytorch-reference.py moons      one (moons-mlp.mjs and mnist-cnn.mjs run it
    /usr/bin/python3 bench/pytorch-reference.py cnn        this way with --pytorch, in the same run)

A moons epoch and a CNN step are forward, loss, backward, Adam step and reading the loss back.
"""
import sys
import time

import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.manual_seed(0)


def median_ms(step, warmup, repetitions, block=1):
    for _ in range(warmup):
        step()
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        for _ in range(block):
            step()
        times.append((time.perf_counter() - start) * 1000 / block)
    return sorted(times)[len(times) // 2]


def moons():
    x = torch.randn(800, 2)
    y = torch.randint(0, 2, (800,))
    model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 2))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    loss_function = nn.CrossEntropyLoss()

    def epoch():
        optimizer.zero_grad()
        loss = loss_function(model(x), y)
        loss.backward()
        optimizer.step()
        loss.item()

    return median_ms(epoch, warmup=200, repetitions=10, block=200)


def cnn():
    images = torch.rand(64, 1, 28, 28)
    labels = torch.randint(0, 10, (64,))
    model = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.25), nn.Flatten(),
        nn.Linear(9216, 128), nn.ReLU(), nn.Dropout(0.5), nn.Linear(128, 10),
    )
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_function = nn.CrossEntropyLoss()

    def step():
        optimizer.zero_grad()
        loss = loss_function(model(images), labels)
        loss.backward()
        optimizer.step()
        loss.item()

    return median_ms(step, warmup=3, repetitions=10)


which = sys.argv[1] if len(sys.argv) > 1 else "both"
if which in ("moons", "both"):
    print(f"PyTorch {torch.__version__}, 1 thread: moons epoch {moons():.3f} ms")
if which in ("cnn", "both"):
    print(f"PyTorch {torch.__version__}, 1 thread: CNN step {cnn():.1f} ms")
