import { checkOptions } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import type { MetricInput } from '../input/read-input.js';
import type { SampleWeightOption } from '../input/sample-weight.js';
import { checkBinary } from '../input/validate.js';
import { binaryCurve } from './binary-curve.js';
import { readScoredLabels, ScoreBuffer, type ScoredLabels } from './score-buffer.js';
import { refuseExtraArguments, sampleWeightHint } from '../input/extra-arguments.js';

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
 * there are no positives) per distinct threshold, in scikit-learn 1.2's order and end points; with
 * `weights`, tp and fp are sums of weights (binaryCurve).
 */
export function precisionRecallCurveOnHost(
  target: ArrayLike<number>,
  scores: ArrayLike<number>,
  name = metric,
  weights?: ArrayLike<number>,
): PrecisionRecallCurve {
  checkBinary(name, target, 'target');
  const { falsePositives, truePositives, thresholds } = binaryCurve(name, target, scores, 1, weights);
  const positives = truePositives.at(-1)!;
  const precision = truePositives.map((tp, index) => (tp + falsePositives[index]! === 0 ? 0 : tp / (tp + falsePositives[index]!)));
  const recall = truePositives.map((tp) => (positives === 0 ? 1 : tp / positives));
  return { precision: [...precision.reverse(), 1], recall: [...recall.reverse(), 0], thresholds: thresholds.reverse() };
}

function fromScored(data: ScoredLabels): PrecisionRecallCurve {
  check(data.isVector, metric, 'needs binary scores [n]');
  return precisionRecallCurveOnHost(data.target, data.scores, metric, data.weights);
}

/**
 * The precision-recall curve of binary labels and scores, as scikit-learn's `precision_recall_curve`;
 * `sampleWeight` weighs each sample (samples of weight 0 are left out).
 * @example
 * await precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * // { precision: [0.5, 0.666…, 0.5, 1, 1], recall: [1, 1, 0.5, 0.5, 0], thresholds: [0.1, 0.35, 0.4, 0.8] }
 */
export async function precisionRecallCurve(
  target: MetricInput,
  scores: MetricInput,
  options: SampleWeightOption = {},
  ...extra: never[]
): Promise<PrecisionRecallCurve> {
  refuseExtraArguments(metric, ['target', 'scores', 'options?'], extra, sampleWeightHint(metric));
  // scikit-learn's pos_label is not supported: refused, not ignored (the positive label is 1)
  checkOptions(metric, options, ['sampleWeight']);
  return fromScored(await readScoredLabels(metric, target, scores, options.sampleWeight));
}

/** Streaming precision-recall curve (keeps every score on the host). */
export class PrecisionRecallCurveMetric extends ScoreBuffer<PrecisionRecallCurve> {
  constructor(options: Record<string, never> = {}, ...extra: never[]) {
    refuseExtraArguments('PrecisionRecallCurveMetric', ['options?'], extra);
    // scikit-learn's pos_label is refused, not ignored; the streaming form takes no weights.
    checkOptions('PrecisionRecallCurveMetric', options, []);
    super(metric, fromScored, 'PrecisionRecallCurveMetric');
  }
}
