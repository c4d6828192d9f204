import { refuseArgumentsPast } from '../core/options.js';
import { type DtypeOptions, readTypedDim, requiredDim, type TypedDimOptions } from '../core/dim-arguments.js';
import { composite } from '../core/scope.js';
import { normalizeDim } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { castTo } from './convert.js';
import { mul } from './elementwise.js';
import { withInputDtype } from './input-dtype.js';
import { stack, unbind } from './join.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * Running products along `dim` (torch.cumprod): yᵢ = x₀·x₁⋯xᵢ. Built as a chain of products, one per
 * position, so its gradient is exact where elements are 0 (where the quotient form y/x would divide by
 * zero); its cost grows with the dim's length, which suits schedules and short dims.
 * @example
 * cumprod(tensor([1, 2, 3, 4]), 0); // [1, 2, 6, 24]
 */
export function cumprod(x: Tensor, dim: number | TypedDimOptions, options?: DtypeOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('cumprod', ['x', 'dim', 'options'], arguments);
  if (typeof dim !== 'number' || options !== undefined) {
    const read = readTypedDim('cumprod', dim, options);
    const along = requiredDim('cumprod', read.dim);
    return withInputDtype(x, read.dtype, (input) => cumprod(input, along));
  }
  checkLive('cumprod', 'input', x);
  const axis = normalizeDim('cumprod', dim, Math.max(x.ndim, 1));
  if (x.ndim === 0) return x.clone();
  return composite(() => {
    const input = x.dtype === 'bool' ? castTo(x, 'int32') : x;
    if (input.shape[axis] === 0) return input.clone();
    const slices = unbind(input, axis);
    const products = [slices[0]!];
    for (let index = 1; index < slices.length; index++) products.push(mul(products[index - 1]!, slices[index]!));
    return stack(products, axis);
  });
}
