// Philox4x32-10 (Salmon et al., SC 2011) in WebAssembly SIMD: the same words as
// src/random/philox.ts, four blocks at a time. JavaScript has no 32×32 → 64-bit multiply, so its
// rounds build each high half from four 16-bit partial products; here one i64x2.extmul gives two
// full products, and the four lanes of a vector are four consecutive counters.
//
// One round of a block (c0, c1, c2, c3) with key (k0, k1):
//   (hi0, lo0) = M0 · c0,  (hi1, lo1) = M1 · c2
//   c ← (hi1 ⊕ c1 ⊕ k0, lo1, hi0 ⊕ c3 ⊕ k1, lo0),  k ← (k0 + W0, k1 + W1)
//
// `out` is a byte address in this module's memory; the caller copies the results out.

const MULTIPLIER_0: u32 = 0xd2511f53;
const MULTIPLIER_1: u32 = 0xcd9e8d57;
const WEYL_0: u32 = 0x9e3779b9; // golden ratio, the key schedule's increment
const WEYL_1: u32 = 0xbb67ae85; // sqrt(3) - 1

/** What philoxFill writes for each 32-bit word w of the stream. */
export const enum PhiloxOutput {
  /** w itself (uint32). */
  Words = 0,
  /** (w >>> 8) · 2⁻²⁴ as float32: uniform in [0, 1), exact. */
  UniformFloat32 = 1,
  /** scale where (w >>> 8) < threshold, else +0, as float32: inverted dropout's mask. */
  MaskFloat32 = 2,
  /** the same mask as float64. */
  MaskFloat64 = 3,
}

/**
 * Writes the stream of `groups` × 4 blocks from 64-bit `counter` (16 words per group, block order:
 * word w of block j at 4j + w) for 64-bit `key`, transformed as `output` says, at `out` (4 bytes an
 * element, 8 for MaskFloat64). `threshold` and `scale` serve the masks only.
 */
