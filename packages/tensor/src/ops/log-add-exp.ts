import { refuseArgumentsPast } from '../core/options.js';
import { isFloating } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor, TensorOrScalar } from '../core/tensor.js';
import { add, eq, exp, exp2, ge, isfinite, log1p, logicalAnd, logicalNot, mul, prepareOperands, sub, where } from './elementwise.js';

function floatOperands(operation: string, a: TensorOrScalar, b: TensorOrScalar): [Tensor, Tensor] {
  const [left, right] = prepareOperands(operation, a, b);
  if (!isFloating(left.dtype))
    throw new Error(`${operation}: expects floating-point inputs, got ${left.dtype} (torch refuses integers too)`);
  return [left, right];
}

/**
 * larger + log1p(e^(smaller − larger)) in base e or 2: exact for far-apart inputs (log1p of a tiny
 * term), never overflowing. Its gradient is the softmax weight of each input, 1/(1 + e^(other − self))
 * (½ each on ties). Two equal infinities give that infinity (not ∞ − ∞ = NaN); NaN propagates.
 */
function logAddExpBase(operation: string, a: TensorOrScalar, b: TensorOrScalar, base: 'e' | '2'): Tensor {
  return composite(() => {
    const [left, right] = floatOperands(operation, a, b);
    const leftLarger = ge(left, right);
    const larger = where(leftLarger, left, right);
    const smaller = where(leftLarger, right, left);
    const difference = sub(smaller, larger);
    // log₂(1 + 2ᵈ) = log1p(2ᵈ)/ln 2
    const correction = base === 'e' ? log1p(exp(difference)) : mul(log1p(exp2(difference)), 1 / Math.LN2);
    const sameInfinity = logicalAnd(eq(left, right), logicalNot(isfinite(left)));
    return where(sameInfinity, left, add(larger, correction));
  });
}

/**
 * log(eᵃ + eᵇ) without overflow (torch.logaddexp), broadcasting a with b; floating-point inputs only,
 * as torch. The gradient of a is eᵃ/(eᵃ + eᵇ), of b its complement.
 * @example
 * logaddexp(tensor([1000, 0]), tensor([1000, -50])); // [1000.6931, 1.9287e-22]
 */
export function logaddexp(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('logaddexp', ['a', 'b'], arguments);
  return logAddExpBase('logaddexp', a, b, 'e');
}

/**
 * log₂(2ᵃ + 2ᵇ) without overflow (torch.logaddexp2), broadcasting a with b; floating-point inputs
 * only, as torch. The gradient of a is 2ᵃ/(2ᵃ + 2ᵇ), of b its complement.
 * @example
 * logaddexp2(tensor([3, 10]), tensor([3, 0])); // [4, 10.0014]
 */
export function logaddexp2(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('logaddexp2', ['a', 'b'], arguments);
  return logAddExpBase('logaddexp2', a, b, '2');
}
