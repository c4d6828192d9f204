import { describeValue } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import { readInput, type MetricInput } from '../input/read-input.js';
import { checkLabels } from '../input/validate.js';
import { readBoxes, type BoxFormat } from './boxes.js';

/** One image's predicted boxes `[n, 4]`, their scores `[n]` and class labels `[n]`. */
export interface DetectionPrediction {
  boxes: MetricInput;
  scores: MetricInput;
  labels: MetricInput;
}

/** One image's ground-truth boxes `[m, 4]` and class labels `[m]`. */
export interface DetectionTarget {
  boxes: MetricInput;
  labels: MetricInput;
}

/** One image on the host: corner boxes, scores (1 for ground truth) and labels. */
export interface HostDetections {
  corners: Float64Array;
  scores: Float64Array;
  labels: Float64Array;
  count: number;
}

async function readImage(
  metric: string,
  image: DetectionPrediction | DetectionTarget,
  format: BoxFormat | undefined,
  where: string,
): Promise<HostDetections> {
  const { corners, count } = await readBoxes(image.boxes, metric, format, `${where}.boxes`);
  const labels = (await readInput(image.labels, metric, `${where}.labels`)).values;
  checkLabels(metric, labels, `${where}.labels`);
  check(labels.length === count, metric, `${where} has ${count} boxes but ${labels.length} labels`);
  const scores = 'scores' in image ? (await readInput(image.scores, metric, `${where}.scores`)).values : new Float64Array(count).fill(1);
  check(scores.length === count, metric, `${where} has ${count} boxes but ${scores.length} scores`);
  // a NaN score has no place in the ranking by score (the sort would put it anywhere), as in nonMaximumSuppression
  const nanScore = scores.findIndex((score) => Number.isNaN(score));
  check(nanScore < 0, metric, () => `${where}.scores[${nanScore}] is NaN`);
  return { corners, scores, labels, count };
}

/** Reads per-image predictions and targets (same number of images) to the host. */
export async function readDetections(
  metric: string,
  predictions: readonly DetectionPrediction[],
  targets: readonly DetectionTarget[],
  format?: BoxFormat,
): Promise<{ predictions: HostDetections[]; targets: HostDetections[] }> {
  check(Array.isArray(predictions), metric, () => `predictions must be a list of per-image detections, got ${describeValue(predictions)}`);
  check(Array.isArray(targets), metric, () => `targets must be a list of per-image detections, got ${describeValue(targets)}`);
  check(predictions.length === targets.length, metric, `${predictions.length} prediction images but ${targets.length} target images`);
  return {
    predictions: await Promise.all(predictions.map((image, index) => readImage(metric, image, format, `predictions[${index}]`))),
    targets: await Promise.all(targets.map((image, index) => readImage(metric, image, format, `targets[${index}]`))),
  };
}

/** The box indices of one class in one image. */
export function indicesOfClass(image: HostDetections, label: number): number[] {
  const indices: number[] = [];
  image.labels.forEach((value, index) => value === label && indices.push(index));
  return indices;
}

/** Sorted labels with at least one ground-truth box: the classes mAP averages over. */
export function groundTruthClasses(targets: readonly HostDetections[]): number[] {
  return [...new Set(targets.flatMap((image) => Array.from(image.labels)))].sort((left, right) => left - right);
}
