import { checkOptions } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import type { MetricInput } from '../input/read-input.js';
import { checkSameLength } from '../input/validate.js';
import { checkPositiveTotalWeight, readSampleWeight, type SampleWeightOption } from '../input/sample-weight.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { readPredictedLabels, readTargetLabels } from './class-labels.js';

const metric = 'hammingLoss';

/** Weighted misclassified samples Σ wᵢ [ŷᵢ ≠ yᵢ] and total weight Σ wᵢ of one batch (every wᵢ = 1 without weights). */
async function countErrors(target: MetricInput, prediction: MetricInput, sampleWeight?: unknown): Promise<[number, number]> {
  const labels = await readTargetLabels(target, metric);
  const predicted = await readPredictedLabels(prediction, metric);
  checkSameLength(metric, labels, predicted);
  const weights = await readSampleWeight(metric, sampleWeight, labels.length);
  let errors = 0;
  let total = 0;
  labels.forEach((label, index) => {
    errors += label !== predicted[index] ? weights[index]! : 0;
    total += weights[index]!;
  });
  return [errors, total];
}

// Hamming loss of single-label input: Σ wᵢ [ŷᵢ ≠ yᵢ] / Σ wᵢ, 1 − accuracy (wᵢ = 1: the fraction of errors).
function hammingLossOf(errors: number, totalWeight: number): number {
  check(totalWeight > 0, metric, 'needs at least one sample');
  return errors / totalWeight;
}

/**
 * Hamming loss, the fraction of wrongly predicted labels (scikit-learn's `hamming_loss` for
 * binary and multiclass labels); `sampleWeight` weighs each sample, and weights summing to 0 throw
 * (scikit-learn: "Weights sum to zero"). `prediction` is labels `[n]` or scores `[n, classes]`.
 * @example
 * await hammingLoss([1, 2, 3, 4], [2, 2, 3, 4]); // 0.25
 * await hammingLoss([1, 2, 3, 4], [2, 2, 3, 4], { sampleWeight: [3, 1, 1, 1] }); // 0.5
 */
export async function hammingLoss(target: MetricInput, prediction: MetricInput, options: SampleWeightOption = {}): Promise<number> {
  checkOptions(metric, options, ['sampleWeight']);
  const [errors, total] = await countErrors(target, prediction, options.sampleWeight);
  if (options.sampleWeight !== undefined) checkPositiveTotalWeight(metric, total);
  return hammingLossOf(errors, total);
}

/** Streaming Hamming loss: error and sample counts per batch. */
export class HammingLoss implements StreamingMetric<[MetricInput, MetricInput], number> {
  private errors = 0;
  private samples = 0;
  constructor(options: Record<string, never> = {}) {
    checkOptions('HammingLoss', options, []);
  }
  async update(target: MetricInput, prediction: MetricInput): Promise<void> {
    const [errors, samples] = await countErrors(target, prediction);
    this.errors += errors;
    this.samples += samples;
  }
  compute(): number {
    return hammingLossOf(this.errors, this.samples);
  }
  reset(): void {
    this.errors = 0;
    this.samples = 0;
  }
}
