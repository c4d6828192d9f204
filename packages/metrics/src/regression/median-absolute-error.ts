import { multioutputFunction, optionNamesOf, perOutput, type ColumnRegressionMetric } from './column-regression-metric.js';
import { combineOutputs } from './combine-outputs.js';
import { median, weightedPercentile } from './quantile.js';
import { readRegressionOptions, type RegressionOptions } from './regression-metrics.js';

const name = 'medianAbsoluteError';

/** scikit-learn's `median_absolute_error`. */
export const medianAbsoluteErrorMetric: ColumnRegressionMetric<RegressionOptions> = {
  name,
  singleOutput: false,
  // The lower weighted median of all-zero weights is the largest error, as scikit-learn's _weighted_percentile.
  allowsZeroTotalWeight: true,
  prepare(options, weighted) {
    const multioutput = readRegressionOptions(name, options, optionNamesOf(['multioutput'], weighted));
    // MedAE = median |y − ŷ| per output (the mean of the two middle values for an even count); with
    // `sampleWeight`, scikit-learn's lower weighted median (weightedPercentile at 50), even for unit weights.
    return (columns) =>
      combineOutputs(
        name,
        perOutput(columns, (targets, predictions) => {
          const errors = targets.map((target, index) => Math.abs(predictions[index]! - target));
          return columns.weighted ? weightedPercentile(errors, columns.weights, 50) : median(errors);
        }),
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
