import type { MetricInput } from '../input/read-input.js';
import { readSampleWeight } from '../input/sample-weight.js';
import { checkSameLength } from '../input/validate.js';
import { readPredictedLabels, readTargetLabels } from './class-labels.js';
import { ConfusionCounts } from './confusion-counts.js';

/**
 * The (weighted) confusion counts of one call of a counts-based metric: target labels, predicted
 * labels (or argmax of scores) and `sampleWeight` read and checked, each pair adding its sample's weight.
 */
export async function readConfusionCounts(
  metric: string,
  target: MetricInput,
  prediction: MetricInput,
  options: { numClasses?: number; sampleWeight?: unknown } = {},
): Promise<ConfusionCounts> {
  const targetLabels = await readTargetLabels(target, metric, options.numClasses);
  const predictedLabels = await readPredictedLabels(prediction, metric, options.numClasses);
  // Lengths first (target against prediction), then the weights against the samples.
  checkSameLength(metric, targetLabels, predictedLabels);
  const weights = await readSampleWeight(metric, options.sampleWeight, targetLabels.length);
  const counts = new ConfusionCounts();
  counts.add(metric, targetLabels, predictedLabels, weights);
  return counts;
}
