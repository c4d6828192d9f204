import { noGrad } from '../autograd/grad-mode.js';
import type { Tensor } from '../core/tensor.js';
import { castTo } from './convert.js';
import { arange, full } from './creation.js';
import { abs, add, div, eq, gt, mul, ne, sub, where } from './elementwise.js';
import { gather } from './indexing.js';
import { argmax } from './reduce.js';
import { expand, narrow, select, squeeze, unsqueeze } from './views.js';

/**
 * 'lu' eliminates below each pivot only and steps over a zero pivot (its column below is zero then, as
 * LAPACK's getrf leaves it), for determinants; 'jordan' also eliminates above and scales each pivot row
 * by its pivot, so [A | B] becomes [I | A⁻¹B]; a zero pivot divides by zero there.
 * @example
 * eliminate(a, 'lu').pivots; // the diagonal of U in P·A = L·U
 */
export type EliminationMode = 'lu' | 'jordan';

/**
 * What elimination leaves: the pivots, the sign of the row permutation and the reduced matrix.
 * @example
 * const { pivots, permutationSign } = eliminate(a, 'lu'); // det A = permutationSign · Π pivots
 */
export interface Elimination {
  /** Pivot k of every matrix, [*] each, as it was before its row was scaled: det A = sign · Π pivots. */
  pivots: Tensor[];
  /** (−1)^(row swaps), [*] in the input's dtype, without gradient. */
  permutationSign: Tensor;
  /** The eliminated [*, n, m] matrix: in 'jordan' mode [I | A⁻¹B]. */
  reduced: Tensor;
}

/**
 * Gaussian elimination with partial pivoting of [*, n, m] matrices (m ≥ n, the first n columns square),
 * as n steps of whole-tensor ops over the batch, so every device runs it and autograd differentiates
 * it (to any order) without a rule of its own. Step k: the pivot row p is the first row i ≥ k with the
 * largest |M[i, k]| (an index, taken without gradient); rows k and p swap through a gather; then one
 * rank-1 update M ← M − c ⊗ (M[k, :] / M[k, k]), c the column k below (or off) the diagonal.
 * @example
 * eliminate(cat([a, b], -1), 'jordan').reduced; // [I | A⁻¹B]
 */
export function eliminate(matrices: Tensor, mode: EliminationMode): Elimination {
  const size = matrices.shape[matrices.ndim - 2]!;
  const rows = arange(size, undefined, 1, { dtype: 'int32', device: matrices.device });
  const pivots: Tensor[] = [];
  let flips: Tensor | undefined;
  let reduced = matrices;
  for (let step = 0; step < size; step++) {
    if (step < size - 1) {
      const [order, flip] = noGrad(() => pivotOrder(reduced, rows, step));
      flips = flips ? mul(flips, flip) : flip;
      reduced = gather(reduced, -2, expand(unsqueeze(order, -1), reduced.shape));
    }
    const pivotRow = select(reduced, -2, step);
    const pivot = select(pivotRow, -1, step);
    pivots.push(pivot);
    if (mode === 'lu' && step === size - 1) break;
    // a zero pivot with only zeros below it: the step eliminates nothing, as in getrf
    const divisor = mode === 'lu' ? where(eq(pivot, 0), 1, pivot) : pivot;
    const scaledRow = div(pivotRow, unsqueeze(divisor, -1));
    const eliminated = mode === 'lu' ? gt(rows, step) : ne(rows, step);
    const multipliers = where(eliminated, select(reduced, -1, step), 0);
    const updated = sub(reduced, mul(unsqueeze(multipliers, -1), unsqueeze(scaledRow, -2)));
    reduced = mode === 'lu' ? updated : where(unsqueeze(eq(rows, step), -1), unsqueeze(scaledRow, -2), updated);
  }
  const permutationSign = flips
    ? squeeze(flips, -1)
    : full(matrices.shape.slice(0, -2), 1, { dtype: matrices.dtype, device: matrices.device });
  return { pivots, permutationSign, reduced };
}

/**
 * The row order of step k: rows k and p (the pivot row) swapped, as an int32 [*, n] index, and the
 * step's sign flip [*, 1] (−1 where p ≠ k).
 */
function pivotOrder(matrices: Tensor, rows: Tensor, step: number): [Tensor, Tensor] {
  const size = rows.shape[0]!;
  const candidates = abs(narrow(select(matrices, -1, step), -1, step, size - step));
  const pivotRow = add(argmax(candidates, -1, true), step);
  const order = where(eq(rows, step), pivotRow, where(eq(rows, pivotRow), step, rows));
  // 1 − 2·[p ≠ k]
  const flip = sub(1, mul(castTo(ne(pivotRow, step), matrices.dtype), 2));
  return [order, flip];
}
