import { singleOutputFunction, meanOf, totalWeight, type ColumnRegressionMetric } from './column-regression-metric.js';
import { meanTweedieDevianceOf, readPower, tweedieDeviance, type TweedieOptions } from './tweedie-deviance.js';

const name = 'd2TweedieScore';

/** scikit-learn's `d2_tweedie_score`. */
export const d2TweedieScoreMetric: ColumnRegressionMetric<TweedieOptions> = {
  name,
  singleOutput: true,
  prepare(options, weighted) {
    const power = readPower(name, options, weighted);
    // D² = 1 − D(y, ŷ) / D(y, ȳ), D the (weighted) mean deviance and ȳ = Σ wᵢ yᵢ / Σ wᵢ; NaN below two
    // samples (counted without weights), as scikit-learn; a constant target makes the denominator 0
    // (−Infinity, or NaN for a perfect prediction).
    return (columns) => {
      const targets = columns.targets[0]!;
      const { weights } = columns;
      if (targets.length < 2) return NaN;
      const numerator = meanTweedieDevianceOf(name, columns, power);
      const mean = targets.reduce((sum, target, index) => sum + weights[index]! * target, 0) / totalWeight(weights);
      const denominator = meanOf(targets, targets, weights, (target) => tweedieDeviance(target, mean, power));
      return 1 - numerator / denominator;
    };
  },
};

/**
 * D² Tweedie score, the fraction of Tweedie deviance explained (scikit-learn's `d2_tweedie_score`);
 * `{ power: 0 }` (the default) is R². One output, `[n]` or `[n, 1]`.
 * @example
 * await d2TweedieScore([0.5, 1, 2.5, 7], [1, 1, 5, 3.5], { power: 1 }); // 0.4879…
 */
export const d2TweedieScore = singleOutputFunction(d2TweedieScoreMetric);
