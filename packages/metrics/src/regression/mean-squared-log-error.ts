import { check } from '../input/metric-error.js';
import { multioutputFunction, meanOf, optionNamesOf, perOutput, type ColumnRegressionMetric } from './column-regression-metric.js';
import { combineOutputs } from './combine-outputs.js';
import { requireEvery } from './regression-columns.js';
import { readRegressionOptions, type MeanSquaredErrorOptions } from './regression-metrics.js';

const name = 'meanSquaredLogError';
const negativeValues = 'cannot be used when target or prediction contains negative values';

/** scikit-learn's `mean_squared_log_error`, `squared` as in 1.2. */
export const meanSquaredLogErrorMetric: ColumnRegressionMetric<MeanSquaredErrorOptions> = {
  name,
  singleOutput: false,
  prepare(options, weighted) {
    const multioutput = readRegressionOptions(name, options, optionNamesOf(['multioutput', 'squared'], weighted));
    const squared = options.squared ?? true;
    check(typeof squared === 'boolean', name, `squared must be a boolean, got ${String(squared)}`);
    return (columns) => {
      requireEvery(name, columns, 'target', (value) => value >= 0, negativeValues);
      requireEvery(name, columns, 'prediction', (value) => value >= 0, negativeValues);
      // MSLE = Σ wᵢ (log(1 + yᵢ) − log(1 + ŷᵢ))² / Σ wᵢ per output; squared: false roots each output before combining.
      const scores = perOutput(columns, (targets, predictions) =>
        meanOf(targets, predictions, columns.weights, (target, prediction) => (Math.log1p(target) - Math.log1p(prediction)) ** 2),
      );
      return combineOutputs(name, squared ? scores : scores.map(Math.sqrt), multioutput);
    };
  },
};

/**
 * Mean squared logarithmic error (scikit-learn's `mean_squared_log_error`): inputs `[n]` or
 * `[n, outputs]`, no negative values; `{ squared: false }` gives its root (scikit-learn 1.2's keyword).
 * @example
 * await meanSquaredLogError([3, 5, 2.5, 7], [2.5, 5, 4, 8]); // 0.0397…
 */
export const meanSquaredLogError = multioutputFunction(meanSquaredLogErrorMetric);
