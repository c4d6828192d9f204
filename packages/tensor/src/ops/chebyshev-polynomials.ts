import { refuseArgumentsPast } from '../core/options.js';
import type { Tensor, TensorOrScalar } from '../core/tensor.js';
import { binaryOnHost, type Rounding } from './host-special-kernels.js';
import { polynomialDegree, recur } from './orthogonal-polynomials.js';

// torch.special's Chebyshev polynomials of the four kinds, Tₙ, Uₙ, Vₙ, Wₙ, and their shifted forms
// Tₙ*(x) = Tₙ(2x − 1) …, elementwise over x and n broadcast, with torch 1.13's special cases: n < 0
// gives 0; the ends of [−1, 1] (of [0, 1] for the shifted ones) give their exact values; inside,
// above a small degree, the trigonometric forms Tₙ(cos θ) = cos nθ, Uₙ = sin (n + 1)θ/sin θ,
// Vₙ = cos (n + ½)θ/cos(θ/2), Wₙ = sin (n + ½)θ/sin(θ/2); elsewhere the recurrence
// yₖ₊₁ = 2t·yₖ − yₖ₋₁ from the kind's first two. Each arithmetic step is rounded to the operands'
// dtype (host-special-kernels.ts), as torch's loop runs in it.

/** The four kinds of Chebyshev polynomials. */
type Kind = 'T' | 'U' | 'V' | 'W';

/** The kind's polynomial of degree 1 at t: t, 2t, 2t − 1, 2t + 1. */
function degreeOne(kind: Kind, t: number, round: Rounding): number {
  const twoT = round(t + t);
  if (kind === 'T') return t;
  if (kind === 'U') return twoT;
  return round(kind === 'V' ? twoT - 1 : twoT + 1);
}

/** ±value by the parity of n: value for even n, −value for odd. */
function byParity(n: number, value: number): number {
  return n % 2 === 0 ? value : -value;
}

/**
 * The value at the interior point t = cos θ by the kind's trigonometric form, with torch's fallbacks
 * where its divisor is degenerate (reached only at t = ±1, which the ends catch first): `degenerateW`
 * is W's, which differs between the plain and the shifted W.
 */
function trigonometric(kind: Kind, t: number, n: number, round: Rounding, degenerateW: number): number {
  const theta = round(Math.acos(t));
  if (kind === 'T') return round(Math.cos(round(round(n) * theta)));
  if (kind === 'U') {
    const divisor = round(Math.sin(theta));
    const multiple = round(round(n + 1) * theta);
    if (divisor !== 0) return round(round(Math.sin(multiple)) / divisor);
    return round(round(round(n + 1) * round(Math.cos(multiple))) / t);
  }
  const half = round(theta / 2);
  const angle = round(round(round(n) + 0.5) * theta);
  if (kind === 'V') {
    if (round(Math.sin(half)) !== 1) return round(round(Math.cos(angle)) / round(Math.cos(half)));
    return byParity(n, round(2 * n + 1));
  }
  if (round(Math.cos(half)) !== 1) return round(round(Math.sin(angle)) / round(Math.sin(half)));
  return degenerateW;
}

/** The kind's value at t from degree 2 on by the recurrence (degrees 0 and 1 returned as they are). */
function recurrence(kind: Kind, t: number, n: number, round: Rounding): number {
  if (n === 0) return 1;
  const first = degreeOne(kind, t, round);
  if (n === 1) return first;
  const twoT = round(t + t);
  return recur(1, first, 2, n, (_k, previous, current) => round(round(twoT * current) - previous));
}

/** The values at t = 1 and t = −1 of Tₙ, Uₙ, Vₙ, Wₙ: 1, n + 1, 1, 2n + 1 and ±1, ±(n + 1), ±(2n + 1), ±1. */
function atEnd(kind: Kind, t: number, n: number, round: Rounding): number {
  const atOne = { T: 1, U: round(n + 1), V: 1, W: round(2 * n + 1) }[kind];
  if (t > 0) return atOne;
  return byParity(n, { T: 1, U: atOne, V: round(2 * n + 1), W: 1 }[kind]);
}

