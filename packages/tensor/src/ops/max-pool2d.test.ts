import { describe, expect, it } from 'vitest';
import { manualSeed, maxPool2d, randn, tensor, type PoolOptions, type Tensor } from '../index.js';
import { withoutFused } from '../cpu/without-fused.js';
import { assertClose, gradcheck, gradgradcheck } from '../testing/index.js';

type Geometry = [string, number | [number, number], PoolOptions];
const geometries: Geometry[] = [
  ['2×2 stride 2', 2, {}],
  ['3×3 stride 1 padding 1', 3, { stride: 1, padding: 1 }],
  ['3×3 stride 2 padding 1 ceil', 3, { stride: 2, padding: 1, ceilMode: true }],
  ['3×3 stride 2 ceil', 3, { stride: 2, ceilMode: true }],
  ['2×2 stride 1 dilation 2', 2, { stride: 1, dilation: 2 }],
  ['2×3 stride (1, 2) padding (1, 0)', [2, 3], { stride: [1, 2], padding: [1, 0] }],
];

/** [2, 3, 7, 6] test images: distinct values, many ties, or ties with NaN and −∞ sprinkled in. */
function image(kind: 'distinct' | 'ties' | 'special', dtype: 'float32' | 'float64'): Tensor {
  manualSeed(kind.length);
  const values = Array.from(randn([2 * 3 * 7 * 6]).dataSync());
  const data = values.map((value, i) => {
    if (kind === 'distinct') return value;
    const tied = Math.round(value); // mostly −1, 0, 1
    if (kind === 'ties') return tied;
    return i % 11 === 5 ? Number.NaN : i % 7 === 3 ? -Infinity : tied;
  });
  return tensor(data, { dtype, shape: [2, 3, 7, 6] });
}

function pool(x: Tensor, kernel: Geometry[1], options: PoolOptions, fused: boolean) {
  const run = () => maxPool2d(x, kernel, { ...options, returnIndices: true });
  return fused ? run() : withoutFused('maxPool2dIndices', run);
}

describe('maxPool2d: the fused CPU kernel agrees with the composite (unfold, argmax, gather)', () => {
  for (const dtype of ['float32', 'float64'] as const)
    for (const kind of ['distinct', 'ties', 'special'] as const)
      for (const [name, kernel, options] of geometries)
        it(`${dtype}, ${kind} values, ${name}`, () => {
          const x = image(kind, dtype);
          const fused = pool(x, kernel, options, true);
          const composite = pool(x, kernel, options, false);
          expect(fused.values.shape).toEqual(composite.values.shape);
          expect(Array.from(fused.values.dataSync())).toEqual(Array.from(composite.values.dataSync()));
          expect(Array.from(fused.indices.dataSync())).toEqual(Array.from(composite.indices.dataSync()));
        });

  for (const [name, kernel, options] of geometries)
    it(`gives the same gradient, on a non-contiguous input: ${name}`, async () => {
      const gradients = [true, false].map((fused) => {
        // a transposed view: [2, 3, 6, 7] stored, [2, 3, 7, 6] seen
        const x = image('ties', 'float64').transpose(2, 3).contiguous().transpose(2, 3).detach();
        x.requiresGrad = true;
        const { values } = pool(x, kernel, options, fused);
        manualSeed(7);
        values.backward(randn(values.shape, { dtype: 'float64' }));
        return x.grad!;
      });
      // overlapping windows may add a cell's gradients in another order: equal up to rounding
      await assertClose(gradients[0]!, gradients[1]!, { atol: 1e-12, rtol: 0 });
    });
});

