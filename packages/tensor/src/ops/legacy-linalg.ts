import { checkBoolean, readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { luFactor, luFactorEx, luSolve as linalgLuSolve } from './lu-factorization.js';
import { solveTriangular } from './triangular-solve.js';
import { clone, transpose as transposeDims } from './views.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';

// torch's pre-linalg solvers, kept in torch (deprecated) and in code written before torch.linalg:
// torch.triangular_solve(b, A), torch.lu(A) and torch.lu_solve(b, LU, pivots). Their arguments come
// in the old order (b first); each is a thin form of the linalg function that replaced it.

/** torch.triangular_solve's keywords. */
export interface TriangularSolveOptions {
  /** A is upper triangular (true) or lower triangular (false). Default true (torch's). */
  upper?: boolean;
  /** Solve Aᵀ·X = b instead of A·X = b. Default false. */
  transpose?: boolean;
  /** A's diagonal is taken as ones and never read. Default false. */
  unitriangular?: boolean;
}

/** The solution and a copy of A (torch's cloned_coefficient), by position and by name. */
export type TriangularSolution = readonly [solution: Tensor, clonedCoefficient: Tensor] & { solution: Tensor; clonedCoefficient: Tensor };

/**
 * X with A·X = b for triangular A [*, n, n] and b [*, n, k] (torch.triangular_solve, deprecated there in
 * favour of `linalg.solveTriangular(A, b)`, whose arguments come the other way round): upper by default,
 * Aᵀ with `transpose`, and a copy of A as the second result (only its triangle is read).
 * @example
 * const { solution } = triangularSolve(tensor([[4], [8]]), tensor([[2, 1], [0, 4]])); // [[1], [2]]
 * triangularSolve(b, lower, false); // upper=False positionally, as torch's
 */
export function triangularSolve(
  b: Tensor,
  a: Tensor,
  upper?: boolean | TriangularSolveOptions,
  transpose?: boolean | TriangularSolveOptions,
  unitriangular?: boolean | TriangularSolveOptions,
): TriangularSolution {
  if (arguments.length > 5) refuseArgumentsPast('triangularSolve', ['b', 'a', 'upper', 'transpose', 'unitriangular'], arguments);
  checkTensorArguments('triangular_solve', { b, A: a });
  const names = ['upper', 'transpose', 'unitriangular'];
  const read = readArguments<TriangularSolveOptions>('triangular_solve', [upper, transpose, unitriangular], names, names);
  const isUpper = checkBoolean('triangular_solve', 'upper', read.upper ?? true);
  const transposed = checkBoolean('triangular_solve', 'transpose', read.transpose ?? false);
  const unit = checkBoolean('triangular_solve', 'unitriangular', read.unitriangular ?? false);
  const [solution, clonedCoefficient] = composite(() => {
    // Aᵀ of an upper triangle is a lower one
    const matrix = transposed ? transposeDims(a, -2, -1) : a;
    const result = solveTriangular(matrix, b, { upper: transposed ? !isUpper : isUpper, unitriangular: unit });
    return [result, clone(a)] as const;
  });
  return Object.assign([solution, clonedCoefficient] as const, { solution, clonedCoefficient });
}

/** torch.lu's keywords. */
export interface LegacyLuOptions {
  /** Partial pivoting (only true is implemented, as on torch's CPU). Default true. */
  pivot?: boolean;
  /** Return LAPACK's info as a third result instead of throwing for a singular matrix. Default false. */
  getInfos?: boolean;
}

/**
 * The packed LU factorization and its pivots (torch.lu, deprecated there in favour of
 * `linalg.luFactor`), with LAPACK's info as a third result when `getInfos` is true.
 * @example
 * const [LU, pivots] = lu(tensor([[2, 1], [4, 3]])); // LU [[4, 3], [0.5, −0.5]], pivots [2, 2]
 */
export function lu(a: Tensor, pivot?: boolean | LegacyLuOptions, getInfos?: boolean | LegacyLuOptions): readonly Tensor[] {
  if (arguments.length > 3) refuseArgumentsPast('lu', ['a', 'pivot', 'getInfos'], arguments);
  const names = ['pivot', 'getInfos'];
  const read = readArguments<LegacyLuOptions>('lu', [pivot, getInfos], names, names);
  const withInfos = checkBoolean('lu', 'getInfos', read.getInfos ?? false);
  const options = { pivot: read.pivot ?? true };
  return withInfos ? [...luFactorEx(a, options)] : [...luFactor(a, options)];
}

/**
 * X with A·X = b from A's packed LU factorization and pivots (torch.lu_solve(b, LU, pivots), deprecated
 * there in favour of `linalg.luSolve(LU, pivots, b)`, whose arguments come the other way round).
 * @example
 * const [LU, pivots] = lu(a);
 * luSolve(b, LU, pivots); // a⁻¹·b
 */
export function luSolve(b: Tensor, LU: Tensor, pivots: Tensor): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('luSolve', ['b', 'LU', 'pivots'], arguments);
  checkTensorArguments('lu_solve', { b, LU_data: LU, LU_pivots: pivots });
  return linalgLuSolve(LU, pivots, b);
}
