import type { TensorView } from '@dl/tensor';
import { gpuBufferOf } from '../backend/gpu-tensor-buffer.js';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { gridFor, linearEntryPoint } from './dispatch-grid.js';
import { Parameters, parameterDeclaration } from './parameters.js';

/**
 * The second pass of a split-K product: out[b][e] = Σₛ partial[b·splits + s][e], slices added in order
 * (so the result does not depend on scheduling), then the partial buffer goes back to the pool.
 * Parameters: size per batch matrix, batches, splits, out offset.
 */
export function runSplitSum(runtime: GpuRuntime, partial: GPUBuffer, out: TensorView, batch: number, splits: number, size: number): void {
  const label = 'split-K sum';
  const body = `  let size = u32(parameter(0u));
  let splits = u32(parameter(2u));
  let matrix = index / size;
  let element = index % size;
  var total = 0.0;
  for (var s = 0u; s < splits; s++) { total += partial[(matrix * splits + s) * size + element]; }
  output[u32(parameter(3u)) + index] = total;`;
  const source = `// ${label}
@group(0) @binding(0) var<storage, read> partial: array<f32>;
@group(0) @binding(1) var<storage, read_write> output: array<f32>;
${parameterDeclaration(2, 4)}
${linearEntryPoint('parameter(0u) * parameter(1u)', body)}`;
  runtime.dispatch({
    label,
    source,
    bindings: [
      { buffer: partial, access: 'read' },
      { buffer: gpuBufferOf(label, out.buffer), access: 'read-write' },
    ],
    parameters: new Parameters().int(size, batch, splits, out.offset).toArray(),
    workgroups: gridFor(label, size * batch),
  });
  runtime.whenSubmitted(() => runtime.storagePool.release(partial));
}
