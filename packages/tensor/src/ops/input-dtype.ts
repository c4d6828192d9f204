import type { DType } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { castTo } from './convert.js';

/**
 * `run(x)`, or `run` of x cast to `dtype` when one is given: torch's `dtype=` keyword of sum, prod, mean,
 * cumsum, softmax, … casts the input before the op (the cast is differentiable and released afterwards).
 * @example
 * withInputDtype(mask, 'float32', (input) => sum(input)); // the count of true as a float
 */
export function withInputDtype(x: Tensor, dtype: DType | undefined, run: (input: Tensor) => Tensor): Tensor {
  if (dtype === undefined || dtype === x.dtype) return run(x);
  return composite(() => run(castTo(x, dtype)));
}
