import { check } from '../input/metric-error.js';
import { multioutputFunction, meanOf, optionNamesOf, perOutput, type ColumnRegressionMetric } from './column-regression-metric.js';
import { combineOutputs } from './combine-outputs.js';
import { readRegressionOptions, type RegressionOptions } from './regression-metrics.js';

/**
 * The options of meanPinballLoss and d2PinballScore (scikit-learn's keywords).
 * @example
 * await meanPinballLoss(target, prediction, { alpha: 0.9 }); // the loss of a 90% quantile prediction
 */
export interface PinballOptions extends RegressionOptions {
  /** The quantile level, in [0, 1]. Default 0.5 (half the absolute error). */
  alpha?: number;
}

/** Pinball loss of one sample: α(y − ŷ) if y ≥ ŷ, else (1 − α)(ŷ − y). */
export function pinballLoss(target: number, prediction: number, alpha: number): number {
  const difference = target - prediction;
  return difference >= 0 ? alpha * difference : -(1 - alpha) * difference;
}

/** `alpha`, checked: a number in [0, 1] (scikit-learn 1.2's mean_pinball_loss computes with any; its percentile refuses others). */
export function readAlpha(metric: string, options: PinballOptions): number {
  const alpha = options.alpha ?? 0.5;
  check(
    typeof alpha === 'number' && alpha >= 0 && alpha <= 1,
    metric,
    () => `alpha must be a number in [0, 1], got ${typeof alpha === 'string' ? `'${alpha}'` : String(alpha)}`,
  );
  return alpha;
}

const name = 'meanPinballLoss';

/** scikit-learn's `mean_pinball_loss`. */
export const meanPinballLossMetric: ColumnRegressionMetric<PinballOptions> = {
  name,
  singleOutput: false,
  prepare(options, weighted) {
    const multioutput = readRegressionOptions(name, options, optionNamesOf(['multioutput', 'alpha'], weighted));
    const alpha = readAlpha(name, options);
    // Σ wᵢ L_α(yᵢ, ŷᵢ) / Σ wᵢ per output
    return (columns) =>
      combineOutputs(
        name,
        perOutput(columns, (targets, predictions) =>
          meanOf(targets, predictions, columns.weights, (target, prediction) => pinballLoss(target, prediction, alpha)),
        ),
        multioutput,
      );
  },
};

/**
 * Mean pinball (quantile) loss (scikit-learn's `mean_pinball_loss`), inputs `[n]` or `[n, outputs]`.
 * @example
 * await meanPinballLoss([1, 2, 3], [0, 2, 3], { alpha: 0.1 }); // 0.0333…
 */
export const meanPinballLoss = multioutputFunction(meanPinballLossMetric);
