import type { TensorView } from '@dl/tensor';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { dispatchInputToOutput } from './input-output-dispatch.js';
import { gridFor } from './dispatch-grid.js';
import { Parameters, parameterDeclaration } from './parameters.js';
import { REDUCE_WORKGROUP } from './reduce-kernel.js';
import { castValue, storageType } from './wgsl-types.js';

/** x's axes with size-1 axes dropped and neighbours of one kind (kept or reduced) merged, with their strides. */
interface AxisGroups {
  kept: { extent: number; stride: number }[];
  reduced: { extent: number; stride: number }[];
}

function groupAxes(shape: readonly number[], axes: readonly number[]): AxisGroups {
  const extents: number[] = [];
  const isReduced: boolean[] = [];
  shape.forEach((extent, axis) => {
    if (extent === 1) return;
    const reduced = axes.includes(axis);
    if (extents.length > 0 && isReduced[isReduced.length - 1] === reduced) extents[extents.length - 1]! *= extent;
    else {
      extents.push(extent);
      isReduced.push(reduced);
    }
  });
  const groups: AxisGroups = { kept: [], reduced: [] };
  let stride = 1;
  for (let group = extents.length - 1; group >= 0; group--) {
    (isReduced[group] ? groups.reduced : groups.kept).unshift({ extent: extents[group]!, stride });
    stride *= extents[group]!;
  }
  return groups;
}

/** WGSL that turns `index` into an element offset over `groups` (row-major, the last group fastest). */
function offsetOf(index: string, target: string, groups: readonly unknown[], firstParameter: number): string {
  const lines = [`  var ${target} = 0u;`, `  var ${target}Rest = ${index};`];
  for (let group = groups.length - 1; group >= 0; group--) {
    const extent = `u32(parameter(${firstParameter + 2 * group}u))`;
    const stride = `u32(parameter(${firstParameter + 2 * group + 1}u))`;
    lines.push(`  ${target} += (${target}Rest % ${extent}) * ${stride};`, `  ${target}Rest = ${target}Rest / ${extent};`);
  }
  return lines.join('\n');
}

/**
 * Sums of contiguous x over ascending `axes` that are not all trailing (@dl/tensor's FusedKernels.sumAxes),
 * read in place instead of a permuted copy followed by a row-wise `reduce`. Each output's reduced
 * elements, in the lexicographic order of their coordinates, are exactly the row the composite would
 * copy; this kernel adds them in the order reduce-kernel.ts does (invocation t of 64 sums elements
 * t, t + 64, ... in turn, then a tree halves 64 partial sums to one), so the sums are the composite's
 * bit for bit, one workgroup per output.
 * Parameters: outputs, reduced count, x offset, out offset, then (extent, stride) per kept group and
 * per reduced group.
 */
export function runSumAxes(runtime: GpuRuntime, x: TensorView, out: TensorView, axes: readonly number[]): void {
  const label = 'sumAxes';
  const outputs = out.shape.reduce((a, b) => a * b, 1);
  if (outputs === 0) return;
  const { kept, reduced } = groupAxes(x.shape, axes);
  const reducedCount = reduced.reduce((product, group) => product * group.extent, 1);
  const parameters = new Parameters().int(outputs, reducedCount, x.offset, out.offset);
  for (const group of [...kept, ...reduced]) parameters.int(group.extent, group.stride);
  const inputType = storageType(label, x.dtype);
  const valueType = storageType(label, out.dtype);
  const source = `// ${label}
@group(0) @binding(0) var<storage, read> input: array<${inputType}>;
@group(0) @binding(1) var<storage, read_write> output: array<${valueType}>;
${parameterDeclaration(2, parameters.length)}
var<workgroup> partial: array<${valueType}, ${REDUCE_WORKGROUP}>;
@compute @workgroup_size(${REDUCE_WORKGROUP})
fn main(@builtin(workgroup_id) workgroup: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>,
        @builtin(local_invocation_index) local: u32) {
  let row = workgroup.y * groups.x + workgroup.x;
  if (row >= u32(parameter(0u))) { return; }
  let n = u32(parameter(1u));
${offsetOf('row', 'start', kept, 4)}
  start += u32(parameter(2u));
  var total = ${castValue({ code: '0', type: 'i32' }, valueType)};
  for (var i = local; i < n; i += ${REDUCE_WORKGROUP}u) {
${offsetOf('i', 'at', reduced, 4 + 2 * kept.length)}
    total = total + ${castValue({ code: 'input[start + at]', type: inputType }, valueType)};
  }
  partial[local] = total;
  workgroupBarrier();
  for (var width = ${REDUCE_WORKGROUP / 2}u; width > 0u; width = width / 2u) {
    if (local < width) { partial[local] = partial[local] + partial[local + width]; }
    workgroupBarrier();
  }
  if (local == 0u) { output[u32(parameter(3u)) + row] = partial[0]; }
}`;
  dispatchInputToOutput(runtime, { label, source, x, out, parameters: parameters.toArray(), workgroups: gridFor(label, outputs, 1) });
}
