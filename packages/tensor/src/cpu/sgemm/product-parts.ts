/** One sgemm call on operands in the WebAssembly memory (byte addresses, leading dimensions of the stored matrices). */
export interface ProductCall {
  transA: boolean;
  transB: boolean;
  m: number;
  n: number;
  k: number;
  a: number;
  lda: number;
  b: number;
  ldb: number;
  c: number;
  ldc: number;
  accumulate: boolean;
}

const FLOAT_BYTES = 4;
/** Below this many multiply-adds (≈ 40 µs of work) waking helpers costs more than it saves. */
const MINIMUM_MULTIPLY_ADDS = 2 ** 20;
/** Parts start on whole register tiles of the microkernel: 8 columns, 4 rows (assembly/sgemm.ts). */
const COLUMN_MULTIPLE = 8;
const ROW_MULTIPLE = 4;

/** Whether an m×n×k product has enough work to pay for waking helper threads. */
export function worthSplitting(m: number, n: number, k: number): boolean {
  return m * n * k >= MINIMUM_MULTIPLY_ADDS;
}

/**
 * Cuts C[m×n] = op(A)·op(B) into at most `threads` products on whole columns of C (or whole rows,
 * when C is taller than it is wide). Each element of C is still computed by one thread, from the same
 * k-blocks in the same order as by one call (sgemm's blocking of k depends only on k), so the result
 * is bit-identical for any number of threads. C's row stride stays that of the whole product.
 */
export function partsOfProduct(call: ProductCall, threads: number): ProductCall[] {
  const { m, n, k } = call;
  if (threads <= 1 || !worthSplitting(m, n, k)) return [call];
  const byColumns = n >= m;
  const extent = byColumns ? n : m;
  const multiple = byColumns ? COLUMN_MULTIPLE : ROW_MULTIPLE;
  const size = Math.ceil(Math.ceil(extent / threads) / multiple) * multiple;
  const parts: ProductCall[] = [];
  for (let start = 0; start < extent; start += size) {
    const count = Math.min(size, extent - start);
    parts.push(byColumns ? columnsOf(call, start, count) : rowsOf(call, start, count));
  }
  return parts;
}

/** Columns [start, start + count) of C: those columns of op(B) (rows of a transposed B). */
function columnsOf(call: ProductCall, start: number, count: number): ProductCall {
  const bOffset = call.transB ? start * call.ldb : start;
  return { ...call, n: count, b: call.b + bOffset * FLOAT_BYTES, c: call.c + start * FLOAT_BYTES };
}

/** Rows [start, start + count) of C: those rows of op(A) (columns of a transposed A). */
function rowsOf(call: ProductCall, start: number, count: number): ProductCall {
  const aOffset = call.transA ? start : start * call.lda;
  return { ...call, m: count, a: call.a + aOffset * FLOAT_BYTES, c: call.c + start * call.ldc * FLOAT_BYTES };
}
