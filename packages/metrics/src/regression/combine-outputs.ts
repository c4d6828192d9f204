import { check } from '../input/metric-error.js';

/** scikit-learn's `multioutput`, as read by readRegressionOptions: a mode or one weight per output. */
export type OutputCombination = 'uniformAverage' | 'rawValues' | 'varianceWeighted' | readonly number[];

/**
 * The per-output `scores` combined as scikit-learn's `multioutput` asks: their mean, each one
 * ('rawValues'), or Σ wᵢ sᵢ / Σ wᵢ with the given weights or, for 'varianceWeighted', the targets'
 * `variances` (uniform when every target is constant, as scikit-learn). Weights for a single output
 * throw, as scikit-learn's.
 */
export function combineOutputs(
  metric: string,
  scores: number[],
  multioutput: OutputCombination,
  variances?: readonly number[],
): number | number[] {
  if (multioutput === 'rawValues') return scores;
  let weights: readonly number[] | undefined;
  if (multioutput === 'varianceWeighted') weights = variances?.some((variance) => variance !== 0) ? variances : undefined;
  else if (Array.isArray(multioutput)) {
    // scikit-learn's _check_reg_targets refuses weights for one output, [n] or [n, 1], whatever their number.
    check(
      scores.length > 1,
      metric,
      () => `Custom weights are useful only in multi-output cases; got multioutput [${multioutput.join(', ')}] for one output`,
    );
    check(multioutput.length === scores.length, metric, `multioutput has ${multioutput.length} weights for ${scores.length} outputs`);
    weights = multioutput;
  }
  if (!weights) return scores.reduce((sum, score) => sum + score, 0) / scores.length;
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return scores.reduce((sum, score, index) => sum + score * weights[index]!, 0) / total;
}
