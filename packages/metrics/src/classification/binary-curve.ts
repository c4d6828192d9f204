import { check } from '../input/metric-error.js';

/** Cumulative false and true positives at each distinct score, from the highest score down. */
export interface BinaryCurve {
  falsePositives: number[];
  truePositives: number[];
  thresholds: number[];
}

/**
 * scikit-learn's `_binary_clf_curve`: sort by score descending; at the last index i of each run of
 * equal scores, tp(i) = Σ_{j≤i} y_j and fp(i) = 1 + i − tp(i). Ties thus move together.
 */
export function binaryCurve(metric: string, target: ArrayLike<number>, scores: ArrayLike<number>, positiveLabel = 1): BinaryCurve {
  check(target.length > 0, metric, 'needs at least one sample');
  const order = Array.from({ length: scores.length }, (_, index) => index).sort((left, right) => scores[right]! - scores[left]!);
  const curve: BinaryCurve = { falsePositives: [], truePositives: [], thresholds: [] };
  let truePositives = 0;
  order.forEach((sample, rank) => {
    truePositives += target[sample] === positiveLabel ? 1 : 0;
    const next = order[rank + 1];
    if (next === undefined || scores[next] !== scores[sample]) {
      curve.truePositives.push(truePositives);
      curve.falsePositives.push(1 + rank - truePositives);
      curve.thresholds.push(scores[sample]!);
    }
  });
  return curve;
}
