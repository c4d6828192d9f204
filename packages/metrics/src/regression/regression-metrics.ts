import type { MetricInput } from '../input/read-input.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { checkChoice, checkOptions } from '@dl/tensor';
import { check } from '../input/metric-error.js';
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

/**
 * scikit-learn's `multioutput`: how the scores of several outputs `[n, outputs]` combine.
 * 'uniformAverage' (or 'uniform_average'): their mean; 'rawValues' ('raw_values'): one per output;
 * 'varianceWeighted' ('variance_weighted', r2Score and explainedVariance only): weighted by each
 * target's variance; an array: weighted by those weights.
 */
export type Multioutput = 'uniformAverage' | 'rawValues' | 'varianceWeighted' | readonly number[];

/**
 * The options of the regression metrics (scikit-learn's keywords).
 * @example
 * await r2Score(target, prediction, { multioutput: 'rawValues' }); // one R² per output
 */
export interface RegressionOptions {
  /** How the outputs' scores combine (see Multioutput). Default 'uniformAverage'. */
  multioutput?: Multioutput;
}

/** meanSquaredError's options: scikit-learn 1.2's `squared` beside `multioutput`. */
export interface MeanSquaredErrorOptions extends RegressionOptions {
  /** false gives the root mean squared error (scikit-learn's `squared=False`). Default true. */
  squared?: boolean;
}

/**
 * A regression metric's call: one score, or one per output with `multioutput: 'rawValues'`.
 * @example
 * await r2Score(target, prediction, { multioutput: 'rawValues' }); // [0.96, 0.94]
 */
export interface RegressionFunction<Options extends RegressionOptions> {
  (target: MetricInput, prediction: MetricInput, options: Options & { multioutput: 'rawValues' }): Promise<number[]>;
  (target: MetricInput, prediction: MetricInput, options?: Options): Promise<number>;
}

const multioutputChoices: Record<string, 'uniformAverage' | 'rawValues' | 'varianceWeighted'> = {
  uniformAverage: 'uniformAverage',
  uniform_average: 'uniformAverage',
  rawValues: 'rawValues',
  raw_values: 'rawValues',
  varianceWeighted: 'varianceWeighted',
  variance_weighted: 'varianceWeighted',
};

/** The combination the options ask for, checked: an unknown key or value throws naming the metric. */
export function readRegressionOptions(name: string, options: MeanSquaredErrorOptions, accepted: readonly string[]): Multioutput {
  checkOptions(name, options, accepted);
  const multioutput = options.multioutput ?? 'uniformAverage';
  if (Array.isArray(multioutput)) {
    check(
      multioutput.every((weight) => typeof weight === 'number' && Number.isFinite(weight)),
      name,
      'multioutput weights must be finite numbers',
    );
    return multioutput;
  }
  const choice = checkChoice(name, 'multioutput', multioutput, multioutputChoices);
  check(
    choice !== 'varianceWeighted' || name === 'r2Score' || name === 'explainedVariance',
    name,
    "multioutput 'varianceWeighted' applies to r2Score and explainedVariance only",
  );
  return choice;
}

/** The metric `name` as a function of (target, prediction, { multioutput }). */
function regressionFunction(name: RegressionMetricName): RegressionFunction<RegressionOptions> {
  return (async (target: MetricInput, prediction: MetricInput, options: RegressionOptions = {}) =>
    evaluate(name, target, prediction, readRegressionOptions(name, options, ['multioutput']))) as RegressionFunction<RegressionOptions>;
}

async function evaluate(
  name: RegressionMetricName,
  target: MetricInput,
  prediction: MetricInput,
  multioutput: Multioutput,
): Promise<number | number[]> {
  const statistics = new RegressionStatistics();
  await statistics.add(name, target, prediction);
  return statistics.combine(name, formulas[name], multioutput);
}

/**
 * Mean squared error (scikit-learn's `mean_squared_error`). Inputs `[n]` or `[n, outputs]`, combined as `multioutput`
 * says; `{ squared: false }` gives the root (scikit-learn 1.2's keyword).
 * @example
 * await meanSquaredError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.375
 */
export const meanSquaredError = (async (target: MetricInput, prediction: MetricInput, options: MeanSquaredErrorOptions = {}) => {
  const multioutput = readRegressionOptions('meanSquaredError', options, ['multioutput', 'squared']);
  const squared = options.squared ?? true;
  check(typeof squared === 'boolean', 'meanSquaredError', `squared must be a boolean, got ${String(squared)}`);
  return evaluate(squared ? 'meanSquaredError' : 'rootMeanSquaredError', target, prediction, multioutput);
}) as RegressionFunction<MeanSquaredErrorOptions>;
/**
 * Root mean squared error (scikit-learn's `mean_squared_error(squared=False)`).
 * @example
 * await rootMeanSquaredError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.6123…
 */
export const rootMeanSquaredError = regressionFunction('rootMeanSquaredError');
/**
 * Mean absolute error (scikit-learn's `mean_absolute_error`).
 * @example
 * await meanAbsoluteError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.5
 */
export const meanAbsoluteError = regressionFunction('meanAbsoluteError');
/**
 * Mean absolute percentage error as a fraction (scikit-learn's `mean_absolute_percentage_error`).
 * @example
 * await meanAbsolutePercentageError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.3273…
 */
export const meanAbsolutePercentageError = regressionFunction('meanAbsolutePercentageError');
/**
 * Coefficient of determination R² (scikit-learn's `r2_score`).
 * @example
 * await r2Score([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.9486…
 */
export const r2Score = regressionFunction('r2Score');
/**
 * Explained variance (scikit-learn's `explained_variance_score`).
 * @example
 * await explainedVariance([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.9571…
 */
export const explainedVariance = regressionFunction('explainedVariance');

/**
 * Streaming regression metric: exact per-output sums and merged moments, so batch results equal the
 * whole-set result. `new RegressionMetric('r2Score')`.
 */
export class RegressionMetric implements StreamingMetric<[MetricInput, MetricInput], number | number[]> {
  private readonly statistics = new RegressionStatistics();
  private readonly multioutput: Multioutput;
  constructor(
    readonly name: RegressionMetricName,
    options: RegressionOptions = {},
  ) {
    this.multioutput = readRegressionOptions(name, options, ['multioutput']);
  }
  update(target: MetricInput, prediction: MetricInput): Promise<void> {
    return this.statistics.add(this.name, target, prediction);
  }
  compute(): number | number[] {
    return this.statistics.combine(this.name, formulas[this.name], this.multioutput);
  }
  reset(): void {
    this.statistics.reset();
  }
}
