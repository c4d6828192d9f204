import { describe, expect, it } from 'vitest';
import { tensor } from '@dl/tensor';
import fixture from '../__fixtures__/regression.json';
import { expectClose } from '../__fixtures__/reference.js';
import * as regression from './regression-metrics.js';
import { RegressionMetric, type RegressionFunction, type RegressionMetricName } from './regression-metrics.js';

const names: RegressionMetricName[] = [
  'meanSquaredError',
  'rootMeanSquaredError',
  'meanAbsoluteError',
  'meanAbsolutePercentageError',
  'r2Score',
  'explainedVariance',
];

describe('regression metrics match scikit-learn', () => {
  for (const testCase of fixture.cases) {
    it(testCase.name, async () => {
      for (const name of names)
        expectClose(
          await (regression[name] as RegressionFunction<object>)(testCase.target, testCase.prediction),
          testCase[name],
          1e-10,
          1e-13,
          name,
        );
    });
  }

  it('stream over uneven batches to the whole-set value', async () => {
    for (const testCase of fixture.cases.filter((entry) => entry.target.length > 10)) {
      for (const name of names) {
        const metric = new RegressionMetric(name);
        for (const [start, end] of [
          [0, 3],
          [3, 4],
          [4, 17],
          [17, testCase.target.length],
        ])
          await metric.update(testCase.target.slice(start, end), testCase.prediction.slice(start, end));
        expectClose(metric.compute(), testCase[name], 1e-10, 1e-13, `${testCase.name} ${name}`);
      }
    }
  });

  it('reads float32 tensors', async () => {
    // [3, -0.5, 2, 7] vs [2.5, 0, 2, 8]: squared errors 0.25 + 0.25 + 0 + 1 → MSE 0.375 (exact in float32)
    expect(await regression.meanSquaredError(tensor([3, -0.5, 2, 7]), tensor([2.5, 0, 2, 8]))).toBe(0.375);
  });

  it('rejects mismatched shapes and empty input, naming the metric', async () => {
    await expect(regression.r2Score([1, 2, 3], [1, 2])).rejects.toThrow(/^r2Score: target shape \[3\] differs from prediction shape \[2\]/);
    await expect(regression.meanSquaredError([], [])).rejects.toThrow(/^meanSquaredError: needs at least one sample/);
    const metric = new RegressionMetric('meanAbsoluteError');
    expect(() => metric.compute()).toThrow(/^meanAbsoluteError: needs at least one sample/);
  });
});
