import { check } from '../input/metric-error.js';
import { readInput, type MetricInput } from '../input/read-input.js';
import { readSampleWeight } from '../input/sample-weight.js';
import { checkSameLength } from '../input/validate.js';
import { readScoredLabels, type ScoredLabels } from './score-buffer.js';
import { typeOfTarget } from './target-type.js';

/** A multilabel indicator target `[rows, columns]` with one score per entry, row-major, and the sample weights. */
export interface MultilabelScores {
  readonly target: Float64Array;
  readonly scores: Float64Array;
  readonly rows: number;
  readonly columns: number;
  /** One weight per sample (1 each without `sampleWeight`). */
  readonly weights: Float64Array;
  /** Whether `sampleWeight` was given: scikit-learn's `'samples'` and `'weighted'` averages use it only then. */
  readonly weighted: boolean;
}

/**
 * The input of a ranking metric (ROC AUC, average precision): a multilabel indicator target `[n, L]`
 * with scores of the same shape, or label input (read by readScoredLabels, the target read once). A
 * target matrix that is no indicator throws scikit-learn's "multiclass-multioutput format is not supported".
 */
export async function readRankingInput(
  metric: string,
  target: MetricInput,
  scores: MetricInput,
  sampleWeight?: unknown,
): Promise<{ kind: 'multilabel-indicator'; data: MultilabelScores } | { kind: 'labels'; data: ScoredLabels }> {
  const targetArray = await readInput(target, metric, 'target');
  if (targetArray.shape.length !== 2)
    return {
      kind: 'labels',
      data: await readScoredLabels(metric, targetArray.shape.length === 1 ? targetArray.values : target, scores, sampleWeight),
    };
  const type = typeOfTarget(targetArray);
  check(type === 'multilabel-indicator', metric, () => `${type} format is not supported`);
  const [rows, columns] = targetArray.shape as [number, number];
  const scoreArray = await readInput(scores, metric, 'scores');
  checkSameLength(metric, { length: rows }, { length: scoreArray.shape[0] ?? 0 }, ['target', 'scores']);
  check(
    scoreArray.shape.length === 2 && scoreArray.shape[1] === columns,
    metric,
    () => `scores must have the multilabel target's shape [${rows}, ${columns}], got [${scoreArray.shape.join(', ')}]`,
  );
  for (const score of scoreArray.values) check(!Number.isNaN(score), metric, 'scores contain NaN');
  const weights = await readSampleWeight(metric, sampleWeight, rows);
  return {
    kind: 'multilabel-indicator',
    data: { target: targetArray.values, scores: scoreArray.values, rows, columns, weights, weighted: sampleWeight !== undefined },
  };
}

/** The one-hot indicator matrix of label vector data over its score columns (scikit-learn's `label_binarize`). */
export function binarizedLabels(data: ScoredLabels, weighted: boolean): MultilabelScores {
  const target = new Float64Array(data.rows * data.columns);
  data.target.forEach((label, row) => {
    target[row * data.columns + label] = 1;
  });
  return { target, scores: data.scores, rows: data.rows, columns: data.columns, weights: data.weights, weighted };
}
