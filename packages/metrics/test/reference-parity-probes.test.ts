// Places where @dl/metrics once differed from scikit-learn 1.2 without a word, found by probing every
// keyword: missing keywords (roc_auc_score's max_fpr and multi_class='ovo', force_finite, log_loss's
// normalize), wrong edge cases (R² of one sample, a confusion matrix over labels none of which is in the
// target, multiclass average precision over a class without samples) and option values that were
// silently replaced by a default. Reference numbers: tools/fixtures/metrics_parity_probes_reference.py.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AveragePrecision,
  ConfusionMatrix,
  CorpusBleu,
  LogLoss,
  MatthewsCorrelation,
  MeanAveragePrecision,
  PrecisionRecallCurveMetric,
  PrecisionRecallFScoreMetric,
  RegressionMetric,
  RocAuc,
  Rouge,
  averagePrecision,
  boxIou,
  classificationReport,
  cocoMeanAveragePrecision,
  confusionMatrix,
  explainedVariance,
  f1Score,
  frechetInceptionDistance,
  logLoss,
  nonMaximumSuppression,
  precision,
  precisionRecallFScore,
  r2Score,
  rocAuc,
  rocCurve,
  rouge,
  sentenceBleu,
  vocMeanAveragePrecision,
  type RegressionMetricName,
} from '../src/index.js';
import { decode, expectClose } from '../src/__fixtures__/reference.js';

interface RatioCase {
  forcedRaw: number[];
  unforcedRaw: (number | string)[];
  unforcedPerfectRaw: (number | string)[];
  unforcedUniform: number | string;
  unforcedVaried?: number;
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/reference-parity-probes.json', import.meta.url), 'utf8')) as {
  binary: { target: number[]; scores: number[]; maxFpr: Record<string, number> };
  multiclass: {
    target: number[];
    probabilities: number[][];
    ovoMacro: number;
    ovoWeighted: number;
    ovrMicro: number;
    ovrMacro: number;
    missingClassTarget: number[];
  };
  regression: {
    oneSample: { target: number[]; prediction: number[]; r2: string };
    constant: {
      target: number[][];
      prediction: number[][];
      perfectPrediction: number[][];
      r2Score: RatioCase;
      explainedVariance: RatioCase;
    };
  };
  logLoss: { target: number[]; probabilities: number[][]; sum: number; auto: number; mean: number };
  confusion: { target: number[]; prediction: number[]; labelsNotInTarget: number[]; withAbsentLabel: number[][] };
  boxes: { boxesCxcywh: number[][]; otherBoxesCxcywh: number[][]; iou: number[][] };
};
const call = (metric: unknown, ...values: unknown[]) => (metric as (...a: unknown[]) => Promise<unknown>)(...values);

