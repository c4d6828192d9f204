import { checkChoice, checkOptions, choicesOf } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import type { MetricInput } from '../input/read-input.js';
import { checkPositiveTotalWeight, readSampleWeight, type SampleWeightOption } from '../input/sample-weight.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { readPredictedLabels, readTargetLabels } from './class-labels.js';
import { ConfusionCounts } from './confusion-counts.js';
import { readConfusionCounts } from './read-confusion-counts.js';
import { perClassCounts } from './per-class-counts.js';
import { scoredLabels } from './scored-labels.js';
import { checkSamplewise, checkZeroDivision, type Average } from './precision-recall-f-score.js';
import { multilabelAverageCounts } from './multilabel-counts.js';
import { readClassificationInput } from './multilabel-input.js';
import type { PrecisionRecallSums } from './precision-recall-from-sums.js';
import { refuseExtraArguments, sampleWeightHint, streamingSampleWeightHint } from '../input/extra-arguments.js';

const metric = 'jaccardScore';

/**
 * jaccardScore's options (scikit-learn's keywords; `average: 'none'` is its `None`).
 * @example
 * await jaccardScore(target, prediction, { average: 'macro', labels: [0, 2] });
 */
export interface JaccardScoreOptions {
  /**
   * 'binary' (default): the score of `positiveLabel`; 'micro' pools the counts; 'macro' and 'weighted'
   * (by support) average per label; 'samples' (multilabel input) averages per sample; 'none' one per label.
   */
  average?: Average;
  /**
   * The labels scored and their order (default: those present in target or prediction; multilabel:
   * column indices, default every column); ignored by 'binary', as scikit-learn.
   */
  labels?: readonly number[];
  /** The positive label of average 'binary' (default 1). */
  positiveLabel?: number;
  /** The score of a label never in target nor prediction: 0 (default; scikit-learn's 'warn') or 1. */
  zeroDivision?: 0 | 1;
}

/** The function's options: the streaming class's plus scikit-learn's `sample_weight`. */
export interface JaccardScoreFunctionOptions extends JaccardScoreOptions, SampleWeightOption {}

const optionNames = ['average', 'labels', 'positiveLabel', 'zeroDivision'];

/** The options, checked: an unknown key or value throws naming `name`. */
function checkJaccardOptions(name: string, options: JaccardScoreOptions, accepted = optionNames): void {
  // checkOptions hints at spellings that differ in case and underscores only; scikit-learn's pos_label is longer here.
  for (const spelling of ['pos_label', 'posLabel'])
    check(
      !(options && typeof options === 'object' && spelling in options),
      name,
      `unknown option \`${spelling}\` (did you mean \`positiveLabel\`?). Accepted options: ${accepted.join(', ')}`,
    );
  checkOptions(name, options, accepted);
  if (options.average !== undefined)
    checkChoice(name, 'average', options.average, choicesOf('binary', 'micro', 'macro', 'weighted', 'samples', 'none'));
  checkZeroDivision(name, options.zeroDivision);
  const { positiveLabel } = options;
  check(
    positiveLabel === undefined || (Number.isInteger(positiveLabel) && positiveLabel >= 0),
    name,
    () => `positiveLabel must be a non-negative integer label, got ${String(positiveLabel)}`,
  );
}

/**
 * Jaccard index of each label, J = tp / (tp + fp + fn) = |y ∩ ŷ| / |y ∪ ŷ| one-vs-rest, combined as
 * scikit-learn's `jaccard_score`: micro J = Σ tp / Σ (tp + fp + fn); weighted by support (uniform when
 * no label has support); 0/0 gives `zeroDivision`. With sample weights tp, fp, fn and the support
 * are sums of weights.
 */
export function jaccardFromCounts(counts: ConfusionCounts, options: JaccardScoreOptions = {}): number | number[] {
  check(counts.samples > 0, metric, 'needs at least one sample');
  const average = options.average ?? 'binary';
  const zeroDivision = options.zeroDivision ?? 0;
  checkSamplewise(metric, average);
  const labels = scoredLabels(counts, metric, average, options);
  return jaccardFromSums(perClassCounts(counts, labels), average, zeroDivision);
}

/**
 * scikit-learn 1.2's `jaccard_score` from the sums: J = tp / (tp + fp + fn) = tp / (predicted + support − tp)
 * per label (per sample for 'samples'), 0/0 giving `zeroDivision`; 'micro' pools the sums; 'weighted'
 * weighs by support (a plain mean when every support is 0); 'samples' weighs each sample's J by its
 * weight when `sampleWeights` are given (weights summing to 0 throw, as numpy's average).
 */
