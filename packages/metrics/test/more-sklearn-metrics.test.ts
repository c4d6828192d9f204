// The scikit-learn 1.2 metrics @dl/metrics added after its first release: cohen_kappa_score, jaccard_score,
// hamming_loss, mean_squared_log_error, median_absolute_error, max_error, mean_pinball_loss, the Tweedie,
// Poisson and Gamma deviances and the D² scores, each against scikit-learn's values and errors
// (tools/fixtures/metrics_more_sklearn_reference.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BufferedRegressionMetric,
  CohenKappaScore,
  HammingLoss,
  JaccardScore,
  cohenKappaScore,
  d2AbsoluteErrorScore,
  d2PinballScore,
  d2TweedieScore,
  hammingLoss,
  jaccardScore,
  maxError,
  meanGammaDeviance,
  meanPinballLoss,
  meanPoissonDeviance,
  meanSquaredLogError,
  meanTweedieDeviance,
  medianAbsoluteError,
  type Average,
  type JaccardScoreOptions,
  type RegressionFunction,
  type RegressionOptions,
} from '../src/index.js';
import { expectClose } from '../src/__fixtures__/reference.js';

type Value = number | string;
interface Outputs {
  rawValues: Value[];
  uniformAverage: Value;
  weights: Value;
}
interface JaccardCase {
  name: string;
  target: number[];
  prediction: number[];
  keywords: { average?: string | null; labels?: number[]; pos_label?: number; zero_division?: 0 | 1 };
  value: Value | Value[];
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/more-sklearn-metrics.json', import.meta.url), 'utf8')) as {
  kappa: {
    target: number[];
    prediction: number[];
    binaryTarget: number[];
    binaryPrediction: number[];
    cases: { weights: 'linear' | 'quadratic' | null; labels: number[] | null; binary?: boolean; value: Value }[];
    constant: Value;
    labelsNotInTargetError: string;
    unknownWeightsError: string;
  };
  jaccard: { cases: JaccardCase[]; multiclassBinaryError: string; positiveLabelError: string; averageError: string };
  hamming: { target: number[]; prediction: number[]; value: number; binary: number };
  regression: {
    target: number[][];
    prediction: number[][];
    weights: number[];
    meanSquaredLogError: Outputs;
    rootMeanSquaredLogError: Outputs;
    medianAbsoluteError: Outputs;
    medianAbsoluteErrorEven: Value[];
    maxError: Value;
    meanPinballLoss: Record<string, Outputs>;
    d2PinballScore: Record<string, Outputs>;
    d2AbsoluteErrorScore: Outputs;
    d2Edges: Record<'perfect' | 'constantTarget' | 'oneSample' | 'tweedieOneSample' | 'tweedieConstantTarget', Value>;
    errors: Record<'negativeLog' | 'maxErrorMultioutput' | 'tweedieMultioutput' | 'd2PinballAlpha' | 'customWeightsCount', string>;
  };
  tweedie: {
    target: number[];
    prediction: number[];
    powers: Record<string, { deviance: Value; d2: Value }>;
    poisson: number;
    gamma: number;
    withZeroTarget: { target: number[]; prediction: number[]; poisson: number; 'power1.5': number; negativePower: number };
    errors: Record<
      'powerBetweenZeroAndOne' | 'poissonNegativeTarget' | 'poissonZeroPrediction' | 'gammaZeroTarget' | 'negativePowerZeroPrediction',
      string
    >;
  };
};
const close = (actual: unknown, expected: unknown) => expectClose(actual, expected, 1e-12, 1e-13);
const call = (metric: unknown, ...values: unknown[]) => (metric as (...a: unknown[]) => Promise<unknown>)(...values);
const column = (rows: number[][], index: number) => rows.map((row) => row[index]!);

