import { refuseArgumentsPast } from '../core/options.js';
import type { Tensor, TensorOrScalar } from '../core/tensor.js';
import { binaryOnHost, type Rounding } from './host-special-kernels.js';

// torch.special's Hermite, Laguerre and Legendre polynomials of x and a degree n, elementwise over
// both broadcast, by their three-term recurrences with torch 1.13's special cases. Each arithmetic
// step is rounded to the operands' dtype (host-special-kernels.ts), so float32 overflows, and turns
// ∞ − ∞ into NaN, where torch's does.

/**
 * torch's static_cast<int64_t>(n) of a degree given as a float: truncation toward 0; NaN, ±∞ and
 * |n| ≥ 2⁶³ become int64's minimum (x86's conversion), so the polynomial is 0 there as for any n < 0.
 * @example
 * polynomialDegree(2.7); // 2
 * polynomialDegree(Number.NaN); // -1 (negative)
 */
export function polynomialDegree(n: number): number {
  return Math.abs(n) < 2 ** 63 ? Math.trunc(n) : -1;
}

/**
 * The recurrence `step(k, previous, current)` from the values of degrees 0 and 1, k running over
 * `first` … `last` (one step per degree); it stops early once the value is NaN, which every later
 * step keeps (an overflowed recurrence goes ∞ − ∞ = NaN, as torch's loop does).
 */
export function recur(
  degree0: number,
  degree1: number,
  first: number,
  last: number,
  step: (k: number, previous: number, current: number) => number,
): number {
  let previous = degree0;
  let current = degree1;
  for (let k = first; k <= last && !Number.isNaN(current); k++) {
    const next = step(k, previous, current);
    previous = current;
    current = next;
  }
  return current;
}

/** Hₙ(x) by Hₖ₊₁ = 2x·Hₖ − 2k·Hₖ₋₁; 0 for n < 0. */
function hermiteH(x: number, degree: number, round: Rounding): number {
  const n = polynomialDegree(degree);
  if (n < 0) return 0;
  if (n === 0) return 1;
  const twoX = round(x + x);
  if (n === 1) return twoX;
  return recur(1, twoX, 1, n - 1, (k, previous, current) => round(round(twoX * current) - round(round(2 * k) * previous)));
}

/** Heₙ(x) by Heₖ₊₁ = x·Heₖ − k·Heₖ₋₁; 0 for n < 0. */
function hermiteHe(x: number, degree: number, round: Rounding): number {
  const n = polynomialDegree(degree);
  if (n < 0) return 0;
  if (n === 0) return 1;
  if (n === 1) return x;
  return recur(1, x, 1, n - 1, (k, previous, current) => round(round(x * current) - round(round(k) * previous)));
}

/** Lₙ(x) by (k + 1)·Lₖ₊₁ = (2k + 1 − x)·Lₖ − k·Lₖ₋₁; 1 at x = 0, 0 for n < 0. */
function laguerreL(x: number, degree: number, round: Rounding): number {
  const n = polynomialDegree(degree);
  if (n < 0) return 0;
  if (x === 0 || n === 0) return 1;
  const oneMinusX = round(1 - x);
  if (n === 1) return oneMinusX;
  return recur(1, oneMinusX, 1, n - 1, (k, previous, current) => {
    const factor = round(round(2 * k) + oneMinusX);
    return round(round(round(factor * current) - round(round(k) * previous)) / round(k + 1));
  });
}

/** Pₙ(x) by (k + 1)·Pₖ₊₁ = (2k + 1)·x·Pₖ − k·Pₖ₋₁; ±1 at x = ±1, 0 for n < 0. */
function legendreP(x: number, degree: number, round: Rounding): number {
  const n = polynomialDegree(degree);
  if (n < 0) return 0;
  if (Math.abs(x) === 1) return x > 0 || n % 2 === 0 ? 1 : -1;
  if (n === 0) return 1;
  if (n === 1) return x;
  return recur(1, x, 1, n - 1, (k, previous, current) => {
    const term = round(round(round(2 * k + 1) * x) * current);
    return round(round(term - round(round(k) * previous)) / round(k + 1));
  });
}

/**
 * The physicists' Hermite polynomial Hₙ(x) (torch.special.hermite_polynomial_h), elementwise over x
 * and n broadcast (tensors or numbers, not both numbers), in their promoted float dtype (integer and
 * bool operands give float32): the recurrence Hₖ₊₁ = 2x·Hₖ − 2k·Hₖ₋₁ as torch's, run in that dtype's
 * arithmetic (so it overflows to ∞, then NaN, where torch's does). n is truncated to an integer; n < 0
 * (and NaN or infinite n) gives 0, as torch's. Not differentiable: a backward through it throws (torch
 * 1.13 defines no derivative). Runs on the CPU, one loop of n steps per element.
 * @example
 * hermitePolynomialH(tensor([0.5, 1]), 3); // [-5, -4] (8x³ − 12x)
 */
export function hermitePolynomialH(x: TensorOrScalar, n: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('hermitePolynomialH', ['x', 'n'], arguments);
  return binaryOnHost('hermitePolynomialH', 'special_hermite_polynomial_h', x, n, hermiteH);
}

/**
 * The probabilists' Hermite polynomial Heₙ(x) (torch.special.hermite_polynomial_he) by
 * Heₖ₊₁ = x·Heₖ − k·Heₖ₋₁; see {@link hermitePolynomialH} for the operands, dtypes, degrees and the
 * missing derivative.
 * @example
 * hermitePolynomialHe(tensor([0.5, 2]), 3); // [-1.375, 2] (x³ − 3x)
 */
export function hermitePolynomialHe(x: TensorOrScalar, n: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('hermitePolynomialHe', ['x', 'n'], arguments);
  return binaryOnHost('hermitePolynomialHe', 'special_hermite_polynomial_he', x, n, hermiteHe);
}

/**
 * The Laguerre polynomial Lₙ(x) (torch.special.laguerre_polynomial_l) by
 * (k + 1)·Lₖ₊₁ = (2k + 1 − x)·Lₖ − k·Lₖ₋₁, 1 at x = 0; see {@link hermitePolynomialH} for the
 * operands, dtypes, degrees and the missing derivative.
 * @example
 * laguerrePolynomialL(tensor([0, 1]), 2); // [1, -0.5] (x²/2 − 2x + 1)
 */
export function laguerrePolynomialL(x: TensorOrScalar, n: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('laguerrePolynomialL', ['x', 'n'], arguments);
  return binaryOnHost('laguerrePolynomialL', 'special_laguerre_polynomial_l', x, n, laguerreL);
}

/**
 * The Legendre polynomial Pₙ(x) (torch.special.legendre_polynomial_p) by
 * (k + 1)·Pₖ₊₁ = (2k + 1)·x·Pₖ − k·Pₖ₋₁, exactly ±1 at x = ±1; see {@link hermitePolynomialH} for
 * the operands, dtypes, degrees and the missing derivative.
 * @example
 * legendrePolynomialP(tensor([0.5, -1]), 2); // [-0.125, 1] ((3x² − 1)/2)
 */
export function legendrePolynomialP(x: TensorOrScalar, n: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('legendrePolynomialP', ['x', 'n'], arguments);
  return binaryOnHost('legendrePolynomialP', 'special_legendre_polynomial_p', x, n, legendreP);
}
