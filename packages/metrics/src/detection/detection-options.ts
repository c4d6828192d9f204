import { checkChoice } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import type { BoxFormat } from './boxes.js';

/** Every option the detection metrics share, as each may receive them. */
interface DetectionOptionValues {
  iouThreshold?: number;
  elevenPoint?: boolean;
  maxDetections?: number;
  format?: BoxFormat;
  style?: 'voc' | 'coco';
}

/**
 * Checks the values of the detection options that are present (names are checked by checkOptions).
 * Unchecked, `format: 'cxcywh'` read boxes as xyxy, `style: 'kitti'` gave the COCO result,
 * `elevenPoint: 'yes'` counted as true and `iouThreshold: 2` matched nothing, all without a word.
 */
export function checkDetectionOptionValues(name: string, options: DetectionOptionValues): void {
  const { iouThreshold, elevenPoint, maxDetections } = options;
  check(
    iouThreshold === undefined || (typeof iouThreshold === 'number' && iouThreshold >= 0 && iouThreshold <= 1),
    name,
    () => `iouThreshold must be a number in [0, 1], got ${String(iouThreshold)}`,
  );
  check(
    elevenPoint === undefined || typeof elevenPoint === 'boolean',
    name,
    () => `elevenPoint must be a boolean, got ${String(elevenPoint)}`,
  );
  check(
    maxDetections === undefined || (Number.isInteger(maxDetections) && maxDetections > 0),
    name,
    () => `maxDetections must be a positive integer, got ${String(maxDetections)}`,
  );
  if (options.format !== undefined) checkBoxFormat(name, options.format);
  if (options.style !== undefined) checkChoice(name, 'style', options.style, { voc: 'voc', coco: 'coco' });
}

/** The box formats torchvision's `box_convert` names. */
export function checkBoxFormat(name: string, format: unknown): BoxFormat {
  return checkChoice(name, 'format', format, { xyxy: 'xyxy', xywh: 'xywh', cxcywh: 'cxcywh' });
}
