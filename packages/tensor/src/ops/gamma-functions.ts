import { refuseArgumentsPast } from '../core/options.js';
import { noGrad } from '../autograd/grad-mode.js';
import { floatTypeFor, isFloating } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { attachDerivative } from './attach-derivative.js';
import { castTo } from './convert.js';
import {
  abs,
  add,
  cos,
  div,
  eq,
  isfinite,
  isnan,
  le,
  log,
  logicalAnd,
  logicalNot,
  logicalOr,
  lt,
  mul,
  reciprocal,
  sin,
  sub,
  where,
} from './elementwise.js';
import { fullLike } from './creation.js';
import { signbit } from './sign-bits.js';
import { frac, trunc } from './truncation.js';
import { checkLive } from '../core/tensor-arguments.js';

// Numerical Recipes' (3rd ed.) Lanczos series for ln Γ, g = 671/128 and 14 terms, as the doubles nearest
// its 18-digit coefficients: about 1e-15 absolute
const LANCZOS_SHIFT = 5.2421875;
const LANCZOS_FIRST = 0.9999999999999971;
const LANCZOS_COEFFICIENTS = [
  57.15623566586292, -59.59796035547549, 14.136097974741746, -0.4919138160976202, 3.399464998481189e-5, 4.652362892704858e-5,
  -9.837447530487956e-5, 1.580887032249125e-4, -2.1026444172410488e-4, 2.1743961811521265e-4, -1.643181065367639e-4, 8.441822398385275e-5,
  -2.6190838401581408e-5, 3.6899182659531625e-6,
];
const SQRT_TWO_PI = Math.sqrt(2 * Math.PI);

// B₂ₖ/(2k) for k = 7 … 1, highest first: ψ(z) ≈ log z − 1/(2z) − Σ B₂ₖ/(2k·z²ᵏ) (torch's calc_digamma)
const DIGAMMA_SERIES = [1 / 12, -691 / 32760, 1 / 132, -1 / 240, 1 / 252, -1 / 120, 1 / 12];
// the recurrence raises the argument to at least this before the series (terms beyond z⁻¹⁴ are < 1e-17)
const SERIES_START = 10;

function floatInput(x: Tensor): Tensor {
  return isFloating(x.dtype) ? x : castTo(x, floatTypeFor(x.dtype));
}

/** Non-positive integers and −∞: the poles of Γ. */
function gammaPoles(x: Tensor): Tensor {
  return logicalAnd(le(x, 0), eq(x, trunc(x)));
}

/**
 * ln Γ(x) for x ≥ 0.5 by the Lanczos series: (x + ½)·log(x + g) − (x + g) + log(√(2π)·S(x)/x), with
 * S(x) = c₀ + Σⱼ cⱼ/(x + j).
 */
function lanczosLogGamma(x: Tensor): Tensor {
  const terms = LANCZOS_COEFFICIENTS.map((coefficient, index) => div(coefficient, add(x, index + 1)));
  const series = add(
    terms.reduce((total, term) => add(total, term)),
    LANCZOS_FIRST,
  );
  const shifted = add(x, LANCZOS_SHIFT);
  const leading = sub(mul(add(x, 0.5), log(shifted)), shifted);
  return add(leading, log(div(mul(series, SQRT_TWO_PI), x)));
}

/**
 * ln |Γ(x)| (torch.lgamma, torch.special.gammaln): the Lanczos series for x ≥ 0.5 and the reflection
 * formula ln π − ln |sin(π·frac(x))| − ln Γ(1 − x) below (frac keeps sin exact for large |x|); +∞ at
 * the poles (0, −1, −2, …, −∞) and at +∞, NaN for NaN, as torch. Accurate to about 1e-15 absolute,
 * hence 1e-13 relative away from the zeros at 1 and 2. The gradient is ψ(x) ({@link digamma}), so
 * second derivatives are the trigamma function; at the poles it is 0 (torch's is ∓∞ or NaN).
 * Integer and bool inputs give float32.
 * @example
 * lgamma(tensor([0.5, 3, -0.5, 0])); // [0.5724, 0.6931, 1.2655, Infinity]
 */