describe('maxPool2d(2) on float32 runs four windows per SIMD step (WebAssembly)', () => {
  // 19 columns → 9 windows per row: two steps of four and one window alone; odd sizes drop a row and a column
  for (const kind of ['distinct', 'ties', 'special'] as const)
    it(`agrees with the composite on ${kind} values, [2, 3, 11, 19]`, () => {
      manualSeed(kind.length + 1);
      const values = Array.from(randn([2 * 3 * 11 * 19]).dataSync()).map((value, i) => {
        if (kind === 'distinct') return value;
        const tied = Math.round(value);
        if (kind === 'ties') return tied;
        return i % 13 === 5 ? Number.NaN : i % 5 === 3 ? -Infinity : tied;
      });
      const x = tensor(values, { shape: [2, 3, 11, 19] });
      const fused = pool(x, 2, {}, true);
      const composite = pool(x, 2, {}, false);
      expect(fused.indices.shape).toEqual([2, 3, 5, 9]);
      expect(Array.from(fused.indices.dataSync())).toEqual(Array.from(composite.indices.dataSync()));
      expect(Array.from(fused.values.dataSync())).toEqual(Array.from(composite.values.dataSync()));
    });
});

describe('maxPool2d closed forms', () => {
  it('picks the first of ties and the first NaN', () => {
    const x = tensor(
      [
        [1, 3, 3, 0],
        [3, 2, 0, 0],
        [Number.NaN, 1, 5, 5],
        [2, Number.NaN, 5, -Infinity],
      ],
      { shape: [1, 1, 4, 4] },
    );
    for (const fused of [true, false]) {
      const { values, indices } = pool(x, 2, {}, fused);
      expect(Array.from(values.dataSync())).toEqual([3, 3, Number.NaN, 5]);
      expect(Array.from(indices.dataSync())).toEqual([1, 2, 8, 10]);
    }
  });

  it('never chooses padding: a window of −∞ picks its first real cell, as torch', () => {
    const x = tensor([-Infinity, -Infinity, -Infinity, -Infinity], { shape: [1, 1, 2, 2], dtype: 'float64', requiresGrad: true });
    const { values, indices } = maxPool2d(x, 2, { stride: 1, padding: 1, returnIndices: true });
    expect(Array.from(values.dataSync())).toEqual(new Array(9).fill(-Infinity));
    expect(Array.from(indices.dataSync())).toEqual([0, 0, 1, 0, 0, 1, 2, 2, 3]);
    values.sum().backward();
    // each cell gets one unit of gradient per window that chose it
    expect(Array.from(x.grad!.dataSync())).toEqual([4, 2, 2, 1]);
  });

  it('reads a view at an offset into its storage', () => {
    const x = image('distinct', 'float32').narrow(0, 1, 1); // the second image: contiguous, offset 126
    const fused = pool(x, 3, { stride: 2, padding: 1 }, true);
    const composite = pool(x, 3, { stride: 2, padding: 1 }, false);
    expect(Array.from(fused.values.dataSync())).toEqual(Array.from(composite.values.dataSync()));
    expect(Array.from(fused.indices.dataSync())).toEqual(Array.from(composite.indices.dataSync()));
  });

  it('accepts an unbatched [C, H, W] input', () => {
    const x = image('distinct', 'float32');
    const batched = maxPool2d(x, 2, { returnIndices: true });
    const single = maxPool2d(x.select(0, 1), 2, { returnIndices: true });
    expect(single.values.shape).toEqual([3, 3, 3]);
    expect(Array.from(single.values.dataSync())).toEqual(Array.from(batched.values.select(0, 1).dataSync()));
    expect(Array.from(single.indices.dataSync())).toEqual(Array.from(batched.indices.select(0, 1).dataSync()));
  });

  it('passes gradcheck and gradgradcheck on the fused path', () => {
    const x = image('distinct', 'float64').narrow(0, 0, 1).narrow(1, 0, 2).detach();
    x.requiresGrad = true;
    const f = (input: Tensor) => maxPool2d(input, 3, { stride: 2, padding: 1 }).square();
    expect(gradcheck(f, [x])).toBe(true);
    expect(gradgradcheck(f, [x])).toBe(true);
  });
});
