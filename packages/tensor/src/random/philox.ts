/**
 * Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011): a counter-based
 * generator. Output block j is a pure function of (key, counter j), so any device can produce element i
 * of a random tensor independently — the CPU and the GPU give the same numbers for the same seed.
 * Element i of a draw at counter offset `o` is word (i mod 4) of block (o + floor(i / 4)).
 */
const MULTIPLIER_0 = 0xd2511f53;
const MULTIPLIER_1 = 0xcd9e8d57;
const WEYL_0 = 0x9e3779b9; // golden ratio, the key schedule's increment
const WEYL_1 = 0xbb67ae85; // sqrt(3) - 1

/** High 32 bits of the 64-bit product of two uint32, exact in doubles by splitting into 16-bit halves. */
export function multiplyHigh(a: number, b: number): number {
  const aHigh = a >>> 16;
  const aLow = a & 0xffff;
  const bHigh = b >>> 16;
  const bLow = b & 0xffff;
  const low = aLow * bLow;
  const middle1 = aHigh * bLow;
  const middle2 = aLow * bHigh;
  const carry = Math.floor(((middle1 & 0xffff) + (middle2 & 0xffff) + Math.floor(low / 0x10000)) / 0x10000);
  return (aHigh * bHigh + Math.floor(middle1 / 0x10000) + Math.floor(middle2 / 0x10000) + carry) >>> 0;
}

/** Writes the four 32-bit words of block `counter` for `key` into `out`. */
export function philoxBlock(keyLow: number, keyHigh: number, counterLow: number, counterHigh: number, out: Uint32Array): void {
  let c0 = counterLow >>> 0;
  let c1 = counterHigh >>> 0;
  let c2 = 0;
  let c3 = 0;
  let k0 = keyLow >>> 0;
  let k1 = keyHigh >>> 0;
  for (let round = 0; round < 10; round++) {
    const high0 = multiplyHigh(MULTIPLIER_0, c0);
    const low0 = Math.imul(MULTIPLIER_0, c0) >>> 0;
    const high1 = multiplyHigh(MULTIPLIER_1, c2);
    const low1 = Math.imul(MULTIPLIER_1, c2) >>> 0;
    c0 = (high1 ^ c1 ^ k0) >>> 0;
    c1 = low1;
    c2 = (high0 ^ c3 ^ k1) >>> 0;
    c3 = low0;
    k0 = (k0 + WEYL_0) >>> 0;
    k1 = (k1 + WEYL_1) >>> 0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
}

/** uint32 → float in [0, 1) with 24 random bits, exactly representable in float32. */
export function wordToUniform(word: number): number {
  return (word >>> 8) * 5.9604644775390625e-8; // 2^-24
}

/** Fills `out` with uniform [0, 1) numbers for (seed, counter offset). */
export function philoxUniform(out: { length: number; [index: number]: number }, seed: bigint, offset: bigint): void {
  const keyLow = Number(seed & 0xffffffffn);
  const keyHigh = Number((seed >> 32n) & 0xffffffffn);
  // the 64-bit counter as two uint32 halves (BigInt arithmetic per block would dominate the cost)
  let counterLow = Number(offset & 0xffffffffn);
  let counterHigh = Number((offset >> 32n) & 0xffffffffn);
  const block = new Uint32Array(4);
  for (let start = 0; start < out.length; start += 4) {
    philoxBlock(keyLow, keyHigh, counterLow, counterHigh, block);
    const end = Math.min(4, out.length - start);
    for (let word = 0; word < end; word++) out[start + word] = wordToUniform(block[word]!);
    counterLow = (counterLow + 1) >>> 0;
    if (counterLow === 0) counterHigh = (counterHigh + 1) >>> 0;
  }
}
