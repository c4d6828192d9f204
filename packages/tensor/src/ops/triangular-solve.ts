import { isFloating, promoteTypes } from '../core/dtype.js';
import { checkBoolean, checkOptions, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { broadcastShapes } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { castTo } from './convert.js';
import { div, sub } from './elementwise.js';
import { cat } from './join.js';
import { matmul } from './linalg.js';
import { expand, narrow, transpose } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.linalg.solve_triangular's keywords: `upper` has no default there (a keyword-only argument
 * without a value), so it is required here too.
 * @example
 * linalg.solveTriangular(a, b, { upper: true, left: false }); // X with X·A = B
 */
export interface SolveTriangularOptions {
  /** A is upper triangular (true) or lower triangular (false); only that triangle of A is read. Required (torch's keyword `upper` has no default). */
  upper: boolean;
  /** Solve A·X = B (true) or X·A = B (false). Default true. */
  left?: boolean;
  /** A's diagonal is taken as ones and never read (a unit triangular matrix). Default false. */
  unitriangular?: boolean;
}

/**
 * The solution X of A·X = B (or X·A = B with `{ left: false }`) for triangular A [*, n, n]
 * (torch.linalg.solve_triangular): B is [*, n, k] (or [*, k, n] for `left: false`), batch dims
 * broadcast, dtypes promote (float64 with float32 gives float64, as torch). Forward substitution for a
 * lower A, back substitution for an upper one, in tensor ops (`substitute`), so gradients flow to A
 * (within the triangle read) and to B, to any order. A zero on A's diagonal gives ±∞ and NaN, as torch.
 * @example
 * linalg.solveTriangular(tensor([[2, 1], [0, 4]]), tensor([[4], [8]]), { upper: true }); // [[1], [2]]
 */
export function solveTriangular(a: Tensor, b: Tensor, options: SolveTriangularOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('solveTriangular', ['a', 'b', 'options'], arguments);
  const operation = 'linalg.solve_triangular';
  checkOptions(operation, options, ['upper', 'left', 'unitriangular']);
  if (options?.upper === undefined)
    throw new Error(
      `${operation}: the option \`upper\` is required (torch's keyword upper= has no default): pass { upper: true } for an upper triangular A or { upper: false } for a lower triangular one`,
    );
  const upper = checkBoolean(operation, 'upper', options.upper);
  const left = checkBoolean(operation, 'left', options.left ?? true);
  const unitriangular = checkBoolean(operation, 'unitriangular', options.unitriangular ?? false);
  checkLive(operation, 'a', a);
  checkLive(operation, 'b', b);
  if (a.ndim < 2) throw new Error(`${operation}: The input tensor A must have at least 2 dimensions.`);
  if (b.ndim < 2) throw new Error(`${operation}: The input tensor B must have at least 2 dimensions.`);
  const size = a.shape[a.ndim - 1]!;
  if (a.shape[a.ndim - 2] !== size)
    throw new Error(`${operation}: A must be batches of square matrices, but they are ${a.shape[a.ndim - 2]} by ${size} matrices`);
  const dtype = promoteTypes(a.dtype, b.dtype);
  if (!isFloating(dtype)) throw new Error(`${operation}: Expected a floating point or complex tensor as input. Got ${dtype}`);
  const [rows, columns] = b.shape.slice(-2) as [number, number];
  if (left ? rows !== size : columns !== size)
    throw new Error(
      `${operation}: Incompatible shapes of A and B for the equation ${left ? 'AX = B' : 'XA = B'} (${size}x${size} and ${rows}x${columns})`,
    );
  assertSameDevice(operation, [a, b]);
  const batch = broadcastShapes(operation, a.shape.slice(0, -2), b.shape.slice(0, -2));
  return composite(() => {
    const matrices = expand(castTo(a, dtype), [...batch, size, size]);
    const rightHandSides = expand(castTo(b, dtype), [...batch, rows, columns]);
    if (left) return substitute(matrices, rightHandSides, upper, unitriangular);
    // X·A = B ⇔ Aᵀ·Xᵀ = Bᵀ, where Aᵀ is lower triangular for an upper A and the other way round
    const solution = substitute(transpose(matrices, -2, -1), transpose(rightHandSides, -2, -1), !upper, unitriangular);
    return transpose(solution, -2, -1);
  });
}

/**
 * X with T·X = B for triangular T [*, n, n] and B [*, n, k] of one batch shape, one row of X at a
 * time: Xᵢ = (Bᵢ − Σⱼ Tᵢⱼ·Xⱼ) / Tᵢᵢ over the rows j already solved, from the bottom for an upper T
 * (back substitution) and from the top for a lower one (forward substitution). Reads only T's triangle,
 * and not its diagonal when `unitriangular` (Tᵢᵢ = 1). Tensor ops over the whole batch, so every device
 * runs it and autograd differentiates it to any order.
 * @example
 * substitute(tensor([[2, 0], [1, 1]]), tensor([[2], [3]]), false, false); // [[1], [2]]
 */
export function substitute(triangular: Tensor, rightHandSides: Tensor, upper: boolean, unitriangular: boolean): Tensor {
  const size = triangular.shape[triangular.ndim - 1]!;
  if (size === 0) return rightHandSides;
  const solved: Tensor[] = [];
  for (let step = 0; step < size; step++) {
    const row = upper ? size - 1 - step : step;
    const coefficients = narrow(triangular, -2, row, 1);
    let remainder = narrow(rightHandSides, -2, row, 1);
    if (step > 0) {
      // the rows solved so far: above this one for a lower T, below it for an upper T
      const known = cat(solved, -2);
      remainder = sub(remainder, matmul(narrow(coefficients, -1, upper ? row + 1 : 0, step), known));
    }
    const value = unitriangular ? remainder : div(remainder, narrow(coefficients, -1, row, 1));
    if (upper) solved.unshift(value);
    else solved.push(value);
  }
  return cat(solved, -2);
}