/** Per kind, the degree above which the interior uses the trigonometric form (torch's thresholds). */
const TRIGONOMETRIC_ABOVE: Record<Kind, number> = { T: 6, U: 8, V: 8, W: 8 };
const SHIFTED_TRIGONOMETRIC_ABOVE: Record<Kind, number> = { T: 6, U: 6, V: 6, W: 4 };

function chebyshev(kind: Kind) {
  return (x: number, degree: number, round: Rounding): number => {
    const n = polynomialDegree(degree);
    if (n < 0) return 0;
    if (Math.abs(x) === 1) return atEnd(kind, x, n, round);
    if (n > TRIGONOMETRIC_ABOVE[kind] && Math.abs(x) < 1) return trigonometric(kind, x, n, round, atEnd(kind, x > 0 ? 1 : -1, n, round));
    return recurrence(kind, x, n, round);
  };
}

function shiftedChebyshev(kind: Kind) {
  return (x: number, degree: number, round: Rounding): number => {
    const n = polynomialDegree(degree);
    if (n < 0) return 0;
    if (x === 1 || x === 0) return atEnd(kind, x === 1 ? 1 : -1, n, round);
    const t = round(round(x + x) - 1);
    // torch's shifted W falls back to ±1 by the parity of n alone
    if (n > SHIFTED_TRIGONOMETRIC_ABOVE[kind] && Math.abs(t) < 1) return trigonometric(kind, t, n, round, byParity(n, 1));
    return recurrence(kind, t, n, round);
  };
}

/**
 * The Chebyshev polynomial of the first kind Tₙ(x) (torch.special.chebyshev_polynomial_t),
 * elementwise over x and n broadcast (tensors or numbers, not both numbers), in their promoted float
 * dtype (integer and bool operands give float32), as torch 1.13's: 0 for n < 0 (and NaN or infinite
 * n; n is truncated to an integer), ±1 at x = ±1, cos(n·acos x) for |x| < 1 and n > 6, and the
 * recurrence Tₖ₊₁ = 2x·Tₖ − Tₖ₋₁ elsewhere, run in the dtype's arithmetic (so it overflows to ∞,
 * then NaN, where torch's does). Not differentiable: a backward through it throws (torch 1.13 defines
 * no derivative). Runs on the CPU, one loop of up to n steps per element.
 * @example
 * chebyshevPolynomialT(tensor([0.5, 2]), 3); // [-1, 26] (4x³ − 3x)
 */
export function chebyshevPolynomialT(x: TensorOrScalar, n: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('chebyshevPolynomialT', ['x', 'n'], arguments);
  return binaryOnHost('chebyshevPolynomialT', 'special_chebyshev_polynomial_t', x, n, chebyshev('T'));
}

/**
 * The Chebyshev polynomial of the second kind Uₙ(x) (torch.special.chebyshev_polynomial_u): n + 1
 * at x = 1, sin((n + 1)θ)/sin θ (x = cos θ) for |x| < 1 and n > 8; see {@link chebyshevPolynomialT}.
 * @example
 * chebyshevPolynomialU(tensor([0.5, 1]), 2); // [0, 3] (4x² − 1)
 */
export function chebyshevPolynomialU(x: TensorOrScalar, n: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('chebyshevPolynomialU', ['x', 'n'], arguments);
  return binaryOnHost('chebyshevPolynomialU', 'special_chebyshev_polynomial_u', x, n, chebyshev('U'));
}

/**
 * The Chebyshev polynomial of the third kind Vₙ(x) (torch.special.chebyshev_polynomial_v), V₁ = 2x − 1:
 * 1 at x = 1, ±(2n + 1) at x = −1, cos((n + ½)θ)/cos(θ/2) for |x| < 1 and n > 8; see
 * {@link chebyshevPolynomialT}.
 * @example
 * chebyshevPolynomialV(tensor([0.5, -1]), 2); // [-1, 5] (4x² − 2x − 1)
 */