describe("rocAuc's scikit-learn keywords (maxFpr, multiClass, average 'micro')", () => {
  const { binary, multiclass } = fixture;

  it('maxFpr gives the McClish-standardized partial AUC (the option was refused)', async () => {
    for (const [maxFpr, expected] of Object.entries(binary.maxFpr))
      expectClose(await rocAuc(binary.target, binary.scores, { maxFpr: Number(maxFpr) }), expected, 1e-12);
    const streaming = new RocAuc({ maxFpr: 0.25 });
    await streaming.update(binary.target.slice(0, 5), binary.scores.slice(0, 5));
    await streaming.update(binary.target.slice(5), binary.scores.slice(5));
    expectClose(streaming.compute(), binary.maxFpr['0.25'], 1e-12);
  });

  it("multiClass 'ovo' averages both AUCs of every class pair, macro or weighted by the pair's samples", async () => {
    const { target, probabilities } = multiclass;
    expectClose(await rocAuc(target, probabilities, { multiClass: 'ovo' }), multiclass.ovoMacro, 1e-12);
    expectClose(await rocAuc(target, probabilities, { multiClass: 'ovo', average: 'weighted' }), multiclass.ovoWeighted, 1e-12);
    expectClose(await rocAuc(target, probabilities, { multiClass: 'ovr' }), multiclass.ovrMacro, 1e-12);
  });

  it("average 'micro' pools every (sample, class) pair (it gave the macro average)", async () => {
    const { target, probabilities } = multiclass;
    expectClose(await rocAuc(target, probabilities, { average: 'micro' }), multiclass.ovrMicro, 1e-12);
  });

  it('refuses what scikit-learn refuses, and unknown values', async () => {
    const { target, probabilities } = multiclass;
    await expect(rocAuc(target, probabilities, { multiClass: 'ovo', average: 'micro' })).rejects.toThrow(
      "rocAuc: average 'micro' applies to multiClass 'ovr' only",
    );
    await expect(rocAuc(target, probabilities, { maxFpr: 0.5 })).rejects.toThrow(
      'rocAuc: maxFpr (partial AUC) is defined for binary scores only',
    );
    await expect(rocAuc(fixture.binary.target, fixture.binary.scores, { maxFpr: 0 })).rejects.toThrow(
      'rocAuc: maxFpr must be in (0, 1], got 0',
    );
    await expect(call(rocAuc, target, probabilities, { average: 'mean' })).rejects.toThrow(
      "rocAuc: invalid average 'mean'; expected one of 'macro', 'weighted', 'micro', 'samples', 'none'",
    );
    // 'samples' is for multilabel targets (test/multilabel.test.ts); multiclass input gets scikit-learn's error.
    await expect(call(rocAuc, target, probabilities, { average: 'samples' })).rejects.toThrow(
      "rocAuc: average must be one of ('micro', 'macro', 'weighted', None) for multiclass problems",
    );
    await expect(call(rocAuc, target, probabilities, { multi_class: 'ovo' })).rejects.toThrow('did you mean `multiClass`?');
    await expect(call(rocAuc, target, probabilities, { max_fpr: 0.5 })).rejects.toThrow('did you mean `maxFpr`?');
    expect(() => new RocAuc({ multiClass: 'ovx' as never })).toThrow("RocAuc: invalid multiClass 'ovx'");
  });
});

describe('averagePrecision over classes', () => {
  it('a score column without samples in the target is an error (it counted as AP 0 in the macro mean)', async () => {
    const { missingClassTarget, probabilities } = fixture.multiclass;
    const scores = probabilities.slice(0, missingClassTarget.length);
    await expect(averagePrecision(missingClassTarget, scores)).rejects.toThrow(
      'averagePrecision: target has samples of 3 classes but scores have 4 columns',
    );
    const streaming = new AveragePrecision({ average: 'weighted' });
    await streaming.update(missingClassTarget, scores);
    expect(() => streaming.compute()).toThrow('averagePrecision: target has samples of 3 classes');
  });

  it('an unknown average is refused (it gave the macro average)', async () => {
    const { target, probabilities } = fixture.multiclass;
    await expect(call(averagePrecision, target, probabilities, { average: 'mean' })).rejects.toThrow(
      "averagePrecision: invalid average 'mean'",
    );
    // 'samples' is for multilabel targets (test/multilabel.test.ts).
    await expect(call(averagePrecision, target, probabilities, { average: 'samples' })).rejects.toThrow(
      'multiclass format is not supported',
    );
    expect(() => new AveragePrecision({ average: 'none' as never })).toThrow("AveragePrecision: invalid average 'none'");
  });
});

