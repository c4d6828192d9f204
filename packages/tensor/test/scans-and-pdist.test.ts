import { describe, expect, it } from 'vitest';
import { cummax, cummin, logcumsumexp, pdist, tensor, zeros, type Tensor } from '../src/index.js';
import { gradcheck, gradgradcheck, leftBehind } from '../src/testing/index.js';
import { type DType, expectValues, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// logcumsumexp, cummax, cummin and pdist against torch 1.13 (tools/fixtures/tensor_scans_pdist_reference.py):
// values, indices and the gradient of Σ output·r, in float64 (to 1e-10) and float32 (to 1e-5).

interface ScanCase {
  name: string;
  input: FixtureTensor & { dtype: DType };
  outputs: (FixtureTensor & { dtype: DType })[];
  upstream?: FixtureTensor[];
  gradient?: FixtureTensor;
}
const { cases } = readTorchFixture<{ cases: ScanCase[] }>('torch-scans-pdist-reference.json');
const tolerances = { float64: 1e-10, float32: 1e-5 };

const pair = (result: readonly [Tensor, Tensor]) => [result[0], result[1]];
const operations: Record<string, (x: Tensor) => Tensor | Tensor[]> = {
  'logcumsumexp dim 1': (x) => logcumsumexp(x, 1),
  'logcumsumexp dim 0': (x) => x.logcumsumexp({ dim: 0 }),
  'logcumsumexp dim -2 of 3-d': (x) => logcumsumexp(x, -2),
  'logcumsumexp ±1000': (x) => logcumsumexp(x, 1),
  'logcumsumexp ±1000 float32': (x) => logcumsumexp(x, 1),
  'logcumsumexp float32': (x) => x.logcumsumexp(1),
  'logcumsumexp with -inf': (x) => logcumsumexp(x, 1),
  'logcumsumexp +inf and NaN (values)': (x) => logcumsumexp(x, 1),
  'logcumsumexp length 1': (x) => logcumsumexp(x, 1),
  'pdist p 2, a zero distance': (x) => pdist(x),
  'pdist p 1': (x) => pdist(x, 1),
  'pdist p 3': (x) => pdist(x, { p: 3 }),
  'pdist p 1.5': (x) => pdist(x, 1.5),
  'pdist p 0.5, zero differences': (x) => pdist(x, 0.5),
  'pdist p inf, ties': (x) => pdist(x, Number.POSITIVE_INFINITY),
  'pdist p inf random': (x) => pdist(x, { p: Number.POSITIVE_INFINITY }),
  'pdist p 0': (x) => pdist(x, 0),
  'pdist p 2 float32': (x) => pdist(x),
  'pdist one row': (x) => pdist(x),
};
for (const [name, operation] of [
  ['cummax', cummax],
  ['cummin', cummin],
] as const) {
  operations[`${name} ties dim 1`] = (x) => pair(operation(x, 1));
  operations[`${name} ties dim 0`] = (x) => pair(name === 'cummax' ? x.cummax({ dim: 0 }) : x.cummin({ dim: 0 }));
  operations[`${name} random dim -1 of 3-d`] = (x) => pair(operation(x, -1));
  operations[`${name} NaN and inf`] = (x) => pair(operation(x, 1));
  operations[`${name} float32`] = (x) => pair(operation(x, 1));
  operations[`${name} int32`] = (x) => pair(operation(x, 1));
  operations[`${name} bool`] = (x) => pair(operation(x, 0));
}

/**
 * torch's logcumsumexp gradient is NaN at a −∞ input that only −∞ precede (y_j = −∞: its backward adds
 * ∞ and −∞ there); ours is 0, as at every other −∞ input. Every other gradient of that case is finite
 * in torch and compared as it is.
 */
const zeroWhereTorchHasNaN = new Set(['logcumsumexp with -inf gradient']);

describe('logcumsumexp, cummax, cummin and pdist against torch', () => {
  it('covers every fixture case', () => {
    expect(cases.map((entry) => entry.name).sort()).toEqual(Object.keys(operations).sort());
  });

  it.each(cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const { input: fixture } = entry;
    const input = tensor(numbers(fixture), { shape: fixture.shape, dtype: fixture.dtype, requiresGrad: entry.gradient !== undefined });
    const result = operations[name]!(input);
    const outputs = Array.isArray(result) ? result : [result];
    expect(outputs.length).toBe(entry.outputs.length);
    outputs.forEach((output, index) =>
      expectValues(output, entry.outputs[index]!, entry.outputs[index]!.dtype, `${name} output ${index}`, tolerances, zeroWhereTorchHasNaN),
    );
    if (!entry.gradient) return;
    const floating = outputs.filter((output) => output.dtype === fixture.dtype);
    const total = floating
      .map((output, index) => output.mul(tensor(numbers(entry.upstream![index]!), { shape: output.shape, dtype: output.dtype })).sum())
      .reduce((sum, term) => sum.add(term));
    total.backward();
    expectValues(input.grad!, entry.gradient, fixture.dtype, `${name} gradient`, tolerances, zeroWhereTorchHasNaN);
  });
});

