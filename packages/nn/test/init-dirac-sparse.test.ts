// init.dirac against torch 1.13's dirac_ exactly (tools/fixtures/nn_fusion_init_reference.py →
// nn_fusion_init.json), with torch's errors; init.sparse by its law (torch's draws come from torch's
// generator): ⌈sparsity·rows⌉ zeros in every column, the other entries ~ N(0, std²).
import { empty, full, manualSeed, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { Conv1d, init, Linear, skipInit } from '../src/index.js';
import { expectClose, type FixtureTensor, fromFixture, readFixture } from './helpers/nn-fixtures.js';

const reference = readFixture<{ dirac: { shape: number[]; groups: number; result: FixtureTensor }[] }>('nn_fusion_init.json');

describe('init.dirac', () => {
  it.each(reference.dirac.map((entry) => [`[${entry.shape.join(', ')}], groups ${entry.groups}`, entry] as const))(
    '%s equals torch',
    (_name, entry) => {
      const target = full(entry.shape, 7, { dtype: 'float64' }); // every entry must be overwritten
      expect(init.dirac(target, entry.groups)).toBe(target);
      expectClose(target, entry.result, 'dirac', 0, 0);
      const viaOptions = empty(entry.shape);
      init.dirac(viaOptions, { groups: entry.groups });
      expectClose(viaOptions, entry.result, 'dirac with options', 0, 0);
    },
  );

  it('makes a padded convolution the identity, on a parameter, outside autograd', () => {
    const conv = new Conv1d(3, 3, 3, { padding: 1, bias: false, dtype: 'float64' });
    init.dirac(conv.weight);
    expect(conv.weight.requiresGrad && conv.weight.isLeaf).toBe(true);
    const input = fromFixture({ shape: [1, 3, 4], data: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] }, 'float64');
    expect(conv.call(input).toArraySync()).toEqual(input.toArraySync());
  });

  it('throws torch’s errors, naming the shape and groups', () => {
    expect(() => init.dirac(empty([3, 3]))).toThrow('dirac: only tensors with 3, 4, or 5 dimensions are supported, got [3, 3]');
    expect(() => init.dirac(empty([1, 1, 1, 1, 1, 1]))).toThrow('dirac: only tensors with 3, 4, or 5 dimensions are supported');
    expect(() => init.dirac(empty([4, 2, 3]), 3)).toThrow(
      'dirac: dim 0 must be divisible by groups, got dim 0 = 4 (shape [4, 2, 3]) and groups = 3',
    );
    expect(() => init.dirac(empty([4, 2, 3]), 0)).toThrow('init.dirac');
    expect(() => init.dirac(empty([4, 2, 3]), { group: 2 } as never)).toThrow('init.dirac: unknown option `group`');
  });
});

/** Per column: the count of exact zeros; overall: the nonzeros. */
function columnsOf(target: Tensor): { zeros: number[]; nonzeros: number[] } {
  const [rows, columns] = target.shape as [number, number];
  const values = target.dataSync();
  const zeros = new Array<number>(columns).fill(0);
  const nonzeros: number[] = [];
  for (let row = 0; row < rows; row++)
    for (let column = 0; column < columns; column++) {
      const value = values[row * columns + column]!;
      if (value === 0) zeros[column]!++;
      else nonzeros.push(value);
    }
  return { zeros, nonzeros };
}

describe('init.sparse', () => {
  it.each([
    [0.1, 0.01, 50, 400],
    [0.5, 0.3, 37, 300],
    [0.9, 1, 200, 60],
  ])('sparsity %f, std %f, [%i, %i]: ⌈sparsity·rows⌉ zeros per column, the rest ~ N(0, std²)', (sparsity, std, rows, columns) => {
    manualSeed(5);
    const target = full([rows, columns], 3, { dtype: 'float64' });
    expect(init.sparse(target, sparsity, std)).toBe(target);
    const { zeros, nonzeros } = columnsOf(target);
    expect(new Set(zeros)).toEqual(new Set([Math.ceil(sparsity * rows)]));
    const n = nonzeros.length;
    expect(n).toBe(rows * columns - columns * Math.ceil(sparsity * rows));
    const mean = nonzeros.reduce((sum, value) => sum + value, 0) / n;
    const sampleStd = Math.sqrt(nonzeros.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1));
    // within 5 standard errors: std/√n for the mean, std/√(2n) for the std
    expect(Math.abs(mean)).toBeLessThan((5 * std) / Math.sqrt(n));
    expect(Math.abs(sampleStd - std)).toBeLessThan((5 * std) / Math.sqrt(2 * n));
  });

  it('spreads the zeros over the rows (a random permutation per column), with the default std 0.01', () => {
    manualSeed(6);
    const [rows, columns] = [10, 2000];
    const target = init.sparse(empty([rows, columns], { dtype: 'float64' }), 0.3);
    const values = target.dataSync();
    // each row is zeroed in a column with probability 3/10: counts ~ Binomial(2000, 0.3), sd ≈ 20.5
    for (let row = 0; row < rows; row++) {
      let count = 0;
      for (let column = 0; column < columns; column++) if (values[row * columns + column] === 0) count++;
      expect(Math.abs(count - 600)).toBeLessThan(5 * 20.5);
    }
    const { nonzeros } = columnsOf(target);
    const std = Math.sqrt(nonzeros.reduce((sum, value) => sum + value * value, 0) / nonzeros.length);
    expect(Math.abs(std - 0.01)).toBeLessThan((5 * 0.01) / Math.sqrt(2 * nonzeros.length));
  });

  it('is reproducible under manualSeed, takes the options form, and honours skipInit', () => {
    manualSeed(9);
    const first = init.sparse(empty([6, 5]), 0.5).toArraySync();
    manualSeed(9);
    expect(init.sparse(empty([6, 5]), { sparsity: 0.5 }).toArraySync()).toEqual(first);
    const untouched = skipInit(() => [init.sparse(full([4, 3], 2), 0.5), init.dirac(full([2, 2, 3], 2))]);
    for (const target of untouched) expect(new Set(target.dataSync())).toEqual(new Set([2]));
    // on a parameter: written outside autograd, still a leaf that trains
    const linear = new Linear(40, 30);
    init.sparse(linear.weight, 0.25);
    expect(linear.weight.requiresGrad && linear.weight.isLeaf).toBe(true);
    expect(columnsOf(linear.weight).zeros).toEqual(new Array<number>(40).fill(8));
  });

  it('sparsity 0 leaves no zeros and sparsity 1 zeroes everything', () => {
    expect(columnsOf(init.sparse(empty([4, 3]), 0)).zeros).toEqual([0, 0, 0]);
    expect(columnsOf(init.sparse(empty([4, 3]), 1)).zeros).toEqual([4, 4, 4]);
  });

  it('throws for other than 2 dimensions, a sparsity outside [0, 1] and unknown options', () => {
    expect(() => init.sparse(empty([2, 3, 4]), 0.1)).toThrow('sparse: only tensors with 2 dimensions are supported, got [2, 3, 4]');
    expect(() => init.sparse(empty([3, 4]), 1.5)).toThrow('sparse: sparsity must be a number in [0, 1], got 1.5');
    expect(() => init.sparse(empty([3, 4]), {} as never)).toThrow('sparse: sparsity must be a number in [0, 1], got undefined');
    expect(() => init.sparse(empty([3, 4]), { sparsity: 0.1, stdev: 1 } as never)).toThrow('init.sparse: unknown option `stdev`');
  });
});
