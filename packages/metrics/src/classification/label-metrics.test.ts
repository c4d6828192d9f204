import { describe, expect, it } from 'vitest';
import { tensor } from '@dl/tensor';
import fixture from '../__fixtures__/classification.json';
import { expectClose } from '../__fixtures__/reference.js';
import { accuracy, Accuracy } from './accuracy.js';
import { balancedAccuracy, BalancedAccuracy } from './balanced-accuracy.js';
import { confusionMatrix, ConfusionMatrix } from './confusion-matrix.js';
import { matthewsCorrelation, MatthewsCorrelation } from './matthews-correlation.js';

describe('label metrics match scikit-learn', () => {
  for (const testCase of fixture.labelCases) {
    it(testCase.name, async () => {
      const { target, prediction } = testCase;
      expect(await confusionMatrix(target, prediction)).toEqual(testCase.confusionMatrix);
      for (const normalize of ['true', 'pred', 'all'] as const)
        expectClose(await confusionMatrix(target, prediction, { normalize }), testCase.confusionMatrixNormalized[normalize], 1e-12);
      expectClose(await accuracy(target, prediction), testCase.accuracy, 1e-12);
      expectClose(await balancedAccuracy(target, prediction), testCase.balancedAccuracy, 1e-12);
      expectClose(await matthewsCorrelation(target, prediction), testCase.matthews, 1e-12);
    });
  }

  it('streams over batches, and resets', async () => {
    const { target, prediction, ...reference } = fixture.labelCases.find((entry) => entry.name === 'multiclass')!;
    const metrics = [new Accuracy(), new BalancedAccuracy(), new MatthewsCorrelation(), new ConfusionMatrix()] as const;
    for (let start = 0; start < target.length; start += 16)
      for (const metric of metrics) await metric.update(target.slice(start, start + 16), prediction.slice(start, start + 16));
    expectClose(metrics[0].compute(), reference.accuracy, 1e-12);
    expectClose(metrics[1].compute(), reference.balancedAccuracy, 1e-12);
    expectClose(metrics[2].compute(), reference.matthews, 1e-12);
    expect(metrics[3].compute()).toEqual(reference.confusionMatrix);
    metrics[0].reset();
    await metrics[0].update([1], [0]);
    expect(metrics[0].compute()).toBe(0);
  });

  it('reads tensors (labels and logits)', async () => {
    const target = tensor([0, 1, 2, 1], { dtype: 'int32' });
    const logits = tensor([
      [2, 1, 0],
      [0, 3, 1],
      [0, 0, 1],
      [5, 1, 1],
    ]);
    expect(await accuracy(target, logits)).toBe(0.75);
    expect(await confusionMatrix(target, logits, { numClasses: 3 })).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [0, 0, 1],
    ]);
  });

  it('top-k accuracy matches top_k_accuracy_score, ties included', async () => {
    for (const testCase of fixture.multiclassScores)
      for (const [k, value] of Object.entries(testCase.topK))
        expectClose(await accuracy(testCase.target, testCase.probabilities, { topK: Number(k) }), value, 1e-12);
    for (const [k, value] of Object.entries(fixture.topKTies.topK))
      expectClose(await accuracy(fixture.topKTies.target, fixture.topKTies.scores, { topK: Number(k) }), value, 1e-12);
  });

  it('empty input gives NaN accuracy (scikit-learn: mean of nothing)', async () => {
    expect(await accuracy([], [])).toBeNaN();
  });

  it('names the metric on bad input', async () => {
    await expect(accuracy([0, 1], [0, 1, 1])).rejects.toThrow(/^accuracy: target has 2 values but prediction has 3/);
    await expect(
      accuracy(
        [0, 4],
        [
          [0.5, 0.5],
          [0.5, 0.5],
        ],
        { topK: 1 },
      ),
    ).rejects.toThrow(/^accuracy: target\[1\] = 4 is out of range for 2 classes/);
    await expect(accuracy([0, 1], [0, 1], { topK: 2 })).rejects.toThrow(/^accuracy: topK > 1 needs scores/);
    await expect(confusionMatrix([0, 1], [0, 5], { numClasses: 3 })).rejects.toThrow(
      /^confusionMatrix: prediction\[1\] = 5 is out of range/,
    );
    await expect(matthewsCorrelation([[0, 1]], [0, 1])).rejects.toThrow(/^matthewsCorrelation: target must be a vector/);
  });
});
