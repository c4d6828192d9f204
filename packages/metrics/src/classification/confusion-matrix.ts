import { checkChoice, checkOptions } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import type { MetricInput } from '../input/read-input.js';
import type { SampleWeightOption } from '../input/sample-weight.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { readPredictedLabels, readTargetLabels } from './class-labels.js';
import { ConfusionCounts } from './confusion-counts.js';
import { readConfusionCounts } from './read-confusion-counts.js';
import { refuseExtraArguments, sampleWeightHint, streamingSampleWeightHint } from '../input/extra-arguments.js';

export interface ConfusionMatrixOptions {
  numClasses?: number;
  labels?: readonly number[];
  /** Divide by row sums (`'true'`), column sums (`'pred'`) or the total (`'all'`); 0/0 gives 0, as scikit-learn. */
  normalize?: 'true' | 'pred' | 'all';
}

const metric = 'confusionMatrix';

const normalizations = { true: 'true', pred: 'pred', all: 'all' } as const;

/** The function's options: the streaming class's plus scikit-learn's `sample_weight`. */
export interface ConfusionMatrixFunctionOptions extends ConfusionMatrixOptions, SampleWeightOption {}

/** Checks the option names and `normalize` (an unknown value used to give the raw counts). */
function checkConfusionMatrixOptions(
  name: string,
  options: ConfusionMatrixOptions,
  accepted = ['numClasses', 'labels', 'normalize'],
): void {
  checkOptions(name, options, accepted);
  if (options.normalize !== undefined) checkChoice(name, 'normalize', options.normalize, normalizations);
}

/**
 * C[i][j] = number of samples with target labels[i] and prediction labels[j] (with sample weights,
 * Σ wₖ over those samples), optionally normalized.
 */
export function confusionMatrixFromCounts(counts: ConfusionCounts, options: ConfusionMatrixOptions = {}): number[][] {
  const labels = counts.resolveLabels(metric, options);
  // scikit-learn refuses a label set none of whose labels is in the target: the matrix would be all zeros.
  check(
    !options.labels || counts.samples === 0 || labels.some((label) => counts.occursInTarget(label)),
    metric,
    () => `none of labels [${labels.join(', ')}] occurs in target; at least one must`,
  );
  const matrix = counts.matrix(labels);
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
 * The confusion matrix (rows: target, columns: prediction), as scikit-learn's `confusion_matrix`;
 * `sampleWeight` sums the weights of each cell's samples instead of counting them.
 * @example
 * await confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]); // [[2, 0, 0], [0, 0, 1], [1, 0, 2]]
 * await confusionMatrix([0, 1, 1], [0, 1, 0], { sampleWeight: [1, 2, 0.5] }); // [[1, 0], [0.5, 2]]
 */
export async function confusionMatrix(
  target: MetricInput,
  prediction: MetricInput,
  options: ConfusionMatrixFunctionOptions = {},
  ...extra: never[]
): Promise<number[][]> {
  refuseExtraArguments(metric, ['target', 'prediction', 'options?'], extra, sampleWeightHint(metric));
  checkConfusionMatrixOptions(metric, options, ['numClasses', 'labels', 'normalize', 'sampleWeight']);
  return confusionMatrixFromCounts(await readConfusionCounts(metric, target, prediction, options), options);
}

/** Streaming confusion matrix. */
export class ConfusionMatrix implements StreamingMetric<[MetricInput, MetricInput], number[][]> {
  readonly counts = new ConfusionCounts();
  constructor(
    private readonly options: ConfusionMatrixOptions = {},
    ...extra: never[]
  ) {
    refuseExtraArguments('ConfusionMatrix', ['options?'], extra);
    checkConfusionMatrixOptions('ConfusionMatrix', options);
  }
  async update(target: MetricInput, prediction: MetricInput, ...extra: never[]): Promise<void> {
    refuseExtraArguments('ConfusionMatrix.update', ['target', 'prediction'], extra, streamingSampleWeightHint(metric));
    const { numClasses } = this.options;
    this.counts.add(metric, await readTargetLabels(target, metric, numClasses), await readPredictedLabels(prediction, metric, numClasses));
  }
  compute(...extra: never[]): number[][] {
    refuseExtraArguments('ConfusionMatrix.compute', [], extra);
    return confusionMatrixFromCounts(this.counts, this.options);
  }
  reset(...extra: never[]): void {
    refuseExtraArguments('ConfusionMatrix.reset', [], extra);
    this.counts.reset();
  }
}
