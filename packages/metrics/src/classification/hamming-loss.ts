import { checkOptions } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import type { MetricInput } from '../input/read-input.js';
import { checkSameLength } from '../input/validate.js';
import { checkPositiveTotalWeight, readSampleWeight, type SampleWeightOption } from '../input/sample-weight.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { readPredictedLabels, readTargetLabels } from './class-labels.js';
import { readClassificationBatch, readClassificationInput, type ClassificationReader, type IndicatorMatrices } from './multilabel-input.js';
import { refuseExtraArguments, sampleWeightHint, streamingSampleWeightHint } from '../input/extra-arguments.js';

const metric = 'hammingLoss';

/**
 * Multilabel indicator matrices: the weighted wrong labels Σᵢ wᵢ·#{j : ŷᵢⱼ ≠ yᵢⱼ} and the weighted
 * number of labels Σᵢ wᵢ·L, whose ratio is scikit-learn's n_differences / (n·L·mean(w)).
 */
function countWrongLabels({ target, prediction, rows, columns }: IndicatorMatrices, weights: Float64Array): [number, number] {
  let errors = 0;
  let total = 0;
  for (let row = 0; row < rows; row++) {
    let wrong = 0;
    for (let column = 0; column < columns; column++) if (target[row * columns + column] !== prediction[row * columns + column]) wrong++;
    errors += wrong * weights[row]!;
    total += weights[row]!;
  }
  return [errors, total * columns];
}

/**
 * Weighted misclassified samples Σ wᵢ [ŷᵢ ≠ yᵢ] and total weight Σ wᵢ of one batch (every wᵢ = 1
 * without weights); for multilabel input, the wrong labels and the labels (countWrongLabels). `read`
 * is readClassificationInput, or readClassificationBatch for a streaming batch (which may be empty).
 */
async function countErrors(
  target: MetricInput,
  prediction: MetricInput,
  read: ClassificationReader,
  sampleWeight?: unknown,
): Promise<[number, number, boolean]> {
  const input = await read(metric, target, prediction);
  if (input.kind === 'multilabel-indicator')
    return [...countWrongLabels(input.indicators, await readSampleWeight(metric, sampleWeight, input.indicators.rows)), true];
  const labels = await readTargetLabels(input.target, metric);
  const predicted = await readPredictedLabels(input.prediction, metric);
  checkSameLength(metric, labels, predicted);
  const weights = await readSampleWeight(metric, sampleWeight, labels.length);
  let errors = 0;
  let total = 0;
  labels.forEach((label, index) => {
    errors += label !== predicted[index] ? weights[index]! : 0;
    total += weights[index]!;
  });
  return [errors, total, false];
}

// Hamming loss of single-label input: Σ wᵢ [ŷᵢ ≠ yᵢ] / Σ wᵢ, 1 − accuracy (wᵢ = 1: the fraction of errors).
function hammingLossOf(errors: number, totalWeight: number): number {
  check(totalWeight > 0, metric, 'needs at least one sample');
  return errors / totalWeight;
}

/**
 * Hamming loss, the fraction of wrongly predicted labels (scikit-learn's `hamming_loss`);
 * `sampleWeight` weighs each sample, and weights summing to 0 throw (scikit-learn: "Weights sum to
 * zero"). `prediction` is labels `[n]` or scores `[n, classes]`. Multilabel indicator matrices
 * `[n, L]`: Σᵢ wᵢ·#{j : ŷᵢⱼ ≠ yᵢⱼ} / (L·Σᵢ wᵢ), NaN when the weights sum to 0 (scikit-learn's 0/0).
 * @example
 * await hammingLoss([1, 2, 3, 4], [2, 2, 3, 4]); // 0.25
 * await hammingLoss([1, 2, 3, 4], [2, 2, 3, 4], { sampleWeight: [3, 1, 1, 1] }); // 0.5
 * await hammingLoss([[1, 0, 1], [0, 1, 0]], [[1, 0, 0], [0, 1, 0]]); // 1/6
 */
export async function hammingLoss(
  target: MetricInput,
  prediction: MetricInput,
  options: SampleWeightOption = {},
  ...extra: never[]
): Promise<number> {
  refuseExtraArguments(metric, ['target', 'prediction', 'options?'], extra, sampleWeightHint(metric));
  checkOptions(metric, options, ['sampleWeight']);
  const [errors, total, isMultilabel] = await countErrors(target, prediction, readClassificationInput, options.sampleWeight);
  if (isMultilabel) return errors / total;
  if (options.sampleWeight !== undefined) checkPositiveTotalWeight(metric, total);
  return hammingLossOf(errors, total);
}

/** Streaming Hamming loss: error and sample counts per batch. */
export class HammingLoss implements StreamingMetric<[MetricInput, MetricInput], number> {
  private errors = 0;
  private samples = 0;
  constructor(options: Record<string, never> = {}, ...extra: never[]) {
    refuseExtraArguments('HammingLoss', ['options?'], extra);
    checkOptions('HammingLoss', options, []);
  }
  async update(target: MetricInput, prediction: MetricInput, ...extra: never[]): Promise<void> {
    refuseExtraArguments('HammingLoss.update', ['target', 'prediction'], extra, streamingSampleWeightHint(metric));
    const [errors, samples] = await countErrors(target, prediction, readClassificationBatch);
    this.errors += errors;
    this.samples += samples;
  }
  compute(...extra: never[]): number {
    refuseExtraArguments('HammingLoss.compute', [], extra);
    return hammingLossOf(this.errors, this.samples);
  }
  reset(...extra: never[]): void {
    refuseExtraArguments('HammingLoss.reset', [], extra);
    this.errors = 0;
    this.samples = 0;
  }
}
