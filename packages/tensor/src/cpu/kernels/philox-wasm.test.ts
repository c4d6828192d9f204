import { describe, expect, it } from 'vitest';
import { philoxUniform, philoxWords } from '../../random/philox.js';
import { philoxMaskWasm, philoxUniformWasm, philoxWordsWasm } from './philox-wasm.js';

const MASK = 0xffffffffn;

/** The reference words of random/philox.ts for `count` elements of the draw at (seed, offset). */
function referenceWords(count: number, seed: bigint, offset: bigint): Uint32Array {
  const words = new Uint32Array(Math.ceil(count / 4) * 4);
  philoxWords(Number(seed & MASK), Number(seed >> 32n), Number(offset & MASK), Number((offset >> 32n) & MASK), words, words.length / 4);
  return words.subarray(0, count);
}

/** Streams that cross a module chunk (16,384 elements), end inside a group and a block, and carry. */
const cases: [string, number, bigint, bigint][] = [
  ['zero key and counter (Random123 known answer first)', 37, 0n, 0n],
  ['crossing two module chunks', 2 * 16384 + 21, 0x0123456789abcdefn, 5n],
  ["carry into the counter's high word inside a SIMD group", 70, 0xfeedfacecafebeefn, 0x5fffffffen],
  ['wrap of the whole 64-bit counter', 50, MASK, (1n << 64n) - 3n],
  ['one element', 1, 42n, 7n],
];

describe('Philox4x32-10 in the WebAssembly module', () => {
  it('matches the Random123 known-answer vector', () => {
    const words = new Uint32Array(4);
    philoxWordsWasm(words, 4, 0n, 0n);
    expect(Array.from(words, (word) => word.toString(16).padStart(8, '0'))).toEqual(['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8']);
  });

  for (const [name, count, seed, offset] of cases) {
    it(`gives random/philox.ts's words: ${name}`, () => {
      const words = new Uint32Array(count);
      philoxWordsWasm(words, count, seed, offset);
      expect(Array.from(words)).toEqual(Array.from(referenceWords(count, seed, offset)));
    });

    it(`gives philoxUniform's float32 and float64 numbers: ${name}`, () => {
      for (const Type of [Float32Array, Float64Array]) {
        const expected = new Type(count);
        philoxUniform(expected, seed, offset);
        // written at an offset into a larger buffer, which must stay untouched around it
        const target = new Type(count + 5).fill(-1);
        philoxUniformWasm(target, 3, count, seed, offset);
        expect(Array.from(target.subarray(3, 3 + count))).toEqual(Array.from(expected));
        expect([target[0], target[1], target[2], target[count + 3], target[count + 4]]).toEqual([-1, -1, -1, -1, -1]);
      }
    });
  }

  it('gives the elements [from, from + count) of a draw, from inside a block and across chunks', () => {
    const [seed, offset] = [0x9e3779b97f4a7c15n, 0xfffffffdn];
    const whole = new Float32Array(3 * 16384 + 40);
    philoxUniform(whole, seed, offset);
    for (const [from, count] of [
      [1, 10],
      [2, 16384 + 7],
      [3, 33],
      [5, 1],
      [16383, 16384 + 2],
      [16384 + 6, 2 * 16384 + 11],
    ] as const) {
      const target = new Float32Array(count + 2).fill(-1);
      philoxUniformWasm(target, 1, count, seed, offset, from);
      expect(Array.from(target.subarray(1, 1 + count))).toEqual(Array.from(whole.subarray(from, from + count)));
      expect([target[0], target[count + 1]]).toEqual([-1, -1]);
    }
  });

  it("masks by the 24-bit numerator, copying the scale's bits (−0, ∞, NaN) or writing +0", () => {
    const count = 16384 + 9;
    const [seed, offset] = [99n, 0xfffffff0n];
    const words = referenceWords(count, seed, offset);
    for (const threshold of [0, 1, 12582912, 16777216])
      for (const scale of [4 / 3, -0, Infinity, Number.NaN])
        for (const Type of [Float32Array, Float64Array]) {
          const target = new Type(count);
          philoxMaskWasm(target, 0, count, seed, offset, threshold, scale);
          const rounded = Type === Float32Array ? Math.fround(scale) : scale;
          for (let i = 0; i < count; i++) {
            const expected = words[i]! >>> 8 < threshold ? rounded : 0;
            if (!Object.is(target[i], expected))
              throw new Error(`element ${i}: ${target[i]} ≠ ${expected} (threshold ${threshold}, scale ${scale})`);
          }
        }
  });
});
