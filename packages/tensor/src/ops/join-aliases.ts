import { refuseArgumentsPast } from '../core/options.js';
import { formatShape, normalizeDim } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import type { DimOptions } from '../core/dim-arguments.js';
import { readDim } from '../core/dim-arguments.js';
import { cat, split } from './join.js';
import { checkLive } from '../core/tensor-arguments.js';

// torch's other names of cat (NumPy's and the array API's spellings) and split_with_sizes, the strict
// form of split with a list of sizes.

/** Joins tensors along an existing dim (torch.concat, another name of `cat`). */
export const concat = cat;
/** Joins tensors along an existing dim (torch.concatenate, another name of `cat`). */
export const concatenate = cat;

/**
 * Views of x cut along `dim` into pieces of the given sizes (torch.split_with_sizes): the sizes must be
 * non-negative and sum exactly to x's size along dim, as torch demands (Default dim 0).
 * @example
 * splitWithSizes(arange(5), [2, 3]); // [[0, 1], [2, 3, 4]]
 */
export function splitWithSizes(x: Tensor, splitSizes: readonly number[], dim?: number | DimOptions): Tensor[] {
  if (arguments.length > 3) refuseArgumentsPast('splitWithSizes', ['x', 'splitSizes', 'dim'], arguments);
  checkLive('splitWithSizes', 'input', x);
  if (x.ndim === 0) throw new Error('splitWithSizes: expects a tensor of at least 1 dim, got a 0-d tensor');
  if (!Array.isArray(splitSizes) || splitSizes.some((size) => !Number.isInteger(size)))
    throw new Error(`splitWithSizes: splitSizes must be an array of integers, got ${String(splitSizes)}`);
  const axis = normalizeDim('splitWithSizes', readDim('splitWithSizes', dim, 0), x.ndim);
  if (splitSizes.some((size) => size < 0))
    throw new Error(`splitWithSizes: expects splitSizes to have only non-negative entries, but got splitSizes=${formatShape(splitSizes)}`);
  const total = splitSizes.reduce((sum, size) => sum + size, 0);
  if (total !== x.shape[axis])
    throw new Error(
      `splitWithSizes: expects splitSizes to sum exactly to ${x.shape[axis]} (input tensor's size at dimension ${axis}), but got splitSizes=${formatShape(splitSizes)}`,
    );
  return split(x, splitSizes, axis);
}
