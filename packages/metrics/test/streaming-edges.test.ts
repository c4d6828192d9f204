// Edges a differential fuzzer found in the streaming classes and score readers of @dl/metrics, checked
// against scikit-learn 1.2 (tools/fixtures/metrics_streaming_edges_reference.py) and, for FID, KID and
// generative precision/recall, against the numpy/scipy references of src/__fixtures__/generative.json.
// Before: `update(x, true)` (torchmetrics' `update(imgs, real=True)`), 'Real' or a forgotten kind went
// into the fake set; BufferedRegressionMetric and multilabel Accuracy/HammingLoss refused an empty
// batch; accuracy on tied scores without topK broke ties towards the higher class where every other
// metric takes the first maximum; frechetDistanceFromMoments gave NaN for mismatched sizes; KID took a
// fractional subsetSize and a gamma that is not a number; weights for a single regression output were
// accepted where scikit-learn refuses them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tensor, zeros } from '@dl/tensor';
import * as metrics from '../src/index.js';
import {
  accuracy,
  Accuracy,
  BufferedRegressionMetric,
  frechetDistanceFromMoments,
  FrechetInceptionDistance,
  GenerativePrecisionRecallMetric,
  HammingLoss,
  kernelInceptionDistance,
  KernelInceptionDistance,
  MetricInputError,
  RegressionMetric,
  type BufferedRegressionMetricName,
} from '../src/index.js';
import generative from '../src/__fixtures__/generative.json';
import { expectClose } from '../src/__fixtures__/reference.js';

interface BufferedCase {
  metric: BufferedRegressionMetricName;
  options: Record<string, number>;
  value: number;
  rawValues?: number[];
}
interface TieCase {
  name: string;
  target: number[];
  scores: number[][];
  sampleWeight: number[] | null;
  argmax: number[];
  accuracy: number;
  topK: Record<'1' | '2', number>;
}
interface CustomWeightsCase {
  metric: string;
  shape: string;
  target: number[] | number[][];
  prediction: number[] | number[][];
  error: string;
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/metrics_streaming_edges.json', import.meta.url), 'utf8')) as {
  emptyBatches: {
    target: number[];
    prediction: number[];
    target2: number[][];
    prediction2: number[][];
    regression: BufferedCase[];
    multilabel: { target: number[][]; prediction: number[][]; accuracy: number; hammingLoss: number };
  };
  scoreTies: TieCase[];
  customWeightsSingleOutput: CustomWeightsCase[];
};

type Callable = (...values: unknown[]) => Promise<unknown>;
const metricFunction = (name: string) => (metrics as unknown as Record<string, Callable>)[name]!;

describe("the generative streaming classes' kind: 'real' | 'fake' or torchmetrics' real flag", () => {
  const { real, fake } = generative;
  const classes = {
    FrechetInceptionDistance: { make: () => new FrechetInceptionDistance(), reference: generative.fid },
    KernelInceptionDistance: { make: () => new KernelInceptionDistance({ subsets: 2 }), reference: { mean: generative.kid, std: 0 } },
    GenerativePrecisionRecallMetric: {
      make: () => new GenerativePrecisionRecallMetric({ k: 3 }),
      reference: generative.precisionRecall['3'],
    },
  };

  it.each(Object.keys(classes))('%s: update(batch, true) is real, update(batch, false) fake', async (name) => {
    const { make, reference } = classes[name as keyof typeof classes];
    const flagged = make();
    await flagged.update(real.slice(0, 40), true);
    await flagged.update(fake, false);
    await flagged.update(real.slice(40), 'real');
    expectClose(flagged.compute(), reference, 1e-9);
  });

  it.each(Object.keys(classes))('%s: any other kind throws, naming the class, the argument and the value', async (name) => {
    const { make, reference } = classes[name as keyof typeof classes];
    const metric = make();
    for (const [kind, shown] of [
      ['Real', "'Real'"],
      ['generated', "'generated'"],
      [1, '1'],
      [0, '0'],
      [null, 'null'],
      [undefined, 'undefined'],
    ] as const) {
      const refused = metric.update(real, kind as never);
      await expect(refused).rejects.toBeInstanceOf(MetricInputError);
      await expect(refused).rejects.toThrow(
        `${name}.update: kind must be 'real' or 'fake' (or torchmetrics' real flag: true or false), got ${shown}`,
      );
    }
    // @ts-expect-error: a forgotten kind is a compile error too
    await expect(metric.update(fake)).rejects.toThrow(`${name}.update: kind must be`);
    // the refused batches counted nothing
    await metric.update(real, 'real');
    await metric.update(fake, 'fake');
    expectClose(metric.compute(), reference, 1e-9);
  });
});

