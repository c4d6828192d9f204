import type { GemmTiles } from './gemm-tiles.js';
import { zeroOf } from './wgsl-types.js';

/**
 * How a kernel built on the tiled product reads one operand. The core calls
 * `fn load<A|B>(batch: u32, outer: u32, inner: u32) -> T` for element (outer, inner) of the operand, with
 * outer the row of A (m) or the column of B (n) and inner the summed index (k), only inside the bounds.
 * An implicit GEMM (convolution) computes the address there instead of reading a materialised matrix.
 */
export interface OperandLoader {
  /** WGSL function(s) defining load<A|B> (and load<A|B>4 with `vector`). */
  code: string;
  /** The axis consecutive in memory: consecutive invocations load along it (coalesced reads). */
  contiguous: 'outer' | 'inner';
  /**
   * `fn load<A|B>4(batch, outer, inner) -> vec4<T>` reads four consecutive elements along `contiguous`
   * from an array<vec4<T>> binding; only when that axis's extent, the operand's offset and its batch
   * stride are multiples of 4, so a vector never straddles a row or the end.
   */
  vector: boolean;
}

export interface TiledGemmProgram {
  label: string;
  tiles: GemmTiles;
  /** What the product accumulates in (the output's storage type). */
  valueType: 'f32' | 'i32' | 'u32';
  /** Bindings, the parameter block and helpers. The core reads parameters 0..5 (see below). */
  declarations: string;
  a: OperandLoader;
  b: OperandLoader;
  /** WGSL defining `fn store(batch: u32, split: u32, row: u32, column: u32, value: T)`. */
  store: string;
}

/** The parameters every tiled product reads first; a kernel's own follow from `GEMM_PARAMETERS`. */
export const GEMM_PARAMETERS = 6;

/**
 * WGSL of C[batch] = A[batch] · B[batch] over tiles (see GemmTiles), with split-K: workgroup z is
 * (batch, slice) = (z / splits, z mod splits) and sums k over [slice·chunk, min(k, (slice + 1)·chunk)).
 * Parameters 0..5: m, n, k, first z (batches beyond 65535 take several dispatches), splits, chunk.
 * Each k step loads the A and B tiles cooperatively (a fixed number of loads per invocation, so the
 * barriers stay in uniform control flow), then every invocation multiplies its register block.
 */
export function tiledGemmSource(program: TiledGemmProgram): string {
  const { tiles, valueType: type } = program;
  const { tileM, tileN, tileK, threadsX, threadsY } = tiles;
  const threads = threadsX * threadsY;
  const blockM = tileM / threadsY;
  const blockN = tileN / threadsX;
  const zero = zeroOf(type);
  const rows = Array.from({ length: blockM }, (_, i) => i);
  const columns = Array.from({ length: blockN }, (_, j) => j);
  const accumulators = rows.flatMap((i) => columns.map((j) => `  var sum${i}_${j} = ${zero};`)).join('\n');
  const multiply = [
    ...rows.map((i) => `      let a${i} = tileA[inner * ${tileM}u + local.y + ${i * threadsY}u];`),
    ...columns.map((j) => `      let b${j} = tileB[inner * ${tileN}u + local.x + ${j * threadsX}u];`),
    ...rows.flatMap((i) => columns.map((j) => `      sum${i}_${j} += a${i} * b${j};`)),
  ].join('\n');
  const stores = rows
    .flatMap((i) =>
      columns.map(
        (j) => `  if (rowStart + ${i * threadsY}u < m && columnStart + ${j * threadsX}u < n) {
    store(batch, split, rowStart + ${i * threadsY}u, columnStart + ${j * threadsX}u, sum${i}_${j});
  }`,
      ),
    )
    .join('\n');
  return `// ${program.label} (${tiles.name} tiles ${tileM}×${tileN}×${tileK})
${program.declarations}
${program.a.code}
${program.b.code}
${program.store}
var<workgroup> tileA: array<${type}, ${tileK * tileM}>;
var<workgroup> tileB: array<${type}, ${tileK * tileN}>;
@compute @workgroup_size(${threadsX}, ${threadsY})
fn main(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_id) local: vec3<u32>,
        @builtin(local_invocation_index) flat: u32) {
  let m = u32(parameter(0u));
  let n = u32(parameter(1u));
  let k = u32(parameter(2u));
  let splits = u32(parameter(4u));
  let z = group.z + u32(parameter(3u));
  let batch = z / splits;
  let split = z % splits;
  let kBegin = split * u32(parameter(5u));
  let kEnd = min(k, kBegin + u32(parameter(5u)));
  let tileRow = group.y * ${tileM}u;
  let tileColumn = group.x * ${tileN}u;
${accumulators}
  for (var kStart = kBegin; kStart < kEnd; kStart += ${tileK}u) {
${tileLoad('A', program.a, tileM, 'tileRow', 'm', tiles, threads, zero, type)}
${tileLoad('B', program.b, tileN, 'tileColumn', 'n', tiles, threads, zero, type)}
    workgroupBarrier();
    for (var inner = 0u; inner < ${tileK}u; inner++) {
${multiply}
    }
    workgroupBarrier();
  }
  let rowStart = tileRow + local.y;
  let columnStart = tileColumn + local.x;
${stores}
}`;
}

/**
 * The cooperative load of one operand's tile into workgroup memory, laid out [inner][outer]:
 * element e of the tile goes to invocation e mod threads, with the operand's contiguous axis fastest.
 * Out-of-range elements are zeros, so partial tiles need no special case in the product.
 */
function tileLoad(
  operand: 'A' | 'B',
  loader: OperandLoader,
  tileOuter: number,
  outerStart: string,
  outerExtent: string,
  tiles: GemmTiles,
  threads: number,
  zero: string,
  type: string,
): string {
  const { tileK } = tiles;
  const width = loader.vector ? 4 : 1;
  const count = (tileOuter * tileK) / width;
  const steps = Math.ceil(count / threads);
  const alongInner = loader.contiguous === 'inner';
  // positions of element e: along the contiguous axis in runs of `width`
  const [outerIndex, innerIndex] = alongInner
    ? [`e / ${tileK / width}u`, `(e % ${tileK / width}u) * ${width}u`]
    : [`(e % ${tileOuter / width}u) * ${width}u`, `e / ${tileOuter / width}u`];
  const target = `tile${operand}`;
  const writes = loader.vector
    ? [0, 1, 2, 3]
        .map((t) =>
          alongInner
            ? `      ${target}[(innerAt + ${t}u) * ${tileOuter}u + outerAt] = value[${t}];`
            : `      ${target}[innerAt * ${tileOuter}u + outerAt + ${t}u] = value[${t}];`,
        )
        .join('\n')
    : `      ${target}[innerAt * ${tileOuter}u + outerAt] = value;`;
  return `    for (var step = 0u; step < ${steps}u; step++) {
      let e = flat + step * ${threads}u;
      if (e < ${count}u) {
      let outerAt = ${outerIndex};
      let innerAt = ${innerIndex};
      let outer = ${outerStart} + outerAt;
      let inner = kStart + innerAt;
      var value = ${loader.vector ? `vec4<${type}>(${zero})` : zero};
      if (outer < ${outerExtent} && inner < kEnd) { value = load${operand}${loader.vector ? '4' : ''}(batch, outer, inner); }
${writes}
      }
    }`;
}
