"""PyTorch on one CPU thread for bench/gan.mjs: the same three GAN workloads at batch 64.

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/gan-reference.py w5|dcgan|wgan-gp [repetitions]

Prints "<workload>: <median ms> ms". w5: the tutorial's MLP GAN iteration (D step on real and on fake
with G under no_grad, then a G step through D; Sigmoid + BCELoss; Adam(2e-4, (0.5, 0.999)));
dcgan: one DCGAN iteration on 28x28 (f = 64, non-saturating BCE from logits, the fake batch reused
for the G step); wgan-gp: one critic step of the MLP critic with the gradient penalty (lambda 10).
"""
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.manual_seed(0)
batch = 64


def median_ms(step, warmup, repetitions):
    for _ in range(warmup):
        step()
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)[len(times) // 2]


def mlp_pair(sigmoid):
    g = nn.Sequential(nn.Linear(100, 256), nn.LeakyReLU(0.2), nn.Linear(256, 512), nn.LeakyReLU(0.2), nn.Linear(512, 784), nn.Tanh())
    d = [nn.Linear(784, 512), nn.LeakyReLU(0.2), nn.Linear(512, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1)]
    return g, nn.Sequential(*(d + [nn.Sigmoid()] if sigmoid else d))


def adam(module, lr=2e-4, betas=(0.5, 0.999)):
    return torch.optim.Adam(module.parameters(), lr=lr, betas=betas)


def w5():
    g, d = mlp_pair(True)
    og, od = adam(g), adam(d)
    bce = nn.BCELoss()
    real = torch.rand(batch, 784) * 2 - 1
    ones, zeros = torch.ones(batch, 1), torch.zeros(batch, 1)

    def step():
        od.zero_grad()
        with torch.no_grad():
            fake = g(torch.randn(batch, 100))
        loss_d = bce(d(real), ones) + bce(d(fake), zeros)
        loss_d.backward()
        od.step()
        og.zero_grad()
        loss_g = bce(d(g(torch.randn(batch, 100))), ones)
        loss_g.backward()
        og.step()
        return loss_d.item(), loss_g.item()
    return step


def dcgan():
    f = 64
    g = nn.Sequential(
        nn.ConvTranspose2d(100, 2 * f, 7, 1, 0, bias=False), nn.BatchNorm2d(2 * f), nn.ReLU(),
        nn.ConvTranspose2d(2 * f, f, 4, 2, 1, bias=False), nn.BatchNorm2d(f), nn.ReLU(),
        nn.ConvTranspose2d(f, 1, 4, 2, 1, bias=False), nn.Tanh())
    d = nn.Sequential(
        nn.Conv2d(1, f, 4, 2, 1, bias=False), nn.LeakyReLU(0.2),
        nn.Conv2d(f, 2 * f, 4, 2, 1, bias=False), nn.BatchNorm2d(2 * f), nn.LeakyReLU(0.2),
        nn.Conv2d(2 * f, 1, 7, 1, 0, bias=False), nn.Flatten(0))
    og, od = adam(g), adam(d)
    bce = nn.BCEWithLogitsLoss()
    real = torch.rand(batch, 1, 28, 28) * 2 - 1
    ones, zeros = torch.ones(batch), torch.zeros(batch)

    def step():
        od.zero_grad()
        fake = g(torch.randn(batch, 100, 1, 1))
        loss_d = bce(d(real), ones) + bce(d(fake.detach()), zeros)
        loss_d.backward()
        od.step()
        og.zero_grad()
        loss_g = bce(d(fake), ones)
        loss_g.backward()
        og.step()
        return loss_d.item(), loss_g.item()
    return step


def wgan_gp():
    g, critic = mlp_pair(False)
    oc = adam(critic, 1e-4, (0.5, 0.9))
    real = torch.rand(batch, 784) * 2 - 1

    def step():
        oc.zero_grad()
        with torch.no_grad():
            fake = g(torch.randn(batch, 100))
        eps = torch.rand(batch, 1)
        mixed = (eps * real + (1 - eps) * fake).requires_grad_(True)
        (gradient,) = torch.autograd.grad(critic(mixed).sum(), mixed, create_graph=True)
        penalty = 10 * ((gradient.norm(2, dim=1) - 1) ** 2).mean()
        loss = critic(fake).mean() - critic(real).mean() + penalty
        loss.backward()
        oc.step()
        return loss.item()
    return step


workloads = {"w5": w5, "dcgan": dcgan, "wgan-gp": wgan_gp}
which = sys.argv[1]
repetitions = int(sys.argv[2]) if len(sys.argv) > 2 else 30
print(f"{which}: {median_ms(workloads[which](), 5, repetitions):.2f} ms")
