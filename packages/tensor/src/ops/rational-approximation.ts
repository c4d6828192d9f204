// The evaluations that Cephes-style approximations of special functions are written in, on plain
// numbers: polynomials by Horner's rule (coefficients from the highest power down) and Chebyshev
// series by Clenshaw's recurrence.

/**
 * c₀tᵐ + c₁tᵐ⁻¹ + … + cₘ by Horner's rule (Cephes' polevl).
 * @example
 * polynomial([2, 0, 1], 3); // 2·3² + 1 = 19
 */
export function polynomial(coefficients: readonly number[], t: number): number {
  let sum = 0;
  for (const coefficient of coefficients) sum = sum * t + coefficient;
  return sum;
}

/**
 * The monic polynomial tᵐ⁺¹ + c₀tᵐ + … + cₘ, whose leading 1 the table leaves out (Cephes' p1evl).
 * @example
 * monicPolynomial([0, 1], 3); // 3² + 0·3 + 1 = 10
 */
export function monicPolynomial(coefficients: readonly number[], t: number): number {
  let sum = 1;
  for (const coefficient of coefficients) sum = sum * t + coefficient;
  return sum;
}

/**
 * The Chebyshev series ½c₀′ + Σ cₖTₖ(t/2) of Cephes' chbevl, the coefficients listed from the last
 * to the first: bₖ = t·bₖ₊₁ − bₖ₊₂ + cₖ, then ½(b₀ − b₂).
 * @example
 * chebyshevSeries([0, 2], 0.5); // 1 (½·2)
 */
export function chebyshevSeries(coefficients: readonly number[], t: number): number {
  let current = 0;
  let next = 0;
  let afterNext = 0;
  for (const coefficient of coefficients) {
    afterNext = next;
    next = current;
    current = t * next - afterNext + coefficient;
  }
  return 0.5 * (current - afterNext);
}
