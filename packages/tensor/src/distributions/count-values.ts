import { isFloating } from '../core/dtype.js';
import type { Tensor } from '../core/tensor.js';

/**
 * The value given to a discrete distribution's logProb, as floating point: integer and bool counts
 * take the parameters' dtype (torch promotes them inside its formulas); floating values are kept, so
 * that float64 values with float32 parameters give float64 as torch's promotion does.
 * @example
 * floatingCounts(tensor([0, 3], { dtype: 'int32' }), rate).dtype; // rate.dtype
 */
export function floatingCounts(value: Tensor, like: Tensor): Tensor {
  return isFloating(value.dtype) ? value : value.to(like.dtype);
}
