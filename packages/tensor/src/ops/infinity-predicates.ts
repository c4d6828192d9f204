import { refuseArgumentsPast } from '../core/options.js';
import { isFloating } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { onesLike, zerosLike } from './creation.js';
import { eq, isfinite, logicalAnd, logicalNot } from './elementwise.js';
import { checkLive } from '../core/tensor-arguments.js';

/** All false for integer and bool tensors (which hold no infinities), else `test(x)`. */
function floatingOnly(operation: string, x: Tensor, test: (x: Tensor) => Tensor): Tensor {
  checkLive(operation, 'input', x);
  return isFloating(x.dtype) ? test(x) : zerosLike(x, { dtype: 'bool' });
}

/**
 * Whether each element is +∞ or −∞, as bool (torch.isinf): not finite and not NaN. Integer and
 * bool tensors give all false.
 * @example
 * isinf(tensor([1, Infinity, -Infinity, NaN])); // [false, true, true, false]
 */
export function isinf(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('isinf', ['x'], arguments);
  return floatingOnly('isinf', x, () => composite(() => logicalAnd(logicalNot(isfinite(x)), eq(x, x))));
}

/**
 * Whether each element is +∞, as bool (torch.isposinf).
 * @example
 * isposinf(tensor([Infinity, -Infinity])); // [true, false]
 */
export function isposinf(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('isposinf', ['x'], arguments);
  return floatingOnly('isposinf', x, () => eq(x, Number.POSITIVE_INFINITY));
}

/**
 * Whether each element is −∞, as bool (torch.isneginf).
 * @example
 * isneginf(tensor([Infinity, -Infinity])); // [false, true]
 */
export function isneginf(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('isneginf', ['x'], arguments);
  return floatingOnly('isneginf', x, () => eq(x, Number.NEGATIVE_INFINITY));
}

/**
 * Whether each element has no imaginary part (torch.isreal): all true, since every dtype here is real.
 * @example
 * isreal(tensor([1, NaN])); // [true, true]
 */
export function isreal(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('isreal', ['x'], arguments);
  checkLive('isreal', 'input', x);
  return onesLike(x, { dtype: 'bool' });
}
