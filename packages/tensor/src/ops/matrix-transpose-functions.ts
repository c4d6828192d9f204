import { refuseArgumentsPast } from '../core/options.js';
import type { Tensor } from '../core/tensor.js';
import { matrixTranspose, transpose } from './own-views.js';
import { checkLive } from '../core/tensor-arguments.js';

// torch.t and torch.adjoint as functions (and Tensor.adjoint). Every dtype here is real, so the
// adjoint (conjugate transpose) is the plain transpose of the last two dims.

/**
 * The transpose of a tensor of at most 2 dims (torch.t): a view with the two dims swapped; a 0-d or
 * 1-D tensor is returned as it is; more dims throw, as torch's.
 * @example
 * t(zeros(2, 3)).shape; // [3, 2]
 */
export function t(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('t', ['x'], arguments);
  checkLive('t', 'input', x);
  return matrixTranspose(x);
}

/**
 * The conjugate transpose of the last two dims (torch.adjoint): a view of a matrix or a batch of
 * matrices with dims −2 and −1 swapped (the conjugation is the identity on real dtypes); a 0-d tensor
 * is returned itself and a 1-D one throws, as torch's.
 * @example
 * adjoint(zeros(5, 2, 3)).shape; // [5, 3, 2]
 */
export function adjoint(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('adjoint', ['x'], arguments);
  checkLive('adjoint', 'input', x);
  if (x.ndim === 0) return x;
  if (x.ndim < 2) throw new Error(`adjoint: is only supported on matrices or batches of matrices. Got ${x.ndim}-D tensor.`);
  return transpose(x, -2, -1);
}
