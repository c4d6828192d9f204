import { refuseArgumentsPast } from '../core/options.js';
import { attachDerivative } from './attach-derivative.js';
import { isGradEnabled, noGrad } from '../autograd/grad-mode.js';
import { isFloating, promoteTypes } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { broadcastTensors } from './broadcast-tensors.js';
import { castTo } from './convert.js';
import {
  abs,
  add,
  div,
  eq,
  exp,
  gt,
  isfinite,
  isnan,
  log,
  logicalAnd,
  logicalOr,
  lt,
  mul,
  neg,
  reciprocal,
  sub,
  where,
} from './elementwise.js';
import { lgamma } from './gamma-functions.js';
import { ASYMPTOTIC_RATIO, ASYMPTOTIC_SHAPE, temmeExpansion } from './incomplete-gamma-asymptotic.js';
import { largeShapePrefactor, logOnePlusMinusIdentity } from './incomplete-gamma-prefactor.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';

// The regularized incomplete gamma functions P(a, x) = γ(a, x)/Γ(a) and Q(a, x) = Γ(a, x)/Γ(a) = 1 − P,
// each with a fixed number of steps so that nothing is read back: for a > 20 and |x − a| < 0.3a, Temme's
// uniform asymptotic expansion (incomplete-gamma-asymptotic.ts); elsewhere as Numerical Recipes (3rd
// ed., §6.2) computes them, the series for x < a + 1 and Legendre's continued fraction otherwise, which
// share the factor xᵃ·e⁻ˣ/Γ(a) (formed in log1pmx for a > 20, incomplete-gamma-prefactor.ts).

// Σₙ xⁿ/((a+1)…(a+n)) needs about √(70·a) terms where x ≈ a (the terms fall like e^(−n²/2a)), but
// the expansion takes that region over for a > 20: 120 terms converge (below 1e-17) for a ≤ 20 and
// x < a + 1, and for x < 0.7a at any a (ratios x/(a + n) < 0.7)
const SERIES_TERMS = 120;
// the modified Lentz steps of the continued fraction: 80 converge (to 3e-14, as 100 do) for a ≤ 20 and
// x ≥ a + 1, and (40 would) for x ≥ 1.3a at any a
const FRACTION_STEPS = 80;
// the prefactor is formed through Stirling's series for a > 20 and x above this (see incompleteGammaValue)
const STIRLING_LEAST_X = 2;

/** Which of the two functions: P (lower) or Q (upper). */
type Tail = 'lower' | 'upper';

/**
 * xᵃ·e⁻ˣ/Γ(a)·Σₙ₌₀ xⁿ/(a·(a+1)…(a+n)) = P(a, x) (NR's gser), for positive finite a and x.
 */
function lowerSeries(a: Tensor, x: Tensor, prefactor: Tensor): Tensor {
  let term = reciprocal(a);
  let total = term;
  for (let n = 1; n < SERIES_TERMS; n++) {
    term = div(mul(term, x), add(a, n));
    total = add(total, term);
  }
  return mul(prefactor, total);
}

/**
 * xᵃ·e⁻ˣ/Γ(a)·1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − 2·(2 − a)/(x + 5 − a − …))) = Q(a, x) (NR's gcf,
 * by the modified Lentz method, with |c|, |d| kept above `tiny` so that no step divides by 0).
 */
function upperFraction(a: Tensor, x: Tensor, prefactor: Tensor): Tensor {
  const tiny = x.dtype === 'float64' ? 1e-300 : 1e-30;
  const guard = (t: Tensor) => where(lt(abs(t), tiny), tiny, t);
  let b = sub(add(x, 1), a);
  let c: Tensor | number = 1 / tiny;
  let d = reciprocal(guard(b));
  let h = d;
  for (let i = 1; i < FRACTION_STEPS; i++) {
    const numerator = mul(sub(a, i), i); // −i·(i − a)
    b = add(b, 2);
    d = reciprocal(guard(add(mul(d, numerator), b)));
    c = guard(add(b, div(numerator, c)));
    h = mul(h, mul(d, c));
  }
  return mul(prefactor, h);
}

/** Where both a and x are positive and finite: where the series and the fraction apply. */
function positiveAndFinite(a: Tensor, x: Tensor): Tensor {
  return logicalAnd(logicalAnd(gt(a, 0), gt(x, 0)), logicalAnd(isfinite(a), isfinite(x)));
}

/**
 * P or Q for every (a, x), with torch's special values: NaN for NaN, a < 0 or x < 0, (0, 0) and (∞, ∞);
 * P = 1 for a = 0 < x and for x = ∞; P = 0 for x = 0 < a and for a = ∞.
 */