function jaccardFromSums(
  sums: PrecisionRecallSums,
  average: Average,
  zeroDivision: 0 | 1,
  sampleWeights?: Float64Array,
): number | number[] {
  const { truePositives, predicted, support } = sums;
  let numerators = truePositives;
  let denominators = truePositives.map((tp, index) => predicted[index]! + support[index]! - tp);
  if (average === 'micro') [numerators, denominators] = [[sum(numerators)], [sum(denominators)]];
  const scores = numerators.map((numerator, index) => (denominators[index] === 0 ? zeroDivision : numerator / denominators[index]!));
  if (average === 'none') return scores;
  let weights: readonly number[] = scores.map(() => 1);
  if (average === 'weighted' && sum(support) > 0) weights = support;
  if (average === 'samples' && sampleWeights) {
    weights = Array.from(sampleWeights);
    checkPositiveTotalWeight(metric, sum(weights));
  }
  return scores.reduce((total, score, index) => total + score * weights[index]!, 0) / sum(weights);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/**
 * Jaccard similarity (intersection over union) of the predicted and true samples of each label,
 * as scikit-learn's `jaccard_score`. `prediction` is labels `[n]` or scores `[n, classes]` (argmax);
 * `sampleWeight` weighs each sample. Multilabel indicator matrices `[n, labels]` are scored per column,
 * or per sample (|yᵢ ∩ ŷᵢ| / |yᵢ ∪ ŷᵢ|) with `average: 'samples'`.
 * @example
 * await jaccardScore([0, 1, 1, 1], [0, 1, 0, 1]); // 0.6666…
 * await jaccardScore([0, 1, 2, 2], [0, 2, 2, 2], { average: 'none' }); // [1, 0, 0.6666…]
 * await jaccardScore([[1, 0, 1], [0, 1, 0]], [[1, 0, 0], [0, 1, 1]], { average: 'samples' }); // 0.5
 */
export async function jaccardScore(
  target: MetricInput,
  prediction: MetricInput,
  options: JaccardScoreFunctionOptions & { average: 'none' },
): Promise<number[]>;
export async function jaccardScore(
  target: MetricInput,
  prediction: MetricInput,
  options?: JaccardScoreFunctionOptions & { average?: Exclude<Average, 'none'> },
): Promise<number>;
export async function jaccardScore(
  target: MetricInput,
  prediction: MetricInput,
  options?: JaccardScoreFunctionOptions,
): Promise<number | number[]>;
export async function jaccardScore(
  target: MetricInput,
  prediction: MetricInput,
  options: JaccardScoreFunctionOptions = {},
  ...extra: never[]
): Promise<number | number[]> {
  refuseExtraArguments(metric, ['target', 'prediction', 'options?'], extra, sampleWeightHint(metric));
  checkJaccardOptions(metric, options, [...optionNames, 'sampleWeight']);
  const input = await readClassificationInput(metric, target, prediction);
  if (input.kind === 'labels')
    return jaccardFromCounts(await readConfusionCounts(metric, input.target, input.prediction, options), options);
  const { indicators } = input;
  const average = options.average ?? 'binary';
  const weights = await readSampleWeight(metric, options.sampleWeight, indicators.rows);
  const { counts } = multilabelAverageCounts(metric, indicators, weights, { average, labels: options.labels });
  return jaccardFromSums(counts, average, options.zeroDivision ?? 0, options.sampleWeight === undefined ? undefined : weights);
}

/** Streaming Jaccard score: the confusion counts are accumulated per batch. */
export class JaccardScore implements StreamingMetric<[MetricInput, MetricInput], number | number[]> {
  private readonly counts = new ConfusionCounts();
  constructor(
    private readonly options: JaccardScoreOptions = {},
    ...extra: never[]
  ) {
    refuseExtraArguments('JaccardScore', ['options?'], extra);
    checkJaccardOptions('JaccardScore', options);
    // The streaming form counts label vectors only.
    checkSamplewise('JaccardScore', options.average ?? 'binary');
  }
  async update(target: MetricInput, prediction: MetricInput, ...extra: never[]): Promise<void> {
    refuseExtraArguments('JaccardScore.update', ['target', 'prediction'], extra, streamingSampleWeightHint(metric));
    this.counts.add(metric, await readTargetLabels(target, metric), await readPredictedLabels(prediction, metric));
  }
  compute(...extra: never[]): number | number[] {
    refuseExtraArguments('JaccardScore.compute', [], extra);
    return jaccardFromCounts(this.counts, this.options);
  }
  reset(...extra: never[]): void {
    refuseExtraArguments('JaccardScore.reset', [], extra);
    this.counts.reset();
  }
}
