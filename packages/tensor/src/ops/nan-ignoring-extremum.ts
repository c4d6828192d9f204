import { refuseArgumentsPast } from '../core/options.js';
import { isTensor } from '../core/brand.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { ge, isnan, le, logicalOr, prepareOperands, where } from './elementwise.js';

/**
 * `a` where `keepFirst(a, b)` holds or b is NaN, else `b`: the extremum that ignores NaN. where()
 * routes the whole gradient to the operand chosen, as torch's fmax/fmin (a tie goes to `a`, where
 * maximum would split it).
 */
function nanIgnoring(operation: string, a: Tensor, b: Tensor, keepFirst: (a: Tensor, b: Tensor) => Tensor): Tensor {
  if (!isTensor(a) || !isTensor(b)) throw new Error(`${operation}: expects two tensors (torch.${operation}(input, other))`);
  return composite(() => {
    const [left, right] = prepareOperands(operation, a, b);
    return where(logicalOr(keepFirst(left, right), isnan(right)), left, right);
  });
}

/**
 * The elementwise maximum ignoring NaN (torch.fmax, C's fmax): NaN only where both are NaN. Broadcasts
 * and promotes (bool and int32 too); at a tie, −0 against +0 included, the first operand is returned
 * and takes the whole gradient, as torch.
 * @example
 * fmax(tensor([1, NaN, NaN]), tensor([NaN, 2, NaN])); // [1, 2, NaN]
 */
export function fmax(a: Tensor, b: Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('fmax', ['a', 'b'], arguments);
  return nanIgnoring('fmax', a, b, ge);
}

/**
 * The elementwise minimum ignoring NaN (torch.fmin, C's fmin): NaN only where both are NaN. Broadcasts
 * and promotes; at a tie the first operand is returned and takes the whole gradient, as torch.
 * @example
 * fmin(tensor([1, NaN, NaN]), tensor([NaN, 2, NaN])); // [1, 2, NaN]
 */
export function fmin(a: Tensor, b: Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('fmin', ['a', 'b'], arguments);
  return nanIgnoring('fmin', a, b, le);
}
