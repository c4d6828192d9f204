import { isGradEnabled, noGrad } from '../autograd/grad-mode.js';
import { checkBoolean, withDefaults, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { cholesky } from './cholesky.js';
import { arange, eye, full, zeros } from './creation.js';
import { add, div, eq, ge, gt, logicalAnd, logicalNot, logicalOr, mul, sqrt, sub, where } from './elementwise.js';
import { inv } from './inverse.js';
import { matmul } from './linalg.js';
import { factorize, firstIndexOf, pack, solveFactored } from './lu-factorization.js';
import { checkSolveOperands, solve } from './solve.js';
import { checkSquareMatrices } from './square-matrices.js';
import { expand, select, squeeze, transpose, unsqueeze } from './views.js';

/**
 * torch.linalg.inv_ex's keyword.
 * @example
 * linalg.invEx(a, { checkErrors: true }); // throws for a singular a, as linalg.inv
 */
export interface InverseExOptions {
  /** Throw for a singular matrix, as `linalg.inv`, instead of reporting it in info. Default false. */
  checkErrors?: boolean;
}

/**
 * torch.linalg.cholesky_ex's keywords.
 * @example
 * linalg.choleskyEx(a, { upper: true });
 */
export interface CholeskyExOptions {
  /** Return the upper factor U = Lᵀ (read from A's upper triangle) instead of L. Default false. */
  upper?: boolean;
  /** Throw for a matrix that is not positive-definite, as `linalg.cholesky`, instead of reporting it in info. Default false. */
  checkErrors?: boolean;
}

/**
 * torch.linalg.solve_ex's keywords.
 * @example
 * linalg.solveEx(a, b, { left: false }); // X with X·A = B, and info
 */
export interface SolveExOptions {
  /** Solve A·X = B (true) or X·A = B (false). Default true. */
  left?: boolean;
  /** Throw for a singular matrix, as `linalg.solve`, instead of reporting it in info. Default false. */
  checkErrors?: boolean;
}

/**
 * torch.linalg.inv_ex's named pair: the inverse and info, int32 [*].
 * @example
 * const { inverse, info } = linalg.invEx(a);
 */
export type InverseWithInfo = readonly [inverse: Tensor, info: Tensor] & { readonly inverse: Tensor; readonly info: Tensor };

/**
 * torch.linalg.cholesky_ex's named pair: the factor and info, int32 [*].
 * @example
 * const { L, info } = linalg.choleskyEx(a);
 */
export type CholeskyWithInfo = readonly [L: Tensor, info: Tensor] & { readonly L: Tensor; readonly info: Tensor };

/**
 * torch.linalg.solve_ex's named pair: the solution and info, int32 [*].
 * @example
 * const { result, info } = linalg.solveEx(a, b);
 */
export type SolutionWithInfo = readonly [result: Tensor, info: Tensor] & { readonly result: Tensor; readonly info: Tensor };

/**
 * The inverse of square matrices [*, n, n] and LAPACK's info (torch.linalg.inv_ex): info [*] is 0 for an
 * invertible matrix and, for a singular one, the 1-based step of the first zero pivot of its LU
 * factorization, whose inverse then holds ±∞ and NaN instead of an error. As torch, a contiguous A is
 * factored as Aᵀ (LAPACK's layout), so info names Aᵀ's step. Computed as `solveEx(A, I)`: LU with partial
 * pivoting and substitution in tensor ops (gradients to any order).
 * @example
 * linalg.invEx(tensor([[1, 2], [2, 4]])).info; // 2
 */
export function invEx(a: Tensor, options?: InverseExOptions): InverseWithInfo {
  if (arguments.length > 2) refuseArgumentsPast('invEx', ['a', 'options'], arguments);
  const operation = 'linalg.inv_ex';
  const checkErrors = checkBoolean(operation, 'checkErrors', withDefaults(operation, options, { checkErrors: false }).checkErrors);
  const size = checkSquareMatrices(operation, a);
  const [inverse, info] = composite(() => {
    if (checkErrors) return [inv(a), zeroInfo(a)] as const;
    return solveWithInfo(a, expand(eye(size, size, { dtype: a.dtype, device: a.device }), a.shape), true);
  });
  return Object.assign([inverse, info] as const, { inverse, info });
}

/**
 * The solution of A·X = B (X·A = B with `{ left: false }`) and LAPACK's info (torch.linalg.solve_ex),
 * with `linalg.solve`'s rules for B (a batch of vectors or of matrices; batch dims broadcast). info [*]
 * has A's batch shape: 0, or for a singular A the 1-based step of the first zero pivot of the LU of Aᵀ
 * (of A when A is not contiguous), as torch; the solution then holds ±∞ and NaN instead of an error.
 * Gradients flow to A and B (to any order).
 * @example
 * const { result, info } = linalg.solveEx(tensor([[2, 0], [0, 4]]), tensor([2, 2])); // [1, 0.5], 0
 */
export function solveEx(a: Tensor, b: Tensor, options?: SolveExOptions): SolutionWithInfo {
  if (arguments.length > 3) refuseArgumentsPast('solveEx', ['a', 'b', 'options'], arguments);
  const operation = 'linalg.solve_ex';
  const read = withDefaults(operation, options, { left: true, checkErrors: false });
  const left = checkBoolean(operation, 'left', read.left);
  const checkErrors = checkBoolean(operation, 'checkErrors', read.checkErrors);
  const { vector } = checkSolveOperands(operation, a, b, left);
  const [result, info] = composite(() => {
    if (checkErrors) return [solve(a, b, { left }), zeroInfo(a)] as const;
    const [solution, found] = solveWithInfo(a, vector ? unsqueeze(b, -1) : b, left);
    return [vector ? squeeze(solution, -1) : solution, found] as const;
  });
  return Object.assign([result, info] as const, { result, info });
}

/**
 * The Cholesky factor of matrices [*, n, n] and LAPACK's info (torch.linalg.cholesky_ex): info [*] is 0
 * for a positive-definite matrix, else the order of its first leading minor that is not positive-definite.
 * Where info is 0 the factor is `linalg.cholesky`'s (its gradient too); where info = j + 1 > 0 it is what
 * LAPACK's unblocked potf2 leaves: the first j columns of the factor, then in column j the remainder
 * A[j, j] − Σₖ L[j, k]² ≤ 0 on the diagonal over A's entries, and A's lower triangle after it (the upper
 * one with `{ upper: true }`, transposed), without gradient. That is torch's factor for n ≤ 32; for
 * larger n torch's blocked potrf leaves partly updated blocks there instead (info is the same).
 * @example
 * linalg.choleskyEx(tensor([[1, 2], [2, 1]])).info; // 2
 */
export function choleskyEx(a: Tensor, options?: CholeskyExOptions): CholeskyWithInfo {
  if (arguments.length > 2) refuseArgumentsPast('choleskyEx', ['a', 'options'], arguments);
  const operation = 'linalg.cholesky_ex';
  const read = withDefaults(operation, options, { upper: false, checkErrors: false });
  const upper = checkBoolean(operation, 'upper', read.upper);
  const checkErrors = checkBoolean(operation, 'checkErrors', read.checkErrors);
  const size = checkSquareMatrices(operation, a);
  const [L, info] = composite(() => {
    if (checkErrors) return [cholesky(a, { upper }), zeroInfo(a)] as const;
    const [partial, found] = noGrad(() => partialCholesky(upper ? transpose(a, -2, -1) : a));
    const factor = upper ? transpose(partial, -2, -1) : partial;
    if (!isGradEnabled() || !a.requiresGrad) return [factor, found] as const;
    // the gradient of the matrices that factor: linalg.cholesky's, with the others replaced by I
    const failed = unsqueeze(unsqueeze(gt(found, 0), -1), -1);
    const repaired = where(failed, eye(size, size, { dtype: a.dtype, device: a.device }), a);
    return [where(failed, factor, cholesky(repaired, { upper })), found] as const;
  });
  return Object.assign([L, info] as const, { L, info });
}

/** info 0 for every matrix of a batch [*, n, n]. */
function zeroInfo(a: Tensor): Tensor {
  return zeros(a.shape.slice(0, -2), { dtype: 'int32', device: a.device });
}

/**
 * torch's solve_ex: the LU of Aᵀ for a contiguous A (the layout LAPACK reads without a copy; then
 * lu_solve with the adjoint), of A otherwise, and info from the zeros on U's diagonal.
 */
function solveWithInfo(a: Tensor, b: Tensor, left: boolean): [Tensor, Tensor] {
  const transposed = a.isContiguous();
  const factors = factorize(transposed ? transpose(a, -2, -1) : a);
  const info = noGrad(() => firstIndexOf(eq(factors.diagonal, 0)));
  return [solveFactored(pack(factors), factors.order, b, left, transposed), info];
}

/**
 * LAPACK's potf2 column by column, as linalg.cholesky but without its error: L[j, j] = √s with
 * s = A[j, j] − Σₖ L[j, k]², L[i, j] = (A[i, j] − Σₖ L[i, k]·L[j, k]) / L[j, j]. At the first column
 * with s ≤ 0 (or NaN) a matrix stops: s stays on the diagonal over A's column, A's lower triangle after
 * it, and info is j + 1.
 */
function partialCholesky(source: Tensor): [Tensor, Tensor] {
  const size = source.shape[source.ndim - 1]!;
  const batch = source.shape.slice(0, -2);
  const rows = arange(size, undefined, 1, { dtype: 'int32', device: source.device });
  let factor = zeros(source.shape, { dtype: source.dtype, device: source.device });
  let failed = full(batch, 0, { dtype: 'bool', device: source.device });
  let info = zeros(batch, { dtype: 'int32', device: source.device });
  for (let column = 0; column < size; column++) {
    const previous = unsqueeze(select(factor, -2, column), -1);
    const remainder = sub(select(source, -1, column), select(matmul(factor, previous), -1, 0));
    const square = select(remainder, -1, column);
    const diagonal = unsqueeze(sqrt(square), -1);
    const computed = where(gt(rows, column), div(remainder, diagonal), where(eq(rows, column), diagonal, 0));
    const original = where(ge(rows, column), select(source, -1, column), 0);
    const fails = logicalNot(gt(square, 0));
    const newly = logicalAnd(fails, logicalNot(failed));
    const atFailure = where(eq(rows, column), unsqueeze(square, -1), original);
    const values = where(unsqueeze(failed, -1), original, where(unsqueeze(newly, -1), atFailure, computed));
    factor = add(factor, mul(unsqueeze(values, -1), eq(rows, column)));
    info = where(newly, column + 1, info);
    failed = logicalOr(failed, fails);
  }
  return [factor, info];
}
