import { cholesky } from './cholesky.js';
import { det, slogdet } from './determinant.js';
import { inv } from './inverse.js';
import { matrixRank, pinv } from './least-squares.js';
import { lstsq } from './lstsq.js';
import { norm } from './linalg-norm.js';
import { matrixExp, matrixExpAsync } from './matrix-exponential.js';
import { matrixNorm } from './matrix-norm.js';
import { matrixPower } from './matrix-power.js';
import { multiDot } from './multi-dot.js';
import { qr } from './qr.js';
import { svd, svdvals } from './singular-values.js';
import { solve } from './solve.js';
import { eigh, eigvalsh } from './symmetric-eigen.js';
import { vectorNorm } from './vector-norm.js';
import { cross, vecdot } from './linalg-vector-products.js';
import type { Tensor } from '../core/tensor.js';
import { type DiagonalArguments, linalgDiagonal } from './matrix-diagonals.js';
import { solveTriangular } from './triangular-solve.js';
import { lu, luFactor, luFactorEx, luSolve } from './lu-factorization.js';
import { cond } from './condition-number.js';
import { tensorinv, tensorsolve } from './tensor-inverse.js';
import { matmul } from './linalg.js';
import { linalgVander } from './linalg-vandermonde.js';
import { choleskyEx, invEx, solveEx } from './linalg-ex.js';
import { householderProduct } from './householder-product.js';

/**
 * torch.linalg's dense functions on batches of matrices, float32 or float64. Composed of tensor ops (so
 * every device runs them and gradients flow to any order): `inv`, `det`, `slogdet`, `solve`,
 * `cholesky`, `matrixPower` on square matrices [*, n, n], `qr` and `lstsq` on [*, m, n]. Computed by
 * Jacobi rotations on the CPU in JavaScript, with torch's closed-form gradients: `eigh`, `eigvalsh`,
 * `svd`, `svdvals`, and through svd `pinv` and `matrixRank`. Norms: `vectorNorm`, `matrixNorm` ('nuc' and
 * ±2 through svdvals, so on the CPU) and `norm` (torch's dispatch between them); products: `cross`,
 * `vecdot`, `multiDot` (in the cheapest order); `matrixExp` (Padé scaling and squaring; `matrixExpAsync`
 * on devices that read asynchronously); `diagonal` (of the last two dims). Triangular and LU solves:
 * `solveTriangular` (substitution), `luFactor`, `luFactorEx`, `lu` and `luSolve` (Gaussian elimination with
 * LAPACK's pivots); `cond`, `tensorinv`, `tensorsolve`, `matmul`, `vander`, and the `invEx`, `choleskyEx`,
 * `solveEx` variants that report singular or non-positive-definite matrices in `info` instead of throwing;
 * `householderProduct` (the Q of Householder reflectors, LAPACK's orgqr).
 * @example
 * linalg.inv(tensor([[2, 0], [0, 4]])); // [[0.5, 0], [0, 0.25]]
 * const [sign, logabsdet] = linalg.slogdet(tensor([[0, 1], [1, 0]])); // -1, 0
 * const [w, v] = linalg.eigh(tensor([[2, 1], [1, 2]])); // w [1, 3]
 * linalg.norm(tensor([[1, 2], [3, 4]]), 'nuc'); // 5.83, the sum of the singular values
 */
export const linalg = {
  inv,
  det,
  slogdet,
  solve,
  cholesky,
  matrixPower,
  qr,
  eigh,
  eigvalsh,
  svd,
  svdvals,
  lstsq,
  pinv,
  matrixRank,
  vectorNorm,
  matrixNorm,
  norm,
  cross,
  vecdot,
  multiDot,
  matrixExp,
  matrixExpAsync,
  /** torch.linalg.diagonal: `diagonal` with dim1 = −2 and dim2 = −1 (the matrices of a batch) by default. */
  diagonal: (input: Tensor, ...options: DiagonalArguments): Tensor => linalgDiagonal(input, ...options),
  solveTriangular,
  luFactor,
  luFactorEx,
  lu,
  luSolve,
  cond,
  tensorinv,
  tensorsolve,
  /** torch.linalg.matmul: `matmul`. */
  matmul,
  /** torch.linalg.vander: Vandermonde matrices [*, n, N] of x [*, n], increasing powers. */
  vander: linalgVander,
  invEx,
  choleskyEx,
  solveEx,
  householderProduct,
} as const;
