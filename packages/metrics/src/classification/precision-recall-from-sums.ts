import { checkPositiveTotalWeight } from '../input/sample-weight.js';
import type { Average, PrecisionRecallFScore } from './precision-recall-f-score.js';

/** Sums behind precision and recall: per label (or per sample for `'samples'`), each a sum of weights. */
export interface PrecisionRecallSums {
  truePositives: number[];
  predicted: number[];
  support: number[];
}

/** How the sums are scored and combined. */
export interface PrecisionRecallScoring {
  average: Average;
  beta: number;
  zeroDivision: 0 | 1;
  /** The labels reported. */
  labels: number[];
  /** `'samples'`: the weight of each sample's scores in the mean (scikit-learn's `sample_weight`), none for a plain mean. */
  sampleWeights?: Float64Array;
  /** The metric named in errors. */
  metric: string;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/**
 * The end of scikit-learn 1.2's `precision_recall_fscore_support`: precision tp/predicted, recall
 * tp/support (x/0 gives `zeroDivision`), F = (1 + β²) P R / (β² P + R) (0 when the denominator is 0;
 * recall for β = ∞), then the `average`: `'micro'` pools the sums first; `'macro'` is the plain mean;
 * `'weighted'` weighs by support (with no support at all: `zeroDivision`, or 0 for precision and F
 * when something was predicted); `'samples'` averages the per-sample scores weighted by the sample
 * weights (weights summing to 0 throw, as numpy's average); `'none'` keeps one score per label.
 */
export function precisionRecallFScoreFromSums(sums: PrecisionRecallSums, scoring: PrecisionRecallScoring): PrecisionRecallFScore {
  const { average, beta, zeroDivision, labels } = scoring;
  let { truePositives, predicted, support } = sums;
  if (average === 'micro') [truePositives, predicted, support] = [[sum(truePositives)], [sum(predicted)], [sum(support)]];
  const divide = (numerator: number, denominator: number) => (denominator === 0 ? zeroDivision : numerator / denominator);
  const precision = truePositives.map((tp, index) => divide(tp, predicted[index]!));
  const recall = truePositives.map((tp, index) => divide(tp, support[index]!));
  const betaSquared = beta * beta;
  const fScore = precision.map((p, index) => {
    const r = recall[index]!;
    if (beta === Infinity) return r;
    const denominator = betaSquared * p + r;
    return denominator === 0 ? 0 : ((1 + betaSquared) * p * r) / denominator;
  });
  if (average === 'none') return { precision, recall, fScore, support, labels };
  if (average === 'weighted' && sum(support) === 0) {
    // scikit-learn: with no true samples at all, precision is zeroDivision when nothing was predicted either.
    const noPredictions = sum(predicted) === 0;
    return {
      precision: noPredictions ? zeroDivision : 0,
      recall: zeroDivision,
      fScore: noPredictions ? zeroDivision : 0,
      support: null,
      labels,
    };
  }
  let weights: readonly number[] = support.map(() => 1);
  if (average === 'weighted') weights = support;
  if (average === 'samples' && scoring.sampleWeights) {
    weights = Array.from(scoring.sampleWeights);
    checkPositiveTotalWeight(scoring.metric, sum(weights));
  }
  const weightedMean = (scores: number[]) => scores.reduce((total, score, index) => total + score * weights[index]!, 0) / sum(weights);
  return { precision: weightedMean(precision), recall: weightedMean(recall), fScore: weightedMean(fScore), support: null, labels };
}
