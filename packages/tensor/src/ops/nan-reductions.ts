import { readReduction, type Dims, type KeepdimOptions, type ReductionOptions } from '../core/dim-arguments.js';
import { isFloating } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { div, isnan, logicalNot, where } from './elementwise.js';
import { sum } from './reduce.js';

/**
 * The sum treating NaN as 0 (torch.nansum), over `dim` or every element; options as `sum`'s. The
 * gradient is 0 at the NaNs.
 * @example
 * nansum(tensor([1, NaN, 2])); // 3
 */
export function nansum(x: Tensor, dim?: Dims | ReductionOptions, keepdim?: boolean | KeepdimOptions): Tensor {
  const read = readReduction('nansum', dim, keepdim);
  if (!isFloating(x.dtype)) return sum(x, read.dim, read.keepdim);
  return composite(() => sum(where(isnan(x), 0, x), read.dim, read.keepdim));
}

/**
 * The mean of the elements that are not NaN (torch.nanmean); NaN where every element is NaN.
 * @example
 * nanmean(tensor([1, NaN, 2])); // 1.5
 */
export function nanmean(x: Tensor, dim?: Dims | ReductionOptions, keepdim?: boolean | KeepdimOptions): Tensor {
  const read = readReduction('nanmean', dim, keepdim);
  if (!isFloating(x.dtype)) throw new Error(`nanmean: could not infer output dtype; input dtype must be floating point, got ${x.dtype}`);
  return composite(() => {
    const missing = isnan(x);
    return div(sum(where(missing, 0, x), read.dim, read.keepdim), sum(logicalNot(missing), read.dim, read.keepdim));
  });
}
