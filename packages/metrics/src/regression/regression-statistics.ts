import { check } from '../input/metric-error.js';
import { readInput, type MetricInput } from '../input/read-input.js';
import { readSampleWeight } from '../input/sample-weight.js';
import { combineOutputs, type OutputCombination } from './combine-outputs.js';

/**
 * Running weighted mean and weighted sum of squared deviations M2 = Σ wᵢ (xᵢ − x̄)², x̄ = Σ wᵢ xᵢ / Σ wᵢ,
 * merged across batches with Chan et al.'s formula (every wᵢ = 1 without sample weights).
 */
interface Moments {
  weight: number;
  mean: number;
  squaredDeviations: number;
}

/**
 * Sufficient statistics of one output column for every regression metric: the sample count, the
 * total weight W = Σ wᵢ and the weighted sums Σ wᵢ termᵢ (each mean is a sum over W, as scikit-learn's
 * `np.average(..., weights=sample_weight)`).
 */
export interface OutputStatistics {
  count: number;
  weight: number;
  sumSquaredError: number;
  sumAbsoluteError: number;
  sumAbsolutePercentageError: number;
  target: Moments;
  residual: Moments;
}

// Merging (W_a, μ_a, M2_a) with (W_b, μ_b, M2_b): δ = μ_b − μ_a, W = W_a + W_b,
// μ = μ_a + δ W_b / W, M2 = M2_a + M2_b + δ² W_a W_b / W.
function mergeMoments(left: Moments, right: Moments): Moments {
  const weight = left.weight + right.weight;
  if (weight === 0) return left;
  const delta = right.mean - left.mean;
  return {
    weight,
    mean: left.mean + (delta * right.weight) / weight,
    squaredDeviations: left.squaredDeviations + right.squaredDeviations + (delta * delta * left.weight * right.weight) / weight,
  };
}

// x̄ = Σ wᵢ xᵢ / Σ wᵢ and M2 = Σ wᵢ (xᵢ − x̄)²; a batch of total weight 0 contributes nothing.
function momentsOf(values: readonly number[], weights: ArrayLike<number>): Moments {
  const weight = values.reduce((sum, _, index) => sum + weights[index]!, 0);
  if (weight === 0) return { weight: 0, mean: 0, squaredDeviations: 0 };
  const mean = values.reduce((sum, value, index) => sum + weights[index]! * value, 0) / weight;
  return { weight, mean, squaredDeviations: values.reduce((sum, value, index) => sum + weights[index]! * (value - mean) ** 2, 0) };
}

const emptyStatistics = (): OutputStatistics => ({
  count: 0,
  weight: 0,
  sumSquaredError: 0,
  sumAbsoluteError: 0,
  sumAbsolutePercentageError: 0,
  target: { weight: 0, mean: 0, squaredDeviations: 0 },
  residual: { weight: 0, mean: 0, squaredDeviations: 0 },
});

/** Per-output statistics accumulated over batches of targets and predictions `[n]` or `[n, outputs]`. */
export class RegressionStatistics {
  outputs: OutputStatistics[] = [];

  /** Adds a batch; `sampleWeight` (one weight per row, checked by readSampleWeight) defaults to 1 per sample. */
  async add(metric: string, target: MetricInput, prediction: MetricInput, sampleWeight?: unknown): Promise<void> {
    const truth = await readInput(target, metric, 'target');
    const estimate = await readInput(prediction, metric, 'prediction');
    check(truth.shape.length <= 2, metric, `target must be [n] or [n, outputs], got shape [${truth.shape.join(', ')}]`);
    check(
      truth.shape.join() === estimate.shape.join(),
      metric,
      `target shape [${truth.shape.join(', ')}] differs from prediction shape [${estimate.shape.join(', ')}]`,
    );
    const columns = truth.shape.length === 2 ? truth.shape[1]! : 1;
    if (this.outputs.length === 0) this.outputs = Array.from({ length: columns }, emptyStatistics);
    check(this.outputs.length === columns, metric, `batch has ${columns} outputs, earlier batches had ${this.outputs.length}`);
    const rows = truth.values.length / columns;
    const weights = await readSampleWeight(metric, sampleWeight, rows);
    for (let column = 0; column < columns; column++) {
      const targets: number[] = [];
      const residuals: number[] = [];
      const statistics = this.outputs[column]!;
      for (let row = 0; row < rows; row++) {
        const y = truth.values[row * columns + column]!;
        const residual = y - estimate.values[row * columns + column]!;
        targets.push(y);
        residuals.push(residual);
        const weight = weights[row]!;
        statistics.weight += weight;
        statistics.sumSquaredError += weight * residual * residual;
        statistics.sumAbsoluteError += weight * Math.abs(residual);
        // MAPE term |y − ŷ| / max(|y|, ε) with ε the float64 machine epsilon (scikit-learn).
        statistics.sumAbsolutePercentageError += (weight * Math.abs(residual)) / Math.max(Math.abs(y), Number.EPSILON);
      }
      statistics.count += rows;
      statistics.target = mergeMoments(statistics.target, momentsOf(targets, weights));
      statistics.residual = mergeMoments(statistics.residual, momentsOf(residuals, weights));
    }
  }

  /** `perOutput` of every output, combined as scikit-learn's `multioutput` asks (see combineOutputs). */
  combine(metric: string, perOutput: (statistics: OutputStatistics) => number, multioutput: OutputCombination): number | number[] {
    check(this.outputs.length > 0 && this.outputs[0]!.count > 0, metric, 'needs at least one sample');
    const variances = this.outputs.map((statistics) => statistics.target.squaredDeviations);
    return combineOutputs(metric, this.outputs.map(perOutput), multioutput, variances);
  }

  reset(): void {
    this.outputs = [];
  }
}
