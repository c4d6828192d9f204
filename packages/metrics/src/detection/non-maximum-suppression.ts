import { checkOptions } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import { readInput, type MetricInput } from '../input/read-input.js';
import { pairIou, readBoxes, type BoxFormat } from './boxes.js';
import { checkDetectionOptionValues } from './detection-options.js';
import { refuseExtraArguments } from '../input/extra-arguments.js';

export interface NonMaximumSuppressionOptions {
  /** Boxes overlapping a kept box with IoU > iouThreshold are dropped (default 0.5). */
  iouThreshold?: number;
  format?: BoxFormat;
  /** Per-box classes: suppression only within a class (torchvision's `batched_nms`). */
  classes?: MetricInput;
}

const metric = 'nonMaximumSuppression';

/**
 * Greedy non-maximum suppression, as torchvision's `nms`: visit boxes by descending score (ties in
 * index order), keep one unless it overlaps an already kept box by IoU > iouThreshold. Returns the
 * kept indices by descending score.
 * @example
 * await nonMaximumSuppression([[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30]], [0.9, 0.8, 0.7]); // [0, 2]
 */
export async function nonMaximumSuppression(
  boxes: MetricInput,
  scores: MetricInput,
  options: NonMaximumSuppressionOptions = {},
  ...extra: never[]
): Promise<number[]> {
  refuseExtraArguments('nonMaximumSuppression', ['boxes', 'scores', 'options?'], extra);
  checkOptions('nonMaximumSuppression', options, ['iouThreshold', 'format', 'classes']);
  checkDetectionOptionValues(metric, options);
  const { corners, count } = await readBoxes(boxes, metric, options.format);
  const scoreValues = (await readInput(scores, metric, 'scores')).values;
  check(scoreValues.length === count, metric, `${count} boxes but ${scoreValues.length} scores`);
  // A NaN score has no place in a descending order: torchvision's sort ranks it first, a comparison
  // sort here would put it anywhere. Refused, as bad input everywhere in this package.
  const nanScore = scoreValues.findIndex((score) => Number.isNaN(score));
  check(nanScore < 0, metric, () => `scores[${nanScore}] is NaN`);
  const classes = options.classes === undefined ? new Float64Array(count) : (await readInput(options.classes, metric, 'classes')).values;
  check(classes.length === count, metric, `${count} boxes but ${classes.length} classes`);
  const threshold = options.iouThreshold ?? 0.5;
  const order = Array.from({ length: count }, (_, index) => index).sort(
    (left, right) => scoreValues[right]! - scoreValues[left]! || left - right,
  );
  const kept: number[] = [];
  for (const candidate of order) {
    const overlaps = kept.some(
      (keptBox) => classes[keptBox] === classes[candidate] && pairIou(corners, keptBox, corners, candidate) > threshold,
    );
    if (!overlaps) kept.push(candidate);
  }
  return kept;
}
