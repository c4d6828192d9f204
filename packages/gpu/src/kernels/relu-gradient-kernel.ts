import type { TensorView } from '@dl/tensor';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { gridFor, linearEntryPoint } from './dispatch-grid.js';
import { dispatchInputsToOutput } from './input-output-dispatch.js';
import { Parameters, parameterDeclaration } from './parameters.js';

/**
 * ReLU's backward in one pass (@dl/tensor's FusedKernels.reluGradient): out[i] = +0 where
 * output[i] ≤ 0, else gradient[i], in place of where(le(output, 0), 0, gradient) (a comparison writing
 * a bool tensor, then a select). The gradient is read and written as u32 words, so a kept value is
 * copied bit for bit (−0 and NaN payloads included); output 0 and −0 drop it, and a NaN output keeps it
 * (torch's threshold_backward). The test is on the output's bits, since WGSL may assume floats are not
 * NaN: kept when positive (sign bit clear, not +0) or NaN (exponent all ones, mantissa nonzero).
 * Parameters: size, gradient offset, output offset, result offset.
 */
export function runReluGradient(runtime: GpuRuntime, gradient: TensorView, output: TensorView, out: TensorView): void {
  const label = 'reluGradient';
  for (const view of [gradient, output, out])
    if (view.dtype !== 'float32') throw new Error(`webgpu ${label}: tensors must be float32, got ${view.dtype}`);
  const size = out.shape.reduce((a, b) => a * b, 1);
  if (size === 0) return;
  const body = `  let bits = activation[u32(parameter(2u)) + index];
  let kept = (bits != 0u && bits < 0x80000000u) || (bits & 0x7fffffffu) > 0x7f800000u;
  result[u32(parameter(3u)) + index] = select(0u, incoming[u32(parameter(1u)) + index], kept);`;
  const source = `// ${label}
@group(0) @binding(0) var<storage, read> incoming: array<u32>;
@group(0) @binding(1) var<storage, read> activation: array<u32>;
@group(0) @binding(2) var<storage, read_write> result: array<u32>;
${parameterDeclaration(3, 4)}
${linearEntryPoint('parameter(0u)', body)}`;
  dispatchInputsToOutput(runtime, {
    label,
    source,
    inputs: [gradient, output],
    out,
    parameters: new Parameters().int(size, gradient.offset, output.offset, out.offset).toArray(),
    workgroups: gridFor(label, size),
  });
}