describe("r2Score and explainedVariance's edge cases", () => {
  const { oneSample, constant } = fixture.regression;

  it('R² of a single sample is NaN, as scikit-learn (it was 0 or 1)', async () => {
    expect(decode<number>(oneSample.r2)).toBeNaN();
    expect(await r2Score(oneSample.target, oneSample.prediction)).toBeNaN();
    expect(await r2Score(oneSample.target, oneSample.target)).toBeNaN();
    const streaming = new RegressionMetric('r2Score');
    await streaming.update(oneSample.target, oneSample.prediction);
    expect(streaming.compute()).toBeNaN();
  });

  for (const name of ['r2Score', 'explainedVariance'] as const)
    it(`${name}'s forceFinite: false keeps NaN and -Infinity for a constant target (the option was refused)`, async () => {
      const metric = name === 'r2Score' ? r2Score : explainedVariance;
      const expected = constant[name];
      expectClose(await metric(constant.target, constant.prediction, { multioutput: 'rawValues' }), expected.forcedRaw, 1e-12);
      expectClose(
        await metric(constant.target, constant.prediction, { multioutput: 'rawValues', forceFinite: false }),
        expected.unforcedRaw,
        1e-12,
      );
      expectClose(
        await metric(constant.target, constant.perfectPrediction, { multioutput: 'rawValues', forceFinite: false }),
        expected.unforcedPerfectRaw,
        1e-12,
      );
      expectClose(await metric(constant.target, constant.prediction, { forceFinite: false }), expected.unforcedUniform, 1e-12);
      const streaming = new RegressionMetric(name, { forceFinite: false, multioutput: 'rawValues' });
      await streaming.update(constant.target, constant.prediction);
      expectClose(streaming.compute(), expected.unforcedRaw, 1e-12);
    });

  it('forceFinite: false leaves a varied target alone; other metrics refuse it; RegressionMetric checks its name', async () => {
    expectClose(await r2Score([1, 2, 4], [1.5, 2, 3], { forceFinite: false }), constant.r2Score.unforcedVaried!, 1e-12);
    await expect(call(r2Score, [1, 2, 4], [1.5, 2, 3], { force_finite: false })).rejects.toThrow('did you mean `forceFinite`?');
    await expect(call(r2Score, [1, 2, 4], [1.5, 2, 3], { forceFinite: 'no' })).rejects.toThrow('r2Score: forceFinite must be a boolean');
    expect(() => new RegressionMetric('meanAbsoluteError', { forceFinite: false } as never)).toThrow(
      'meanAbsoluteError: unknown option `forceFinite`',
    );
    expect(() => new RegressionMetric('maxError' as RegressionMetricName)).toThrow("RegressionMetric: unknown metric 'maxError'");
  });
});

describe("logLoss's normalize and eps", () => {
  const { target, probabilities } = fixture.logLoss;

  it('normalize: false is the summed loss (the option was refused); eps "auto" is the default', async () => {
    expectClose(await logLoss(target, probabilities, { normalize: false }), fixture.logLoss.sum, 1e-12);
    expectClose(await logLoss(target, probabilities, { eps: 'auto' }), fixture.logLoss.auto, 1e-12);
    expectClose(await logLoss(target, probabilities), fixture.logLoss.mean, 1e-12);
    const streaming = new LogLoss({ normalize: false });
    await streaming.update(target.slice(0, 2), probabilities.slice(0, 2));
    await streaming.update(target.slice(2), probabilities.slice(2));
    expectClose(streaming.compute(), fixture.logLoss.sum, 1e-12);
  });

  it('an eps outside [0, 0.5) is refused (0.7 clipped every probability to 0.3)', async () => {
    await expect(logLoss(target, probabilities, { eps: 0.7 })).rejects.toThrow(
      "logLoss: eps must be 'auto' or a number in [0, 0.5), got 0.7",
    );
    await expect(call(logLoss, target, probabilities, { eps: 'float32' })).rejects.toThrow("got 'float32'");
  });
});

describe('confusionMatrix', () => {
  const { target, prediction, labelsNotInTarget, withAbsentLabel } = fixture.confusion;

  it('labels none of which is in the target are an error, as scikit-learn (it gave zeros)', async () => {
    await expect(confusionMatrix(target, prediction, { labels: labelsNotInTarget })).rejects.toThrow(
      'confusionMatrix: none of labels [5, 6] occurs in target',
    );
    const streaming = new ConfusionMatrix({ labels: labelsNotInTarget });
    await streaming.update(target, prediction);
    expect(() => streaming.compute()).toThrow('none of labels [5, 6] occurs in target');
    expect(await confusionMatrix(target, prediction, { labels: [1, 2, 7] })).toEqual(withAbsentLabel);
  });

  it('an unknown normalize is refused (it gave the raw counts)', async () => {
    await expect(call(confusionMatrix, target, prediction, { normalize: 'rows' })).rejects.toThrow(
      "confusionMatrix: invalid normalize 'rows'; expected one of 'true', 'pred', 'all'",
    );
    expect(() => new ConfusionMatrix({ normalize: true as never })).toThrow('ConfusionMatrix: invalid normalize true');
  });
});

