import { describe, expect, it } from 'vitest';
import { grad, manualSeed, randn, relu, tensor, type Tensor } from '../index.js';
import { withoutFused } from '../cpu/without-fused.js';
import { gradcheck, gradgradcheck } from '../testing/index.js';
import { reluGradient } from './relu-gradient.js';

type FloatType = 'float32' | 'float64';

/** Every value's bits, so that −0 ≠ +0 and NaNs are compared by payload. */
function bits(x: Tensor): number[] {
  const data = x.dataSync() as Float32Array | Float64Array;
  return Array.from(new Uint32Array(data.buffer, data.byteOffset, data.byteLength / 4));
}

/** output ≤ 0 ? 0 : g elementwise, in the dtype (torch's threshold_backward: a NaN output keeps g): the closed form. */
function closedForm(gradient: number[], output: number[], dtype: FloatType): Tensor {
  return tensor(
    gradient.map((g, i) => (output[i]! <= 0 ? 0 : g)),
    { dtype },
  );
}

const special = [Number.NaN, 0, -0, Infinity, -Infinity, 1.5, -2.25, 3e-39, -3e-39, 1e30];

describe('reluGradient (ReLU backward in one pass)', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    it(`is bit for bit the composite and the closed form on special values: ${dtype}`, () => {
      // every (output, gradient) pair of special values, an odd count so the unrolled loop has a tail
      const output = special.flatMap((o) => special.map(() => o)).concat([5]);
      const gradient = special.flatMap(() => special).concat([-0]);
      const o = tensor(output, { dtype });
      const g = tensor(gradient, { dtype });
      const fused = reluGradient(g, o);
      const composite = withoutFused('reluGradient', () => reluGradient(g, o));
      expect(fused.dtype).toBe(dtype);
      expect(bits(fused)).toEqual(bits(composite));
      expect(bits(fused)).toEqual(bits(closedForm(gradient, output, dtype)));
    });

    it(`reads non-contiguous inputs: ${dtype}`, () => {
      manualSeed(dtype === 'float32' ? 1 : 2);
      const g = randn([7, 5], { dtype }).transpose(0, 1); // [5, 7], strides [1, 5]
      const o = relu(randn([5, 14], { dtype })).narrow(1, 3, 7); // offset view with a row stride of 14
      const fused = reluGradient(g, o);
      const composite = withoutFused('reluGradient', () => reluGradient(g, o));
      expect(fused.shape).toEqual([5, 7]);
      expect(bits(fused)).toEqual(bits(composite));
      const flat = (x: Tensor) => Array.from(x.contiguous().dataSync());
      expect(bits(fused)).toEqual(bits(closedForm(flat(g), flat(o), dtype).reshape([5, 7])));
    });

    it(`is what relu's backward records, and the composite without the kernel: ${dtype}`, () => {
      const x = tensor([-1, 2, 0, 3], { dtype, requiresGrad: true });
      const [dx] = grad(relu(x).square().sum(), [x], { createGraph: true });
      expect(dx!.gradFn!.name).toBe('ReluGradientBackward');
      expect(Array.from(dx!.dataSync())).toEqual([0, 4, 0, 6]);
      const [reference] = withoutFused('reluGradient', () => grad(relu(x).square().sum(), [x], { createGraph: true }));
      // recorded as the primitive too, so that the gradient depends on relu's output (threshold_backward)
      expect(reference!.gradFn!.name).toBe('ReluGradientBackward');
      expect(Array.from(reference!.dataSync())).toEqual([0, 4, 0, 6]);
    });
  }

  it('falls back to the composite for operands of different dtypes', () => {
    const g = tensor([1, 2, 3], { dtype: 'float32' });
    const o = tensor([1, 0, 2], { dtype: 'float64' });
    const result = reluGradient(g, o);
    expect(result.dtype).toBe('float32');
    expect(Array.from(result.dataSync())).toEqual([1, 0, 3]);
  });

  // relu(x)·x has a non-zero second derivative, which flows through reluGradient's own rule;
  // inputs stay away from the kink, where finite differences straddle it
  const f = (x: Tensor) => relu(x).mul(x).mul(x.sin());
  const input = () =>
    tensor(
      [
        [-1.3, 0.7, 2.1],
        [0.4, -0.2, -2.5],
      ],
      { dtype: 'float64', requiresGrad: true },
    );
  it('passes gradcheck and gradgradcheck in float64 (fused rule)', () => {
    expect(gradcheck(f, [input()])).toBe(true);
    expect(gradgradcheck(f, [input()])).toBe(true);
  });
  it('passes gradcheck and gradgradcheck in float64 (composite, as on the GPU)', () => {
    withoutFused('reluGradient', () => {
      expect(gradcheck(f, [input()])).toBe(true);
      expect(gradgradcheck(f, [input()])).toBe(true);
    });
  });
});
