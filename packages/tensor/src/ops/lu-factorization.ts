import { noGrad } from '../autograd/grad-mode.js';
import { checkBoolean, withDefaults, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { broadcastShapes, formatShape, shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { any } from './any-all.js';
import { castTo } from './convert.js';
import { arange, eye, zeros } from './creation.js';
import { abs, add, eq, gt, logicalOr, lt, where } from './elementwise.js';
import { eliminate } from './gaussian-elimination.js';
import { gather } from './indexing.js';
import { cat, stack } from './join.js';
import { argmax } from './reduce.js';
import { batchElement, checkFloating, checkSquareMatrices, firstFlagged } from './square-matrices.js';
import { tril, triu } from './triangular.js';
import { substitute } from './triangular-solve.js';
import { expand, narrow, transpose, unsqueeze } from './views.js';
import { checkTensorArguments, checkLive } from '../core/tensor-arguments.js';

/**
 * torch.linalg.lu_factor's and torch.linalg.lu's keyword.
 * @example
 * linalg.luFactor(a, { pivot: true });
 */
export interface LuOptions {
  /** Partial pivoting (rows swapped so that each pivot is the largest in its column). Only true is implemented, as on torch's CPU, which refuses false. Default true. */
  pivot?: boolean;
}

/**
 * torch.linalg.lu_solve's keywords.
 * @example
 * linalg.luSolve(LU, pivots, b, { left: false, adjoint: true }); // X with X·Aᵀ = B
 */
export interface LuSolveOptions {
  /** Solve A·X = B (true) or X·A = B (false). Default true. */
  left?: boolean;
  /** Solve with Aᴴ (Aᵀ for real matrices) in place of A. Default false. */
  adjoint?: boolean;
}

/**
 * torch.lu_unpack's keywords: what to unpack; what is not unpacked comes back as an empty tensor [0].
 * @example
 * luUnpack(LU, pivots, { unpackData: false }).P;
 */
export interface LuUnpackOptions {
  /** Unpack L and U from LU. Default true. */
  unpackData?: boolean;
  /** Build the permutation matrix P from the pivots. Default true. */
  unpackPivots?: boolean;
}

/**
 * torch.linalg.lu_factor's named pair: the packed factors and the pivots. Read it by name or by position.
 * @example
 * const { LU, pivots } = linalg.luFactor(a);
 * const [LU2, pivots2] = linalg.luFactor(a);
 */
export type LuFactorization = readonly [LU: Tensor, pivots: Tensor] & { readonly LU: Tensor; readonly pivots: Tensor };

/**
 * torch.linalg.lu_factor_ex's named triple: `luFactor`'s pair and info, int32 [*], 0 where U's diagonal has
 * no zero, else the (1-based) index of the first zero on it.
 * @example
 * const { LU, pivots, info } = linalg.luFactorEx(a);
 */
export type LuFactorizationWithInfo = readonly [LU: Tensor, pivots: Tensor, info: Tensor] & {
  readonly LU: Tensor;
  readonly pivots: Tensor;
  readonly info: Tensor;
};

/**
 * torch.linalg.lu's (and torch.lu_unpack's) named triple with A = P·L·U. Read it by name or by position.
 * @example
 * const { P, L, U } = linalg.lu(a);
 */
export type LuDecomposition = readonly [P: Tensor, L: Tensor, U: Tensor] & { readonly P: Tensor; readonly L: Tensor; readonly U: Tensor };

/**
 * What `factorize` gives: A = Pσᵀ·L·U for a row order σ (row j of L·U is row σ(j) of A).
 * @example
 * const { lower, upper, order } = factorize(a);
 */
export interface Factors {
  /** L [*, m, k], k = min(m, n): unit lower triangular. */
  lower: Tensor;
  /** U [*, k, n]: upper triangular. */
  upper: Tensor;
  /** σ, int32 [*, m]. */
  order: Tensor;
  /** LAPACK's 1-based row swaps, int32 [*, k]: step i swapped rows i and pivots[i] − 1. */
  pivots: Tensor;
  /** U's diagonal [*, k], for its zeros. */
  diagonal: Tensor;
}

/**
 * The LU factorization with partial pivoting of matrices [*, m, n] (torch.linalg.lu_factor): L (unit lower
 * triangular, below the diagonal) and U (upper triangular, on and above it) packed in one [*, m, n] tensor,
 * and LAPACK's 1-based row swaps `pivots`, int32 [*, min(m, n)], with A = P·L·U. The pivots are getrf's:
 * the first largest |value| of each column. Gradients flow to A through the elimination (to any order). On
 * the CPU a zero on U's diagonal throws torch's error (use `luFactorEx` or `lu` for singular matrices).
 * @example
 * const { LU, pivots } = linalg.luFactor(tensor([[1, 2], [3, 4]])); // LU [[3, 4], [1/3, 2/3]], pivots [2, 2]
 */
export function luFactor(a: Tensor, options?: LuOptions): LuFactorization {
  if (arguments.length > 2) refuseArgumentsPast('luFactor', ['a', 'options'], arguments);
  const operation = 'linalg.lu_factor';
  checkPivot(operation, options);
  checkMatrices(operation, a);
  const [LU, pivots] = composite(() => {
    const factors = factorize(a);
    const zero = firstFlagged(eq(factors.diagonal, 0));
    if (zero) {
      const position = zero.position + 1;
      throw new Error(
        `${operation}: ${batchElement(a, zero.batch)}U[${position},${position}] is zero and using it on lu_solve would result in a division by zero. If you still want to perform the factorization, consider calling linalg.lu(A, pivot) or linalg.lu_factor_ex(A, pivot)`,
      );
    }
    return [pack(factors), factors.pivots] as const;
  });
  return Object.assign([LU, pivots] as const, { LU, pivots });
}

/**
 * `luFactor` without the error for a singular matrix (torch.linalg.lu_factor_ex): its `info` [*] is 0, or
 * the 1-based index of the first zero on U's diagonal, as LAPACK's getrf.
 * @example
 * linalg.luFactorEx(tensor([[1, 2], [2, 4]])).info; // 2
 */
export function luFactorEx(a: Tensor, options?: LuOptions): LuFactorizationWithInfo {
  if (arguments.length > 2) refuseArgumentsPast('luFactorEx', ['a', 'options'], arguments);
  const operation = 'linalg.lu_factor_ex';
  checkPivot(operation, options);
  checkMatrices(operation, a);
  const [LU, pivots, info] = composite(() => {
    const factors = factorize(a);
    return [pack(factors), factors.pivots, noGrad(() => firstIndexOf(eq(factors.diagonal, 0)))] as const;
  });
  return Object.assign([LU, pivots, info] as const, { LU, pivots, info });
}

/**
 * The LU decomposition with partial pivoting A = P·L·U of matrices [*, m, n] (torch.linalg.lu): P [*, m, m]
 * a permutation matrix (in A's dtype), L [*, m, k] unit lower triangular and U [*, k, n] upper triangular,
 * k = min(m, n), with torch's (LAPACK's) pivot choices. A singular matrix is factored without an error
 * (U has a zero on its diagonal). Gradients flow from L and U to A (to any order); P has none.
 * @example
 * const { P, L, U } = linalg.lu(tensor([[1, 2], [3, 4]])); // P [[0, 1], [1, 0]], L [[1, 0], [1/3, 1]], U [[3, 4], [0, 2/3]]
 */
export function lu(a: Tensor, options?: LuOptions): LuDecomposition {
  if (arguments.length > 2) refuseArgumentsPast('lu', ['a', 'options'], arguments);
  const operation = 'linalg.lu';
  checkPivot(operation, options);
  checkMatrices(operation, a);
  const [P, L, U] = composite(() => {
    const factors = factorize(a);
    return [permutationMatrix(factors.order, a), factors.lower, factors.upper] as const;
  });
  return Object.assign([P, L, U] as const, { P, L, U });
}

/**
 * P, L and U with A = P·L·U from `luFactor`'s packed LU [*, m, n] and pivots [*, min(m, n)]
 * (torch.lu_unpack): L [*, m, k] is LU's strict lower triangle with ones on the diagonal, U [*, k, n] its
 * upper triangle, P [*, m, m] applies the row swaps. Gradients flow from L and U to LU. Pivots outside
 * 1 … m throw torch's error on the CPU.
 * @example
 * const { LU, pivots } = linalg.luFactor(a);
 * const { P, L, U } = luUnpack(LU, pivots); // P·L·U = a
 */
export function luUnpack(LU: Tensor, pivots: Tensor, options?: LuUnpackOptions): LuDecomposition {
  if (arguments.length > 3) refuseArgumentsPast('luUnpack', ['LU', 'pivots', 'options'], arguments);
  const operation = 'lu_unpack';
  checkTensorArguments(operation, { LU, pivots });
  const read = withDefaults(operation, options, { unpackData: true, unpackPivots: true });
  const unpackData = checkBoolean(operation, 'unpackData', read.unpackData);
  const unpackPivots = checkBoolean(operation, 'unpackPivots', read.unpackPivots);
  checkLive(operation, 'LU', LU);
  checkLive(operation, 'pivots', pivots);
  if (LU.ndim < 2) throw new Error(`${operation}: Expected tensor with 2 or more dimensions. Got size: ${formatShape(LU.shape)} instead`);
  if (pivots.dtype !== 'int32') throw new Error(`${operation}: LU_pivots is expected to be a contiguous tensor of int32 dtype.`);
  const [m, n] = LU.shape.slice(-2) as [number, number];
  const expected = [...LU.shape.slice(0, -2), Math.min(m, n)];
  if (!shapesEqual(pivots.shape, expected))
    throw new Error(
      `${operation}: Expected pivots of shape ${formatShape(expected)} (LU.shape[:-2] and min(m, n)), but got pivots with shape ${formatShape(pivots.shape)}`,
    );
  assertSameDevice(operation, [LU, pivots]);
  checkPivotRange(operation, pivots, m);
  const [P, L, U] = composite(() => {
    const empty = zeros([0], { dtype: LU.dtype, device: LU.device });
    const P = unpackPivots ? permutationMatrix(orderOf(pivots, m), LU) : empty;
    if (!unpackData) return [P, empty, empty] as const;
    return [P, unitLower(LU), triu(narrow(LU, -2, 0, Math.min(m, n)))] as const;
  });
  return Object.assign([P, L, U] as const, { P, L, U });
}

/**
 * The solution X of A·X = B from A's `luFactor` (torch.linalg.lu_solve): LU [*, n, n] and pivots [*, n] of
 * one batch shape, B [*, n, k] broadcasting against them, X·A = B with `{ left: false }` and Aᵀ in place
 * of A with `{ adjoint: true }`. Row swaps, then forward substitution with L and back substitution with U
 * (`substitute`, reading only LU's triangles), so gradients flow to LU and B to any order.
 * @example
 * const { LU, pivots } = linalg.luFactor(a);
 * linalg.luSolve(LU, pivots, b); // a⁻¹·b
 */
export function luSolve(LU: Tensor, pivots: Tensor, b: Tensor, options?: LuSolveOptions): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('luSolve', ['LU', 'pivots', 'b', 'options'], arguments);
  const operation = 'linalg.lu_solve';
  const read = withDefaults(operation, options, { left: true, adjoint: false });
  const left = checkBoolean(operation, 'left', read.left);
  const adjoint = checkBoolean(operation, 'adjoint', read.adjoint);
  const size = checkSquareMatrices(operation, LU);
  checkLive(operation, 'b', b);
  checkLive(operation, 'pivots', pivots);
  if (b.ndim < 2) throw new Error(`${operation}: The input tensor B must have at least 2 dimensions.`);
  if (b.dtype !== LU.dtype)
    throw new Error(
      `${operation}: Expected LU and B to have the same dtype, but found LU of type ${LU.dtype} and B of type ${b.dtype} instead`,
    );
  if (pivots.dtype !== 'int32') throw new Error(`${operation}: pivots should be a Tensor of scalar type int32`);
  if (pivots.shape[pivots.ndim - 1] !== size)
    throw new Error(`${operation}: Number of pivots per batch should be same as the dimension of the matrix`);
  if (!shapesEqual(pivots.shape, LU.shape.slice(0, -1)))
    throw new Error(
      `${operation}: Expected LU.shape[:-1] and pivots.shape to be the same, but got pivots with shape ${formatShape(pivots.shape)} instead`,
    );
  const [rows, columns] = b.shape.slice(-2) as [number, number];
  if (left ? rows !== size : columns !== size)
    throw new Error(
      `${operation}: Incompatible shapes of A and B for the equation ${left ? 'AX = B' : 'XA = B'} (${size}x${size} and ${rows}x${columns})`,
    );
  assertSameDevice(operation, [LU, pivots, b]);
  broadcastShapes(operation, LU.shape.slice(0, -2), b.shape.slice(0, -2));
  checkPivotRange(operation, pivots, size);
  return composite(() => solveFactored(LU, orderOf(pivots, size), b, left, adjoint));
}

/**
 * X with op(A)·X = B (or X·op(A) = B when not `left`) for A = Pσᵀ·L·U given as packed LU [*, n, n] and
 * the row order σ [*, n] (row j of Pσ·A is row σ(j) of A), op(A) = Aᵀ when `adjoint`. A right-hand solve is the transposed left one with
 * the other op: X·A = B ⇔ Aᵀ·Xᵀ = Bᵀ.
 * @example
 * solveFactored(pack(factors), factors.order, b, true, false); // A⁻¹·B
 */
export function solveFactored(LU: Tensor, order: Tensor, b: Tensor, left: boolean, adjoint: boolean): Tensor {
  if (!left) return transpose(solveFactored(LU, order, transpose(b, -2, -1), true, !adjoint), -2, -1);
  const size = LU.shape[LU.ndim - 1]!;
  const batch = broadcastShapes('linalg.lu_solve', LU.shape.slice(0, -2), b.shape.slice(0, -2));
  const columns = b.shape[b.ndim - 1]!;
  const factors = expand(LU, [...batch, size, size]);
  const rightHandSides = expand(b, [...batch, size, columns]);
  if (size === 0) return rightHandSides;
  const rowIndex = (permutation: Tensor) => expand(unsqueeze(permutation, -1), [...batch, size, columns]);
  if (!adjoint) {
    // A·X = Pσᵀ·L·U·X = B: U·X = L⁻¹·(Pσ·B), and row j of Pσ·B is row σ(j) of B
    const permuted = gather(rightHandSides, -2, rowIndex(order));
    return substitute(factors, substitute(factors, permuted, false, true), true, false);
  }
  // Aᵀ·X = Uᵀ·Lᵀ·Pσ·X = B: Pσ·X = L⁻ᵀ·U⁻ᵀ·B, and row i of X is row σ⁻¹(i) of Pσ·X
  const transposed = transpose(factors, -2, -1);
  const solved = substitute(transposed, substitute(transposed, rightHandSides, false, false), true, true);
  return gather(solved, -2, rowIndex(inverseOrder(order)));
}

/**
 * LU with partial pivoting of [*, m, n] matrices by `eliminate` (the Gaussian elimination that det uses).
 * It eliminates [A | 0 | I]: the zero columns (m − n of them for a tall A) make the pivot columns square,
 * and add steps that neither swap nor eliminate; the identity records R = L⁻¹·Pσ, the row operations
 * (Pσ the permutation with row j of Pσ·A = row σ(j) of A). The first nonzero row of R's column c is
 * σ⁻¹(c) (each row of R mixes only the rows already chosen as pivots, so the rows above hold exact
 * zeros), which gives σ; then L⁻¹ = R·Pσᵀ (R's columns in the order σ) and L by forward substitution.
 * @example
 * factorize(a).upper; // U of a = P·L·U
 */
export function factorize(a: Tensor): Factors {
  const [m, n] = a.shape.slice(-2) as [number, number];
  const size = Math.min(m, n);
  const batch = a.shape.slice(0, -2);
  const options = { dtype: a.dtype, device: a.device };
  if (size === 0) {
    const order = expand(arange(m, undefined, 1, { dtype: 'int32', device: a.device }), [...batch, m]);
    const pivots = zeros([...batch, 0], { dtype: 'int32', device: a.device });
    return { lower: narrow(a, -1, 0, 0), upper: narrow(a, -2, 0, 0), order, pivots, diagonal: zeros([...batch, 0], options) };
  }
  const columns = [a];
  if (m > n) columns.push(zeros([...batch, m, m - n], options));
  columns.push(expand(eye(m, m, options), [...batch, m, m]));
  const { pivots: pivotValues, reduced } = eliminate(cat(columns, -1), 'lu');
  const upper = triu(narrow(narrow(reduced, -2, 0, size), -1, 0, n));
  const record = narrow(reduced, -1, Math.max(m, n), m);
  const order = noGrad(() => orderFromRecord(record));
  const inverseLower = gather(record, -1, expand(unsqueeze(order, -2), [...batch, m, m]));
  // L's first k columns: L⁻¹·L[:, :k] = I[:, :k]
  const lower = substitute(inverseLower, expand(eye(m, size, options), [...batch, m, size]), false, true);
  const pivots = noGrad(() => swapsOf(order, size));
  return { lower, upper, order, pivots, diagonal: stack(pivotValues.slice(0, size), -1) };
}

/**
 * L and U packed as LAPACK's getrf leaves them: [*, m, n], L's strict lower triangle below the diagonal
 * and U on and above it.
 * @example
 * pack(factorize(a)); // luFactor(a).LU
 */
export function pack(factors: Pick<Factors, 'lower' | 'upper'>): Tensor {
  const { lower, upper } = factors;
  const [m, size] = lower.shape.slice(-2) as [number, number];
  const n = upper.shape[upper.ndim - 1]!;
  const batch = lower.shape.slice(0, -2);
  const strict = tril(lower, -1);
  const options = { dtype: upper.dtype, device: upper.device };
  // a tall matrix: U over zero rows; a wide one: L beside zero columns
  if (m > size) return add(strict, cat([upper, zeros([...batch, m - size, n], options)], -2));
  if (n > size) return add(cat([strict, zeros([...batch, m, n - size], options)], -1), upper);
  return add(strict, upper);
}

/**
 * The 1-based index of the first set flag of each [*, k] row as int32 [*], 0 where none is set (LAPACK's
 * info).
 * @example
 * firstIndexOf(tensor([[false, true, true], [false, false, false]])); // [2, 0]
 */
export function firstIndexOf(flags: Tensor): Tensor {
  if (flags.shape[flags.ndim - 1] === 0) return zeros(flags.shape.slice(0, -1), { dtype: 'int32', device: flags.device });
  return where(any(flags, -1), add(argmax(castTo(flags, 'int32'), -1), 1), 0);
}

function checkPivot(operation: string, options: LuOptions | undefined): void {
  const pivot = checkBoolean(operation, 'pivot', withDefaults(operation, options, { pivot: true }).pivot);
  if (!pivot) throw new Error(`${operation}: LU without pivoting is not implemented on the CPU`);
}

function checkMatrices(operation: string, a: Tensor): void {
  checkLive(operation, 'a', a);
  if (a.ndim < 2) throw new Error(`${operation}: Expected tensor with 2 or more dimensions. Got size: ${formatShape(a.shape)} instead`);
  checkFloating(operation, a);
}

/** Throws torch's error, on devices that read synchronously, for a pivot outside 1 … rows. */
function checkPivotRange(operation: string, pivots: Tensor, rows: number): void {
  const outside = composite(() => firstFlagged(logicalOr(lt(pivots, 1), gt(pivots, rows))));
  if (outside)
    throw new Error(
      `${operation}: pivots passed to lu_unpack must be between 1 and LU.size(-2) inclusive.Did you properly pass the result of lu_factor?`,
    );
}

/** σ [*, m] from R = L⁻¹·Pσ [*, m, m]: σ⁻¹(c) is the first row with R[row, c] ≠ 0. */
function orderFromRecord(record: Tensor): Tensor {
  const size = record.shape[record.ndim - 1]!;
  const firstRows = argmax(castTo(gt(abs(record), 0), 'int32'), -2);
  const rows = arange(size, undefined, 1, { dtype: 'int32', device: record.device });
  // σ(j) = the column c with σ⁻¹(c) = j
  return argmax(castTo(eq(unsqueeze(firstRows, -2), unsqueeze(rows, -1)), 'int32'), -1);
}

/**
 * LAPACK's row swaps, 1-based int32 [*, k], that put the rows in the order σ: step i swaps row i with
 * the row where σ(i) is at that time.
 */
function swapsOf(order: Tensor, steps: number): Tensor {
  const size = order.shape[order.ndim - 1]!;
  const rows = arange(size, undefined, 1, { dtype: 'int32', device: order.device });
  let current = expand(rows, order.shape);
  const swaps: Tensor[] = [];
  for (let step = 0; step < steps; step++) {
    const wanted = narrow(order, -1, step, 1);
    const position = argmax(castTo(eq(current, wanted), 'int32'), -1, true);
    swaps.push(add(position, 1));
    current = swapped(current, rows, step, position);
  }
  return cat(swaps, -1);
}

/** σ [*, m] from LAPACK's 1-based row swaps [*, k]: the swaps applied in turn to the rows 0 … m − 1. */
function orderOf(pivots: Tensor, size: number): Tensor {
  const rows = arange(size, undefined, 1, { dtype: 'int32', device: pivots.device });
  let current = expand(rows, [...pivots.shape.slice(0, -1), size]);
  for (let step = 0; step < pivots.shape[pivots.ndim - 1]!; step++)
    current = swapped(current, rows, step, add(narrow(pivots, -1, step, 1), -1));
  return current;
}

/** `current` [*, m] with its entries at `step` and at `position` [*, 1] exchanged. */
function swapped(current: Tensor, rows: Tensor, step: number, position: Tensor): Tensor {
  const atStep = narrow(current, -1, step, 1);
  const atPosition = gather(current, -1, position);
  return where(eq(rows, step), atPosition, where(eq(rows, position), atStep, current));
}

/** σ⁻¹ [*, m]: σ⁻¹(i) is the j with σ(j) = i. */
function inverseOrder(order: Tensor): Tensor {
  const size = order.shape[order.ndim - 1]!;
  const rows = arange(size, undefined, 1, { dtype: 'int32', device: order.device });
  return argmax(castTo(eq(unsqueeze(order, -2), unsqueeze(rows, -1)), 'int32'), -1);
}

/** P [*, m, m] in `like`'s dtype with A = P·L·U: P[σ(j), j] = 1, without gradient. */
function permutationMatrix(order: Tensor, like: Tensor): Tensor {
  const size = order.shape[order.ndim - 1]!;
  const rows = arange(size, undefined, 1, { dtype: 'int32', device: order.device });
  return castTo(eq(unsqueeze(rows, -1), unsqueeze(order, -2)), like.dtype);
}

/** L [*, m, k] from packed LU [*, m, n]: its strict lower triangle (first k columns) over the identity. */
function unitLower(LU: Tensor): Tensor {
  const [m, n] = LU.shape.slice(-2) as [number, number];
  const size = Math.min(m, n);
  return add(tril(narrow(LU, -1, 0, size), -1), eye(m, size, { dtype: LU.dtype, device: LU.device }));
}
