import { refuseArgumentsPast } from '../core/options.js';
import { noGrad } from '../autograd/grad-mode.js';
import { floatTypeFor, isFloating } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { attachDerivative } from './attach-derivative.js';
import { castTo } from './convert.js';
import { fullLike } from './creation.js';
import {
  abs,
  add,
  div,
  eq,
  exp,
  gt,
  isnan,
  log,
  log1p,
  logicalAnd,
  logicalNot,
  logicalOr,
  lt,
  mul,
  neg,
  reciprocal,
  round,
  sqrt,
  sub,
  where,
} from './elementwise.js';
import { erfc } from './error-functions.js';
import { erfcx } from './erfcx.js';
import { checkLive } from '../core/tensor-arguments.js';

const SQRT_HALF = Math.SQRT1_2;
const SQRT_TWO_PI = Math.sqrt(2 * Math.PI);
// e^(−2): ndtri's central approximation serves |p − ½| ≤ ½ − e^(−2), its tails the rest
const EXP_MINUS_TWO = 0.1353352832366127;
// ndtr and logNdtr use erfcx below this (logNdtr: torch's split) and ndtr above its negative; erfc between
const LEFT_TAIL = -1;

// Cephes' ndtri (torch's calc_ndtri), highest power first. |p − ½| ≤ ½ − e^(−2): x = y + y·y²·P0(y²)/Q0(y²),
// y = p − ½, times √(2π)
const P0 = [-59.96335010141079, 98.00107541859997, -56.67628574690703, 13.931260938727968, -1.2391658386738125];
const Q0 = [
  1, 1.9544885833814176, 4.676279128988815, 86.36024213908905, -225.46268785411937, 200.26021238006066, -82.03722561683334,
  15.90562251262117, -1.1833162112133,
];
// the tails, in z = 1/√(−2 log p): 2 ≤ √(−2 log p) < 8 (p down to e^(−32) = 1.3e-14)
const P1 = [
  4.0554489230596245, 31.525109459989388, 57.16281922464213, 44.08050738932008, 14.684956192885803, 2.1866330685079025, -0.1402560791713545,
  -0.03504246268278482, -0.0008574567851546854,
];
const Q1 = [
  1, 15.779988325646675, 45.39076351288792, 41.3172038254672, 15.04253856929075, 2.504649462083094, -0.14218292285478779,
  -0.03808064076915783, -0.0009332594808954574,
];
// … and 8 ≤ √(−2 log p) ≤ 64 (p down to e^(−2048), below every float64)
const P2 = [
  3.2377489177694603, 6.915228890689842, 3.9388102529247444, 1.3330346081580755, 0.20148538954917908, 0.012371663481782003,
  0.00030158155350823543, 0.0000026580697468673755, 6.239745391849833e-9,
];
const Q2 = [
  1, 6.02427039364742, 3.6798356385616087, 1.3770209948908132, 0.21623699359449663, 0.013420400608854318, 0.00032801446468212774,
  0.0000028924786474538068, 6.790194080099813e-9,
];

function floatInput(x: Tensor): Tensor {
  return isFloating(x.dtype) ? x : castTo(x, floatTypeFor(x.dtype));
}

/** Cephes' polevl: the polynomial with `coefficients` (highest power first) at x, by Horner's rule. */
function polynomial(coefficients: readonly number[], x: Tensor): Tensor {
  let value = add(mul(x, coefficients[0]!), coefficients[1]!);
  for (const coefficient of coefficients.slice(2)) value = add(mul(value, x), coefficient);
  return value;
}

/**
 * e^(−x²/2) with x² split as h² + (x − h)·(x + h), h = x rounded to 1/16: h²/2 is exact, so the
 * rounding of x² (absolute x²·ε) does not reach the exponent. h is a constant to autograd, and the
 * exponent's derivative is still −x.
 */
