import { integrateHalfLine } from './half-line-quadrature.js';
import { digammaDifference, digammaOf } from './scalar-digamma.js';

// Implicit reparameterisation gradients (Figurnov, Mohamed & Mnih 2018; Jankowiak & Obermeyer 2018):
// a draw x = F⁻¹(u; θ) with u held fixed moves with θ as dx/dθ = −(∂F(x; θ)/∂θ)/p(x; θ). For the
// gamma and beta distributions ∂F/∂θ is an integral of ln t against the density:
//   Gamma(α, 1):  −∂P(α, x)/∂α / p(x; α) = ∫₀ˣ (ψ(α) − ln t)·t^(α−1)e^(−t) dt / (x^(α−1)e^(−x)),
//   Beta(a, b):   −∂I_x(a, b)/∂a / p(x; a, b) = ∫₀ˣ (c − ln t)·t^(a−1)(1−t)^(b−1) dt / (x^(a−1)(1−x)^(b−1)),
// with c = E[ln t] = ψ(a) − ψ(a + b) (ψ(α) for the gamma), so that the integral over the whole support
// is 0 and the same value is −∫ₓ^∞ (or −∫ₓ¹) of the same integrand. Below e^c the integrand of ∫₀ˣ is
// positive, above e^c that of −∫ₓ^∞ is: choosing the side by ln x ≤ c leaves a one-signed integral, so
// nothing cancels. Each is mapped onto [0, ∞) so that the density ratio becomes an e^(−w) that the
// exp-sinh rule integrates to about 1e-14 relative. (torch approximates these by series, saddle-point
// expansions and fitted rational functions, to about 4e-3 for the gamma and 2e-2 for the beta.)

// Where x (for the beta, x·max(1, b)) is below this, the power series in x replace the integrals:
// their terms fall like 0.1ⁿ/n!, and there the integrals would spread over many decades of t
const SERIES_BELOW = 0.1;
// a series stops when its term is below this fraction of its sum
const SERIES_NEGLIGIBLE = 1e-17;
const MOST_SERIES_TERMS = 200;

/**
 * The gamma derivative by the series γ(α, x) = Σₙ (−1)ⁿx^(α+n)/(n!(α + n)): differentiated in α,
 * −∂P/∂α/p = −x·eˣ·Σₙ (−x)ⁿ/n!·((ln x − ψ(α))/(α + n) − 1/(α + n)²). For small α the first bracket
 * cancels (ψ(α) ≈ −1/α): since ψ(α) = ψ(α + 1) − 1/α it is (ln x − ψ(α + 1))/α, computed so.
 */
function gammaSeries(alpha: number, x: number): number {
  const logX = Math.log(x);
  const logGap = logX - digammaOf(alpha);
  let power = 1;
  let sum = (logX - digammaOf(alpha + 1)) / alpha;
  for (let n = 1; n < MOST_SERIES_TERMS; n++) {
    power *= -x / n;
    const denominator = alpha + n;
    const term = (power * (logGap * denominator - 1)) / (denominator * denominator);
    sum += term;
    if (Math.abs(term) <= SERIES_NEGLIGIBLE * Math.abs(sum)) break;
  }
  return -x * Math.exp(x) * sum;
}

/**
 * The beta derivative, scaled by 1/(1 − x), by the series I_x(a, b) = x^a/B(a, b)·Σₙ (1 − b)ₙ/n!·xⁿ/(a + n):
 * differentiated in a, −∂I/∂a/p/(1 − x) = −x·(1 − x)^(−b)·Σₙ (1 − b)ₙ/n!·xⁿ·((ln x − c)/(a + n) − 1/(a + n)²),
 * c = ψ(a) − ψ(a + b) = `expectedLog`; the first bracket is (ln x − ψ(a + 1) + ψ(a + b))/a, as for the gamma.
 */
function betaSeries(x: number, a: number, b: number, expectedLog: number): number {
  const logX = Math.log(x);
  const logGap = logX - expectedLog;
  let coefficient = 1;
  // ψ(a + b) − ψ(a + 1)
  const shifted = b === 1 ? 0 : b > 1 ? digammaDifference(a + 1, b - 1) : -digammaDifference(a + b, 1 - b);
  let sum = (logX + shifted) / a;
  for (let n = 1; n < MOST_SERIES_TERMS; n++) {
    coefficient *= ((n - b) * x) / n;
    const denominator = a + n;
    const term = (coefficient * (logGap * denominator - 1)) / (denominator * denominator);
    sum += term;
    if (Math.abs(term) <= SERIES_NEGLIGIBLE * Math.abs(sum)) break;
  }
  return -x * Math.exp(-b * Math.log1p(-x)) * sum;
}

