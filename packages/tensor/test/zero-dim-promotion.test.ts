import { describe, expect, it } from 'vitest';
import { addcdiv, addcmul, maximum, type Tensor, tensor, where } from '../src/index.js';
import { readTorchFixture } from './helpers/torch-fixtures.js';

// Type promotion with 0-d tensors against torch 1.13 (tools/fixtures/tensor_zero_dim_promotion_reference.py):
// beside a dimensioned tensor a 0-d one sets the dtype only when its category is higher. A float32
// activation times a 0-d float64 (a scale read from a float64 computation) was float64 here: twice
// the memory, and a float32 layer after it refused the result as a dtype mismatch.

const fixture = readTorchFixture<Record<string, { dtype: string; values: number[] | number | boolean[] }>>(
  'torch-zero-dim-promotion-reference.json',
);

const f32 = () => tensor([1.5, -2, 0.25]);
const f64 = () => tensor([1.5, -2, 0.25], { dtype: 'float64' });
const i32 = () => tensor([3, -1, 2], { dtype: 'int32' });
const b = () => tensor([true, false, true]);
const s64 = () => tensor(0.1, { dtype: 'float64' });
const s32 = () => tensor(0.1);
const si = () => tensor(4, { dtype: 'int32' });

const cases: Record<string, () => Tensor> = {
  'f32 * s64': () => f32().mul(s64()),
  's64 + f32': () => s64().add(f32()),
  'f32 / s64': () => f32().div(s64()),
  'f32 - s64': () => f32().sub(s64()),
  'maximum(f32, s64)': () => maximum(f32(), s64()),
  'i32 + s64': () => i32().add(s64()),
  'i32 * s32': () => i32().mul(s32()),
  'b + si': () => b().add(si()),
  'i32 + si': () => i32().add(si()),
  'f64 * s32': () => f64().mul(s32()),
  's32 + s64': () => s32().add(s64()),
  'where(b, f32, s64)': () => where(b(), f32(), s64()),
  'where(b, i32, s64)': () => where(b(), i32(), s64()),
  'addcmul(f32, f32, s64)': () => addcmul(f32(), f32(), s64()),
  'addcdiv(f32, f32, s64)': () => addcdiv(f32(), f32(), s64()),
  'f32 < s64': () => f32().lt(s64()),
  'f32.clone().add_(s64)': () => f32().clone().add_(s64()),
};

describe('type promotion with 0-d tensors, as torch 1.13', () => {
  it('the fixture and this file list the same expressions', () => expect(Object.keys(cases).sort()).toEqual(Object.keys(fixture).sort()));

  for (const [label, run] of Object.entries(cases))
    it(`${label}: torch's dtype and values`, () => {
      const expected = fixture[label]!;
      const result = run();
      expect(result.dtype).toBe(expected.dtype);
      const values = [expected.values].flat();
      expect(Array.from(result.dataSync(), (value) => (result.dtype === 'bool' ? Boolean(value) : Number(value)))).toEqual(values);
    });
});
