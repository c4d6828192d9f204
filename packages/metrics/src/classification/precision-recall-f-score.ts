import { checkChoice, checkOptions, choicesOf } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import type { MetricInput } from '../input/read-input.js';
import { readSampleWeight, type SampleWeightOption } from '../input/sample-weight.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { readPredictedLabels, readTargetLabels } from './class-labels.js';
import { ConfusionCounts } from './confusion-counts.js';
import { readConfusionCounts } from './read-confusion-counts.js';
import { perClassCounts } from './per-class-counts.js';
import { scoredLabels } from './scored-labels.js';
import { multilabelAverageCounts } from './multilabel-counts.js';
import { readClassificationInput, type IndicatorMatrices } from './multilabel-input.js';
import { precisionRecallFScoreFromSums } from './precision-recall-from-sums.js';
import { refuseExtraArguments, sampleWeightHint, streamingSampleWeightHint } from '../input/extra-arguments.js';

/**
 * How per-class scores are combined, as scikit-learn's `average` (`'none'` is its `None`: one score per
 * label; `'samples'`, multilabel indicator input only, averages the scores of each sample).
 */
export type Average = 'binary' | 'micro' | 'macro' | 'weighted' | 'samples' | 'none';

export interface PrecisionRecallFScoreOptions {
  /** Default `'binary'`: the scores of `positiveLabel` only (multilabel input needs another average). */
  average?: Average;
  /** F-beta's beta (default 1: F1). `Infinity` gives recall. */
  beta?: number;
  /** The value of a score whose denominator is zero (scikit-learn's `zero_division`, default 0). */
  zeroDivision?: 0 | 1;
  /** The positive label of `average: 'binary'` (default 1). */
  positiveLabel?: number;
  /** Labels 0..numClasses-1 (else the labels present in target or prediction). */
  numClasses?: number;
  /** An explicit label set (overrides numClasses); for multilabel input, the columns scored. */
  labels?: readonly number[];
}

/** The function's options: the streaming class's plus scikit-learn's `sample_weight`. */
export interface PrecisionRecallFScoreFunctionOptions extends PrecisionRecallFScoreOptions, SampleWeightOption {}

/** Scores for `average: 'none'` are arrays (one per label); otherwise numbers. `support` is given per label only. */
export interface PrecisionRecallFScore<Score = number | number[]> {
  precision: Score;
  recall: Score;
  fScore: Score;
  support: number[] | null;
  labels: number[];
}

const metric = 'precisionRecallFScore';

const optionNames = ['average', 'beta', 'zeroDivision', 'positiveLabel', 'numClasses', 'labels'];

/**
 * Checks the option names and values: an `average` scikit-learn does not have (its `None` is
 * `'none'` here), a `zeroDivision` other than 0 or 1 or a beta that
 * is not a number used to fall back to a default or give NaN without a word.
 */
export function checkPrecisionRecallFScoreOptions(name: string, options: PrecisionRecallFScoreOptions, accepted = optionNames): void {
  checkOptions(name, options, accepted);
  if (options.average !== undefined)
    checkChoice(name, 'average', options.average, choicesOf('binary', 'micro', 'macro', 'weighted', 'samples', 'none'));
  checkZeroDivision(name, options.zeroDivision);
  const { beta, positiveLabel } = options;
  check(beta === undefined || (typeof beta === 'number' && beta >= 0), name, () => `beta must be a number >= 0, got ${String(beta)}`);
  check(
    positiveLabel === undefined || (Number.isInteger(positiveLabel) && positiveLabel >= 0),
    name,
    () => `positiveLabel must be a non-negative integer label, got ${String(positiveLabel)}`,
  );
}

/** scikit-learn's zero_division takes 0, 1 or 'warn' (0 with a warning); 'warn' is spelled 0 here. */
export function checkZeroDivision(name: string, zeroDivision: unknown): void {
  check(
    zeroDivision === undefined || zeroDivision === 0 || zeroDivision === 1,
    name,
    () =>
      `zeroDivision must be 0 or 1 (scikit-learn's 'warn' is 0 here), got ${typeof zeroDivision === 'string' ? `'${zeroDivision}'` : String(zeroDivision)}`,
  );
}

/**
 * Precision tp/(tp+fp), recall tp/(tp+fn) and F-beta (1+β²)·P·R/(β²·P+R) from accumulated counts,
 * following scikit-learn 1.2's `precision_recall_fscore_support` (including `zero_division`). With
 * sample weights every count is a sum of weights (tp = Σ wᵢ over true positives, …), so 'weighted'
 * averages by the weighted support and `support` is weighted too, as scikit-learn.
 */
export function precisionRecallFScoreFromCounts(
  counts: ConfusionCounts,
  options: PrecisionRecallFScoreOptions = {},
  name = metric,
): PrecisionRecallFScore {
  const average = options.average ?? 'binary';
  const beta = options.beta ?? 1;
  const zeroDivision = options.zeroDivision ?? 0;
  check(beta >= 0, name, 'beta should be >= 0 in the F-beta score');
  checkSamplewise(name, average);
  const labels = scoredLabels(counts, name, average, options);
  return precisionRecallFScoreFromSums(perClassCounts(counts, labels), { average, beta, zeroDivision, labels, metric: name });
}

