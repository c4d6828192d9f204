import { describe, expect, it } from 'vitest';
import { diagonal, linalg, tensor, type Tensor } from '../src/index.js';
import { type DType, expectValues, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// torch.diagonal and torch.linalg.diagonal against torch 1.13 (tools/fixtures/tensor_diagonal_reference.py):
// values, shapes, dtypes, and the float64 gradient of Σ output·r.
interface Case {
  name: string;
  function: 'diagonal' | 'linalg.diagonal';
  input: FixtureTensor & { dtype: DType };
  options: { offset?: number; dim1?: number; dim2?: number };
  output: FixtureTensor;
  upstream?: FixtureTensor;
  gradient?: FixtureTensor;
}
const { cases } = readTorchFixture<{ cases: Case[] }>('torch-diagonal-reference.json');
const tolerances = { float64: 1e-15, float32: 1e-7 };

const fromFixture = (fixture: FixtureTensor, dtype: DType, requiresGrad = false): Tensor =>
  tensor(numbers(fixture), { shape: fixture.shape, dtype, requiresGrad });

describe('diagonal against torch', () => {
  for (const entry of cases)
    it(`${entry.function}: ${entry.name}`, () => {
      const dtype = entry.input.dtype;
      const x = fromFixture(entry.input, dtype, entry.gradient !== undefined);
      const output = entry.function === 'diagonal' ? diagonal(x, entry.options) : linalg.diagonal(x, entry.options);
      expectValues(output, entry.output, dtype, `${entry.name}: output`, tolerances);
      if (!entry.gradient) return;
      output.mul(fromFixture(entry.upstream!, dtype)).sum().backward();
      expectValues(x.grad!, entry.gradient, dtype, `${entry.name}: gradient`, tolerances);
    });

  it('takes torch positional order, as a function and as a method', () => {
    const x = tensor([
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [
        [7, 8, 9],
        [10, 11, 12],
      ],
    ]);
    expect(Array.from(diagonal(x, 1, 1, 2).dataSync())).toEqual([2, 6, 8, 12]);
    expect(Array.from(x.diagonal({ offset: 1, dim1: 1, dim2: 2 }).dataSync())).toEqual([2, 6, 8, 12]);
    expect(x.diagonal().shape).toEqual([3, 2]);
  });

  it('refuses what torch refuses, naming the operation', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(() => diagonal(x, { dim1: 0, dim2: 0 })).toThrow('diagonal: diagonal dimensions cannot be identical 0, 0');
    expect(() => diagonal(x, 0, 0, 2)).toThrow(/diagonal: .*2/);
    expect(() => diagonal(x, 1.5)).toThrow('diagonal: offset must be an integer, got 1.5');
    expect(() => diagonal(x, { offset: 1, axis: 0 } as never)).toThrow(/diagonal: unknown option `axis`/);
    expect(() => linalg.diagonal(tensor([1, 2]))).toThrow(/linalg\.diagonal/);
  });
});
