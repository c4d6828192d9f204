import { multioutputFunction, meanOf, optionNamesOf, perOutput, type ColumnRegressionMetric } from './column-regression-metric.js';
import { combineOutputs } from './combine-outputs.js';
import { pinballLoss, readAlpha, type PinballOptions } from './mean-pinball-loss.js';
import { percentile, weightedPercentile } from './quantile.js';
import type { RegressionColumns } from './regression-columns.js';
import { readRegressionOptions, type RegressionOptions } from './regression-metrics.js';

/**
 * D² of each output: 1 − L(y, ŷ) / L(y, q_α(y)), L the (weighted) mean pinball loss and q_α(y) the
 * α-quantile of the target (numpy's linear percentile; with `sampleWeight`, scikit-learn's lower
 * weighted percentile); 1 when L(y, ŷ) = 0, 0 when only the denominator is 0, and NaN with fewer
 * than two samples, counted without weights (scikit-learn: "not well-defined").
 */
function d2PinballScores(columns: RegressionColumns, alpha: number): number[] {
  const { weights } = columns;
  return perOutput(columns, (targets, predictions) => {
    if (targets.length < 2) return NaN;
    const numerator = meanOf(targets, predictions, weights, (target, prediction) => pinballLoss(target, prediction, alpha));
    const quantile = columns.weighted ? weightedPercentile(targets, weights, alpha * 100) : percentile(targets, alpha * 100);
    const denominator = meanOf(targets, predictions, weights, (target) => pinballLoss(target, quantile, alpha));
    if (numerator === 0) return 1;
    return denominator === 0 ? 0 : 1 - numerator / denominator;
  });
}

/** scikit-learn's `d2_pinball_score`. */
export const d2PinballScoreMetric: ColumnRegressionMetric<PinballOptions> = {
  name: 'd2PinballScore',
  singleOutput: false,
  prepare(options, weighted) {
    const multioutput = readRegressionOptions('d2PinballScore', options, optionNamesOf(['multioutput', 'alpha'], weighted));
    const alpha = readAlpha('d2PinballScore', options);
    return (columns) => combineOutputs('d2PinballScore', d2PinballScores(columns, alpha), multioutput);
  },
};

/** scikit-learn's `d2_absolute_error_score`: d2_pinball_score with α = ½ (the median). */
export const d2AbsoluteErrorScoreMetric: ColumnRegressionMetric<RegressionOptions> = {
  name: 'd2AbsoluteErrorScore',
  singleOutput: false,
  prepare(options, weighted) {
    const multioutput = readRegressionOptions('d2AbsoluteErrorScore', options, optionNamesOf(['multioutput'], weighted));
    return (columns) => combineOutputs('d2AbsoluteErrorScore', d2PinballScores(columns, 0.5), multioutput);
  },
};

/**
 * D² pinball score, the fraction of pinball loss explained (scikit-learn's `d2_pinball_score`):
 * 1 − L_α(y, ŷ) / L_α(y, α-quantile of y). NaN below two samples (one NaN per output with 'rawValues').
 * @example
 * await d2PinballScore([1, 2, 3], [1, 3, 3], { alpha: 0.9 }); // 0.772…
 */
export const d2PinballScore = multioutputFunction(d2PinballScoreMetric);

/**
 * D² absolute error score (scikit-learn's `d2_absolute_error_score`): 1 − MAE(y, ŷ) / MAE(y, median y).
 * @example
 * await d2AbsoluteErrorScore([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // 0.764…
 */
export const d2AbsoluteErrorScore = multioutputFunction(d2AbsoluteErrorScoreMetric);
