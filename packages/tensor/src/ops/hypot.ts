import { refuseArgumentsPast } from '../core/options.js';
import { noGrad } from '../autograd/grad-mode.js';
import { isFloating } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor, TensorOrScalar } from '../core/tensor.js';
import {
  abs,
  add,
  div,
  gt,
  isfinite,
  logicalAnd,
  logicalNot,
  logicalOr,
  maximum,
  mul,
  prepareOperands,
  sqrt,
  square,
  where,
} from './elementwise.js';

/**
 * √(a² + b²) without overflow or underflow (torch.hypot): with m = max(|a|, |b|) held constant,
 * h = m·√((a/m)² + (b/m)²), whose gradient is a/h and b/h, as torch's (NaN at a = b = 0, as torch's
 * 0/0). An infinite input gives +∞ even beside NaN, as C's hypot. Broadcasts; floating-point inputs
 * only, as torch.
 * @example
 * hypot(tensor([3, 1e200]), tensor([4, 1e200])); // [5, 1.4142e200]
 */
export function hypot(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('hypot', ['a', 'b'], arguments);
  return composite(() => {
    const [left, right] = prepareOperands('hypot', a, b);
    if (!isFloating(left.dtype)) throw new Error(`hypot: expects floating-point inputs, got ${left.dtype} (torch refuses integers too)`);
    const scale = noGrad(() => {
      const largest = maximum(abs(left), abs(right));
      return where(logicalAnd(isfinite(largest), gt(largest, 0)), largest, 1);
    });
    const length = mul(sqrt(add(square(div(left, scale)), square(div(right, scale)))), scale);
    const infinite = noGrad(() => logicalOr(isInfinite(left), isInfinite(right)));
    return where(infinite, Number.POSITIVE_INFINITY, length);
  });
}

/** ±∞: not finite and not NaN. */
function isInfinite(x: Tensor): Tensor {
  return logicalAnd(logicalNot(isfinite(x)), x.eq(x));
}
