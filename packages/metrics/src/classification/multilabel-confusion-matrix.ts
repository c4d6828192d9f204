import { checkOptions } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import type { MetricInput } from '../input/read-input.js';
import { readSampleWeight, type SampleWeightOption } from '../input/sample-weight.js';
import { checkSameLength } from '../input/validate.js';
import { readPredictedLabels, readTargetLabels } from './class-labels.js';
import { ConfusionCounts } from './confusion-counts.js';
import { multilabelColumns, multilabelCounts, type MultilabelCounts } from './multilabel-counts.js';
import { readClassificationInput } from './multilabel-input.js';
import { perClassCounts } from './per-class-counts.js';
import { refuseExtraArguments, sampleWeightHint } from '../input/extra-arguments.js';

/**
 * multilabelConfusionMatrix's options (scikit-learn's keywords).
 * @example
 * await multilabelConfusionMatrix([[1, 0], [0, 1]], [[1, 1], [0, 1]], { samplewise: true });
 */
export interface MultilabelConfusionMatrixOptions extends SampleWeightOption {
  /** The labels (multilabel: column indices) and their order; default every label (every column). */
  labels?: readonly number[];
  /** One matrix per sample over its labels instead of one per label; multilabel input only. Default false. */
  samplewise?: boolean;
}

const metric = 'multilabelConfusionMatrix';

/** [[tn, fp], [fn, tp]] per entry, with fp = predicted − tp and fn = support − tp. */
function toMatrices({ truePositives, predicted, support, trueNegatives }: MultilabelCounts): number[][][] {
  return truePositives.map((tp, index) => [
    [trueNegatives[index]!, predicted[index]! - tp],
    [support[index]! - tp, tp],
  ]);
}

/**
 * One-vs-rest counts of label vectors (scikit-learn's multiclass branch): per label, tp, predicted and
 * support from the (weighted) confusion counts, and tn = Σ wᵢ − tp − fp − fn.
 */
async function labelVectorCounts(
  target: MetricInput,
  prediction: MetricInput,
  options: MultilabelConfusionMatrixOptions,
): Promise<MultilabelCounts> {
  check(!options.samplewise, metric, 'Samplewise metrics are not available outside of multilabel classification.');
  const targetLabels = await readTargetLabels(target, metric);
  const predictedLabels = await readPredictedLabels(prediction, metric);
  checkSameLength(metric, targetLabels, predictedLabels);
  const weights = await readSampleWeight(metric, options.sampleWeight, targetLabels.length);
  const counts = new ConfusionCounts();
  counts.add(metric, targetLabels, predictedLabels, weights);
  const labels = counts.resolveLabels(metric, options);
  const { truePositives, predicted, support } = perClassCounts(counts, labels);
  let totalWeight = 0;
  for (const weight of weights) totalWeight += weight;
  const trueNegatives = truePositives.map((tp, index) => totalWeight - tp - (predicted[index]! - tp) - (support[index]! - tp));
  return { truePositives, predicted, support, trueNegatives };
}

/**
 * A 2 × 2 confusion matrix [[tn, fp], [fn, tp]] per label, as scikit-learn 1.2's
 * `multilabel_confusion_matrix`: for multilabel indicator matrices `[n, labels]` one per column
 * (`labels` picks and orders columns; `samplewise: true` gives one per sample instead), for label
 * vectors one per label, one-vs-rest. With `sampleWeight` every count is a sum of weights.
 * @example
 * await multilabelConfusionMatrix([[1, 0, 1], [0, 1, 0]], [[1, 0, 0], [0, 1, 1]]);
 * // [[[1, 0], [0, 1]], [[1, 0], [0, 1]], [[0, 1], [1, 0]]]
 * await multilabelConfusionMatrix([0, 1, 2], [0, 2, 2], { labels: [2] }); // [[[1, 1], [0, 1]]]
 */
export async function multilabelConfusionMatrix(
  target: MetricInput,
  prediction: MetricInput,
  options: MultilabelConfusionMatrixOptions = {},
  ...extra: never[]
): Promise<number[][][]> {
  refuseExtraArguments(metric, ['target', 'prediction', 'options?'], extra, sampleWeightHint(metric));
  checkOptions(metric, options, ['labels', 'samplewise', 'sampleWeight']);
  const { samplewise = false } = options;
  check(typeof samplewise === 'boolean', metric, () => `samplewise must be a boolean, got ${String(samplewise)}`);
  const input = await readClassificationInput(metric, target, prediction);
  if (input.kind === 'labels') return toMatrices(await labelVectorCounts(input.target, input.prediction, options));
  const { indicators } = input;
  const weights = await readSampleWeight(metric, options.sampleWeight, indicators.rows);
  const labels = multilabelColumns(metric, indicators.columns, options.labels);
  return toMatrices(multilabelCounts(indicators, weights, labels, samplewise));
}
