import { check } from '../input/metric-error.js';

/** Cumulative false and true positives at each distinct score, from the highest score down. */
export interface BinaryCurve {
  falsePositives: number[];
  truePositives: number[];
  thresholds: number[];
}

/**
 * scikit-learn's `_binary_clf_curve`: sort by score descending; at the last index i of each run of
 * equal scores, tp(i) = Σ_{j≤i} w_j [y_j positive] and fp(i) = Σ_{j≤i} w_j [y_j negative] (with unit
 * weights, fp(i) = 1 + i − tp(i)). Ties thus move together. Samples of weight 0 are dropped first, as
 * scikit-learn does, so their scores are no thresholds. `weights` default to 1 each.
 */
export function binaryCurve(
  metric: string,
  target: ArrayLike<number>,
  scores: ArrayLike<number>,
  positiveLabel = 1,
  weights?: ArrayLike<number>,
): BinaryCurve {
  check(target.length > 0, metric, 'needs at least one sample');
  const weightOf = (sample: number) => (weights ? weights[sample]! : 1);
  const order = Array.from({ length: scores.length }, (_, index) => index)
    .filter((sample) => weightOf(sample) !== 0)
    .sort((left, right) => scores[right]! - scores[left]!);
  check(order.length > 0, metric, 'needs at least one sample of positive weight');
  const curve: BinaryCurve = { falsePositives: [], truePositives: [], thresholds: [] };
  let truePositives = 0;
  let falsePositives = 0;
  order.forEach((sample, rank) => {
    if (target[sample] === positiveLabel) truePositives += weightOf(sample);
    else falsePositives += weightOf(sample);
    const next = order[rank + 1];
    if (next === undefined || scores[next] !== scores[sample]) {
      curve.truePositives.push(truePositives);
      curve.falsePositives.push(falsePositives);
      curve.thresholds.push(scores[sample]!);
    }
  });
  return curve;
}
