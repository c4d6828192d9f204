import { refuseArgumentsPast } from '../core/options.js';
import { formatShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { flip } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * Reverses the columns, dim 1 (torch.fliplr), of a tensor of at least 2 dims, into a new tensor (as
 * torch, a copy: writes to the result do not reach x).
 * @example
 * fliplr(tensor([[1, 2], [3, 4]])); // [[2, 1], [4, 3]]
 */
export function fliplr(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('fliplr', ['x'], arguments);
  checkLive('fliplr', 'input', x);
  if (x.ndim < 2) throw new Error(`fliplr: input must be >= 2-d, got shape ${formatShape(x.shape)}`);
  return flip(x, 1);
}

/**
 * Reverses the rows, dim 0 (torch.flipud), of a tensor of at least 1 dim, into a new tensor as fliplr.
 * @example
 * flipud(tensor([[1, 2], [3, 4]])); // [[3, 4], [1, 2]]
 */
export function flipud(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('flipud', ['x'], arguments);
  checkLive('flipud', 'input', x);
  if (x.ndim < 1) throw new Error(`flipud: input must be >= 1-d, got shape ${formatShape(x.shape)}`);
  return flip(x, 0);
}
