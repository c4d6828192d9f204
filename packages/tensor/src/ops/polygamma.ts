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
  logicalAnd,
  logicalNot,
  logicalOr,
  lt,
  mul,
  pow,
  round,
  sign,
  sin,
  sub,
  tan,
  where,
} from './elementwise.js';
import { digamma } from './gamma-functions.js';
import { trunc } from './truncation.js';

// Cephes' zeta: (2j)!/B₂ⱼ for j = 1 … 12, the Euler–Maclaurin tail's denominators
const EULER_MACLAURIN = [
  12, -720, 30240, -1209600, 47900160, -1892437580.3183792, 74724249600, -2950130727918.164, 116467828143500.67, -4597978722407473,
  1.8152105401943546e17, -7.166165256175667e18,
];
// Cephes' MACHEP: a tail term below this fraction of the sum ends the series
const MACHINE_EPSILON = 2 ** -53;
// the direct sum runs until the argument reaches this before the tail, as Cephes' loop does
const TAIL_START = 10;

/**
 * The Hurwitz zeta function ζ(s, q) = Σₖ (q + k)^(−s) for s > 1 and q > 0, as Cephes computes it: the
 * terms while q + k < 10, then the Euler–Maclaurin tail at w = q + k ≥ 10:
 * w^(1−s)/(s − 1) + w^(−s)/2 + Σⱼ s(s + 1)…(s + 2j − 2)·w^(−s−2j+1)·B₂ⱼ/(2j)!, stopped (per element)
 * after the first term below machine epsilon relative to the sum (the series is asymptotic).
 */
function hurwitzZeta(s: number, q: Tensor): Tensor {
  let total: Tensor | undefined;
  let steps: Tensor | undefined;
  for (let k = 0; k < TAIL_START; k++) {
    const shifted = add(q, k);
    const below = lt(shifted, TAIL_START);
    const term = where(below, pow(where(below, shifted, 1), -s), 0);
    total = total ? add(total, term) : term;
    const step = castTo(below, q.dtype);
    steps = steps ? add(steps, step) : step;
  }
  const w = add(q, steps!);
  const power = pow(w, -s);
  let sum = add(add(total!, div(mul(power, w), s - 1)), mul(power, 0.5));
  // per element: whether the series has ended (none has yet; NaN sums stay NaN either way)
  let done = isnan(sum);
  let rising = 1;
  let factor = power;
  let k = 0;
  for (const denominator of EULER_MACLAURIN) {
    rising *= s + k;
    factor = div(factor, w);
    const term = div(mul(factor, rising), denominator);
    sum = where(done, sum, add(sum, term));
    done = logicalOr(done, lt(abs(div(term, sum)), MACHINE_EPSILON));
    k += 1;
    rising *= s + k;
    factor = div(factor, w);
    k += 1;
  }
  return sum;
}

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
  const positive = mul(hurwitzZeta(n + 1, argument), sign * factorial(n));
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
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
    throw new Error(`polygamma: n must be a non-negative integer, got ${String(n)}`);
  x.assertAlive('polygamma');
  if (n === 0) return digamma(x);
  return composite(() => {
    const input = isFloating(x.dtype) ? x : castTo(x, floatTypeFor(x.dtype));
    const value = noGrad(() => polygammaValue(n, input));
    const valid = noGrad(() => logicalAnd(isfinite(input), logicalNot(logicalAnd(le(input, 0), eq(input, trunc(input))))));
    return attachDerivative(`Polygamma${n}`, value, input, valid, (safe) => polygamma(n + 1, safe));
  });
}
