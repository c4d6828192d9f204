import type { TensorView } from '@dl/tensor';
import { gpuBufferOf } from '../backend/gpu-tensor-buffer.js';
import type { KernelEpilogue } from '../fusion/fusion-group.js';
import type { GpuRuntime, KernelBinding } from '../runtime/gpu-runtime.js';
import { gridFor, linearEntryPoint } from './dispatch-grid.js';
import { Parameters, parameterDeclaration } from './parameters.js';
import { withHelpers } from './wgsl-math.js';

/** Parameters of the split-K sum before an epilogue's. */
const SPLIT_SUM_PARAMETERS = 4;

/**
 * The second pass of a split-K product: out[b][e] = Σₛ partial[b·splits + s][e], slices added in order
 * (so the result does not depend on scheduling), then the partial buffer goes back to the pool.
 * Parameters: size per batch matrix, batches, splits, out offset. With an `epilogue` the sum goes to
 * `writeElement(b · size + e, sum)` instead (out is then contiguous from offset 0).
 */
export function runSplitSum(
  runtime: GpuRuntime,
  partial: GPUBuffer,
  out: TensorView,
  batch: number,
  splits: number,
  size: number,
  epilogue?: KernelEpilogue,
): void {
  const fused = epilogue?.program(1, SPLIT_SUM_PARAMETERS, 'f32');
  const label = fused ? epilogue!.label : 'split-K sum';
  const store = fused ? '  writeElement(index, total);' : '  output[u32(parameter(3u)) + index] = total;';
  const body = `  let size = u32(parameter(0u));
  let splits = u32(parameter(2u));
  let matrix = index / size;
  let element = index % size;
  var total = 0.0;
  for (var s = 0u; s < splits; s++) { total += partial[(matrix * splits + s) * size + element]; }
${store}`;
  const bindings: KernelBinding[] = [
    { buffer: partial, access: 'read' },
    ...(fused?.bindings ?? [{ buffer: gpuBufferOf(label, out.buffer), access: 'read-write' as const }]),
  ];
  const parameters = new Parameters().int(size, batch, splits, out.offset, ...(fused?.parameters ?? []));
  const declarations = fused ? fused.code : '@group(0) @binding(1) var<storage, read_write> output: array<f32>;';
  const source = `// ${label}
@group(0) @binding(0) var<storage, read> partial: array<f32>;
${declarations}
${parameterDeclaration(bindings.length, parameters.length)}
${linearEntryPoint('parameter(0u) * parameter(1u)', body)}`;
  runtime.dispatch({
    label,
    source: fused ? withHelpers(source) : source,
    bindings,
    parameters: parameters.toArray(),
    workgroups: gridFor(label, size * batch),
  });
  runtime.whenSubmitted(() => runtime.storagePool.release(partial));
}
