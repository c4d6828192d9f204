import { describeValue, readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { zeros } from './creation.js';
import { div, gt, mul, reciprocal, where } from './elementwise.js';
import { sum } from './reduce.js';
import { invEx } from './linalg-ex.js';
import { type MatrixNormOrd, matrixNorm } from './matrix-norm.js';
import { nanToNum } from './nan-to-num.js';
import { svdvals } from './singular-values.js';
import { checkFloating, checkSquareMatrices } from './square-matrices.js';
import { select, unsqueeze } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.linalg.cond's order, positional or as `{ p }`.
 * @example
 * linalg.cond(a, { p: 'fro' });
 */
export interface CondOptions {
  /** The norm: 'fro', 'nuc', ±1, ±2 or ±Infinity. Default: the 2-norm (σ_max / σ_min). */
  p?: MatrixNormOrd;
}

const orders: readonly unknown[] = ['fro', 'nuc', 1, -1, 2, -2, Infinity, -Infinity];

/**
 * The condition number of matrices [*, m, n] in a matrix norm (torch.linalg.cond): without p, or with
 * p = ±2, the ratio of the extreme singular values (σ_max / σ_min for 2, σ_min / σ_max for −2), for any
 * m and n, through svdvals (so on the CPU only); 'nuc' (square A) is Σσᵢ·Σ1/σᵢ from svdvals, as torch;
 * 'fro', ±1 and ±Infinity are ‖A‖ₚ·‖A⁻¹‖ₚ for square A, with A⁻¹ from `invEx`, and +∞ for a singular A
 * (an exactly zero pivot; torch turns 0·∞ and NaN into +∞ too).
 * Empty matrices give 0, as torch. Gradients through svdvals, matrixNorm and the inverse.
 * @example
 * linalg.cond(tensor([[1, 0], [0, 4]])); // 4
 * linalg.cond(tensor([[1, 2], [2, 4]]), 1); // Infinity
 */
export function cond(a: Tensor, p?: MatrixNormOrd | CondOptions): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('cond', ['a', 'p'], arguments);
  const operation = 'linalg.cond';
  const read = readArguments<CondOptions>(operation, [p], ['p'], ['p']);
  checkLive(operation, 'a', a);
  if (a.ndim < 2) throw new Error(`${operation}: The input tensor must have at least 2 dimensions.`);
  const ord = read.p;
  if (ord !== undefined && !orders.includes(ord))
    throw new Error(
      `${operation} got an invalid norm type: ${typeof ord === 'string' ? ord : describeValue(ord)}; p must be one of 'fro', 'nuc', 1, -1, 2, -2, Infinity, -Infinity or undefined`,
    );
  checkFloating(operation, a);
  const label = ord === Infinity ? 'inf' : ord === -Infinity ? '-inf' : String(ord);
  // torch checks a string order's squareness before it looks at empty matrices, a number's after
  if (typeof ord === 'string') checkSquareMatrices(`${operation}(ord=${label})`, a);
  // numpy does not define the condition number of 0×0 matrices; torch gives 0
  if (a.numel() === 0) return zeros(a.shape.slice(0, -2), { dtype: a.dtype, device: a.device });
  if (ord === 'nuc')
    // Σσ·Σ1/σ from one svdvals, as torch (whose nuclear norm of the ∞-filled inverse of a singular matrix would fail)
    return composite(() => {
      const values = svdvals(a);
      return mul(sum(values, -1), sum(reciprocal(values), -1));
    });
  if (ord === undefined || ord === 2 || ord === -2)
    return composite(() => {
      const values = svdvals(a);
      // descending: the largest first, the smallest last
      const largest = select(values, -1, 0);
      const smallest = select(values, -1, values.shape[values.ndim - 1]! - 1);
      return ord === -2 ? div(smallest, largest) : div(largest, smallest);
    });
  checkSquareMatrices(`${operation}(ord=${label})`, a);
  return composite(() => {
    const { inverse, info } = invEx(a);
    const singular = gt(info, 0);
    // a singular matrix's inverse holds ±∞ and NaN; its norm is not taken
    const safeInverse = where(unsqueeze(unsqueeze(singular, -1), -1), 0, inverse);
    const product = mul(matrixNorm(a, ord), matrixNorm(safeInverse, ord));
    return nanToNum(where(singular, Infinity, product), Infinity, Infinity, -Infinity);
  });
}
