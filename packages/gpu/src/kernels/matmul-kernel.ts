import type { MatmulShape, TensorView } from '@dl/tensor';
import { gpuBufferOf } from '../backend/gpu-tensor-buffer.js';
import type { GpuRuntime, KernelBinding } from '../runtime/gpu-runtime.js';
import { chooseSplits, chooseTiles } from './gemm-tiles.js';
import { parameterDeclaration } from './parameters.js';
import { runSplitSum } from './split-sum-kernel.js';
import { GEMM_PARAMETERS, type OperandLoader, tiledGemmSource } from './tiled-gemm.js';
import { dispatchTiledGemm } from './tiled-gemm-dispatch.js';
import { withHelpers } from './wgsl-math.js';
import { bindingElement, loadElement, storeElement, valueTypeOf } from './element-storage.js';
import { castValue, convertTo } from './wgsl-types.js';
import type { DType } from '@dl/tensor';
import type { KernelEpilogue } from '../fusion/fusion-group.js';

/** Kernel parameters after the core's: A offset, B offset, C offset, A batch stride, B batch stride. */
const OFFSET_A = GEMM_PARAMETERS;

/**
 * One operand's loader. A (m × k) is stored [m, k], or [k, m] when transposed; B (k × n) is [k, n], or
 * [n, k]. Element (outer, inner) of A is (row, k), of B (column, k): the stored layout decides which is
 * contiguous. With `vector`, the buffer is bound as array<vec4<f32>> and four neighbours along the
 * contiguous axis are read at once.
 */
function operandLoader(
  name: 'A' | 'B',
  binding: string,
  dtype: DType,
  valueType: 'f32' | 'i32' | 'u32',
  stored: 'outer-major' | 'inner-major',
  vector: boolean,
): OperandLoader {
  const parameterIndex = name === 'A' ? OFFSET_A : OFFSET_A + 1;
  const strideIndex = name === 'A' ? OFFSET_A + 3 : OFFSET_A + 4;
  // extent of the stored rows: k when each outer index is a row ([m, k], [n, k]), else m or n
  const outerExtent = name === 'A' ? 'u32(parameter(0u))' : 'u32(parameter(1u))';
  const address = stored === 'outer-major' ? `outer * u32(parameter(2u)) + inner` : `inner * ${outerExtent} + outer`;
  const base = `u32(parameter(${parameterIndex}u)) + batch * u32(parameter(${strideIndex}u))`;
  const code = vector
    ? `fn load${name}4(batch: u32, outer: u32, inner: u32) -> vec4<f32> { return ${binding}[(${base} + ${address}) / 4u]; }`
    : `fn load${name}(batch: u32, outer: u32, inner: u32) -> ${valueType} { return ${castValue(loadElement(`matmul ${name}`, binding, `${base} + ${address}`, dtype), valueType)}; }`;
  return { code, contiguous: stored === 'outer-major' ? 'inner' : 'outer', vector };
}

/** Parameters the matmul kernel reads before an epilogue's: the core's and its own five. */
export const MATMUL_PARAMETERS = OFFSET_A + 5;

/**
 * Batched C[b] = op(A[b]) · op(B[b]) (the contract's matmul) on the tiled product of tiled-gemm.ts:
 * workgroup tiles in workgroup memory, a register block per invocation, vec4 loads where the
 * contiguous axis, offsets and batch strides are multiples of 4, tiles chosen for square, small and
 * skinny shapes, transposed operands read in place, broadcast batches through a 0 batch stride, and
 * split-K (then an ordered sum of the slices) when few output tiles face a long k.
 * With an `epilogue` (fusion/elementwise-fusion.ts), the store (or the split-K sum) calls
 * `writeElement((batch · m + row) · n + column, value)` instead of writing C; its bindings follow
 * the operands, its parameters the matmul's. C must then be contiguous from offset 0.
 */
