import { check } from '../input/metric-error.js';
import type { IndicatorMatrices } from './multilabel-input.js';

/**
 * Per-label (or, samplewise, per-sample) sums of a multilabel confusion matrix: true positives,
 * predicted positives, actual positives (support) and true negatives, each a sum of sample weights.
 */
export interface MultilabelCounts {
  truePositives: number[];
  predicted: number[];
  support: number[];
  trueNegatives: number[];
}

/**
 * The columns a multilabel metric scores: `labels` (any order, each a column index), else every
 * column. scikit-learn 1.2 (`multilabel_confusion_matrix`) checks them against the present labels
 * 0..columns−1 with "All labels must be in [0, n labels) for multilabel targets. Got 5 > 4".
 */
export function multilabelColumns(metric: string, columns: number, labels?: readonly number[]): number[] {
  if (labels === undefined) return Array.from({ length: columns }, (_, column) => column);
  check(labels.length > 0, metric, 'labels must not be empty');
  labels.forEach((label, index) =>
    check(Number.isInteger(label), metric, () => `labels[${index}] = ${label} is not an integer column index`),
  );
  // scikit-learn compares the largest of labels and the present labels with the largest present label.
  const largest = Math.max(...labels, columns - 1);
  check(
    largest <= columns - 1,
    metric,
    () => `All labels must be in [0, n labels) for multilabel targets. Got ${largest} > ${columns - 1}`,
  );
  const smallest = Math.min(...labels);
  check(smallest >= 0, metric, () => `All labels must be in [0, n labels) for multilabel targets. Got ${smallest} < 0`);
  return [...labels];
}

/**
 * scikit-learn's multilabel branch of `multilabel_confusion_matrix` over the columns `labels`:
 * per label j, tp = Σᵢ wᵢ yᵢⱼ ŷᵢⱼ, predicted = Σᵢ wᵢ ŷᵢⱼ, support = Σᵢ wᵢ yᵢⱼ (sums in sample order),
 * tn = Σᵢ wᵢ − tp − fp − fn. Samplewise (its `samplewise=True`), per sample i over the labels:
 * tp = wᵢ Σⱼ yᵢⱼ ŷᵢⱼ (a count times the weight, as scikit-learn's `count_nonzero`),
 * tn = wᵢ·L − tp − fp − fn.
 */
export function multilabelCounts(
  indicators: IndicatorMatrices,
  weights: Float64Array,
  labels: readonly number[],
  samplewise: boolean,
): MultilabelCounts {
  const { target, prediction, rows, columns } = indicators;
  const size = samplewise ? rows : labels.length;
  const truePositives = new Array<number>(size).fill(0);
  const predicted = new Array<number>(size).fill(0);
  const support = new Array<number>(size).fill(0);
  if (samplewise) {
    for (let row = 0; row < rows; row++) {
      let both = 0;
      let predictedCount = 0;
      let trueCount = 0;
      for (const label of labels) {
        const isTrue = target[row * columns + label]!;
        const isPredicted = prediction[row * columns + label]!;
        both += isTrue * isPredicted;
        predictedCount += isPredicted;
        trueCount += isTrue;
      }
      truePositives[row] = both * weights[row]!;
      predicted[row] = predictedCount * weights[row]!;
      support[row] = trueCount * weights[row]!;
    }
  } else {
    labels.forEach((label, index) => {
      for (let row = 0; row < rows; row++) {
        const weight = weights[row]!;
        const isTrue = target[row * columns + label]!;
        const isPredicted = prediction[row * columns + label]!;
        if (isTrue && isPredicted) truePositives[index]! += weight;
        if (isPredicted) predicted[index]! += weight;
        if (isTrue) support[index]! += weight;
      }
    });
  }
  // Python's sum(sample_weight) (in order) for the label totals; w·L per sample, samplewise.
  let totalWeight = 0;
  for (const weight of weights) totalWeight += weight;
  const trueNegatives = truePositives.map((tp, index) => {
    const falsePositives = predicted[index]! - tp;
    const falseNegatives = support[index]! - tp;
    const total = samplewise ? weights[index]! * labels.length : totalWeight;
    return total - tp - falsePositives - falseNegatives;
  });
  return { truePositives, predicted, support, trueNegatives };
}

/**
 * The counts behind an averaged multilabel score (precision, recall, F, Jaccard): scikit-learn's
 * `_check_set_wise_labels` refuses `average: 'binary'` ("Target is multilabel-indicator but
 * average='binary'. …"); `numClasses`, where a metric takes it, must be the number of columns;
 * `'samples'` counts per sample, every other average per label.
 */
export function multilabelAverageCounts(
  metric: string,
  indicators: IndicatorMatrices,
  weights: Float64Array,
  options: { average: string; labels?: readonly number[]; numClasses?: number },
): { labels: number[]; counts: MultilabelCounts } {
  check(
    options.average !== 'binary',
    metric,
    "Target is multilabel-indicator but average='binary'. Please choose another average setting, one of [None, 'micro', 'macro', 'weighted', 'samples']. (None is average: 'none' here)",
  );
  check(
    options.numClasses === undefined || options.numClasses === indicators.columns,
    metric,
    () => `numClasses is ${options.numClasses} but the multilabel indicator matrices have ${indicators.columns} columns (one per label)`,
  );
  const labels = multilabelColumns(metric, indicators.columns, options.labels);
  return { labels, counts: multilabelCounts(indicators, weights, labels, options.average === 'samples') };
}
