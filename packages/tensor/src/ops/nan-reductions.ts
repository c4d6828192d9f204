import { refuseArgumentsPast } from '../core/options.js';
import {
  type Dims,
  type DtypeOptions,
  readTypedReduction,
  type TypedKeepdimOptions,
  type TypedReductionOptions,
} from '../core/dim-arguments.js';
import { isFloating } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { div, isnan, logicalNot, where } from './elementwise.js';
import { withInputDtype } from './input-dtype.js';
import { sum } from './reduce.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * The sum treating NaN as 0 (torch.nansum), over `dim` or every element; options as `sum`'s. The
 * gradient is 0 at the NaNs.
 * @example
 * nansum(tensor([1, NaN, 2])); // 3
 */
export function nansum(
  x: Tensor,
  dim?: Dims | TypedReductionOptions,
  keepdim?: boolean | TypedKeepdimOptions,
  options?: DtypeOptions,
): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('nansum', ['x', 'dim', 'keepdim', 'options'], arguments);
  checkLive('nansum', 'input', x);
  const read = readTypedReduction('nansum', dim, keepdim, options);
  return withInputDtype(x, read.dtype, (input) => {
    if (!isFloating(input.dtype)) return sum(input, read.dim, read.keepdim);
    return composite(() => sum(where(isnan(input), 0, input), read.dim, read.keepdim));
  });
}

/**
 * The mean of the elements that are not NaN (torch.nanmean); NaN where every element is NaN.
 * @example
 * nanmean(tensor([1, NaN, 2])); // 1.5
 */
export function nanmean(
  x: Tensor,
  dim?: Dims | TypedReductionOptions,
  keepdim?: boolean | TypedKeepdimOptions,
  options?: DtypeOptions,
): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('nanmean', ['x', 'dim', 'keepdim', 'options'], arguments);
  checkLive('nanmean', 'input', x);
  const read = readTypedReduction('nanmean', dim, keepdim, options);
  return withInputDtype(x, read.dtype, (input) => {
    if (!isFloating(input.dtype))
      throw new Error(
        `nanmean: could not infer output dtype; input dtype must be floating point, got ${input.dtype} (pass { dtype: 'float32' }, torch's dtype keyword, to average integers)`,
      );
    return composite(() => {
      const missing = isnan(input);
      return div(sum(where(missing, 0, input), read.dim, read.keepdim), sum(logicalNot(missing), read.dim, read.keepdim));
    });
  });
}
