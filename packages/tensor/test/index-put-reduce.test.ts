import { describe, expect, it } from 'vitest';
import { grad, indexPut, indexPutAsync, indexReduce, linspace, tensor, type IndexReduction, type Tensor } from '../src/index.js';
import { type DType, expectValues, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// torch.index_put and torch.index_reduce against torch 1.13: values, shapes, dtypes, float64 gradients
// of input and values/source, and errors (tools/fixtures/tensor_numerical_reference.py).

interface IndexPutCase {
  name: string;
  input: FixtureTensor;
  indices: FixtureTensor[];
  values: FixtureTensor;
  accumulate: boolean;
  output: FixtureTensor;
  grad_input: FixtureTensor;
  grad_values: FixtureTensor;
}
interface IndexReduceCase {
  reduce: IndexReduction;
  include_self: boolean;
  dim: number;
  input: FixtureTensor;
  index: FixtureTensor;
  source: FixtureTensor;
  output: FixtureTensor;
  grad_input: FixtureTensor;
  grad_source: FixtureTensor;
}
interface Fixture {
  index_put: IndexPutCase[];
  index_put_errors: Record<string, string>;
  index_reduce: IndexReduceCase[];
  index_reduce_ties: Omit<IndexReduceCase, 'reduce' | 'include_self' | 'dim'>;
  index_reduce_integer_mean: FixtureTensor;
  index_reduce_errors: Record<string, string>;
}
const fixture = readTorchFixture<Fixture>('torch-numerical-reference.json');

const fromFixture = (value: FixtureTensor, requiresGrad = false): Tensor =>
  tensor(numbers(value), { shape: value.shape, dtype: value.dtype as DType, requiresGrad });
const tolerance = { float64: 1e-14, float32: 1e-6 };
const int32 = (...values: number[]) => tensor(values, { dtype: 'int32' });

/** Σ out·w with the fixture script's weights linspace(from, to) over the output's elements. */
const weightedSum = (output: Tensor, from: number, to: number) =>
  output.mul(linspace(from, to, output.numel(), { dtype: 'float64' }).reshape(output.shape)).sum();

describe('indexPut (torch.index_put)', () => {
  for (const entry of fixture.index_put) {
    it(`${entry.name}: values and float64 gradients as torch`, () => {
      const [x, values] = [fromFixture(entry.input, true), fromFixture(entry.values, true)];
      const output = indexPut(
        x,
        entry.indices.map((index) => fromFixture(index)),
        values,
        { accumulate: entry.accumulate },
      );
      expectValues(output, entry.output, 'float64', `${entry.name} output`, tolerance);
      const [inputGradient, valuesGradient] = grad(weightedSum(output, -2, 3), [x, values]) as [Tensor, Tensor];
      expectValues(inputGradient, entry.grad_input, 'float64', `${entry.name} input gradient`, tolerance);
      expectValues(valuesGradient, entry.grad_values, 'float64', `${entry.name} values gradient`, tolerance);
    });
  }

  it('in place (index_put_), as a Tensor method, with accumulate given positionally, and asynchronously', async () => {
    for (const entry of fixture.index_put) {
      const indices = entry.indices.map((index) => fromFixture(index));
      const target = fromFixture(entry.input);
      expect(target.indexPut_(indices, fromFixture(entry.values), entry.accumulate)).toBe(target);
      expectValues(target, entry.output, 'float64', `${entry.name} in place`, tolerance);
      expectValues(
        fromFixture(entry.input).indexPut(indices, fromFixture(entry.values), entry.accumulate),
        entry.output,
        'float64',
        `${entry.name} method`,
        tolerance,
      );
      const later = await indexPutAsync(fromFixture(entry.input), indices, fromFixture(entry.values), { accumulate: entry.accumulate });
      expectValues(later, entry.output, 'float64', `${entry.name} async`, tolerance);
    }
  });

  it('throws as torch does', () => {
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], { shape: [3, 4], dtype: 'float64' });
    const ones = (n: number, dtype: DType = 'float64') => tensor(Array(n).fill(1), { dtype });
    const errors = fixture.index_put_errors;
    expect(() => indexPut(x, [int32(0), int32(0), int32(0)], ones(1)), errors['too many indices']).toThrow(
      'indexPut: too many indices for a tensor of dimension 2 (got 3)',
    );
    expect(() => indexPut(x, [int32(0, 1)], ones(3)), errors['values shape']).toThrow(
      'indexPut: shape mismatch: value tensor of shape [3] cannot be broadcast to indexing result of shape [2, 4]',
    );
    expect(() => indexPut(x, [int32(0, 1)], ones(4, 'float32')), errors['values dtype']).toThrow(
      'indexPut: the values (float32) must have the dtype of the destination (float64)',
    );
    expect(() => indexPut(x, [int32(3)], ones(4)), errors['out of range']).toThrow(
      'indexPut: index 3 is out of bounds for dim 0 with size 3',
    );
    expect(() => indexPut(x, [int32(-4)], ones(4)), 'a negative index out of range').toThrow(
      'indexPut: index -4 is out of bounds for dim 0 with size 3',
    );
    expect(() => indexPut(x, [tensor([true, false])], ones(4)), errors['mask shape']).toThrow(
      'indexPut: the shape of the mask [2] at index 0 does not match the shape of the indexed tensor [3, 4] at dim 0',
    );
    expect(() => indexPut(x, [int32(0, 1), int32(0, 1, 2)], ones(1)), errors['index shapes']).toThrow(
      /indexPut: the indexing tensors: shapes \[2\] and \[3\] cannot be broadcast together/,
    );
    expect(() => indexPut(x, [tensor([0, 1])], ones(4)), 'a float index').toThrow(
      'indexPut: indices[0] must be an int32 or bool tensor, got float32',
    );
    expect(() => indexPut(x, [], ones(4)), 'no index').toThrow(/indexPut: indices must be a non-empty list/);
    expect(() => indexPut(x, [int32(0)], ones(4), { accumulated: true } as never), 'an unknown option').toThrow(
      /indexPut: unknown option `accumulated`/,
    );
    const leaf = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    expect(() => leaf.indexPut_([int32(0)], ones(1)), 'a leaf that requires grad').toThrow(/indexPut_: a leaf Variable that requires grad/);
  });
});

