import { refuseArgumentsPast } from '../core/options.js';
import { noGrad } from '../autograd/grad-mode.js';
import { floatTypeFor, isFloating } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { attachDerivative } from './attach-derivative.js';
import { castTo } from './convert.js';
import { add, div, erf, exp, ge, isfinite, logicalAnd, lt, mul, round, sub, where } from './elementwise.js';
import { checkLive } from '../core/tensor-arguments.js';

const INVERSE_SQRT_PI = 1 / Math.sqrt(Math.PI);
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
// the value is Laplace's continued fraction from here up; below, e^(x²)·(1 − erf(x)) with 1 − erf(x) ≥ 0.034
const FRACTION_START = 1.5;
// levels of the value's fraction: 1e-17 relative at x = 1.5, and fewer are needed further out
const FRACTION_LEVELS = 100;
// the derivative is the fraction's from here up (2x·erfcx(x) − 2/√π cancels to −1/(√π·x²) for large x);
// below, that difference loses at most 2x²·ε ≤ 18ε
const DERIVATIVE_FRACTION_START = 3;
// 40 levels of the fraction at x ≥ 3: 1e-19 relative
const DERIVATIVE_FRACTION_LEVELS = 40;
// erfcx(x) ≈ 2·e^(x²) overflows float64 below about −26.63: beyond −27 the value is +∞ (as torch's)
const OVERFLOW_BOUND = -27;

function floatInput(x: Tensor): Tensor {
  return isFloating(x.dtype) ? x : castTo(x, floatTypeFor(x.dtype));
}

/**
 * The tail x + (from/2)/(x + ((from + 1)/2)/(x + …)) of Laplace's continued fraction for erfc,
 * x + (1/2)/(x + 1/(x + (3/2)/(x + …))) = e^(−x²)/(√π·erfc(x)), with `levels` levels, from the bottom.
 */
function continuedFraction(x: Tensor, from: number, levels: number): Tensor {
  let fraction = x;
  for (let level = levels; level >= from; level--) fraction = add(x, div(level / 2, fraction));
  return fraction;
}

/**
 * e^(x²) with x² split as h² + (x − h)·(x + h), h = x rounded to 1/16: h² is exact, so the rounding of
 * x² (relative ε, absolute x²·ε) does not reach the exponent (Cephes' expx2).
 */
function expOfSquare(x: Tensor): Tensor {
  const head = div(round(mul(x, 16)), 16);
  return mul(exp(mul(head, head)), exp(mul(sub(x, head), add(x, head))));
}

/**
 * erfcx without a graph: e^(x²)·(1 − erf(x)) below 1.5 (1 − erf(x) ∈ [1, 2] for x ≤ 0, no
 * cancellation), and 1/(√π·F(x)) above, F the continued fraction (e^(x²) and erfc(x) never formed,
 * so neither overflows nor underflows); +∞ below −27 and at −∞, 0 at +∞.
 */
function scaledComplementValue(x: Tensor): Tensor {
  const small = lt(x, FRACTION_START);
  const near = where(logicalAnd(ge(x, OVERFLOW_BOUND), small), x, 0);
  const direct = mul(expOfSquare(near), sub(1, erf(near)));
  const large = where(small, FRACTION_START, x);
  const tail = div(INVERSE_SQRT_PI, add(large, div(0.5, continuedFraction(large, 2, FRACTION_LEVELS))));
  return where(lt(x, OVERFLOW_BOUND), Number.POSITIVE_INFINITY, where(small, direct, tail));
}

/**
 * erfcx′(x) = 2x·erfcx(x) − 2/√π, as torch's, below 3; above, the same quantity as −1/(√π·F·G) with
 * F = x + (1/2)/G and G the continued fraction's tail x + 1/(x + (3/2)/(x + …)) (2x/(√π·F) − 2/√π =
 * (2/√π)·(x − F)/F), so it keeps its digits where the difference would cancel. Differentiable ops of x
 * and of the output, so the derivatives of every order follow.
 */
function scaledComplementDerivative(x: Tensor, output: Tensor): Tensor {
  const far = ge(x, DERIVATIVE_FRACTION_START);
  const large = where(far, x, DERIVATIVE_FRACTION_START);
  const tail = continuedFraction(large, 2, DERIVATIVE_FRACTION_LEVELS);
  const whole = add(large, div(0.5, tail));
  const byFraction = div(-INVERSE_SQRT_PI, mul(whole, tail));
  const byOutput = sub(mul(mul(x, output), 2), TWO_OVER_SQRT_PI);
  return where(far, byFraction, byOutput);
}

/**
 * The scaled complementary error function e^(x²)·erfc(x) (torch.special.erfcx), accurate where
 * e^(x²) overflows and erfc(x) underflows: e^(x²)·(1 − erf(x)) below 1.5 (with x² split so that its
 * rounding does not reach the exponent) and Laplace's continued fraction 1/(√π·(x + (1/2)/(x + 1/(x +
 * …)))) above, about 1e-15 relative in float64 for every x; erfcx(x) ≈ 1/(√π·x) for large x, +∞ below
 * about −26.6 (where 2·e^(x²) overflows), erfcx(+∞) = 0. Its gradient is 2x·erfcx(x) − 2/√π, as
 * torch's, computed from the continued fraction for x ≥ 3 where that difference would cancel (torch's
 * loses its digits there), and differentiable again; 0 at ±∞ (torch's is −∞ and NaN). Integer and
 * bool inputs give float32.
 * @example
 * special.erfcx(tensor([0, 1, 30])); // [1, 0.4276, 0.0188]
 */
export function erfcx(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('erfcx', ['x'], arguments);
  checkLive('erfcx', 'input', x);
  return composite(() => {
    const input = floatInput(x);
    const value = noGrad(() => scaledComplementValue(input));
    const valid = noGrad(() => isfinite(input));
    return attachDerivative('Erfcx', value, input, valid, scaledComplementDerivative);
  });
}
