import { isFloating } from '../core/dtype.js';
import { checkNumber, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { formatShape, normalizeDim } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { add, div, gt, mul, where } from './elementwise.js';
import { norm } from './reduce.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * Each slice x.select(dim, i) whose p-norm exceeds `maxnorm` scaled down to norm `maxnorm` (torch.
 * renorm, the max-norm constraint): out = x · maxnorm / (‖slice‖ₚ + 1e−7) there, x elsewhere. The
 * gradient is the whole derivative of that, the norm's included, as torch's.
 * @example
 * renorm(tensor([[3, 4], [0.3, 0.4]]), 2, 0, 1); // [[0.6, 0.8], [0.3, 0.4]]
 */
export function renorm(x: Tensor, p: number, dim: number, maxnorm: number): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('renorm', ['x', 'p', 'dim', 'maxnorm'], arguments);
  checkLive('renorm', 'input', x);
  const order = checkNumber('renorm', 'p', p, true);
  const limit = checkNumber('renorm', 'maxnorm', maxnorm);
  if (!(order > 0)) throw new Error(`renorm: p must be positive, got ${order}`);
  if (limit < 0) throw new Error(`renorm: maxnorm must be ≥ 0, got ${limit}`);
  if (x.ndim < 2) throw new Error(`renorm: input needs at least 2 dimensions, got ${formatShape(x.shape)}`);
  if (!isFloating(x.dtype)) throw new Error(`renorm: expects a floating-point input, got ${x.dtype}`);
  const axis = normalizeDim('renorm', dim, x.ndim);
  const others = x.shape.map((_, d) => d).filter((d) => d !== axis);
  return composite(() => {
    const norms = norm(x, order, others, true);
    const factor = where(gt(norms, limit), div(limit, add(norms, 1e-7)), 1);
    return mul(x, factor);
  });
}
