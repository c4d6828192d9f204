import { check } from '../input/metric-error.js';
import { readInput, type MetricInput } from '../input/read-input.js';
import { checkBoxFormat } from './detection-options.js';

/** `'xyxy'`: corners (x1, y1, x2, y2); `'xywh'`: top-left corner, width and height (COCO); `'cxcywh'`: center, width and height. */
export type BoxFormat = 'xyxy' | 'xywh' | 'cxcywh';

/** Boxes as corner rows [x1, y1, x2, y2] in one float64 array. */
export interface Boxes {
  readonly corners: Float64Array;
  readonly count: number;
}

/** Reads boxes `[n, 4]` (an empty array is zero boxes) and converts them to corners. */
export async function readBoxes(input: MetricInput, metric: string, format: BoxFormat = 'xyxy', name = 'boxes'): Promise<Boxes> {
  const { values, shape } = await readInput(input, metric, name);
  const isEmpty = values.length === 0 && (shape.length === 1 || (shape.length === 2 && (shape[1] === 4 || shape[0] === 0)));
  check(isEmpty || (shape.length === 2 && shape[1] === 4), metric, `${name} must be [n, 4], got shape [${shape.join(', ')}]`);
  const corners = Float64Array.from(values);
  // Any other format string used to be read as xyxy.
  const checkedFormat = checkBoxFormat(metric, format);
  if (checkedFormat === 'xywh')
    for (let box = 0; box < corners.length; box += 4) {
      corners[box + 2]! += corners[box]!;
      corners[box + 3]! += corners[box + 1]!;
    }
  if (checkedFormat === 'cxcywh')
    // (cx, cy, w, h) → (cx − w/2, cy − h/2, cx + w/2, cy + h/2)
    for (let box = 0; box < corners.length; box += 4) {
      const [centerX, centerY, width, height] = [corners[box]!, corners[box + 1]!, corners[box + 2]!, corners[box + 3]!];
      corners.set([centerX - width / 2, centerY - height / 2, centerX + width / 2, centerY + height / 2], box);
    }
  for (let box = 0; box < corners.length; box += 4)
    check(
      corners[box + 2]! >= corners[box]! && corners[box + 3]! >= corners[box + 1]!,
      metric,
      `${name}[${box / 4}] has x2 < x1 or y2 < y1`,
    );
  return { corners, count: corners.length / 4 };
}

// area = (x2 − x1)(y2 − y1)
export function boxArea(corners: Float64Array, box: number): number {
  return (corners[box * 4 + 2]! - corners[box * 4]!) * (corners[box * 4 + 3]! - corners[box * 4 + 1]!);
}

/** IoU = |A ∩ B| / (|A| + |B| − |A ∩ B|), the intersection clamped at zero width/height (torchvision's box_iou). */
export function pairIou(left: Float64Array, leftBox: number, right: Float64Array, rightBox: number): number {
  const width = Math.min(left[leftBox * 4 + 2]!, right[rightBox * 4 + 2]!) - Math.max(left[leftBox * 4]!, right[rightBox * 4]!);
  const height = Math.min(left[leftBox * 4 + 3]!, right[rightBox * 4 + 3]!) - Math.max(left[leftBox * 4 + 1]!, right[rightBox * 4 + 1]!);
  const intersection = Math.max(width, 0) * Math.max(height, 0);
  return intersection / (boxArea(left, leftBox) + boxArea(right, rightBox) - intersection);
}
