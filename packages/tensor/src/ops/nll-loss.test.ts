import { describe, expect, it } from 'vitest';
import { withoutFused } from '../cpu/without-fused.js';
import { grad, logSoftmax, manualSeed, randint, randn, tensor, type Tensor } from '../index.js';
import { gradcheck, gradgradcheck } from '../testing/index.js';
import { nllLossUnweighted } from './nll-loss.js';

/** Every value's bits, so that −0 ≠ +0. */
function bits(x: Tensor): number[] {
  const data = x.dataSync() as Float32Array | Float64Array;
  return Array.from(new Uint32Array(data.buffer, data.byteOffset, data.byteLength / 4));
}

describe('nllLossUnweighted (the negative log-likelihood without weights or ignored targets)', () => {
  for (const dtype of ['float32', 'float64'] as const)
    for (const reduction of ['mean', 'sum'] as const)
      it(`is bit for bit the composite and the closed form, loss and gradient: ${dtype}, ${reduction}`, () => {
        manualSeed(dtype === 'float32' ? 11 : 12);
        const input = logSoftmax(randn([37, 5], { dtype }), 1)
          .detach()
          .requiresGrad_();
        const target = randint(0, 5, [37]);
        const loss = nllLossUnweighted(input, target, reduction);
        const composite = withoutFused('nllLoss', () => nllLossUnweighted(input, target, reduction));
        expect(loss.shape).toEqual([]);
        expect(bits(loss)).toEqual(bits(composite));
        // closed form: the picked values summed in float64 in row order, rounded, then ÷ (−N) or negated
        const values = input.dataSync();
        const targets = target.dataSync();
        let total = 0;
        for (let row = 0; row < 37; row++) total += values[row * 5 + targets[row]!]!;
        const rounded = dtype === 'float32' ? Math.fround(total) : total;
        const expected = reduction === 'mean' ? rounded / -37 : -rounded;
        expect(loss.itemSync()).toBe(dtype === 'float32' ? Math.fround(expected) : expected);
        const [fused] = grad(loss.mul(3), [input]);
        const [reference] = withoutFused('nllLoss', () => grad(nllLossUnweighted(input, target, reduction).mul(3), [input]));
        expect(bits(fused!)).toEqual(bits(reference!));
        const step = dtype === 'float32' ? Math.fround(reduction === 'mean' ? 3 / -37 : -3) : reduction === 'mean' ? 3 / -37 : -3;
        expect(Array.from(fused!.dataSync())).toEqual(
          Array.from({ length: 37 * 5 }, (_, index) => (index % 5 === targets[Math.floor(index / 5)] ? step : 0)),
        );
      });

  it('gradcheck and gradgradcheck in float64 (the second derivative through the composite)', () => {
    manualSeed(13);
    const input = randn([6, 4], { dtype: 'float64', requiresGrad: true });
    const target = randint(0, 4, [6]);
    for (const reduction of ['mean', 'sum'] as const) {
      expect(gradcheck((x) => nllLossUnweighted(logSoftmax(x, 1), target, reduction), [input])).toBe(true);
      expect(gradgradcheck((x) => nllLossUnweighted(logSoftmax(x, 1), target, reduction), [input])).toBe(true);
    }
    // with createGraph a gradient that depends on a graph input is recorded (the composite's
    // differentiable scatter-add), so it can be differentiated again
    const weight = randn([], { dtype: 'float64', requiresGrad: true });
    const [dx] = grad(nllLossUnweighted(input, target, 'mean').mul(weight), [input], { createGraph: true });
    expect(dx!.gradFn).not.toBeNull();
    const [dWeight] = grad(dx!.sum(), [weight]);
    expect(dWeight!.itemSync()).toBeCloseTo(-1, 12); // Σ over rows of −1/N
  });

  it('names the op and the shapes for a bad input or target', () => {
    const input = randn([3, 4]);
    expect(() => nllLossUnweighted(input, randint(0, 4, [2]), 'mean')).toThrow(
      'nllLoss: expected input [N, C] and int32 target [N], got input [3, 4] and int32 target [2]',
    );
    expect(() => nllLossUnweighted(input, tensor([0, 1, 2]), 'mean')).toThrow('got input [3, 4] and float32 target [3]');
    expect(() => nllLossUnweighted(input, tensor([0, 4, 1], { dtype: 'int32' }), 'sum')).toThrow(
      'nllLoss: target 4 is out of bounds for 4 classes',
    );
    expect(() => nllLossUnweighted(input, tensor([0, 1, 1], { dtype: 'int32' }), 'none' as 'mean')).toThrow(
      "nllLoss: reduction must be 'mean' or 'sum' here, got none",
    );
  });
});
