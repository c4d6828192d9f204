import { checkOptions } from '@dl/tensor';
import { singleOutputFunction, type ColumnRegressionMetric, type SingleOutputRegressionFunction } from './column-regression-metric.js';

const name = 'maxError';

/** scikit-learn's `max_error` (one output; it takes no keyword, not even sample_weight in 1.2). */
export const maxErrorMetric: ColumnRegressionMetric<Record<string, never>> = {
  name,
  singleOutput: true,
  extraArgumentHint: "maxError takes no sampleWeight (scikit-learn 1.2's max_error has none)",
  prepare(options) {
    checkOptions(name, options, []);
    // max_i |yᵢ − ŷᵢ|
    return ({ targets, predictions }) =>
      targets[0]!.reduce((largest, target, index) => Math.max(largest, Math.abs(target - predictions[0]![index]!)), 0);
  },
};

/**
 * The largest absolute error (scikit-learn's `max_error`); one output, `[n]` or `[n, 1]`.
 * @example
 * await maxError([3, 2, 7, 1], [4, 2, 7, 1]); // 1
 */
export const maxError = singleOutputFunction(maxErrorMetric) as SingleOutputRegressionFunction<Record<string, never>>;
