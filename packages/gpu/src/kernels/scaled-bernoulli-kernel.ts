import type { TensorView } from '@dl/tensor';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { Parameters } from './parameters.js';
import { dispatchPhiloxBlocks } from './philox-kernel.js';
import { philoxWords } from './philox-wgsl.js';

/**
 * Inverted dropout's mask in one pass (@dl/tensor's FusedKernels.scaledBernoulli): out[i] = scale where
 * element i of the float32 Philox draw at (seed, offset) is below float32(p), else +0. One invocation
 * per Philox block writes its four elements. The draw u = (word >> 8)·2⁻²⁴ is exact in float32, so
 *   u < float32(p)  ⇔  (word >> 8) < ⌈float32(p)·2²⁴⌉,
 * an integer comparison that gives the composite's mask (uniform, lt, where) bit for bit, on any
 * device, without materialising the draw.
 * Parameters: blocks, size, output offset, threshold, scale (f32), seed and offset words.
 */
export function runScaledBernoulli(
  runtime: GpuRuntime,
  out: TensorView,
  seed: bigint,
  offset: bigint,
  probability: number,
  scale: number,
): void {
  const label = 'scaledBernoulli philox4x32-10';
  if (out.dtype !== 'float32') throw new Error(`webgpu scaledBernoulli: output must be float32, got ${out.dtype}`);
  const size = out.shape.reduce((a, b) => a * b, 1);
  if (size === 0) return;
  const blocks = Math.ceil(size / 4);
  const threshold = Math.ceil(Math.fround(probability) * 2 ** 24);
  const parameters = new Parameters()
    .int(blocks, size, out.offset, threshold)
    .float(scale)
    .int(...philoxWords(seed, offset));
  const body = `  let size = u32(parameter(1u));
  let threshold = u32(parameter(3u));
  let scale = bitcast<f32>(parameter(4u));
  let words = philoxDraw(5u, index);
  let first = index * 4u;
  let base = u32(parameter(2u)) + first;
  for (var word = 0u; word < 4u; word++) {
    if (first + word < size) { output[base + word] = select(0.0, scale, (words[word] >> 8u) < threshold); }
  }`;
  dispatchPhiloxBlocks(runtime, label, out, parameters, body, blocks);
}
