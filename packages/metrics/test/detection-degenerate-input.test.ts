// Zero-area boxes in COCO mAP and NaN scores in non-maximum suppression.
import { describe, expect, it } from 'vitest';
import { boxIou, cocoMeanAveragePrecision, MetricInputError, nonMaximumSuppression, vocMeanAveragePrecision } from '../src/index.js';

describe('cocoMeanAveragePrecision with zero-area boxes, as pycocotools', () => {
  // pycocotools' bbIou (common/maskApi.c) sets o = 0, then `if (w <= 0) continue; if (h <= 0) continue;`
  // before dividing: boxes that do not overlap with positive width and height have IoU 0, and a
  // zero-area box has no positive width or height, so it matches nothing at any threshold (≥ 0.5).
  // The IoU was 0/0 = NaN here, and NaN passed the `iou < bestIou` test: a match.
  const zeroAreaResult = { map: 0, map50: 0, map75: 0, perClass: { 0: 0 } };

  it('two zero-area boxes far apart do not match', async () => {
    const predictions = [{ boxes: [[50, 50, 50, 50]], scores: [0.9], labels: [0] }];
    expect(await cocoMeanAveragePrecision(predictions, [{ boxes: [[0, 0, 0, 0]], labels: [0] }])).toEqual(zeroAreaResult);
  });

  it('nor do two identical zero-area boxes (bbIou: w = 0)', async () => {
    const predictions = [{ boxes: [[5, 5, 5, 10]], scores: [0.9], labels: [0] }];
    expect(await cocoMeanAveragePrecision(predictions, [{ boxes: [[5, 5, 5, 10]], labels: [0] }])).toEqual(zeroAreaResult);
  });

  it('a zero-area detection ranked first is a false positive beside a true one', async () => {
    const predictions = [
      {
        boxes: [
          [30, 30, 30, 30],
          [10, 10, 20, 20],
        ],
        scores: [0.9, 0.8],
        labels: [0, 0],
      },
    ];
    const targets = [
      {
        boxes: [
          [0, 0, 0, 0],
          [10, 10, 20, 20],
        ],
        labels: [0, 0],
      },
    ];
    // At every IoU threshold: false positive, then true positive, so recall 0.5 at precision 1/2 (plus
    // COCO's ε): q(r) = 1/2 at the 51 recall points 0, 0.01, …, 0.5 of 101, 0 beyond. AP = 51/101 · 1/2.
    const ap = 51 / 101 / 2;
    const result = await cocoMeanAveragePrecision(predictions, targets);
    for (const value of [result.map, result.map50, result.map75, result.perClass[0]]) expect(value).toBeCloseTo(ap, 12);
    // VOC (all-point): recall 0 then 0.5 at precision 0 then 1/2, AP = 0.5 · 1/2.
    expect((await vocMeanAveragePrecision(predictions, targets)).map).toBeCloseTo(0.25, 12);
  });

  it('boxIou keeps torchvision’s box_iou value for two zero-area boxes: 0/0 = NaN', async () => {
    expect(await boxIou([[50, 50, 50, 50]], [[0, 0, 0, 0]])).toEqual([[NaN]]);
  });
});

describe('nonMaximumSuppression refuses NaN scores', () => {
  const boxes = [
    [0, 0, 4, 1],
    [0, 0, 3, 1],
    [0, 0, 2, 1],
  ];

  it('names the function and the index', async () => {
    // torchvision's nms ranks NaN first (it keeps [1] here); the order was arbitrary here.
    await expect(nonMaximumSuppression(boxes, [0.5, NaN, 0.7])).rejects.toThrow(MetricInputError);
    await expect(nonMaximumSuppression(boxes, [0.5, NaN, 0.7])).rejects.toThrow(/^nonMaximumSuppression: scores\[1\] is NaN$/);
  });

  it('still ranks infinite scores (torchvision: keep [1])', async () => {
    expect(await nonMaximumSuppression(boxes, [-Infinity, Infinity, 0.7])).toEqual([1]);
  });
});

describe('mean average precision refuses NaN scores', () => {
  // a NaN has no place in the ranking by score: the sort put it anywhere, so AP depended on the engine's sort
  const targets = [{ boxes: [[0, 0, 2, 2]], labels: [0] }];
  const predictions = [
    {
      boxes: [
        [0, 0, 2, 2],
        [5, 5, 6, 6],
      ],
      scores: [NaN, 0.5],
      labels: [0, 0],
    },
  ];

  it('COCO and VOC name the image and the index', async () => {
    await expect(cocoMeanAveragePrecision(predictions, targets)).rejects.toThrow(/^cocoMeanAveragePrecision: .*scores\[0\] is NaN$/);
    await expect(vocMeanAveragePrecision(predictions, targets)).rejects.toThrow(/^vocMeanAveragePrecision: .*scores\[0\] is NaN$/);
  });
});
