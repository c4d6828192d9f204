import { checkOptions } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import type { MetricInput } from '../input/read-input.js';
import { checkBinary } from '../input/validate.js';
import { binaryCurve } from './binary-curve.js';
import { readScoredLabels, ScoreBuffer, type ScoredLabels } from './score-buffer.js';

export interface PrecisionRecallCurve {
  /** Ends with 1. */
  precision: number[];
  /** Decreasing, ends with 0. */
  recall: number[];
  /** Increasing; one fewer than precision and recall. */
  thresholds: number[];
}

const metric = 'precisionRecallCurve';

/**
 * Precision tp/(tp+fp) (0 where nothing is predicted) and recall tp/positives (1 everywhere when
 * there are no positives) per distinct threshold, in scikit-learn 1.2's order and end points.
 */
export function precisionRecallCurveOnHost(target: ArrayLike<number>, scores: ArrayLike<number>, name = metric): PrecisionRecallCurve {
  checkBinary(name, target, 'target');
  const { falsePositives, truePositives, thresholds } = binaryCurve(name, target, scores);
  const positives = truePositives.at(-1)!;
  const precision = truePositives.map((tp, index) => (tp + falsePositives[index]! === 0 ? 0 : tp / (tp + falsePositives[index]!)));
  const recall = truePositives.map((tp) => (positives === 0 ? 1 : tp / positives));
  return { precision: [...precision.reverse(), 1], recall: [...recall.reverse(), 0], thresholds: thresholds.reverse() };
}

function fromScored(data: ScoredLabels): PrecisionRecallCurve {
  check(data.isVector, metric, 'needs binary scores [n]');
  return precisionRecallCurveOnHost(data.target, data.scores);
}

/**
 * The precision-recall curve of binary labels and scores, as scikit-learn's `precision_recall_curve`.
 * @example
 * await precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * // { precision: [0.5, 0.666…, 0.5, 1, 1], recall: [1, 1, 0.5, 0.5, 0], thresholds: [0.1, 0.35, 0.4, 0.8] }
 */
export async function precisionRecallCurve(
  target: MetricInput,
  scores: MetricInput,
  options: Record<string, never> = {},
): Promise<PrecisionRecallCurve> {
  // scikit-learn's pos_label and sample_weight are not supported: refused, not ignored (the positive label is 1)
  checkOptions(metric, options, []);
  return fromScored(await readScoredLabels(metric, target, scores));
}

/** Streaming precision-recall curve (keeps every score on the host). */
export class PrecisionRecallCurveMetric extends ScoreBuffer<PrecisionRecallCurve> {
  constructor(options: Record<string, never> = {}) {
    // As the function: scikit-learn's pos_label and sample_weight are refused, not ignored.
    checkOptions('PrecisionRecallCurveMetric', options, []);
    super(metric, fromScored);
  }
}
