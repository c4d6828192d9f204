import type { TensorView } from '@dl/tensor';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { dispatchInputToOutput } from './input-output-dispatch.js';
import { gridFor, linearEntryPoint } from './dispatch-grid.js';
import { Parameters, parameterDeclaration } from './parameters.js';
import { withHelpers } from './wgsl-math.js';
import { storageType } from './wgsl-types.js';

/**
 * The stable sorting permutation of each row of contiguous x [rows, n] into int32 out [rows, n]
 * (@dl/tensor's FusedKernels.sortIndices). One invocation per element computes the element's rank,
 * the number of elements of its row that come before it in the order,
 *   rank(i) = Σⱼ [xⱼ ≺ xᵢ] + Σ_{j<i} [xⱼ = xᵢ],
 * and writes its position there: out[rank(i)] = i. The ranks are a permutation because the order is
 * total (NaN above every number, ties broken by position), so no two invocations write one cell. O(n)
 * work per element and no memory beyond the output, where the composite materialises the n × n
 * comparisons. NaN is tested on the bits, which no driver folds away.
 * Parameters: element count, n, input offset, output offset, descending (0 or 1).
 */
export function runSortIndices(runtime: GpuRuntime, x: TensorView, out: TensorView, descending: boolean): void {
  const label = 'sortIndices';
  const n = x.shape[x.shape.length - 1] ?? 1;
  const size = x.shape.reduce((product, extent) => product * extent, 1);
  if (size === 0) return;
  const type = storageType(label, x.dtype);
  // key(v): a value that orders like v with NaN above +∞ (float); ints compare as they are
  const isNotANumber = (value: string) => (type === 'f32' ? `isNan(${value})` : 'false');
  const body = `  let n = u32(parameter(1u));
  let descending = parameter(4u) != 0;
  let position = index % n;
  let rowStart = index - position;
  let inputRow = u32(parameter(2u)) + rowStart;
  let mine = input[inputRow + position];
  let mineNan = ${isNotANumber('mine')};
  var rank = 0u;
  for (var other = 0u; other < n; other++) {
    let theirs = input[inputRow + other];
    let theirsNan = ${isNotANumber('theirs')};
    // theirs strictly below mine (ascending order), NaN the largest
    let below = (mineNan && !theirsNan) || (!mineNan && !theirsNan && theirs < mine);
    let above = (theirsNan && !mineNan) || (!mineNan && !theirsNan && theirs > mine);
    let tie = !below && !above;
    let before = select(below, above, descending) || (tie && other < position);
    rank += select(0u, 1u, before);
  }
  output[u32(parameter(3u)) + rowStart + rank] = i32(position);`;
  const source = withHelpers(`// ${label}
@group(0) @binding(0) var<storage, read> input: array<${type}>;
@group(0) @binding(1) var<storage, read_write> output: array<i32>;
${parameterDeclaration(2, 5)}
${linearEntryPoint('parameter(0u)', body)}`);
  dispatchInputToOutput(runtime, {
    label,
    source,
    x,
    out,
    parameters: new Parameters().int(size, n, x.offset, out.offset, descending ? 1 : 0).toArray(),
    workgroups: gridFor(label, size),
  });
}
