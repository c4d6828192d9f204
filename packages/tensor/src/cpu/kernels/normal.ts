import type { NormalAffine, TensorView } from '../../core/backend.js';
import { philoxUniformWasm } from './philox-wasm.js';

/** Elements per pass: two float32 uniform chunks of 64 KiB, still in the L1/L2 cache when read. */
const CHUNK_ELEMENTS = 16384;

/** 2π as the composite's float32 scalar operand holds it. */
const TWO_PI_FLOAT32 = Math.fround(2 * Math.PI);

/**
 * The composite randn (ops/random.ts) in one pass: Box–Muller on the float32 Philox draw of 2n uniforms
 * at (seed, offset), u = element i and v = element n + i,
 *   z = √(−2 ln(1 − u)) · cos(2π v),
 * then, with `affine`, z·std + mean (ops/random.ts's normal). Every step is rounded to the output's
 * dtype where the composite's kernel would store it, with the same Math functions, so the values are
 * the composite's bit for bit — without its eight tensors of n elements (3.6 GB for VGG's 103M-element
 * classifier weight) and ten passes over them.
 */
export function normal(out: TensorView, seed: bigint, offset: bigint, affine: NormalAffine | null): void {
  const output = out.buffer as Float32Array | Float64Array;
  const size = out.shape.reduce((a, b) => a * b, 1);
  const chunk = Math.min(CHUNK_ELEMENTS, size); // a GAN's noise batch needs 6,400, not two chunks
  const radii = new Float32Array(chunk);
  const angles = new Float32Array(chunk);
  for (let start = 0; start < size; start += CHUNK_ELEMENTS) {
    const count = Math.min(CHUNK_ELEMENTS, size - start);
    philoxUniformWasm(radii, 0, count, seed, offset, start);
    philoxUniformWasm(angles, 0, count, seed, offset, size + start);
    if (output instanceof Float32Array) float32Normals(radii, angles, count, output, out.offset + start, affine);
    else float64Normals(radii, angles, count, output, out.offset + start, affine);
  }
}

/** The float32 composite: each kernel's result rounded to float32 (1 − u and ·(−2) are exact there). */
function float32Normals(
  first: Float32Array,
  second: Float32Array,
  count: number,
  output: Float32Array,
  at: number,
  affine: NormalAffine | null,
): void {
  const round = Math.fround;
  for (let k = 0; k < count; k++) {
    const radius = round(Math.sqrt(round(Math.log(1 - first[k]!)) * -2));
    output[at + k] = round(radius * round(Math.cos(round(second[k]! * TWO_PI_FLOAT32))));
  }
  if (affine === null) return;
  const std = round(affine.std);
  const mean = round(affine.mean);
  for (let k = 0; k < count; k++) output[at + k] = round(output[at + k]! * std) + mean;
}

/** The float64 composite: the float32 uniforms widened exactly, every step in float64. */
function float64Normals(
  first: Float32Array,
  second: Float32Array,
  count: number,
  output: Float64Array,
  at: number,
  affine: NormalAffine | null,
): void {
  const twoPi = 2 * Math.PI;
  for (let k = 0; k < count; k++) output[at + k] = Math.sqrt(Math.log(1 - first[k]!) * -2) * Math.cos(second[k]! * twoPi);
  if (affine === null) return;
  const { mean, std } = affine;
  for (let k = 0; k < count; k++) output[at + k] = output[at + k]! * std + mean;
}
