import { checkOptions, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { vander } from './vandermonde.js';
import { reshape, unsqueeze } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.linalg.vander's keyword.
 * @example
 * linalg.vander(x, { N: 4 });
 */
export interface LinalgVanderOptions {
  /** The number of columns, the powers x⁰ … x^(N−1); at least 2. Default: the size of x's last dim. */
  N?: number;
}

/**
 * The Vandermonde matrices of a batch of vectors x [*, n] (torch.linalg.vander): [*, n, N] with columns
 * x⁰, x¹, …, x^(N−1), increasing powers (torch.vander's default is decreasing). A 0-d x is a vector of
 * one. The powers are `vander`'s running products (its gradient, exact at x = 0); int32 stays int32
 * (torch gives int64); bool and float16 are refused as torch.
 * @example
 * linalg.vander(tensor([1, 2, 3])); // [[1, 1, 1], [1, 2, 4], [1, 3, 9]]
 */
export function linalgVander(x: Tensor, options?: LinalgVanderOptions): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('linalgVander', ['x', 'options'], arguments);
  const operation = 'linalg.vander';
  checkOptions(operation, options, ['N']);
  checkLive(operation, 'input', x);
  if (x.dtype === 'bool' || x.dtype === 'float16')
    throw new Error(`${operation} supports floating point, complex, and integer tensors, but got ${x.dtype}`);
  const vectors = x.ndim === 0 ? unsqueeze(x, -1) : x;
  const columns = options?.N ?? vectors.shape[vectors.ndim - 1]!;
  if (typeof columns !== 'number' || !Number.isInteger(columns) || columns <= 1)
    throw new Error(`${operation}: N must be greater than 1. (got ${columns})`);
  return composite(() => reshape(vander(reshape(vectors, [-1]), { N: columns, increasing: true }), [...vectors.shape, columns]));
}
