// B₂ₖ/(2k) for k = 7 … 1, highest first: ψ(z) ≈ ln z − 1/(2z) − Σₖ B₂ₖ/(2k·z²ᵏ) for z ≥ 10, where the
// terms beyond z⁻¹⁴ are below 1e-17
const SERIES = [1 / 12, -691 / 32760, 1 / 132, -1 / 240, 1 / 252, -1 / 120, 1 / 12];
const SERIES_START = 10;

/** Σₖ B₂ₖ/(2k·z²ᵏ), the tail of the asymptotic series at z ≥ 10. */
function asymptoticTail(z: number): number {
  const inverseSquare = 1 / (z * z);
  let series = SERIES[0]!;
  for (const coefficient of SERIES.slice(1)) series = series * inverseSquare + coefficient;
  return series * inverseSquare;
}

/**
 * The digamma function ψ(x) = d/dx ln Γ(x) of one positive double, on the host: the recurrence
 * ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the asymptotic series; a few 1e-16 absolute. NaN for
 * x ≤ 0 and NaN (the host samplers only ask for positive arguments).
 * @example
 * digammaOf(1); // −0.5772156649015329 (−γ)
 */
export function digammaOf(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  let correction = 0;
  let z = x;
  while (z < SERIES_START) {
    correction += 1 / z;
    z += 1;
  }
  return Math.log(z) - 0.5 / z - asymptoticTail(z) - correction;
}

/**
 * ψ(a + b) − ψ(a) for positive a and b, without the cancellation of subtracting the two when b ≪ a:
 * both recurrences run together (their steps combine into b/(z·(z + b))), then
 * ln((z + b)/z) = log1p(b/z), 1/(2z) − 1/(2(z + b)) = b/(2z(z + b)) and the difference of the two
 * series tails. Relative accuracy a few 1e-16 where the plain difference loses ln(a)/(b/a) of it.
 * @example
 * digammaDifference(400, 0.05); // 1.2500259…e-4 (≈ b/a)
 */
export function digammaDifference(a: number, b: number): number {
  if (!(a > 0 && b > 0)) return Number.NaN;
  if (a === Number.POSITIVE_INFINITY || b === Number.POSITIVE_INFINITY) return digammaOf(a + b) - digammaOf(a);
  let correction = 0;
  let z = a;
  while (z < SERIES_START) {
    correction += b / (z * (z + b));
    z += 1;
  }
  const shifted = z + b;
  return Math.log1p(b / z) + b / (2 * z * shifted) - (asymptoticTail(shifted) - asymptoticTail(z)) + correction;
}
