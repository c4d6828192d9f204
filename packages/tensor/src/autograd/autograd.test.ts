import { describe, expect, it } from 'vitest';
import { cpuBackend, grad, noGrad, registerBackend, tensor, zeros, type Backend } from '../index.js';

describe('backward and .grad', () => {
  it('accumulates into .grad across backward calls, as PyTorch', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const y = x.mul(x).sum();
    y.backward(undefined, { retainGraph: true });
    y.backward();
    expect(x.grad!.toArraySync()).toEqual([4, 8, 12]); // 2 · 2x
  });

  it('needs a gradient for non-scalar outputs and checks its shape', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(3);
    expect(() => y.backward()).toThrow(/grad can be implicitly created only for scalar outputs \(got shape \[2\]\)/);
    expect(() => y.backward(tensor([1, 2, 3]))).toThrow(/gradient has shape \[3\] and output has shape \[2\]/);
    y.backward(tensor([1, 10]));
    expect(x.grad!.toArraySync()).toEqual([3, 30]);
  });

  it('refuses a second backward through a freed graph, unless retainGraph', () => {
    const x = tensor([2], { requiresGrad: true });
    const y = x.exp().sum();
    y.backward();
    expect(() => y.backward()).toThrow(/backward through the graph a second time \(SumBackward\)/);
  });

  it('detects an in-place change to a tensor saved for backward, naming versions', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const h = x.mul(2);
    const y = h.exp(); // saves its output
    noGrad(() => y.add_(1));
    expect(() => y.sum().backward()).toThrow(/modified by an inplace operation.*ExpBackward, is at version 1; expected version 0/);
    // an op that saves nothing is not affected (add's gradient does not need its inputs)
    const z = tensor([1, 2], { requiresGrad: true });
    const w = z.mul(1).add(1);
    const u = w.add(1);
    noGrad(() => w.mul_(5));
    u.sum().backward();
    expect(z.grad!.toArraySync()).toEqual([1, 1]);
  });

  it('differentiates in-place ops on non-leaves as torch does: the op reads a copy of the old values', () => {
    // before, every in-place op whose backward needs its input (mul_, pow_, mul_ by a tensor) failed
    // with "modified by an inplace operation": its node had saved the very storage it then overwrote.
    // Closed forms, x = [1, 2, 3]; torch 1.13 gives the same gradients for each line.
    const x = tensor([1, 2, 3], { dtype: 'float64', requiresGrad: true });
    const gradientOf = (build: () => ReturnType<typeof tensor>) => {
      x.grad = null;
      build().sum().backward();
      return x.grad!.toArraySync();
    };
    expect(gradientOf(() => x.clone().mul_(2))).toEqual([2, 2, 2]);
    expect(gradientOf(() => x.clone().mul_(x))).toEqual([2, 4, 6]); // d/dx x·x
    expect(gradientOf(() => x.clone().pow_(3))).toEqual([3, 12, 27]); // 3x²
    expect(gradientOf(() => x.mul(1).mul_(x.mul(1)))).toEqual([2, 4, 6]);
    const square = () => {
      const y = x.mul(2);
      return y.mul_(y); // (2x)², its operand the target itself: read from the copy too
    };
    expect(gradientOf(square)).toEqual([8, 16, 24]); // 8x
    expect(gradientOf(() => x.clone().add_(x, { alpha: 3 }).div_(2))).toEqual([2, 2, 2]); // (x + 3x)/2
    expect(gradientOf(() => x.clone().clamp_(1.5, 2.5))).toEqual([0, 1, 0]);
    // as in torch, an earlier op that saved the overwritten tensor still refuses: exp saved its output
    expect(() => x.exp().mul_(2).sum().backward()).toThrow(/modified by an inplace operation.*ExpBackward/);
    // a target that needs no gradient, with an operand that does: d/dx (y·x) = y, the old y
    const y = tensor([4, 5, 6], { dtype: 'float64' });
    expect(gradientOf(() => y.mul_(x))).toEqual([4, 5, 6]);
  });

  it('forbids in-place ops on leaves that require grad, except under noGrad', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    expect(() => w.add_(1)).toThrow(/leaf Variable that requires grad is being used in an in-place operation/);
    noGrad(() => w.add_(1));
    expect(w.toArraySync()).toEqual([2, 3]);
  });

  it('keeps .grad of non-leaves only when retainGrad() was called', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const h = x.mul(3);
    const k = x.mul(4);
    h.retainGrad();
    h.add(k).square().sum().backward();
    // d/dh (h + k)² = 2(h + k) = 2·7x
    expect(h.grad!.toArraySync()).toEqual([14, 28]);
    expect(k.grad).toBeNull();
  });

  it('runs hooks on leaves and non-leaves; a returned tensor replaces the gradient', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const seen: number[][] = [];
    x.registerHook((g) => void seen.push(g.toArraySync() as number[]));
    const h = x.mul(2);
    const handle = h.registerHook((g) => g.mul(10));
    h.sum().backward();
    expect(seen).toEqual([[20, 20]]);
    expect(x.grad!.toArraySync()).toEqual([20, 20]);
    handle.remove();
    x.grad = null;
    x.mul(2).sum().backward();
    expect(x.grad!.toArraySync()).toEqual([2, 2]);
  });

  it('detach() and noGrad() cut the graph; requiresGrad needs a float dtype', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(x.detach().requiresGrad).toBe(false);
    expect(noGrad(() => x.mul(2)).requiresGrad).toBe(false);
    expect(x.mul(2).requiresGrad).toBe(true);
    expect(() => tensor([1], { dtype: 'int32' }).requiresGrad_()).toThrow(
      /only tensors of floating point dtype can require gradients \(got int32\)/,
    );
    expect(() => x.mul(2).requiresGrad_(false)).toThrow(/only change requiresGrad flags of leaf variables/);
    const y = x.detach().mul(x).sum();
    y.backward();
    expect(x.grad!.toArraySync()).toEqual([1, 2]); // only the non-detached factor contributes
  });
});

