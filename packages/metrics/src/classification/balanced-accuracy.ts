import { checkOptions } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import type { MetricInput } from '../input/read-input.js';
import type { SampleWeightOption } from '../input/sample-weight.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { readPredictedLabels, readTargetLabels } from './class-labels.js';
import { ConfusionCounts } from './confusion-counts.js';
import { readConfusionCounts } from './read-confusion-counts.js';
import { refuseExtraArguments, sampleWeightHint, streamingSampleWeightHint } from '../input/extra-arguments.js';

const metric = 'balancedAccuracy';

/**
 * balancedAccuracy's option (scikit-learn's keyword).
 * @example
 * await balancedAccuracy(target, prediction, { adjusted: true }); // 0 for chance, 1 for perfect
 */
export interface BalancedAccuracyOptions {
  /** Rescale so that chance scores 0 and a perfect prediction 1: (score − 1/k)/(1 − 1/k) over k classes. Default false. */
  adjusted?: boolean;
}

/** The function's options: the streaming class's plus scikit-learn's `sample_weight`. */
export interface BalancedAccuracyFunctionOptions extends BalancedAccuracyOptions, SampleWeightOption {}

function readAdjusted(name: string, options: BalancedAccuracyOptions, accepted = ['adjusted']): boolean {
  checkOptions(name, options, accepted);
  const adjusted = options.adjusted ?? false;
  check(typeof adjusted === 'boolean', name, `adjusted must be a boolean, got ${String(adjusted)}`);
  return adjusted;
}

// Mean over classes with at least one true sample of the recall C[c][c] / sum_j C[c][j]; adjusted,
// (mean − 1/k)/(1 − 1/k) with k those classes, as scikit-learn. With sample weights C is weighted, so
// a class whose true samples all weigh 0 has no recall and is left out, as in scikit-learn (which
// drops its NaN); all weights 0 leave no class: NaN, and adjusted throws as scikit-learn's 1/0 does.
export function balancedAccuracyFromCounts(counts: ConfusionCounts, adjusted = false): number {
  const labels = counts.presentLabels();
  const recalls: number[] = [];
  for (const label of labels) {
    const support = labels.reduce((sum, other) => sum + counts.count(label, other), 0);
    if (support > 0) recalls.push(counts.count(label, label) / support);
  }
  const score = recalls.reduce((sum, value) => sum + value, 0) / recalls.length;
  if (!adjusted) return score;
  check(recalls.length > 0, metric, 'adjusted needs a class with positive weight in the target (scikit-learn: division by zero)');
  const chance = 1 / recalls.length;
  return (score - chance) / (1 - chance);
}

/**
 * Balanced accuracy: the mean per-class recall, as scikit-learn's `balanced_accuracy_score`
 * (classes that only appear in the prediction are left out); `{ adjusted: true }` rescales chance to 0;
 * `sampleWeight` weighs each sample in the per-class recalls.
 * @example
 * await balancedAccuracy([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1]); // 0.625
 */
export async function balancedAccuracy(
  target: MetricInput,
  prediction: MetricInput,
  options: BalancedAccuracyFunctionOptions = {},
  ...extra: never[]
): Promise<number> {
  refuseExtraArguments(metric, ['target', 'prediction', 'options?'], extra, sampleWeightHint(metric));
  const adjusted = readAdjusted(metric, options, ['adjusted', 'sampleWeight']);
  return balancedAccuracyFromCounts(await readConfusionCounts(metric, target, prediction, options), adjusted);
}

/** Streaming balanced accuracy. */
export class BalancedAccuracy implements StreamingMetric<[MetricInput, MetricInput], number> {
  private readonly counts = new ConfusionCounts();
  private readonly adjusted: boolean;
  constructor(options: BalancedAccuracyOptions = {}, ...extra: never[]) {
    refuseExtraArguments('BalancedAccuracy', ['options?'], extra);
    this.adjusted = readAdjusted('BalancedAccuracy', options);
  }
  async update(target: MetricInput, prediction: MetricInput, ...extra: never[]): Promise<void> {
    refuseExtraArguments('BalancedAccuracy.update', ['target', 'prediction'], extra, streamingSampleWeightHint(metric));
    this.counts.add(metric, await readTargetLabels(target, metric), await readPredictedLabels(prediction, metric));
  }
  compute(...extra: never[]): number {
    refuseExtraArguments('BalancedAccuracy.compute', [], extra);
    return balancedAccuracyFromCounts(this.counts, this.adjusted);
  }
  reset(...extra: never[]): void {
    refuseExtraArguments('BalancedAccuracy.reset', [], extra);
    this.counts.reset();
  }
}
