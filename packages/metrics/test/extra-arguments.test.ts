// An argument after the ones a metric takes is an error, never dropped: with scikit-learn's habits it
// is sample_weight (`accuracy(y, ŷ, {}, w)`, `new Accuracy().update(y, ŷ, w)`) or NLTK's
// smoothing_function, and dropping it gave unweighted, unsmoothed results. Every exported function and
// streaming class is enumerated from the package's exports, so a metric added later without an entry
// below fails the coverage test instead of going unchecked. Trailing `undefined` arguments are allowed
// (wrappers forward optional parameters they were not given).
import { describe, expect, it } from 'vitest';
import * as metrics from '../src/index.js';
import {
  Accuracy,
  BufferedRegressionMetric,
  CorpusBleu,
  MetricInputError,
  RegressionMetric,
  accuracy,
  maxError,
  meanSquaredError,
  sentenceBleu,
} from '../src/index.js';

type Callable = (...values: unknown[]) => unknown;
type Constructor = new (...values: unknown[]) => { update: Callable; compute: Callable; reset: Callable };

const labels = [0, 1, 1, 0];
const predictedLabels = [0, 1, 0, 0];
const binaryScores = [0.1, 0.8, 0.35, 0.4];
// rows [1 − s, s]: class probabilities that sum to one, as logLoss and the Inception Score need
const probabilities = binaryScores.map((score) => [1 - score, score]);
// positive, so the Poisson and Gamma deviances and the squared log error are defined
const regressionTarget = [3, 0.5, 2, 7];
const regressionPrediction = [2.5, 1, 2, 8];
const realFeatures = [0, 1, 2].map((row) => [row % 2, row >> 1]);
const fakeFeatures = realFeatures.map(([first, second]) => [first! + 1, second! + 1]);
const clusterLabels = [0, 0, 1, 1];
const otherClusterLabels = [0, 0, 1, 2];
// two well separated clusters of two samples each
const samples = clusterLabels.map((label, row) => [5 * label, row % 2]);
const detectionPredictions = [{ boxes: [[0, 0, 10, 10]], scores: [0.9], labels: [0] }];
const detectionTargets = [{ boxes: [[0, 0, 10, 10]], labels: [0] }];
// one image of one row of four pixels
const segmentationTarget = [labels];
const segmentationPrediction = [predictedLabels];
const logits = [0, 1].map(() => [0, 0]);
const reference = ['the', 'cat', 'sat', 'on', 'the', 'mat'];
const hypothesis = ['the', 'cat', 'sat', 'on', 'a', 'mat'];

const labelCall = () => [labels, predictedLabels, {}];
const scoreCall = () => [labels, binaryScores, {}];
const regressionCall = () => [regressionTarget, regressionPrediction, {}];
const clusteringCall = () => [clusterLabels, otherClusterLabels, {}];
const samplesCall = () => [samples, clusterLabels, {}];

/** Every argument each exported function takes, options object included, for a call that succeeds. */
const functionCalls: Record<string, () => unknown[]> = {
  accuracy: labelCall,
  precisionRecallFScore: labelCall,
  precision: labelCall,
  recall: labelCall,
  f1Score: labelCall,
  fBetaScore: () => [labels, predictedLabels, 2, {}],
  confusionMatrix: labelCall,
  balancedAccuracy: labelCall,
  matthewsCorrelation: labelCall,
  rocCurve: scoreCall,
  rocAuc: scoreCall,
  precisionRecallCurve: scoreCall,
  averagePrecision: scoreCall,
  logLoss: () => [labels, probabilities, {}],
  classificationReport: labelCall,
  cohenKappaScore: labelCall,
  jaccardScore: labelCall,
  hammingLoss: labelCall,
  multilabelConfusionMatrix: labelCall,
  meanSquaredError: regressionCall,
  rootMeanSquaredError: regressionCall,
  meanAbsoluteError: regressionCall,
  meanAbsolutePercentageError: regressionCall,
  r2Score: regressionCall,
  explainedVariance: regressionCall,
  meanSquaredLogError: regressionCall,
  medianAbsoluteError: regressionCall,
  maxError: regressionCall,
  meanPinballLoss: regressionCall,
  meanTweedieDeviance: regressionCall,
  meanPoissonDeviance: regressionCall,
  meanGammaDeviance: regressionCall,
  d2AbsoluteErrorScore: regressionCall,
  d2PinballScore: regressionCall,
  d2TweedieScore: regressionCall,
  boxIou: () => [[[0, 0, 2, 2]], [[1, 1, 3, 3]], {}],
  nonMaximumSuppression: () => [[0, 1].map((offset) => [offset, offset, 10 + offset, 10 + offset]), [0.9, 0.8], {}],
  vocMeanAveragePrecision: () => [detectionPredictions, detectionTargets, {}],
  cocoMeanAveragePrecision: () => [detectionPredictions, detectionTargets, {}],
  segmentationScores: () => [segmentationTarget, segmentationPrediction, { numClasses: 2 }],
  perplexity: () => [[0, 1], logits, {}],
  perplexityFromLoss: () => [Math.log(2)],
  sentenceBleu: () => [[reference], hypothesis, {}],
  corpusBleu: () => [[[reference]], [hypothesis], {}],
  rouge: () => ['the cat sat', 'the cat lay', {}],
  rougeTokenize: () => ['The cat'],
  frechetInceptionDistance: () => [realFeatures, fakeFeatures, {}],
  frechetDistanceFromMoments: () => [Float64Array.of(0), Float64Array.of(1), Float64Array.of(1), Float64Array.of(1)],
  kernelInceptionDistance: () => [realFeatures, fakeFeatures, { subsets: 1, subsetSize: 2 }],
  inceptionScore: () => [probabilities, { splits: 1 }],
  generativePrecisionRecall: () => [realFeatures, fakeFeatures, { k: 1 }],
  contingencyMatrix: clusteringCall,
  pairConfusionMatrix: clusteringCall,
  randScore: clusteringCall,
  adjustedRandScore: clusteringCall,
  mutualInfoScore: clusteringCall,
  normalizedMutualInfoScore: clusteringCall,
  adjustedMutualInfoScore: clusteringCall,
  homogeneityCompletenessVMeasure: clusteringCall,
  homogeneityScore: clusteringCall,
  completenessScore: clusteringCall,
  vMeasureScore: clusteringCall,
  fowlkesMallowsScore: clusteringCall,
  silhouetteSamples: samplesCall,
  silhouetteScore: samplesCall,
  calinskiHarabaszScore: samplesCall,
  daviesBouldinScore: samplesCall,
};