function incompleteGammaValue(a: Tensor, x: Tensor, tail: Tail): Tensor {
  const regular = positiveAndFinite(a, x);
  const safeA = where(regular, a, 1);
  const safeX = where(regular, x, 1);
  const sigma = div(sub(safeX, safeA), safeA);
  const logTerm = logOnePlusMinusIdentity(sigma, div(safeX, safeA));
  const largeShape = gt(safeA, ASYMPTOTIC_SHAPE);
  // xᵃ·e⁻ˣ/Γ(a) through logarithms, which neither overflow nor underflow before the end: as
  // a·log1pmx(σ) where a is large (its rounding is a·|log λ − σ|·ε where a·log x − x − log Γ(a) has
  // (a·|log x| + a·log a)·ε), unless x ≤ 2, where |log λ| = log a − log x is no better
  const directPrefactor = exp(sub(sub(mul(safeA, log(safeX)), safeX), lgamma(safeA)));
  const byStirling = logicalAnd(largeShape, gt(safeX, STIRLING_LEAST_X));
  const prefactor = where(byStirling, largeShapePrefactor(safeA, logTerm), directPrefactor);
  const bySeries = lt(safeX, add(safeA, 1));
  const series = lowerSeries(safeA, safeX, prefactor);
  const fraction = upperFraction(safeA, safeX, prefactor);
  const asymptotic = temmeExpansion(safeA, sigma, logTerm);
  const byExpansion = logicalAnd(largeShape, lt(abs(sigma), ASYMPTOTIC_RATIO));
  const lower = where(byExpansion, asymptotic.lower, where(bySeries, series, sub(1, fraction)));
  const upper = where(byExpansion, asymptotic.upper, where(bySeries, sub(1, series), fraction));
  // the limits: P = 1 where a = 0 < x or x = ∞ > a, P = 0 where x = 0 < a or a = ∞ > x
  const complete = logicalOr(logicalAnd(eq(a, 0), gt(x, 0)), logicalAnd(eq(x, Infinity), lt(a, Infinity)));
  const empty = logicalOr(logicalAnd(eq(x, 0), gt(a, 0)), logicalAnd(eq(a, Infinity), lt(x, Infinity)));
  const lowerLimit = where(logicalOr(complete, empty), castTo(complete, a.dtype), Number.NaN);
  const limit = tail === 'lower' ? lowerLimit : sub(1, lowerLimit);
  const undefinedAt = logicalOr(logicalOr(isnan(a), isnan(x)), logicalOr(lt(a, 0), lt(x, 0)));
  return where(undefinedAt, Number.NaN, where(regular, tail === 'lower' ? lower : upper, limit));
}

/**
 * dP/dx = e⁻ˣ·x^(a−1)/Γ(a) = −dQ/dx, in differentiable ops of x and a (a second derivative reaches a,
 * as torch's formula does); attachDerivative gives x and a stand-ins where they are not positive and
 * finite, and a gradient of 0 there.
 */
function derivativeInX(tail: Tail) {
  return (x: Tensor, _output: Tensor, a: Tensor): Tensor => {
    const density = exp(sub(sub(mul(sub(a, 1), log(x)), x), lgamma(a)));
    return tail === 'lower' ? density : neg(density);
  };
}

const nodeNames = { lower: 'Igamma', upper: 'Igammac' } as const;

/** P or Q of (a, x) broadcast, in their promoted floating dtype; differentiable in x. */
function incompleteGamma(operation: string, a: Tensor, x: Tensor, tail: Tail): Tensor {
  checkTensorArguments(operation, { a, x });
  assertSameDevice(operation, [a, x]);
  const dtype = promoteTypes(a.dtype, x.dtype);
  if (!isFloating(dtype)) throw new Error(`${operation}: expects floating-point a and x, got ${a.dtype} and ${x.dtype}`);
  return composite(() => {
    const [shapedA, shapedX] = broadcastTensors(castTo(a, dtype), castTo(x, dtype)) as [Tensor, Tensor];
    const value = noGrad(() => incompleteGammaValue(shapedA, shapedX, tail));
    if (!isGradEnabled() || !(shapedA.requiresGrad || shapedX.requiresGrad)) return value;
    const valid = noGrad(() => positiveAndFinite(shapedA, shapedX));
    return attachDerivative(nodeNames[tail], value, shapedX, valid, derivativeInX(tail), {
      tensors: [shapedA],
      noGradient: `${operation}: the derivative with respect to a (torch's 'input') is not implemented, as in torch`,
    });
  });
}

/**
 * The regularized lower incomplete gamma function P(a, x) = 1/Γ(a)·∫₀ˣ tᵃ⁻¹e⁻ᵗ dt (torch.igamma,
 * torch.special.gammainc), elementwise over a and x broadcast, in their promoted floating dtype:
 * Temme's uniform asymptotic expansion for a > 20 and |x − a| < 0.3a, elsewhere the series for
 * x < a + 1 and the continued fraction otherwise (Numerical Recipes), within 5e-14 relative of the exact
 * value in float64 for a up to 1e6 (and beyond), save far out in the tails, where the rounding of
 * a·log(x/a) alone costs about |ln P|·1e-16 (under 3e-13 down to 1e-300); float32 within 1e-5
 * (torch's own float64 values are off by up to 1e-9 near x ≈ a for a > 20). Special values as torch:
 * NaN for NaN, a < 0 or x < 0, (0, 0) and (∞, ∞); 1 for a = 0 < x and x = ∞; 0 for x = 0 < a and
 * a = ∞. The gradient in x is e⁻ˣ·xᵃ⁻¹/Γ(a) (0 where a or
 * x is not positive and finite); the one in a throws when backward needs it, as torch's.
 * @example
 * igamma(tensor([1, 2]), tensor([1, 1])); // [0.6321, 0.2642]
 */
export function igamma(a: Tensor, x: Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('igamma', ['a', 'x'], arguments);
  return incompleteGamma('igamma', a, x, 'lower');
}

/**
 * The regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x) (torch.igammac,
 * torch.special.gammaincc), computed directly where it is small; see {@link igamma} for the method,
 * the special values and the gradients (the one in x is −e⁻ˣ·xᵃ⁻¹/Γ(a)).
 * @example
 * igammac(tensor([1, 2]), tensor([1, 1])); // [0.3679, 0.7358]
 */
export function igammac(a: Tensor, x: Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('igammac', ['a', 'x'], arguments);
  return incompleteGamma('igammac', a, x, 'upper');
}
