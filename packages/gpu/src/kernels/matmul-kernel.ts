import type { MatmulShape, TensorView } from '@dl/tensor';
import { gpuBufferOf } from '../backend/gpu-tensor-buffer.js';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { Parameters, parameterDeclaration } from './parameters.js';
import { castValue, convertTo, storageType } from './wgsl-types.js';

const MAXIMUM_GROUPS = 65535;

/**
 * Batched C[b] = op(A[b]) · op(B[b]) with a shared-memory tiled kernel: a TILE×TILE workgroup computes
 * one TILE×TILE block of C, stepping through k one tile at a time; each step loads a tile of A and of B
 * into workgroup memory once and every invocation reads TILE values of each from there.
 * Parameters: m, n, k, A offset, B offset, C offset, A batch stride, B batch stride, first batch.
 */
export function runMatmul(runtime: GpuRuntime, a: TensorView, b: TensorView, out: TensorView, shape: MatmulShape): void {
  const { batch, m, n, k, transposeA, transposeB, batchStrideA, batchStrideB } = shape;
  const label = `matmul${transposeA ? ' Aᵀ' : ''}${transposeB ? ' Bᵀ' : ''}`;
  if (batch === 0 || m === 0 || n === 0) return;
  // 16×16 = 256 invocations; compatibility-level devices may allow only 128 per workgroup
  const tile = runtime.device.limits.maxComputeInvocationsPerWorkgroup >= 256 ? 16 : 8;
  const columnGroups = Math.ceil(n / tile);
  const rowGroups = Math.ceil(m / tile);
  if (columnGroups > MAXIMUM_GROUPS || rowGroups > MAXIMUM_GROUPS)
    throw new Error(`webgpu ${label}: [${m}, ${k}] · [${k}, ${n}] needs more than ${MAXIMUM_GROUPS} workgroups per dimension`);
  const valueType = storageType(label, out.dtype);
  const typeA = storageType(label, a.dtype);
  const typeB = storageType(label, b.dtype);
  const zero = castValue({ code: '0', type: 'i32' }, valueType);
  const indexA = transposeA ? 'baseA + q * m + r' : 'baseA + r * k + q';
  const indexB = transposeB ? 'baseB + c * k + q' : 'baseB + q * n + c';
  const source = `// ${label}
@group(0) @binding(0) var<storage, read> left: array<${typeA}>;
@group(0) @binding(1) var<storage, read> right: array<${typeB}>;
@group(0) @binding(2) var<storage, read_write> output: array<${valueType}>;
${parameterDeclaration(3, 9)}
var<workgroup> tileA: array<array<${valueType}, ${tile}>, ${tile}>;
var<workgroup> tileB: array<array<${valueType}, ${tile}>, ${tile}>;
@compute @workgroup_size(${tile}, ${tile})
fn main(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_id) local: vec3<u32>) {
  let m = u32(parameter(0u));
  let n = u32(parameter(1u));
  let k = u32(parameter(2u));
  let matrix = group.z + u32(parameter(8u));
  let baseA = u32(parameter(3u)) + matrix * u32(parameter(6u));
  let baseB = u32(parameter(4u)) + matrix * u32(parameter(7u));
  let row = group.y * ${tile}u + local.y;
  let column = group.x * ${tile}u + local.x;
  var total = ${zero};
  for (var step = 0u; step < k; step += ${tile}u) {
    var valueA = ${zero};
    let r = row;
    var q = step + local.x;
    if (r < m && q < k) { valueA = ${castValue({ code: `left[${indexA}]`, type: typeA }, valueType)}; }
    tileA[local.y][local.x] = valueA;
    var valueB = ${zero};
    let c = column;
    q = step + local.y;
    if (q < k && c < n) { valueB = ${castValue({ code: `right[${indexB}]`, type: typeB }, valueType)}; }
    tileB[local.y][local.x] = valueB;
    workgroupBarrier();
    for (var inner = 0u; inner < ${tile}u; inner++) { total += tileA[local.y][inner] * tileB[inner][local.x]; }
    workgroupBarrier();
  }
  if (row < m && column < n) {
    output[u32(parameter(5u)) + matrix * m * n + row * n + column] = ${convertTo({ code: 'total', type: valueType }, out.dtype)};
  }
}`;
  for (let first = 0; first < batch; first += MAXIMUM_GROUPS) {
    runtime.dispatch({
      label,
      source,
      bindings: [
        { buffer: gpuBufferOf(label, a.buffer), access: 'read' },
        { buffer: gpuBufferOf(label, b.buffer), access: 'read' },
        { buffer: gpuBufferOf(label, out.buffer), access: 'read-write' },
      ],
      parameters: new Parameters().int(m, n, k, a.offset, b.offset, out.offset, batchStrideA, batchStrideB, first).toArray(),
      workgroups: [columnGroups, rowGroups, Math.min(MAXIMUM_GROUPS, batch - first)],
    });
  }
}
