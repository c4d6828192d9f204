import { refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { clone, narrow } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * Elements start … start + length − 1 along `dim` as a new tensor (torch.narrow_copy): narrow's window,
 * but not sharing x's storage.
 * @example
 * narrowCopy(arange(6), 0, 1, 2); // [1, 2]
 */
export function narrowCopy(x: Tensor, dim: number, start: number, length: number): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('narrowCopy', ['x', 'dim', 'start', 'length'], arguments);
  checkLive('narrowCopy', 'input', x);
  return composite(() => clone(narrow(x, dim, start, length)));
}
