"""PyTorch's memory on the loops of examples/moons-mlp/memory-loop.mjs and
examples/mnist-cnn/memory-loop.mjs (same models, data, batch sizes and loop shapes), for
bench/memory.mjs. One thread (torch.set_num_threads(1) and OPENBLAS_NUM_THREADS=1, set by the
caller). Prints one JSON line per reported step: the resident set now and the peak so far
(resource.getrusage), in MiB.

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/pytorch-memory.py cnn loader 300 50,300 [--evaluate]

--evaluate then classifies the test digits in batches of 500 without autograd, as
examples/mnist-cnn does after training.
"""
import gzip
import json
import os
import resource
import sys

import numpy as np
import torch
import torch.nn as nn
from sklearn.datasets import make_moons
from torch.utils.data import DataLoader, TensorDataset

torch.set_num_threads(1)
torch.manual_seed(0)
MNIST = os.path.join(os.path.dirname(__file__), '..', 'packages', 'datasets', 'data', 'mnist')


def resident_mib():
    with open('/proc/self/statm') as statm:
        return int(statm.read().split()[1]) * os.sysconf('SC_PAGE_SIZE') / 2 ** 20


def peak_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def mnist(part):
    with gzip.open(os.path.join(MNIST, f'{part}-images-idx3-ubyte.gz')) as file:
        raw = file.read()
    count = int.from_bytes(raw[4:8], 'big')
    images = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(count, 1, 28, 28).astype(np.float32) / 255
    with gzip.open(os.path.join(MNIST, f'{part}-labels-idx1-ubyte.gz')) as file:
        labels = np.frombuffer(file.read(), dtype=np.uint8, offset=8).astype(np.int64)
    return (torch.from_numpy(images) - 0.1307) / 0.3081, torch.from_numpy(labels)


def moons_setup():
    x, y = make_moons(n_samples=1000, noise=0.2, random_state=42)
    x = (x - x.mean(0)) / x.std(0)
    model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 2))
    return torch.tensor(x, dtype=torch.float32), torch.tensor(y), model, 0.01, 32


def cnn_setup():
    images, labels = mnist('train')
    model = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.25), nn.Flatten(),
        nn.Linear(9216, 128), nn.ReLU(), nn.Dropout(0.5), nn.Linear(128, 10),
    )
    return images, labels, model, 1e-3, 64


def main(workload, loop, steps, report, evaluate=False):
    inputs, targets, model, lr, batch_size = (moons_setup if workload == 'moons' else cnn_setup)()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_function = nn.CrossEntropyLoss()

    def step(batch, labels):
        optimizer.zero_grad()
        loss = loss_function(model(batch), labels)
        loss.backward()
        optimizer.step()
        return loss.item()

    def batches():
        if loop == 'loader':
            while True:
                yield from DataLoader(TensorDataset(inputs, targets), batch_size=batch_size, shuffle=True)
        elif workload == 'moons':
            while True:
                yield inputs, targets  # full-batch epochs, as the moons example
        else:
            count = len(targets) // batch_size
            index = 0
            while True:
                start = (index % count) * batch_size
                yield inputs[start:start + batch_size], targets[start:start + batch_size]
                index += 1

    for number, (batch, labels) in enumerate(batches(), start=1):
        loss = step(batch, labels)
        if number in report:
            print(json.dumps({'step': number, 'loss': loss, 'rssMiB': resident_mib(), 'peakMiB': peak_mib()}), flush=True)
        if number == steps:
            break
    if evaluate:
        # examples/mnist-cnn's evaluation: the test digits in batches of 500, without autograd
        model.eval()
        test_images, test_labels = mnist('t10k')
        with torch.no_grad():
            correct = sum(int((model(test_images[start:start + 500]).argmax(1) == test_labels[start:start + 500]).sum())
                          for start in range(0, len(test_labels), 500))
        print(json.dumps({'step': steps, 'accuracy': correct / len(test_labels), 'rssMiB': resident_mib(), 'peakMiB': peak_mib()}), flush=True)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), {int(value) for value in sys.argv[4].split(',')}, '--evaluate' in sys.argv)
