import { refuseArgumentsPast } from '../core/options.js';
import { isGradEnabled, noGrad } from '../autograd/grad-mode.js';
import { composite } from '../core/scope.js';
import type { Tensor, TensorOrScalar } from '../core/tensor.js';
import { attachDerivative } from './attach-derivative.js';
import { broadcastTensors } from './broadcast-tensors.js';
import { fullLike } from './creation.js';
import {
  abs,
  add,
  div,
  eq,
  floor,
  gt,
  isfinite,
  isnan,
  le,
  logicalAnd,
  logicalNot,
  logicalOr,
  lt,
  mul,
  neg,
  pow,
  prepareOperands,
  sub,
  where,
} from './elementwise.js';
import { frac } from './truncation.js';

// Cephes' zeta (torch's): (2j)!/B₂ⱼ for j = 1 … 12, the Euler–Maclaurin tail's denominators
const EULER_MACLAURIN = [
  12, -720, 30240, -1209600, 47900160, -1892437580.3183792, 74724249600, -2950130727918.164, 116467828143500.67, -4597978722407473,
  1.8152105401943546e17, -7.166165256175667e18,
];
// the terms q, q + 1, …, q + 9 are summed directly, then the tail starts at w = q + 9, as Cephes' loop
const DIRECT_TERMS = 10;

/**
 * ζ(s, q) for s > 1 and q > 0, both finite, as Cephes (torch) computes it: the terms q⁻ˢ … (q + 9)⁻ˢ,
 * then the Euler–Maclaurin tail at w = q + 9: w^(1−s)/(s − 1) − w⁻ˢ/2 + Σⱼ s(s + 1)…(s + 2j − 2)·
 * w^(−s−2j+1)·B₂ⱼ/(2j)!, stopped per element after the first term below machine epsilon relative to the
 * sum (the series is asymptotic). w^(1−s) is taken as a power rather than w⁻ˢ·w, which keeps the
 * value where w⁻ˢ underflows (s = 1.5, q = 1e300).
 */
export function positiveZeta(s: Tensor, q: Tensor): Tensor {
  const exponent = neg(s);
  let total = pow(q, exponent);
  for (let k = 1; k < DIRECT_TERMS; k++) total = add(total, pow(add(q, k), exponent));
  // the direct sum ends with the term at w; the tail adds the integral from w and takes half that term back
  const w = add(q, DIRECT_TERMS - 1);
  const last = pow(w, exponent);
  let sum = sub(add(total, div(pow(w, sub(1, s)), sub(s, 1))), mul(last, 0.5));
  const epsilon = s.dtype === 'float64' ? 2 ** -53 : 2 ** -24;
  let done = isnan(sum);
  // s(s + 1)…(s + 2j − 2)·w^(−s−2j+1), built a factor (s + k)/w at a time so that it never overflows
  let factor = last;
  let k = 0;
  for (const denominator of EULER_MACLAURIN) {
    factor = div(mul(factor, add(s, k)), w);
    const term = div(factor, denominator);
    sum = where(done, sum, add(sum, term));
    done = logicalOr(done, lt(abs(div(term, sum)), epsilon));
    factor = div(mul(factor, add(s, k + 1)), w);
    k += 2;
  }
  return sum;
}

/**
 * ζ(s, q) without a graph, with torch's special values: +∞ at s = 1; NaN for s < 1; +∞ at q = 0, −1,
 * −2, … (and −∞); NaN for other q < 0 unless s is an integer. There, with g = frac(q) ∈ (−1, 0), the
 * terms (q + k)⁻ˢ for q + k < 0 are (−1)ˢ·(i − g)⁻ˢ, i = 0 … ⌈−q⌉ − 1, so ζ(s, q) = ζ(s, g + 1) +
 * (−1)ˢ·(ζ(s, −g) − ζ(s, 1 − q)), every argument positive (torch sums the ⌈−q⌉ terms one by one).
 * The limits: ζ(∞, q) is ∞, 1 or 0 for q < 1, q = 1, q > 1, and ζ(s, ∞) = 0 for s > 1 (torch's NaN).
 */
