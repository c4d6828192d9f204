import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { castTo } from './convert.js';
import { add, clamp, div, floor, logicalAnd, logicalNot, lt, mul, ne, sub, where } from './elementwise.js';

// The float32 range that casts to int32 without overflowing: −2³¹ and the largest float32 below 2³¹.
const SMALLEST_INT32 = -2147483648;
const LARGEST_INT32_FLOAT = 2147483520;

/** One float32 estimate of ⌊n/d⌋ as int32. */
function estimatedQuotient(numerator: Tensor, denominator: Tensor): Tensor {
  return castTo(clamp(floor(div(numerator, denominator)), SMALLEST_INT32, LARGEST_INT32_FLOAT), 'int32');
}

/** Whether r lies on the far side of 0 from d: a floor remainder must share the divisor's sign. */
function oppositeSign(remainder: Tensor, denominator: Tensor): Tensor {
  return logicalAnd(ne(remainder, 0), ne(lt(remainder, 0), lt(denominator, 0)));
}

/**
 * Exact floor division of int32 tensors (broadcast, d ≠ 0): ⌊n/d⌋ and the remainder n − ⌊n/d⌋·d,
 * which takes d's sign, for every int32 value, where a float32 quotient alone is exact only below
 * 2²⁴. The first float32 estimate q₁ is off by at most 3·2⁻²⁴·|n/d| + 1, so r₁ = n − q₁·d is within
 * 384 + |d| of the remainder (int32 arithmetic wraps, so r₁ comes out exact even where q₁·d passes
 * 2³¹); a second estimate of r₁/d, at most 388 in size, is off by at most one, and one comparison
 * each way puts the remainder between 0 and d.
 */
export function exactIntegerDivision(numerator: Tensor, denominator: Tensor): { quotient: Tensor; remainder: Tensor } {
  return composite(() => {
    const first = estimatedQuotient(numerator, denominator);
    const firstRemainder = sub(numerator, mul(first, denominator));
    const second = castTo(floor(div(firstRemainder, denominator)), 'int32');
    const secondRemainder = sub(firstRemainder, mul(second, denominator));
    // one d too far toward 0's other side: add d back; a whole d (or more) left: take it off
    const under = oppositeSign(secondRemainder, denominator);
    const raised = where(under, add(secondRemainder, denominator), secondRemainder);
    // r − d keeps d's sign (or is 0) exactly when |r| ≥ |d|
    const lowered = sub(raised, denominator);
    const over = logicalNot(oppositeSign(lowered, denominator));
    const remainder = where(over, lowered, raised);
    const correction = sub(castTo(over, 'int32'), castTo(under, 'int32'));
    return { quotient: add(add(first, second), correction), remainder };
  });
}
