import { describe, expect, it } from 'vitest';
import { CHUNK_WORDS, multiplyHigh, philoxBlock, PhiloxStream, philoxUniform, philoxWords } from './philox.js';
import { manualSeed, reserveRandom } from './generator.js';

const hex = (words: Uint32Array) => Array.from(words, (word) => word.toString(16).padStart(8, '0'));

const MASK = 0xffffffffn;
/** Philox4x32-10 straight from the paper in BigInt: 64-bit products, no splitting into halves. */
function referenceBlock(key: bigint, counter: bigint): number[] {
  let c = [counter & MASK, (counter >> 32n) & MASK, 0n, 0n];
  let k = [key & MASK, (key >> 32n) & MASK];
  for (let round = 0; round < 10; round++) {
    const product0 = 0xd2511f53n * c[0]!;
    const product1 = 0xcd9e8d57n * c[2]!;
    c = [(product1 >> 32n) ^ c[1]! ^ k[0]!, product1 & MASK, (product0 >> 32n) ^ c[3]! ^ k[1]!, product0 & MASK];
    k = [(k[0]! + 0x9e3779b9n) & MASK, (k[1]! + 0xbb67ae85n) & MASK];
  }
  return c.map(Number);
}

describe('Philox4x32-10', () => {
  it('matches the Random123 known-answer vector for a zero counter and key', () => {
    const out = new Uint32Array(4);
    philoxBlock(0, 0, 0, 0, out);
    expect(hex(out)).toEqual(['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8']);
  });

  it('computes exact 32×32 → high-word products', () => {
    const cases: [number, number][] = [
      [0xffffffff, 0xffffffff],
      [0xd2511f53, 0x12345678],
      [1, 0xffffffff],
      [0x80000000, 2],
    ];
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

  it("the fast block loop matches the BigInt reference, across the carry into the counter's high word", () => {
    const key = 0x0123456789abcdefn;
    const start = 0x5fffffffen; // low word 0xfffffffe: the third block carries into the high word
    const words = new Uint32Array(4 * 5);
    philoxWords(Number(key & MASK), Number(key >> 32n), Number(start & MASK), Number(start >> 32n), words, 5);
    for (let block = 0; block < 5; block++)
      expect(Array.from(words.subarray(4 * block, 4 * block + 4))).toEqual(referenceBlock(key, start + BigInt(block)));
  });

  it('multiplyHigh is exact on random operands', () => {
    let state = 12345;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
    for (let trial = 0; trial < 2000; trial++) {
      const [a, b] = [next() ^ (next() << 16), next() ^ (next() << 16)].map((word) => word >>> 0) as [number, number];
      expect(multiplyHigh(a, b)).toBe(Number((BigInt(a) * BigInt(b)) >> 32n));
    }
  });

  it('draws element i from word i mod 4 of block offset + ⌊i/4⌋ across chunks and the low-word wrap', () => {
    const seed = 0xfeedfacecafebeefn;
    const offset = 0xfffffff0n; // the low word wraps inside the first chunk of 1024 blocks
    const size = 4 * 2048 + 7; // three chunks, the last block partly used
    const values = new Float32Array(size);
    philoxUniform(values, seed, offset);
    for (let i = 0; i < size; i += i < 80 || i > size - 80 ? 1 : 97) {
      const word = referenceBlock(seed, offset + BigInt(Math.floor(i / 4)))[i % 4]!;
      expect(values[i]).toBe((word >>> 8) / 2 ** 24);
    }
  });

  it('a stream hands out the blocks of a draw in order, chunk after chunk, with partial chunks', () => {
    const stream = new PhiloxStream(9n, 0xfffffffen);
    const words = new Uint32Array(CHUNK_WORDS);
    const seen: number[] = [];
    for (const count of [CHUNK_WORDS, 10, CHUNK_WORDS]) {
      stream.next(words, count);
      seen.push(...words.subarray(0, count));
      if (count % 4 !== 0) seen.push(...words.subarray(count, Math.ceil(count / 4) * 4)); // the rest of the last block
    }
    const blocks = seen.length / 4;
    expect(blocks).toBe(1024 + 3 + 1024);
    for (const block of [0, 1, 2, 1023, 1024, 1026, 1027, blocks - 1])
      expect(seen.slice(4 * block, 4 * block + 4)).toEqual(referenceBlock(9n, 0xfffffffen + BigInt(block)));
  });
});