function zetaValue(s: Tensor, q: Tensor): Tensor {
  const pole = logicalAnd(le(q, 0), eq(q, floor(q)));
  const integral = eq(s, floor(s));
  const inDomain = logicalAnd(gt(s, 1), isfinite(s));
  const positive = logicalAnd(inDomain, logicalAnd(gt(q, 0), isfinite(q)));
  const negative = logicalAnd(logicalAnd(inDomain, integral), logicalAnd(lt(q, 0), logicalNot(pole)));
  const regular = logicalOr(positive, negative);
  const safeS = where(regular, s, 2);
  const fraction = frac(where(negative, q, -0.5));
  const main = positiveZeta(safeS, where(negative, add(fraction, 1), where(positive, q, 1)));
  const near = positiveZeta(safeS, where(negative, neg(fraction), 1));
  const far = positiveZeta(safeS, where(negative, sub(1, q), 1));
  // (−1)ˢ = 1 − 2·(s mod 2) for integer s
  const sign = sub(1, mul(sub(safeS, mul(floor(div(safeS, 2)), 2)), 2));
  // ζ(s, g + 1) ± ζ(s, −g) first: for odd s the two cancel (exactly at g = −½), ζ(s, 1 − q) is the smaller
  const finite = where(negative, sub(add(main, mul(near, sign)), mul(far, sign)), main);
  const atInfiniteS = where(lt(q, 1), Number.POSITIVE_INFINITY, where(eq(q, 1), 1, fullLike(q, 0)));
  const limits = where(eq(s, Number.POSITIVE_INFINITY), atInfiniteS, where(eq(q, Number.POSITIVE_INFINITY), 0, finite));
  const computed = where(logicalOr(isnan(s), isnan(q)), Number.NaN, limits);
  const negativeNonIntegral = logicalAnd(lt(q, 0), logicalNot(integral));
  const byDomain = where(pole, Number.POSITIVE_INFINITY, where(negativeNonIntegral, Number.NaN, computed));
  return where(eq(s, 1), Number.POSITIVE_INFINITY, where(lt(s, 1), Number.NaN, byDomain));
}

/** ζ(s, q) of two broadcast tensors of one floating dtype, differentiable in q. */
function zetaOf(s: Tensor, q: Tensor): Tensor {
  const value = noGrad(() => zetaValue(s, q));
  if (!isGradEnabled() || !(s.requiresGrad || q.requiresGrad)) return value;
  // torch's formula at every point: its ∞ and NaN where ζ(s + 1, q) or s is
  const everywhere = noGrad(() => fullLike(q, 1, { dtype: 'bool' }));
  return attachDerivative('Zeta', value, q, everywhere, (safeQ, _, safeS) => neg(mul(safeS!, zetaOf(add(safeS!, 1), safeQ))), {
    tensors: [s],
    noGradient: "zeta: the derivative with respect to x (torch's 'self') is not implemented, as in torch",
  });
}

/**
 * The Hurwitz zeta function ζ(x, q) = Σₖ (q + k)^(−x) (torch.special.zeta; ζ(x, 1) is Riemann's),
 * elementwise over x and q broadcast, in their promoted floating dtype (integers give float32; a
 * number stands for a 0-d tensor): Cephes' algorithm as torch's, the terms up to q + 9 and the
 * Euler–Maclaurin tail, about 1e-15 relative in float64. Special values as torch: +∞ at x = 1, NaN for
 * x < 1, +∞ at q = 0, −1, −2, …; for other q < 0, NaN unless x is an integer (then by the shift
 * ζ(x, q) = ζ(x, q + n) + Σ (q + k)^(−x), summed in closed form); ζ(x, ∞) = 0 and ζ(∞, q > 1) = 0
 * (torch's are NaN). The gradient in q is −x·ζ(x + 1, q), as torch's, differentiable again; the one in
 * x throws when backward needs it ("not implemented", as torch's).
 * @example
 * special.zeta(tensor([2, 4]), tensor([1, 1])); // [1.6449, 1.0823] (π²/6, π⁴/90)
 */
export function zeta(x: TensorOrScalar, q: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('zeta', ['x', 'q'], arguments);
  return composite(() => {
    const [exponent, offset] = broadcastTensors(...prepareOperands('zeta', x, q, true)) as [Tensor, Tensor];
    return zetaOf(exponent, offset);
  });
}
