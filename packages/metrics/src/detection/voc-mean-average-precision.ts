import { checkOptions } from '@dl/tensor';
import { pairIou, type BoxFormat } from './boxes.js';
import { checkDetectionOptionValues } from './detection-options.js';
import {
  groundTruthClasses,
  indicesOfClass,
  readDetections,
  type DetectionPrediction,
  type DetectionTarget,
  type HostDetections,
} from './detections.js';
import { refuseExtraArguments } from '../input/extra-arguments.js';

export interface VocOptions {
  /** A detection matches when IoU > iouThreshold (default 0.5, PASCAL VOC). */
  iouThreshold?: number;
  /** VOC2007's 11-point interpolation instead of the area under the interpolated curve (VOC2010+). */
  elevenPoint?: boolean;
  format?: BoxFormat;
}

export interface MeanAveragePrecisionResult {
  /** Mean of the per-class APs over classes with ground truth. */
  map: number;
  perClass: Record<number, number>;
}

/**
 * VOC AP of one class: detections by descending score; each matches the ground-truth box of highest
 * IoU in its image, a true positive if IoU > threshold and that box is still unmatched, else a false
 * positive. AP = Σ (r_{i+1} − r_i) · p_interp(r_{i+1}), p_interp(r) = max_{r' ≥ r} p(r').
 */
export function vocClassAveragePrecision(
  predictions: readonly HostDetections[],
  targets: readonly HostDetections[],
  label: number,
  options: VocOptions = {},
): number {
  const threshold = options.iouThreshold ?? 0.5;
  const groundTruth = targets.map((image) => indicesOfClass(image, label));
  const matched = groundTruth.map((boxes) => boxes.map(() => false));
  const positives = groundTruth.reduce((sum, boxes) => sum + boxes.length, 0);
  const detections = predictions.flatMap((image, imageIndex) =>
    indicesOfClass(image, label).map((box) => ({ imageIndex, box, score: image.scores[box]! })),
  );
  detections.sort((left, right) => right.score - left.score);
  const truePositive = detections.map(({ imageIndex, box }) => {
    let bestIou = -Infinity;
    let best = -1;
    groundTruth[imageIndex]!.forEach((gtBox, gtIndex) => {
      const iou = pairIou(predictions[imageIndex]!.corners, box, targets[imageIndex]!.corners, gtBox);
      // NaN (0/0: both boxes have zero area) never wins; a zero-area detection has IoU 0 or NaN with
      // every box, so it is a false positive, as NaN > threshold is false in the devkit.
      if (iou > bestIou) [bestIou, best] = [iou, gtIndex];
    });
    if (bestIou > threshold && !matched[imageIndex]![best]) return (matched[imageIndex]![best] = true);
    return false;
  });
  const recall: number[] = [];
  const precision: number[] = [];
  let tp = 0;
  truePositive.forEach((isTrue, index) => {
    tp += isTrue ? 1 : 0;
    recall.push(tp / positives);
    precision.push(tp / Math.max(index + 1, Number.EPSILON));
  });
  return options.elevenPoint ? elevenPointAp(recall, precision) : allPointAp(recall, precision);
}

function allPointAp(recall: number[], precision: number[]): number {
  const extendedRecall = [0, ...recall, 1];
  const envelope = [0, ...precision, 0];
  for (let index = envelope.length - 1; index > 0; index--) envelope[index - 1] = Math.max(envelope[index - 1]!, envelope[index]!);
  let ap = 0;
  for (let index = 0; index < extendedRecall.length - 1; index++)
    if (extendedRecall[index + 1] !== extendedRecall[index])
      ap += (extendedRecall[index + 1]! - extendedRecall[index]!) * envelope[index + 1]!;
  return ap;
}

// VOC2007: AP = (1/11) Σ_{t ∈ {0, 0.1, …, 1}} max_{r ≥ t} p(r)
function elevenPointAp(recall: number[], precision: number[]): number {
  let ap = 0;
  for (let step = 0; step <= 10; step++) {
    // The devkit's voc_ap iterates np.arange(0., 1.1, 0.1), which numpy fills as start + i·step in
    // float64: 3 · 0.1 = 0.30000000000000004, so a recall of exactly 3/10 does not reach that point
    // (step / 10 would be exactly 0.3 and let it).
    const threshold = step * 0.1;
    const candidates = precision.filter((_, index) => recall[index]! >= threshold);
    ap += (candidates.length ? Math.max(...candidates) : 0) / 11;
  }
  return ap;
}

/** VOC-style mAP over host data; see {@link vocMeanAveragePrecision}. */
export function vocMeanAveragePrecisionOnHost(
  predictions: readonly HostDetections[],
  targets: readonly HostDetections[],
  options: VocOptions = {},
): MeanAveragePrecisionResult {
  const perClass: Record<number, number> = {};
  for (const label of groundTruthClasses(targets)) perClass[label] = vocClassAveragePrecision(predictions, targets, label, options);
  const values = Object.values(perClass);
  return { map: values.reduce((sum, value) => sum + value, 0) / values.length, perClass };
}

/**
 * PASCAL VOC mean average precision at IoU 0.5 (all-point interpolation, or `elevenPoint`), over the
 * classes that have ground-truth boxes; continuous coordinates (no VOC "+1" pixel convention).
 * @example
 * await vocMeanAveragePrecision(
 *   [{ boxes: [[0, 0, 10, 10]], scores: [0.9], labels: [0] }],
 *   [{ boxes: [[1, 1, 10, 10]], labels: [0] }],
 * ); // { map: 1, perClass: { 0: 1 } }
 */
export async function vocMeanAveragePrecision(
  predictions: readonly DetectionPrediction[],
  targets: readonly DetectionTarget[],
  options: VocOptions = {},
  ...extra: never[]
): Promise<MeanAveragePrecisionResult> {
  refuseExtraArguments('vocMeanAveragePrecision', ['predictions', 'targets', 'options?'], extra);
  checkOptions('vocMeanAveragePrecision', options, ['iouThreshold', 'elevenPoint', 'format']);
  checkDetectionOptionValues('vocMeanAveragePrecision', options);
  const host = await readDetections('vocMeanAveragePrecision', predictions, targets, options.format);
  return vocMeanAveragePrecisionOnHost(host.predictions, host.targets, options);
}
