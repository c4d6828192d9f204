import type { ReduceOp, TensorView } from '@dl/tensor';
import { gpuBufferOf } from '../backend/gpu-tensor-buffer.js';
import type { KernelEpilogue } from '../fusion/fusion-group.js';
import type { GpuRuntime, KernelBinding } from '../runtime/gpu-runtime.js';
import { gridFor } from './dispatch-grid.js';
import { Parameters, parameterDeclaration } from './parameters.js';
import { castValue, convertTo, storageType } from './wgsl-types.js';
import { withHelpers } from './wgsl-math.js';

/** Invocations per row of a reduction; sumAxes (sum-axes-kernel.ts) repeats its summation order. */
export const REDUCE_WORKGROUP = 64;
/** Marks "no element seen yet" in a thread's running arg-best (rows shorter than the workgroup). */
const NONE = '0xffffffffu';

/** Whether candidate (valueB, indexB) beats (valueA, indexA): NaN wins, ties keep the lower index (torch.max). */
function preferFunction(type: string, better: '>' | '<'): string {
  const nan =
    type === 'f32'
      ? `let nanA = isNan(valueA);
  let nanB = isNan(valueB);
  if (nanA || nanB) { if (nanA && nanB) { return indexB < indexA; } return nanB; }\n  `
      : '';
  return `fn prefer(valueA: ${type}, indexA: u32, valueB: ${type}, indexB: u32) -> bool {
  if (indexB == ${NONE}) { return false; }
  if (indexA == ${NONE}) { return true; }
  ${nan}if (valueB ${better} valueA) { return true; }
  return valueB == valueA && indexB < indexA;
}`;
}

/**
 * Reduces each row of a contiguous [rows, n] view: one workgroup per row, each invocation folds a
 * strided slice of the row, then a tree in workgroup memory combines the 64 partial results.
 * Parameters: rows, n, input offset, output offset. With an `epilogue` (fusion/elementwise-fusion.ts)
 * row r's result goes to `writeElement(r, result)` instead (out is then contiguous from offset 0).
 */
export function runReduce(runtime: GpuRuntime, op: ReduceOp, x: TensorView, out: TensorView, epilogue?: KernelEpilogue): void {
  const fused = epilogue?.program(1, 4, storageType(`reduce ${op}`, out.dtype));
  const label = fused ? epilogue!.label : `reduce ${op}`;
  const rows = out.shape.reduce((a, b) => a * b, 1);
  const n = x.shape[x.shape.length - 1] ?? 1;
  if (rows === 0) return;
  const inputType = storageType(label, x.dtype);
  const selecting = op !== 'sum' && op !== 'prod';
  // sums and products accumulate in the output's type (int32 sums of bool); max/min/arg* compare inputs
  const valueType = selecting ? inputType : storageType(label, out.dtype);
  const load = castValue({ code: 'input[start + i]', type: inputType }, valueType);
  const identity = op === 'prod' ? castValue({ code: '1', type: 'i32' }, valueType) : castValue({ code: '0', type: 'i32' }, valueType);
  const combineInto = (target: string, other: string, otherIndex: string) =>
    selecting
      ? `if (prefer(${target}, ${target}Index, ${other}, ${otherIndex})) { ${target} = ${other}; ${target}Index = ${otherIndex}; }`
      : `${target} = ${target} ${op === 'sum' ? '+' : '*'} ${other};`;
  const result =
    op === 'argmax' || op === 'argmin'
      ? convertTo({ code: 'i32(sharedIndex[0])', type: 'i32' }, out.dtype)
      : convertTo({ code: 'sharedValue[0]', type: valueType }, out.dtype);
  const source = withHelpers(`// ${label}
@group(0) @binding(0) var<storage, read> input: array<${inputType}>;
${fused ? fused.code : `@group(0) @binding(1) var<storage, read_write> output: array<${storageType(label, out.dtype)}>;`}
${parameterDeclaration(1 + (fused?.bindings.length ?? 1), 4 + (fused?.parameters.length ?? 0))}
var<workgroup> sharedValue: array<${valueType}, ${REDUCE_WORKGROUP}>;
var<workgroup> sharedIndex: array<u32, ${REDUCE_WORKGROUP}>;
${selecting ? preferFunction(valueType, op === 'max' || op === 'argmax' ? '>' : '<') : ''}
@compute @workgroup_size(${REDUCE_WORKGROUP})
fn main(@builtin(workgroup_id) workgroup: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>,
        @builtin(local_invocation_index) local: u32) {
  let row = workgroup.y * groups.x + workgroup.x;
  if (row >= u32(parameter(0u))) { return; }
  let n = u32(parameter(1u));
  let start = u32(parameter(2u)) + row * n;
  var best = ${identity};
  var bestIndex = ${NONE};
  for (var i = local; i < n; i += ${REDUCE_WORKGROUP}u) {
    let candidate = ${load};
    let candidateIndex = i;
    ${combineInto('best', 'candidate', 'candidateIndex')}
  }
  sharedValue[local] = best;
  sharedIndex[local] = bestIndex;
  workgroupBarrier();
  for (var width = ${REDUCE_WORKGROUP / 2}u; width > 0u; width = width / 2u) {
    if (local < width) {
      var mine = sharedValue[local];
      var mineIndex = sharedIndex[local];
      let other = sharedValue[local + width];
      let otherIndex = sharedIndex[local + width];
      ${combineInto('mine', 'other', 'otherIndex')}
      sharedValue[local] = mine;
      sharedIndex[local] = mineIndex;
    }
    workgroupBarrier();
  }
  if (local == 0u) { ${fused ? `writeElement(row, ${result});` : `output[u32(parameter(3u)) + row] = ${result};`} }
}`);
  const bindings: KernelBinding[] = [
    { buffer: gpuBufferOf(label, x.buffer), access: 'read' },
    ...(fused?.bindings ?? [{ buffer: gpuBufferOf(label, out.buffer), access: 'read-write' as const }]),
  ];
  runtime.dispatch({
    label,
    source,
    bindings,
    parameters: new Parameters().int(rows, n, x.offset, out.offset, ...(fused?.parameters ?? [])).toArray(),
    workgroups: gridFor(label, rows, 1),
  });
}