/** A streaming class's constructor arguments and the update calls after which `compute` succeeds. */
interface StreamingCase {
  construct: unknown[];
  updates: unknown[][];
}

const labelBatches: StreamingCase = { construct: [{}], updates: [[labels, predictedLabels]] };
const scoreBatches: StreamingCase = { construct: [{}], updates: [[labels, binaryScores]] };
const featureBatches = (options: object): StreamingCase => ({
  construct: [options],
  updates: [
    [realFeatures, 'real'],
    [fakeFeatures, 'fake'],
  ],
});

const streamingCases: Record<string, StreamingCase> = {
  Accuracy: labelBatches,
  PrecisionRecallFScoreMetric: labelBatches,
  ConfusionMatrix: labelBatches,
  BalancedAccuracy: labelBatches,
  MatthewsCorrelation: labelBatches,
  CohenKappaScore: labelBatches,
  JaccardScore: labelBatches,
  HammingLoss: labelBatches,
  RocCurveMetric: scoreBatches,
  RocAuc: scoreBatches,
  PrecisionRecallCurveMetric: scoreBatches,
  AveragePrecision: scoreBatches,
  LogLoss: { construct: [{}], updates: [[labels, probabilities]] },
  RegressionMetric: { construct: ['meanSquaredError', {}], updates: [[regressionTarget, regressionPrediction]] },
  BufferedRegressionMetric: { construct: ['medianAbsoluteError', {}], updates: [[regressionTarget, regressionPrediction]] },
  MeanAveragePrecision: { construct: [{}], updates: [[detectionPredictions, detectionTargets]] },
  SegmentationMetric: { construct: [{ numClasses: 2 }], updates: [[segmentationTarget, segmentationPrediction]] },
  Perplexity: { construct: [{}], updates: [[[0, 1], logits]] },
  CorpusBleu: { construct: [{}], updates: [[[[reference]], [hypothesis]]] },
  Rouge: { construct: [{}], updates: [[['the cat sat'], ['the cat lay']]] },
  FrechetInceptionDistance: featureBatches({}),
  KernelInceptionDistance: featureBatches({ subsets: 1, subsetSize: 2 }),
  InceptionScore: { construct: [{ splits: 1 }], updates: [[probabilities]] },
  GenerativePrecisionRecallMetric: featureBatches({ k: 1 }),
};

const isClass = (value: unknown) => typeof value === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(value));
const exported = Object.entries(metrics as Record<string, unknown>);
const exportedFunctions = exported.filter(([, value]) => typeof value === 'function' && !isClass(value)).map(([name]) => name);
const exportedStreamingClasses = exported
  .filter(([, value]) => isClass(value) && typeof (value as { prototype: { update?: unknown } }).prototype.update === 'function')
  .map(([name]) => name);

const exportNamed = (name: string) => (metrics as Record<string, unknown>)[name];
/** Calls `name` with `values`; a synchronous throw becomes a rejection, as an async metric's error is one. */
const callFunction = async (name: string, values: unknown[]) => (exportNamed(name) as Callable)(...values);
const extraArgument = [1, 1, 1, 1];
// owners are names and dots only ('Accuracy.update'): the dot is the one character to escape
const refusal = (owner: string) => new RegExp(`^${owner.replace('.', '\\.')}: takes (\\(|no arguments)`);

