import type { Tensor } from '../core/tensor.js';
import { add, div, exp, lt, mul, neg, sqrt, sub, where } from './elementwise.js';
import { erfcx } from './erfcx.js';
import { TEMME_COEFFICIENTS } from './incomplete-gamma-temme-coefficients.js';

// Temme's uniform asymptotic expansion (N. M. Temme, SIAM J. Math. Anal. 10, 1979; DiDonato and Morris,
// ACM TOMS 12, 1986; DLMF 8.12.3–8.12.4), as Cephes, SciPy and torch use it where a is large and x near
// a: with λ = x/a, σ = λ − 1 and η = sign(σ)·√(2·(λ − 1 − log λ)),
//   Q(a, x) = ½·erfc(η·√(a/2)) + e^(−a·η²/2)/√(2πa)·Σₖ Cₖ(η)·a^(−k),
//   P(a, x) = ½·erfc(−η·√(a/2)) − e^(−a·η²/2)/√(2πa)·Σₖ Cₖ(η)·a^(−k).
// The smaller of the two (Q for x ≥ a, P below) is written e^(−t²)·(½·erfcx(t) ± S/√(2πa)) with
// t = |η|·√(a/2), so that e^(−t²) = e^(a·log1pmx(σ)) comes from the accurate log1pmx and erfc's tail is
// never formed; the larger is 1 minus it.

/** The expansion is used for a above this … */
export const ASYMPTOTIC_SHAPE = 20;
/** … and |x − a|/a below this (torch's SMALLRATIO, here for every a > 20: the series and the fraction converge fast outside it). */
export const ASYMPTOTIC_RATIO = 0.3;

// the largest |η| in the region, at σ = −0.3: √(2·(−0.3 − log 0.7))
const LARGEST_ETA = Math.sqrt(2 * (-ASYMPTOTIC_RATIO - Math.log1p(-ASYMPTOTIC_RATIO)));
// |Σₖ Cₖ(η)·a^(−k)| ≥ 0.3 in the region (C₀(η) ∈ [−0.36, −0.31], the rest under 1e-4), and a term
// dk,n·ηⁿ·a^(−k) is kept when it can exceed 1e-17 of that
const NEGLIGIBLE = 0.3e-17;

/**
 * The rows of Temme's table trimmed to the terms that matter for a > 20 and |η| ≤ 0.34: each row k cut
 * after its last n with |dk,n|·0.34ⁿ·20^(−k) ≥ 3e-18, and the rows from the first empty one on
 * dropped (k ≤ 11, 109 coefficients of the 625 remain).
 */
const TRIMMED_ROWS: readonly (readonly number[])[] = (() => {
  const rows: number[][] = [];
  for (const [k, row] of TEMME_COEFFICIENTS.entries()) {
    let count = row.length;
    while (count > 0 && Math.abs(row[count - 1]!) * LARGEST_ETA ** (count - 1) * ASYMPTOTIC_SHAPE ** -k < NEGLIGIBLE) count--;
    if (count === 0) break;
    rows.push(row.slice(0, count));
  }
  return rows;
})();

/** Σₙ coefficients[n]·ηⁿ by Horner's rule. */
function polynomial(coefficients: readonly number[], eta: Tensor): Tensor | number {
  let value: Tensor | number = coefficients[coefficients.length - 1]!;
  for (let n = coefficients.length - 2; n >= 0; n--) value = add(mul(eta, value), coefficients[n]!);
  return value;
}

/**
 * P(a, x) and Q(a, x) by Temme's expansion, given σ = (x − a)/a and `logTerm` = log1pmx(σ) =
 * −η²/2, for a > 20 and |σ| < 0.3 (elsewhere the values are not meaningful and are to be masked).
 */
export function temmeExpansion(a: Tensor, sigma: Tensor, logTerm: Tensor): { lower: Tensor; upper: Tensor } {
  const below = lt(sigma, 0);
  const magnitude = sqrt(mul(logTerm, -2));
  const eta = where(below, neg(magnitude), magnitude);
  // S = Σₖ Cₖ(η)·a^(−k), by Horner's rule in 1/a over the rows
  const reciprocal = div(1, a);
  let sum: Tensor | number = polynomial(TRIMMED_ROWS[TRIMMED_ROWS.length - 1]!, eta);
  for (let k = TRIMMED_ROWS.length - 2; k >= 0; k--) sum = add(mul(reciprocal, sum), polynomial(TRIMMED_ROWS[k]!, eta));
  const correction = div(sum, sqrt(mul(a, 2 * Math.PI)));
  const t = sqrt(mul(mul(logTerm, a), -1));
  const small = mul(exp(mul(a, logTerm)), add(mul(erfcx(t), 0.5), where(below, neg(correction), correction)));
  const large = sub(1, small);
  return { lower: where(below, small, large), upper: where(below, large, small) };
}
