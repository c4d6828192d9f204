import { refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { sort } from './sort.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * x sorted along its first dim, ascending (torch.msort): `sort(x, 0).values`, NaN last. The gradient
 * flows back to the positions the values came from.
 * @example
 * msort(tensor([[3, 1], [1, 2]])); // [[1, 1], [3, 2]]
 */
export function msort(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('msort', ['x'], arguments);
  checkLive('msort', 'input', x);
  return composite(() => sort(x, 0).values);
}