/**
 * dx/dα for a draw x of Gamma(α, 1) (torch._standard_gamma_grad in float64, exactly rather than by
 * torch's approximations). Below x = e^ψ(α), t = x·e^(−w/α) gives
 * (x/α)·∫₀^∞ (ψ(α) − ln x + w/α)·exp(−w − x·expm1(−w/α)) dw; above, t = x·eʳ gives
 * x·∫₀^∞ (ln x − ψ(α) + r)·exp(α·r − x·expm1(r)) dr (bounded by about e there). 0 at x = 0, NaN for
 * NaN, α ≤ 0 or infinite arguments.
 * @example
 * gammaSampleDerivative(1, 1); // 1.1735630272247…
 */
export function gammaSampleDerivative(alpha: number, x: number): number {
  if (!(alpha > 0) || Number.isNaN(x) || alpha === Number.POSITIVE_INFINITY || x === Number.POSITIVE_INFINITY) return Number.NaN;
  if (x <= 0) return 0;
  if (x < SERIES_BELOW) return gammaSeries(alpha, x);
  const expectedLog = digammaOf(alpha);
  const logX = Math.log(x);
  if (logX <= expectedLog) {
    const gap = expectedLog - logX;
    return (x / alpha) * integrateHalfLine((w) => (gap + w / alpha) * Math.exp(-w - x * Math.expm1(-w / alpha)));
  }
  const gap = logX - expectedLog;
  return x * integrateHalfLine((r) => (gap + r) * Math.exp(alpha * r - x * Math.expm1(r)));
}

/**
 * The derivative of a Beta(α, total − α) draw x with respect to α (the other parameter held), divided
 * by 1 − x: torch._dirichlet_grad(x, alpha, total), the factor its Dirichlet backward uses (see
 * sampleDirichlet). With b = total − α, y = 1 − x and c = ψ(α) − ψ(total): below x = e^c, t = x·e^(−w/α)
 * gives (x/(α·y))·∫₀^∞ (c − ln x + w/α)·exp(−w + (b − 1)·log1p(x·(1 − e^(−w/α))/y)) dw; above,
 * t = 1 − y·e^(−v/b) gives (1/b)·∫₀^∞ (ln t − c)·exp(−v + (α − 1)·log1p(y·(1 − e^(−v/b))/x)) dv. 0 at
 * x = 0; NaN for NaN, x outside [0, 1], α ≤ 0 or total ≤ α.
 * @example
 * dirichletSampleDerivative(0.5, 1, 2); // 0.6931… = ln 2 (Beta(α, 1) draws x = u^(1/α): dx/dα = −x·ln x/α)
 */
export function dirichletSampleDerivative(x: number, alpha: number, total: number): number {
  const b = total - alpha;
  if (!(alpha > 0 && b > 0 && x >= 0 && x <= 1) || !Number.isFinite(total)) return Number.NaN;
  if (x === 0) return 0;
  const y = 1 - x;
  // c = ψ(α) − ψ(α + b), without the cancellation of the difference when b ≪ α
  const expectedLog = -digammaDifference(alpha, b);
  if (x * Math.max(1, b) < SERIES_BELOW) return betaSeries(x, alpha, b, expectedLog);
  const logX = Math.log(x);
  if (logX <= expectedLog) {
    const gap = expectedLog - logX;
    const integral = integrateHalfLine((w) => {
      const falls = -Math.expm1(-w / alpha);
      return (gap + w / alpha) * Math.exp(-w + (b - 1) * Math.log1p((x * falls) / y));
    });
    return (x / (alpha * y)) * integral;
  }
  const integral = integrateHalfLine((v) => {
    const falls = -Math.expm1(-v / b);
    // t = 1 − y·e^(−v/b) = x + y·(1 − e^(−v/b)): the second form keeps a small t exact
    const t = x + y * falls;
    const logT = t < 0.5 ? Math.log(t) : Math.log1p(-y * Math.exp(-v / b));
    return (logT - expectedLog) * Math.exp(-v + (alpha - 1) * Math.log1p((y * falls) / x));
  });
  return integral / b;
}
