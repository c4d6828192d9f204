import { checkOptions } from '@dl/tensor';
import type { StreamingMetric } from '../streaming-metric.js';
import { cocoMeanAveragePrecisionOnHost, type CocoOptions, type CocoResult } from './coco-mean-average-precision.js';
import { checkDetectionOptionValues } from './detection-options.js';
import { readDetections, type DetectionPrediction, type DetectionTarget, type HostDetections } from './detections.js';
import { vocMeanAveragePrecisionOnHost, type MeanAveragePrecisionResult, type VocOptions } from './voc-mean-average-precision.js';
import { refuseExtraArguments } from '../input/extra-arguments.js';

/**
 * Streaming detection mAP: per-image boxes are copied to the host each batch; `compute()` gives
 * the VOC result (`style: 'voc'`) or the COCO one (`style: 'coco'`, default).
 * @example
 * const map = new MeanAveragePrecision({ style: 'coco' });
 * await map.update([{ boxes: [[0, 0, 10, 10]], scores: [0.9], labels: [0] }], [{ boxes: [[0, 0, 10, 10]], labels: [0] }]);
 * map.compute().map; // 1
 */
export class MeanAveragePrecision<Style extends 'voc' | 'coco' = 'coco'>
  implements
    StreamingMetric<
      [readonly DetectionPrediction[], readonly DetectionTarget[]],
      Style extends 'voc' ? MeanAveragePrecisionResult : CocoResult
    >
{
  private predictions: HostDetections[] = [];
  private targets: HostDetections[] = [];
  constructor(
    private readonly options: VocOptions & CocoOptions & { style?: Style } = {},
    ...extra: never[]
  ) {
    refuseExtraArguments('MeanAveragePrecision', ['options?'], extra);
    checkOptions('MeanAveragePrecision', options, ['iouThreshold', 'elevenPoint', 'format', 'maxDetections', 'style']);
    checkDetectionOptionValues('MeanAveragePrecision', options);
  }
  async update(predictions: readonly DetectionPrediction[], targets: readonly DetectionTarget[], ...extra: never[]): Promise<void> {
    refuseExtraArguments('MeanAveragePrecision.update', ['predictions', 'targets'], extra);
    const host = await readDetections('MeanAveragePrecision', predictions, targets, this.options.format);
    this.predictions.push(...host.predictions);
    this.targets.push(...host.targets);
  }
  compute(...extra: never[]): Style extends 'voc' ? MeanAveragePrecisionResult : CocoResult {
    refuseExtraArguments('MeanAveragePrecision.compute', [], extra);
    const result =
      this.options.style === 'voc'
        ? vocMeanAveragePrecisionOnHost(this.predictions, this.targets, this.options)
        : cocoMeanAveragePrecisionOnHost(this.predictions, this.targets, this.options);
    return result as Style extends 'voc' ? MeanAveragePrecisionResult : CocoResult;
  }
  reset(...extra: never[]): void {
    refuseExtraArguments('MeanAveragePrecision.reset', [], extra);
    this.predictions = [];
    this.targets = [];
  }
}
