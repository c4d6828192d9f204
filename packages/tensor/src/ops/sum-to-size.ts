import { formatShape } from '../core/shape.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { sum } from './reduce.js';
import { reshape } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * x summed down to `size` (torch.Tensor.sum_to_size), the inverse of broadcasting `size` to x's shape:
 * leading dims x has beyond `size` are summed away, and so is every dim where `size` has 1 and x does
 * not. `size` must be expandable to x's shape; x itself is returned when it already has that shape.
 * @example
 * ones(2, 3).sumToSize(1, 3); // [[2, 2, 2]]
 */
export function sumToSize(x: Tensor, size: readonly number[]): Tensor {
  checkLive('sumToSize', 'input', x);
  const lead = x.ndim - size.length;
  if (lead < 0 || size.some((extent, d) => extent !== x.shape[lead + d] && extent !== 1))
    throw new Error(`sumToSize: size ${formatShape(size)} is not expandable to size ${formatShape(x.shape)}`);
  const axes = x.shape.map((_, d) => d).filter((d) => d < lead || (size[d - lead] === 1 && x.shape[d] !== 1));
  if (axes.length === 0 && lead === 0) return x;
  return composite(() => reshape(sum(x, axes, true), [...size]));
}
