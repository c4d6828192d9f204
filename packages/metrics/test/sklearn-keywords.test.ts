// scikit-learn's keywords that the metrics once ignored (a third argument was dropped: mean_squared_error's
// squared=False gave the MSE, balanced_accuracy_score's adjusted the unadjusted score) or refused (the
// regression metrics' multioutput, accuracy_score's normalize), against scikit-learn 1.2
// (tools/fixtures/metrics_keywords_reference.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  Accuracy,
  BalancedAccuracy,
  accuracy,
  balancedAccuracy,
  explainedVariance,
  matthewsCorrelation,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  precisionRecallCurve,
  r2Score,
  RegressionMetric,
  type RegressionFunction,
  type RegressionOptions,
} from '../src/index.js';

interface RegressionCase {
  rawValues: number[];
  uniformAverage: number;
  weights: number;
  varianceWeighted?: number;
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/sklearn-keywords.json', import.meta.url), 'utf8')) as {
  regression: {
    target: number[][];
    prediction: number[][];
    weights: number[];
    cases: Record<string, RegressionCase>;
    rootMeanSquaredError: { uniformAverage: number; rawValues: number[] };
    constantOutput: { target: number[][]; prediction: number[][]; r2VarianceWeighted: number };
  };
  classification: {
    target: number[];
    prediction: number[];
    balancedAccuracy: number;
    balancedAccuracyAdjusted: number;
    accuracyCount: number;
    scores: number[][];
    topTwoCount: number;
  };
};
const { regression, classification } = fixture;
const close = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(expected)));

const functions: Record<string, RegressionFunction<RegressionOptions>> = {
  meanSquaredError,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  r2Score,
  explainedVariance,
};

describe("the regression metrics' multioutput against scikit-learn", () => {
  for (const [name, expected] of Object.entries(regression.cases))
    it(name, async () => {
      const metric = functions[name]!;
      const { target, prediction, weights } = regression;
      const raw = await metric(target, prediction, { multioutput: 'rawValues' });
      expect(raw).toHaveLength(3);
      raw.forEach((value, index) => close(value, expected.rawValues[index]!));
      close(await metric(target, prediction), expected.uniformAverage);
      close(await metric(target, prediction, { multioutput: weights }), expected.weights);
      if (expected.varianceWeighted !== undefined)
        close(await metric(target, prediction, { multioutput: 'varianceWeighted' }), expected.varianceWeighted);
      else
        await expect(metric(target, prediction, { multioutput: 'varianceWeighted' })).rejects.toThrow(
          'applies to r2Score and explainedVariance only',
        );
    });

  it("meanSquaredError's squared: false is the root (it returned the MSE)", async () => {
    const { target, prediction } = regression;
    close(await meanSquaredError(target, prediction, { squared: false }), regression.rootMeanSquaredError.uniformAverage);
    const raw = await meanSquaredError(target, prediction, { squared: false, multioutput: 'raw_values' as 'rawValues' });
    raw.forEach((value, index) => close(value, regression.rootMeanSquaredError.rawValues[index]!));
  });

  it("'varianceWeighted' gives a constant output no weight, as scikit-learn", async () => {
    const { target, prediction, r2VarianceWeighted } = regression.constantOutput;
    close(await r2Score(target, prediction, { multioutput: 'varianceWeighted' }), r2VarianceWeighted);
  });

  it('the streaming metric takes the same option', async () => {
    const metric = new RegressionMetric('r2Score', { multioutput: 'rawValues' });
    await metric.update(regression.target.slice(0, 15), regression.prediction.slice(0, 15));
    await metric.update(regression.target.slice(15), regression.prediction.slice(15));
    (metric.compute() as number[]).forEach((value, index) => close(value, regression.cases.r2Score!.rawValues[index]!));
  });

  it('an unknown option or value throws, naming the metric', async () => {
    const { target, prediction } = regression;
    await expect(r2Score(target, prediction, { sample_weight: [1] } as never)).rejects.toThrow('r2Score: unknown option `sample_weight`');
    await expect(meanAbsoluteError(target, prediction, { squared: false } as never)).rejects.toThrow(
      'meanAbsoluteError: unknown option `squared`',
    );
    await expect(r2Score(target, prediction, { multioutput: 'mean' as never })).rejects.toThrow("r2Score: invalid multioutput 'mean'");
    await expect(r2Score(target, prediction, { multioutput: [1, 2] })).rejects.toThrow('multioutput has 2 weights for 3 outputs');
  });
});

describe("the classification metrics' keywords against scikit-learn", () => {
  const { target, prediction } = classification;

  it("balancedAccuracy's adjusted (it was ignored)", async () => {
    close(await balancedAccuracy(target, prediction), classification.balancedAccuracy);
    close(await balancedAccuracy(target, prediction, { adjusted: true }), classification.balancedAccuracyAdjusted);
    const streaming = new BalancedAccuracy({ adjusted: true });
    await streaming.update(target.slice(0, 4), prediction.slice(0, 4));
    await streaming.update(target.slice(4), prediction.slice(4));
    close(streaming.compute(), classification.balancedAccuracyAdjusted);
  });

  it("accuracy's normalize: false counts the correct samples, top-k too", async () => {
    expect(await accuracy(target, prediction, { normalize: false })).toBe(classification.accuracyCount);
    expect(await accuracy(target, classification.scores, { topK: 2, normalize: false })).toBe(classification.topTwoCount);
    const streaming = new Accuracy({ normalize: false });
    await streaming.update(target.slice(0, 3), prediction.slice(0, 3));
    await streaming.update(target.slice(3), prediction.slice(3));
    expect(streaming.compute()).toBe(classification.accuracyCount);
  });

  it('metrics without keywords refuse one instead of ignoring it', async () => {
    await expect(matthewsCorrelation(target, prediction, { sample_weight: [1] } as never)).rejects.toThrow(
      'matthewsCorrelation: unknown option `sample_weight` (did you mean `sampleWeight`?)',
    );
    await expect(precisionRecallCurve([0, 1, 1], [0.2, 0.6, 0.9], { posLabel: 0 } as never)).rejects.toThrow(
      'precisionRecallCurve: unknown option `posLabel`',
    );
    await expect(balancedAccuracy(target, prediction, { adjust: true } as never)).rejects.toThrow(
      'balancedAccuracy: unknown option `adjust`',
    );
  });
});
