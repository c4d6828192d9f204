import { describe, expect, it } from 'vitest';
import * as dl from '../src/index.js';
import { type DType, expectValues, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// torch's bitwise ops against torch 1.13 (tools/fixtures/tensor_bitwise_reference.py): int32 bits,
// shift counts modulo 32, bools through the logical ops, numbers and broadcasting, torch's refusals.

type Operand = number | (FixtureTensor & { dtype: DType });
interface Fixture {
  cases: { name: string; a: Operand; b: Operand; output: FixtureTensor & { dtype: DType } }[];
  nots: { input: FixtureTensor & { dtype: DType }; output: FixtureTensor & { dtype: DType } }[];
  errors: Record<string, string>;
}

const fixture = readTorchFixture<Fixture>('torch-bitwise-reference.json');
const operand = (value: Operand) =>
  typeof value === 'number' ? value : dl.tensor(numbers(value), { dtype: value.dtype }).reshape(value.shape);
type Binary = (a: dl.TensorOrScalar, b: dl.TensorOrScalar) => dl.Tensor;
const functions: Record<string, Binary> = {
  bitwiseAnd: dl.bitwiseAnd,
  bitwiseOr: dl.bitwiseOr,
  bitwiseXor: dl.bitwiseXor,
  bitwiseLeftShift: dl.bitwiseLeftShift,
  bitwiseRightShift: dl.bitwiseRightShift,
};
const exact = { float64: 0, float32: 0 };

describe('bitwise ops', () => {
  it('match torch on int32, bools, a bool with int32, numbers on either side and broadcasting', () => {
    for (const [index, { name, a, b, output }] of fixture.cases.entries()) {
      const result = functions[name]!(operand(a), operand(b));
      expectValues(result, output, output.dtype, `${index}: ${name}`, exact);
    }
  });

  it('bitwiseNot: −x − 1 on int32, the logical not of bools; methods as the functions', () => {
    for (const { input, output } of fixture.nots)
      expectValues(dl.bitwiseNot(operand(input) as dl.Tensor), output, output.dtype, `not ${input.dtype}`, exact);
    const x = dl.tensor([12, -5], { dtype: 'int32' });
    expect(Array.from(x.bitwiseAnd(6).dataSync())).toEqual([4, 2]);
    expect(Array.from(x.bitwiseOr(1).dataSync())).toEqual([13, -5]);
    expect(Array.from(x.bitwiseXor(x).dataSync())).toEqual([0, 0]);
    expect(Array.from(x.bitwiseNot().dataSync())).toEqual([-13, 4]);
    expect(Array.from(x.bitwiseLeftShift(1).dataSync())).toEqual([24, -10]);
    expect(Array.from(x.bitwiseRightShift(1).dataSync())).toEqual([6, -3]);
  });

  it('refuse floating operands and shifts of two bools, as torch', () => {
    expect(fixture.errors['and float']).toContain("not implemented for 'Float'");
    expect(() => dl.bitwiseAnd(dl.tensor([1]), 1)).toThrow(
      'bitwiseAnd: only int32 and bool tensors (and integer numbers) are supported, got float32',
    );
    expect(fixture.errors['and float number']).toContain("not implemented for 'Float'");
    expect(() => dl.bitwiseOr(dl.tensor([1], { dtype: 'int32' }), 1.5)).toThrow('bitwiseOr: only int32 and bool tensors');
    expect(fixture.errors['shift bools']).toContain("not implemented for 'Bool'");
    const flags = dl.tensor([true, false]);
    expect(() => dl.bitwiseRightShift(flags, flags)).toThrow('bitwiseRightShift: not implemented for bool tensors');
    expect(fixture.errors['not float']).toContain('only implemented on integer and Boolean-type tensors');
    expect(() => dl.bitwiseNot(dl.tensor([1]))).toThrow('bitwiseNot: only int32 and bool tensors are supported, got float32');
    expect(() => dl.bitwiseAnd(1, 2)).toThrow('bitwiseAnd: at least one operand must be a tensor');
  });
});
