import type { MetricInput } from '../input/read-input.js';
import type { StreamingMetric } from '../streaming-metric.js';
import { checkChoice, checkOptions } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import { RegressionStatistics, type OutputStatistics } from './regression-statistics.js';
import { checkPositiveTotalWeight, type SampleWeightOption } from '../input/sample-weight.js';
import { refuseExtraArguments, sampleWeightHint, streamingSampleWeightHint } from '../input/extra-arguments.js';

type Formula = (statistics: OutputStatistics) => number;

// scikit-learn's force_finite: a constant target gives 1 for a perfect fit, else 0.
const finiteRatioScore = (numerator: number, denominator: number) =>
  denominator !== 0 ? 1 - numerator / denominator : numerator === 0 ? 1 : 0;
// force_finite=False: the plain 1 − numerator/denominator, NaN (0/0) or −∞ for a constant target.
const plainRatioScore = (numerator: number, denominator: number) => 1 - numerator / denominator;

/** The per-output formulas; multi-output values are averaged uniformly. */
// With sample weights every sum is weighted and every mean divides by W = Σ wᵢ (W = n without weights).
const formulas = {
  // MSE = (1/W) Σ wᵢ (yᵢ − ŷᵢ)²
  meanSquaredError: (s) => s.sumSquaredError / s.weight,
  // RMSE = sqrt(MSE), per output before averaging
  rootMeanSquaredError: (s) => Math.sqrt(s.sumSquaredError / s.weight),
  // MAE = (1/W) Σ wᵢ |yᵢ − ŷᵢ|
  meanAbsoluteError: (s) => s.sumAbsoluteError / s.weight,
  // MAPE = (1/W) Σ wᵢ |yᵢ − ŷᵢ| / max(|yᵢ|, ε)   (a fraction, not a percentage)
  meanAbsolutePercentageError: (s) => s.sumAbsolutePercentageError / s.weight,
  // R² = 1 − Σ wᵢ (yᵢ − ŷᵢ)² / Σ wᵢ (yᵢ − ȳ)², ȳ the weighted mean; NaN below two samples (counted
  // without weights), as scikit-learn ("not well-defined").
  r2Score: (s) => (s.count < 2 ? NaN : finiteRatioScore(s.sumSquaredError, s.target.squaredDeviations)),
  // explained variance = 1 − Var_w(y − ŷ) / Var_w(y), weighted variances around weighted means
  explainedVariance: (s) => finiteRatioScore(s.residual.squaredDeviations, s.target.squaredDeviations),
} satisfies Record<string, Formula>;

/** The two ratio scores with scikit-learn's force_finite=False. */
const unforcedFormulas: Partial<Record<RegressionMetricName, Formula>> = {
  r2Score: (s) => (s.count < 2 ? NaN : plainRatioScore(s.sumSquaredError, s.target.squaredDeviations)),
  explainedVariance: (s) => plainRatioScore(s.residual.squaredDeviations, s.target.squaredDeviations),
};

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

/**
 * The options of r2Score and explainedVariance: scikit-learn's `force_finite` beside `multioutput`.
 * @example
 * await r2Score([2, 2, 2], [2, 2, 2.5], { forceFinite: false }); // -Infinity (default: 0)
 */
