import type { TensorView } from '../../core/backend.js';
import { philoxUniformWasm } from './philox-wasm.js';

/** Elements per pass: 64 KiB of float32, still in the cache when transformed. */
const CHUNK_ELEMENTS = 16384;

/**
 * The composite uniform (ops/random.ts), add(mul(u, high − low), low), in one pass: each chunk of the
 * float32 Philox draw at (seed, offset) is written into out and scaled there while it is in the
 * cache, instead of three tensors of n elements and three passes. In float32 the span and low are the
 * composite's float32 scalar operands and each step is rounded as its kernels store it, bit for bit.
 */
export function uniformRange(out: TensorView, seed: bigint, offset: bigint, low: number, high: number): void {
  const output = out.buffer as Float32Array | Float64Array;
  const size = out.shape.reduce((a, b) => a * b, 1);
  const float32 = output instanceof Float32Array;
  const span = float32 ? Math.fround(high - low) : high - low;
  const shift = float32 ? Math.fround(low) : low;
  for (let start = 0; start < size; start += CHUNK_ELEMENTS) {
    const count = Math.min(CHUNK_ELEMENTS, size - start);
    const at = out.offset + start;
    philoxUniformWasm(output, at, count, seed, offset, start);
    // a float32 output rounds the product when it is stored, before the sum reads it back
    if (float32) for (let index = at; index < at + count; index++) output[index] = Math.fround(output[index]! * span) + shift;
    else for (let index = at; index < at + count; index++) output[index] = output[index]! * span + shift;
  }
}
