import { describe, expect, it } from 'vitest';
import { pow, tensor } from '../src/index.js';
import { readTorchFixture } from './helpers/torch-fixtures.js';

// Integer powers against torch 1.13 (tools/fixtures/tensor_integer_power_reference.py): a negative
// integer number as the exponent of an integer tensor is refused (it silently gave 0 here), while
// negative exponents given as a tensor are computed as torch's.

const fixture = readTorchFixture<{
  base: number[];
  exponents: number[];
  tensor_exponent: number[];
  number_exponent_errors: Record<string, string>;
  positive_number: number[];
}>('torch-integer-power-reference.json');

describe('integer powers', () => {
  const base = tensor(fixture.base, { dtype: 'int32' });

  it('refuse a negative integer number as the exponent, as torch', () => {
    for (const [exponent, message] of Object.entries(fixture.number_exponent_errors)) {
      expect(message).toBe('Integers to negative integer powers are not allowed.');
      expect(() => base.pow(Number(exponent))).toThrow(
        `pow: integers to negative integer powers are not allowed (int32 tensor to the power ${exponent})`,
      );
    }
    expect(() => base.pow_(-1)).toThrow('pow: integers to negative integer powers are not allowed');
  });

  it('compute tensor exponents and positive numbers as torch', () => {
    expect(Array.from(pow(base, tensor(fixture.exponents, { dtype: 'int32' })).dataSync())).toEqual(fixture.tensor_exponent);
    expect(Array.from(base.pow(3).dataSync())).toEqual(fixture.positive_number);
    expect(Array.from(base.float().pow(-1).dataSync())).toEqual([0.5, 1, -1, 1 / 3].map(Math.fround));
  });
});
