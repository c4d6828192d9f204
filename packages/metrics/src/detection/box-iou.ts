import { checkOptions } from '@dl/tensor';
import type { MetricInput } from '../input/read-input.js';
import { pairIou, readBoxes, type BoxFormat } from './boxes.js';
import { refuseExtraArguments } from '../input/extra-arguments.js';

/**
 * Pairwise IoU `[n, m]` of two box sets `[n, 4]` and `[m, 4]` (torchvision's `box_iou`); `format`
 * `'xywh'` reads COCO-style boxes, `'cxcywh'` centers and sizes.
 * @example
 * await boxIou([[0, 0, 2, 2]], [[1, 1, 3, 3], [0, 0, 2, 2]]); // [[0.142857…, 1]]
 */
export async function boxIou(
  boxes: MetricInput,
  otherBoxes: MetricInput,
  options: { format?: BoxFormat } = {},
  ...extra: never[]
): Promise<number[][]> {
  refuseExtraArguments('boxIou', ['boxes', 'otherBoxes', 'options?'], extra);
  checkOptions('boxIou', options, ['format']);
  const left = await readBoxes(boxes, 'boxIou', options.format, 'boxes');
  const right = await readBoxes(otherBoxes, 'boxIou', options.format, 'otherBoxes');
  return Array.from({ length: left.count }, (_, row) =>
    Array.from({ length: right.count }, (_, column) => pairIou(left.corners, row, right.corners, column)),
  );
}
