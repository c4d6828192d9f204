import type { MetricInput } from '../input/read-input.js';
import { readRegressionColumns, type RegressionColumns } from './regression-columns.js';
import type { RegressionFunction, RegressionOptions } from './regression-metrics.js';

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
  prepare(options: Options): ColumnsEvaluator;
}

/** A single-output metric's call: one number. */
export type SingleOutputRegressionFunction<Options> = (target: MetricInput, prediction: MetricInput, options?: Options) => Promise<number>;

/** `definition` as a function of (target, prediction, options), options checked before the inputs are read. */
function callOf<Options>(definition: ColumnRegressionMetric<Options>) {
  return async (target: MetricInput, prediction: MetricInput, options: Options = {} as Options) => {
    const evaluate = definition.prepare(options);
    return evaluate(await readRegressionColumns(definition.name, target, prediction, definition.singleOutput));
  };
}

/** The function form of a metric with scikit-learn's `multioutput`. */
export const multioutputFunction = <Options extends RegressionOptions>(definition: ColumnRegressionMetric<Options>) =>
  callOf(definition) as RegressionFunction<Options>;

/** The function form of a single-output metric. */
export const singleOutputFunction = <Options>(definition: ColumnRegressionMetric<Options>) =>
  callOf(definition) as SingleOutputRegressionFunction<Options>;

/** `score(target column, prediction column)` of each output. */
export function perOutput(columns: RegressionColumns, score: (targets: Float64Array, predictions: Float64Array) => number): number[] {
  return columns.targets.map((targets, output) => score(targets, columns.predictions[output]!));
}

/** (1/n) Σ term(yᵢ, ŷᵢ). */
export function meanOf(targets: Float64Array, predictions: Float64Array, term: (target: number, prediction: number) => number): number {
  let sum = 0;
  for (let index = 0; index < targets.length; index++) sum += term(targets[index]!, predictions[index]!);
  return sum / targets.length;
}