describe('empty batches add nothing: streaming equals the one-shot value of the concatenated data', () => {
  const { target, prediction, target2, prediction2, regression, multilabel } = fixture.emptyBatches;
  /** The rows in batches of 2, 3 and 1, with empty batches first, between and last. */
  const batchesOf = <Row>(rows: Row[], empty: () => unknown) => [
    empty(),
    rows.slice(0, 2),
    empty(),
    rows.slice(2, 5),
    empty(),
    rows.slice(5),
    empty(),
  ];

  it.each(regression.map((entry) => entry.metric))('BufferedRegressionMetric(%s)', async (name) => {
    const entry = regression.find((candidate) => candidate.metric === name)!;
    const metric = new BufferedRegressionMetric(name, entry.options as never);
    const targets = batchesOf(target, () => []);
    const predictions = batchesOf(prediction, () => zeros([0]));
    for (let batch = 0; batch < targets.length; batch++) await metric.update(targets[batch] as number[], predictions[batch] as number[]);
    expectClose(metric.compute(), entry.value, 1e-12);
    if (entry.rawValues === undefined) return;
    const perOutput = new BufferedRegressionMetric(name, { ...entry.options, multioutput: 'rawValues' } as never);
    const targets2 = batchesOf(target2, () => zeros([0, 2]));
    const predictions2 = batchesOf(prediction2, () => zeros([0, 2]));
    for (let batch = 0; batch < targets2.length; batch++)
      await perOutput.update(targets2[batch] as number[][], predictions2[batch] as number[][]);
    expectClose(perOutput.compute(), entry.rawValues, 1e-12);
  });

  it('no sample at all still throws, in compute and in the function', async () => {
    const metric = new BufferedRegressionMetric('medianAbsoluteError');
    await metric.update([], []);
    await metric.update(zeros([0]), zeros([0]));
    expect(() => metric.compute()).toThrow(new MetricInputError('medianAbsoluteError', 'needs at least one sample'));
    expect(() => new BufferedRegressionMetric('maxError').compute()).toThrow('maxError: needs at least one sample');
    await expect(metrics.medianAbsoluteError([], [])).rejects.toThrow('medianAbsoluteError: needs at least one sample');
    await expect(metrics.d2TweedieScore(zeros([0, 1]), zeros([0, 1]))).rejects.toThrow('d2TweedieScore: needs at least one sample');
  });

  it('RegressionMetric, which already took them, agrees with BufferedRegressionMetric', async () => {
    const streamed = new RegressionMetric('meanAbsoluteError');
    const targets = batchesOf(target, () => []);
    const predictions = batchesOf(prediction, () => []);
    for (let batch = 0; batch < targets.length; batch++) await streamed.update(targets[batch] as number[], predictions[batch] as number[]);
    expectClose(streamed.compute(), await metrics.meanAbsoluteError(target, prediction), 1e-15);
  });

  it('Accuracy and HammingLoss on multilabel indicator matrices', async () => {
    const targets = batchesOf(multilabel.target, () => zeros([0, 3]));
    const predictions = batchesOf(multilabel.prediction, () => zeros([0, 3]));
    const subsetAccuracy = new Accuracy();
    const hamming = new HammingLoss();
    for (let batch = 0; batch < targets.length; batch++) {
      await subsetAccuracy.update(targets[batch] as number[][], predictions[batch] as number[][]);
      await hamming.update(targets[batch] as number[][], predictions[batch] as number[][]);
    }
    expectClose(subsetAccuracy.compute(), multilabel.accuracy, 1e-15);
    expectClose(hamming.compute(), multilabel.hammingLoss, 1e-15);
  });

  it('indicator matrices of no row throw in compute and in the functions', async () => {
    const subsetAccuracy = new Accuracy();
    const hamming = new HammingLoss();
    await subsetAccuracy.update(zeros([0, 3]), zeros([0, 3]));
    await hamming.update(zeros([0, 3]), zeros([0, 3]));
    expect(() => subsetAccuracy.compute()).toThrow(new MetricInputError('accuracy', 'needs at least one sample'));
    expect(() => hamming.compute()).toThrow(new MetricInputError('hammingLoss', 'needs at least one sample'));
    subsetAccuracy.reset();
    expect(subsetAccuracy.compute()).toBeNaN(); // no batch at all: accuracy([], []) is 0/0, as scikit-learn's
    await expect(accuracy(zeros([0, 3]), zeros([0, 3]))).rejects.toThrow('accuracy: needs at least one sample');
    await expect(metrics.hammingLoss(zeros([0, 3]), zeros([0, 3]))).rejects.toThrow('hammingLoss: needs at least one sample');
    await expect(metrics.f1Score(zeros([0, 3]), zeros([0, 3]), { average: 'micro' })).rejects.toThrow('needs at least one sample');
  });
});