describe('precision, recall and F-scores refuse values they used to replace', () => {
  const target = [0, 1, 2, 2, 1, 0];
  const prediction = [0, 2, 2, 2, 0, 0];

  it("average 'samples', null or 'Macro' (they gave the macro average or 'binary')", async () => {
    // 'samples' is for multilabel targets (test/multilabel.test.ts); label vectors get scikit-learn's error.
    await expect(call(precisionRecallFScore, target, prediction, { average: 'samples' })).rejects.toThrow(
      'precisionRecallFScore: Samplewise metrics are not available outside of multilabel classification.',
    );
    await expect(call(precisionRecallFScore, target, prediction, { average: 'mean' })).rejects.toThrow(
      "precisionRecallFScore: invalid average 'mean'; expected one of 'binary', 'micro', 'macro', 'weighted', 'samples', 'none'",
    );
    await expect(call(precisionRecallFScore, target, prediction, { average: null })).rejects.toThrow('invalid average null');
    await expect(call(f1Score, target, prediction, { average: 'Macro' })).rejects.toThrow("invalid average 'Macro'");
    expect(() => new PrecisionRecallFScoreMetric({ average: 'samples' })).toThrow(
      'PrecisionRecallFScoreMetric: Samplewise metrics are not available outside of multilabel classification.',
    );
  });

  it("zeroDivision 'warn' or 2, a beta that is not a number, labels that are not class labels (they gave NaN or 2)", async () => {
    await expect(call(precision, [0, 0], [0, 0], { average: 'macro', labels: [1], zeroDivision: 'warn' })).rejects.toThrow(
      "zeroDivision must be 0 or 1 (scikit-learn's 'warn' is 0 here), got 'warn'",
    );
    await expect(call(precision, [0, 0], [0, 0], { average: 'macro', labels: [1], zeroDivision: 2 })).rejects.toThrow('got 2');
    await expect(call(precisionRecallFScore, target, prediction, { average: 'macro', beta: '2' })).rejects.toThrow(
      'beta must be a number >= 0',
    );
    await expect(precisionRecallFScore(target, prediction, { average: 'none', labels: [-1, 1] })).rejects.toThrow(
      'precisionRecallFScore: labels[0] = -1 is not a non-negative integer class label',
    );
    await expect(call(classificationReport, target, prediction, { zeroDivision: 'warn' })).rejects.toThrow(
      'classificationReport: zeroDivision must be 0 or 1',
    );
    await expect(classificationReport(target, prediction, { digits: -1 })).rejects.toThrow(
      'classificationReport: digits must be an integer in [0, 40], got -1',
    );
  });
});