export interface RatioScoreOptions extends RegressionOptions {
  /** true (default): a constant target scores 1 for a perfect fit and 0 otherwise; false: the plain ratio, NaN or −Infinity. */
  forceFinite?: boolean;
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
  (target: MetricInput, prediction: MetricInput, options: Options & SampleWeightOption & { multioutput: 'rawValues' }): Promise<number[]>;
  (target: MetricInput, prediction: MetricInput, options?: Options & SampleWeightOption): Promise<number>;
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

const ratioScores: readonly string[] = ['r2Score', 'explainedVariance'];

/** The option names metric `name` takes: forceFinite for the two ratio scores. */
const acceptedOptions = (name: string) => (ratioScores.includes(name) ? ['multioutput', 'forceFinite'] : ['multioutput']);

/** The option names of a function form: the streaming form's plus `sampleWeight` (streaming takes no weights). */
export const withSampleWeight = (names: readonly string[]) => [...names, 'sampleWeight'];

/** The per-output formula of `name`, with forceFinite (checked: a boolean) applied. */
function formulaOf(name: RegressionMetricName, options: RatioScoreOptions): Formula {
  const forceFinite = options.forceFinite ?? true;
  check(typeof forceFinite === 'boolean', name, `forceFinite must be a boolean, got ${String(forceFinite)}`);
  return (forceFinite ? undefined : unforcedFormulas[name]) ?? formulas[name];
}

/** The metric `name` as a function of (target, prediction, { multioutput, forceFinite }). */
function regressionFunction<Options extends RatioScoreOptions>(name: RegressionMetricName): RegressionFunction<Options> {
  return (async (target: MetricInput, prediction: MetricInput, options: RatioScoreOptions & SampleWeightOption = {}, ...extra: never[]) => {
    refuseExtraArguments(name, ['target', 'prediction', 'options?'], extra, sampleWeightHint(name));
    const multioutput = readRegressionOptions(name, options, withSampleWeight(acceptedOptions(name)));
    return evaluate(name, formulaOf(name, options), target, prediction, multioutput, options.sampleWeight);
  }) as RegressionFunction<Options>;
}

async function evaluate(
  name: RegressionMetricName,
  formula: Formula,
  target: MetricInput,
  prediction: MetricInput,
  multioutput: Multioutput,
  sampleWeight: unknown,
): Promise<number | number[]> {
  const statistics = new RegressionStatistics();
  await statistics.add(name, target, prediction, sampleWeight);
  if (sampleWeight !== undefined) checkPositiveTotalWeight(name, statistics.outputs[0]?.weight ?? 0);
  return statistics.combine(name, formula, multioutput);
}

/**
 * Mean squared error (scikit-learn's `mean_squared_error`). Inputs `[n]` or `[n, outputs]`, combined as `multioutput`
 * says; `{ squared: false }` gives the root (scikit-learn 1.2's keyword).
 * @example
 * await meanSquaredError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.375
 */
export const meanSquaredError = (async (
  target: MetricInput,
  prediction: MetricInput,
  options: MeanSquaredErrorOptions & SampleWeightOption = {},
  ...extra: never[]
) => {
  refuseExtraArguments('meanSquaredError', ['target', 'prediction', 'options?'], extra, sampleWeightHint('meanSquaredError'));
  const multioutput = readRegressionOptions('meanSquaredError', options, withSampleWeight(['multioutput', 'squared']));
  const squared = options.squared ?? true;
  check(typeof squared === 'boolean', 'meanSquaredError', `squared must be a boolean, got ${String(squared)}`);
  const name = squared ? 'meanSquaredError' : 'rootMeanSquaredError';
  return evaluate(name, formulas[name], target, prediction, multioutput, options.sampleWeight);
}) as RegressionFunction<MeanSquaredErrorOptions>;
/**
 * Root mean squared error (scikit-learn's `mean_squared_error(squared=False)`).
 * @example
 * await rootMeanSquaredError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.6123…
 */
export const rootMeanSquaredError = regressionFunction<RegressionOptions>('rootMeanSquaredError');
/**
 * Mean absolute error (scikit-learn's `mean_absolute_error`).
 * @example
 * await meanAbsoluteError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.5
 */
export const meanAbsoluteError = regressionFunction<RegressionOptions>('meanAbsoluteError');
/**
 * Mean absolute percentage error as a fraction (scikit-learn's `mean_absolute_percentage_error`).
 * @example
 * await meanAbsolutePercentageError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.3273…
 */
export const meanAbsolutePercentageError = regressionFunction<RegressionOptions>('meanAbsolutePercentageError');
/**
 * Coefficient of determination R² (scikit-learn's `r2_score`): NaN with fewer than two samples;
 * `{ forceFinite: false }` keeps NaN/−Infinity for a constant target.
 * @example
 * await r2Score([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.9486…
 */
export const r2Score = regressionFunction<RatioScoreOptions>('r2Score');
/**
 * Explained variance (scikit-learn's `explained_variance_score`).
 * @example
 * await explainedVariance([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.9571…
 */
export const explainedVariance = regressionFunction<RatioScoreOptions>('explainedVariance');

/**
 * Streaming regression metric: exact per-output sums and merged moments, so batch results equal the
 * whole-set result. `new RegressionMetric('r2Score')`.
 */
export class RegressionMetric implements StreamingMetric<[MetricInput, MetricInput], number | number[]> {
  private readonly statistics = new RegressionStatistics();
  private readonly multioutput: Multioutput;
  private readonly formula: Formula;
  constructor(
    readonly name: RegressionMetricName,
    options: RatioScoreOptions = {},
    ...extra: never[]
  ) {
    refuseExtraArguments('RegressionMetric', ['name', 'options?'], extra);
    // An unknown name used to be accepted here and fail inside compute().
    check(
      Object.hasOwn(formulas, name),
      'RegressionMetric',
      `unknown metric ${typeof name === 'string' ? `'${name}'` : String(name)}; expected one of ${Object.keys(formulas).join(', ')}`,
    );
    this.multioutput = readRegressionOptions(name, options, acceptedOptions(name));
    this.formula = formulaOf(name, options);
  }
  async update(target: MetricInput, prediction: MetricInput, ...extra: never[]): Promise<void> {
    refuseExtraArguments('RegressionMetric.update', ['target', 'prediction'], extra, streamingSampleWeightHint(this.name));
    await this.statistics.add(this.name, target, prediction);
  }
  compute(...extra: never[]): number | number[] {
    refuseExtraArguments('RegressionMetric.compute', [], extra);
    return this.statistics.combine(this.name, this.formula, this.multioutput);
  }
  reset(...extra: never[]): void {
    refuseExtraArguments('RegressionMetric.reset', [], extra);
    this.statistics.reset();
  }
}
