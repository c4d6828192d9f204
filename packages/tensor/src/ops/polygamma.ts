import { refuseArgumentsPast } from '../core/options.js';
import { noGrad } from '../autograd/grad-mode.js';
import { floatTypeFor, isFloating } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { attachDerivative } from './attach-derivative.js';
import { castTo } from './convert.js';
import { abs, add, cos, div, eq, isfinite, le, logicalAnd, logicalNot, lt, mul, round, sign, sin, sub, tan, where } from './elementwise.js';
import { fullLike } from './creation.js';
import { digamma } from './gamma-functions.js';
import { positiveZeta } from './hurwitz-zeta.js';
import { trunc } from './truncation.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * The coefficients (lowest power first) of the polynomial Pₙ with dⁿ/duⁿ cot u = Pₙ(cot u):
 * P₀(c) = c and Pₖ₊₁(c) = −(1 + c²)·Pₖ′(c).
 */
function cotangentDerivative(n: number): number[] {
  let coefficients = [0, 1];
  for (let order = 0; order < n; order++) {
    const derivative = coefficients.slice(1).map((coefficient, power) => coefficient * (power + 1));
    const next = new Array<number>(derivative.length + 2).fill(0);
    derivative.forEach((coefficient, power) => {
      next[power] -= coefficient;
      next[power + 2] -= coefficient;
    });
    coefficients = next;
  }
  return coefficients;
}

/** The polynomial with `coefficients` (lowest power first) at `c`, by Horner's rule. */
function polynomial(coefficients: readonly number[], c: Tensor): Tensor {
  let value: Tensor | number = coefficients[coefficients.length - 1]!;
  for (let power = coefficients.length - 2; power >= 0; power--) value = add(mul(value, c), coefficients[power]!);
  return value as Tensor;
}

/**
 * cot(πx) from r = x − round(x) in [−½, ½] (cot has period π): cos(πr)/sin(πr) for |r| < ¼, and
 * tan(π(±½ − r)) = cot(πr) beyond, whose small argument keeps it exact next to the zeros at r = ±½
 * (cos(π/2) rounds to 6e-17, 4e-8 in float32, which the derivative polynomials would multiply).
 */
function cotangentOfPiTimes(x: Tensor): Tensor {
  const r = sub(x, round(x));
  const nearZero = lt(abs(r), 0.25);
  const angle = mul(where(nearZero, r, 0.25), Math.PI);
  const complement = mul(sub(mul(sign(r), 0.5), where(nearZero, 0.25, r)), Math.PI);
  return where(nearZero, div(cos(angle), sin(angle)), tan(complement));
}

function factorial(n: number): number {
  let product = 1;
  for (let k = 2; k <= n; k++) product *= k;
  return product;
}

/**
 * ψ⁽ⁿ⁾(x) for n ≥ 1, without a graph: (−1)ⁿ⁺¹·n!·ζ(n + 1, x) for x ≥ 0; for x < 0 the reflection
 * ψ⁽ⁿ⁾(x) = (−1)ⁿ·ψ⁽ⁿ⁾(1 − x) − πⁿ⁺¹·Pₙ(cot πx) (the n-th derivative of ψ(1 − x) − ψ(x) = π cot πx),
 * with cot taken at π·(x − round(x)) so that it stays exact for large |x|.
 */
function polygammaValue(n: number, x: Tensor): Tensor {
  const pole = logicalAnd(le(x, 0), eq(x, trunc(x)));
  const reflected = logicalAnd(lt(x, 0), logicalNot(pole));
  const argument = where(pole, 1, where(reflected, sub(1, x), x));
  const sign = n % 2 === 1 ? 1 : -1;
  const positive = mul(positiveZeta(fullLike(argument, n + 1), argument), sign * factorial(n));
  const cotangent = cotangentOfPiTimes(where(reflected, x, 0.5));
  const reflection = sub(mul(positive, -sign), mul(polynomial(cotangentDerivative(n), cotangent), Math.PI ** (n + 1)));
  const value = where(reflected, reflection, positive);
  // the poles 0, −1, −2, … (and −∞) give ±∞ as torch's zeta (the sign of (−1)ⁿ⁺¹); at +∞ torch's
  // trigamma gives 0 and its zeta 0·∞ = NaN for n ≥ 2
  const atPole = where(pole, sign * Number.POSITIVE_INFINITY, value);
  return where(eq(x, Number.POSITIVE_INFINITY), n === 1 ? 0 : Number.NaN, atPole);
}

/**
 * The polygamma function ψ⁽ⁿ⁾(x), the n-th derivative of the digamma function (torch.polygamma,
 * torch.special.polygamma): digamma for n = 0; for n ≥ 1, (−1)ⁿ⁺¹·n!·ζ(n + 1, x) with Cephes' Hurwitz
 * zeta (the terms up to x + k ≥ 10, then the Euler–Maclaurin tail) for x > 0 and the reflection formula
 * for x < 0. Poles at 0, −1, −2, …: (−1)ⁿ⁺¹·∞ (torch's trigamma gives a large finite number, its
 * rounding of π²/sin²(πx), at the negative integers). The gradient is ψ⁽ⁿ⁺¹⁾(x), so derivatives of
 * every order follow. Integer inputs give float32.
 * @example
 * polygamma(1, tensor([1, 0.5])); // [1.6449, 4.9348] (π²/6, π²/2)
 */
export function polygamma(n: number, x: Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('polygamma', ['n', 'x'], arguments);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
    throw new Error(`polygamma: n must be a non-negative integer, got ${String(n)}`);
  checkLive('polygamma', 'input', x);
  if (n === 0) return digamma(x);
  return composite(() => {
    const input = isFloating(x.dtype) ? x : castTo(x, floatTypeFor(x.dtype));
    const value = noGrad(() => polygammaValue(n, input));
    const valid = noGrad(() => logicalAnd(isfinite(input), logicalNot(logicalAnd(le(input, 0), eq(input, trunc(input))))));
    return attachDerivative(`Polygamma${n}`, value, input, valid, (safe) => polygamma(n + 1, safe));
  });
}