describe("cohenKappaScore against scikit-learn's cohen_kappa_score", () => {
  const { kappa } = fixture;

  it('every weighting, with and without labels (weights follow the order of labels)', async () => {
    for (const { weights, labels, binary, value } of kappa.cases) {
      const [first, second] = binary ? [kappa.binaryTarget, kappa.binaryPrediction] : [kappa.target, kappa.prediction];
      const options = { weights, ...(labels ? { labels } : {}) };
      close(await cohenKappaScore(first, second, options), value);
    }
  });

  it('streams batch by batch', async () => {
    const quadratic = kappa.cases.find((entry) => entry.weights === 'quadratic' && entry.labels?.join() === '3,1,0')!;
    const streaming = new CohenKappaScore({ weights: 'quadratic', labels: [3, 1, 0] });
    await streaming.update(kappa.target.slice(0, 13), kappa.prediction.slice(0, 13));
    await streaming.update(kappa.target.slice(13), kappa.prediction.slice(13));
    close(streaming.compute(), quadratic.value);
    streaming.reset();
    await streaming.update([3, 1, 0], [3, 1, 0]);
    expect(streaming.compute()).toBe(1);
  });

  it('one label agreed on everywhere is NaN (0/0), as scikit-learn', async () => {
    close(await cohenKappaScore([2, 2, 2], [2, 2, 2]), kappa.constant);
  });

  it('refuses what scikit-learn refuses, and unknown options', async () => {
    expect(kappa.labelsNotInTargetError).toContain('At least one label specified must be in y_true');
    await expect(cohenKappaScore([0, 1, 1], [0, 1, 2], { labels: [2, 5] })).rejects.toThrow(
      'cohenKappaScore: none of labels [2, 5] occurs in target',
    );
    expect(kappa.unknownWeightsError).toBe('Unknown kappa weighting type.');
    await expect(call(cohenKappaScore, [0, 1], [0, 1], { weights: 'cubic' })).rejects.toThrow(
      "cohenKappaScore: invalid weights 'cubic'; expected one of 'linear', 'quadratic'",
    );
    await expect(call(cohenKappaScore, [0, 1], [0, 1], { sample_weight: [1, 1] })).rejects.toThrow(
      'cohenKappaScore: unknown option `sample_weight`',
    );
    expect(() => new CohenKappaScore({ weight: 'linear' } as never)).toThrow('CohenKappaScore: unknown option `weight`');
    await expect(cohenKappaScore([0, 1, 1], [0, 1])).rejects.toThrow('cohenKappaScore: target has 3 values but prediction has 2');
  });
});

/** scikit-learn's keywords in this package's spelling: None is 'none', pos_label positiveLabel. */
function jaccardOptions({ average, labels, pos_label, zero_division }: JaccardCase['keywords']): JaccardScoreOptions {
  return {
    ...(average !== undefined ? { average: (average ?? 'none') as Average } : {}),
    ...(labels ? { labels } : {}),
    ...(pos_label !== undefined ? { positiveLabel: pos_label } : {}),
    ...(zero_division !== undefined ? { zeroDivision: zero_division } : {}),
  };
}

describe("jaccardScore against scikit-learn's jaccard_score", () => {
  const { jaccard } = fixture;

  for (const entry of jaccard.cases)
    it(entry.name, async () => {
      close(await jaccardScore(entry.target, entry.prediction, jaccardOptions(entry.keywords)), entry.value);
    });

  it('streams batch by batch', async () => {
    for (const name of ['multiclass average=None', 'labels [0, 2, 7] average=weighted']) {
      const entry = jaccard.cases.find((candidate) => candidate.name === name)!;
      const streaming = new JaccardScore(jaccardOptions(entry.keywords));
      await streaming.update(entry.target.slice(0, 17), entry.prediction.slice(0, 17));
      await streaming.update(entry.target.slice(17), entry.prediction.slice(17));
      close(streaming.compute(), entry.value);
    }
  });

  it('refuses what scikit-learn refuses, and unknown options', async () => {
    const { target, prediction } = jaccard.cases[0]!;
    expect(jaccard.multiclassBinaryError).toContain("Target is multiclass but average='binary'");
    await expect(jaccardScore(target, prediction)).rejects.toThrow("jaccardScore: average 'binary' needs at most two labels");
    expect(jaccard.positiveLabelError).toContain('pos_label=2 is not a valid label');
    await expect(jaccardScore([0, 1, 1], [0, 1, 0], { positiveLabel: 2 })).rejects.toThrow(
      'jaccardScore: positiveLabel 2 is not one of the labels [0, 1]',
    );
    expect(jaccard.averageError).toContain('average has to be one of');
    await expect(call(jaccardScore, target, prediction, { average: 'mean' })).rejects.toThrow("jaccardScore: invalid average 'mean'");
    await expect(call(jaccardScore, [0, 1], [0, 1], { pos_label: 0 })).rejects.toThrow('did you mean `positiveLabel`?');
    await expect(call(jaccardScore, [0, 1], [0, 1], { zero_division: 1 })).rejects.toThrow('did you mean `zeroDivision`?');
    await expect(call(jaccardScore, [0, 1], [0, 1], { zeroDivision: 'warn' })).rejects.toThrow(
      "jaccardScore: zeroDivision must be 0 or 1 (scikit-learn's 'warn' is 0 here), got 'warn'",
    );
    // 'samples' is for multilabel targets, which the streaming form does not count: scikit-learn's message.
    expect(() => new JaccardScore({ average: 'samples' })).toThrow(
      'JaccardScore: Samplewise metrics are not available outside of multilabel classification.',
    );
  });
});

