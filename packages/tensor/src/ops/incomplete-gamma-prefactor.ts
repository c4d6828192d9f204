import type { Tensor } from '../core/tensor.js';
import { add, div, exp, gt, log, logicalAnd, lt, mul, sqrt, sub, where } from './elementwise.js';

// What the incomplete gamma functions need for large a, where a·log x, x and log Γ(a) are each about
// a·log a and their difference, the logarithm of xᵃ·e⁻ˣ/Γ(a), would keep only their absolute rounding
// (1e-11 at a = 1e4): that logarithm rewritten in λ = x/a and σ = λ − 1 = (x − a)/a as
// a·(log λ − λ + 1) = a·log1pmx(σ), whose rounding is relative (DiDonato and Morris, ACM TOMS 12, 1986;
// Temme 1979).

// log(1 + σ) = 2·atanh(u) with u = σ/(2 + σ), so log(1 + σ) − σ = −σ·u + 2·(u³/3 + u⁵/5 + …) (since
// 2u − σ = −σ·u): no cancellation between the terms for σ in [−1/2, 1], where |u| ≤ 1/3 and 18 terms
// reach 1e-17 relative ((1/9)¹⁸ ≈ 7e-18)
const SERIES_LOWEST = -0.5;
const SERIES_HIGHEST = 1;
const ATANH_TERMS = 18;

// Stirling's series log Γ*(a) = log Γ(a) − (a − ½)·log a + a − ½·log 2π = Σₘ B₂ₘ/(2m(2m − 1)·a^(2m−1)):
// seven terms are within 1e-19 for a ≥ 20, from B₂ = 1/6 to B₁₄ = 7/6
const STIRLING_COEFFICIENTS = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156];

/**
 * log(1 + σ) − σ = log λ − σ for σ > −1, given both σ and λ = 1 + σ (each formed from x and a directly:
 * σ = (x − a)/a keeps its digits where x ≈ a, λ = x/a where x ≪ a, where 1 + σ would not), to a few
 * units of the last place: the atanh series in σ for σ in [−1/2, 1], log λ − σ outside, which cancels
 * at most threefold (log 2 − 1 ≈ −0.31 at σ = 1, log ½ + ½ ≈ −0.19 at σ = −½).
 */
export function logOnePlusMinusIdentity(sigma: Tensor, ratio: Tensor): Tensor {
  const inSeries = logicalAnd(gt(sigma, SERIES_LOWEST), lt(sigma, SERIES_HIGHEST));
  const near = where(inSeries, sigma, 0);
  const u = div(near, add(near, 2));
  const uSquared = mul(u, u);
  // Σⱼ u²⁽ʲ⁻¹⁾/(2j + 1), j = 1 … ATANH_TERMS, by Horner's rule from the highest power
  let tail: Tensor | number = 1 / (2 * ATANH_TERMS + 1);
  for (let j = ATANH_TERMS - 1; j >= 1; j--) tail = add(mul(uSquared, tail), 1 / (2 * j + 1));
  const series = sub(mul(mul(mul(uSquared, u), tail), 2), mul(near, u));
  return where(inSeries, series, sub(log(ratio), sigma));
}

/**
 * log Γ*(a) = Σₘ B₂ₘ/(2m(2m − 1)·a^(2m−1)), Stirling's correction, for a ≥ 20 (Horner's rule in 1/a²).
 */
function stirlingCorrection(a: Tensor): Tensor {
  const reciprocal = div(1, a);
  const reciprocalSquared = mul(reciprocal, reciprocal);
  let sum: Tensor | number = STIRLING_COEFFICIENTS[STIRLING_COEFFICIENTS.length - 1]!;
  for (let m = STIRLING_COEFFICIENTS.length - 2; m >= 0; m--) sum = add(mul(reciprocalSquared, sum), STIRLING_COEFFICIENTS[m]!);
  return mul(reciprocal, sum);
}

/**
 * xᵃ·e⁻ˣ/Γ(a) = e^(a·log1pmx(σ))·√(a/2π)/Γ*(a) for a ≥ 20, with `logTerm` = log1pmx(σ) = log λ − σ (from
 * Γ(a) = √(2π)·a^(a−½)·e⁻ᵃ·Γ*(a)).
 */
export function largeShapePrefactor(a: Tensor, logTerm: Tensor): Tensor {
  return mul(exp(sub(mul(a, logTerm), stirlingCorrection(a))), sqrt(div(a, 2 * Math.PI)));
}
