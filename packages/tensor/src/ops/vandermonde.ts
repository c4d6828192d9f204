import { checkBoolean, checkInteger, checkOptions, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { formatShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { onesLike } from './creation.js';
import { cumprod } from './cumulative-product.js';
import { cat, repeat } from './join.js';
import { flip, unsqueeze } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.vander's keywords.
 * @example
 * vander(x, { N: 3, increasing: true });
 */
export interface VanderOptions {
  /** The number of columns. Default: the length of x (a square matrix). */
  N?: number;
  /** Powers increasing from the left (x⁰, x¹, …) instead of decreasing. Default false. */
  increasing?: boolean;
}

/**
 * The Vandermonde matrix of a 1-D x (torch.vander): [len(x), N] with columns x^(N−1), …, x¹, x⁰ (or
 * x⁰, …, x^(N−1) with `increasing`). Powers are running products, as torch's, so the gradient is exact
 * at x = 0; int32 stays int32 (torch gives int64), bool becomes int32.
 * @example
 * vander(tensor([1, 2, 3]), { N: 3 }); // [[1, 1, 1], [4, 2, 1], [9, 3, 1]]
 */
export function vander(x: Tensor, options: VanderOptions = {}): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('vander', ['x', 'options'], arguments);
  checkOptions('vander', options, ['N', 'increasing']);
  checkLive('vander', 'input', x);
  if (x.ndim !== 1) throw new Error(`vander: x must be a one-dimensional tensor, got ${formatShape(x.shape)}`);
  const columns = options.N === undefined ? x.shape[0]! : checkInteger('vander', 'N', options.N, 0);
  const increasing = checkBoolean('vander', 'increasing', options.increasing ?? false);
  return composite(() => {
    const input = x.dtype === 'bool' ? x.int() : x;
    const ones = unsqueeze(onesLike(input), 1);
    if (columns === 0) return ones.narrow(1, 0, 0).clone();
    // [1, x, x², …]: ones, then the running products of N − 1 copies of x
    const powers = columns > 1 ? cat([ones, cumprod(repeat(unsqueeze(input, 1), [1, columns - 1]), 1)], 1) : ones;
    return increasing ? powers : flip(powers, 1);
  });
}