export function philoxFill(output: i32, key: u64, counter: u64, out: usize, groups: i32, threshold: i32, scale: f64): void {
  const k0Start = i32x4.splat(<i32>key);
  const k1Start = i32x4.splat(<i32>(key >>> 32));
  const m0 = i32x4.splat(<i32>MULTIPLIER_0);
  const m1 = i32x4.splat(<i32>MULTIPLIER_1);
  const w0 = i32x4.splat(<i32>WEYL_0);
  const w1 = i32x4.splat(<i32>WEYL_1);
  const lanes = i32x4(0, 1, 2, 3);
  const thresholds = i32x4.splat(threshold);
  const scale32 = i32x4.splat(reinterpret<i32>(<f32>scale));
  const scale64 = i64x2.splat(reinterpret<i64>(scale));
  const twoToMinus24 = f32x4.splat(5.9604644775390625e-8);
  for (let group = 0; group < groups; group++, counter += 4) {
    // lane j: counter + j, its carry into the high word (an unsigned wrap shows as low < base)
    const base = i32x4.splat(<i32>counter);
    let c0 = i32x4.add(base, lanes);
    let c1 = i32x4.sub(i32x4.splat(<i32>(counter >>> 32)), i32x4.lt_u(c0, base));
    let c2 = i32x4.splat(0);
    let c3 = i32x4.splat(0);
    let k0 = k0Start;
    let k1 = k1Start;
    for (let round = 0; round < 10; round++) {
      // 64-bit products of lanes 0, 1 and of lanes 2, 3; their low and high halves regathered per lane
      const product0Low = i64x2.extmul_low_i32x4_u(c0, m0);
      const product0High = i64x2.extmul_high_i32x4_u(c0, m0);
      const product1Low = i64x2.extmul_low_i32x4_u(c2, m1);
      const product1High = i64x2.extmul_high_i32x4_u(c2, m1);
      const high0 = i32x4.shuffle(product0Low, product0High, 1, 3, 5, 7);
      const low0 = i32x4.shuffle(product0Low, product0High, 0, 2, 4, 6);
      const high1 = i32x4.shuffle(product1Low, product1High, 1, 3, 5, 7);
      const low1 = i32x4.shuffle(product1Low, product1High, 0, 2, 4, 6);
      c0 = v128.xor(v128.xor(high1, c1), k0);
      c1 = low1;
      c2 = v128.xor(v128.xor(high0, c3), k1);
      c3 = low0;
      k0 = i32x4.add(k0, w0);
      k1 = i32x4.add(k1, w1);
    }
    // transpose: lanes were blocks, words were vectors; the stream wants block after block
    const t0 = i32x4.shuffle(c0, c1, 0, 4, 1, 5);
    const t1 = i32x4.shuffle(c2, c3, 0, 4, 1, 5);
    const t2 = i32x4.shuffle(c0, c1, 2, 6, 3, 7);
    const t3 = i32x4.shuffle(c2, c3, 2, 6, 3, 7);
    const block0 = i32x4.shuffle(t0, t1, 0, 1, 4, 5);
    const block1 = i32x4.shuffle(t0, t1, 2, 3, 6, 7);
    const block2 = i32x4.shuffle(t2, t3, 0, 1, 4, 5);
    const block3 = i32x4.shuffle(t2, t3, 2, 3, 6, 7);
    // one branch per 16 words, always the same way: predicted
    if (output == PhiloxOutput.Words) {
      const at = out + (<usize>group << 6);
      v128.store(at, block0);
      v128.store(at, block1, 16);
      v128.store(at, block2, 32);
      v128.store(at, block3, 48);
    } else if (output == PhiloxOutput.UniformFloat32) {
      const at = out + (<usize>group << 6);
      v128.store(at, uniform(block0, twoToMinus24));
      v128.store(at, uniform(block1, twoToMinus24), 16);
      v128.store(at, uniform(block2, twoToMinus24), 32);
      v128.store(at, uniform(block3, twoToMinus24), 48);
    } else if (output == PhiloxOutput.MaskFloat32) {
      const at = out + (<usize>group << 6);
      v128.store(at, v128.and(keep(block0, thresholds), scale32));
      v128.store(at, v128.and(keep(block1, thresholds), scale32), 16);
      v128.store(at, v128.and(keep(block2, thresholds), scale32), 32);
      v128.store(at, v128.and(keep(block3, thresholds), scale32), 48);
    } else {
      const at = out + (<usize>group << 7);
      storeMaskFloat64(at, keep(block0, thresholds), scale64);
      storeMaskFloat64(at + 32, keep(block1, thresholds), scale64);
      storeMaskFloat64(at + 64, keep(block2, thresholds), scale64);
      storeMaskFloat64(at + 96, keep(block3, thresholds), scale64);
    }
  }
}

/** (w >>> 8) · 2⁻²⁴: 24-bit integers convert exactly, and the power of two scales exactly. */
// @ts-ignore: decorator
@inline function uniform(words: v128, twoToMinus24: v128): v128 {
  return f32x4.mul(f32x4.convert_i32x4_u(i32x4.shr_u(words, 8)), twoToMinus24);
}

/** All ones where (w >>> 8) < threshold (both below 2²⁴, so a signed comparison is exact). */
// @ts-ignore: decorator
@inline function keep(words: v128, thresholds: v128): v128 {
  return i32x4.lt_s(i32x4.shr_u(words, 8), thresholds);
}

/** Four float64 mask values: each 32-bit lane mask widened to 64 bits selects the scale's bits. */
// @ts-ignore: decorator
@inline function storeMaskFloat64(at: usize, masks: v128, scale64: v128): void {
  v128.store(at, v128.and(i64x2.extend_low_i32x4_s(masks), scale64));
  v128.store(at, v128.and(i64x2.extend_high_i32x4_s(masks), scale64), 16);
}