export function chebyshevPolynomialV(x: TensorOrScalar, n: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('chebyshevPolynomialV', ['x', 'n'], arguments);
  return binaryOnHost('chebyshevPolynomialV', 'special_chebyshev_polynomial_v', x, n, chebyshev('V'));
}

/**
 * The Chebyshev polynomial of the fourth kind Wₙ(x) (torch.special.chebyshev_polynomial_w), W₁ = 2x + 1:
 * 2n + 1 at x = 1, ±1 at x = −1, sin((n + ½)θ)/sin(θ/2) for |x| < 1 and n > 8; see
 * {@link chebyshevPolynomialT}.
 * @example
 * chebyshevPolynomialW(tensor([0.5, 1]), 2); // [1, 5] (4x² + 2x − 1)
 */
export function chebyshevPolynomialW(x: TensorOrScalar, n: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('chebyshevPolynomialW', ['x', 'n'], arguments);
  return binaryOnHost('chebyshevPolynomialW', 'special_chebyshev_polynomial_w', x, n, chebyshev('W'));
}

/**
 * The shifted Chebyshev polynomial of the first kind Tₙ*(x) = Tₙ(2x − 1)
 * (torch.special.shifted_chebyshev_polynomial_t), on [0, 1] what Tₙ is on [−1, 1]: torch's exact
 * values at x = 0 and 1, the trigonometric form inside for n > 6; see {@link chebyshevPolynomialT}.
 * @example
 * shiftedChebyshevPolynomialT(tensor([0.75, 0]), 2); // [-0.5, 1] (2(2x − 1)² − 1)
 */
export function shiftedChebyshevPolynomialT(x: TensorOrScalar, n: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('shiftedChebyshevPolynomialT', ['x', 'n'], arguments);
  return binaryOnHost('shiftedChebyshevPolynomialT', 'special_shifted_chebyshev_polynomial_t', x, n, shiftedChebyshev('T'));
}

/**
 * The shifted Chebyshev polynomial of the second kind Uₙ*(x) = Uₙ(2x − 1)
 * (torch.special.shifted_chebyshev_polynomial_u); see {@link shiftedChebyshevPolynomialT}.
 * @example
 * shiftedChebyshevPolynomialU(tensor([0.75, 1]), 2); // [0, 3]
 */
export function shiftedChebyshevPolynomialU(x: TensorOrScalar, n: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('shiftedChebyshevPolynomialU', ['x', 'n'], arguments);
  return binaryOnHost('shiftedChebyshevPolynomialU', 'special_shifted_chebyshev_polynomial_u', x, n, shiftedChebyshev('U'));
}

/**
 * The shifted Chebyshev polynomial of the third kind Vₙ*(x) = Vₙ(2x − 1)
 * (torch.special.shifted_chebyshev_polynomial_v); see {@link shiftedChebyshevPolynomialT}.
 * @example
 * shiftedChebyshevPolynomialV(tensor([0.75, 0]), 2); // [-1, 5]
 */
export function shiftedChebyshevPolynomialV(x: TensorOrScalar, n: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('shiftedChebyshevPolynomialV', ['x', 'n'], arguments);
  return binaryOnHost('shiftedChebyshevPolynomialV', 'special_shifted_chebyshev_polynomial_v', x, n, shiftedChebyshev('V'));
}

/**
 * The shifted Chebyshev polynomial of the fourth kind Wₙ*(x) = Wₙ(2x − 1)
 * (torch.special.shifted_chebyshev_polynomial_w; torch's trigonometric form from n > 4); see
 * {@link shiftedChebyshevPolynomialT}.
 * @example
 * shiftedChebyshevPolynomialW(tensor([0.75, 1]), 2); // [1, 5]
 */
export function shiftedChebyshevPolynomialW(x: TensorOrScalar, n: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('shiftedChebyshevPolynomialW', ['x', 'n'], arguments);
  return binaryOnHost('shiftedChebyshevPolynomialW', 'special_shifted_chebyshev_polynomial_w', x, n, shiftedChebyshev('W'));
}
