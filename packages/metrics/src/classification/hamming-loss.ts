import { checkOptions } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import type { MetricInput } from '../input/read-input.js';
import { checkSameLength } from '../input/validate.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { readPredictedLabels, readTargetLabels } from './class-labels.js';

const metric = 'hammingLoss';

/** Misclassified samples and all samples of one batch. */
async function countErrors(target: MetricInput, prediction: MetricInput): Promise<[number, number]> {
  const labels = await readTargetLabels(target, metric);
  const predicted = await readPredictedLabels(prediction, metric);
  checkSameLength(metric, labels, predicted);
  return [labels.reduce((errors, label, index) => errors + Number(label !== predicted[index]), 0), labels.length];
}

// Hamming loss of single-label input: (1/n) Σ [ŷᵢ ≠ yᵢ], 1 − accuracy.
function hammingLossOf(errors: number, samples: number): number {
  check(samples > 0, metric, 'needs at least one sample');
  return errors / samples;
}

/**
 * Hamming loss, the fraction of wrongly predicted labels (scikit-learn's `hamming_loss` for
 * binary and multiclass labels; it takes no option). `prediction` is labels `[n]` or scores `[n, classes]`.
 * @example
 * await hammingLoss([1, 2, 3, 4], [2, 2, 3, 4]); // 0.25
 */
export async function hammingLoss(target: MetricInput, prediction: MetricInput, options: Record<string, never> = {}): Promise<number> {
  // scikit-learn's only keyword is sample_weight, which is not supported: any option is refused, not ignored
  checkOptions(metric, options, []);
  return hammingLossOf(...(await countErrors(target, prediction)));
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
