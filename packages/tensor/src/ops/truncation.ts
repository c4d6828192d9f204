import { isFloating } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor, TensorOrScalar } from '../core/tensor.js';
import { castTo } from './convert.js';
import { ceil, div, eq, floor, isfinite, logicalAnd, logicalNot, lt, mul, neg, prepareOperands, sub, where } from './elementwise.js';
import { checkIntegerDivisor } from './index-bounds.js';
import { signbit } from './sign-bits.js';

function refuseBool(operation: string, x: Tensor): void {
  if (x.dtype === 'bool') throw new Error(`${operation}: not implemented for bool tensors (torch refuses them too)`);
}

/**
 * Rounds toward zero (torch.trunc): floor for positives, ceil for negatives, so −0.5 gives −0; NaN
 * and ±∞ stay. Integers come back unchanged (a copy); bool is refused, as torch. Its gradient is 0.
 * @example
 * trunc(tensor([-1.7, 1.7])); // [-1, 1]
 */
export function trunc(x: Tensor): Tensor {
  x.assertAlive('trunc');
  refuseBool('trunc', x);
  if (!isFloating(x.dtype)) return x.clone();
  return composite(() => where(lt(x, 0), ceil(x), floor(x)));
}

/**
 * torch.fix, another name of {@link trunc}: rounds toward zero.
 * @example
 * fix(tensor([-2.5, 2.5])); // [-2, 2]
 */
export const fix = (x: Tensor): Tensor => trunc(x);

/**
 * The fractional part x − trunc(x) with the sign of x (torch.frac); ±∞ gives NaN. Floating-point
 * inputs only, as torch. Its gradient is 1.
 * @example
 * frac(tensor([-1.25, 2.5])); // [-0.25, 0.5]
 */
export function frac(x: Tensor): Tensor {
  x.assertAlive('frac');
  if (!isFloating(x.dtype)) throw new Error(`frac: expects a floating-point input, got ${x.dtype} (torch refuses it too)`);
  return composite(() => sub(x, trunc(x)));
}

/**
 * C's fmod (torch.fmod): a − trunc(a/b)·b, whose sign is the dividend's (torch.remainder takes the
 * divisor's). Broadcasts and promotes as torch: int32 stays int32 and a zero integer divisor throws;
 * for floats b = 0 or a = ±∞ gives NaN, b = ±∞ gives a, and a zero result keeps a's sign (fmod(−4, 2)
 * is −0). Gradients as torch: 1 for a, −trunc(a/b) for b. The quotient of two int32 is formed in
 * float32, so int32 results are exact while |a| < 2²⁴; float results agree with C's exact fmod to about
 * one rounding of a.
 * @example
 * fmod(tensor([-3, 3]), 2); // [-1, 1]
 */
export function fmod(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return composite(() => {
    const [left, right] = prepareOperands('fmod', a, b);
    if (left.dtype === 'bool') throw new Error('fmod: not implemented for bool tensors (torch refuses them too)');
    checkIntegerDivisor('fmod', left.dtype, right);
    if (!isFloating(left.dtype)) {
      const quotient = castTo(trunc(div(left, right)), left.dtype);
      return sub(left, mul(quotient, right));
    }
    const product = mul(trunc(div(left, right)), right);
    // a − p rounds an exact cancellation to +0; −((−a) + p) has the same value and gradient but −0
    const negative = signbit(left);
    const difference = where(negative, neg(sub(neg(left), neg(product))), sub(left, product));
    const divisorInfinite = logicalAnd(logicalNot(isfinite(right)), eq(right, right));
    return where(logicalAnd(divisorInfinite, isfinite(left)), left, difference);
  });
}
