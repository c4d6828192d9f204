// Multilabel indicator targets against scikit-learn 1.2.1 (tools/fixtures/metrics_multilabel_reference.py):
// subset accuracy, precision/recall/F and Jaccard with every average (incl. 'samples'), the Hamming loss,
// multilabel_confusion_matrix, ROC AUC and average precision of score matrices, classification_report
// (text and output_dict, with sample weights), and scikit-learn's errors for mixed or unsupported targets.
import { readFileSync } from 'node:fs';
import { pythonFloat, tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import {
  Accuracy,
  PrecisionRecallFScoreMetric,
  RocAuc,
  accuracy,
  averagePrecision,
  classificationReport,
  confusionMatrix,
  matthewsCorrelation,
  f1Score,
  fBetaScore,
  hammingLoss,
  jaccardScore,
  multilabelConfusionMatrix,
  precision,
  precisionRecallFScore,
  recall,
  rocAuc,
  type MetricInput,
} from '../src/index.js';
import { expectClose } from '../src/__fixtures__/reference.js';
import { numpySum } from '../src/classification/numpy-sum.js';

type Options = Record<string, unknown>;
interface Case {
  metric: string;
  data: string;
  weights: string | null;
  options: Options;
  value?: unknown;
  error?: string;
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/multilabel.json', import.meta.url), 'utf8')) as {
  weights: Record<string, number[]>;
  data: Record<string, { target: number[] | number[][]; prediction: number[] | number[][] }>;
  cases: Case[];
  numpySums: { values: number[]; sum: number }[];
  pythonReprs: [number, string][];
};

type Metric = (target: MetricInput, prediction: MetricInput, options: Options) => Promise<unknown>;
const call = (metric: unknown): Metric => metric as Metric;
const metrics: Record<string, Metric> = {
  accuracy: call(accuracy),
  hammingLoss: call(hammingLoss),
  precisionRecallFScore: async (target, prediction, options) => {
    const { precision, recall, fScore, support } = await precisionRecallFScore(target, prediction, options);
    return { precision, recall, fScore, support };
  },
  precision: call(precision),
  recall: call(recall),
  f1Score: call(f1Score),
  fBetaScore: (target, prediction, { beta, ...options }) => fBetaScore(target, prediction, beta as number, options),
  jaccardScore: call(jaccardScore),
  multilabelConfusionMatrix: call(multilabelConfusionMatrix),
  rocAuc: call(rocAuc),
  averagePrecision: call(averagePrecision),
  classificationReport: call(classificationReport),
};

// Every path is float64; sums run in another order than numpy's pairwise ones.
const relative = 1e-12;
const absolute = 1e-14;
const title = ({ metric, data, weights, options }: Case) => `${metric} ${data} ${weights ?? 'unweighted'} ${JSON.stringify(options)}`;
const evaluate = (testCase: Case) => {
  const { target, prediction } = fixture.data[testCase.data]!;
  const sampleWeight = testCase.weights === null ? undefined : fixture.weights[testCase.weights];
  return metrics[testCase.metric]!(target, prediction, { ...testCase.options, ...(sampleWeight ? { sampleWeight } : {}) });
};

describe('multilabel indicator targets against scikit-learn 1.2.1', () => {
  it('covers every metric, weights and errors', () => {
    expect(new Set(fixture.cases.map((testCase) => testCase.metric))).toEqual(new Set(Object.keys(metrics)));
    expect(fixture.cases.filter((testCase) => testCase.error !== undefined).length).toBeGreaterThan(20);
    const target = fixture.data.multilabel!.target as number[][];
    // Some all-zero rows and an all-zero column in the target.
    expect(target.some((row) => row.every((value) => value === 0))).toBe(true);
    expect(target.every((row) => row[4] === 0)).toBe(true);
  });

  for (const metric of Object.keys(metrics))
    describe(metric, () => {
      it.each(
        fixture.cases
          .filter((testCase) => testCase.metric === metric && testCase.data !== 'labelsAgainstMultilabel')
          .map((testCase) => [title(testCase), testCase] as const),
      )('%s', async (_, testCase) => {
        if (testCase.error !== undefined) {
          await expect(evaluate(testCase)).rejects.toThrow(testCase.error);
          return;
        }
        const value = await evaluate(testCase);
        if (metric === 'classificationReport' && typeof testCase.value === 'string') expect(value).toBe(testCase.value);
        else expectClose(value, testCase.value, relative, absolute);
      });
    });
});

describe('multilabel input forms and checks', () => {
  const { target, prediction } = fixture.data.multilabel! as { target: number[][]; prediction: number[][] };
  const weights = fixture.weights.fractional!;
  const expected = (metric: string, options: Options, weightName: string | null = null) =>
    fixture.cases.find(
      (testCase) =>
        testCase.metric === metric &&
        testCase.data === 'multilabel' &&
        testCase.weights === weightName &&
        JSON.stringify(testCase.options) === JSON.stringify(options),
    )!.value;

  it('reads tensors as arrays (target, prediction and sampleWeight)', async () => {
    const targetTensor = tensor(target);
    const predictionTensor = tensor(prediction);
    const sampleWeight = tensor(weights, { dtype: 'float64' });
    expectClose(await accuracy(targetTensor, predictionTensor, { sampleWeight }), expected('accuracy', { normalize: true }, 'fractional'));
    const scores = await precisionRecallFScore(targetTensor, predictionTensor, { average: 'samples', sampleWeight });
    expectClose(scores.fScore, (expected('precisionRecallFScore', { average: 'samples' }, 'fractional') as { fScore: number }).fScore);
    expectClose(
      await multilabelConfusionMatrix(targetTensor, predictionTensor, { samplewise: true }),
      expected('multilabelConfusionMatrix', { samplewise: true }),
    );
    expectClose(await hammingLoss(targetTensor, predictionTensor), expected('hammingLoss', {}));
  });

  it('streams subset accuracy over batches', async () => {
    const streaming = new Accuracy();
    await streaming.update(target.slice(0, 15), prediction.slice(0, 15));
    await streaming.update(target.slice(15), prediction.slice(15));
    expectClose(streaming.compute(), expected('accuracy', { normalize: true }));
  });

  it('reads a 0/1 matrix prediction against a label vector as scores (argmax), the package convention', async () => {
    // scikit-learn refuses this mix ("… a mix of multiclass and multilabel-indicator targets"); here a
    // matrix prediction against labels has always been scores [n, classes].
    const { target: labels, prediction: matrix } = fixture.data.labelsAgainstMultilabel! as { target: number[]; prediction: number[][] };
    const argmax = matrix.map((row) => row.indexOf(Math.max(...row)));
    expect(await jaccardScore(labels, matrix, { average: 'macro' })).toBe(await jaccardScore(labels, argmax, { average: 'macro' }));
    expect(await multilabelConfusionMatrix(labels, matrix)).toEqual(await multilabelConfusionMatrix(labels, argmax));
  });

  it('refuses what scikit-learn refuses', async () => {
    await expect(accuracy(target, prediction, { topK: 2 })).rejects.toThrow(
      "accuracy: y type must be 'binary' or 'multiclass', got 'multilabel-indicator' instead.",
    );
    await expect(
      accuracy(
        [
          [0, 2],
          [1, 0],
        ],
        [
          [0, 2],
          [1, 0],
        ],
      ),
    ).rejects.toThrow('accuracy: multiclass-multioutput is not supported');
    await expect(
      accuracy(
        [
          [0, 1],
          [1, 0],
        ],
        [
          [0, 1, 0],
          [1, 0, 0],
        ],
      ),
    ).rejects.toThrow('accuracy: Multi-label binary indicator input with different numbers of labels');
    await expect(
      rocAuc(
        [
          [0, 2],
          [1, 0],
        ],
        [
          [0.1, 0.2],
          [0.3, 0.4],
        ],
      ),
    ).rejects.toThrow('rocAuc: multiclass-multioutput format is not supported');
    await expect(rocAuc(target, prediction, { multiClass: 'ovr' })).rejects.toThrow('rocAuc: multiClass applies to multiclass labels');
    await expect(precisionRecallFScore(target, prediction, { average: 'micro', numClasses: 4 })).rejects.toThrow(
      'precisionRecallFScore: numClasses is 4 but the multilabel indicator matrices have 5 columns',
    );
    await expect(precisionRecallFScore(target, prediction, { average: 'micro', labels: [0.5] })).rejects.toThrow(
      'precisionRecallFScore: labels[0] = 0.5 is not an integer column index',
    );
  });

  it('checks every new option', async () => {
    await expect(multilabelConfusionMatrix(target, prediction, { sample_wise: true } as never)).rejects.toThrow(
      'multilabelConfusionMatrix: unknown option `sample_wise` (did you mean `samplewise`?)',
    );
    await expect(multilabelConfusionMatrix(target, prediction, { samplewise: 1 } as never)).rejects.toThrow(
      'multilabelConfusionMatrix: samplewise must be a boolean, got 1',
    );
    await expect(classificationReport(target, prediction, { output_dict: true } as never)).rejects.toThrow(
      'classificationReport: unknown option `output_dict` (did you mean `outputDict`?)',
    );
    await expect(classificationReport(target, prediction, { outputDict: 'yes' } as never)).rejects.toThrow(
      'classificationReport: outputDict must be a boolean, got yes',
    );
    await expect(jaccardScore(target, prediction, { average: 'sample' } as never)).rejects.toThrow(
      "jaccardScore: invalid average 'sample'",
    );
    // The streaming forms count label vectors: 'samples' is refused up front, with scikit-learn's message.
    expect(() => new PrecisionRecallFScoreMetric({ average: 'samples' })).toThrow(
      'PrecisionRecallFScoreMetric: Samplewise metrics are not available outside of multilabel classification.',
    );
    expect(() => new RocAuc({ average: 'samples' } as never)).toThrow("RocAuc: invalid average 'samples'");
  });
});

describe('metrics without multilabel support', () => {
  it('say so, as scikit-learn ("multilabel-indicator is not supported")', async () => {
    const { target, prediction } = fixture.data.multilabel!;
    await expect(confusionMatrix(target, prediction)).rejects.toThrow(
      'confusionMatrix: target must be a vector of class labels, got shape [40, 5]; multilabel-indicator is not supported',
    );
    await expect(matthewsCorrelation(target, prediction)).rejects.toThrow('multilabel-indicator is not supported');
  });
});

describe("a weighted support prints as scikit-learn's", () => {
  it.each(fixture.numpySums.map((entry) => [entry.values.length, entry] as const))('np.sum of %i values, bit for bit', (_, entry) => {
    expect(numpySum(entry.values)).toBe(entry.sum);
  });

  it.each(fixture.pythonReprs)("Python's repr(%s) is %s", (value, text) => {
    expect(pythonFloat(value)).toBe(text);
  });
});
