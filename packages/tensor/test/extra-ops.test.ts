import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bucketize,
  cartesianProd,
  cdist,
  cumprod,
  kthvalue,
  meshgrid,
  nanmean,
  nansum,
  searchsorted,
  tensor,
  type Tensor,
} from '../src/index.js';
import { gradcheck, gradgradcheck } from '../src/testing/index.js';
import { leftBehind } from '../src/testing/index.js';

// meshgrid, cartesianProd, cdist, nansum, nanmean, kthvalue, searchsorted, bucketize and cumprod
// against torch 1.13 (tools/fixtures/tensor_extra_ops_reference.py): float64 values and gradients.

interface FixtureTensor {
  shape: number[];
  data: (number | string)[];
  dtype: 'float64' | 'int32';
}
interface ExtraCase {
  name: string;
  inputs: FixtureTensor[];
  outputs: FixtureTensor[];
  upstream?: Omit<FixtureTensor, 'dtype'>[];
  grads?: Omit<FixtureTensor, 'dtype'>[];
}
const cases = (
  JSON.parse(readFileSync(new URL('./__fixtures__/torch-extra-ops-reference.json', import.meta.url), 'utf8')) as { cases: ExtraCase[] }
).cases;
const numbers = (fixture: { data: (number | string)[] }) => fixture.data.map(Number);
const fromFixture = (fixture: FixtureTensor) => tensor(numbers(fixture), { shape: fixture.shape, dtype: fixture.dtype });

const operations: Record<string, (...inputs: Tensor[]) => Tensor | Tensor[]> = {
  'meshgrid ij': (x, y, z) => meshgrid([x!, y!, z!], { indexing: 'ij' }),
  'meshgrid xy': (x, y, z) => meshgrid([x!, y!, z!], { indexing: 'xy' }),
  cartesianProd: (x, y, z) => cartesianProd(x!, y!, z!),
  'cdist p 2, a zero distance': (x, y) => cdist(x!, y!),
  'cdist p 1': (x, y) => cdist(x!, y!, { p: 1 }),
  'cdist p inf, batched': (x, y) => cdist(x!, y!, { p: Number.POSITIVE_INFINITY }),
  'cdist p 1.5': (x, y) => cdist(x!, y!, { p: 1.5 }),
  'cdist p 0': (x, y) => cdist(x!, y!, { p: 0 }),
  nansum: (x) => nansum(x!),
  'nansum dim 1 keepdim': (x) => x!.nansum(1, true),
  'nanmean dim 0': (x) => nanmean(x!, 0),
  'nanmean dim 1 (an all-NaN row)': (x) => x!.nanmean({ dim: 1 }),
  'kthvalue 2 last dim': (x) => [...kthvalue(x!, 2)],
  'kthvalue 1 dim 0 keepdim': (x) => [...x!.kthvalue(1, 0, true)],
  'searchsorted left': (s, v) => searchsorted(s!, v!),
  'searchsorted right': (s, v) => searchsorted(s!, v!, { right: true }),
  'searchsorted N-d, side right': (s, v) => searchsorted(s!, v!, { side: 'right' }),
  'searchsorted with a sorter': (s, v, order) => searchsorted(s!, v!, { sorter: order! }),
  bucketize: (x, bounds) => bucketize(x!, bounds!),
  'bucketize right': (x, bounds) => bucketize(x!, bounds!, { right: true }),
  'cumprod dim 1, zeros': (x) => cumprod(x!, 1),
  'cumprod dim 0': (x) => x!.cumprod(0),
};

/**
 * torch's gradient of nanmean over a row of NaNs only is NaN (its backward multiplies ∞ = g/0 by the
 * mask 0); ours is 0 there, the where() that drops the NaNs passing nothing back to them.
 */
const nanWhereTorchHasNaN = new Set(['nanmean dim 1 (an all-NaN row) gradient 0']);

