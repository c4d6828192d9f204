import { refuseArgumentsPast } from '../core/options.js';
import { isTensor } from '../core/brand.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { abs, eq, logicalAnd, lt, mul, ne, prepareOperands, sub, where } from './elementwise.js';
import { exactIntegerDivision } from './integer-division.js';

// Euclid's algorithm takes the most steps on neighbouring Fibonacci numbers: F(47) > 2³¹ > F(46), so
// 46 steps finish every pair of int32 magnitudes. The steps run unconditionally (a finished pair has
// y = 0 and stays as it is), so no value is read back and every device runs it.
const EUCLID_STEPS = 46;

/** Both operands as int32 tensors; floats and bool are refused, as torch. */
function integerOperands(operation: string, a: Tensor, b: Tensor): [Tensor, Tensor] {
  if (!isTensor(a) || !isTensor(b)) throw new Error(`${operation}: expects two int32 tensors (torch.${operation}(input, other))`);
  const [left, right] = prepareOperands(operation, a, b);
  if (left.dtype !== 'int32')
    throw new Error(`${operation}: expects int32 tensors, got ${a.dtype} and ${b.dtype} (torch refuses floating-point and bool too)`);
  return [left, right];
}

/**
 * gcd(|a|, |b|) by Euclid's steps (x, y) → (y, x rem y), as torch's calc_gcd: starting from
 * (|b|, |a|), with C's truncated remainder, each exact. Only |−2³¹|, which stays −2³¹ in int32, can
 * make the result negative, as in torch (gcd(−2³¹, 6) is −2 there too).
 */
function euclid(left: Tensor, right: Tensor): Tensor {
  let larger = abs(right);
  let smaller = abs(left);
  for (let step = 0; step < EUCLID_STEPS; step++) {
    const active = ne(smaller, 0);
    const divisor = where(active, smaller, 1);
    const { remainder } = exactIntegerDivision(larger, divisor);
    // the floor remainder takes the divisor's sign, C's truncated one the dividend's
    const truncated = where(logicalAnd(ne(remainder, 0), ne(lt(larger, 0), lt(divisor, 0))), sub(remainder, divisor), remainder);
    [larger, smaller] = [where(active, smaller, larger), where(active, truncated, 0)];
  }
  return larger;
}

/**
 * The greatest common divisor of |a| and |b|, elementwise (torch.gcd): gcd(0, 0) = 0, gcd(x, 0) = |x|.
 * int32 tensors only, as torch (floats and bool throw); broadcasts. Exact for every int32 value, by a
 * fixed run of Euclid's steps that needs no read-back. Not differentiable (integers).
 * @example
 * gcd(tensor([12, -4, 0], { dtype: 'int32' }), tensor([18, 6, 5], { dtype: 'int32' })); // [6, 2, 5]
 */
export function gcd(a: Tensor, b: Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('gcd', ['a', 'b'], arguments);
  return composite(() => euclid(...integerOperands('gcd', a, b)));
}

/**
 * The least common multiple, elementwise (torch.lcm): |a / gcd(a, b) · b|, 0 where a or b is 0. int32
 * tensors only, as torch; broadcasts. A multiple beyond int32 wraps around, as torch's int32 does.
 * @example
 * lcm(tensor([4, 6, 0], { dtype: 'int32' }), tensor([6, -9, 5], { dtype: 'int32' })); // [12, 18, 0]
 */
export function lcm(a: Tensor, b: Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('lcm', ['a', 'b'], arguments);
  return composite(() => {
    const [left, right] = integerOperands('lcm', a, b);
    const divisor = euclid(left, right);
    const zero = eq(divisor, 0);
    // a / g exactly (g divides a, so floor and C's truncation agree)
    const { quotient } = exactIntegerDivision(left, where(zero, 1, divisor));
    return where(zero, 0, abs(mul(quotient, right)));
  });
}