describe('every export is covered', () => {
  it('lists each exported function and streaming class', () => {
    expect(exportedFunctions.length).toBeGreaterThan(60);
    expect(exportedStreamingClasses.length).toBeGreaterThan(20);
    expect(exportedFunctions.filter((name) => !(name in functionCalls))).toEqual([]);
    expect(exportedStreamingClasses.filter((name) => !(name in streamingCases))).toEqual([]);
  });
});

describe('metric functions refuse an argument after their options', () => {
  it.each(Object.keys(functionCalls))('%s', async (name) => {
    const values = functionCalls[name]!();
    await expect(callFunction(name, [...values, extraArgument])).rejects.toThrow(refusal(name));
    await expect(callFunction(name, [...values, undefined, extraArgument])).rejects.toThrow(refusal(name));
    await expect(callFunction(name, [...values, undefined, undefined])).resolves.toBeDefined();
  });
});

describe('streaming classes refuse extra arguments in every method', () => {
  it.each(Object.keys(streamingCases))('%s', async (name) => {
    const { construct, updates } = streamingCases[name]!;
    const Metric = exportNamed(name) as Constructor;
    expect(() => new Metric(...construct, extraArgument)).toThrow(refusal(name));
    const metric = new Metric(...construct, undefined);
    await expect(metric.update(...updates[0]!, extraArgument)).rejects.toThrow(refusal(`${name}.update`));
    for (const batch of updates) await metric.update(...batch, undefined);
    expect(() => metric.compute(extraArgument)).toThrow(refusal(`${name}.compute`));
    const value = metric.compute(undefined);
    // the refused update counted nothing: the same batches in a fresh metric give the same value
    const fresh = new Metric(...construct);
    for (const batch of updates) await fresh.update(...batch);
    expect(fresh.compute()).toEqual(value);
    expect(() => metric.reset(extraArgument)).toThrow(refusal(`${name}.reset`));
    metric.reset(undefined);
  });
});

describe('the messages say what the metric takes and where the argument belongs', () => {
  const weights = [1, 1, 2, 2];
  it("a streaming class's update points at the function's sampleWeight", async () => {
    const metric = new Accuracy();
    // @ts-expect-error: the streaming classes take no sample weights, a compile error too
    const refused = metric.update([0, 1, 1, 0], [0, 1, 0, 1], weights);
    await expect(refused).rejects.toThrow(
      new MetricInputError(
        'Accuracy.update',
        'takes (target, prediction), got 3 arguments; the streaming classes take no sampleWeight (the function accuracy(y, ŷ, { sampleWeight }) does)',
      ),
    );
    await expect(refused).rejects.toBeInstanceOf(MetricInputError);
    await expect(new RegressionMetric('r2Score').update([1, 2], [1, 2], weights as never)).rejects.toThrow(
      'the function r2Score(y, ŷ, { sampleWeight }) does',
    );
    // the refused batch counted nothing
    await metric.update([0, 1, 1, 1], [0, 1, 1, 0]);
    expect(metric.compute()).toBe(0.75);
  });
  it('a function points at its options object', async () => {
    await expect(accuracy([0, 1, 1, 0], [0, 1, 0, 1], {}, weights as never)).rejects.toThrow(
      'accuracy: takes (target, prediction, options?), got 4 arguments; sample weights go in the options object: accuracy(y, ŷ, { sampleWeight })',
    );
    // @ts-expect-error: the regression functions take three arguments, a compile error too
    await expect(meanSquaredError([1, 2], [1, 3], {}, weights)).rejects.toThrow(
      'sample weights go in the options object: meanSquaredError(y, ŷ, { sampleWeight })',
    );
  });
  it('maxError says it takes no sampleWeight, in either form', async () => {
    // @ts-expect-error: maxError takes three arguments, a compile error too
    await expect(maxError([1, 2], [1, 3], {}, weights)).rejects.toThrow(
      "maxError: takes (target, prediction, options?), got 4 arguments; maxError takes no sampleWeight (scikit-learn 1.2's max_error has none)",
    );
    await expect(new BufferedRegressionMetric('maxError').update([1, 2], [1, 3], weights as never)).rejects.toThrow(
      "maxError takes no sampleWeight (scikit-learn 1.2's max_error has none)",
    );
  });
  it("BLEU says how NLTK's smoothing_function is given", () => {
    const smoothingFunction = () => 0;
    expect(() => sentenceBleu([reference], hypothesis, { weights: [0.5, 0.5] }, smoothingFunction as never)).toThrow(
      "sentenceBleu: takes (references, hypothesis, options?), got 4 arguments; NLTK's smoothing_function is the option { smoothing: 0-7 }",
    );
    expect(() => new CorpusBleu({}, smoothingFunction as never)).toThrow('CorpusBleu: takes (options?), got 2 arguments');
  });
  it('methods without arguments say so', () => {
    expect(() => new Accuracy().compute(1 as never)).toThrow('Accuracy.compute: takes no arguments, got 1 argument');
    expect(() => new Accuracy().reset(undefined as never, true as never)).toThrow('Accuracy.reset: takes no arguments, got 2 arguments');
  });
});
