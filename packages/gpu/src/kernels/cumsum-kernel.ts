import type { TensorView } from '@dl/tensor';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { dispatchInputToOutput } from './input-output-dispatch.js';
import { gridFor, linearEntryPoint } from './dispatch-grid.js';
import { Parameters, parameterDeclaration } from './parameters.js';
import { castValue, storageType } from './wgsl-types.js';

/**
 * Inclusive prefix sums of the rows of a contiguous [rows, n] view, one invocation per row running
 * left to right (the order of the CPU kernel, so float rounding matches it).
 * Parameters: rows, n, input offset, output offset.
 */
export function runCumsum(runtime: GpuRuntime, x: TensorView, out: TensorView): void {
  const label = 'cumsum';
  const n = x.shape[x.shape.length - 1] ?? 1;
  const size = x.shape.reduce((a, b) => a * b, 1);
  if (size === 0) return;
  const rows = size / n;
  const inputType = storageType(label, x.dtype);
  const outputType = storageType(label, out.dtype);
  const body = `  let n = u32(parameter(1u));
  let inputStart = u32(parameter(2u)) + index * n;
  let outputStart = u32(parameter(3u)) + index * n;
  var running = ${castValue({ code: '0', type: 'i32' }, outputType)};
  for (var i = 0u; i < n; i++) {
    running += ${castValue({ code: 'input[inputStart + i]', type: inputType }, outputType)};
    output[outputStart + i] = running;
  }`;
  const source = `// ${label}
@group(0) @binding(0) var<storage, read> input: array<${inputType}>;
@group(0) @binding(1) var<storage, read_write> output: array<${outputType}>;
${parameterDeclaration(2, 4)}
${linearEntryPoint('parameter(0u)', body)}`;
  dispatchInputToOutput(runtime, {
    label,
    source,
    x,
    out,
    parameters: new Parameters().int(rows, n, x.offset, out.offset).toArray(),
    workgroups: gridFor(label, rows),
  });
}