describe('accuracy on tied scores: argmax without topK, top_k_accuracy_score with it', () => {
  it.each(fixture.scoreTies.map((entry) => entry.name))('%s', async (name) => {
    const entry = fixture.scoreTies.find((candidate) => candidate.name === name)!;
    const sampleWeight = entry.sampleWeight ?? undefined;
    // accuracy_score(y, scores.argmax(1)): the scores read as every other metric reads them
    expectClose(await accuracy(entry.target, entry.scores, { sampleWeight }), entry.accuracy, 1e-15);
    expectClose(await accuracy(entry.target, entry.argmax, { sampleWeight }), entry.accuracy, 1e-15);
    expectClose(await accuracy(entry.target, entry.scores, { sampleWeight, topK: 1 }), entry.topK['1'], 1e-15);
    expectClose(await accuracy(entry.target, entry.scores, { sampleWeight, topK: 2 }), entry.topK['2'], 1e-15);
    if (sampleWeight !== undefined) return;
    const streamed = new Accuracy();
    await streamed.update(entry.target.slice(0, 2), entry.scores.slice(0, 2));
    await streamed.update(entry.target.slice(2), entry.scores.slice(2));
    expectClose(streamed.compute(), entry.accuracy, 1e-15);
    const topOne = new Accuracy({ topK: 1 });
    await topOne.update(entry.target, tensor(entry.scores));
    expectClose(topOne.compute(), entry.topK['1'], 1e-7);
  });

  it('agrees with the argmax that confusionMatrix reads', async () => {
    const target = [0, 0, 1, 0];
    const scores = [
      [0.5, 0.5],
      [0.5, 0.5],
      [0.2, 0.8],
      [0.7, 0.3],
    ];
    const [[trueNegative, falsePositive], [falseNegative, truePositive]] = await metrics.confusionMatrix(target, scores);
    const fromMatrix = (trueNegative! + truePositive!) / (trueNegative! + falsePositive! + falseNegative! + truePositive!);
    expect(await accuracy(target, scores)).toBe(fromMatrix);
    expect(fromMatrix).toBe(1); // the tied rows predict class 0
  });
});

describe("frechetDistanceFromMoments refuses mismatched sizes, as pytorch-fid's asserts", () => {
  const mean = (...values: number[]) => Float64Array.from(values);
  const identity2 = Float64Array.of(1, 0, 0, 1);
  it('means of different lengths', () => {
    expect(() => frechetDistanceFromMoments(mean(0, 0), identity2, mean(0), Float64Array.of(1))).toThrow(
      new MetricInputError(
        'frechetDistanceFromMoments',
        'Training and test mean vectors have different lengths: mean1 has 2 values, mean2 1',
      ),
    );
  });
  it('covariances of different sizes', () => {
    expect(() => frechetDistanceFromMoments(mean(0, 0), identity2, mean(0, 0), Float64Array.of(1, 0, 0))).toThrow(
      new MetricInputError(
        'frechetDistanceFromMoments',
        'Training and test covariances have different dimensions: covariance1 has 4 values, covariance2 3',
      ),
    );
  });
  it('covariances that are not d × d', () => {
    expect(() => frechetDistanceFromMoments(mean(0, 0), Float64Array.of(1, 0, 0), mean(0, 0), Float64Array.of(1, 0, 0))).toThrow(
      new MetricInputError('frechetDistanceFromMoments', 'the covariances have 3 values, but means of length 2 need 2 × 2 = 4'),
    );
  });
  it('matching sizes still give the distance: |μ₁ − μ₂|² for equal covariances', () => {
    expectClose(frechetDistanceFromMoments(mean(0, 0), identity2, mean(3, 4), identity2), 25, 1e-12);
  });
});