function expOfNegativeHalfSquare(x: Tensor): Tensor {
  const head = div(round(mul(x, 16)), 16);
  return mul(exp(mul(mul(head, head), -0.5)), exp(mul(mul(sub(x, head), add(x, head)), -0.5)));
}

/**
 * Φ(x) = ½·erfcx(−x/√2)·e^(−x²/2) for x < 0 (a finite stand-in where not used), no cancellation in
 * the value or in its gradient.
 */
function lowerTail(x: Tensor): Tensor {
  return mul(mul(erfcx(mul(x, -SQRT_HALF)), expOfNegativeHalfSquare(x)), 0.5);
}

/**
 * The standard normal cumulative distribution function Φ(x) (torch.special.ndtr): ½·erfc(−x/√2) on
 * [−1, 1], ½·erfcx(−x/√2)·e^(−x²/2) below and 1 − Φ(−x) above (with x² split so that its rounding
 * does not reach the exponent), so it keeps about 1e-15 relative in the left tail down to where it
 * underflows (x ≈ −38.5); torch 1.13 computes ½·(1 + erf(x/√2)), which cancels there (4e-11 relative
 * at −5, 2e-2 at −8, 0 from −8.5 on). Φ(−∞) = 0, Φ(∞) = 1. The gradient is the density
 * e^(−x²/2)/√(2π), as torch's, composed of {@link erfc}'s and {@link erfcx}'s (accurate relative to
 * the density in both tails), differentiable again; 0 at ±∞ and NaN (torch's is NaN at NaN). Integer
 * and bool inputs give float32.
 * @example
 * special.ndtr(tensor([0, 1.96, -10])); // [0.5, 0.9750, 7.6199e-24]
 */
export function ndtr(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('ndtr', ['x'], arguments);
  checkLive('ndtr', 'input', x);
  return composite(() => {
    const input = floatInput(x);
    const [left, right, infinite] = noGrad(
      () => [lt(input, LEFT_TAIL), gt(input, -LEFT_TAIL), eq(abs(input), Number.POSITIVE_INFINITY)] as const,
    );
    // each branch reads a stand-in where the others apply, so no ∞ or NaN reaches the gradient through it
    const leftValue = lowerTail(where(logicalAnd(left, logicalNot(infinite)), input, 2 * LEFT_TAIL));
    const rightValue = sub(1, lowerTail(neg(where(logicalAnd(right, logicalNot(infinite)), input, -2 * LEFT_TAIL))));
    const middleValue = mul(erfc(mul(where(logicalOr(left, right), 0, input), -SQRT_HALF)), 0.5);
    const finite = where(left, leftValue, where(right, rightValue, middleValue));
    return where(infinite, where(left, 0, fullLike(input, 1)), finite);
  });
}

/** ndtri without a graph: Cephes' algorithm as torch's calc_ndtri runs it, branch by branch. */
function inverseValue(p: Tensor): Tensor {
  // the upper tail works on 1 − p and changes the sign at the end (Cephes' `code`)
  const upper = gt(p, 1 - EXP_MINUS_TWO);
  const y = where(upper, sub(1, p), p);
  const central = gt(y, EXP_MINUS_TWO);
  const shifted = sub(where(central, y, 0.5), 0.5);
  const square = mul(shifted, shifted);
  const centralValue = mul(add(shifted, mul(shifted, div(mul(square, polynomial(P0, square)), polynomial(Q0, square)))), SQRT_TWO_PI);
  // the tails: x = z − log(z)/z − (1/z)·P(1/z)/Q(1/z), z = √(−2 log y); stand-in e^(−2) where not used
  const tailY = where(logicalOr(central, logicalNot(gt(y, 0))), EXP_MINUS_TWO, y);
  const z = sqrt(mul(log(tailY), -2));
  const inverse = reciprocal(z);
  const near = lt(z, 8);
  const correction = mul(
    inverse,
    where(near, div(polynomial(P1, inverse), polynomial(Q1, inverse)), div(polynomial(P2, inverse), polynomial(Q2, inverse))),
  );
  const magnitude = sub(sub(z, div(log(z), z)), correction);
  const value = where(central, centralValue, where(upper, magnitude, neg(magnitude)));
  const outside = logicalOr(logicalOr(lt(p, 0), gt(p, 1)), isnan(p));
  return where(eq(p, 0), Number.NEGATIVE_INFINITY, where(eq(p, 1), Number.POSITIVE_INFINITY, where(outside, Number.NaN, value)));
}

