import type { Tensor } from '@dl/tensor';

/** The loss and the flat gradient at x + t·d (the parameters are put back after the evaluation). */
export interface LineSearchPoint {
  loss: number;
  gradient: Tensor;
}

/** What the strong-Wolfe search settles on: the step t, the loss and flat gradient there, and how many evaluations it made. */
export interface LineSearchResult extends LineSearchPoint {
  step: number;
  evaluations: number;
}

/**
 * Python's max(a, b): a unless b is strictly larger (so a NaN in b is passed over, unlike Math.max).
 * @example
 * pythonMax(1, Number.NaN); // 1
 */
export function pythonMax(a: number, b: number): number {
  if (b > a) return b;
  return a;
}

/**
 * Python's min(a, b): a unless b is strictly smaller.
 * @example
 * pythonMin(1, Number.NaN); // 1
 */
export function pythonMin(a: number, b: number): number {
  if (b < a) return b;
  return a;
}

/**
 * The minimiser of the cubic through (x₁, f₁) and (x₂, f₂) with slopes g₁ and g₂, clamped to
 * `bounds` (default: between the two points); the midpoint of the bounds when the cubic has no
 * minimum. As torch's `_cubic_interpolate` (after minFunc's polyinterp), with x₂ the farther point:
 *
 *   d₁ = g₁ + g₂ − 3(f₁ − f₂)/(x₁ − x₂);  d₂ = √(d₁² − g₁g₂);  x = x₂ − (x₂ − x₁)(g₂ + d₂ − d₁)/(g₂ − g₁ + 2d₂)
 * @example
 * cubicInterpolate(0, 1, -1, 1, 0.5, 0.5); // a step between 0 and 1
 */
export function cubicInterpolate(
  x1: number,
  f1: number,
  g1: number,
  x2: number,
  f2: number,
  g2: number,
  bounds?: [number, number],
): number {
  const [lowerBound, upperBound] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2Square = d1 * d1 - g1 * g2;
  if (d2Square >= 0) {
    const d2 = Math.sqrt(d2Square);
    const minimum =
      x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2)) : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
    return pythonMin(pythonMax(minimum, lowerBound), upperBound);
  }
  return (lowerBound + upperBound) / 2;
}

export interface StrongWolfeOptions {
  /** Sufficient decrease (Armijo) constant: f(t) ≤ f(0) + c₁·t·f′(0). Default 1e-4. */
  c1?: number;
  /** Curvature constant: |f′(t)| ≤ −c₂·f′(0). Default 0.9. */
  c2?: number;
  /** The search stops once the bracket is shorter than this along d (in the max norm). Default 1e-9. */
  toleranceChange?: number;
  /** Most evaluations after the first. Default 25. */
  maxLineSearch?: number;
}

/**
 * A line search along `direction` for a step satisfying the strong Wolfe conditions, exactly as
 * torch's `_strong_wolfe` (after minFunc's lswolfe): first bracket an interval that holds such a
 * step, growing t by cubic extrapolation, then zoom into it by safeguarded cubic interpolation.
 * `evaluate(t)` gives the loss and gradient at x + t·d; `loss`, `gradient` and `slope` (gᵀd) are
 * those at t = 0.
 * @example
 * const found = strongWolfe(evaluate, 1, direction, loss, flatGradient, flatGradient.dot(direction).itemSync());
 * found.step; // the accepted t
 */
