import { multioutputFunction, perOutput, type ColumnRegressionMetric } from './column-regression-metric.js';
import { combineOutputs } from './combine-outputs.js';
import { median } from './quantile.js';
import { readRegressionOptions, type RegressionOptions } from './regression-metrics.js';

const name = 'medianAbsoluteError';

/** scikit-learn's `median_absolute_error`. */
export const medianAbsoluteErrorMetric: ColumnRegressionMetric<RegressionOptions> = {
  name,
  singleOutput: false,
  prepare(options) {
    const multioutput = readRegressionOptions(name, options, ['multioutput']);
    // MedAE = median |y − ŷ| per output (the mean of the two middle values for an even count).
    return (columns) =>
      combineOutputs(
        name,
        perOutput(columns, (targets, predictions) => median(targets.map((target, index) => Math.abs(predictions[index]! - target)))),
        multioutput,
      );
  },
};

/**
 * Median absolute error (scikit-learn's `median_absolute_error`), inputs `[n]` or `[n, outputs]`.
 * @example
 * await medianAbsoluteError([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.5
 */
export const medianAbsoluteError = multioutputFunction(medianAbsoluteErrorMetric);
