import { describe, expect, it } from 'vitest';
import fixture from '../__fixtures__/detection.json';
import { expectClose } from '../__fixtures__/reference.js';
import { boxIou } from './box-iou.js';
import { cocoMeanAveragePrecision } from './coco-mean-average-precision.js';
import { MeanAveragePrecision } from './mean-average-precision-metric.js';
import { nonMaximumSuppression } from './non-maximum-suppression.js';
import { vocMeanAveragePrecision } from './voc-mean-average-precision.js';

describe('box IoU and NMS match the numpy references of torchvision semantics', () => {
  it('boxIou in xyxy and xywh', async () => {
    expectClose(await boxIou(fixture.iou.boxes, fixture.iou.others), fixture.iou.iou, 1e-12);
    expectClose(await boxIou(fixture.iou.boxesXywh, fixture.iou.othersXywh, { format: 'xywh' }), fixture.iou.iou, 1e-9);
  });

  it('nonMaximumSuppression, plain and per class', async () => {
    const { boxes, scores, classes } = fixture.nms;
    for (const { threshold, keep, batchedKeep } of fixture.nms.results) {
      expect(await nonMaximumSuppression(boxes, scores, { iouThreshold: threshold })).toEqual(keep);
      expect(await nonMaximumSuppression(boxes, scores, { iouThreshold: threshold, classes })).toEqual(batchedKeep);
    }
    expect(await nonMaximumSuppression([], [])).toEqual([]);
  });

  it('rejects malformed boxes', async () => {
    await expect(boxIou([[0, 0, 1]], [[0, 0, 1, 1]])).rejects.toThrow(/^boxIou: boxes must be \[n, 4\]/);
    await expect(boxIou([[2, 0, 1, 1]], [[0, 0, 1, 1]])).rejects.toThrow(/^boxIou: boxes\[0\] has x2 < x1/);
    await expect(nonMaximumSuppression([[0, 0, 1, 1]], [0.5, 0.4])).rejects.toThrow(/^nonMaximumSuppression: 1 boxes but 2 scores/);
  });
});

describe('mean average precision matches the VOC and COCO references', () => {
  for (const testCase of fixture.map) {
    it(testCase.name, async () => {
      const voc = await vocMeanAveragePrecision(testCase.predictions, testCase.targets);
      expectClose(voc, testCase.voc, 1e-12);
      if (testCase.voc11)
        expectClose(await vocMeanAveragePrecision(testCase.predictions, testCase.targets, { elevenPoint: true }), testCase.voc11, 1e-12);
      expectClose(await cocoMeanAveragePrecision(testCase.predictions, testCase.targets), testCase.coco, 1e-12);
    });
  }

  it('streams image batches', async () => {
    const testCase = fixture.map[1]!;
    const coco = new MeanAveragePrecision();
    const voc = new MeanAveragePrecision({ style: 'voc' });
    for (let start = 0; start < testCase.targets.length; start += 4) {
      const [predictions, targets] = [testCase.predictions.slice(start, start + 4), testCase.targets.slice(start, start + 4)];
      await coco.update(predictions, targets);
      await voc.update(predictions, targets);
    }
    expectClose(coco.compute(), testCase.coco, 1e-12);
    expectClose(voc.compute(), testCase.voc, 1e-12);
  });

  it('rejects mismatched images and labels', async () => {
    await expect(cocoMeanAveragePrecision([], [{ boxes: [], labels: [] }])).rejects.toThrow(
      /^cocoMeanAveragePrecision: 0 prediction images but 1 target images/,
    );
    await expect(
      vocMeanAveragePrecision([{ boxes: [[0, 0, 1, 1]], scores: [1], labels: [] }], [{ boxes: [], labels: [] }]),
    ).rejects.toThrow(/^vocMeanAveragePrecision: predictions\[0\] has 1 boxes but 0 labels/);
  });
});