export function strongWolfe(
  evaluate: (step: number) => LineSearchPoint,
  initialStep: number,
  direction: Tensor,
  loss: number,
  gradient: Tensor,
  slope: number,
  { c1 = 1e-4, c2 = 0.9, toleranceChange = 1e-9, maxLineSearch = 25 }: StrongWolfeOptions = {},
): LineSearchResult {
  const directionNorm = direction.abs().max().itemSync();
  const slopeOf = (point: Tensor) => point.dot(direction).itemSync();
  let t = initialStep;
  let { loss: lossNew, gradient: gradientNew } = evaluate(t);
  let evaluations = 1;
  let slopeNew = slopeOf(gradientNew);

  // bracket an interval containing a point satisfying the Wolfe criteria
  let [tPrevious, lossPrevious, gradientPrevious, slopePrevious] = [0, loss, gradient, slope];
  let bracket: number[] = [];
  let bracketLoss: number[] = [];
  let bracketGradient: Tensor[] = [];
  let bracketSlope: number[] = [];
  let done = false;
  let iteration = 0;
  while (iteration < maxLineSearch) {
    // torch's three tests in its order: sufficient decrease fails (bracket), else the curvature
    // condition holds (done), else the slope turned non-negative (bracket)
    const decreaseFails = lossNew > loss + c1 * t * slope || (iteration > 1 && lossNew >= lossPrevious);
    if (!decreaseFails && Math.abs(slopeNew) <= -c2 * slope) {
      [bracket, bracketLoss, bracketGradient] = [[t], [lossNew], [gradientNew]];
      done = true;
      break;
    }
    if (decreaseFails || slopeNew >= 0) {
      [bracket, bracketLoss, bracketGradient, bracketSlope] = [
        [tPrevious, t],
        [lossPrevious, lossNew],
        [gradientPrevious, gradientNew],
        [slopePrevious, slopeNew],
      ];
      break;
    }
    // extrapolate, between 1.01 t and 10 t
    const minStep = t + 0.01 * (t - tPrevious);
    const maxStep = t * 10;
    const current = t;
    t = cubicInterpolate(tPrevious, lossPrevious, slopePrevious, t, lossNew, slopeNew, [minStep, maxStep]);
    [tPrevious, lossPrevious, gradientPrevious, slopePrevious] = [current, lossNew, gradientNew, slopeNew];
    ({ loss: lossNew, gradient: gradientNew } = evaluate(t));
    evaluations += 1;
    slopeNew = slopeOf(gradientNew);
    iteration += 1;
  }
  if (iteration === maxLineSearch)
    [bracket, bracketLoss, bracketGradient] = [
      [0, t],
      [loss, lossNew],
      [gradient, gradientNew],
    ];

  // zoom: shrink the bracket until a point in it satisfies the criteria
  let insufficientProgress = false;
  let [low, high] = bracketLoss[0]! <= bracketLoss[bracketLoss.length - 1]! ? [0, 1] : [1, 0];
  while (!done && iteration < maxLineSearch) {
    if (Math.abs(bracket[1]! - bracket[0]!) * directionNorm < toleranceChange) break;
    t = cubicInterpolate(bracket[0]!, bracketLoss[0]!, bracketSlope[0]!, bracket[1]!, bracketLoss[1]!, bracketSlope[1]!);
    // a trial too near an end of the bracket (within a tenth of its length) moves a tenth inside it
    // when it is at or beyond the end, or when the previous trial was near an end too
    const upper = pythonMax(bracket[0]!, bracket[1]!);
    const lower = pythonMin(bracket[0]!, bracket[1]!);
    const eps = 0.1 * (upper - lower);
    if (pythonMin(upper - t, t - lower) < eps) {
      if (insufficientProgress || t >= upper || t <= lower) {
        t = Math.abs(t - upper) < Math.abs(t - lower) ? upper - eps : lower + eps;
        insufficientProgress = false;
      } else insufficientProgress = true;
    } else insufficientProgress = false;

    ({ loss: lossNew, gradient: gradientNew } = evaluate(t));
    evaluations += 1;
    slopeNew = slopeOf(gradientNew);
    iteration += 1;

    if (lossNew > loss + c1 * t * slope || lossNew >= bracketLoss[low]!) {
      // not a sufficient decrease, or no lower than the lowest point: the new high end
      [bracket[high], bracketLoss[high], bracketGradient[high], bracketSlope[high]] = [t, lossNew, gradientNew, slopeNew];
      [low, high] = bracketLoss[0]! <= bracketLoss[1]! ? [0, 1] : [1, 0];
    } else {
      if (Math.abs(slopeNew) <= -c2 * slope) done = true;
      else if (slopeNew * (bracket[high]! - bracket[low]!) >= 0) {
        // the old high end becomes the low one
        [bracket[high], bracketLoss[high], bracketGradient[high], bracketSlope[high]] = [
          bracket[low]!,
          bracketLoss[low]!,
          bracketGradient[low]!,
          bracketSlope[low]!,
        ];
      }
      [bracket[low], bracketLoss[low], bracketGradient[low], bracketSlope[low]] = [t, lossNew, gradientNew, slopeNew];
    }
  }
  return { step: bracket[low]!, loss: bracketLoss[low]!, gradient: bracketGradient[low]!, evaluations };
}
