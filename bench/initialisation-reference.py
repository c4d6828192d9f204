"""PyTorch on one CPU thread, the workloads of initialisation.mjs: drawing normal samples, building a
large Linear layer and torchvision's VGG-16 (defined here as torchvision defines it, so torchvision is not needed). Prints
one JSON line of milliseconds. Run with Debian's python3-torch:

    /usr/bin/python3 bench/initialisation-reference.py

One thread means torch.set_num_threads(1) AND OPENBLAS_NUM_THREADS=1, as pytorch-reference.py.
"""
import json
import os
import time

os.environ["OPENBLAS_NUM_THREADS"] = "1"  # before torch loads OpenBLAS

import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.manual_seed(0)

VGG16 = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]


def vgg16():
    """torchvision.models.vgg16(): the layers' own initialisation, then torchvision's."""
    layers, channels = [], 3
    for entry in VGG16:
        if entry == "M":
            layers.append(nn.MaxPool2d(2, 2))
        else:
            layers += [nn.Conv2d(channels, entry, 3, padding=1), nn.ReLU(inplace=True)]
            channels = entry
    model = nn.Sequential(
        nn.Sequential(*layers),
        nn.AdaptiveAvgPool2d((7, 7)),
        nn.Flatten(),
        nn.Sequential(
            nn.Linear(512 * 7 * 7, 4096), nn.ReLU(True), nn.Dropout(),
            nn.Linear(4096, 4096), nn.ReLU(True), nn.Dropout(),
            nn.Linear(4096, 1000),
        ),
    )
    for module in model.modules():
        if isinstance(module, nn.Conv2d):
            nn.init.kaiming_normal_(module.weight, mode="fan_out", nonlinearity="relu")
            nn.init.constant_(module.bias, 0)
        elif isinstance(module, nn.Linear):
            nn.init.normal_(module.weight, 0, 0.01)
            nn.init.constant_(module.bias, 0)
    return model


def milliseconds(run):
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


def median_ms(run, repetitions):
    run()
    times = sorted(milliseconds(run) for _ in range(repetitions))
    return times[len(times) // 2]


results = {}
# the first draw into a fresh 4096 × 25088 weight (VGG's first classifier layer), as a model meets it
weight = torch.empty(4096, 25088)
results["normal_ 4096×25088, first"] = milliseconds(lambda: weight.normal_(0, 0.01))
del weight
results["randn 10⁶"] = median_ms(lambda: torch.randn(1_000_000), 5)
results["randn 10⁷"] = median_ms(lambda: torch.randn(10_000_000), 5)
results["Linear(25088, 4096) built (uniform_)"] = milliseconds(lambda: nn.Linear(25088, 4096))
results["VGG-16 built and initialised"] = milliseconds(vgg16)
print(json.dumps(results))
