import type { Tensor } from '../core/tensor.js';
import { unbind } from './join.js';
import { nonzero } from './nonzero.js';
import { reshape } from './own-views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.nonzero(x, as_tuple=True): one 1-D int32 tensor of coordinates per dim of x (a 0-d x counts as
 * 1-D, giving one tensor, as torch's), so that `index(x, ...result)` picks the nonzero elements. The
 * columns of `nonzero(x)`; it reads the values, so on the CPU only.
 * @example
 * nonzeroAsTuple(tensor([[0, 1], [2, 0]])); // [[0, 1], [1, 0]]
 */
export function nonzeroAsTuple(x: Tensor): Tensor[] {
  checkLive('nonzero', 'input', x);
  return unbind(nonzero(x.ndim === 0 ? reshape(x, [1]) : x), 1);
}
