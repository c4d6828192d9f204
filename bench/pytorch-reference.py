"""PyTorch on one CPU thread (or on every core), the workloads of moons-mlp.mjs, mnist-cnn.mjs and
cnn-inference.mjs, for the ratios the issues' targets are stated in. Run with Debian's python3-torch:

    /usr/bin/python3 bench/pytorch-reference.py                      moons and cnn, one thread
    /usr/bin/python3 bench/pytorch-reference.py cnn                  one workload (moons, cnn, cnn-inference)
    /usr/bin/python3 bench/pytorch-reference.py cnn --all-cores      PyTorch's default threads

One thread means torch.set_num_threads(1) AND OPENBLAS_NUM_THREADS=1: Debian's torch does its matrix
products in OpenBLAS, whose own threads ignore torch's setting (the CNN step measured 114 ms with
only the first, 130-157 ms with both). A moons epoch and a CNN step are forward, loss, backward, Adam
step and reading the loss back; CNN inference is one forward pass of a batch of 1,000 in eval mode.
"""
import os
import sys
import time

ALL_CORES = "--all-cores" in sys.argv
if not ALL_CORES:
    os.environ["OPENBLAS_NUM_THREADS"] = "1"  # before torch loads OpenBLAS

import torch
import torch.nn as nn

if not ALL_CORES:
    torch.set_num_threads(1)
torch.manual_seed(0)
THREADS = "1 thread" if not ALL_CORES else f"all cores (torch's {torch.get_num_threads()} intra-op, OpenBLAS's own)"


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


def tutorial_cnn():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.25), nn.Flatten(),
        nn.Linear(9216, 128), nn.ReLU(), nn.Dropout(0.5), nn.Linear(128, 10),
    )


def cnn():
    images = torch.rand(64, 1, 28, 28)
    labels = torch.randint(0, 10, (64,))
    model = tutorial_cnn()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_function = nn.CrossEntropyLoss()

    def step():
        optimizer.zero_grad()
        loss = loss_function(model(images), labels)
        loss.backward()
        optimizer.step()
        loss.item()

    return median_ms(step, warmup=3, repetitions=10)


def cnn_inference():
    images = torch.rand(1000, 1, 28, 28)
    model = tutorial_cnn().eval()

    def forward():
        with torch.no_grad():
            model(images).numpy()

    return median_ms(forward, warmup=1, repetitions=3)


workloads = [argument for argument in sys.argv[1:] if not argument.startswith("--")]
which = workloads[0] if workloads else "both"
if which in ("moons", "both"):
    print(f"PyTorch {torch.__version__}, {THREADS}: moons epoch {moons():.3f} ms")
if which in ("cnn", "both"):
    print(f"PyTorch {torch.__version__}, {THREADS}: CNN step {cnn():.1f} ms")
if which == "cnn-inference":
    print(f"PyTorch {torch.__version__}, {THREADS}: CNN inference, batch 1000 {cnn_inference():.1f} ms")
