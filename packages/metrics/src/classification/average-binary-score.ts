import { check } from '../input/metric-error.js';
import type { MultilabelScores } from './ranking-input.js';

/** The averages of a binary ranking score over the labels (or samples) of indicator data; `'none'` is scikit-learn's None. */
export type RankingAverage = 'micro' | 'macro' | 'weighted' | 'samples' | 'none';

/** A binary ranking score of 0/1 targets, scores and sample weights. */
export type BinaryRankingScore = (target: Float64Array, scores: Float64Array, weights: Float64Array) => number;

/**
 * scikit-learn 1.2's `_average_binary_score` over indicator data `[n, L]`:
 * - `'micro'`: one score of the flattened target and scores, each sample's weight repeated L times;
 * - `'macro'` / `'none'`: the score of each column (with the sample weights), their mean / the list;
 * - `'weighted'`: the column scores weighted by Σᵢ wᵢ yᵢⱼ; 0 when that total is close to 0 (numpy's
 *   `isclose`, 1e−8), without scoring anything;
 * - `'samples'`: the score of each row (unweighted), their mean weighted by the sample weights.
 * In the weighted means a score whose weight is 0 counts as 0, and weights summing to 0 throw (numpy's
 * "Weights sum to zero, can't be normalized").
 */
export function averageBinaryScore(
  metric: string,
  data: MultilabelScores,
  average: RankingAverage,
  score: BinaryRankingScore,
): number | number[] {
  const { target, scores, rows, columns, weights } = data;
  if (average === 'micro') {
    const repeated = new Float64Array(rows * columns);
    for (let row = 0; row < rows; row++) repeated.fill(weights[row]!, row * columns, (row + 1) * columns);
    return score(target, scores, repeated);
  }
  let averageWeights: number[] | undefined;
  if (average === 'weighted') {
    averageWeights = Array.from({ length: columns }, (_, column) => {
      let prevalence = 0;
      for (let row = 0; row < rows; row++) prevalence += target[row * columns + column]! * weights[row]!;
      return prevalence;
    });
    if (Math.abs(averageWeights.reduce((sum, weight) => sum + weight, 0)) <= 1e-8) return 0;
  }
  let perEntry: number[];
  if (average === 'samples') {
    const unit = new Float64Array(columns).fill(1);
    perEntry = Array.from({ length: rows }, (_, row) =>
      score(target.subarray(row * columns, (row + 1) * columns), scores.subarray(row * columns, (row + 1) * columns), unit),
    );
    if (data.weighted) averageWeights = Array.from(weights);
  } else {
    const column = (values: Float64Array, index: number) => Float64Array.from({ length: rows }, (_, row) => values[row * columns + index]!);
    perEntry = Array.from({ length: columns }, (_, index) => score(column(target, index), column(scores, index), weights));
  }
  if (average === 'none') return perEntry;
  if (!averageWeights) return perEntry.reduce((sum, value) => sum + value, 0) / perEntry.length;
  const totalWeight = averageWeights.reduce((sum, weight) => sum + weight, 0);
  check(
    totalWeight !== 0,
    metric,
    "sampleWeight sums to zero, so the weighted mean is undefined (scikit-learn: Weights sum to zero, can't be normalized)",
  );
  return (
    perEntry.reduce((sum, value, index) => sum + (averageWeights![index] === 0 ? 0 : value * averageWeights![index]!), 0) / totalWeight
  );
}
