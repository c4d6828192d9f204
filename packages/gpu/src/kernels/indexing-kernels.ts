import type { TensorView } from '@dl/tensor';

const formatShape = (shape: readonly number[]) => `[${shape.join(', ')}]`;
import { gpuBufferOf } from '../backend/gpu-tensor-buffer.js';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { indexCheckWgsl } from '../runtime/index-error-flag.js';
import { gridFor, linearEntryPoint } from './dispatch-grid.js';
import { Parameters, parameterDeclaration } from './parameters.js';
import { castValue, convertTo, storageType } from './wgsl-types.js';

/**
 * Parameters shared by gather and scatter: count, axis, index shape[rank], target shape[rank], then the
 * offsets of target, index and values. All three tensors are contiguous (the contract).
 */
function indexingParameters(
  count: number,
  axis: number,
  index: TensorView,
  target: TensorView,
  values: TensorView,
  code: number,
): Parameters {
  return new Parameters().int(count, axis, ...index.shape, ...target.shape, target.offset, index.offset, values.offset, code);
}

/** WGSL `let`s for the contiguous strides of the index (indexStride_d) and target (targetStride_d). */
function strideLets(rank: number): string {
  const lines: string[] = [];
  for (let d = rank - 1; d >= 0; d--) {
    const inner = d === rank - 1;
    lines.push(`  let indexExtent${d} = parameter(${2 + d}u);`, `  let targetExtent${d} = parameter(${2 + rank + d}u);`);
    lines.push(`  let indexStride${d} = ${inner ? '1' : `indexStride${d + 1} * indexExtent${d + 1}`};`);
    lines.push(`  let targetStride${d} = ${inner ? '1' : `targetStride${d + 1} * targetExtent${d + 1}`};`);
  }
  lines.push(`  let axis = parameter(1u);`);
  const offsets = 2 + 2 * rank;
  lines.push(
    `  let targetOffset = parameter(${offsets}u);`,
    `  let indexOffset = parameter(${offsets + 1}u);`,
    `  let valuesOffset = parameter(${offsets + 2}u);`,
  );
  return lines.join('\n');
}

/**
 * Reads index element `flat`; outside [0, extent) it is recorded in the index-error flag (raised at
 * the next read) and replaced by 0. torch refuses negative indices in gather/scatter too.
 */
const selectedIndex = (flat: string, extent: string) => `checkedIndex(indices[u32(indexOffset + ${flat})], ${extent})`;

interface IndexingDispatch {
  label: string;
  body: string;
  target: TensorView;
  index: TensorView;
  values: TensorView;
  /** Which buffer is written: the target (scatter) or the values (gather's output). */
  writes: 'target' | 'values';
  count: number;
  axis: number;
}

function dispatchIndexing(runtime: GpuRuntime, { label, body, target, index, values, writes, count, axis }: IndexingDispatch): void {
  const rank = index.shape.length;
  const flag = runtime.indexErrors.register(
    `${label} along dim ${axis} (index ${formatShape(index.shape)}, ${writes === 'values' ? 'input' : 'output'} ${formatShape(target.shape)})`,
  );
  const parameters = indexingParameters(count, axis, index, target, values, flag.code);
  const access = (name: 'target' | 'values') => (writes === name ? 'read_write' : 'read');
  const source = `// ${label} rank ${rank}
@group(0) @binding(0) var<storage, ${access('target')}> destination: array<${storageType(label, target.dtype)}>;
@group(0) @binding(1) var<storage, read> indices: array<i32>;
@group(0) @binding(2) var<storage, ${access('values')}> values: array<${storageType(label, values.dtype)}>;
${indexCheckWgsl(3, `parameter(${parameters.length - 1}u)`)}
${parameterDeclaration(4, parameters.length)}
${linearEntryPoint('parameter(0u)', `${strideLets(rank)}\n${body}`)}`;
  const binding = (view: TensorView, name: 'target' | 'values') => ({
    buffer: gpuBufferOf(label, view.buffer),
    access: writes === name ? ('read-write' as const) : ('read' as const),
  });
  runtime.dispatch({
    label,
    source,
    bindings: [
      binding(target, 'target'),
      { buffer: gpuBufferOf(label, index.buffer), access: 'read' },
      binding(values, 'values'),
      { buffer: flag.buffer, access: 'read-write' },
    ],
    parameters: parameters.toArray(),
    workgroups: gridFor(label, count),
  });
}

