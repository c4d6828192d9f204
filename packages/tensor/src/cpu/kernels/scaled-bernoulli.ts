import type { TensorView } from '../../core/backend.js';
import { philoxMaskWasm } from './philox-wasm.js';

/**
 * out[i] = scale where u_i < probability, else 0, with u_i element i of the float32 Philox uniform draw
 * at (seed, offset): the composite where(rand < p, scale, 0) in one pass, without the draw's buffer.
 * u_i = (word >>> 8)·2⁻²⁴ is exact in float32, so u < float32(p) ⇔ (word >>> 8) < ⌈float32(p)·2²⁴⌉ for
 * the 24-bit integer numerator: the float32 `lt` kernel's decision. The WebAssembly module draws and
 * masks four blocks per SIMD step (philox-wasm.ts): ~2 ms instead of ~13 for the tutorial CNN's
 * first dropout (589,824 elements).
 */
export function scaledBernoulli(out: TensorView, seed: bigint, offset: bigint, probability: number, scale: number): void {
  const output = out.buffer as Float32Array | Float64Array;
  const size = out.shape.reduce((a, b) => a * b, 1);
  const threshold = Math.ceil(Math.fround(probability) * 16777216);
  philoxMaskWasm(output, out.offset, size, seed, offset, threshold, scale);
}
