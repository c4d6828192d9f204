import { refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor, TensorOrScalar } from '../core/tensor.js';
import { add, eq, isnan, le, log, logicalAnd, logicalOr, mul, prepareOperands, where } from './elementwise.js';

/**
 * x·log(y) with 0 wherever x = 0, even for y = 0 or ∞, and NaN wherever y is NaN (torch.xlogy,
 * torch.special.xlogy). Broadcasts; integer and bool inputs give float32, as torch. Gradients as
 * torch's: log(y) for x (0 where x = 0 and y ≤ 0) and x/y for y (0 where x = 0 and y = 0, where
 * torch's is 0/0 = NaN; 0 for x at x = 0, y = ∞, where torch's is ∞).
 * @example
 * xlogy(tensor([0, 2]), tensor([0, Math.E])); // [0, 2]
 */
export function xlogy(x: TensorOrScalar, y: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('xlogy', ['x', 'y'], arguments);
  return composite(() => {
    const [factor, argument] = prepareOperands('xlogy', x, y, true);
    // x = 0 reads 0 where y ≤ 0 or y = ∞ (0·log y would be NaN); elsewhere the product stays in the
    // graph, so the gradient of x is log(y) at x = 0 too, as torch's; + 0 turns 0·log(y) = −0 into 0
    const zeroed = logicalAnd(eq(factor, 0), logicalOr(le(argument, 0), eq(argument, Number.POSITIVE_INFINITY)));
    // log(1) under the mask: the masked branch's zero gradient would meet log(0) = −∞ (0·−∞ = NaN) and 0/0
    const product = where(zeroed, 0, add(mul(factor, log(where(zeroed, 1, argument))), 0));
    return where(isnan(argument), Number.NaN, product);
  });
}
