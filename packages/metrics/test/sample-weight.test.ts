// `sampleWeight` (scikit-learn's sample_weight) against scikit-learn 1.2: every weighted metric for
// integer, fractional and unit weights (tools/fixtures/metrics_sample_weight_reference.py), what all-zero
// weights give, and the errors for weights of the wrong length or value.
import { readFileSync } from 'node:fs';
import { tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import {
  Accuracy,
  BufferedRegressionMetric,
  ConfusionMatrix,
  MatthewsCorrelation,
  PrecisionRecallFScoreMetric,
  RegressionMetric,
  RocAuc,
  accuracy,
  averagePrecision,
  balancedAccuracy,
  cohenKappaScore,
  confusionMatrix,
  d2AbsoluteErrorScore,
  d2PinballScore,
  d2TweedieScore,
  explainedVariance,
  f1Score,
  fBetaScore,
  hammingLoss,
  jaccardScore,
  logLoss,
  matthewsCorrelation,
  maxError,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanGammaDeviance,
  meanPinballLoss,
  meanPoissonDeviance,
  meanSquaredError,
  meanSquaredLogError,
  meanTweedieDeviance,
  medianAbsoluteError,
  precision,
  precisionRecallCurve,
  precisionRecallFScore,
  r2Score,
  recall,
  rocAuc,
  rocCurve,
  rootMeanSquaredError,
  type MetricInput,
} from '../src/index.js';
import { expectClose } from '../src/__fixtures__/reference.js';

type Options = Record<string, unknown>;
interface Case {
  metric: string;
  data: string;
  weights: string;
  options: Options;
  value: unknown;
  unweighted?: unknown;
  unitMatchesUnweighted?: boolean;
}
interface ZeroWeightCase {
  metric: string;
  data: string;
  options: Options;
  error: string | null;
  value: unknown;
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/sample-weight.json', import.meta.url), 'utf8')) as {
  weights: Record<string, number[]>;
  data: Record<string, { target: number[] | number[][]; prediction: number[] | number[][] }>;
  cases: Case[];
  zeroWeights: ZeroWeightCase[];
  errors: Record<'length' | 'regressionLength' | 'rocAucOneVsOne' | 'maxErrorKeyword', string>;
};

type Metric = (target: MetricInput, prediction: MetricInput, options: Options) => Promise<unknown>;
const call = (metric: unknown): Metric => metric as Metric;
// Every function that takes sampleWeight, by the name the fixture uses; fBetaScore takes beta as an argument.
const metrics: Record<string, Metric> = {
  accuracy: call(accuracy),
  confusionMatrix: call(confusionMatrix),
  precisionRecallFScore: call(precisionRecallFScore),
  precision: call(precision),
  recall: call(recall),
  f1Score: call(f1Score),
  fBetaScore: (target, prediction, { beta, ...options }) => fBetaScore(target, prediction, beta as number, options),
  balancedAccuracy: call(balancedAccuracy),
  matthewsCorrelation: call(matthewsCorrelation),
  hammingLoss: call(hammingLoss),
  cohenKappaScore: call(cohenKappaScore),
  jaccardScore: call(jaccardScore),
  logLoss: call(logLoss),
  rocAuc: call(rocAuc),
  averagePrecision: call(averagePrecision),
  rocCurve: call(rocCurve),
  precisionRecallCurve: call(precisionRecallCurve),
  meanSquaredError: call(meanSquaredError),
  rootMeanSquaredError: call(rootMeanSquaredError),
  meanAbsoluteError: call(meanAbsoluteError),
  meanAbsolutePercentageError: call(meanAbsolutePercentageError),
  r2Score: call(r2Score),
  explainedVariance: call(explainedVariance),
  meanSquaredLogError: call(meanSquaredLogError),
  medianAbsoluteError: call(medianAbsoluteError),
  meanPinballLoss: call(meanPinballLoss),
  d2PinballScore: call(d2PinballScore),
  d2AbsoluteErrorScore: call(d2AbsoluteErrorScore),
  meanTweedieDeviance: call(meanTweedieDeviance),
  meanPoissonDeviance: call(meanPoissonDeviance),
  meanGammaDeviance: call(meanGammaDeviance),
  d2TweedieScore: call(d2TweedieScore),
};

// Every path is float64; the sums run in another order than numpy's pairwise ones.
const relative = 1e-12;
const absolute = 1e-14;
const evaluate = (metric: string, data: string, options: Options) =>
  metrics[metric]!(fixture.data[data]!.target, fixture.data[data]!.prediction, options);
const title = ({ metric, data, options }: { metric: string; data: string; options: Options }) =>
  `${metric} ${data} ${JSON.stringify(options)}`;

describe('sampleWeight against scikit-learn 1.2 sample_weight', () => {
  it('covers every weighted metric with integer, fractional and unit weights', () => {
    expect(new Set(fixture.cases.map((testCase) => testCase.metric))).toEqual(new Set(Object.keys(metrics)));
    expect(new Set(fixture.cases.map((testCase) => testCase.weights))).toEqual(new Set(['integer', 'fractional', 'unit']));
    // Some samples weigh zero, others a fraction.
    expect(fixture.weights.integer).toContain(0);
    expect(fixture.weights.fractional).toContain(0);
    expect(fixture.weights.fractional!.some((weight) => !Number.isInteger(weight))).toBe(true);
  });

  for (const weights of ['integer', 'fractional', 'unit'])
    describe(`${weights} weights`, () => {
      it.each(fixture.cases.filter((testCase) => testCase.weights === weights).map((testCase) => [title(testCase), testCase] as const))(
        '%s',
        async (_, testCase) => {
          const sampleWeight = fixture.weights[testCase.weights]!;
          expectClose(
            await evaluate(testCase.metric, testCase.data, { ...testCase.options, sampleWeight }),
            testCase.value,
            relative,
            absolute,
          );
        },
      );
    });

  it.each(fixture.cases.filter((testCase) => testCase.weights === 'unit').map((testCase) => [title(testCase), testCase] as const))(
    'unit weights give the unweighted value (scikit-learn percentiles excepted): %s',
    async (_, testCase) => {
      const weighted = await evaluate(testCase.metric, testCase.data, { ...testCase.options, sampleWeight: fixture.weights.unit });
      const unweighted = await evaluate(testCase.metric, testCase.data, testCase.options);
      expectClose(unweighted, testCase.unweighted, relative, absolute);
      if (testCase.unitMatchesUnweighted) expect(weighted).toEqual(unweighted);
      else expect(weighted).not.toEqual(unweighted);
    },
  );

  it.each(fixture.zeroWeights.map((testCase) => [title(testCase), testCase] as const))(
    'all-zero weights as scikit-learn: %s',
    async (_, testCase) => {
      const result = evaluate(testCase.metric, testCase.data, { ...testCase.options, sampleWeight: new Array(24).fill(0) });
      if (testCase.error === null) return expectClose(await result, testCase.value, relative, absolute);
      // scikit-learn's np.average raises "Weights sum to zero"; other failures are its own errors on empty input.
      if (testCase.error.includes('Weights sum to zero')) await expect(result).rejects.toThrow('sampleWeight sums to zero');
      else await expect(result).rejects.toThrow();
    },
  );
});

describe('sampleWeight is checked', () => {
  // The phrase scikit-learn's check_consistent_length uses.
  const lengthPhrase = fixture.errors.length.replace(/^ValueError: /, '').split(':')[0]!;

  it('a wrong length throws, naming the metric and both lengths', async () => {
    expect(lengthPhrase).toBe('Found input variables with inconsistent numbers of samples');
    expect(fixture.errors.regressionLength).toContain(lengthPhrase);
    for (const [name, target, prediction] of [
      ['accuracy', [0, 1, 1], [0, 1, 0]],
      ['confusionMatrix', [0, 1, 1], [0, 1, 0]],
      ['precisionRecallFScore', [0, 1, 1], [0, 1, 0]],
      ['hammingLoss', [0, 1, 1], [0, 1, 0]],
      ['rocAuc', [0, 1, 1], [0.2, 0.7, 0.4]],
      ['logLoss', [0, 1, 1], [0.2, 0.7, 0.4]],
      ['meanSquaredError', [1, 2, 3], [1, 2, 2.5]],
      ['meanPinballLoss', [1, 2, 3], [1, 2, 2.5]],
      ['meanTweedieDeviance', [1, 2, 3], [1, 2, 2.5]],
    ] as const)
      await expect(metrics[name]!(target, prediction, { sampleWeight: [1, 1] })).rejects.toThrow(
        `${name}: ${lengthPhrase}: sampleWeight has 2 values for 3 samples`,
      );
  });

  it('a negative, non-finite or non-numeric weight throws, naming the index and value', async () => {
    const target = [0, 1, 1];
    const prediction = [0, 1, 0];
    await expect(accuracy(target, prediction, { sampleWeight: [1, -0.5, 1] })).rejects.toThrow(
      'accuracy: sampleWeight[1] = -0.5 is not a non-negative finite number',
    );
    await expect(jaccardScore(target, prediction, { sampleWeight: [1, 1, Number.NaN] })).rejects.toThrow(
      'jaccardScore: sampleWeight[2] = NaN is not a non-negative finite number',
    );
    await expect(r2Score([1, 2, 3], [1, 2, 2.5], { sampleWeight: [Infinity, 1, 1] })).rejects.toThrow(
      'r2Score: sampleWeight[0] = Infinity is not a non-negative finite number',
    );
    await expect(cohenKappaScore(target, prediction, { sampleWeight: [1, '2', 1] as never })).rejects.toThrow(
      "cohenKappaScore: sampleWeight[1] = '2' is not a number",
    );
    await expect(matthewsCorrelation(target, prediction, { sampleWeight: [1, null, 1] as never })).rejects.toThrow(
      'matthewsCorrelation: sampleWeight[1] = null is not a number',
    );
    await expect(balancedAccuracy(target, prediction, { sampleWeight: 2 as never })).rejects.toThrow(
      'balancedAccuracy: sampleWeight must be an array or a 1-D tensor of numbers, got 2',
    );
    await expect(meanAbsoluteError([1, 2], [1, 3], { sampleWeight: tensor([[1, 1]]) })).rejects.toThrow(
      'meanAbsoluteError: sampleWeight must be one-dimensional, got a tensor of shape [1, 2]',
    );
  });

  it('takes typed arrays and tensors like plain arrays', async () => {
    const { target, prediction } = fixture.data.multiclass!;
    const weights = fixture.weights.fractional!;
    const expected = await accuracy(target, prediction, { sampleWeight: weights });
    expect(await accuracy(target, prediction, { sampleWeight: Float64Array.from(weights) })).toBe(expected);
    expect(await accuracy(target, prediction, { sampleWeight: tensor(weights, { dtype: 'float64' }) })).toBe(expected);
  });

  it('one-vs-one ROC AUC refuses weights, as scikit-learn', async () => {
    expect(fixture.errors.rocAucOneVsOne).toContain('sample_weight is not supported for multiclass one-vs-one ROC AUC');
    const { target, prediction } = fixture.data.multiclassScores!;
    await expect(rocAuc(target, prediction, { multiClass: 'ovo', sampleWeight: fixture.weights.unit })).rejects.toThrow(
      'rocAuc: sampleWeight is not supported for multiclass one-vs-one ROC AUC',
    );
  });

  it('maxError takes no sampleWeight (scikit-learn 1.2 has none), nor do the streaming classes', async () => {
    expect(fixture.errors.maxErrorKeyword).toContain("unexpected keyword argument 'sample_weight'");
    await expect(maxError([1, 2], [1, 2.5], { sampleWeight: [1, 1] } as never)).rejects.toThrow(
      'maxError: unknown option `sampleWeight`. It takes no options',
    );
    const streaming: [string, (options: Options) => unknown][] = [
      ['Accuracy', (options) => new Accuracy(options)],
      ['ConfusionMatrix', (options) => new ConfusionMatrix(options)],
      ['PrecisionRecallFScoreMetric', (options) => new PrecisionRecallFScoreMetric(options)],
      ['MatthewsCorrelation', (options) => new MatthewsCorrelation(options as never)],
      ['RocAuc', (options) => new RocAuc(options)],
      ['r2Score', (options) => new RegressionMetric('r2Score', options)],
      ['medianAbsoluteError', (options) => new BufferedRegressionMetric('medianAbsoluteError', options)],
    ];
    for (const [name, create] of streaming)
      expect(() => create({ sampleWeight: [1] }), name).toThrow(`${name}: unknown option \`sampleWeight\``);
  });

  it('the snake_case spelling points to sampleWeight', async () => {
    await expect(accuracy([0, 1], [0, 1], { sample_weight: [1, 1] } as never)).rejects.toThrow(
      'accuracy: unknown option `sample_weight` (did you mean `sampleWeight`?)',
    );
    await expect(meanSquaredLogError([1, 2], [1, 2], { sample_weight: [1, 1] } as never)).rejects.toThrow(
      'meanSquaredLogError: unknown option `sample_weight` (did you mean `sampleWeight`?)',
    );
  });
});
