import type { MetricInput } from '../input/read-input.js';
import { checkPositiveTotalWeight, type SampleWeightOption } from '../input/sample-weight.js';
import { checkSomeSamples, readRegressionColumns, type RegressionColumns } from './regression-columns.js';
import type { RegressionFunction, RegressionOptions } from './regression-metrics.js';
import { refuseExtraArguments, sampleWeightHint } from '../input/extra-arguments.js';

/** The evaluation of a metric, its options read, over every sample's columns. */
export type ColumnsEvaluator = (columns: RegressionColumns) => number | number[];

/**
 * A regression metric computed from every sample at once (medians, quantiles, deviances around the
 * mean): `prepare` checks its options, throwing with the metric's name, and returns the evaluator.
 */
export interface ColumnRegressionMetric<Options> {
  readonly name: string;
  /** true where scikit-learn refuses more than one output (max_error, the Tweedie deviances). */
  readonly singleOutput: boolean;
  /**
   * true where weights summing to 0 still give a value (scikit-learn's weighted percentile divides by
   * nothing); elsewhere a weighted mean over Σ wᵢ = 0 throws, as scikit-learn's `np.average`.
   */
  readonly allowsZeroTotalWeight?: boolean;
  /**
   * What an argument after the options is told, where the sample-weight hint would mislead (max_error
   * has no sample_weight); default: sample weights go in the options object.
   */
  readonly extraArgumentHint?: string;
  /**
   * Checks the options and returns the evaluator. `weighted`: the function form, which also accepts
   * `sampleWeight` (where scikit-learn 1.2 has `sample_weight`; the streaming form takes none).
   */
  prepare(options: Options, weighted: boolean): ColumnsEvaluator;
}

/** A single-output metric's call: one number. */
export type SingleOutputRegressionFunction<Options> = (target: MetricInput, prediction: MetricInput, options?: Options) => Promise<number>;

/** `definition` as a function of (target, prediction, options), options checked before the inputs are read. */
function callOf<Options>(definition: ColumnRegressionMetric<Options>) {
  return async (
    target: MetricInput,
    prediction: MetricInput,
    options: Options & SampleWeightOption = {} as Options & SampleWeightOption,
    ...extra: never[]
  ) => {
    const { name } = definition;
    refuseExtraArguments(name, ['target', 'prediction', 'options?'], extra, definition.extraArgumentHint ?? sampleWeightHint(name));
    const evaluate = definition.prepare(options, true);
    const columns = await readRegressionColumns(definition.name, target, prediction, definition.singleOutput, options.sampleWeight);
    checkSomeSamples(definition.name, columns);
    if (options.sampleWeight !== undefined && !definition.allowsZeroTotalWeight)
      checkPositiveTotalWeight(definition.name, totalWeight(columns.weights));
    return evaluate(columns);
  };
}

/** The function form of a metric with scikit-learn's `multioutput` (and `sample_weight`). */
export const multioutputFunction = <Options extends RegressionOptions>(definition: ColumnRegressionMetric<Options>) =>
  callOf(definition) as RegressionFunction<Options>;

/** The function form of a single-output metric with scikit-learn's `sample_weight`. */
export const singleOutputFunction = <Options>(definition: ColumnRegressionMetric<Options>) =>
  callOf(definition) as SingleOutputRegressionFunction<Options & SampleWeightOption>;

/** The option names of `names` plus `sampleWeight` where the function form reads it. */
export const optionNamesOf = (names: readonly string[], weighted: boolean): string[] =>
  weighted ? [...names, 'sampleWeight'] : [...names];

/** W = Σ wᵢ. */
export function totalWeight(weights: ArrayLike<number>): number {
  let total = 0;
  for (let index = 0; index < weights.length; index++) total += weights[index]!;
  return total;
}

/** `score(target column, prediction column)` of each output. */
export function perOutput(columns: RegressionColumns, score: (targets: Float64Array, predictions: Float64Array) => number): number[] {
  return columns.targets.map((targets, output) => score(targets, columns.predictions[output]!));
}

/** The weighted mean Σ wᵢ term(yᵢ, ŷᵢ) / Σ wᵢ (scikit-learn's `np.average(..., weights=sample_weight)`; (1/n) Σ term with unit weights). */
export function meanOf(
  targets: Float64Array,
  predictions: Float64Array,
  weights: Float64Array,
  term: (target: number, prediction: number) => number,
): number {
  let sum = 0;
  for (let index = 0; index < targets.length; index++) sum += weights[index]! * term(targets[index]!, predictions[index]!);
  return sum / totalWeight(weights);
}