describe("hammingLoss against scikit-learn's hamming_loss", () => {
  const { hamming } = fixture;

  it('multiclass and binary labels, whole and streamed', async () => {
    close(await hammingLoss(hamming.target, hamming.prediction), hamming.value);
    close(await hammingLoss(fixture.kappa.binaryTarget, fixture.kappa.binaryPrediction), hamming.binary);
    const streaming = new HammingLoss();
    await streaming.update(hamming.target.slice(0, 9), hamming.prediction.slice(0, 9));
    await streaming.update(hamming.target.slice(9), hamming.prediction.slice(9));
    close(streaming.compute(), hamming.value);
  });

  it('takes sampleWeight only (spelled in camelCase), and refuses bad labels', async () => {
    await expect(call(hammingLoss, [0, 1], [0, 1], { sample_weight: [1, 1] })).rejects.toThrow(
      'hammingLoss: unknown option `sample_weight` (did you mean `sampleWeight`?). Accepted options: sampleWeight',
    );
    await expect(hammingLoss([0, 1.5], [0, 1])).rejects.toThrow('hammingLoss: target[1] = 1.5 is not a non-negative integer class label');
    expect(() => new HammingLoss().compute()).toThrow('hammingLoss: needs at least one sample');
  });
});

describe('the multioutput regression metrics against scikit-learn', () => {
  const { regression } = fixture;
  const { target, prediction, weights } = regression;

  async function expectOutputs(metric: RegressionFunction<RegressionOptions>, expected: Outputs, options: object = {}) {
    close(await metric(target, prediction, { ...options, multioutput: 'rawValues' }), expected.rawValues);
    close(await metric(target, prediction, options), expected.uniformAverage);
    close(await metric(target, prediction, { ...options, multioutput: weights }), expected.weights);
  }

  it('meanSquaredLogError, and its root with squared: false', async () => {
    await expectOutputs(meanSquaredLogError, regression.meanSquaredLogError);
    await expectOutputs(meanSquaredLogError, regression.rootMeanSquaredLogError, { squared: false });
  });

  it('medianAbsoluteError, odd and even sample counts', async () => {
    await expectOutputs(medianAbsoluteError, regression.medianAbsoluteError);
    close(
      await medianAbsoluteError(target.slice(0, 24), prediction.slice(0, 24), { multioutput: 'raw_values' as 'rawValues' }),
      regression.medianAbsoluteErrorEven,
    );
  });

  it('meanPinballLoss at several alphas', async () => {
    for (const [alpha, expected] of Object.entries(regression.meanPinballLoss))
      await expectOutputs(meanPinballLoss, expected, { alpha: Number(alpha) });
  });

  it("d2PinballScore at several alphas (numpy's interpolated quantile), and d2AbsoluteErrorScore", async () => {
    for (const [alpha, expected] of Object.entries(regression.d2PinballScore))
      await expectOutputs(d2PinballScore, expected, { alpha: Number(alpha) });
    await expectOutputs(d2AbsoluteErrorScore, regression.d2AbsoluteErrorScore);
    close(await d2PinballScore(target, prediction), regression.d2AbsoluteErrorScore.uniformAverage);
  });

  it('D² edge cases: a perfect fit, a constant target, one sample', async () => {
    const edges = regression.d2Edges;
    close(await d2PinballScore([1, 2, 4], [1, 2, 4], { alpha: 0.3 }), edges.perfect);
    close(await d2AbsoluteErrorScore([2, 2, 2], [2, 1, 2.5]), edges.constantTarget);
    close(await d2AbsoluteErrorScore([2], [1]), edges.oneSample);
    close(await d2TweedieScore([2], [1], { power: 1 }), edges.tweedieOneSample);
    close(await d2TweedieScore([2, 2, 2], [2, 1, 2.5], { power: 1.5 }), edges.tweedieConstantTarget);
  });

  it('maxError of one output', async () => {
    close(await maxError(column(target, 0), column(prediction, 0)), regression.maxError);
    close(
      await maxError(
        target.map((row) => [row[0]!]),
        prediction.map((row) => [row[0]!]),
      ),
      regression.maxError,
    );
  });

  it('BufferedRegressionMetric streams each of them', async () => {
    const cases: [BufferedRegressionMetric, unknown][] = [
      [new BufferedRegressionMetric('medianAbsoluteError', { multioutput: 'rawValues' }), regression.medianAbsoluteError.rawValues],
      [new BufferedRegressionMetric('meanSquaredLogError', { squared: false }), regression.rootMeanSquaredLogError.uniformAverage],
      [new BufferedRegressionMetric('d2PinballScore', { alpha: 0.37, multioutput: weights }), regression.d2PinballScore['0.37']!.weights],
      [new BufferedRegressionMetric('meanPinballLoss', { alpha: 0.9 }), regression.meanPinballLoss['0.9']!.uniformAverage],
      [new BufferedRegressionMetric('d2AbsoluteErrorScore'), regression.d2AbsoluteErrorScore.uniformAverage],
    ];
    for (const [metric, expected] of cases) {
      await metric.update(target.slice(0, 10), prediction.slice(0, 10));
      await metric.update(target.slice(10), prediction.slice(10));
      close(metric.compute(), expected);
    }
    const single = new BufferedRegressionMetric('maxError');
    await single.update(column(target, 0).slice(0, 4), column(prediction, 0).slice(0, 4));
    await single.update(column(target, 0).slice(4), column(prediction, 0).slice(4));
    close(single.compute(), regression.maxError);
    single.reset();
    expect(() => single.compute()).toThrow('maxError: needs at least one sample');
  });

  it('refuses what scikit-learn refuses, naming the metric and the value', async () => {
    const { errors } = regression;
    expect(errors.negativeLog).toContain('cannot be used when targets contain negative values');
    await expect(meanSquaredLogError([3, -5, 2], [2.5, 5, 2])).rejects.toThrow(
      'meanSquaredLogError: cannot be used when target or prediction contains negative values; target[1] = -5',
    );
    await expect(meanSquaredLogError([[3, 1]], [[2, -0.5]])).rejects.toThrow('; prediction[0, 1] = -0.5');
    expect(errors.maxErrorMultioutput).toBe('Multioutput not supported in max_error');
    await expect(maxError(target, prediction)).rejects.toThrow('maxError: takes one output, [n] or [n, 1], got 3 outputs');
    expect(errors.tweedieMultioutput).toBe('Multioutput not supported in mean_tweedie_deviance');
    await expect(meanTweedieDeviance(target, prediction)).rejects.toThrow('meanTweedieDeviance: takes one output');
    expect(errors.d2PinballAlpha).toContain('Percentiles must be in the range [0, 100]');
    await expect(d2PinballScore(target, prediction, { alpha: 1.5 })).rejects.toThrow(
      'd2PinballScore: alpha must be a number in [0, 1], got 1.5',
    );
    await expect(meanPinballLoss(target, prediction, { alpha: -0.1 })).rejects.toThrow('meanPinballLoss: alpha must be a number in [0, 1]');
    expect(errors.customWeightsCount).toContain('There must be equally many custom weights (2) as outputs (3)');
    await expect(medianAbsoluteError(target, prediction, { multioutput: [0.5, 0.5] })).rejects.toThrow(
      'medianAbsoluteError: multioutput has 2 weights for 3 outputs',
    );
  });

  it('checks options, inputs and shapes', async () => {
    await expect(call(medianAbsoluteError, target, prediction, { multioutput: 'varianceWeighted' })).rejects.toThrow(
      "multioutput 'varianceWeighted' applies to r2Score and explainedVariance only",
    );
    await expect(call(medianAbsoluteError, target, prediction, { sample_weight: [1] })).rejects.toThrow(
      'medianAbsoluteError: unknown option `sample_weight`',
    );
    await expect(call(meanPinballLoss, target, prediction, { quantile: 0.5 })).rejects.toThrow(
      'meanPinballLoss: unknown option `quantile`',
    );
    await expect(call(meanSquaredLogError, target, prediction, { squared: 'no' })).rejects.toThrow(
      'meanSquaredLogError: squared must be a boolean',
    );
    await expect(call(maxError, [1], [1], { multioutput: 'rawValues' })).rejects.toThrow('maxError: unknown option `multioutput`');
    await expect(medianAbsoluteError([1, NaN], [1, 2])).rejects.toThrow('medianAbsoluteError: target[1] = NaN is not finite');
    await expect(medianAbsoluteError([1, 2], [1, 2, 3])).rejects.toThrow('medianAbsoluteError: target has 2 samples but prediction has 3');
    await expect(medianAbsoluteError([[1, 2]], [[1, 2, 3]])).rejects.toThrow('target has 2 outputs but prediction has 3');
    await expect(medianAbsoluteError([], [])).rejects.toThrow('medianAbsoluteError: needs at least one sample');
    expect(() => new BufferedRegressionMetric('r2Score' as never)).toThrow("BufferedRegressionMetric: unknown metric 'r2Score'");
    expect(() => new BufferedRegressionMetric('meanTweedieDeviance', { power: 0.5 })).toThrow(
      'meanTweedieDeviance: power must be <= 0 or >= 1',
    );
    const streaming = new BufferedRegressionMetric('medianAbsoluteError');
    await streaming.update(target.slice(0, 2), prediction.slice(0, 2));
    await expect(streaming.update([1, 2], [1, 2])).rejects.toThrow('medianAbsoluteError: batch has 1 outputs, earlier batches had 3');
  });
});

