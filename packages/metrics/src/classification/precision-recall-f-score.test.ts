import { describe, expect, it } from 'vitest';
import fixture from '../__fixtures__/classification.json';
import { expectClose } from '../__fixtures__/reference.js';
import { fBetaScore, f1Score, precision, recall } from './f-scores.js';
import { precisionRecallFScore, PrecisionRecallFScoreMetric, type Average } from './precision-recall-f-score.js';

describe('precisionRecallFScore matches scikit-learn precision_recall_fscore_support', () => {
  for (const testCase of fixture.labelCases) {
    it(testCase.name, async () => {
      for (const reference of testCase.prf) {
        const options = { average: reference.average as Average, beta: reference.beta, zeroDivision: reference.zeroDivision as 0 | 1 };
        const result = await precisionRecallFScore(testCase.target, testCase.prediction, options);
        const where = `${reference.average} zeroDivision=${reference.zeroDivision} beta=${reference.beta}`;
        expectClose(result.precision, reference.precision, 1e-12, 1e-15, `${where} precision`);
        expectClose(result.recall, reference.recall, 1e-12, 1e-15, `${where} recall`);
        expectClose(result.fScore, reference.fScore, 1e-12, 1e-15, `${where} fScore`);
        if (reference.support !== null) expect(result.support).toEqual(reference.support);
      }
    });
  }

  it('streams batch by batch to the same macro and weighted values', async () => {
    const testCase = fixture.labelCases.find((entry) => entry.name === 'multiclass')!;
    for (const average of ['macro', 'weighted', 'micro'] as const) {
      const metric = new PrecisionRecallFScoreMetric({ average, beta: 2 });
      for (let start = 0; start < testCase.target.length; start += 7)
        await metric.update(testCase.target.slice(start, start + 7), testCase.prediction.slice(start, start + 7));
      const reference = testCase.prf.find((entry) => entry.average === average && entry.beta === 2 && entry.zeroDivision === 0)!;
      expectClose(metric.compute().fScore, reference.fScore, 1e-12);
      metric.reset();
      await metric.update([0, 1], [0, 1]);
      expect(metric.compute().fScore).toBe(1);
    }
  });

  it('has precision, recall, f1Score and fBetaScore shortcuts', async () => {
    const testCase = fixture.labelCases.find((entry) => entry.name === 'binary')!;
    const reference = (beta: number) =>
      testCase.prf.find((entry) => entry.average === 'binary' && entry.beta === beta && entry.zeroDivision === 0)!;
    expectClose(await precision(testCase.target, testCase.prediction), reference(1).precision);
    expectClose(await recall(testCase.target, testCase.prediction), reference(1).recall);
    expectClose(await f1Score(testCase.target, testCase.prediction), reference(1).fScore);
    expectClose(await fBetaScore(testCase.target, testCase.prediction, 0.5), reference(0.5).fScore);
  });

  it('reduces scores [n, classes] with argmax', async () => {
    const result = await precisionRecallFScore(
      [0, 1, 1],
      [
        [0.9, 0.1],
        [0.2, 0.8],
        [0.7, 0.3],
      ],
    );
    // predictions [0, 1, 0]: tp 1, fp 0, fn 1 → P = 1, R = 0.5, F1 = 2/3
    expect(result.precision).toBe(1);
    expect(result.recall).toBe(0.5);
    expectClose(result.fScore, 2 / 3);
  });

  it('rejects bad input with the metric name', async () => {
    await expect(precisionRecallFScore([0, 1], [0])).rejects.toThrow(/^precisionRecallFScore: target has 2 values but prediction has 1/);
    await expect(precisionRecallFScore([0, 1, 2], [0, 1, 2])).rejects.toThrow(
      /precisionRecallFScore: average 'binary' needs at most two labels/,
    );
    await expect(precisionRecallFScore([0, -1], [0, 1], { average: 'macro' })).rejects.toThrow(
      /target\[1\] = -1 is not a non-negative integer/,
    );
    await expect(precisionRecallFScore([0, 3], [0, 1], { average: 'macro', numClasses: 3 })).rejects.toThrow(/out of range for 3 classes/);
    await expect(precisionRecallFScore([0, 1.5], [0, 1], { average: 'macro' })).rejects.toThrow(/precisionRecallFScore/);
  });
});
