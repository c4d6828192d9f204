import { refuseArgumentsPast } from '../core/options.js';
import { noGrad } from '../autograd/grad-mode.js';
import { floatTypeFor, isFloating } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor, TensorOrScalar } from '../core/tensor.js';
import { attachDerivative } from './attach-derivative.js';
import { castTo } from './convert.js';
import { fullLike } from './creation.js';
import { add, eq, gt, isnan, le, log, log1p, logicalAnd, logicalOr, lt, mul, neg, prepareOperands, where } from './elementwise.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * The elementwise entropy term −x·ln(x) (torch.special.entr): 0 at x = 0, −∞ for x < 0 and at +∞,
 * NaN for NaN, as torch. The gradient is −(1 + ln x), as torch's: +∞ at 0 and NaN for x < 0; its
 * own derivative is −1/x. Integer and bool inputs give float32.
 * @example
 * special.entr(tensor([0, 0.5, 1, -1])); // [0, 0.3466, -0, -Infinity]
 */
export function entr(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('entr', ['x'], arguments);
  checkLive('entr', 'input', x);
  return composite(() => {
    const input = isFloating(x.dtype) ? x : castTo(x, floatTypeFor(x.dtype));
    const value = noGrad(() => {
      const positive = gt(input, 0);
      const product = neg(mul(input, log(where(positive, input, 1))));
      const nonPositive = where(eq(input, 0), 0, where(lt(input, 0), Number.NEGATIVE_INFINITY, fullLike(input, Number.NaN)));
      return where(positive, product, nonPositive);
    });
    // torch's formula at every point: it gives +∞ at 0 and NaN below itself
    const everywhere = noGrad(() => fullLike(input, 1, { dtype: 'bool' }));
    return attachDerivative('Entr', value, input, everywhere, (safe) => neg(add(log(safe), 1)));
  });
}

/**
 * x·log1p(y) = x·ln(1 + y) with 0 wherever x = 0, even for y ≤ −1 or y = ∞, and NaN wherever y is NaN
 * (torch.special.xlog1py). Broadcasts; numbers stand for 0-d tensors; integer and bool inputs give
 * float32, as torch. Gradients as torch's: log1p(y) for x (0 where x = 0 and y ≤ −1) and x/(1 + y)
 * for y, written so that the masked points never see log1p(−1) or 0/0: the gradient of y is 0 where
 * x = 0 and y = −1 (torch's is 0/0 = NaN), the one of x is 0 at x = 0, y = ∞ (torch's is ∞), and both
 * are 0 where y is NaN (torch's are NaN).
 * @example
 * special.xlog1py(tensor([0, 2]), tensor([-1, Math.E - 1])); // [0, 2]
 */
export function xlog1py(x: TensorOrScalar, y: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('xlog1py', ['x', 'y'], arguments);
  return composite(() => {
    const [factor, argument] = prepareOperands('xlog1py', x, y, true);
    // x = 0 reads 0 where y ≤ −1 or y = ∞ (0·log1p(y) would be NaN); elsewhere the product stays in the
    // graph, so the gradient of x at x = 0 is log1p(y), as torch's; + 0 turns 0·log1p(y) = −0 into 0
    const zeroed = logicalAnd(eq(factor, 0), logicalOr(le(argument, -1), eq(argument, Number.POSITIVE_INFINITY)));
    const undefinedAt = isnan(argument);
    // log1p(0) under both masks: the masked branch's zero gradient would meet log1p(−1) = −∞ (0·−∞ = NaN),
    // 0/0 and NaN
    const product = add(mul(factor, log1p(where(logicalOr(zeroed, undefinedAt), 0, argument))), 0);
    return where(undefinedAt, Number.NaN, where(zeroed, 0, product));
  });
}
