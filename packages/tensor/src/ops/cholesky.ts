import { isGradEnabled, noGrad } from '../autograd/grad-mode.js';
import { checkBoolean, withDefaults, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { arange, zeros } from './creation.js';
import { add, div, eq, gt, logicalNot, mul, sqrt, sub, where } from './elementwise.js';
import { matmul } from './linalg.js';
import { stack } from './join.js';
import { batchElement, checkSquareMatrices, firstFlagged } from './square-matrices.js';
import { select, transpose, unsqueeze } from './views.js';

/**
 * torch.linalg.cholesky's keyword.
 * @example
 * linalg.cholesky(a, { upper: true }); // U with A = Uᵀ·U
 */
export interface CholeskyOptions {
  /** Return the upper factor U = Lᵀ (read from A's upper triangle) instead of L. Default false. */
  upper?: boolean;
}

/**
 * The Cholesky factor of symmetric positive-definite matrices [*, n, n] (torch.linalg.cholesky): the
 * lower triangular L with A = L·Lᵀ, read from A's lower triangle (its upper one with `{ upper: true }`,
 * which returns U = Lᵀ). Column by column in tensor ops over the batch:
 * L[j, j] = √(A[j, j] − Σₖ L[j, k]²), L[i, j] = (A[i, j] − Σₖ L[i, k]·L[j, k]) / L[j, j] for i > j.
 * The gradient is torch's symmetric one (half of each off-diagonal entry to A[i, j] and to A[j, i]). On
 * the CPU an input that is not positive-definite throws torch's error naming the leading minor; on
 * devices that read asynchronously the factor holds NaN instead.
 * @example
 * linalg.cholesky(tensor([[4, 2], [2, 5]])); // [[2, 0], [1, 2]]
 */
export function cholesky(a: Tensor, options?: CholeskyOptions): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('cholesky', ['a', 'options'], arguments);
  const operation = 'linalg.cholesky';
  const upper = checkBoolean(operation, 'upper', withDefaults(operation, options, { upper: false }).upper);
  const size = checkSquareMatrices(operation, a);
  return composite(() => {
    const source = symmetricGradient(upper ? transpose(a, -2, -1) : a);
    const rows = arange(size, undefined, 1, { dtype: 'int32', device: a.device });
    let factor = zeros(a.shape, { dtype: a.dtype, device: a.device });
    const squares: Tensor[] = [];
    for (let column = 0; column < size; column++) {
      // v = A[:, j] − L[:, :j]·L[j, :j]ᵀ; the columns of L from j on are still 0
      const previous = unsqueeze(select(factor, -2, column), -1);
      const remainder = sub(select(source, -1, column), select(matmul(factor, previous), -1, 0));
      const square = select(remainder, -1, column);
      squares.push(square);
      const diagonal = unsqueeze(sqrt(square), -1);
      const values = where(gt(rows, column), div(remainder, diagonal), where(eq(rows, column), diagonal, 0));
      factor = add(factor, mul(unsqueeze(values, -1), eq(rows, column)));
    }
    if (size > 0) {
      const failed = firstFlagged(noGrad(() => logicalNot(gt(stack(squares, -1), 0))));
      if (failed)
        throw new Error(
          `${operation}: ${batchElement(a, failed.batch)}The factorization could not be completed because the input is not positive-definite (the leading minor of order ${failed.position + 1} is not positive-definite).`,
        );
    }
    return upper ? transpose(factor, -2, -1) : factor;
  });
}

/**
 * S with the value of `matrices` and torch's symmetric gradient for a function of its lower triangle:
 * S = A + ½((Aᵀ − stop Aᵀ) − (A − stop A)) sends half of the gradient of S[i, j] to A[i, j] and half
 * to A[j, i] (all of it on the diagonal). Only when a gradient will be taken: the value is A exactly,
 * but an infinite entry of the unread triangle would turn into NaN.
 */
function symmetricGradient(matrices: Tensor): Tensor {
  if (!isGradEnabled() || !matrices.requiresGrad) return matrices;
  const detached = matrices.detach();
  const mirrored = transpose(matrices, -2, -1);
  const difference = sub(sub(mirrored, transpose(detached, -2, -1)), sub(matrices, detached));
  return add(matrices, mul(difference, 0.5));
}