describe("KID's options are checked, naming KID and the option", () => {
  const { real, fake } = generative;
  const refusals: [Record<string, unknown>, string][] = [
    [{ subsetSize: 2.5 }, 'subsetSize must be an integer ≥ 2, got 2.5'],
    [{ subsetSize: 1 }, 'subsetSize must be an integer ≥ 2, got 1'],
    [{ subsetSize: '10' }, "subsetSize must be an integer ≥ 2, got '10'"],
    [{ gamma: 'x' }, "gamma must be a finite number, or null for 1/d, got 'x'"],
    [{ gamma: Number.NaN }, 'gamma must be a finite number, or null for 1/d, got NaN'],
    [{ gamma: Number.POSITIVE_INFINITY }, 'gamma must be a finite number, or null for 1/d, got Infinity'],
    [{ coefficient: 'x' }, "coefficient must be a finite number, got 'x'"],
    [{ coefficient: Number.NaN }, 'coefficient must be a finite number, got NaN'],
    [{ degree: 0 }, 'degree must be an integer ≥ 1, got 0'],
    [{ degree: 2.5 }, 'degree must be an integer ≥ 1, got 2.5'],
    [{ seed: 1.5 }, 'seed must be an integer, got 1.5'],
    [{ seed: '1' }, "seed must be an integer, got '1'"],
    [{ subsets: 0 }, 'subsets must be a positive integer, got 0'],
  ];
  it.each(refusals)('%o', async (options, detail) => {
    await expect(kernelInceptionDistance(real, fake, { subsets: 1, ...options } as never)).rejects.toThrow(
      new MetricInputError('kernelInceptionDistance', detail),
    );
    expect(() => new KernelInceptionDistance({ subsets: 1, ...options } as never)).toThrow(
      new MetricInputError('KernelInceptionDistance', detail),
    );
  });
  it("gamma null is torchmetrics' None: the default 1/d", async () => {
    expectClose((await kernelInceptionDistance(real, fake, { subsets: 1, gamma: null })).mean, generative.kid, 1e-10);
    expectClose(
      (await kernelInceptionDistance(real, fake, { subsets: 1, degree: 2, gamma: 0.5, coefficient: 0, seed: -3 })).mean,
      generative.kidDegree2,
      1e-10,
    );
  });
});

describe('multioutput weights for a single output throw, as scikit-learn', () => {
  it.each(fixture.customWeightsSingleOutput.map((entry) => [entry.metric, entry.shape, entry] as const))('%s %s', async (_, __, entry) => {
    await expect(metricFunction(entry.metric)(entry.target, entry.prediction, { multioutput: [2] })).rejects.toThrow(
      new MetricInputError(entry.metric, `${entry.error.replace(/\.$/, '')}; got multioutput [2] for one output`),
    );
  });
  it('the streaming classes too, in compute', async () => {
    const statistics = new RegressionMetric('r2Score', { multioutput: [2] });
    await statistics.update([1, 2, 4], [1, 3, 3]);
    expect(() => statistics.compute()).toThrow('r2Score: Custom weights are useful only in multi-output cases');
    const buffered = new BufferedRegressionMetric('medianAbsoluteError', { multioutput: [1] });
    await buffered.update([[1], [2], [4]], [[1], [3], [3]]);
    expect(() => buffered.compute()).toThrow('medianAbsoluteError: Custom weights are useful only in multi-output cases');
  });
  it('weights for several outputs still weigh them: Σ wᵢ sᵢ / Σ wᵢ', async () => {
    const target = [
      [1, 2],
      [2, 5],
      [4, 3],
    ];
    const prediction = [
      [1, 2.5],
      [3, 4],
      [3, 3],
    ];
    const [first, second] = await metrics.r2Score(target, prediction, { multioutput: 'rawValues' });
    expectClose(await metrics.r2Score(target, prediction, { multioutput: [1, 3] }), (first! + 3 * second!) / 4, 1e-15);
  });
});
