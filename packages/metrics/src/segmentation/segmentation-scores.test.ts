import { describe, expect, it } from 'vitest';
import { tensor } from '@dl/tensor';
import fixture from '../__fixtures__/segmentation.json';
import { expectClose } from '../__fixtures__/reference.js';
import { SegmentationMetric, segmentationScores } from './segmentation-scores.js';

describe('segmentationScores matches scikit-learn confusion/jaccard/F1', () => {
  for (const testCase of fixture.cases) {
    it(testCase.name, async () => {
      const options = { numClasses: testCase.numClasses, ignoreIndex: testCase.ignoreIndex ?? undefined };
      const { target, prediction, name, numClasses, ignoreIndex, ...reference } = testCase;
      expectClose(await segmentationScores(target, prediction, options), reference, 1e-12);
    });
  }

  it('streams per image, from tensors', async () => {
    const testCase = fixture.cases[0]!;
    const metric = new SegmentationMetric({ numClasses: testCase.numClasses, ignoreIndex: 255 });
    for (let image = 0; image < testCase.target.length; image++)
      await metric.update(tensor([testCase.target[image]!], { dtype: 'int32' }), tensor([testCase.prediction[image]!], { dtype: 'int32' }));
    expectClose(metric.compute().meanIou, testCase.meanIou, 1e-12);
  });

  it('perfect prediction scores 1', async () => {
    const scores = await segmentationScores(
      [
        [0, 1],
        [2, 2],
      ],
      [
        [0, 1],
        [2, 2],
      ],
      { numClasses: 3 },
    );
    expect(scores).toEqual({ iou: [1, 1, 1], meanIou: 1, dice: [1, 1, 1], meanDice: 1, pixelAccuracy: 1 });
  });

  it('rejects labels out of range and shape mismatches', async () => {
    await expect(segmentationScores([0, 3], [0, 1], { numClasses: 3 })).rejects.toThrow(
      /^segmentationScores: target label 3 is out of range for 3 classes/,
    );
    await expect(segmentationScores([0, 1], [0, 1, 1], { numClasses: 3 })).rejects.toThrow(
      /^segmentationScores: target shape \[2\] does not match/,
    );
  });
});
