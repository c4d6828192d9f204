import type { GemmOptions } from './gemm-reference.js';
import { CallFrame, kernelPool, type KernelExports } from '../wasm/instance.js';
import { type ProductCall, partsOfProduct, worthSplitting } from './product-parts.js';

const FLOAT_BYTES = 4;

/**
 * C[m×n] (+)= op(A)[m×k] · op(B)[k×n], row-major float32, op(X) = Xᵀ when trans* is true.
 * A is read from `a[aOffset + ...]` with row stride `lda` (of the STORED matrix), same for B, C.
 *
 * Runs the WebAssembly SIMD kernel on operands in its memory: resident tensors (cpu/resident.ts) where
 * they are, the others copied in (and C copied back). The module is compiled synchronously
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
  // helper threads only for work worth splitting, asked before the frame: starting them may
  // move the kernels to a shared memory, and a frame lays out its call in one instance's memory
  const pool = worthSplitting(m, n, k) ? kernelPool() : null;
  // Layout: a workspace per thread; operands living in the module's memory are read (and C written)
  // where they are, with their own row strides; the others are copied into the call's scratch,
  // compacted to leading dimension = columns.
  const frame = new CallFrame();
  const { exports } = frame;
  const workspace = frame.reserve(exports.workspaceBytes());
  const helperWorkspaces = pool === null ? [] : Array.from({ length: pool.helpers }, () => frame.reserve(exports.workspaceBytes()));
  const left = operand(frame, a, aOffset, lda, aRows, aColumns);
  const right = operand(frame, b, bOffset, ldb, bRows, bColumns);
  const result = resultOperand(frame, c, cOffset, ldc, m, n, accumulate);
  const call: ProductCall = {
    transA,
    transB,
    m,
    n,
    k,
    a: left.address,
    lda: left.ld,
    b: right.address,
    ldb: right.ld,
    c: result.address,
    ldc: result.ld,
    accumulate,
  };
  // one thread (every product too small to split): the whole product, without a list of parts or closures
  if (pool === null) runPart(exports, call, workspace);
  else {
    const parts = partsOfProduct(call, helperWorkspaces.length + 1);
    pool.run(
      parts.slice(1).map((part, index) => ({ kernel: 'sgemm' as const, arguments: argumentsOf(part, helperWorkspaces[index]!) })),
      () => runPart(exports, parts[0]!, workspace),
    );
  }
  if (!result.inPlace) copyMatrix(frame.views().floats, result.address / FLOAT_BYTES, n, c, cOffset, ldc, m, n);
}

/** The kernel's arguments for one part of the product, with the workspace of the thread that runs it. */
function argumentsOf(part: ProductCall, workspace: number) {
  return [
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
    part.ldc,
    part.accumulate ? 1 : 0,
    workspace,
  ] as const;
}

/** Runs one part of the product on this thread. */
function runPart(exports: KernelExports, part: ProductCall, workspace: number): void {
  exports.sgemm(...argumentsOf(part, workspace));
}

/** Where the kernel reads a stored rows×columns matrix: in place when it lives in the module's memory, else a compacted copy. */
function operand(
  frame: CallFrame,
  data: Float32Array,
  offset: number,
  ld: number,
  rows: number,
  columns: number,
): { address: number; ld: number } {
  const address = frame.readInPlace(data, offset, ((rows - 1) * ld + columns) * FLOAT_BYTES);
  if (address >= 0) return { address, ld };
  const copy = frame.reserve(rows * columns * FLOAT_BYTES);
  copyMatrix(data, offset, ld, frame.views().floats, copy / FLOAT_BYTES, columns, rows, columns);
  return { address: copy, ld: columns };
}

/** Where the kernel writes C: in place when it lives in the module's memory and no operand read in place overlaps it, else a compacted scratch copy. */
function resultOperand(
  frame: CallFrame,
  c: Float32Array,
  offset: number,
  ld: number,
  m: number,
  n: number,
  accumulate: boolean,
): { address: number; ld: number; inPlace: boolean } {
  const address = frame.writeInPlace(c, offset, ((m - 1) * ld + n) * FLOAT_BYTES);
  if (address >= 0) return { address, ld, inPlace: true };
  const copy = frame.reserve(m * n * FLOAT_BYTES);
  if (accumulate) copyMatrix(c, offset, ld, frame.views().floats, copy / FLOAT_BYTES, n, m, n);
  return { address: copy, ld: n, inPlace: false };
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
