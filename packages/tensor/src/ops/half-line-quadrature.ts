// ∫₀^∞ f(w) dw by the exp-sinh (double exponential) rule of Takahasi and Mori: with
// w = exp(π/2·sinh τ), dw = w·π/2·cosh τ dτ, the trapezoid rule in τ converges double-exponentially
// for integrands analytic on (0, ∞), whatever their scale (a peak at 1e-200 and one at 1e10 are
// both reached) and whatever their integrable singularity at 0. Used on the host, in float64, for
// the implicit reparameterisation gradients of gamma and beta draws.

// τ is kept within ±6.8: w = exp(±π/2·sinh 6.8) ≈ 1e±306 stays a finite, nonzero double
const LIMIT = 6.8;
// the first step in τ; each refinement halves it (adding the points in between)
const FIRST_STEP = 0.5;
const MOST_REFINEMENTS = 8;
// refinements stop once two successive estimates agree to this (the error of the later one is then
// about the square of it: the rule doubles its correct digits with each halving)
const AGREEMENT = 1e-8;
// a point contributes nothing below this fraction of the running total
const NEGLIGIBLE = 1e-16;

/** f(w)·dw/dτ at τ: the term of the trapezoid sum, 0 where it underflows. */
function term(integrand: (w: number) => number, tau: number): number {
  const w = Math.exp((Math.PI / 2) * Math.sinh(tau));
  if (w === 0 || !Number.isFinite(w)) return 0;
  const value = integrand(w);
  return value === 0 ? 0 : value * w * (Math.PI / 2) * Math.cosh(tau);
}

/**
 * The τ range the integrand needs, found at the first step: outward from τ = 0 in each direction
 * until two successive terms are negligible beside the running total (or τ reaches ±6.8). Returns
 * the sum of the terms at the first step and the end points.
 */
function firstLevel(integrand: (w: number) => number): { sum: number; lowest: number; highest: number } {
  let sum = term(integrand, 0);
  const ends = [0, 0];
  for (const [index, direction] of [
    [0, -1],
    [1, 1],
  ] as const) {
    let quiet = 0;
    for (let k = 1; k * FIRST_STEP <= LIMIT && quiet < 2; k++) {
      const value = term(integrand, direction * k * FIRST_STEP);
      sum += value;
      ends[index] = direction * k * FIRST_STEP;
      quiet = Math.abs(value) <= NEGLIGIBLE * Math.abs(sum) ? quiet + 1 : 0;
    }
  }
  return { sum, lowest: ends[0]!, highest: ends[1]! };
}

/**
 * ∫₀^∞ `integrand`(w) dw, to about 1e-15 relative for the smooth, one-signed integrands it is used
 * on (the quadrature error falls like exp(−c/step); the result is the last of the estimates, which
 * stop changing). NaN when the integrand gives NaN.
 * @example
 * integrateHalfLine((w) => Math.exp(-w)); // 1
 */
export function integrateHalfLine(integrand: (w: number) => number): number {
  const { sum: firstSum, lowest, highest } = firstLevel(integrand);
  let step = FIRST_STEP;
  let sum = firstSum;
  let estimate = sum * step;
  for (let refinement = 0; refinement < MOST_REFINEMENTS; refinement++) {
    step /= 2;
    // the new points lie halfway between the old ones
    const count = Math.round((highest - lowest) / (2 * step));
    for (let i = 0; i < count; i++) sum += term(integrand, lowest + (2 * i + 1) * step);
    const refined = sum * step;
    const settled = Math.abs(refined - estimate) <= AGREEMENT * Math.abs(refined);
    estimate = refined;
    if (settled && refinement >= 1) break;
  }
  return estimate;
}
