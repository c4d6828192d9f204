import { refuseArgumentsPast } from '../core/options.js';
import { noGrad } from '../autograd/grad-mode.js';
import { floatTypeFor, isFloating } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { attachDerivative } from './attach-derivative.js';
import { castTo } from './convert.js';
import { abs, add, div, eq, erf, exp, gt, isfinite, log, lt, mul, neg, round, sqrt, square, sub, where } from './elementwise.js';
import { fullLike } from './creation.js';
import { signbit } from './sign-bits.js';
import { checkLive } from '../core/tensor-arguments.js';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const HALF_SQRT_PI = Math.sqrt(Math.PI) / 2;
// erfc's continued fraction is used from here up; below it, 1 − erf(x) ≥ 0.034 loses under 2e-14
const CONTINUED_FRACTION_START = 1.5;
// levels of the continued fraction: enough for 1e-16 at x = 1.5 (and ever fewer are needed beyond)
const CONTINUED_FRACTION_LEVELS = 100;
const NEWTON_STEPS = 4;

// Giles' rational approximations of erfinv ("Approximating the erfinv function", 2010), in
// w = −log(1 − a²): about 1e-7 relative, the start of the Newton steps (Horner order, highest first)
const CENTRAL = [
  2.81022636e-8, 3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 0.00021858087, -0.00125372503, -0.00417768164, 0.246640727, 1.50140941,
];
const TAIL = [
  -0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613, 0.00943887047, 1.00167406, 2.83297682,
];

function floatInput(x: Tensor): Tensor {
  return isFloating(x.dtype) ? x : castTo(x, floatTypeFor(x.dtype));
}

function horner(coefficients: readonly number[], w: Tensor): Tensor {
  let result = add(mul(w, coefficients[0]!), coefficients[1]!);
  for (const coefficient of coefficients.slice(2)) result = add(mul(result, w), coefficient);
  return result;
}

/**
 * e^(−x²) with x² split as h² + l·(h + x), h = x rounded to 1/16 and l = x − h: h² is exact, so the
 * rounding of x² (relative 1e-16, absolute x²·1e-16) does not reach the exponent (Cephes' expx2).
 */
function expOfNegativeSquare(x: Tensor): Tensor {
  const head = div(round(mul(x, 16)), 16);
  const low = sub(x, head);
  return mul(exp(neg(mul(head, head))), exp(neg(mul(low, add(head, x)))));
}

/**
 * erfc(x) without a graph: 1 − erf(x) below 2, and above, e^(−x²)/√π divided by Laplace's continued
 * fraction x + (1/2)/(x + 1/(x + (3/2)/(x + …))), evaluated from the bottom.
 */
function complementValue(x: Tensor): Tensor {
  const direct = sub(1, erf(x));
  const large = where(lt(x, CONTINUED_FRACTION_START), CONTINUED_FRACTION_START, where(isfinite(x), x, CONTINUED_FRACTION_START));
  let fraction = large;
  for (let level = CONTINUED_FRACTION_LEVELS; level >= 1; level--) fraction = add(large, div(level / 2, fraction));
  const tail = div(mul(expOfNegativeSquare(large), 1 / Math.sqrt(Math.PI)), fraction);
  const finite = where(lt(x, CONTINUED_FRACTION_START), direct, tail);
  return where(eq(x, Number.POSITIVE_INFINITY), 0, where(isfinite(x), finite, direct));
}

/**
 * The complementary error function 1 − erf(x) (torch.erfc, torch.special.erfc), accurate where it is
 * tiny: 1 − erf(x) below x = 1.5, a continued fraction times e^(−x²) (with x² split so that its rounding
 * does not reach the exponent) above, about 1e-15 relative in float64 up to where it underflows
 * (x ≈ 27). erfc(−∞) = 2, erfc(∞) = 0. Its gradient is −2/√π·e^(−x²), as torch's, and differentiable
 * again. Integer and bool inputs give float32.
 * @example
 * erfc(tensor([0, 1, 10])); // [1, 0.1573, 2.0885e-45]
 */
export function erfc(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('erfc', ['x'], arguments);
  checkLive('erfc', 'input', x);
  return composite(() => {
    const input = floatInput(x);
    const value = noGrad(() => complementValue(input));
    const valid = noGrad(() => isfinite(input));
    return attachDerivative('Erfc', value, input, valid, (safe) => mul(exp(neg(square(safe))), -TWO_OVER_SQRT_PI));
  });
}

/**
 * erfinv(a) for a = |y| without a graph: Giles' approximation, then Newton steps on erf(x) = a for
 * a ≤ 0.5 and on log erfc(x) = log(1 − a) above (1 − a is exact there, and the logarithm keeps the
 * steps tame where erfc is tiny).
 */
function inverseValue(magnitude: Tensor): Tensor {
  const w = neg(log(mul(sub(1, magnitude), add(1, magnitude))));
  const central = lt(w, 5);
  const start = where(central, horner(CENTRAL, sub(w, 2.5)), horner(TAIL, sub(sqrt(where(central, 25, w)), 3)));
  const tail = gt(magnitude, 0.5);
  const complement = sub(1, magnitude);
  let x = mul(start, magnitude);
  for (let step = 0; step < NEWTON_STEPS; step++) {
    const slope = mul(exp(neg(square(x))), TWO_OVER_SQRT_PI);
    const remaining = complementValue(x);
    // x ← x − (erf(x) − a)/erf′(x), or in the tail x ← x + (log erfc(x) − log(1 − a))·erfc(x)/erf′(x)
    const residual = where(tail, mul(sub(log(complement), log(remaining)), remaining), sub(erf(x), magnitude));
    x = sub(x, div(residual, slope));
  }
  const edge = where(eq(magnitude, 1), Number.POSITIVE_INFINITY, fullLike(magnitude, Number.NaN));
  return where(lt(magnitude, 1), x, edge);
}

/**
 * The inverse error function (torch.erfinv, torch.special.erfinv): erf(erfinv(y)) = y on (−1, 1),
 * ±∞ at ±1 and NaN beyond. Giles' rational approximation refined by Newton steps on erf (on
 * log erfc near ±1, where 1 − |y| is exact), so float64 reaches about 1e-15 relative everywhere,
 * including near ±1 where torch's own steps on erf lose digits. Its gradient is √π/2·e^(erfinv(y)²),
 * as torch's, and differentiable again; 0 at ±1 and beyond. Odd: erfinv(−0) = −0. Integer and bool
 * inputs give float32.
 * @example
 * erfinv(tensor([0, 0.5, -1])); // [0, 0.4769, -Infinity]
 */
export function erfinv(y: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('erfinv', ['y'], arguments);
  checkLive('erfinv', 'y', y);
  return composite(() => {
    const input = floatInput(y);
    const negative = noGrad(() => signbit(input));
    // erfinv is odd: work on |y| with −(−y) for negatives, so the gradient keeps its sign and −0 stays −0
    const magnitude = where(negative, neg(input), input);
    const value = noGrad(() => inverseValue(magnitude));
    const valid = noGrad(() => lt(abs(input), 1));
    // erfinv′(y) = √π/2·e^(erfinv(y)²), written in the output: its own derivatives go through the output's node
    const result = attachDerivative('Erfinv', value, magnitude, valid, (_, output) => mul(exp(square(output)), HALF_SQRT_PI));
    return where(negative, neg(result), result);
  });
}
