import { checkOptions } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import { readInput, type MetricInput } from '../input/read-input.js';
import { checkLabels, checkSameLength } from '../input/validate.js';
import { checkPositiveTotalWeight, readSampleWeight, type SampleWeightOption } from '../input/sample-weight.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { firstMaximum, readTargetLabels } from './class-labels.js';
import { readClassificationBatch, readClassificationInput, type ClassificationReader, type IndicatorMatrices } from './multilabel-input.js';
import { refuseExtraArguments, sampleWeightHint, streamingSampleWeightHint } from '../input/extra-arguments.js';

export interface AccuracyOptions {
  /**
   * For scores `[n, classes]`: a sample is correct when its target is among the k highest scores, tied
   * classes ranked higher index first (scikit-learn's top_k_accuracy_score). Without it, the argmax
   * (the first of tied maxima) is the predicted label.
   */
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
 * Whether the target of each row of scores `[rows, columns]` is predicted: without `topK`, when it is
 * the row's first maximum (np.argmax, as every metric here reads scores, so accuracy_score(y, S.argmax(1)));
 * with `topK`, when it is among the k highest scores ranked as scikit-learn's top_k_accuracy_score ranks
 * them, ties broken towards the higher class index (a reversed stable ascending sort) — for k = 1 too.
 */
function targetsPredicted(labels: Float64Array, values: Float64Array, columns: number, topK: number | undefined): boolean[] {
  if (topK === undefined) return Array.from(labels, (label, row) => firstMaximum(values, row, columns) === label);
  return Array.from(labels, (label, row) => {
    const targetScore = values[row * columns + label]!;
    let ahead = 0;
    for (let column = 0; column < columns; column++) {
      const score = values[row * columns + column]!;
      if (score > targetScore || (score === targetScore && column > label)) ahead++;
    }
    return ahead < topK;
  });
}

/** One batch's correct samples, and whether it was multilabel indicator matrices. */
interface CorrectSamples {
  correct: boolean[];
  multilabel: boolean;
}

/**
 * Whether each sample of one batch is correct: its label predicted, or with scores `[n, classes]` its
 * target the argmax or among the `topK` highest scores; for multilabel indicator matrices, its whole
 * row of labels. `read` is readClassificationInput, or readClassificationBatch for a streaming batch.
 */
async function correctSamples(
  target: MetricInput,
  prediction: MetricInput,
  options: AccuracyOptions,
  read: ClassificationReader,
): Promise<CorrectSamples> {
  const topK = options.topK ?? undefined;
  check(topK === undefined || (Number.isInteger(topK) && topK >= 1), metric, `topK must be a positive integer, got ${topK}`);
  const input = await read(metric, target, prediction);
  if (input.kind === 'multilabel-indicator') {
    // scikit-learn's top_k_accuracy_score refuses multilabel targets.
    check((topK ?? 1) === 1, metric, "y type must be 'binary' or 'multiclass', got 'multilabel-indicator' instead.");
    return { correct: rowsMatching(input.indicators), multilabel: true };
  }
  const labels = await readTargetLabels(input.target, metric);
  const { values, shape } = await readInput(input.prediction, metric, 'prediction');
  if (shape.length <= 1) {
    check((topK ?? 1) === 1, metric, 'topK > 1 needs scores [n, classes], not labels');
    checkLabels(metric, values, 'prediction');
    checkSameLength(metric, labels, values);
    return { correct: Array.from(labels, (label, index) => label === values[index]), multilabel: false };
  }
  check(shape.length === 2, metric, `prediction must be labels [n] or scores [n, classes], got shape [${shape.join(', ')}]`);
  const [rows, columns] = shape as [number, number];
  checkSameLength(metric, labels, { length: rows });
  checkLabels(metric, labels, 'target', columns);
  return { correct: targetsPredicted(labels, values, columns, topK), multilabel: false };
}

/** One batch's weight of the correct samples, its total weight, and whether it was multilabel. */
interface CorrectCount {
  correct: number;
  total: number;
  multilabel: boolean;
}

/**
 * The weight of the correct samples Σ wᵢ [correct i] and the total weight Σ wᵢ of one batch; without
 * `sampleWeight` every wᵢ = 1, so these are the counts.
 */
async function countCorrect(
  target: MetricInput,
  prediction: MetricInput,
  options: AccuracyFunctionOptions,
  read: ClassificationReader,
): Promise<CorrectCount> {
  const { correct, multilabel } = await correctSamples(target, prediction, options, read);
  const weights = await readSampleWeight(metric, options.sampleWeight, correct.length);
  let correctWeight = 0;
  let totalWeight = 0;
  correct.forEach((isCorrect, index) => {
    if (isCorrect) correctWeight += weights[index]!;
    totalWeight += weights[index]!;
  });
  return { correct: correctWeight, total: totalWeight, multilabel };
}

/**
 * Fraction of correct predictions (scikit-learn's `accuracy_score`); scores `[n, classes]` predict
 * their argmax (the first of tied maxima), or with `topK` give the top-k accuracy (`top_k_accuracy_score`,
 * tied classes ranked higher index first); `{ normalize: false }` counts the correct samples.
 * Multilabel indicator matrices `[n, labels]` give the subset accuracy: a sample counts when all its
 * labels are right.
 * Empty label vectors give NaN (scikit-learn's 0/0); indicator matrices of no row throw.
 * `sampleWeight`: Σ wᵢ [correct i] / Σ wᵢ (with `normalize: false`, the numerator alone); weights
 * summing to 0 throw, as scikit-learn ("Weights sum to zero").
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
  const { correct, total } = await countCorrect(target, prediction, options, readClassificationInput);
  if (normalize && options.sampleWeight !== undefined) checkPositiveTotalWeight(metric, total);
  return normalize ? correct / total : correct;
}

/** Streaming (top-k) accuracy: counts correct samples per batch. */
export class Accuracy implements StreamingMetric<[MetricInput, MetricInput], number> {
  private correct = 0;
  private total = 0;
  /** Whether a batch was multilabel indicator matrices. */
  private multilabel = false;
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
    const { correct, total, multilabel } = await countCorrect(target, prediction, this.options, readClassificationBatch);
    this.correct += correct;
    this.total += total;
    this.multilabel ||= multilabel;
  }
  compute(...extra: never[]): number {
    refuseExtraArguments('Accuracy.compute', [], extra);
    // As accuracy on the concatenated batches: no label gives NaN (0/0), no row of indicator matrices throws.
    check(!(this.multilabel && this.total === 0), metric, 'needs at least one sample');
    return this.normalize ? this.correct / this.total : this.correct;
  }
  reset(...extra: never[]): void {
    refuseExtraArguments('Accuracy.reset', [], extra);
    this.correct = 0;
    this.total = 0;
    this.multilabel = false;
  }
}
