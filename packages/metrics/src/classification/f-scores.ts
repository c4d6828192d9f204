import type { MetricInput } from '../input/read-input.js';
import { precisionRecallFScore, type PrecisionRecallFScoreFunctionOptions } from './precision-recall-f-score.js';
import { describeValue, isPlainObject } from '@dl/tensor';
import { refuseExtraArguments, sampleWeightHint } from '../input/extra-arguments.js';
import { MetricInputError } from '../input/metric-error.js';

/** precisionRecallFScore's options (`sampleWeight` included) less `beta`, which each function fixes. */
type ScoreOptions = Omit<PrecisionRecallFScoreFunctionOptions, 'beta'>;

/** Throws unless `options` is an options object: spread with `beta`, a number or a Date would give no options at all. */
function checkOptionsObject(owner: string, options: unknown): void {
  if (!isPlainObject(options)) throw new MetricInputError(owner, `expected an options object, got ${describeValue(options)}`);
}

/**
 * Precision tp / (tp + fp), as scikit-learn's `precision_score`.
 * @example
 * await precision([0, 1, 1, 0], [0, 1, 0, 1]); // 0.5
 */
export async function precision(
  target: MetricInput,
  prediction: MetricInput,
  options: ScoreOptions = {},
  ...extra: never[]
): Promise<number | number[]> {
  refuseExtraArguments('precision', ['target', 'prediction', 'options?'], extra, sampleWeightHint('precision'));
  return (await precisionRecallFScore(target, prediction, options)).precision;
}

/**
 * Recall tp / (tp + fn), as scikit-learn's `recall_score`.
 * @example
 * await recall([0, 1, 1, 0], [0, 1, 0, 1]); // 0.5
 */
export async function recall(
  target: MetricInput,
  prediction: MetricInput,
  options: ScoreOptions = {},
  ...extra: never[]
): Promise<number | number[]> {
  refuseExtraArguments('recall', ['target', 'prediction', 'options?'], extra, sampleWeightHint('recall'));
  return (await precisionRecallFScore(target, prediction, options)).recall;
}

/**
 * F1 = 2 P R / (P + R), as scikit-learn's `f1_score`.
 * @example
 * await f1Score([0, 1, 2, 2], [0, 2, 2, 2], { average: 'micro' }); // 0.75
 */
export async function f1Score(
  target: MetricInput,
  prediction: MetricInput,
  options: ScoreOptions = {},
  ...extra: never[]
): Promise<number | number[]> {
  refuseExtraArguments('f1Score', ['target', 'prediction', 'options?'], extra, sampleWeightHint('f1Score'));
  checkOptionsObject('f1Score', options);
  return (await precisionRecallFScore(target, prediction, { ...options, beta: 1 })).fScore;
}

/**
 * F-beta = (1 + β²) P R / (β² P + R), as scikit-learn's `fbeta_score`.
 * @example
 * await fBetaScore([0, 1, 1, 0], [0, 1, 0, 1], 2); // 0.5
 */
export async function fBetaScore(
  target: MetricInput,
  prediction: MetricInput,
  beta: number,
  options: ScoreOptions = {},
  ...extra: never[]
): Promise<number | number[]> {
  refuseExtraArguments('fBetaScore', ['target', 'prediction', 'beta', 'options?'], extra, sampleWeightHint('fBetaScore'));
  checkOptionsObject('fBetaScore', options);
  return (await precisionRecallFScore(target, prediction, { ...options, beta })).fScore;
}
