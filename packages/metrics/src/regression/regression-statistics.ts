import { check } from '../input/metric-error.js';
import { readInput, type MetricInput } from '../input/read-input.js';
import { combineOutputs, type OutputCombination } from './combine-outputs.js';

/** Running mean and sum of squared deviations (M2), merged across batches with Chan et al.'s formula. */
interface Moments {
  count: number;
  mean: number;
  squaredDeviations: number;
}

/** Sufficient statistics of one output column for every regression metric. */
export interface OutputStatistics {
  count: number;
  sumSquaredError: number;
  sumAbsoluteError: number;
  sumAbsolutePercentageError: number;
  target: Moments;
  residual: Moments;
}

// Merging (n_a, μ_a, M2_a) with (n_b, μ_b, M2_b): δ = μ_b − μ_a, n = n_a + n_b,
// μ = μ_a + δ n_b / n, M2 = M2_a + M2_b + δ² n_a n_b / n.
function mergeMoments(left: Moments, right: Moments): Moments {
  const count = left.count + right.count;
  if (count === 0) return left;
  const delta = right.mean - left.mean;
  return {
    count,
    mean: left.mean + (delta * right.count) / count,
    squaredDeviations: left.squaredDeviations + right.squaredDeviations + (delta * delta * left.count * right.count) / count,
  };
}

function momentsOf(values: readonly number[]): Moments {
  const mean = values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);
  return { count: values.length, mean, squaredDeviations: values.reduce((sum, value) => sum + (value - mean) ** 2, 0) };
}

const emptyStatistics = (): OutputStatistics => ({
  count: 0,
  sumSquaredError: 0,
  sumAbsoluteError: 0,
  sumAbsolutePercentageError: 0,
  target: { count: 0, mean: 0, squaredDeviations: 0 },
  residual: { count: 0, mean: 0, squaredDeviations: 0 },
});

/** Per-output statistics accumulated over batches of targets and predictions `[n]` or `[n, outputs]`. */
export class RegressionStatistics {
  outputs: OutputStatistics[] = [];

  async add(metric: string, target: MetricInput, prediction: MetricInput): Promise<void> {
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
    for (let column = 0; column < columns; column++) {
      const targets: number[] = [];
      const residuals: number[] = [];
      const statistics = this.outputs[column]!;
      for (let row = 0; row < rows; row++) {
        const y = truth.values[row * columns + column]!;
        const residual = y - estimate.values[row * columns + column]!;
        targets.push(y);
        residuals.push(residual);
        statistics.sumSquaredError += residual * residual;
        statistics.sumAbsoluteError += Math.abs(residual);
        // MAPE term |y − ŷ| / max(|y|, ε) with ε the float64 machine epsilon (scikit-learn).
        statistics.sumAbsolutePercentageError += Math.abs(residual) / Math.max(Math.abs(y), Number.EPSILON);
      }
      statistics.count += rows;
      statistics.target = mergeMoments(statistics.target, momentsOf(targets));
      statistics.residual = mergeMoments(statistics.residual, momentsOf(residuals));
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
