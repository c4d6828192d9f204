import type { TensorView } from '@dl/tensor';
import { gpuBufferOf } from '../backend/gpu-tensor-buffer.js';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { gridFor, linearEntryPoint } from './dispatch-grid.js';
import { Parameters, parameterDeclaration } from './parameters.js';
import { withHelpers } from './wgsl-math.js';

/** A float32 storage array of a recurrence kernel: its WGSL name, the view bound there and its access. */
export interface RecurrenceBinding {
  name: string;
  view: TensorView;
  access: 'read' | 'read-write';
}

/**
 * Logistic sigmoid through tanh, σ(x) = (1 + tanh(x/2)) / 2, as the CPU kernel computes it: no
 * overflow of e^−x for large negative x, and tanh's accuracy near 0.
 */
const logistic = 'fn logistic(x: f32) -> f32 { return 0.5 + 0.5 * hyperbolicTangent(0.5 * x); }';

/**
 * Compiles (once per source) and encodes one of the recurrence's one-invocation-per-element kernels:
 * the bindings in order, then the integer parameters (parameter(0) is the invocation count, which is
 * what the entry point checks). The WGSL depends only on the mode and which optional tensors exist,
 * never on the sizes or offsets, which travel as parameters, so every step reuses one pipeline.
 */
export function dispatchRecurrenceKernel(
  runtime: GpuRuntime,
  label: string,
  bindings: readonly RecurrenceBinding[],
  parameters: readonly number[],
  body: string,
): void {
  const count = parameters[0]!;
  if (count === 0) return;
  const declarations = bindings.map(
    ({ name, access }, index) =>
      `@group(0) @binding(${index}) var<storage, ${access === 'read' ? 'read' : 'read_write'}> ${name}: array<f32>;`,
  );
  const source = withHelpers(`// ${label}
${declarations.join('\n')}
${parameterDeclaration(bindings.length, parameters.length)}
${logistic}
${linearEntryPoint('parameter(0u)', body)}`);
  runtime.dispatch({
    label,
    source,
    bindings: bindings.map(({ view, access }) => ({ buffer: gpuBufferOf(label, view.buffer), access })),
    parameters: new Parameters().int(...parameters).toArray(),
    workgroups: gridFor(label, count),
  });
}
