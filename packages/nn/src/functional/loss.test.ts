import { describe, expect, it } from 'vitest';
import { tensor, where, type Tensor } from '@dl/tensor';
import { crossEntropy, nllLoss, type Reduction } from './loss.js';

/** nllLoss's general form (masks and unit weights), written out: the reference for the unweighted path. */
function generalNll(logProbabilities: Tensor, target: Tensor, reduction: Reduction): Tensor {
  const valid = target.ne(-100);
  const picked = logProbabilities.gather(1, where(valid, target, 0).unsqueeze(1)).squeeze(1);
  const weights = valid.to('float32');
  const losses = where(valid, picked.neg().mul(weights), 0);
  if (reduction === 'none') return losses;
  if (reduction === 'sum') return losses.sum();
  return losses.sum().div(weights.sum());
}

function bits(x: Tensor): number[] {
  return Array.from(new Uint32Array(new Float32Array(x.dataSync()).buffer));
}

describe('nllLoss without ignored targets or weights', () => {
  const values = [
    [-0.3, -1.2, -2.5],
    [-1.7, -0.1, -3.3],
    [-0.9, -0.9, -1.4],
    [-2.2, -0.05, -4.0],
    [-0.6, -1.1, -1.6],
  ];
  const target = tensor(new Int32Array([0, 1, 2, 1, 0]));
  for (const reduction of ['mean', 'sum', 'none'] as const) {
    it(`gives the general form's bits, value and gradient (${reduction})`, () => {
      const fast = tensor(values, { requiresGrad: true });
      const reference = tensor(values, { requiresGrad: true });
      const loss = nllLoss(fast, target, { reduction });
      const expected = generalNll(reference, target, reduction);
      expect(bits(loss)).toEqual(bits(expected));
      const upstream = reduction === 'none' ? tensor([1, -2, 0.5, 3, 0.25]) : tensor(1.5);
      loss.mul(upstream).sum().backward();
      expected.mul(upstream).sum().backward();
      expect(bits(fast.grad!)).toEqual(bits(reference.grad!));
    });
  }

  it('still takes the general path when a target is ignored', () => {
    const input = tensor(values);
    const ignored = tensor(new Int32Array([0, -100, 2, 1, -100]));
    // mean over the three kept targets: (0.3 + 1.4 + 0.05) / 3
    expect(nllLoss(input, ignored).itemSync()).toBeCloseTo((0.3 + 1.4 + 0.05) / 3, 6);
    expect(() => nllLoss(input, tensor(new Int32Array([0, 3, 0, 0, 0])))).toThrow(/nllLoss: target 3 is out of bounds for 3 classes/);
  });

  it('rechecks reused targets after an in-place write, to them or to a view of their storage', () => {
    const input = tensor(values);
    const target = tensor(new Int32Array([0, 1, 2, 1, 0]));
    const first = nllLoss(input, target).itemSync();
    expect(nllLoss(input, target).itemSync()).toBe(first); // checked once, then remembered
    target.add_(1); // 3 is out of bounds for 3 classes
    expect(() => nllLoss(input, target)).toThrow(/nllLoss: target 3 is out of bounds for 3 classes/);
    target.sub_(1);
    expect(nllLoss(input, target).itemSync()).toBe(first);
    target.narrow(0, 1, 1).fill_(-100); // through a view: the same storage's version
    expect(nllLoss(input, target).itemSync()).toBeCloseTo((0.3 + 1.4 + 0.05 + 0.6) / 4, 6);
    expect(() => nllLoss(input, tensor(new Int32Array([0, 1, 2, 1, 0])).narrow(0, 0, 5), { ignoreIndex: 2 })).not.toThrow();
    expect(() => nllLoss(input.narrow(1, 0, 2), target.clamp(0))).toThrow(/nllLoss: target 2 is out of bounds/);
  });

  it('crossEntropy of one unbatched sample: −log softmax at the target', () => {
    const logits = tensor([1, 2, 0.5]);
    const expected = -(2 - Math.log(Math.exp(1) + Math.exp(2) + Math.exp(0.5)));
    expect(crossEntropy(logits, tensor(new Int32Array([1])).reshape([])).itemSync()).toBeCloseTo(expected, 6);
  });
});
