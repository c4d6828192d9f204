/** A dense floating-point buffer a gemm can read or write. */
export type FloatArray = Float32Array | Float64Array;

/**
 * Operands of C[m×n] (+)= op(A)[m×k] · op(B)[k×n] on row-major matrices stored in flat arrays.
 * op(X) = Xᵀ when the matching `trans*` flag is true. Leading dimensions are the row strides of the
 * STORED matrices: A is m×k (k×m when transposed) read from `a[aOffset + row · lda + column]`,
 * likewise B, and C is m×n at `c[cOffset + i · ldc + j]`.
 */
export interface GemmOptions<Data extends FloatArray = FloatArray> {
  transA: boolean;
  transB: boolean;
  m: number;
  n: number;
  k: number;
  a: Data;
  aOffset: number;
  lda: number;
  b: Data;
  bOffset: number;
  ldb: number;
  c: Data;
  cOffset: number;
  ldc: number;
  /** false: C = op(A)·op(B) (C is never read, k = 0 gives zeros); true: C += op(A)·op(B). */
  accumulate: boolean;
}

/**
 * Plain TypeScript gemm, C (+)= op(A)·op(B), for float32 or float64 arrays. It accumulates in
 * the precision of the arrays (so in float64 it is the reference the float32 kernel is tested
 * against) and serves float64 tensors, which the WebAssembly kernel does not cover.
 */
export function gemm(options: GemmOptions): void {
  const { transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc, accumulate } = options;
  if (!accumulate) {
    for (let i = 0; i < m; i++) c.fill(0, cOffset + i * ldc, cOffset + i * ldc + n);
  }
  // Strides of op(A) and op(B): a transposed operand swaps its row and column steps.
  const aRowStep = transA ? 1 : lda;
  const aDepthStep = transA ? lda : 1;
  const bDepthStep = transB ? 1 : ldb;
  const bColumnStep = transB ? ldb : 1;
  if (bColumnStep === 1) {
    // i-p-j order: the inner loop walks a row of B and a row of C contiguously.
    for (let i = 0; i < m; i++) {
      const cRow = cOffset + i * ldc;
      for (let p = 0; p < k; p++) {
        const scale = a[aOffset + i * aRowStep + p * aDepthStep]!;
        const bRow = bOffset + p * bDepthStep;
        for (let j = 0; j < n; j++) c[cRow + j]! += scale * b[bRow + j]!;
      }
    }
    return;
  }
  // B transposed: column j of op(B) is row j of stored B, so use dot products along p.
  for (let i = 0; i < m; i++) {
    const cRow = cOffset + i * ldc;
    const aRow = aOffset + i * aRowStep;
    for (let j = 0; j < n; j++) {
      const bColumn = bOffset + j * bColumnStep;
      let sum = 0;
      for (let p = 0; p < k; p++) sum += a[aRow + p * aDepthStep]! * b[bColumn + p]!;
      c[cRow + j]! += sum;
    }
  }
}
