import type { Tensor } from '../core/tensor.js';
import { transpose } from './own-views.js';

// torch's transpose properties Tensor.mT, Tensor.mH and Tensor.H. Every dtype here is real, so the
// conjugate transposes mH and H equal the plain ones (conjugation is the identity on real numbers).

/**
 * The last two dims swapped (torch.Tensor.mT; `mH` for real dtypes): a view of a matrix or a batch
 * of matrices; `property` names the accessor in the error.
 * @example
 * zeros(5, 2, 3).mT.shape; // [5, 3, 2]
 */
export function matricesTransposed(x: Tensor, property: 'mT' | 'mH'): Tensor {
  if (x.ndim < 2) throw new Error(`tensor.${property} is only supported on matrices or batches of matrices. Got ${x.ndim}-D tensor.`);
  return transpose(x, -2, -1);
}

/**
 * The conjugate transpose of a matrix (torch.Tensor.H; the transpose for real dtypes): a view of a
 * 2-D tensor; a 0-d tensor is returned itself, as torch's.
 * @example
 * zeros(2, 3).H.shape; // [3, 2]
 */
export function matrixConjugateTranspose(x: Tensor): Tensor {
  if (x.ndim === 0) return x;
  if (x.ndim !== 2)
    throw new Error(
      `tensor.H is only supported on matrices (2-D tensors). Got ${x.ndim}-D tensor.${x.ndim > 2 ? ' For batches of matrices, consider using tensor.mH' : ''}`,
    );
  return transpose(x, 0, 1);
}