function expectValues(actual: Tensor, expected: FixtureTensor, label: string): void {
  expect([...actual.shape], `${label}: shape`).toEqual(expected.shape);
  expect(actual.dtype, `${label}: dtype`).toBe(expected.dtype === 'int32' ? 'int32' : 'float64');
  const got = Array.from(actual.dataSync());
  numbers(expected).forEach((want, index) => {
    const value = got[index]!;
    if (Number.isNaN(want)) expect(value, `${label}[${index}]`).toBe(nanWhereTorchHasNaN.has(label) ? 0 : Number.NaN);
    else if (!(Math.abs(value - want) <= 1e-12 * (1 + Math.abs(want)))) expect.fail(`${label}[${index}] is ${value}, torch gives ${want}`);
  });
}

describe('extra tensor ops against torch', () => {
  it.each(cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const inputs = entry.inputs.map((input) => {
      const value = fromFixture(input);
      return input.dtype === 'float64' && entry.grads ? value.requiresGrad_() : value;
    });
    const result = operations[name]!(...inputs);
    const outputs = Array.isArray(result) ? result : [result];
    outputs.forEach((output, index) => expectValues(output, entry.outputs[index]!, `${name} output ${index}`));
    if (!entry.grads) return;
    let total: Tensor | null = null;
    let next = 0;
    for (const output of outputs) {
      if (output.dtype !== 'float64') continue;
      const term = output.mul(tensor(numbers(entry.upstream![next]!), { shape: entry.upstream![next++]!.shape, dtype: 'float64' })).sum();
      total = total ? total.add(term) : term;
    }
    total!.backward();
    inputs
      .filter((input) => input.requiresGrad)
      .forEach((input, index) => {
        const expected = entry.grads![index]!;
        expectValues(input.grad!, { ...expected, dtype: 'float64' }, `${name} gradient ${index}`);
      });
  });

  it('cdist and cumprod pass gradcheck and gradgradcheck in float64, and release their intermediates', () => {
    const x = tensor(
      [
        [0.3, -1.2],
        [2.1, 0.4],
        [0.5, 0.5],
      ],
      { dtype: 'float64', requiresGrad: true },
    );
    const y = tensor(
      [
        [1.0, 0.2],
        [-0.7, 0.9],
      ],
      { dtype: 'float64', requiresGrad: true },
    );
    expect(gradcheck((a, b) => cdist(a, b), [x, y])).toBe(true);
    expect(gradcheck((a, b) => cdist(a, b, { p: 3 }), [x, y])).toBe(true);
    const z = tensor(
      [
        [0.5, 0, 2],
        [1.5, -1, 0.25],
      ],
      { dtype: 'float64', requiresGrad: true },
    );
    expect(gradgradcheck((a) => cumprod(a, 1), [z])).toBe(true);
    const [left, right, rows] = [x.detach(), y.detach(), z.detach()];
    expect(leftBehind(() => cdist(left, right), [left, right])).toEqual({ handles: 0, bytes: 0 });
    expect(leftBehind(() => cumprod(rows, 1), [rows])).toEqual({ handles: 0, bytes: 0 });
  });

  it('names bad arguments', () => {
    const row = tensor([1, 2, 3]);
    expect(() => meshgrid([tensor([[1]])])).toThrow('meshgrid: expects 0-d or 1-d tensors, got [1, 1] at position 0');
    expect(() => meshgrid([row], { indexing: 'ji' as never })).toThrow("meshgrid: invalid indexing 'ji'");
    expect(() => cdist(tensor([[1, 2]]), tensor([[1, 2, 3]]))).toThrow(
      'cdist: expects x1 [..., P, M] and x2 [..., R, M] with one M, got [1, 2] and [1, 3]',
    );
    expect(() => searchsorted(row, row, { side: 'left', right: true })).toThrow("searchsorted: side and right can't be set to opposites");
    expect(() => kthvalue(row, 4)).toThrow('kthvalue: k (4) is out of range for a dim of size 3');
    expect(() => bucketize(row, tensor([[1]]))).toThrow('bucketize: boundaries must be 1-d, got [1, 1]');
  });
});
