import { check } from '../input/metric-error.js';
import { readInput, type MetricInput } from '../input/read-input.js';
import { checkLabels, checkSameLength } from '../input/validate.js';
import { readSampleWeight } from '../input/sample-weight.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { refuseExtraArguments, streamingSampleWeightHint } from '../input/extra-arguments.js';

/** Target labels with their scores: a vector `[n]` (binary, `columns` 1) or a matrix `[n, classes]`. */
export interface ScoredLabels {
  target: Float64Array;
  scores: Float64Array;
  rows: number;
  /** 1 for a score vector. */
  columns: number;
  isVector: boolean;
  /** One weight per sample (scikit-learn's `sample_weight`; 1 each without it). */
  weights: Float64Array;
}

/** Reads integer targets and scores of the same length, and `sampleWeight` (checked; default 1 per sample). */
export async function readScoredLabels(
  metric: string,
  target: MetricInput,
  scores: MetricInput,
  sampleWeight?: unknown,
): Promise<ScoredLabels> {
  const labels = await readInput(target, metric, 'target');
  const scoreArray = await readInput(scores, metric, 'scores');
  check(labels.shape.length <= 1, metric, `target must be a vector of labels, got shape [${labels.shape.join(', ')}]`);
  check(scoreArray.shape.length <= 2, metric, `scores must be [n] or [n, classes], got shape [${scoreArray.shape.join(', ')}]`);
  const isVector = scoreArray.shape.length <= 1;
  const rows = isVector ? scoreArray.values.length : scoreArray.shape[0]!;
  const columns = isVector ? 1 : scoreArray.shape[1]!;
  checkSameLength(metric, labels.values, { length: rows }, ['target', 'scores']);
  checkLabels(metric, labels.values, 'target', isVector ? undefined : columns);
  for (const score of scoreArray.values) check(!Number.isNaN(score), metric, 'scores contain NaN');
  const weights = await readSampleWeight(metric, sampleWeight, rows);
  return { target: labels.values, scores: scoreArray.values, rows, columns, isVector, weights };
}

/** Column `column` of a score matrix (or the vector itself). */
export function scoreColumn(data: ScoredLabels, column: number): Float64Array {
  if (data.isVector) return data.scores;
  return Float64Array.from({ length: data.rows }, (_, row) => data.scores[row * data.columns + column]!);
}

/**
 * Streaming form of the ranking metrics (ROC, precision-recall, AUC, AP): ranking needs every score,
 * so batches are copied to the host and concatenated; `compute` runs the functional metric on them.
 */
export class ScoreBuffer<Result> implements StreamingMetric<[MetricInput, MetricInput], Result> {
  private batches: ScoredLabels[] = [];
  /** `metric` names the function (input errors, the sampleWeight hint), `className` the subclass (argument errors). */
  constructor(
    private readonly metric: string,
    private readonly computeOnHost: (data: ScoredLabels) => Result,
    private readonly className: string,
  ) {}
  async update(target: MetricInput, scores: MetricInput, ...extra: never[]): Promise<void> {
    refuseExtraArguments(`${this.className}.update`, ['target', 'scores'], extra, streamingSampleWeightHint(this.metric));
    const batch = await readScoredLabels(this.metric, target, scores);
    const first = this.batches[0];
    if (first)
      check(
        first.columns === batch.columns && first.isVector === batch.isVector,
        this.metric,
        'every batch must have the same score shape',
      );
    this.batches.push(batch);
  }
  compute(...extra: never[]): Result {
    refuseExtraArguments(`${this.className}.compute`, [], extra);
    const batches = this.batches;
    const rows = batches.reduce((sum, batch) => sum + batch.rows, 0);
    const columns = batches[0]?.columns ?? 1;
    const target = new Float64Array(rows);
    const scores = new Float64Array(rows * columns);
    let row = 0;
    for (const batch of batches) {
      target.set(batch.target, row);
      scores.set(batch.scores, row * columns);
      row += batch.rows;
    }
    // The streaming form takes no weights: every sample weighs 1.
    const weights = new Float64Array(rows).fill(1);
    return this.computeOnHost({ target, scores, rows, columns, isVector: batches[0]?.isVector ?? true, weights });
  }
  reset(...extra: never[]): void {
    refuseExtraArguments(`${this.className}.reset`, [], extra);
    this.batches = [];
  }
}
