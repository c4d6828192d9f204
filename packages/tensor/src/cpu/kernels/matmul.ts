import type { MatmulShape, TensorView } from '../../core/backend.js';
import { gemm } from '../sgemm/gemm-reference.js';
import { sgemm } from '../sgemm/sgemm.js';

/** Batched matmul: one gemm call per batch matrix, float32 through the WebAssembly SIMD kernel. */
export function matmul(a: TensorView, b: TensorView, out: TensorView, shape: MatmulShape): void {
  const { batch, m, n, k, transposeA, transposeB, batchStrideA, batchStrideB } = shape;
  // leading dimensions of the stored (row-major) matrices
  const lda = transposeA ? m : k;
  const ldb = transposeB ? k : n;
  const multiply = out.dtype === 'float32' ? sgemm : gemm;
  for (let index = 0; index < batch; index++) {
    multiply({
      transA: transposeA,
      transB: transposeB,
      m,
      n,
      k,
      a: a.buffer as Float32Array,
      aOffset: a.offset + index * batchStrideA,
      lda,
      b: b.buffer as Float32Array,
      bOffset: b.offset + index * batchStrideB,
      ldb,
      c: out.buffer as Float32Array,
      cOffset: out.offset + index * m * n,
      ldc: n,
      accumulate: false,
    });
  }
}
