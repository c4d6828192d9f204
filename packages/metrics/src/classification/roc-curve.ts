import { checkOptions } from '@dl/tensor';
import type { MetricInput } from '../input/read-input.js';
import { checkBinary } from '../input/validate.js';
import { binaryCurve } from './binary-curve.js';
import { readScoredLabels, ScoreBuffer, type ScoredLabels } from './score-buffer.js';
import { check } from '../input/metric-error.js';
import type { SampleWeightOption } from '../input/sample-weight.js';
import { refuseExtraArguments, sampleWeightHint } from '../input/extra-arguments.js';

export interface RocCurve {
  falsePositiveRate: number[];
  truePositiveRate: number[];
  /** Decreasing; the first is `max score + 1` (scikit-learn 1.2), where nothing is predicted positive. */
  thresholds: number[];
}

const metric = 'rocCurve';

/**
 * FPR = fp / negatives and TPR = tp / positives at each distinct threshold, with collinear
 * intermediate points dropped (scikit-learn's `drop_intermediate=True`). A rate with no
 * negatives (positives) is NaN, as scikit-learn. With `weights`, fp and tp are sums of weights
 * (binaryCurve), so the rates are weighted.
 */
export function rocCurveOnHost(
  target: ArrayLike<number>,
  scores: ArrayLike<number>,
  dropIntermediate = true,
  name = metric,
  weights?: ArrayLike<number>,
): RocCurve {
  checkBinary(name, target, 'target');
  let { falsePositives, truePositives, thresholds } = binaryCurve(name, target, scores, 1, weights);
  if (dropIntermediate && falsePositives.length > 2) {
    // Keep a point unless both fp and tp have a zero second difference there (it lies on a straight segment).
    const keep = falsePositives.map((_, index) => {
      if (index === 0 || index === falsePositives.length - 1) return true;
      // numpy's diff(values, 2) order, (v₊ − v) − (v − v₋), so weighted (fractional) sums round as scikit-learn's.
      const secondDifference = (values: number[]) => values[index + 1]! - values[index]! - (values[index]! - values[index - 1]!);
      return secondDifference(falsePositives) !== 0 || secondDifference(truePositives) !== 0;
    });
    [falsePositives, truePositives, thresholds] = [falsePositives, truePositives, thresholds].map((values) =>
      values.filter((_, index) => keep[index]),
    ) as [number[], number[], number[]];
  }
  falsePositives = [0, ...falsePositives];
  truePositives = [0, ...truePositives];
  thresholds = [thresholds[0]! + 1, ...thresholds];
  const negatives = falsePositives.at(-1)!;
  const positives = truePositives.at(-1)!;
  return {
    falsePositiveRate: falsePositives.map((value) => (negatives > 0 ? value / negatives : NaN)),
    truePositiveRate: truePositives.map((value) => (positives > 0 ? value / positives : NaN)),
    thresholds,
  };
}

/**
 * The ROC curve of binary labels (0/1) and scores, as scikit-learn 1.2's `roc_curve`; `sampleWeight`
 * weighs each sample (fp and tp become sums of weights; samples of weight 0 are left out).
 * @example
 * await rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * // { falsePositiveRate: [0, 0, 0.5, 0.5, 1], truePositiveRate: [0, 0.5, 0.5, 1, 1], thresholds: [1.8, 0.8, 0.4, 0.35, 0.1] }
 */
export async function rocCurve(
  target: MetricInput,
  scores: MetricInput,
  options: { dropIntermediate?: boolean } & SampleWeightOption = {},
  ...extra: never[]
): Promise<RocCurve> {
  refuseExtraArguments(metric, ['target', 'scores', 'options?'], extra, sampleWeightHint(metric));
  checkRocCurveOptions(metric, options, ['dropIntermediate', 'sampleWeight']);
  return rocCurveFromScored(await readScoredLabels(metric, target, scores, options.sampleWeight), options.dropIntermediate);
}

/** The function used to ignore every option (`drop_intermediate`, `pos_label` gave the default curve). */
function checkRocCurveOptions(name: string, options: { dropIntermediate?: boolean }, accepted = ['dropIntermediate']): void {
  checkOptions(name, options, accepted);
  const { dropIntermediate } = options;
  check(
    dropIntermediate === undefined || typeof dropIntermediate === 'boolean',
    name,
    () => `dropIntermediate must be a boolean, got ${String(dropIntermediate)}`,
  );
}

function rocCurveFromScored(data: ScoredLabels, dropIntermediate = true): RocCurve {
  check(data.isVector, metric, 'needs binary scores [n]; for multiclass use rocAuc (one-vs-rest) or one column per class');
  return rocCurveOnHost(data.target, data.scores, dropIntermediate, metric, data.weights);
}

/** Streaming ROC curve (keeps every score on the host). */
export class RocCurveMetric extends ScoreBuffer<RocCurve> {
  constructor(options: { dropIntermediate?: boolean } = {}, ...extra: never[]) {
    refuseExtraArguments('RocCurveMetric', ['options?'], extra);
    checkRocCurveOptions('RocCurveMetric', options);
    super(metric, (data) => rocCurveFromScored(data, options.dropIntermediate), 'RocCurveMetric');
  }
}