describe('grad()', () => {
  it('returns gradients without touching .grad, and differentiates again with createGraph', () => {
    const x = tensor([2, 3], { requiresGrad: true });
    const y = x.pow(3).sum();
    const [first] = grad(y, x, { createGraph: true });
    expect(first!.toArraySync()).toEqual([12, 27]); // 3x²
    const [second] = grad(first!.sum(), x);
    expect(second!.toArraySync()).toEqual([12, 18]); // 6x
    expect(x.grad).toBeNull();
  });

  it('third derivatives work too (rules are differentiable)', () => {
    const x = tensor([0.5], { requiresGrad: true, dtype: 'float64' });
    const [d1] = grad(x.tanh().sum(), x, { createGraph: true });
    const [d2] = grad(d1!.sum(), x, { createGraph: true });
    const [d3] = grad(d2!.sum(), x);
    const t = Math.tanh(0.5);
    // tanh''' = −2(1 − t²)(1 − 3t²)
    expect(d3!.itemSync()).toBeCloseTo(-2 * (1 - t * t) * (1 - 3 * t * t), 12);
  });

  it('gradients w.r.t. non-leaf inputs, allowUnused, and the unused-input error', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const unused = tensor([5], { requiresGrad: true });
    const h = x.mul(2);
    const y = h.square().sum();
    const [dh, none] = grad(y, [h, unused], { allowUnused: true, retainGraph: true });
    expect(dh!.toArraySync()).toEqual([4, 8]); // 2h
    expect(none).toBeNull();
    expect(() => grad(y, [unused])).toThrow(/appears to not have been used in the graph/);
  });
});

describe('devices', () => {
  it('toAsync moves between devices through an awaited read', async () => {
    registerBackend({ ...cpuBackend, device: 'fake-async', readSync: undefined });
    const moved = tensor([1, 2, 3]).to('fake-async');
    expect(() => moved.dataSync()).toThrow(/dataSync: device 'fake-async' reads asynchronously; use await t.data\(\)/);
    expect(() => moved.cpu()).toThrow(/reading from 'fake-async' is asynchronous; use await t.toAsync\('cpu'\)/);
    const back = await moved.toAsync('cpu');
    expect(back.device).toBe('cpu');
    expect(back.toArraySync()).toEqual([1, 2, 3]);
  });

  it('mixing devices in one op is an error naming both, never a silent copy', () => {
    const fake: Backend = { ...cpuBackend, device: 'fake' };
    registerBackend(fake);
    const a = tensor([1, 2]);
    const b = tensor([1, 2], { device: 'fake' });
    expect(b.device).toBe('fake');
    expect(() => a.add(b)).toThrow(/add: expected all tensors on one device, got 'cpu' and 'fake'/);
    expect(a.to('fake').add(b).toArraySync()).toEqual([2, 4]);
    expect(() => zeros([1], { device: 'nowhere' })).toThrow(/device 'nowhere' is not available/);
  });
});
