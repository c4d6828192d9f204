import { describe, expect, it } from 'vitest';
import { manualSeed, randn, sum, tensor, zeros, type Tensor } from '../index.js';
import { withoutFused } from '../cpu/without-fused.js';

function values(x: Tensor): number[] {
  return Array.from(x.dataSync());
}

/** Sums over `axes` with the fused kernel and with the permuted copy + row-wise reduce. */
function both(x: Tensor, axes: number[], keepdim = false): [Tensor, Tensor] {
  return [sum(x, axes, keepdim), withoutFused('sumAxes', () => sum(x, axes, keepdim))];
}

describe('sum over leading and inner axes without a permuted copy', () => {
  const cases: [number[], number[]][] = [
    [
      [6, 5, 4, 3],
      [0, 2, 3],
    ], // a convolution's bias gradient
    [[6, 5, 4, 3], [0]],
    [[6, 5, 4, 3], [1]],
    [
      [6, 5, 4, 3],
      [0, 2],
    ],
    [
      [6, 5, 4, 3],
      [1, 2],
    ],
    [
      [6, 1, 4, 1],
      [0, 2],
    ], // size-1 axes on both sides
    [
      [1, 5, 1, 3],
      [0, 2],
    ],
    [[64, 128], [0]], // a linear layer's bias gradient
    [[800, 2], [0]], // columns fewer than the four walked at a time
    [[9, 7], [0]], // four at a time, then a tail of three
  ];
  for (const dtype of ['float32', 'float64'] as const)
    for (const [shape, axes] of cases)
      it(`is bit for bit the row-wise sum: ${dtype} [${shape}] over [${axes}]`, () => {
        manualSeed(shape.length + axes.length);
        // values of many magnitudes, so that a different summation order would show in float32
        const x = randn(shape, { dtype }).mul(randn(shape, { dtype }).exp().pow(4));
        const [fused, reference] = both(x, axes);
        expect(fused.shape).toEqual(reference.shape);
        expect(values(fused)).toEqual(values(reference));
      });

  it('sums integers and booleans to int32, keeps dims, and handles empty axes', () => {
    const integers = tensor(
      [
        [
          [1, 2],
          [3, 4],
        ],
        [
          [5, 6],
          [7, 8],
        ],
      ],
      { dtype: 'int32' },
    );
    const [fused, reference] = both(integers, [0, 2], true);
    expect(fused.dtype).toBe('int32');
    expect(fused.toArraySync()).toEqual([[[1 + 2 + 5 + 6], [3 + 4 + 7 + 8]]]);
    expect(values(fused)).toEqual(values(reference));
    expect(values(sum(integers.gt(4), [0, 2]))).toEqual([2, 2]);
    expect(values(sum(zeros([0, 3, 2]), [0, 2]))).toEqual([0, 0, 0]);
    expect(sum(zeros([2, 0, 2]), [0, 2]).shape).toEqual([0]);
  });

  it('closed form over axes 0, 2, 3, and its gradient is ones', () => {
    const x = tensor(
      Array.from({ length: 2 * 3 * 2 * 2 }, (_, i) => i),
      { shape: [2, 3, 2, 2], dtype: 'float64', requiresGrad: true },
    );
    // channel c holds 4c..4c+3 in image 0 and 12 + 4c..12 + 4c + 3 in image 1: 32c + 60
    expect(values(sum(x, [0, 2, 3]))).toEqual([60, 92, 124]);
    sum(x, [0, 2, 3]).sum().backward();
    expect(values(x.grad!).every((value) => value === 1)).toBe(true);
  });

  it('reads a contiguous view at an offset into its storage', () => {
    manualSeed(5);
    const x = randn([4, 3, 5]).narrow(0, 1, 2); // contiguous, starting 15 elements in
    expect(x.isContiguous()).toBe(true);
    const [fused, reference] = both(x, [0, 2]);
    expect(values(fused)).toEqual(values(reference));
  });

  it('a non-contiguous input takes the copying path and gives the same sums', () => {
    manualSeed(2);
    const x = randn([4, 5, 6]).transpose(0, 2); // [6, 5, 4], not contiguous
    expect(values(sum(x, [0, 2]))).toEqual(values(sum(x.contiguous(), [0, 2])));
  });
});
