import { checkOptions } from '@dl/tensor';
import type { MetricInput } from '../input/read-input.js';
import type { SampleWeightOption } from '../input/sample-weight.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { readPredictedLabels, readTargetLabels } from './class-labels.js';
import { ConfusionCounts } from './confusion-counts.js';
import { readConfusionCounts } from './read-confusion-counts.js';
import { refuseExtraArguments, sampleWeightHint, streamingSampleWeightHint } from '../input/extra-arguments.js';

const metric = 'matthewsCorrelation';

/**
 * Multiclass MCC from the confusion matrix C with s samples, c correct, t_k = row sums, p_k = column sums:
 *   MCC = (c·s − t·p) / sqrt((s² − p·p)(s² − t·t)), and 0 when the denominator is 0 (scikit-learn).
 * With sample weights C is weighted (s = Σ wᵢ, c = Σ wᵢ over correct samples); all weights 0 give 0.
 */
export function matthewsCorrelationFromCounts(counts: ConfusionCounts): number {
  const labels = counts.presentLabels();
  const rowSums = labels.map((row) => labels.reduce((sum, column) => sum + counts.count(row, column), 0));
  const columnSums = labels.map((column) => labels.reduce((sum, row) => sum + counts.count(row, column), 0));
  const samples = rowSums.reduce((sum, value) => sum + value, 0);
  const correct = labels.reduce((sum, label) => sum + counts.count(label, label), 0);
  const dot = (left: number[], right: number[]) => left.reduce((sum, value, index) => sum + value * right[index]!, 0);
  const covarianceTargetPrediction = correct * samples - dot(rowSums, columnSums);
  const covariancePrediction = samples * samples - dot(columnSums, columnSums);
  const covarianceTarget = samples * samples - dot(rowSums, rowSums);
  if (covariancePrediction * covarianceTarget === 0) return 0;
  return covarianceTargetPrediction / Math.sqrt(covarianceTarget * covariancePrediction);
}

/**
 * Matthews correlation coefficient, as scikit-learn's `matthews_corrcoef` (binary and multiclass);
 * `sampleWeight` weighs each sample.
 * @example
 * await matthewsCorrelation([1, 1, 1, 0], [1, 0, 1, 1]); // -0.3333…
 */
export async function matthewsCorrelation(
  target: MetricInput,
  prediction: MetricInput,
  options: SampleWeightOption = {},
  ...extra: never[]
): Promise<number> {
  refuseExtraArguments(metric, ['target', 'prediction', 'options?'], extra, sampleWeightHint(metric));
  checkOptions(metric, options, ['sampleWeight']);
  return matthewsCorrelationFromCounts(await readConfusionCounts(metric, target, prediction, options));
}

/** Streaming Matthews correlation. */
export class MatthewsCorrelation implements StreamingMetric<[MetricInput, MetricInput], number> {
  private readonly counts = new ConfusionCounts();
  constructor(options: Record<string, never> = {}, ...extra: never[]) {
    refuseExtraArguments('MatthewsCorrelation', ['options?'], extra);
    // The streaming form takes no weights: any option is refused, not ignored.
    checkOptions('MatthewsCorrelation', options, []);
  }
  async update(target: MetricInput, prediction: MetricInput, ...extra: never[]): Promise<void> {
    refuseExtraArguments('MatthewsCorrelation.update', ['target', 'prediction'], extra, streamingSampleWeightHint(metric));
    this.counts.add(metric, await readTargetLabels(target, metric), await readPredictedLabels(prediction, metric));
  }
  compute(...extra: never[]): number {
    refuseExtraArguments('MatthewsCorrelation.compute', [], extra);
    return matthewsCorrelationFromCounts(this.counts);
  }
  reset(...extra: never[]): void {
    refuseExtraArguments('MatthewsCorrelation.reset', [], extra);
    this.counts.reset();
  }
}