export function lgamma(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('lgamma', ['x'], arguments);
  checkLive('lgamma', 'input', x);
  return composite(() => {
    const input = floatInput(x);
    const value = noGrad(() => {
      const reflected = lt(input, 0.5);
      const argument = where(reflected, sub(1, input), input);
      const logGamma = lanczosLogGamma(where(isfinite(argument), argument, 1));
      const sine = abs(sin(mul(where(reflected, frac(input), 0.5), Math.PI)));
      const reflection = sub(log(div(Math.PI, sine)), logGamma);
      const finite = where(reflected, reflection, logGamma);
      const infinite = logicalOr(gammaPoles(input), eq(input, Number.POSITIVE_INFINITY));
      return where(infinite, Number.POSITIVE_INFINITY, where(isnan(input), Number.NaN, finite));
    });
    const valid = noGrad(() => logicalAnd(isfinite(input), logicalNot(gammaPoles(input))));
    return attachDerivative('Lgamma', value, input, valid, (safe) => digamma(safe));
  });
}

/**
 * ψ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x until x ≥ 10, then the asymptotic series.
 * Written in differentiable ops, so its own gradient (trigamma) comes from the same formulas.
 */
function positiveDigamma(x: Tensor): Tensor {
  let correction: Tensor | undefined;
  let steps: Tensor | undefined;
  for (let k = 0; k < SERIES_START; k++) {
    const shifted = add(x, k);
    const below = lt(shifted, SERIES_START);
    const term = where(below, reciprocal(where(below, shifted, 1)), 0);
    correction = correction ? add(correction, term) : term;
    const step = castTo(below, x.dtype);
    steps = steps ? add(steps, step) : step;
  }
  const z = add(x, steps!);
  const inverseSquare = reciprocal(mul(z, z));
  let series = add(mul(inverseSquare, DIGAMMA_SERIES[0]!), DIGAMMA_SERIES[1]!);
  for (const coefficient of DIGAMMA_SERIES.slice(2)) series = add(mul(series, inverseSquare), coefficient);
  const tail = mul(series, inverseSquare);
  return sub(sub(sub(log(z), div(0.5, z)), tail), correction!);
}

/**
 * The digamma function ψ(x) = d/dx ln Γ(x) (torch.digamma, torch.special.digamma and .psi), as torch
 * computes it: the recurrence up to x ≥ 10 and the asymptotic series, with ψ(x) = ψ(1 − x) −
 * π·cos(π·frac(x))/sin(π·frac(x)) for x < 0 (torch's π/tan(π·frac(x)), written so that its second
 * derivative stays finite at half-integers). Special values as torch: ψ(±0) = ∓∞, NaN at negative integers and −∞,
 * +∞ at +∞. Accurate to a few 1e-16 absolute (relative except next to the zero at 1.4616…). Its
 * gradient is the trigamma function, through the same formulas; at the poles it is 0 (torch's is ∞).
 * Integer and bool inputs give float32.
 * @example
 * digamma(tensor([1, 0.5, -0.5])); // [-0.5772, -1.9635, 0.0365]
 */
export function digamma(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('digamma', ['x'], arguments);
  checkLive('digamma', 'input', x);
  return composite(() => {
    const input = floatInput(x);
    const [zero, negativeInteger] = noGrad(() => [eq(input, 0), logicalAnd(lt(input, 0), eq(input, trunc(input)))] as const);
    // special positions read 0.5 so that no ∞ or NaN enters the gradient through unselected branches
    const safe = where(logicalOr(zero, negativeInteger), 0.5, input);
    const negative = noGrad(() => lt(safe, 0));
    const reflected = where(negative, sub(1, safe), safe);
    const fraction = where(negative, frac(safe), 0.5);
    // π·cos/sin rather than π/tan: at half-integers tan is ±1e16 and its derivative (1 + tan²) squares it
    const angle = mul(fraction, Math.PI);
    const cotangent = div(mul(cos(angle), Math.PI), sin(angle));
    const value = sub(positiveDigamma(reflected), where(negative, cotangent, 0));
    // ψ(±0) = ∓∞: the sign of zero decides, as torch
    const atZero = noGrad(() => where(signbit(input), Number.POSITIVE_INFINITY, fullLike(input, Number.NEGATIVE_INFINITY)));
    return where(zero, atZero, where(negativeInteger, Number.NaN, value));
  });
}
