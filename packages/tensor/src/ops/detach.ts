import { refuseArgumentsPast } from '../core/options.js';
import type { Tensor } from '../core/tensor.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * A tensor sharing x's storage outside the autograd graph (torch.detach, the function form of
 * `x.detach()`): it never requires a gradient, and writes into one show in the other.
 * @example
 * detach(x).requiresGrad; // false
 */
export function detach(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('detach', ['x'], arguments);
  checkLive('detach', 'input', x);
  return x.detach();
}