/**
 * The inverse of {@link ndtr}: the x with Φ(x) = p (torch.special.ndtri), by Cephes' rational
 * approximations as torch computes it (about 2e-16 relative in float64; the upper tail works on
 * 1 − p, so p near 1 keeps only the digits 1 − p has). ndtri(0) = −∞, ndtri(1) = ∞, NaN outside
 * [0, 1]. The gradient is √(2π)·e^(ndtri(p)²/2), as torch's, differentiable again through the output:
 * +∞ at 0 and 1 and NaN outside, as torch's. Integer and bool inputs give float32.
 * @example
 * special.ndtri(tensor([0.5, 0.975, 1e-10])); // [0, 1.9600, -6.3613]
 */
export function ndtri(p: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('ndtri', ['p'], arguments);
  checkLive('ndtri', 'p', p);
  return composite(() => {
    const input = floatInput(p);
    const value = noGrad(() => inverseValue(input));
    // every point: the formula gives torch's ∞ at 0 and 1 and NaN outside [0, 1] itself
    const everywhere = noGrad(() => fullLike(input, 1, { dtype: 'bool' }));
    return attachDerivative('Ndtri', value, input, everywhere, (_, output) => mul(exp(div(mul(output, output), 2)), SQRT_TWO_PI));
  });
}

/**
 * log Φ(x), the logarithm of {@link ndtr} (torch.special.log_ndtr), accurate in both tails:
 * log(erfcx(−x/√2)/2) − x²/2 below −1, as torch's (Φ(x) itself underflows at −38.5; logNdtr(−40) =
 * −804.61), and log1p(−Φ(−x)) above with {@link ndtr}'s accurate tail (torch's log1p(−erfc(x/√2)/2)
 * loses 1e-14 relative at x = 20 to the rounding of x/√2); about 1e-15 relative in float64.
 * logNdtr(−∞) = −∞, logNdtr(∞) = 0. The gradient is φ(x)/Φ(x), composed of {@link erfcx}'s and
 * ndtr's, so it keeps its digits in the far left tail (≈ −x; torch's exp(−(logNdtr(x) + x²/2))/√(2π)
 * loses 3e-11 relative at −1000 and 7e-7 at −1e5) and is differentiable again; 0 at ±∞ (torch's is
 * NaN at −∞). Integer and bool inputs give float32.
 * @example
 * special.logNdtr(tensor([0, -40, 3])); // [-0.6931, -804.6084, -0.0013]
 */
export function logNdtr(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('logNdtr', ['x'], arguments);
  checkLive('logNdtr', 'input', x);
  return composite(() => {
    const input = floatInput(x);
    const [left, minusInfinity] = noGrad(() => [lt(input, LEFT_TAIL), eq(input, Number.NEGATIVE_INFINITY)] as const);
    // each branch reads a stand-in where the other applies, so no ∞ or NaN reaches the gradient through it
    const scaled = mul(where(logicalAnd(left, logicalNot(minusInfinity)), input, 2 * LEFT_TAIL), -SQRT_HALF);
    const leftValue = sub(log(mul(erfcx(scaled), 0.5)), mul(scaled, scaled));
    const rightValue = log1p(neg(ndtr(neg(where(left, 0, input)))));
    return where(minusInfinity, Number.NEGATIVE_INFINITY, where(left, leftValue, rightValue));
  });
}
