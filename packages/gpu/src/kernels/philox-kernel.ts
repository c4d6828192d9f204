import type { TensorView } from '@dl/tensor';
import { gpuBufferOf } from '../backend/gpu-tensor-buffer.js';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { gridFor, linearEntryPoint } from './dispatch-grid.js';
import { Parameters, parameterDeclaration } from './parameters.js';
import { philoxSource, philoxWords } from './philox-wgsl.js';

const body = `  let size = u32(parameter(1u));
  let words = philoxDraw(3u, index);
  let first = index * 4u;
  let base = u32(parameter(2u)) + first;
  for (var word = 0u; word < 4u; word++) {
    if (first + word < size) { output[base + word] = f32(words[word] >> 8u) * 5.9604644775390625e-8; }
  }`;

/** Fills contiguous float32 `out` with uniform [0, 1) numbers for (seed, counter offset). */
export function runUniform(runtime: GpuRuntime, out: TensorView, seed: bigint, offset: bigint): void {
  const label = 'uniform philox4x32-10';
  if (out.dtype !== 'float32') throw new Error(`webgpu uniform: output must be float32, got ${out.dtype}`);
  const size = out.shape.reduce((a, b) => a * b, 1);
  if (size === 0) return;
  const blocks = Math.ceil(size / 4);
  const parameters = new Parameters().int(blocks, size, out.offset, ...philoxWords(seed, offset));
  dispatchPhiloxBlocks(runtime, label, out, parameters, body, blocks);
}

/**
 * Dispatches a kernel that writes float32 `out` four elements per Philox block, one invocation per
 * block: `body` (WGSL, with `index` the block) draws with philoxDraw and reads the parameters.
 */
export function dispatchPhiloxBlocks(
  runtime: GpuRuntime,
  label: string,
  out: TensorView,
  parameters: Parameters,
  body: string,
  blocks: number,
): void {
  const source = `// ${label}
@group(0) @binding(0) var<storage, read_write> output: array<f32>;
${parameterDeclaration(1, parameters.length)}
${philoxSource}
${linearEntryPoint('parameter(0u)', body)}`;
  runtime.dispatch({
    label,
    source,
    bindings: [{ buffer: gpuBufferOf(label, out.buffer), access: 'read-write' }],
    parameters: parameters.toArray(),
    workgroups: gridFor(label, blocks),
  });
}