describe('logcumsumexp, cummax, cummin and pdist', () => {
  const matrix = () =>
    tensor(
      [
        [0.3, -1.2, 2.5, 0.1, -0.4],
        [2.1, 0.4, -0.9, 1.7, 0.6],
        [0.5, 0.8, 0.2, -1.5, 1.1],
      ],
      { dtype: 'float64', requiresGrad: true },
    );

  it('pass gradcheck in float64, and logcumsumexp and pdist p = 2 gradgradcheck', () => {
    const x = matrix();
    expect(gradcheck((a) => logcumsumexp(a, 1), [x])).toBe(true);
    expect(gradcheck((a) => logcumsumexp(a, 0), [x])).toBe(true);
    expect(gradgradcheck((a) => logcumsumexp(a, 1), [x])).toBe(true);
    expect(gradcheck((a) => cummax(a, 1).values, [x])).toBe(true);
    expect(gradcheck((a) => cummin(a, 0).values, [x])).toBe(true);
    for (const p of [2, 1, 3, 1.5, 0.5, Number.POSITIVE_INFINITY])
      expect(
        gradcheck((a) => pdist(a, p), [x]),
        `pdist p ${p}`,
      ).toBe(true);
    expect(gradgradcheck((a) => pdist(a), [x])).toBe(true);
  });

  it('sends the whole gradient of cummax values to the indexed positions', () => {
    const x = tensor([1, 3, 3, 2, 3, 5, 5], { dtype: 'float64', requiresGrad: true });
    const { values, indices } = cummax(x, 0);
    values
      .mul(tensor([0, 1, 2, 3, 4, 5, 6], { dtype: 'float64' }))
      .sum()
      .backward();
    expect(Array.from(indices.dataSync())).toEqual([0, 1, 2, 2, 4, 5, 6]);
    // torch 1.13: [0, 1, 5, 0, 4, 5, 6] (positions 2 and 3 both index 2)
    expect(Array.from(x.grad!.dataSync())).toEqual([0, 1, 5, 0, 4, 5, 6]);
  });

  it('handles 0-d, empty and single-row inputs', () => {
    const scalar = tensor(3, { dtype: 'float64' });
    expect(Array.from(logcumsumexp(scalar, 0).dataSync())).toEqual([3]);
    const { values, indices } = cummin(scalar, 0);
    expect([values.shape, indices.shape, indices.dtype]).toEqual([[], [], 'int32']);
    expect([values.dataSync()[0], indices.dataSync()[0]]).toEqual([3, 0]);
    expect([...logcumsumexp(zeros([2, 0]), 1).shape]).toEqual([2, 0]);
    expect([...cummax(zeros([2, 0]), 1).indices.shape]).toEqual([2, 0]);
    expect([...pdist(zeros([0, 3])).shape]).toEqual([0]);
    expect(Array.from(pdist(zeros([3, 0]), Number.POSITIVE_INFINITY).dataSync())).toEqual([0, 0, 0]);
  });

  it('release their intermediates', () => {
    const x = matrix().detach();
    expect(leftBehind(() => logcumsumexp(x, 1), [x])).toEqual({ handles: 0, bytes: 0 });
    expect(leftBehind(() => cummax(x, 1), [x])).toEqual({ handles: 0, bytes: 0 });
    expect(leftBehind(() => pdist(x, Number.POSITIVE_INFINITY), [x])).toEqual({ handles: 0, bytes: 0 });
    expect(leftBehind(() => pdist(x, 0.5), [x])).toEqual({ handles: 0, bytes: 0 });
  });

  it('names bad arguments', () => {
    const x = tensor([[1, 2, 3]]);
    expect(() => logcumsumexp(tensor([1, 2], { dtype: 'int32' }), 0)).toThrow('logcumsumexp: expects a floating-point input, got int32');
    expect(() => logcumsumexp(x, 2)).toThrow('logcumsumexp: dim 2 is out of range for a tensor of rank 2');
    expect(() => x.cummax({ dim: 1, keepdim: true } as never)).toThrow('cummax: unknown option `keepdim`');
    expect(() => cummin(x, 3)).toThrow('cummin: dim 3 is out of range for a tensor of rank 2');
    expect(() => pdist(tensor([[[1, 2]]]))).toThrow('pdist: expects a 2-d input [N, M], got [1, 1, 2]');
    expect(() => pdist(x, -1)).toThrow('pdist: p must be ≥ 0, got -1');
    expect(() => pdist(x, { q: 1 } as never)).toThrow('pdist: unknown option `q`');
    expect(() => pdist(tensor([[1, 2]], { dtype: 'int32' }))).toThrow('pdist: expects a floating-point input, got int32');
  });
});
