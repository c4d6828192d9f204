import type { TensorView } from '../../core/backend.js';
import { CHUNK_WORDS, PhiloxStream } from '../../random/philox.js';

/**
 * out[i] = scale where u_i < probability, else 0, with u_i element i of the float32 Philox uniform draw
 * at (seed, offset): the composite where(rand < p, scale, 0) in one pass, without the draw's buffer.
 * u_i = (word >>> 8)·2⁻²⁴ is exact in float32, so comparing it in doubles with the float32-rounded
 * probability decides as the float32 `lt` kernel does.
 */
export function scaledBernoulli(out: TensorView, seed: bigint, offset: bigint, probability: number, scale: number): void {
  const output = out.buffer as Float32Array | Float64Array;
  const base = out.offset;
  const size = out.shape.reduce((a, b) => a * b, 1);
  // u < p ⇔ (word >>> 8) < p·2²⁴ ⇔ (word >>> 8) < ⌈p·2²⁴⌉ for the 24-bit integer numerator; the sign
  // bit of the difference is then the draw, without a branch that a 1 − p : p coin mispredicts
  const threshold = Math.ceil(Math.fround(probability) * 16777216);
  const finite = Number.isFinite(scale);
  const stream = new PhiloxStream(seed, offset);
  const words = new Uint32Array(CHUNK_WORDS);
  for (let start = 0; start < size; start += CHUNK_WORDS) {
    const count = Math.min(CHUNK_WORDS, size - start);
    stream.next(words, count);
    const at = base + start;
    // + 0 turns the −0 of 0 · (negative scale) into the composite's 0; 0 · ±∞ would be NaN, hence the branch
    if (finite) for (let i = 0; i < count; i++) output[at + i] = (((words[i]! >>> 8) - threshold) >>> 31) * scale + 0;
    else for (let i = 0; i < count; i++) output[at + i] = words[i]! >>> 8 < threshold ? scale : 0;
  }
}