describe('options that were ignored without a word', () => {
  it("rocCurve's options are checked (drop_intermediate and pos_label gave the default curve)", async () => {
    const [target, scores] = [
      [0, 0, 1, 1],
      [0.1, 0.4, 0.35, 0.8],
    ];
    await expect(call(rocCurve, target, scores, { drop_intermediate: false })).rejects.toThrow(
      'rocCurve: unknown option `drop_intermediate` (did you mean `dropIntermediate`?)',
    );
    await expect(call(rocCurve, target, scores, { pos_label: 0 })).rejects.toThrow('rocCurve: unknown option `pos_label`');
    await expect(call(rocCurve, target, scores, { dropIntermediate: 'no' })).rejects.toThrow(
      'rocCurve: dropIntermediate must be a boolean',
    );
  });

  it('streaming classes and functions that take no options say so', async () => {
    expect(() => new (PrecisionRecallCurveMetric as unknown as new (options: unknown) => unknown)({ pos_label: 1 })).toThrow(
      'PrecisionRecallCurveMetric: unknown option `pos_label`. It takes no options',
    );
    expect(() => new (MatthewsCorrelation as unknown as new (options: unknown) => unknown)({ sample_weight: [1] })).toThrow(
      'MatthewsCorrelation: unknown option `sample_weight`',
    );
    expect(() => call(rouge, 'a b', 'a b', { use_stemmer: true })).toThrow('rouge: unknown option `use_stemmer`. It takes no options');
    expect(() => new (Rouge as unknown as new (options: unknown) => unknown)({ use_stemmer: true })).toThrow('Rouge: unknown option');
    await expect(call(frechetInceptionDistance, [[0], [1], [2]], [[0], [1], [2]], { eps: 1e-6 })).rejects.toThrow(
      'unknown option `eps`. It takes no options',
    );
  });

  it('BLEU: a smoothing method outside 0-7 and weights that are not numbers (a TypeError, NaN and 1)', () => {
    const references = [['a', 'b', 'c', 'd']];
    const hypothesis = ['a', 'b', 'c', 'e'];
    expect(() => sentenceBleu(references, hypothesis, { smoothing: 8 as never })).toThrow(
      'sentenceBleu: smoothing must be an NLTK smoothing method 0-7, got 8',
    );
    expect(() => sentenceBleu(references, hypothesis, { weights: ['a'] as never })).toThrow(
      'weights must be a non-empty array of finite numbers',
    );
    expect(() => sentenceBleu(references, hypothesis, { weights: [] })).toThrow('weights must be a non-empty array');
    expect(() => new CorpusBleu({ autoReweigh: 'yes' as never })).toThrow('CorpusBleu: autoReweigh must be a boolean');
  });
});

describe('detection options', () => {
  const predictions = [{ boxes: [[5, 5, 10, 10]], scores: [0.9], labels: [0] }];
  const targets = [{ boxes: [[5, 5, 10, 8]], labels: [0] }];

  it("format 'cxcywh' reads centers and sizes (it was read as xyxy), against the closed form", async () => {
    const { boxesCxcywh, otherBoxesCxcywh, iou } = fixture.boxes;
    expectClose(await boxIou(boxesCxcywh, otherBoxesCxcywh, { format: 'cxcywh' }), iou, 1e-12);
    // The same boxes as xyxy corners give the same detection result.
    const asCorners = [{ boxes: [[0, 0, 10, 10]], scores: [0.9], labels: [0] }];
    const targetCorners = [{ boxes: [[0, 1, 10, 9]], labels: [0] }];
    expect(await cocoMeanAveragePrecision(predictions, targets, { format: 'cxcywh' })).toEqual(
      await cocoMeanAveragePrecision(asCorners, targetCorners),
    );
  });

  it('unknown formats, styles and out-of-range values are refused (they were used or ignored)', async () => {
    await expect(call(boxIou, [[0, 0, 1, 1]], [[0, 0, 1, 1]], { format: 'XYWH' })).rejects.toThrow(
      "boxIou: invalid format 'XYWH'; expected one of 'xyxy', 'xywh', 'cxcywh'",
    );
    await expect(call(nonMaximumSuppression, [[0, 0, 1, 1]], [0.5], { format: 'yxyx' })).rejects.toThrow(
      "nonMaximumSuppression: invalid format 'yxyx'",
    );
    await expect(vocMeanAveragePrecision(predictions, targets, { iouThreshold: 2 })).rejects.toThrow(
      'vocMeanAveragePrecision: iouThreshold must be a number in [0, 1], got 2',
    );
    await expect(call(vocMeanAveragePrecision, predictions, targets, { elevenPoint: 'yes' })).rejects.toThrow(
      'elevenPoint must be a boolean',
    );
    await expect(cocoMeanAveragePrecision(predictions, targets, { maxDetections: 0 })).rejects.toThrow(
      'cocoMeanAveragePrecision: maxDetections must be a positive integer, got 0',
    );
    expect(() => new MeanAveragePrecision({ style: 'kitti' as never })).toThrow(
      "MeanAveragePrecision: invalid style 'kitti'; expected one of 'voc', 'coco'",
    );
  });
});
