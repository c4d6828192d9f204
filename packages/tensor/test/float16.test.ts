/**
 * The float16 dtype on the host: binary16 conversions against numpy's astype(float16) (written by
 * tools/fixtures/float16_reference.py), and the CPU's refusal to hold it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { float16Bits, float16Value, promoteTypes, resolveDType, roundToFloat16, tensor } from '../src/index.js';

const reference = JSON.parse(readFileSync(new URL('./__fixtures__/float16-reference.json', import.meta.url), 'utf8')) as {
  conversions: { float32: number[]; float16: number[] };
};

const float32Of = (bits: number) => new Float32Array(new Uint32Array([bits]).buffer)[0]!;
const isHalfNaN = (bits: number) => (bits & 0x7c00) === 0x7c00 && (bits & 0x3ff) !== 0;

describe('float16 conversions', () => {
  it("round float32 values to the binary16 bits numpy's astype(float16) gives (ties to even, overflow, subnormals)", () => {
    const { float32, float16 } = reference.conversions;
    expect(float32.length).toBeGreaterThan(2000);
    const wrong: string[] = [];
    float32.forEach((bits, i) => {
      const expected = float16[i]!;
      const actual = float16Bits(float32Of(bits));
      const same = isHalfNaN(expected) ? isHalfNaN(actual) : actual === expected;
      if (!same) wrong.push(`${float32Of(bits)}: ${actual.toString(16)} instead of ${expected.toString(16)}`);
    });
    expect(wrong).toEqual([]);
  });

  it('widen every binary16 value exactly, and round each back to its own bits', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      const value = float16Value(bits);
      if (isHalfNaN(bits)) {
        expect(value).toBeNaN();
        continue;
      }
      expect(float16Bits(value)).toBe(bits);
      // closed form of the normal values: (1 + m/1024)·2^(e − 15)
      const exponent = (bits >> 10) & 0x1f;
      if (exponent > 0 && exponent < 31) expect(Math.abs(value)).toBe((1 + (bits & 0x3ff) / 1024) * 2 ** (exponent - 15));
    }
    expect(float16Value(0x7bff)).toBe(65504);
    expect(Object.is(float16Value(0x8000), -0)).toBe(true);
    expect(roundToFloat16(0.1)).toBe(0.0999755859375);
  });
});

describe('the float16 dtype', () => {
  it("is spelled 'float16' or torch's 'half', and promotes like torch.result_type", () => {
    expect(resolveDType('to', 'half')).toBe('float16');
    expect(promoteTypes('float16', 'float32')).toBe('float32');
    expect(promoteTypes('int32', 'float16')).toBe('float16');
    expect(promoteTypes('bool', 'float16')).toBe('float16');
    expect(() => resolveDType('to', 'bfloat16')).toThrow(/dtype 'bfloat16' is not supported; the supported dtypes are .*float16/);
  });

  it('is refused by the CPU with an error naming where it lives and how to cast', () => {
    expect(() => tensor([1, 2, 3], { dtype: 'float16' })).toThrow(
      /cpu allocate: float16 tensors \(3 elements\) live on the webgpu device only.*cast with \.float\(\)/,
    );
    expect(() => tensor([1.5]).half()).toThrow(/cpu allocate: float16/);
    expect(() => tensor([1.5]).to('half')).toThrow(/cpu allocate: float16/);
  });
});