describe('indexReduce (torch.index_reduce)', () => {
  for (const entry of fixture.index_reduce) {
    const label = `${entry.reduce}, includeSelf ${entry.include_self}, dim ${entry.dim}`;
    it(`${label}: values and float64 gradients as torch`, () => {
      const [x, source] = [fromFixture(entry.input, true), fromFixture(entry.source, true)];
      const output = indexReduce(x, entry.dim, fromFixture(entry.index), source, entry.reduce, { includeSelf: entry.include_self });
      expectValues(output, entry.output, 'float64', `${label} output`, tolerance);
      const [inputGradient, sourceGradient] = grad(weightedSum(output, -1, 2), [x, source]) as [Tensor, Tensor];
      expectValues(inputGradient, entry.grad_input, 'float64', `${label} input gradient`, tolerance);
      expectValues(sourceGradient, entry.grad_source, 'float64', `${label} source gradient`, tolerance);
    });
  }

  it('amax shares the gradient among tied values, self included, as torch', () => {
    const ties = fixture.index_reduce_ties;
    const [x, source] = [fromFixture(ties.input, true), fromFixture(ties.source, true)];
    const output = indexReduce(x, 0, fromFixture(ties.index), source, 'amax');
    expectValues(output, ties.output, 'float64', 'ties output', tolerance);
    const [inputGradient, sourceGradient] = grad(output.sum(), [x, source]) as [Tensor, Tensor];
    expectValues(inputGradient, ties.grad_input, 'float64', 'ties input gradient', tolerance);
    expectValues(sourceGradient, ties.grad_source, 'float64', 'ties source gradient', tolerance);
  });

  it("an int32 'mean' rounds down, as torch", () => {
    const output = indexReduce(int32(1, 2, 3), 0, int32(0, 0), int32(2, 3), 'mean');
    expectValues(output, fixture.index_reduce_integer_mean, 'int32', 'integer mean', tolerance);
  });

  it('in place (index_reduce_) and as a Tensor method', () => {
    for (const entry of fixture.index_reduce.filter((_, position) => position % 3 === 0)) {
      const options = { includeSelf: entry.include_self };
      const target = fromFixture(entry.input);
      expect(target.indexReduce_(entry.dim, fromFixture(entry.index), fromFixture(entry.source), entry.reduce, options)).toBe(target);
      expectValues(target, entry.output, 'float64', `${entry.reduce} in place`, tolerance);
      const output = fromFixture(entry.input).indexReduce(
        entry.dim,
        fromFixture(entry.index),
        fromFixture(entry.source),
        entry.reduce,
        options,
      );
      expectValues(output, entry.output, 'float64', `${entry.reduce} method`, tolerance);
    }
  });

  it('throws as torch does', () => {
    const x = tensor([1, 2, 3, 4, 5, 6], { shape: [3, 2], dtype: 'float64' });
    const rows = (n: number) => x.narrow(0, 0, n);
    const errors = fixture.index_reduce_errors;
    expect(() => indexReduce(x, 0, int32(0), rows(1), 'sum' as IndexReduction), errors['sum reduction']).toThrow(
      "indexReduce: invalid reduce 'sum'; expected one of 'prod', 'mean', 'amax', 'amin'",
    );
    expect(() => indexReduce(x, 0, int32(0, 1).reshape([2, 1]), rows(2), 'prod'), errors['2-D index']).toThrow(
      'indexReduce: index must be 0-D or 1-D, got [2, 1]',
    );
    expect(() => indexReduce(x, 0, int32(0, 1), rows(3), 'prod'), errors['source shape']).toThrow(
      "indexReduce: source [3, 2] must have the shape of the input [3, 2] with dim 0 of the index's length 2 ([2, 2])",
    );
    expect(() => indexReduce(x, 0, int32(3), rows(1), 'prod'), errors['out of range']).toThrow(
      'indexReduce: index 3 is out of bounds for dim 0 with size 3',
    );
    expect(() => indexReduce(x, 0, int32(0), rows(1).float(), 'prod'), 'a source of another dtype').toThrow(
      'indexReduce: self (float64) and source (float32) must have the same dtype',
    );
    expect(() => indexReduce(x, 0, int32(0), rows(1), 'prod', { include_self: false } as never), 'an unknown option').toThrow(
      /did you mean `includeSelf`/,
    );
  });
});
