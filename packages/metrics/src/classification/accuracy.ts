import { checkOptions } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import { readInput, type MetricInput } from '../input/read-input.js';
import { checkLabels, checkSameLength } from '../input/validate.js';
import { checkPositiveTotalWeight, readSampleWeight, type SampleWeightOption } from '../input/sample-weight.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { readTargetLabels } from './class-labels.js';
import { readClassificationInput, type IndicatorMatrices } from './multilabel-input.js';
import { refuseExtraArguments, sampleWeightHint, streamingSampleWeightHint } from '../input/extra-arguments.js';

export interface AccuracyOptions {
  /** For scores `[n, classes]`: a sample is correct when its target is among the k highest scores (default 1). */
  topK?: number;
  /** false gives the number of correct samples instead of their fraction (scikit-learn's `normalize`). Default true. */
  normalize?: boolean;
}

/** The function's options: the streaming class's plus scikit-learn's `sample_weight`. */
export interface AccuracyFunctionOptions extends AccuracyOptions, SampleWeightOption {}

/** `normalize`, checked. */
function readNormalize(name: string, options: AccuracyOptions, accepted = ['topK', 'normalize']): boolean {
  checkOptions(name, options, accepted);
  const normalize = options.normalize ?? true;
  check(typeof normalize === 'boolean', name, `normalize must be a boolean, got ${String(normalize)}`);
  return normalize;
}

const metric = 'accuracy';

/** Subset accuracy of multilabel indicator matrices: a sample is correct when every one of its labels is. */
function rowsMatching({ target, prediction, rows, columns }: IndicatorMatrices): boolean[] {
  return Array.from({ length: rows }, (_, row) => {
    for (let column = 0; column < columns; column++)
      if (target[row * columns + column] !== prediction[row * columns + column]) return false;
    return true;
  });
}

/**
 * Whether each sample of one batch is correct: its label predicted, or with scores `[n, classes]` its
 * target among the `topK` highest scores; for multilabel indicator matrices, its whole row of labels.
 */
async function correctSamples(target: MetricInput, prediction: MetricInput, options: AccuracyOptions): Promise<boolean[]> {
  const topK = options.topK ?? 1;
  check(Number.isInteger(topK) && topK >= 1, metric, `topK must be a positive integer, got ${topK}`);
  const input = await readClassificationInput(metric, target, prediction);
  if (input.kind === 'multilabel-indicator') {
    // scikit-learn's top_k_accuracy_score refuses multilabel targets.
    check(topK === 1, metric, "y type must be 'binary' or 'multiclass', got 'multilabel-indicator' instead.");
    return rowsMatching(input.indicators);
  }
  const labels = await readTargetLabels(input.target, metric);
  const { values, shape } = await readInput(input.prediction, metric, 'prediction');
  if (shape.length <= 1) {
    check(topK === 1, metric, 'topK > 1 needs scores [n, classes], not labels');
    checkLabels(metric, values, 'prediction');
    checkSameLength(metric, labels, values);
    return Array.from(labels, (label, index) => label === values[index]);
  }
  check(shape.length === 2, metric, `prediction must be labels [n] or scores [n, classes], got shape [${shape.join(', ')}]`);
  const [rows, columns] = shape as [number, number];
  checkSameLength(metric, labels, { length: rows });
  checkLabels(metric, labels, 'target', columns);
  return Array.from(labels, (label, row) => {
    const targetScore = values[row * columns + label]!;
    // Rank of the target as scikit-learn's top_k_accuracy_score orders classes: by score descending,
    // ties broken towards the higher class index (a reversed stable ascending sort).
    let ahead = 0;
    for (let column = 0; column < columns; column++) {
      const score = values[row * columns + column]!;
      if (score > targetScore || (score === targetScore && column > label)) ahead++;
    }
    return ahead < topK;
  });
}

/**
 * The weight of the correct samples Σ wᵢ [correct i] and the total weight Σ wᵢ of one batch; without
 * `sampleWeight` every wᵢ = 1, so these are the counts.
 */
async function countCorrect(target: MetricInput, prediction: MetricInput, options: AccuracyFunctionOptions): Promise<[number, number]> {
  const correct = await correctSamples(target, prediction, options);
  const weights = await readSampleWeight(metric, options.sampleWeight, correct.length);
  let correctWeight = 0;
  let totalWeight = 0;
  correct.forEach((isCorrect, index) => {
    if (isCorrect) correctWeight += weights[index]!;
    totalWeight += weights[index]!;
  });
  return [correctWeight, totalWeight];
}

/**
 * Fraction of correct predictions (scikit-learn's `accuracy_score`); with scores `[n, classes]` and
 * `topK`, the top-k accuracy (`top_k_accuracy_score`); `{ normalize: false }` counts the correct samples.
 * Multilabel indicator matrices `[n, labels]` give the subset accuracy: a sample counts when all its
 * labels are right.
 * Empty input gives NaN. `sampleWeight`: Σ wᵢ [correct i] / Σ wᵢ (with `normalize: false`, the
 * numerator alone); weights summing to 0 throw, as scikit-learn ("Weights sum to zero").
 * @example
 * await accuracy([0, 1, 2, 3], [0, 2, 1, 3]); // 0.5
 * await accuracy([0, 1], [[0.5, 0.2, 0.3], [0.3, 0.4, 0.3]], { topK: 2 }); // 1
 * await accuracy([0, 1, 1], [0, 1, 0], { sampleWeight: [1, 1, 2] }); // 0.5
 * await accuracy([[1, 0, 1], [0, 1, 0]], [[1, 0, 1], [0, 1, 1]]); // 0.5
 */
export async function accuracy(
  target: MetricInput,
  prediction: MetricInput,
  options: AccuracyFunctionOptions = {},
  ...extra: never[]
): Promise<number> {
  refuseExtraArguments(metric, ['target', 'prediction', 'options?'], extra, sampleWeightHint(metric));
  const normalize = readNormalize('accuracy', options, ['topK', 'normalize', 'sampleWeight']);
  const [correct, total] = await countCorrect(target, prediction, options);
  if (normalize && options.sampleWeight !== undefined) checkPositiveTotalWeight(metric, total);
  return normalize ? correct / total : correct;
}

/** Streaming (top-k) accuracy: counts correct samples per batch. */
export class Accuracy implements StreamingMetric<[MetricInput, MetricInput], number> {
  private correct = 0;
  private total = 0;
  private readonly normalize: boolean;
  constructor(
    private readonly options: AccuracyOptions = {},
    ...extra: never[]
  ) {
    refuseExtraArguments('Accuracy', ['options?'], extra);
    this.normalize = readNormalize('Accuracy', options);
  }
  async update(target: MetricInput, prediction: MetricInput, ...extra: never[]): Promise<void> {
    refuseExtraArguments('Accuracy.update', ['target', 'prediction'], extra, streamingSampleWeightHint(metric));
    const [correct, total] = await countCorrect(target, prediction, this.options);
    this.correct += correct;
    this.total += total;
  }
  compute(...extra: never[]): number {
    refuseExtraArguments('Accuracy.compute', [], extra);
    return this.normalize ? this.correct / this.total : this.correct;
  }
  reset(...extra: never[]): void {
    refuseExtraArguments('Accuracy.reset', [], extra);
    this.correct = 0;
    this.total = 0;
  }
}
