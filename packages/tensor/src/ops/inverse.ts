import { refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { eye } from './creation.js';
import { solveSquare } from './solve.js';
import { batchElement, checkSquareMatrices } from './square-matrices.js';
import { expand, transpose } from './views.js';

/**
 * The inverse of square matrices [*, n, n] (torch.linalg.inv): A⁻¹ = solve(A, I), by Gauss–Jordan
 * elimination with partial pivoting in tensor ops, so gradients (d A⁻¹ = −A⁻¹ dA A⁻¹) flow to any
 * order and every device runs it. On the CPU a singular A (an exactly zero pivot) throws torch's
 * error; on devices that read asynchronously its inverse holds inf and NaN instead.
 * @example
 * linalg.inv(tensor([[2, 0], [0, 4]])); // [[0.5, 0], [0, 0.25]]
 */
export function inv(a: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('inv', ['a'], arguments);
  const operation = 'linalg.inv';
  const size = checkSquareMatrices(operation, a);
  return composite(() => {
    const identity = expand(eye(size, size, { dtype: a.dtype, device: a.device }), a.shape);
    // A⁻¹ = ((Aᵀ)⁻¹)ᵀ: torch factors Aᵀ when A is contiguous (the layout LAPACK reads without a copy),
    // so its pivots, and the singular step its error names, are those of Aᵀ; ours follow
    const transposed = a.isContiguous();
    const inverse = solveSquare(
      transposed ? transpose(a, -2, -1) : a,
      identity,
      (batch, step) =>
        `${operation}: ${batchElement(a, batch)}The diagonal element ${step + 1} is zero, the inversion could not be completed because the input matrix is singular.`,
    );
    return transposed ? transpose(inverse, -2, -1) : inverse;
  });
}