/** Unravels `index` over the index shape into coordinate_d, and the target offset with the axis replaced by `selected`. */
function unravelIndexElement(rank: number): string {
  const lines = ['  var remaining = i32(index);', '  var targetElement = 0;'];
  for (let d = rank - 1; d >= 0; d--)
    lines.push(`  let coordinate${d} = remaining % indexExtent${d};`, `  remaining = remaining / indexExtent${d};`);
  return lines.join('\n');
}

function axisExtent(rank: number): string {
  const terms = Array.from({ length: rank }, (_, d) => `select(0, targetExtent${d}, axis == ${d})`);
  // a 0-d target (torch's gather of a 0-d tensor) is one element along its dim 0
  return `  let axisExtent = ${terms.length > 0 ? terms.join(' + ') : '1'};`;
}

/** out[i] = x[... index[i] ... along axis]: one invocation per index element. */
export function runGather(runtime: GpuRuntime, x: TensorView, index: TensorView, out: TensorView, axis: number): void {
  const label = 'gather';
  const count = index.shape.reduce((a, b) => a * b, 1);
  if (count === 0) return;
  const rank = index.shape.length;
  const lines = [unravelIndexElement(rank), axisExtent(rank), `  let selected = ${selectedIndex('i32(index)', 'axisExtent')};`];
  for (let d = 0; d < rank; d++) lines.push(`  targetElement += select(coordinate${d}, selected, axis == ${d}) * targetStride${d};`);
  lines.push(
    `  values[u32(valuesOffset) + index] = ${convertTo(
      { code: 'destination[u32(targetOffset + targetElement)]', type: storageType(label, x.dtype) },
      out.dtype,
    )};`,
  );
  dispatchIndexing(runtime, { label, body: lines.join('\n'), target: x, index, values: out, writes: 'values', count, axis });
}

/**
 * scatter 'set': one invocation per index element writes its value (repeated indices: one of them wins,
 * as in torch). scatter 'add': one invocation per target element sums, in index order, every value whose
 * index points at it — only index elements on the same line along `axis` can, so it loops over that line.
 * Deterministic and free of atomics.
 */
export function runScatter(
  runtime: GpuRuntime,
  out: TensorView,
  index: TensorView,
  source: TensorView,
  axis: number,
  mode: 'set' | 'add',
): void {
  const label = `scatter ${mode}`;
  const rank = index.shape.length;
  const indexCount = index.shape.reduce((a, b) => a * b, 1);
  if (indexCount === 0) return;
  const type = storageType(label, out.dtype);
  const load = (flat: string) => castValue({ code: `values[u32(valuesOffset + ${flat})]`, type: storageType(label, source.dtype) }, type);
  const lines: string[] = [];
  let count = indexCount;
  if (mode === 'set') {
    lines.push(unravelIndexElement(rank), axisExtent(rank), `  let selected = ${selectedIndex('i32(index)', 'axisExtent')};`);
    for (let d = 0; d < rank; d++) lines.push(`  targetElement += select(coordinate${d}, selected, axis == ${d}) * targetStride${d};`);
    lines.push(`  destination[u32(targetOffset + targetElement)] = ${load('i32(index)')};`);
  } else {
    count = out.shape.reduce((a, b) => a * b, 1);
    lines.push(
      '  var remaining = i32(index);',
      '  var lineStart = 0;',
      // a 0-d target has no axis below to set them: its line is its one index element, wanted at 0
      `  var lineLength = ${rank === 0 ? 1 : 0};`,
      '  var lineStride = 0;',
      '  var wanted = 0;',
    );
    lines.push(axisExtent(rank));
    for (let d = rank - 1; d >= 0; d--) {
      lines.push(`  let coordinate${d} = remaining % targetExtent${d};`, `  remaining = remaining / targetExtent${d};`);
      lines.push(`  if (axis == ${d}) { wanted = coordinate${d}; lineLength = indexExtent${d}; lineStride = indexStride${d}; }`);
      // a target element outside the index's extent on another axis receives nothing
      lines.push(`  else { if (coordinate${d} >= indexExtent${d}) { return; } lineStart += coordinate${d} * indexStride${d}; }`);
    }
    lines.push(
      `  var total = destination[u32(targetOffset) + index];`,
      `  for (var j = 0; j < lineLength; j++) {`,
      `    let flat = lineStart + j * lineStride;`,
      `    if (${selectedIndex('flat', 'axisExtent')} == wanted) { total += ${load('flat')}; }`,
      `  }`,
      `  destination[u32(targetOffset) + index] = total;`,
    );
  }
  dispatchIndexing(runtime, { label, body: lines.join('\n'), target: out, index, values: source, writes: 'target', count, axis });
}
