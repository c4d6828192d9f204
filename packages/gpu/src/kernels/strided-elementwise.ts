import type { TensorView } from '@dl/tensor';
import { gpuBufferOf } from '../backend/gpu-tensor-buffer.js';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { gridFor, linearEntryPoint } from './dispatch-grid.js';
import { mergeAxes } from './merge-axes.js';
import { Parameters, parameterDeclaration } from './parameters.js';
import { bindingElement, loadElement, storeElement } from './element-storage.js';
import { convertTo, type Typed } from './wgsl-types.js';
import { withHelpers } from './wgsl-math.js';

export interface ElementwiseKernel {
  /** Names the kernel in errors and in debug output, e.g. `unary exp`. */
  label: string;
  inputs: readonly TensorView[];
  /** Any strides: slices of a larger tensor are written in place (cat, pad, copy_). */
  output: TensorView;
  /** The output value from the loaded inputs (`value0`, `value1`, ... of their storage types). */
  compute: (values: Typed[]) => Typed;
}

/**
 * One invocation per output element. Element i is unravelled over the (merged) output shape and each
 * view's offset is `offset + Σ coordinate_k · stride_k`, so transposed, sliced, flipped (negative
 * strides) and broadcast (0 strides) views are read and written in place.
 * Parameters: count, shape[rank], then per view (inputs, then output): offset, strides[rank].
 */
export function runElementwise(runtime: GpuRuntime, kernel: ElementwiseKernel): void {
  const { label, inputs, output } = kernel;
  const count = output.shape.reduce((a, b) => a * b, 1);
  if (count === 0) return;
  for (const input of inputs)
    if (input.shape.join() !== output.shape.join())
      throw new Error(`webgpu ${label}: input shape [${input.shape}] differs from output shape [${output.shape}]`);
  const views = [...inputs, output];
  const layout = mergeAxes(
    output.shape,
    views.map((view) => view.strides),
  );
  const rank = layout.shape.length;
  const parameters = new Parameters().int(count, ...layout.shape);
  views.forEach((view, index) => parameters.int(view.offset, ...layout.strides[index]!));

  const viewBase = (view: number) => 1 + rank + view * (rank + 1);
  const names = views.map((_, view) => (view === inputs.length ? 'Output' : `${view}`));
  const lines: string[] = ['  var remaining = index;'];
  names.forEach((name, view) => lines.push(`  var offset${name} = parameter(${viewBase(view)}u);`));
  for (let axis = rank - 1; axis >= 0; axis--) {
    lines.push(`  let coordinate${axis} = i32(remaining % u32(parameter(${1 + axis}u)));`);
    if (axis > 0) lines.push(`  remaining = remaining / u32(parameter(${1 + axis}u));`);
    names.forEach((name, view) => lines.push(`  offset${name} += coordinate${axis} * parameter(${viewBase(view) + 1 + axis}u);`));
  }
  const values: Typed[] = inputs.map((input, view) => {
    const loaded = loadElement(label, `input${view}`, `u32(offset${view})`, input.dtype);
    lines.push(`  let value${view} = ${loaded.code};`);
    return { code: `value${view}`, type: loaded.type };
  });
  lines.push(`  ${storeElement('output', 'u32(offsetOutput)', convertTo(kernel.compute(values), output.dtype), output.dtype)}`);

  const declarations = inputs.map(
    (input, view) => `@group(0) @binding(${view}) var<storage, read> input${view}: array<${bindingElement(label, input.dtype, 'read')}>;`,
  );
  declarations.push(
    `@group(0) @binding(${inputs.length}) var<storage, read_write> output: array<${bindingElement(label, output.dtype, 'read-write')}>;`,
    parameterDeclaration(inputs.length + 1, parameters.length),
  );
  const source = withHelpers(`// ${label}\n${declarations.join('\n')}\n${linearEntryPoint('parameter(0u)', lines.join('\n'))}`);
  runtime.dispatch({
    label,
    source,
    bindings: [
      ...inputs.map((input) => ({ buffer: gpuBufferOf(label, input.buffer), access: 'read' as const })),
      { buffer: gpuBufferOf(label, output.buffer), access: 'read-write' as const },
    ],
    parameters: parameters.toArray(),
    workgroups: gridFor(label, count),
  });
}
