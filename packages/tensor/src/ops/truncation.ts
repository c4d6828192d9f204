import { refuseArgumentsPast } from '../core/options.js';
import { isFloating } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor, TensorOrScalar } from '../core/tensor.js';
import { ceil, floor, lt, prepareOperands, sub, where } from './elementwise.js';
import { floatingFmod, floatingRemainder, integerFmod, integerRemainder } from './exact-remainder.js';
import { checkIntegerDivisor } from './index-bounds.js';
import { checkLive } from '../core/tensor-arguments.js';

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
  if (arguments.length > 1) refuseArgumentsPast('trunc', ['x'], arguments);
  checkLive('trunc', 'input', x);
  refuseBool('trunc', x);
  if (!isFloating(x.dtype)) return x.clone();
  return composite(() => where(lt(x, 0), ceil(x), floor(x)));
}

/**
 * torch.fix, another name of {@link trunc}: rounds toward zero.
 * @example
 * fix(tensor([-2.5, 2.5])); // [-2, 2]
 */
export function fix(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('fix', ['x'], arguments);
  return trunc(x);
}

/**
 * The fractional part x − trunc(x) with the sign of x (torch.frac); ±∞ gives NaN. Floating-point
 * inputs only, as torch. Its gradient is 1.
 * @example
 * frac(tensor([-1.25, 2.5])); // [-0.25, 0.5]
 */
export function frac(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('frac', ['x'], arguments);
  checkLive('frac', 'input', x);
  if (!isFloating(x.dtype)) throw new Error(`frac: expects a floating-point input, got ${x.dtype} (torch refuses it too)`);
  return composite(() => sub(x, trunc(x)));
}

/**
 * C's fmod (torch.fmod): a − trunc(a/b)·b, whose sign is the dividend's (torch.remainder takes the
 * divisor's). Broadcasts and promotes as torch: int32 stays int32 and a zero integer divisor throws;
 * for floats b = 0 or a = ±∞ gives NaN, b = ±∞ gives a, and a zero result keeps a's sign (fmod(−4, 2)
 * is −0). Exact, as C's: int32 for every value, floats while |a/b| < 2^mantissa bits (2⁵³ for
 * float64, 2²⁴ for float32), so fmod(1, 0.1) is 0.09999999999999995 as in torch. Gradients as
 * torch: 1 for a, −trunc(a/b) for b.
 * @example
 * fmod(tensor([-3, 3]), 2); // [-1, 1]
 */
export function fmod(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('fmod', ['a', 'b'], arguments);
  return composite(() => {
    const [left, right] = prepareOperands('fmod', a, b);
    if (left.dtype === 'bool') throw new Error('fmod: not implemented for bool tensors (torch refuses them too)');
    checkIntegerDivisor('fmod', left.dtype, right);
    return isFloating(left.dtype) ? floatingFmod(left, right) : integerFmod(left, right);
  });
}

/**
 * Python's modulo (torch.remainder): a − floor(a/b)·b, whose sign is the divisor's, computed as
 * torch's kernel from the exact fmod (m, plus b where m ≠ 0 and m's sign differs from b's): exact
 * for every int32 and for floats as {@link fmod}; remainder(−1, ∞) is ∞, remainder(1, ∞) is 1, and a
 * zero result keeps fmod's sign, as torch's. An int32 divisor of 0 throws; bool is refused.
 * Gradients as torch: 1 for a, −floor(a/b) for b.
 * @example
 * remainder(tensor([-3, 3]), 2); // [1, 1]
 */
export function remainder(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('remainder', ['a', 'b'], arguments);
  return composite(() => {
    const [left, right] = prepareOperands('remainder', a, b);
    if (left.dtype === 'bool') throw new Error('remainder: not implemented for bool tensors (torch refuses them too)');
    checkIntegerDivisor('remainder', left.dtype, right);
    return isFloating(left.dtype) ? floatingRemainder(left, right) : integerRemainder(left, right);
  });
}
