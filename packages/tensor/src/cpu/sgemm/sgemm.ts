import type { GemmOptions } from './gemm-reference.js';
import { CallFrame, kernelPool } from '../wasm/instance.js';
import { type ProductCall, partsOfProduct, worthSplitting } from './product-parts.js';

const FLOAT_BYTES = 4;

/**
 * C[m×n] (+)= op(A)[m×k] · op(B)[k×n], row-major float32, op(X) = Xᵀ when trans* is true.
 * A is read from `a[aOffset + ...]` with row stride `lda` (of the STORED matrix), same for B, C.
 *
 * Runs the WebAssembly SIMD kernel: the operands are copied into its memory (grown on demand and
 * reused across calls), multiplied there and C is copied back. The module is compiled synchronously
 * on the first call. With setNumThreads(n > 1) a large product is cut into n parts of whole columns
 * (or rows) of C, one per thread (product-parts.ts), which leaves every sum as it was. With `accumulate` false C is overwritten
 * without being read (k = 0 then gives zeros); with `accumulate` true it is added to.
 */
export function sgemm(options: GemmOptions<Float32Array>): void {
  const { transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc, accumulate } = options;
  // Stored shapes: a transposed operand is stored with its two dimensions swapped.
  const aRows = transA ? k : m;
  const aColumns = transA ? m : k;
  const bRows = transB ? n : k;
  const bColumns = transB ? k : n;
  checkOperand('A', a, aOffset, aRows, aColumns, lda);
  checkOperand('B', b, bOffset, bRows, bColumns, ldb);
  checkOperand('C', c, cOffset, m, n, ldc);
  if (m === 0 || n === 0) return;
  if (k === 0) {
    if (!accumulate) for (let i = 0; i < m; i++) c.fill(0, cOffset + i * ldc, cOffset + i * ldc + n);
    return;
  }
  // helper threads only for work worth splitting; asked first, since starting them moves the kernels
  // to a shared memory, and a frame lays out its call in one instance's memory
  const pool = worthSplitting(m, n, k) ? kernelPool() : null;
  // Layout: [static data | workspace | A | B | C], operands compacted to leading dimension = columns.
  const frame = new CallFrame();
  const { exports } = frame;
  const workspace = frame.reserve(exports.workspaceBytes());
  // each helper packs into its own workspace (reserved before the views are taken: reserving may
  // grow the memory)
  const helperWorkspaces = Array.from({ length: pool?.helpers ?? 0 }, () => frame.reserve(exports.workspaceBytes()));
  const aAddress = frame.reserve(aRows * aColumns * FLOAT_BYTES);
  const bAddress = frame.reserve(bRows * bColumns * FLOAT_BYTES);
  const cAddress = frame.reserve(m * n * FLOAT_BYTES);
  const heapView = frame.views().floats;
  copyMatrix(a, aOffset, lda, heapView, aAddress / FLOAT_BYTES, aColumns, aRows, aColumns);
  copyMatrix(b, bOffset, ldb, heapView, bAddress / FLOAT_BYTES, bColumns, bRows, bColumns);
  if (accumulate) copyMatrix(c, cOffset, ldc, heapView, cAddress / FLOAT_BYTES, n, m, n);
  const call = { transA, transB, m, n, k, a: aAddress, lda: aColumns, b: bAddress, ldb: bColumns, c: cAddress, accumulate };
  const parts = partsOfProduct(call, helperWorkspaces.length + 1);
  const argumentsOf = (part: ProductCall, partWorkspace: number) =>
    [
      part.transA ? 1 : 0,
      part.transB ? 1 : 0,
      part.m,
      part.n,
      part.k,
      part.a,
      part.lda,
      part.b,
      part.ldb,
      part.c,
      n,
      part.accumulate ? 1 : 0,
      partWorkspace,
    ] as const;
  const own = () => exports.sgemm(...argumentsOf(parts[0]!, workspace));
  if (parts.length === 1) own();
  else
    pool!.run(
      parts.slice(1).map((part, index) => ({ kernel: 'sgemm' as const, arguments: argumentsOf(part, helperWorkspaces[index]!) })),
      own,
    );
  copyMatrix(heapView, cAddress / FLOAT_BYTES, n, c, cOffset, ldc, m, n);
}

/** Copies a rows×columns matrix between flat arrays with row strides `sourceLd` and `targetLd`. */
function copyMatrix(
  source: Float32Array,
  sourceOffset: number,
  sourceLd: number,
  target: Float32Array,
  targetOffset: number,
  targetLd: number,
  rows: number,
  columns: number,
): void {
  if (sourceLd === columns && targetLd === columns) {
    target.set(source.subarray(sourceOffset, sourceOffset + rows * columns), targetOffset);
    return;
  }
  for (let row = 0; row < rows; row++) {
    const start = sourceOffset + row * sourceLd;
    target.set(source.subarray(start, start + columns), targetOffset + row * targetLd);
  }
}

/** Throws unless the stored rows×columns matrix with row stride `ld` lies inside `data`. */
function checkOperand(name: string, data: Float32Array, offset: number, rows: number, columns: number, ld: number): void {
  const valid =
    Number.isInteger(offset) &&
    Number.isInteger(rows) &&
    Number.isInteger(columns) &&
    Number.isInteger(ld) &&
    offset >= 0 &&
    rows >= 0 &&
    columns >= 0 &&
    ld >= columns;
  if (!valid) throw new RangeError(`sgemm: invalid layout for ${name}: offset ${offset}, ${rows}×${columns}, leading dimension ${ld}`);
  if (rows > 0 && columns > 0 && offset + (rows - 1) * ld + columns > data.length) {
    throw new RangeError(
      `sgemm: ${name} (${rows}×${columns}, leading dimension ${ld}, offset ${offset}) overruns its array of ${data.length}`,
    );
  }
}