export function runMatmul(
  runtime: GpuRuntime,
  a: TensorView,
  b: TensorView,
  out: TensorView,
  shape: MatmulShape,
  epilogue?: KernelEpilogue,
): void {
  const { batch, m, n, k, transposeA, transposeB, batchStrideA, batchStrideB } = shape;
  let label = matmulLabel(shape);
  if (batch === 0 || m === 0 || n === 0) return;
  // float16 operands and results are read and written element by element, and accumulate in f32
  const valueType = valueTypeOf(label, out.dtype);
  const floats = out.dtype === 'float32' && a.dtype === 'float32' && b.dtype === 'float32';
  const tiles = chooseTiles(m, n, runtime.device.limits.maxComputeInvocationsPerWorkgroup);
  const { splits, chunk } = floats ? chooseSplits(tiles, m, n, k, batch) : { splits: 1, chunk: k };
  const split = splits > 1;
  // split-K leaves the epilogue to the second pass, which has the finished sums
  const fused = split ? undefined : epilogue?.program(2, MATMUL_PARAMETERS, valueType);
  if (fused) label = epilogue!.label;
  const storedA = transposeA ? 'inner-major' : 'outer-major';
  const storedB = transposeB ? 'outer-major' : 'inner-major';
  const aligned = (view: TensorView, stride: number, contiguousExtent: number) =>
    floats && view.offset % 4 === 0 && stride % 4 === 0 && contiguousExtent % 4 === 0;
  const vectorA = aligned(a, batchStrideA, transposeA ? m : k);
  const vectorB = aligned(b, batchStrideB, transposeB ? k : n);
  const element = (dtype: DType, vector: boolean) => (vector ? 'vec4<f32>' : bindingElement(label, dtype, 'read'));
  const store = fused
    ? `${fused.code}
fn store(batch: u32, split: u32, row: u32, column: u32, value: ${valueType}) {
  writeElement((batch * u32(parameter(0u)) + row) * u32(parameter(1u)) + column, value);
}`
    : split
      ? `fn store(batch: u32, split: u32, row: u32, column: u32, value: f32) {
  let m = u32(parameter(0u));
  let n = u32(parameter(1u));
  output[((batch * u32(parameter(4u)) + split) * m + row) * n + column] = value;
}`
      : `fn store(batch: u32, split: u32, row: u32, column: u32, value: ${valueType}) {
  let m = u32(parameter(0u));
  let n = u32(parameter(1u));
  ${storeElement('output', `u32(parameter(${OFFSET_A + 2}u)) + (batch * m + row) * n + column`, convertTo({ code: 'value', type: valueType }, out.dtype), out.dtype)}
}`;
  const outputDeclaration = fused
    ? ''
    : `@group(0) @binding(2) var<storage, read_write> output: array<${split ? 'f32' : bindingElement(label, out.dtype, 'read-write')}>;\n`;
  const parameterCount = MATMUL_PARAMETERS + (fused?.parameters.length ?? 0);
  const source = tiledGemmSource({
    label: `${label}${vectorA ? ' vec4 A' : ''}${vectorB ? ' vec4 B' : ''}${split ? ' split-K' : ''}`,
    tiles,
    valueType,
    declarations: `@group(0) @binding(0) var<storage, read> left: array<${element(a.dtype, vectorA)}>;
@group(0) @binding(1) var<storage, read> right: array<${element(b.dtype, vectorB)}>;
${outputDeclaration}${parameterDeclaration(fused ? 2 + fused.bindings.length : 3, parameterCount)}`,
    a: operandLoader('A', 'left', a.dtype, valueType, storedA, vectorA),
    b: operandLoader('B', 'right', b.dtype, valueType, storedB, vectorB),
    store,
  });
  const partial = split ? runtime.storagePool.acquire(batch * splits * m * n * 4) : null;
  const bindings: KernelBinding[] = [
    { buffer: gpuBufferOf(label, a.buffer), access: 'read' },
    { buffer: gpuBufferOf(label, b.buffer), access: 'read' },
    ...(fused?.bindings ?? [{ buffer: partial ?? gpuBufferOf(label, out.buffer), access: 'read-write' as const }]),
  ];
  dispatchTiledGemm(runtime, {
    label,
    source: withHelpers(source),
    bindings,
    tiles,
    m,
    n,
    k,
    batch,
    splits,
    chunk,
    extra: [a.offset, b.offset, out.offset, batchStrideA, batchStrideB, ...(fused?.parameters ?? [])],
  });
  if (partial) runSplitSum(runtime, partial, out, batch, splits, m * n, epilogue);
}

/** `matmul`, marked with the operands read transposed (e.g. `matmul Bᵀ`): the kernel's label. */
export function matmulLabel(shape: MatmulShape): string {
  return `matmul${shape.transposeA ? ' Aᵀ' : ''}${shape.transposeB ? ' Bᵀ' : ''}`;
}
