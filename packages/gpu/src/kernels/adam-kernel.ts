import type { AdamStepOptions, TensorView } from '@dl/tensor';
import { gpuBufferOf } from '../backend/gpu-tensor-buffer.js';
import type { GpuRuntime, KernelBinding } from '../runtime/gpu-runtime.js';
import { gridFor, linearEntryPoint } from './dispatch-grid.js';
import { Parameters, parameterDeclaration } from './parameters.js';

/**
 * One Adam step in one pass (@dl/tensor's FusedKernels.adam), in place of the ~12 elementwise passes
 * of ops/adam-step.ts's composite, one invocation per element:
 *   g ← ±∇ (+ λθ, or θ ← θ(1 − lr·λ) for AdamW)
 *   m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,  v̂ ← max(v̂, v) with amsgrad
 *   θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v̂ · (1/√(1 − β₂ᵗ)) + ε)
 * the CPU kernel's formula, in float32 (the CPU's intermediates are doubles, so the two agree to
 * float32 rounding, not bit for bit). Element (r, c) of the parameter reads the gradient at
 * r·rowStride + c·columnStride: a dense gradient, or the transpose of a dense matrix (Linear's weight
 * gradient, strides [1, R]) read in place.
 * Parameters: size, columns, gradient row and column strides, the five offsets, then the constants.
 */
export function runAdam(
  runtime: GpuRuntime,
  parameter: TensorView,
  gradient: TensorView,
  expAvg: TensorView,
  expAvgSq: TensorView,
  maxExpAvgSq: TensorView | null,
  options: AdamStepOptions,
): void {
  const label = `adam${maxExpAvgSq ? ' amsgrad' : ''}`;
  for (const view of [parameter, gradient, expAvg, expAvgSq, ...(maxExpAvgSq ? [maxExpAvgSq] : [])])
    if (view.dtype !== 'float32') throw new Error(`webgpu adam: tensors must be float32, got ${view.dtype}`);
  const size = parameter.shape.reduce((a, b) => a * b, 1);
  if (size === 0) return;
  const { lr, beta1, beta2, eps, weightDecay, decoupledWeightDecay, maximize, step } = options;
  // a dense gradient is one row of `size` columns; a transposed [R, C] matrix has strides [1, R]
  const transposed = gradient.shape.length === 2 && gradient.strides[0] === 1 && gradient.strides[1] === gradient.shape[0] && size > 1;
  const columns = transposed ? gradient.shape[1]! : size;
  const [rowStride, columnStride] = transposed ? [1, gradient.shape[0]!] : [0, 1];
  const parameters = new Parameters()
    .int(size, columns, rowStride, columnStride)
    .int(parameter.offset, gradient.offset, expAvg.offset, expAvgSq.offset, maxExpAvgSq?.offset ?? 0)
    .float(maximize ? -1 : 1)
    .float(decoupledWeightDecay ? 0 : weightDecay)
    .float(decoupledWeightDecay ? 1 - lr * weightDecay : 1)
    .float(beta1)
    .float(1 - beta1)
    .float(beta2)
    .float(1 - beta2)
    .float(lr / (1 - beta1 ** step))
    .float(1 / Math.sqrt(1 - beta2 ** step))
    .float(eps);
  const constant = (index: number) => `bitcast<f32>(parameter(${index}u))`;
  const secondMoment = maxExpAvgSq
    ? `let most = max(runningMaximum[u32(parameter(8u)) + index], v);
  runningMaximum[u32(parameter(8u)) + index] = most;`
    : '  let most = v;';
  const body = `  let columns = u32(parameter(1u));
  let at = u32(parameter(5u)) + (index / columns) * u32(parameter(2u)) + (index % columns) * u32(parameter(3u));
  let p = u32(parameter(4u)) + index;
  let theta = weights[p] * ${constant(11)};
  let direction = ${constant(9)} * gradient[at] + ${constant(10)} * theta;
  let m = ${constant(12)} * firstMoment[u32(parameter(6u)) + index] + ${constant(13)} * direction;
  let v = ${constant(14)} * secondMomentBuffer[u32(parameter(7u)) + index] + ${constant(15)} * direction * direction;
  firstMoment[u32(parameter(6u)) + index] = m;
  secondMomentBuffer[u32(parameter(7u)) + index] = v;
${secondMoment}
  weights[p] = theta - (${constant(16)} * m) / (sqrt(most) * ${constant(17)} + ${constant(18)});`;
  const bindings: KernelBinding[] = [
    { buffer: gpuBufferOf(label, parameter.buffer), access: 'read-write' },
    { buffer: gpuBufferOf(label, gradient.buffer), access: 'read' },
    { buffer: gpuBufferOf(label, expAvg.buffer), access: 'read-write' },
    { buffer: gpuBufferOf(label, expAvgSq.buffer), access: 'read-write' },
  ];
  if (maxExpAvgSq) bindings.push({ buffer: gpuBufferOf(label, maxExpAvgSq.buffer), access: 'read-write' });
  const source = `// ${label}
@group(0) @binding(0) var<storage, read_write> weights: array<f32>;
@group(0) @binding(1) var<storage, read> gradient: array<f32>;
@group(0) @binding(2) var<storage, read_write> firstMoment: array<f32>;
@group(0) @binding(3) var<storage, read_write> secondMomentBuffer: array<f32>;
${maxExpAvgSq ? '@group(0) @binding(4) var<storage, read_write> runningMaximum: array<f32>;' : ''}
${parameterDeclaration(bindings.length, parameters.length)}
${linearEntryPoint('parameter(0u)', body)}`;
  runtime.dispatch({ label, source, bindings, parameters: parameters.toArray(), workgroups: gridFor(label, size) });
}
