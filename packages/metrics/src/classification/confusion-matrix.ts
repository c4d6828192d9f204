import { checkOptions } from '@dl/tensor';
import type { MetricInput } from '../input/read-input.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { readPredictedLabels, readTargetLabels } from './class-labels.js';
import { ConfusionCounts } from './confusion-counts.js';

export interface ConfusionMatrixOptions {
  numClasses?: number;
  labels?: readonly number[];
  /** Divide by row sums (`'true'`), column sums (`'pred'`) or the total (`'all'`); 0/0 gives 0, as scikit-learn. */
  normalize?: 'true' | 'pred' | 'all';
}

const metric = 'confusionMatrix';

/** C[i][j] = number of samples with target labels[i] and prediction labels[j], optionally normalized. */
export function confusionMatrixFromCounts(counts: ConfusionCounts, options: ConfusionMatrixOptions = {}): number[][] {
  const matrix = counts.matrix(counts.resolveLabels(metric, options));
  const divide = (value: number, total: number) => (total === 0 ? 0 : value / total);
  switch (options.normalize) {
    case 'true':
      return matrix.map((row) => row.map((value) => divide(value, sum(row))));
    case 'pred':
      return matrix.map((row) => row.map((value, column) => divide(value, sum(matrix.map((other) => other[column]!)))));
    case 'all': {
      const total = sum(matrix.map(sum));
      return matrix.map((row) => row.map((value) => divide(value, total)));
    }
    default:
      return matrix;
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/**
 * The confusion matrix (rows: target, columns: prediction), as scikit-learn's `confusion_matrix`.
 * @example
 * await confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]); // [[2, 0, 0], [0, 0, 1], [1, 0, 2]]
 */
export async function confusionMatrix(
  target: MetricInput,
  prediction: MetricInput,
  options: ConfusionMatrixOptions = {},
): Promise<number[][]> {
  checkOptions('confusionMatrix', options, ['numClasses', 'labels', 'normalize']);
  const counts = new ConfusionCounts();
  counts.add(
    metric,
    await readTargetLabels(target, metric, options.numClasses),
    await readPredictedLabels(prediction, metric, options.numClasses),
  );
  return confusionMatrixFromCounts(counts, options);
}

/** Streaming confusion matrix. */
export class ConfusionMatrix implements StreamingMetric<[MetricInput, MetricInput], number[][]> {
  readonly counts = new ConfusionCounts();
  constructor(private readonly options: ConfusionMatrixOptions = {}) {
    checkOptions('ConfusionMatrix', options, ['numClasses', 'labels', 'normalize']);
  }
  async update(target: MetricInput, prediction: MetricInput): Promise<void> {
    const { numClasses } = this.options;
    this.counts.add(metric, await readTargetLabels(target, metric, numClasses), await readPredictedLabels(prediction, metric, numClasses));
  }
  compute(): number[][] {
    return confusionMatrixFromCounts(this.counts, this.options);
  }
  reset(): void {
    this.counts.reset();
  }
}
