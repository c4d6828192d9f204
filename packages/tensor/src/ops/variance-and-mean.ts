import { refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { mean, std, variance, type VarianceKeywords, type VarianceOptions } from './reduce.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * Two statistics over the same dims, as torch's tuple.
 * @example
 * const [spread, centre] = varMean(x, 1);
 */
export type StatisticAndMean = readonly [Tensor, Tensor];

/** The dims and keepdim of var's and std's arguments (checked by var and std themselves). */
function dimsOf(
  dim: number | readonly number[] | VarianceKeywords | undefined,
  options: VarianceOptions | undefined,
): [number | readonly number[] | undefined, boolean] {
  if (typeof dim === 'object' && dim !== null && !Array.isArray(dim)) {
    const keywords = dim as VarianceKeywords;
    return [keywords.dim, keywords.keepdim === true];
  }
  return [dim as number | readonly number[] | undefined, options?.keepdim === true];
}

/**
 * The variance and the mean over `dim` in one call, `[variance, mean]` (torch.var_mean), with var's
 * arguments: positional (`varMean(x, 1, { correction: 0 })`) or torch's keywords (`varMean(x, { dim: 1,
 * keepdim: true })`); the divisor is N − correction (default 1). Differentiable.
 * @example
 * const [variance, average] = varMean(tensor([1, 2, 3, 4])); // 1.6667, 2.5
 */
export function varMean(x: Tensor, dim?: number | readonly number[] | VarianceKeywords, options?: VarianceOptions): StatisticAndMean {
  if (arguments.length > 3) refuseArgumentsPast('varMean', ['x', 'dim', 'options'], arguments);
  checkLive('varMean', 'input', x);
  return composite(() => {
    const spread = variance(x, dim, options);
    const [dims, keepdim] = dimsOf(dim, options);
    return [spread, mean(x, dims, keepdim)] as const;
  });
}

/**
 * The standard deviation and the mean over `dim` in one call, `[std, mean]` (torch.std_mean), with
 * std's arguments; see `varMean`. Differentiable.
 * @example
 * const [deviation, average] = stdMean(x, { dim: 0, correction: 0 });
 */
export function stdMean(x: Tensor, dim?: number | readonly number[] | VarianceKeywords, options?: VarianceOptions): StatisticAndMean {
  if (arguments.length > 3) refuseArgumentsPast('stdMean', ['x', 'dim', 'options'], arguments);
  checkLive('stdMean', 'input', x);
  return composite(() => {
    const spread = std(x, dim, options);
    const [dims, keepdim] = dimsOf(dim, options);
    return [spread, mean(x, dims, keepdim)] as const;
  });
}
