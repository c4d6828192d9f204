import type { MetricInput } from '../input/read-input.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { readPredictedLabels, readTargetLabels } from './class-labels.js';
import { ConfusionCounts } from './confusion-counts.js';

const metric = 'balancedAccuracy';

// Mean over classes with at least one true sample of the recall C[c][c] / sum_j C[c][j].
export function balancedAccuracyFromCounts(counts: ConfusionCounts): number {
  const labels = counts.presentLabels();
  const recalls: number[] = [];
  for (const label of labels) {
    const support = labels.reduce((sum, other) => sum + counts.count(label, other), 0);
    if (support > 0) recalls.push(counts.count(label, label) / support);
  }
  return recalls.reduce((sum, value) => sum + value, 0) / recalls.length;
}

/**
 * Balanced accuracy: the mean per-class recall, as scikit-learn's `balanced_accuracy_score`
 * (classes that only appear in the prediction are left out).
 * @example
 * await balancedAccuracy([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1]); // 0.625
 */
export async function balancedAccuracy(target: MetricInput, prediction: MetricInput): Promise<number> {
  const counts = new ConfusionCounts();
  counts.add(metric, await readTargetLabels(target, metric), await readPredictedLabels(prediction, metric));
  return balancedAccuracyFromCounts(counts);
}

/** Streaming balanced accuracy. */
export class BalancedAccuracy implements StreamingMetric<[MetricInput, MetricInput], number> {
  private readonly counts = new ConfusionCounts();
  async update(target: MetricInput, prediction: MetricInput): Promise<void> {
    this.counts.add(metric, await readTargetLabels(target, metric), await readPredictedLabels(prediction, metric));
  }
  compute(): number {
    return balancedAccuracyFromCounts(this.counts);
  }
  reset(): void {
    this.counts.reset();
  }
}
