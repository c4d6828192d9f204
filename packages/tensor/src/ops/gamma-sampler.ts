import type { UniformStream } from '../random/uniform-stream.js';

// Gamma(α, 1) draws on the host, by the squeeze-and-reject method of Marsaglia and Tsang ("A simple
// method for generating gamma variables", ACM TOMS 26(3), 2000), as torch's sample_gamma: with
// d = α − ⅓ and c = 1/√(9d), a normal z gives the candidate d·(1 + c·z)³, accepted by a cheap squeeze
// u < 1 − 0.0331·z⁴ or by ln u < z²/2 + d·(1 − v + ln v) (v = (1 + c·z)³); about 1 in 20 candidates
// or fewer is rejected for α ≥ 1. For α < 1, Gamma(α) = Gamma(α + 1)·U^(1/α) (the same paper's boost).

// 2⁻²⁴: the stream's numbers are multiples of it
const LOW_BITS = 2 ** -24;

/**
 * A uniform number in [0, 1) with 48 random bits, from two of the stream's 24-bit ones (so that
 * U^(1/α) for small α and the normal tails are not cut off at 2⁻²⁴).
 */
export function preciseUniform(uniform: UniformStream): number {
  return uniform.next() + uniform.next() * LOW_BITS;
}

/** A standard normal number by Box–Muller: √(−2 ln(1 − u₁))·cos(2πu₂), 1 − u₁ ∈ (0, 1]. */
function standardNormal(uniform: UniformStream): number {
  const radius = Math.sqrt(-2 * Math.log(1 - preciseUniform(uniform)));
  return radius * Math.cos(2 * Math.PI * preciseUniform(uniform));
}

/**
 * One Gamma(α, 1) draw in float64 for α ≥ 0 (0 for α = 0, ∞ for α = ∞), from `uniform`'s numbers.
 * @example
 * sampleStandardGamma(2.5, new UniformStream(null, 64)); // e.g. 1.93
 */
export function sampleStandardGamma(alpha: number, uniform: UniformStream): number {
  if (alpha === 0) return 0;
  let scale = 1;
  let shape = alpha;
  if (alpha < 1) {
    // U^(1/α) with U in (0, 1]
    scale = (1 - preciseUniform(uniform)) ** (1 / alpha);
    shape = alpha + 1;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let z: number;
    let y: number;
    do {
      z = standardNormal(uniform);
      y = 1 + c * z;
    } while (y <= 0);
    const v = y * y * y;
    const u = 1 - preciseUniform(uniform);
    const square = z * z;
    if (u < 1 - 0.0331 * square * square || Math.log(u) < 0.5 * square + d * (1 - v + Math.log(v))) return scale * d * v;
  }
}
