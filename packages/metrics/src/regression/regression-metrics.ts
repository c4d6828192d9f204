import type { MetricInput } from '../input/read-input.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { RegressionStatistics, type OutputStatistics } from './regression-statistics.js';

type Formula = (statistics: OutputStatistics) => number;

// scikit-learn's force_finite: a constant target gives 1 for a perfect fit, else 0.
const finiteRatioScore = (numerator: number, denominator: number) =>
  denominator !== 0 ? 1 - numerator / denominator : numerator === 0 ? 1 : 0;

/** The per-output formulas; multi-output values are averaged uniformly. */
const formulas = {
  // MSE = (1/n) Σ (y − ŷ)²
  meanSquaredError: (s) => s.sumSquaredError / s.count,
  // RMSE = sqrt(MSE), per output before averaging
  rootMeanSquaredError: (s) => Math.sqrt(s.sumSquaredError / s.count),
  // MAE = (1/n) Σ |y − ŷ|
  meanAbsoluteError: (s) => s.sumAbsoluteError / s.count,
  // MAPE = (1/n) Σ |y − ŷ| / max(|y|, ε)   (a fraction, not a percentage)
  meanAbsolutePercentageError: (s) => s.sumAbsolutePercentageError / s.count,
  // R² = 1 − Σ (y − ŷ)² / Σ (y − ȳ)²
  r2Score: (s) => finiteRatioScore(s.sumSquaredError, s.target.squaredDeviations),
  // explained variance = 1 − Var(y − ŷ) / Var(y)
  explainedVariance: (s) => finiteRatioScore(s.residual.squaredDeviations, s.target.squaredDeviations),
} satisfies Record<string, Formula>;

export type RegressionMetricName = keyof typeof formulas;

async function evaluate(name: RegressionMetricName, target: MetricInput, prediction: MetricInput): Promise<number> {
  const statistics = new RegressionStatistics();
  await statistics.add(name, target, prediction);
  return statistics.average(name, formulas[name]);
}

/**
 * Mean squared error (scikit-learn's `mean_squared_error`). Inputs `[n]` or `[n, outputs]` (averaged).
 * @example
 * await meanSquaredError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.375
 */
export const meanSquaredError = (target: MetricInput, prediction: MetricInput) => evaluate('meanSquaredError', target, prediction);
/**
 * Root mean squared error (scikit-learn's `mean_squared_error(squared=False)`).
 * @example
 * await rootMeanSquaredError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.6123…
 */
export const rootMeanSquaredError = (target: MetricInput, prediction: MetricInput) => evaluate('rootMeanSquaredError', target, prediction);
/**
 * Mean absolute error (scikit-learn's `mean_absolute_error`).
 * @example
 * await meanAbsoluteError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.5
 */
export const meanAbsoluteError = (target: MetricInput, prediction: MetricInput) => evaluate('meanAbsoluteError', target, prediction);
/**
 * Mean absolute percentage error as a fraction (scikit-learn's `mean_absolute_percentage_error`).
 * @example
 * await meanAbsolutePercentageError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.3273…
 */
export const meanAbsolutePercentageError = (target: MetricInput, prediction: MetricInput) =>
  evaluate('meanAbsolutePercentageError', target, prediction);
/**
 * Coefficient of determination R² (scikit-learn's `r2_score`).
 * @example
 * await r2Score([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.9486…
 */
export const r2Score = (target: MetricInput, prediction: MetricInput) => evaluate('r2Score', target, prediction);
/**
 * Explained variance (scikit-learn's `explained_variance_score`).
 * @example
 * await explainedVariance([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.9571…
 */
export const explainedVariance = (target: MetricInput, prediction: MetricInput) => evaluate('explainedVariance', target, prediction);

/**
 * Streaming regression metric: exact per-output sums and merged moments, so batch results equal the
 * whole-set result. `new RegressionMetric('r2Score')`.
 */
export class RegressionMetric implements StreamingMetric<[MetricInput, MetricInput], number> {
  private readonly statistics = new RegressionStatistics();
  constructor(readonly name: RegressionMetricName) {}
  update(target: MetricInput, prediction: MetricInput): Promise<void> {
    return this.statistics.add(this.name, target, prediction);
  }
  compute(): number {
    return this.statistics.average(this.name, formulas[this.name]);
  }
  reset(): void {
    this.statistics.reset();
  }
}
