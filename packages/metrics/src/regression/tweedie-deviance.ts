import { checkOptions } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import { meanOf, optionNamesOf, singleOutputFunction, type ColumnRegressionMetric } from './column-regression-metric.js';
import { requireEvery, type RegressionColumns } from './regression-columns.js';

/**
 * The options of meanTweedieDeviance and d2TweedieScore (scikit-learn's keyword).
 * @example
 * await meanTweedieDeviance(target, prediction, { power: 1.5 }); // compound Poisson-Gamma
 */
export interface TweedieOptions {
  /** Tweedie power p, p ≤ 0 or p ≥ 1: 0 normal (squared error), 1 Poisson, 2 Gamma, 3 inverse Gaussian. Default 0. */
  power?: number;
}

/** `power`, checked: a finite number outside (0, 1), where no Tweedie distribution exists. */
export function readPower(metric: string, options: TweedieOptions, weighted: boolean): number {
  checkOptions(metric, options, optionNamesOf(['power'], weighted));
  const power = options.power ?? 0;
  check(typeof power === 'number' && Number.isFinite(power), metric, () => `power must be a finite number, got ${String(power)}`);
  check(power <= 0 || power >= 1, metric, `power must be <= 0 or >= 1 (Tweedie deviance is undefined between), got ${power}`);
  return power;
}

/**
 * Unit deviance d(y, μ) of power p, as scikit-learn:
 *   p = 0: (y − μ)²;  p = 1: 2(y log(y/μ) − y + μ), y log(y/μ) = 0 at y = 0;  p = 2: 2(log(μ/y) + y/μ − 1);
 *   otherwise 2(max(y, 0)^(2−p)/((1−p)(2−p)) − y μ^(1−p)/(1−p) + μ^(2−p)/(2−p)) (max only matters for p < 0).
 */
export function tweedieDeviance(target: number, prediction: number, power: number): number {
  if (power === 0) return (target - prediction) ** 2;
  if (power === 1) return 2 * ((target === 0 ? 0 : target * Math.log(target / prediction)) - target + prediction);
  if (power === 2) return 2 * (Math.log(prediction / target) + target / prediction - 1);
  // d(y, y) = 0 exactly: the three powers below need not cancel to 0 in floating point (V8's pow
  // is not correctly rounded), and D² of a constant target hinges on it (1 − D/0 = −Infinity).
  if (target === prediction) return 0;
  return (
    2 *
    (Math.max(target, 0) ** (2 - power) / ((1 - power) * (2 - power)) -
      (target * prediction ** (1 - power)) / (1 - power) +
      prediction ** (2 - power) / (2 - power))
  );
}

/** Throws unless the values lie where power p's deviance is defined (scikit-learn's checks). */
export function checkTweedieDomain(metric: string, columns: RegressionColumns, power: number): void {
  const positive = (value: number) => value > 0;
  if (power < 0) requireEvery(metric, columns, 'prediction', positive, `power=${power} needs a strictly positive prediction`);
  else if (power >= 1 && power < 2) {
    const requirement = `power=${power} needs a non-negative target and a strictly positive prediction`;
    requireEvery(metric, columns, 'target', (value) => value >= 0, requirement);
    requireEvery(metric, columns, 'prediction', positive, requirement);
  } else if (power >= 2) {
    const requirement = `power=${power} needs a strictly positive target and prediction`;
    requireEvery(metric, columns, 'target', positive, requirement);
    requireEvery(metric, columns, 'prediction', positive, requirement);
  }
}

/** Σ wᵢ d(yᵢ, ŷᵢ) / Σ wᵢ of one output ((1/n) Σ d without weights), its domain checked. */
export function meanTweedieDevianceOf(metric: string, columns: RegressionColumns, power: number): number {
  checkTweedieDomain(metric, columns, power);
  return meanOf(columns.targets[0]!, columns.predictions[0]!, columns.weights, (target, prediction) =>
    tweedieDeviance(target, prediction, power),
  );
}

/** The Tweedie deviance with a fixed power and no options (Poisson, Gamma). */
const fixedPower = (name: string, power: number): ColumnRegressionMetric<Record<string, never>> => ({
  name,
  singleOutput: true,
  prepare(options, weighted) {
    checkOptions(name, options, optionNamesOf([], weighted));
    return (columns) => meanTweedieDevianceOf(name, columns, power);
  },
});

/** scikit-learn's `mean_tweedie_deviance`. */
export const meanTweedieDevianceMetric: ColumnRegressionMetric<TweedieOptions> = {
  name: 'meanTweedieDeviance',
  singleOutput: true,
  prepare(options, weighted) {
    const power = readPower('meanTweedieDeviance', options, weighted);
    return (columns) => meanTweedieDevianceOf('meanTweedieDeviance', columns, power);
  },
};
export const meanPoissonDevianceMetric = fixedPower('meanPoissonDeviance', 1);
export const meanGammaDevianceMetric = fixedPower('meanGammaDeviance', 2);

/**
 * Mean Tweedie deviance (scikit-learn's `mean_tweedie_deviance`); one output, `[n]` or `[n, 1]`.
 * @example
 * await meanTweedieDeviance([2, 0, 1, 4], [0.5, 0.5, 2, 2], { power: 1 }); // 1.4260…
 */
export const meanTweedieDeviance = singleOutputFunction(meanTweedieDevianceMetric);
/**
 * Mean Poisson deviance, the Tweedie deviance of power 1 (scikit-learn's `mean_poisson_deviance`).
 * @example
 * await meanPoissonDeviance([2, 0, 1, 4], [0.5, 0.5, 2, 2]); // 1.4260…
 */
export const meanPoissonDeviance = singleOutputFunction(meanPoissonDevianceMetric);
/**
 * Mean Gamma deviance, the Tweedie deviance of power 2 (scikit-learn's `mean_gamma_deviance`).
 * @example
 * await meanGammaDeviance([2, 0.5, 1, 4], [0.5, 0.5, 2, 2]); // 1.0568…
 */
export const meanGammaDeviance = singleOutputFunction(meanGammaDevianceMetric);
