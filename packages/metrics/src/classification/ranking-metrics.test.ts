import { describe, expect, it } from 'vitest';
import fixture from '../__fixtures__/classification.json';
import { expectClose } from '../__fixtures__/reference.js';
import { averagePrecision, AveragePrecision } from './average-precision.js';
import { logLoss, LogLoss } from './log-loss.js';
import { precisionRecallCurve } from './precision-recall-curve.js';
import { rocAuc, RocAuc } from './roc-auc.js';
import { rocCurve } from './roc-curve.js';

describe('binary ranking metrics match scikit-learn', () => {
  for (const testCase of fixture.binaryScores) {
    it(testCase.name, async () => {
      const { target, scores } = testCase;
      expectClose(await rocCurve(target, scores), testCase.roc, 1e-12);
      expectClose(await rocCurve(target, scores, { dropIntermediate: false }), testCase.rocAll, 1e-12);
      if (typeof testCase.rocAuc === 'number') expectClose(await rocAuc(target, scores), testCase.rocAuc, 1e-12);
      else await expect(rocAuc(target, scores)).rejects.toThrow(/^rocAuc: only one class present in target/);
      expectClose(await precisionRecallCurve(target, scores), testCase.precisionRecall, 1e-12);
      expectClose(await averagePrecision(target, scores), testCase.averagePrecision, 1e-12);
      expectClose(await logLoss(target, scores), testCase.logLoss, 1e-12);
    });
  }
});

describe('multiclass ranking metrics match scikit-learn', () => {
  for (const testCase of fixture.multiclassScores) {
    it(testCase.name, async () => {
      const { target, probabilities } = testCase;
      expectClose(await rocAuc(target, probabilities), testCase.rocAucMacro, 1e-12);
      expectClose(await rocAuc(target, probabilities, { average: 'weighted' }), testCase.rocAucWeighted, 1e-12);
      for (const average of ['macro', 'weighted', 'micro'] as const)
        expectClose(await averagePrecision(target, probabilities, { average }), testCase.averagePrecision[average], 1e-12);
      expectClose(await logLoss(target, probabilities), testCase.logLoss, 1e-12);
    });
  }

  it('streams to the same values', async () => {
    const { target, probabilities, rocAucWeighted, logLoss: loss, averagePrecision: ap } = fixture.multiclassScores[0]!;
    const metrics = { auc: new RocAuc({ average: 'weighted' }), ap: new AveragePrecision(), loss: new LogLoss() };
    for (let start = 0; start < target.length; start += 13)
      for (const metric of Object.values(metrics))
        await metric.update(target.slice(start, start + 13), probabilities.slice(start, start + 13));
    expectClose(metrics.auc.compute(), rocAucWeighted, 1e-12);
    expectClose(metrics.ap.compute(), ap.macro, 1e-12);
    expectClose(metrics.loss.compute(), loss, 1e-12);
  });

  it('rejects probabilities that do not sum to one, and labels out of range', async () => {
    await expect(
      rocAuc(
        [0, 1, 2],
        [
          [0.5, 0.3, 0.3],
          [0.2, 0.5, 0.3],
          [0.1, 0.2, 0.7],
        ],
      ),
    ).rejects.toThrow(/^rocAuc: probabilities of row 0 sum to 1.1/);
    await expect(
      logLoss(
        [0, 1],
        [
          [0.5, 0.6],
          [0.5, 0.5],
        ],
      ),
    ).rejects.toThrow(/^logLoss: probabilities of row 0 sum to 1.1/);
    await expect(
      logLoss(
        [0, 2],
        [
          [0.5, 0.5],
          [0.5, 0.5],
        ],
      ),
    ).rejects.toThrow(/^logLoss: target\[1\] = 2 is out of range for 2 classes/);
    await expect(rocCurve([0, 2], [0.1, 0.2])).rejects.toThrow(/^rocCurve: target\[1\] = 2 is not a binary label/);
    await expect(averagePrecision([0, 1], [0.1])).rejects.toThrow(/^averagePrecision: target has 2 values but scores has 1/);
    await expect(rocCurve([], [])).rejects.toThrow(/^rocCurve: needs at least one sample/);
  });
});
