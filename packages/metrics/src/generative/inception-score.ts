import { checkOptions } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import { readMatrix, type Matrix, type MetricInput } from '../input/read-input.js';
import { checkProbabilityRows } from '../input/validate.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { FeatureRows } from './feature-extractor.js';
import { refuseExtraArguments } from '../input/extra-arguments.js';

export interface InceptionScoreResult {
  mean: number;
  /** Over splits, with n − 1 in the denominator (torchmetrics); 0 for one split. */
  std: number;
}

const metric = 'inceptionScore';

/**
 * Per split (torch.chunk: ceil(n / splits) rows each): IS = exp(E_x KL(p(y|x) ‖ p(y))), with
 * p(y) the split's mean and 0·log 0 = 0.
 */
function inceptionScoreOnHost(probabilities: Matrix, splits: number): InceptionScoreResult {
  const { rows, columns, values } = probabilities;
  check(rows > 0, metric, 'needs at least one sample');
  check(Number.isInteger(splits) && splits >= 1, metric, `splits must be a positive integer, got ${splits}`);
  checkProbabilityRows(metric, values, rows, columns, 1e-4);
  const chunk = Math.ceil(rows / splits);
  const scores: number[] = [];
  for (let start = 0; start < rows; start += chunk) {
    const end = Math.min(start + chunk, rows);
    const marginal = new Float64Array(columns);
    for (let row = start; row < end; row++)
      for (let column = 0; column < columns; column++) marginal[column]! += values[row * columns + column]! / (end - start);
    let divergence = 0;
    for (let row = start; row < end; row++)
      for (let column = 0; column < columns; column++) {
        const p = values[row * columns + column]!;
        if (p > 0) divergence += p * (Math.log(p) - Math.log(marginal[column]!));
      }
    scores.push(Math.exp(divergence / (end - start)));
  }
  const mean = scores.reduce((sum, value) => sum + value, 0) / scores.length;
  const variance = scores.length > 1 ? scores.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (scores.length - 1) : 0;
  return { mean, std: Math.sqrt(variance) };
}

/**
 * Inception Score of class probabilities `[n, classes]` (rows must sum to one; apply softmax to
 * logits first), split into `splits` chunks (default 10).
 * @example
 * await inceptionScore([[1, 0], [0, 1]], { splits: 1 }); // { mean: 2, std: 0 }
 */
export async function inceptionScore(
  probabilities: MetricInput,
  options: { splits?: number } = {},
  ...extra: never[]
): Promise<InceptionScoreResult> {
  refuseExtraArguments('inceptionScore', ['probabilities', 'options?'], extra);
  checkOptions('inceptionScore', options, ['splits']);
  return inceptionScoreOnHost(await readMatrix(probabilities, metric, 'probabilities'), options.splits ?? 10);
}

/** Streaming Inception Score: keeps the probability rows and splits them at `compute`. */
export class InceptionScore implements StreamingMetric<[MetricInput], InceptionScoreResult> {
  private readonly rows = new FeatureRows();
  constructor(
    private readonly options: { splits?: number } = {},
    ...extra: never[]
  ) {
    refuseExtraArguments('InceptionScore', ['options?'], extra);
    checkOptions('InceptionScore', options, ['splits']);
  }
  async update(probabilities: MetricInput, ...extra: never[]): Promise<void> {
    refuseExtraArguments('InceptionScore.update', ['probabilities'], extra);
    this.rows.add(metric, await readMatrix(probabilities, metric, 'probabilities'));
  }
  compute(...extra: never[]): InceptionScoreResult {
    refuseExtraArguments('InceptionScore.compute', [], extra);
    return inceptionScoreOnHost(this.rows.matrix(), this.options.splits ?? 10);
  }
  reset(...extra: never[]): void {
    refuseExtraArguments('InceptionScore.reset', [], extra);
    this.rows.reset();
  }
}