describe('the Tweedie deviances and d2TweedieScore against scikit-learn', () => {
  const { tweedie } = fixture;

  it('every power: deviance and D²', async () => {
    for (const [power, expected] of Object.entries(tweedie.powers)) {
      close(await meanTweedieDeviance(tweedie.target, tweedie.prediction, { power: Number(power) }), expected.deviance);
      close(await d2TweedieScore(tweedie.target, tweedie.prediction, { power: Number(power) }), expected.d2);
    }
    close(await meanPoissonDeviance(tweedie.target, tweedie.prediction), tweedie.poisson);
    close(await meanGammaDeviance(tweedie.target, tweedie.prediction), tweedie.gamma);
    const streaming = new BufferedRegressionMetric('d2TweedieScore', { power: 1.5 });
    await streaming.update(tweedie.target.slice(0, 11), tweedie.prediction.slice(0, 11));
    await streaming.update(tweedie.target.slice(11), tweedie.prediction.slice(11));
    close(streaming.compute(), tweedie.powers['1.5']!.d2);
  });

  it('zero targets where the power allows them, negative targets for power < 0', async () => {
    const { target, prediction, poisson, negativePower } = tweedie.withZeroTarget;
    close(await meanPoissonDeviance(target, prediction), poisson);
    close(await meanTweedieDeviance(target, prediction, { power: 1.5 }), tweedie.withZeroTarget['power1.5']);
    close(await meanTweedieDeviance([-1, 2, 0.5], [0.5, 1.5, 2], { power: -1 }), negativePower);
  });

  it('refuses what scikit-learn refuses, naming the metric and the value', async () => {
    const { errors } = tweedie;
    expect(errors.powerBetweenZeroAndOne).toContain('only defined for power<=0 and power>=1');
    await expect(meanTweedieDeviance([1, 2], [1, 2], { power: 0.5 })).rejects.toThrow(
      'meanTweedieDeviance: power must be <= 0 or >= 1 (Tweedie deviance is undefined between), got 0.5',
    );
    await expect(d2TweedieScore([1, 2], [1, 2], { power: 0.5 })).rejects.toThrow('d2TweedieScore: power must be <= 0 or >= 1');
    expect(errors.poissonNegativeTarget).toContain('non-negative y and strictly positive y_pred');
    await expect(meanPoissonDeviance([1, -2], [1, 2])).rejects.toThrow(
      'meanPoissonDeviance: power=1 needs a non-negative target and a strictly positive prediction; target[1] = -2',
    );
    expect(errors.poissonZeroPrediction).toContain('non-negative y and strictly positive y_pred');
    await expect(meanPoissonDeviance([1, 2], [1, 0])).rejects.toThrow('; prediction[1] = 0');
    expect(errors.gammaZeroTarget).toContain('strictly positive y and y_pred');
    await expect(meanGammaDeviance([0, 2], [1, 2])).rejects.toThrow(
      'meanGammaDeviance: power=2 needs a strictly positive target and prediction; target[0] = 0',
    );
    expect(errors.negativePowerZeroPrediction).toContain('strictly positive y_pred');
    await expect(meanTweedieDeviance([1, 2], [0, 2], { power: -1 })).rejects.toThrow(
      'meanTweedieDeviance: power=-1 needs a strictly positive prediction; prediction[0] = 0',
    );
    await expect(d2TweedieScore([1, 2], [0, 2], { power: 2 })).rejects.toThrow('d2TweedieScore: power=2 needs a strictly positive');
    await expect(call(meanTweedieDeviance, [1], [1], { p: 1 })).rejects.toThrow('meanTweedieDeviance: unknown option `p`');
    await expect(call(meanTweedieDeviance, [1], [1], { power: '1' })).rejects.toThrow('meanTweedieDeviance: power must be a finite number');
    await expect(call(meanGammaDeviance, [1], [1], { power: 2 })).rejects.toThrow('meanGammaDeviance: unknown option `power`');
  });
});
