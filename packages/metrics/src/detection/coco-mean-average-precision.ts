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

export interface CocoOptions {
  /** Detections kept per image and class, highest scores first (default 100). */
  maxDetections?: number;
  format?: BoxFormat;
}

export interface CocoResult {
  /** AP averaged over IoU 0.50:0.05:0.95 and classes (COCO's AP). */
  map: number;
  /** AP at IoU 0.5. */
  map50: number;
  /** AP at IoU 0.75. */
  map75: number;
  /** Per class, averaged over the IoU thresholds. */
  perClass: Record<number, number>;
}

// numpy.linspace(start, stop, count): start + i·(stop − start)/(count − 1), the last exactly stop.
const linspace = (start: number, stop: number, count: number) =>
  Array.from({ length: count }, (_, index) => (index === count - 1 ? stop : start + index * ((stop - start) / (count - 1))));
export const cocoIouThresholds = linspace(0.5, 0.95, 10);
export const cocoRecallThresholds = linspace(0, 1, 101);

/**
 * IoU as pycocotools' bbIou (maskApi.c) computes it: 0 unless the boxes overlap with positive width
 * and height. torchvision's box_iou ({@link pairIou}) gives 0/0 = NaN where the union is 0 (two
 * zero-area boxes, however far apart), which the `iou < bestIou` test below would let match.
 */
function cocoIou(prediction: HostDetections, detection: number, target: HostDetections, gtBox: number): number {
  const iou = pairIou(prediction.corners, detection, target.corners, gtBox);
  return Number.isNaN(iou) ? 0 : iou;
}

/** Matches of one class in one image at every IoU threshold, as pycocotools' evaluateImg (no crowd boxes, area 'all'). */
function matchImage(prediction: HostDetections, target: HostDetections, label: number, maxDetections: number) {
  const detections = indicesOfClass(prediction, label)
    .sort((left, right) => prediction.scores[right]! - prediction.scores[left]! || left - right)
    .slice(0, maxDetections);
  const groundTruth = indicesOfClass(target, label);
  const matches = cocoIouThresholds.map((threshold) => {
    const taken = groundTruth.map(() => false);
    return detections.map((detection) => {
      // The unmatched ground truth of highest IoU ≥ threshold (a later one wins a tie, as pycocotools).
      let bestIou = Math.min(threshold, 1 - 1e-10);
      let best = -1;
      groundTruth.forEach((gtBox, gtIndex) => {
        if (taken[gtIndex]) return;
        const iou = cocoIou(prediction, detection, target, gtBox);
        if (iou < bestIou) return;
        [bestIou, best] = [iou, gtIndex];
      });
      if (best >= 0) taken[best] = true;
      return best >= 0;
    });
  });
  return { scores: detections.map((detection) => prediction.scores[detection]!), matches, groundTruthCount: groundTruth.length };
}

/**
 * Precision at each of 101 recall thresholds (pycocotools' accumulate): detections of every image
 * pooled by descending score (stable), p = tp / (tp + fp + ε) made non-increasing from the right,
 * then q(r) = p at the first index whose recall ≥ r, 0 beyond the last. AP = mean q; −1 without ground truth.
 */
function classPrecisionAtRecalls(
  predictions: readonly HostDetections[],
  targets: readonly HostDetections[],
  label: number,
  maxDetections: number,
): number[][] | null {
  const images = predictions.map((prediction, index) => matchImage(prediction, targets[index]!, label, maxDetections));
  const positives = images.reduce((sum, image) => sum + image.groundTruthCount, 0);
  if (positives === 0) return null;
  const pooled = images.flatMap((image) => image.scores.map((score, detection) => ({ score, image, detection })));
  pooled.sort((left, right) => right.score - left.score);
  return cocoIouThresholds.map((_, thresholdIndex) => {
    let tp = 0;
    let fp = 0;
    const recall: number[] = [];
    const precision: number[] = [];
    for (const { image, detection } of pooled) {
      if (image.matches[thresholdIndex]![detection]) tp++;
      else fp++;
      recall.push(tp / positives);
      precision.push(tp / (fp + tp + Number.EPSILON));
    }
    for (let index = precision.length - 1; index > 0; index--) precision[index - 1] = Math.max(precision[index - 1]!, precision[index]!);
    return cocoRecallThresholds.map((threshold) => {
      const first = recall.findIndex((value) => value >= threshold);
      return first < 0 ? 0 : precision[first]!;
    });
  });
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** COCO mAP over host data; see {@link cocoMeanAveragePrecision}. */
export function cocoMeanAveragePrecisionOnHost(
  predictions: readonly HostDetections[],
  targets: readonly HostDetections[],
  options: CocoOptions = {},
): CocoResult {
  const maxDetections = options.maxDetections ?? 100;
  const perClass: Record<number, number> = {};
  const atThreshold: number[][] = cocoIouThresholds.map(() => []);
  for (const label of groundTruthClasses(targets)) {
    const precision = classPrecisionAtRecalls(predictions, targets, label, maxDetections);
    if (!precision) continue;
    precision.forEach((values, thresholdIndex) => atThreshold[thresholdIndex]!.push(mean(values)));
    perClass[label] = mean(precision.map(mean));
  }
  return { map: mean(Object.values(perClass)), map50: mean(atThreshold[0]!), map75: mean(atThreshold[5]!), perClass };
}

/**
 * COCO-style mAP: AP with 101-point interpolated precision, averaged over IoU thresholds
 * 0.50:0.05:0.95 and over classes with ground truth (pycocotools' bbox AP for area 'all', no crowd
 * boxes). Boxes are xyxy unless `format` is `'xywh'` or `'cxcywh'`.
 * @example
 * const result = await cocoMeanAveragePrecision(
 *   [{ boxes: [[0, 0, 10, 10]], scores: [0.9], labels: [0] }],
 *   [{ boxes: [[0, 0, 10, 9]], labels: [0] }],
 * ); // map50 ≈ 1, map ≈ 0.9 (IoU 0.9 matches at thresholds 0.5 … 0.9; precision carries COCO's +ε)
 */
export async function cocoMeanAveragePrecision(
  predictions: readonly DetectionPrediction[],
  targets: readonly DetectionTarget[],
  options: CocoOptions = {},
  ...extra: never[]
): Promise<CocoResult> {
  refuseExtraArguments('cocoMeanAveragePrecision', ['predictions', 'targets', 'options?'], extra);
  checkOptions('cocoMeanAveragePrecision', options, ['maxDetections', 'format']);
  checkDetectionOptionValues('cocoMeanAveragePrecision', options);
  const host = await readDetections('cocoMeanAveragePrecision', predictions, targets, options.format);
  return cocoMeanAveragePrecisionOnHost(host.predictions, host.targets, options);
}
