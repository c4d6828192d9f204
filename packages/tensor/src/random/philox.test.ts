import { describe, expect, it } from 'vitest';
import { multiplyHigh, philoxBlock, philoxUniform } from './philox.js';
import { manualSeed, reserveRandom } from './generator.js';

const hex = (words: Uint32Array) => Array.from(words, (word) => word.toString(16).padStart(8, '0'));

describe('Philox4x32-10', () => {
  it('matches the Random123 known-answer vector for a zero counter and key', () => {
    const out = new Uint32Array(4);
    philoxBlock(0, 0, 0, 0, out);
    expect(hex(out)).toEqual(['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8']);
  });

  it('computes exact 32×32 → high-word products', () => {
    const cases: [number, number][] = [[0xffffffff, 0xffffffff], [0xd2511f53, 0x12345678], [1, 0xffffffff], [0x80000000, 2]];
    for (const [a, b] of cases) expect(multiplyHigh(a, b)).toBe(Number((BigInt(a) * BigInt(b)) >> 32n));
  });

  it('gives uniform numbers in [0, 1) with the right mean and variance', () => {
    const values = new Float64Array(40_000);
    philoxUniform(values, 1234n, 0n);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    // U(0,1): mean 1/2, variance 1/12; standard errors ≈ 0.0014 and 0.0004
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.006);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  it('is a pure function of (seed, offset): element i of a draw equals word i mod 4 of block offset + ⌊i/4⌋', () => {
    const whole = new Float64Array(10);
    philoxUniform(whole, 7n, 3n);
    const tail = new Float64Array(2);
    philoxUniform(tail, 7n, 5n); // block 5 = elements 8 and 9 of the draw at offset 3
    expect(Array.from(tail)).toEqual([whole[8], whole[9]]);
  });

  it('advances the global offset by ⌈size/4⌉ blocks per draw and restarts on manualSeed', () => {
    manualSeed(42);
    expect(reserveRandom(10)).toEqual({ seed: 42n, offset: 0n });
    expect(reserveRandom(1)).toEqual({ seed: 42n, offset: 3n });
    manualSeed(42);
    expect(reserveRandom(1).offset).toBe(0n);
  });
});
