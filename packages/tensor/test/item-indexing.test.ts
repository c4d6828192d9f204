import { describe, expect, it } from 'vitest';
import { arange, linspace, type Tensor, type TensorIndex, tensor } from '../src/index.js';
import { gradcheck } from '../src/testing/index.js';
import { expectValues, type FixtureTensor, readTorchFixture } from './helpers/torch-fixtures.js';

// Python's indexing, x[...] and x[...] = v, against torch 1.13 (tools/fixtures/tensor_item_indexing_reference.py).

type FixtureIndex = number | string | null | number[] | boolean[] | { int: unknown[] } | { bool: unknown[] };
interface Fixture {
  gets: { indices: FixtureIndex[]; result: FixtureTensor; shape: number[]; gradient: FixtureTensor }[];
  sets: { indices: FixtureIndex[]; value: number | { tensor: unknown[] }; result: FixtureTensor }[];
  errors: Record<string, string | null>;
}

const fixture = readTorchFixture<Fixture>('torch-item-indexing-reference.json');
const exact = { float64: 0, float32: 0 };
const base = () => arange(0, 24, 1, { dtype: 'float64' }).reshape(2, 3, 4);

function index(entry: FixtureIndex): TensorIndex {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return entry as TensorIndex;
  if ('int' in entry) return tensor(entry.int as number[], { dtype: 'int32' });
  return tensor(entry.bool as boolean[]);
}

describe('Tensor.at (x[indices])', () => {
  it('gives torch’s values, shapes and gradients for basic and advanced indices', () => {
    for (const { indices, result, shape, gradient } of fixture.gets) {
      const label = `x[${JSON.stringify(indices)}]`;
      const x = base().requiresGrad_();
      const got = x.at(...indices.map(index));
      expect([...got.shape], label).toEqual(shape);
      expectValues(got, result, 'float64', label, exact);
      got
        .mul(linspace(-1, 2, got.numel(), { dtype: 'float64' }).reshape(got.shape))
        .sum()
        .backward();
      expectValues(x.grad!, gradient, 'float64', `${label}: gradient`, { float64: 1e-12, float32: 0 });
    }
  });

  it('basic indices give views of x (writes reach it), advanced ones copies', () => {
    const x = base();
    const row = x.at(1, ':', '1:3');
    expect(row.storage).toBe(x.storage);
    row.fill_(-1);
    expect(x.at(1, 0, 1).itemSync()).toBe(-1);
    expect(x.at([0]).storage).not.toBe(x.storage);
    const whole = x.at();
    expect(whole).not.toBe(x);
    whole.dispose();
    expect(x.isDisposed).toBe(false);
  });

  it('refuses indices torch refuses, with its messages', () => {
    const x = base();
    expect(fixture.errors['out of range']).toBe('index 2 is out of bounds for dimension 0 with size 2');
    expect(() => x.at(2)).toThrow('at: index 2 is out of bounds for dimension 0 with size 2');
    expect(fixture.errors['advanced out of range']).toContain('index 3 is out of bounds for dimension');
    expect(() => x.at(':', [0, 3])).toThrow('at: index 3 is out of bounds for dimension 1 with size 3');
    expect(fixture.errors['too many']).toBe('too many indices for tensor of dimension 3');
    expect(() => x.at(0, 0, 0, 0)).toThrow('at: too many indices for tensor of dimension 3 (got 4)');
    expect(fixture.errors['mask shape']).toContain('The shape of the mask [3] at index 0 does not match the shape of the indexed tensor');
    expect(() => x.at(tensor([true, false, true]))).toThrow(
      'at: the shape of the mask [3] at index 0 does not match the shape of the indexed tensor [2,3,4]',
    );
    expect(fixture.errors['zero step']).toBe('slice step cannot be zero');
    expect(() => x.at('::0')).toThrow("at: step must be greater than zero in '::0'");
    // NumPy refuses two ellipses; torch 1.13 lets them through
    expect(() => x.at('...', '...')).toThrow("at: an index can only have a single ellipsis ('...')");
    expect(() => x.at('1-2')).toThrow("at: '1-2' is not an index");
    expect(() => x.at(tensor([1.5]))).toThrow('at: tensors used as indices must be int32 or bool, got float32');
  });

  it('differentiates through mixed indices (gradcheck in float64)', () => {
    const x = base().mul(0.1).requiresGrad_();
    expect(gradcheck((value: Tensor) => value.at('...', [1, 0, 1], '1:').pow(2), [x])).toBe(true);
  });
});

describe('Tensor.setAt_ (x[indices] = value)', () => {
  it('writes torch’s elements for basic and advanced indices, numbers and broadcast tensors', () => {
    for (const { indices, value, result } of fixture.sets) {
      const label = `x[${JSON.stringify(indices)}] = ${JSON.stringify(value)}`;
      const x = base();
      const given = typeof value === 'number' ? value : tensor(value.tensor as number[][], { dtype: 'float64' });
      expect(x.setAt_(indices.map(index), given), label).toBe(x);
      expectValues(x, result, 'float64', label, exact);
    }
  });

  it('records the write for gradients (a write into a view of a tensor in a graph)', () => {
    const leaf = base().requiresGrad_();
    const y = leaf.mul(2);
    y.setAt_([':', 0], 0);
    y.setAt_([[1], 1, [2]], leaf.at(0, 0, 0));
    y.sum().backward();
    const gradient = Array.from(leaf.grad!.dataSync());
    // 0 where y was overwritten, 2 elsewhere, and leaf[0, 0, 0] also receives the written element's 1
    expect(gradient[0]).toBe(1);
    expect(gradient[4]).toBe(2);
    expect(gradient[12 + 4 + 2]).toBe(0);
    expect(gradient[12]).toBe(0);
  });
});
