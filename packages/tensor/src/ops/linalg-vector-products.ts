import { refuseArgumentsPast } from '../core/options.js';
import { type DimOptions, readDim } from '../core/dim-arguments.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { cross as crossAlong } from './cross-product.js';
import { mul } from './elementwise.js';
import { sum } from './reduce.js';

/**
 * The cross product of 3-vectors along `dim` (torch.linalg.cross): torch.cross with dim −1 by
 * default, not the first dim of size 3. Both inputs need size 3 along `dim` and the same number of
 * dims; the other dims broadcast. Differentiable in a and b.
 * @example
 * linalg.cross(tensor([[1, 0, 0]]), tensor([[0, 1, 0]])); // [[0, 0, 1]]
 * linalg.cross(a, b, { dim: 0 }); // a, b [3, n]
 */
export function cross(a: Tensor, b: Tensor, dim?: number | DimOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('cross', ['a', 'b', 'dim'], arguments);
  return crossAlong(a, b, readDim('linalg.cross', dim, -1));
}

/**
 * The dot product of vectors along `dim` (torch.linalg.vecdot): Σ x·y over `dim`, the other dims
 * broadcast. Real tensors only (torch conjugates x). Differentiable in x and y.
 * @example
 * linalg.vecdot(tensor([[1, 2], [3, 4]]), tensor([1, 1])); // [3, 7]
 */
export function vecdot(x: Tensor, y: Tensor, dim?: number | DimOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('vecdot', ['x', 'y', 'dim'], arguments);
  const operation = 'linalg.vecdot';
  const axis = readDim(operation, dim, -1);
  assertSameDevice(operation, [x, y]);
  if (x.dtype !== y.dtype)
    throw new Error(
      `${operation}: Expected x and y to have the same dtype, but found x of type ${x.dtype} and y of type ${y.dtype} instead`,
    );
  return composite(() => sum(mul(x, y), axis));
}
