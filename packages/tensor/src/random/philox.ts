/**
 * Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011): a counter-based
 * generator. Output block j is a pure function of (key, counter j), so any device can produce element i
 * of a random tensor independently — the CPU and the GPU give the same numbers for the same seed.
 * Element i of a draw at counter offset `o` is word (i mod 4) of block (o + floor(i / 4)).
 */
const MULTIPLIER_0 = 0xd2511f53;
const MULTIPLIER_1 = 0xcd9e8d57;
const MULTIPLIER_0_HIGH = MULTIPLIER_0 >>> 16;
const MULTIPLIER_0_LOW = MULTIPLIER_0 & 0xffff;
const MULTIPLIER_1_HIGH = MULTIPLIER_1 >>> 16;
const MULTIPLIER_1_LOW = MULTIPLIER_1 & 0xffff;
const WEYL_0 = 0x9e3779b9; // golden ratio, the key schedule's increment
const WEYL_1 = 0xbb67ae85; // sqrt(3) - 1

/**
 * High 32 bits of the 64-bit product of two uint32 from 16-bit halves: a·b = aH·bH·2³² + (aH·bL + aL·bH)·2¹⁶
 * + aL·bL, where every partial product is below 2³² and so exact; the carry out of the low 32 bits is
 * the top of (aL·bL >> 16) + low halves of the middle products.
 */
export function multiplyHigh(a: number, b: number): number {
  const aHigh = a >>> 16;
  const aLow = a & 0xffff;
  const bHigh = b >>> 16;
  const bLow = b & 0xffff;
  const middle1 = aHigh * bLow;
  const middle2 = aLow * bHigh;
  const carry = (((aLow * bLow) >>> 16) + (middle1 & 0xffff) + (middle2 & 0xffff)) >>> 16;
  return (aHigh * bHigh + (middle1 >>> 16) + (middle2 >>> 16) + carry) >>> 0;
}

/**
 * Writes `blocks` consecutive Philox blocks (counters counter, counter + 1, ... with the 64-bit counter
 * as two uint32 halves) into words[0 .. 4·blocks). The round is multiplyHigh inlined with the constant
 * multipliers pre-split, and the state is kept as int32 (`| 0`, `Math.imul`) so the engine never boxes
 * a number above 2³¹: about twice as fast as calling multiplyHigh, with the same words.
 */
export function philoxWords(
  keyLow: number,
  keyHigh: number,
  counterLow: number,
  counterHigh: number,
  words: Uint32Array,
  blocks: number,
): void {
  let low = counterLow >>> 0;
  let high = counterHigh >>> 0;
  for (let block = 0, word = 0; block < blocks; block++, word += 4) {
    let c0 = low | 0;
    let c1 = high | 0;
    let c2 = 0;
    let c3 = 0;
    let k0 = keyLow | 0;
    let k1 = keyHigh | 0;
    for (let round = 0; round < 10; round++) {
      // high0 = mulhi(M0, c0), high1 = mulhi(M1, c2) as in multiplyHigh; sums below 2³³ wrap by the xor's ToInt32
      const a0 = c0 & 0xffff;
      const a1 = c0 >>> 16;
      const middle01 = MULTIPLIER_0_HIGH * a0;
      const middle02 = MULTIPLIER_0_LOW * a1;
      const carry0 = (((MULTIPLIER_0_LOW * a0) >>> 16) + (middle01 & 0xffff) + (middle02 & 0xffff)) >>> 16;
      const high0 = MULTIPLIER_0_HIGH * a1 + (middle01 >>> 16) + (middle02 >>> 16) + carry0;
      const b0 = c2 & 0xffff;
      const b1 = c2 >>> 16;
      const middle11 = MULTIPLIER_1_HIGH * b0;
      const middle12 = MULTIPLIER_1_LOW * b1;
      const carry1 = (((MULTIPLIER_1_LOW * b0) >>> 16) + (middle11 & 0xffff) + (middle12 & 0xffff)) >>> 16;
      const high1 = MULTIPLIER_1_HIGH * b1 + (middle11 >>> 16) + (middle12 >>> 16) + carry1;
      const low0 = Math.imul(MULTIPLIER_0, c0);
      const low1 = Math.imul(MULTIPLIER_1, c2);
      c0 = high1 ^ c1 ^ k0;
      c1 = low1;
      c2 = high0 ^ c3 ^ k1;
      c3 = low0;
      k0 = (k0 + WEYL_0) | 0;
      k1 = (k1 + WEYL_1) | 0;
    }
    words[word] = c0;
    words[word + 1] = c1;
    words[word + 2] = c2;
    words[word + 3] = c3;
    low = (low + 1) >>> 0;
    if (low === 0) high = (high + 1) >>> 0;
  }
}

/** Writes the four 32-bit words of block `counter` for `key` into `out`. */
export function philoxBlock(keyLow: number, keyHigh: number, counterLow: number, counterHigh: number, out: Uint32Array): void {
  philoxWords(keyLow, keyHigh, counterLow, counterHigh, out, 1);
}

/** uint32 → float in [0, 1) with 24 random bits, exactly representable in float32. */
export function wordToUniform(word: number): number {
  return (word >>> 8) * 5.9604644775390625e-8; // 2^-24
}

/** Words per chunk of a long draw: 16 KiB, which stay in the L1 cache between generation and use. */
export const CHUNK_WORDS = 4096;

/**
 * The blocks of one draw at (seed, counter offset), a chunk at a time, with the 64-bit counter carried
 * from chunk to chunk. Callers loop over the chunks themselves, so their per-word loops keep their
 * variables local (a callback per chunk would read them from its closure on every word).
 */
export class PhiloxStream {
  private readonly keyLow: number;
  private readonly keyHigh: number;
  private counterLow: number;
  private counterHigh: number;

  constructor(seed: bigint, offset: bigint) {
    this.keyLow = Number(seed & 0xffffffffn);
    this.keyHigh = Number((seed >> 32n) & 0xffffffffn);
    // the 64-bit counter as two uint32 halves (BigInt arithmetic per block would dominate the cost)
    this.counterLow = Number(offset & 0xffffffffn);
    this.counterHigh = Number((offset >> 32n) & 0xffffffffn);
  }

  /**
   * Writes the next ⌈count / 4⌉ blocks into words: words[0 .. count) are the draw's next count elements
   * when every earlier count was a multiple of 4 (only a draw's last chunk may end inside a block).
   */
  next(words: Uint32Array, count: number): void {
    const blocks = Math.ceil(count / 4);
    philoxWords(this.keyLow, this.keyHigh, this.counterLow, this.counterHigh, words, blocks);
    this.counterLow += blocks;
    if (this.counterLow > 0xffffffff) {
      this.counterLow -= 0x100000000;
      this.counterHigh = (this.counterHigh + 1) >>> 0;
    }
  }
}

/** Fills `out` with uniform [0, 1) numbers for (seed, counter offset). */
export function philoxUniform(out: { length: number; [index: number]: number }, seed: bigint, offset: bigint): void {
  const stream = new PhiloxStream(seed, offset);
  const words = new Uint32Array(CHUNK_WORDS);
  for (let start = 0; start < out.length; start += CHUNK_WORDS) {
    const count = Math.min(CHUNK_WORDS, out.length - start);
    stream.next(words, count);
    for (let i = 0; i < count; i++) out[start + i] = wordToUniform(words[i]!);
  }
}