/** scikit-learn's error for `average: 'samples'` on label vectors (from its `multilabel_confusion_matrix`). */
export function checkSamplewise(name: string, average: string): void {
  check(average !== 'samples', name, 'Samplewise metrics are not available outside of multilabel classification.');
}

/**
 * Precision, recall, F-beta and support, as scikit-learn's `precision_recall_fscore_support`.
 * `prediction` is labels `[n]` or scores `[n, classes]` (argmax); `sampleWeight` weighs each sample.
 * Multilabel indicator matrices `[n, labels]` (target and prediction of 0/1) are scored per column
 * (`labels` picks columns), or per sample with `average: 'samples'`.
 * @example
 * await precisionRecallFScore([0, 1, 2, 2], [0, 2, 2, 2], { average: 'macro' });
 * // { precision: 0.5555…, recall: 0.6666…, fScore: 0.6, support: null, labels: [0, 1, 2] }
 * await precisionRecallFScore([[1, 0, 1], [0, 1, 0]], [[1, 0, 0], [0, 1, 1]], { average: 'samples' });
 * // { precision: 0.75, recall: 0.75, fScore: 0.6666…, support: null, labels: [0, 1, 2] }
 */
export async function precisionRecallFScore(
  target: MetricInput,
  prediction: MetricInput,
  options: PrecisionRecallFScoreFunctionOptions = {},
  ...extra: never[]
): Promise<PrecisionRecallFScore> {
  refuseExtraArguments(metric, ['target', 'prediction', 'options?'], extra, sampleWeightHint(metric));
  checkPrecisionRecallFScoreOptions(metric, options, [...optionNames, 'sampleWeight']);
  const input = await readClassificationInput(metric, target, prediction);
  if (input.kind === 'labels')
    return precisionRecallFScoreFromCounts(await readConfusionCounts(metric, input.target, input.prediction, options), options);
  const weights = await readSampleWeight(metric, options.sampleWeight, input.indicators.rows);
  return multilabelPrecisionRecallFScore(metric, input.indicators, weights, options.sampleWeight !== undefined, options);
}

/**
 * Precision, recall and F of multilabel indicator matrices with `weights` (one per sample; `weighted`:
 * whether they were given, which `'samples'` averages by), as scikit-learn's
 * `precision_recall_fscore_support` on `multilabel_confusion_matrix` counts.
 */
export function multilabelPrecisionRecallFScore(
  name: string,
  indicators: IndicatorMatrices,
  weights: Float64Array,
  weighted: boolean,
  options: PrecisionRecallFScoreOptions,
): PrecisionRecallFScore {
  const average = options.average ?? 'binary';
  const beta = options.beta ?? 1;
  check(beta >= 0, name, 'beta should be >= 0 in the F-beta score');
  const { labels, counts } = multilabelAverageCounts(name, indicators, weights, { ...options, average });
  return precisionRecallFScoreFromSums(counts, {
    average,
    beta,
    zeroDivision: options.zeroDivision ?? 0,
    labels,
    sampleWeights: weighted ? weights : undefined,
    metric: name,
  });
}

/** Streaming precision/recall/F-beta: confusion counts are accumulated per batch. */
export class PrecisionRecallFScoreMetric implements StreamingMetric<[MetricInput, MetricInput], PrecisionRecallFScore> {
  private readonly counts = new ConfusionCounts();
  constructor(
    private readonly options: PrecisionRecallFScoreOptions = {},
    ...extra: never[]
  ) {
    refuseExtraArguments('PrecisionRecallFScoreMetric', ['options?'], extra);
    checkPrecisionRecallFScoreOptions('PrecisionRecallFScoreMetric', options);
    // The streaming form counts label vectors only.
    checkSamplewise('PrecisionRecallFScoreMetric', options.average ?? 'binary');
  }
  async update(target: MetricInput, prediction: MetricInput, ...extra: never[]): Promise<void> {
    refuseExtraArguments('PrecisionRecallFScoreMetric.update', ['target', 'prediction'], extra, streamingSampleWeightHint(metric));
    const options = this.options;
    this.counts.add(
      metric,
      await readTargetLabels(target, metric, options.numClasses),
      await readPredictedLabels(prediction, metric, options.numClasses),
    );
  }
  compute(...extra: never[]): PrecisionRecallFScore {
    refuseExtraArguments('PrecisionRecallFScoreMetric.compute', [], extra);
    return precisionRecallFScoreFromCounts(this.counts, this.options);
  }
  reset(...extra: never[]): void {
    refuseExtraArguments('PrecisionRecallFScoreMetric.reset', [], extra);
    this.counts.reset();
  }
}
