import { describeValue, isPlainObject, refuseArgumentsPast } from '../core/options.js';
import type { Tensor } from '../core/tensor.js';
import { randint, type RandomOptions } from './random.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * Integers uniform in [low, high) with the shape of `x` (torch.randint_like): `randintLike(x, high)`
 * draws from [0, high), `randintLike(x, low, high)` from [low, high). x's dtype and device unless
 * given (torch's *_like default), so a float tensor gives integer-valued floats.
 * @example
 * randintLike(zeros([2, 3]), 10); // float32 [2, 3] of 0 … 9
 * randintLike(x, 5, 10, { dtype: 'int32' });
 */
export function randintLike(x: Tensor, high: number, options?: RandomOptions): Tensor;
export function randintLike(x: Tensor, low: number, high: number, options?: RandomOptions): Tensor;
export function randintLike(x: Tensor, lowOrHigh: number, highOrOptions?: number | RandomOptions, options: RandomOptions = {}): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('randintLike', ['x', 'lowOrHigh', 'highOrOptions', 'options'], arguments);
  checkLive('randintLike', 'input', x);
  const [low, high, given] = typeof highOrOptions === 'number' ? [lowOrHigh, highOrOptions, options] : [0, lowOrHigh, highOrOptions ?? {}];
  // checked before the spread, which would turn a mistaken non-object into no options at all
  if (!isPlainObject(given as unknown)) throw new Error(`randintLike: expected an options object, got ${describeValue(given)}`);
  return randint(low, high, x.shape, { ...given, dtype: given.dtype ?? x.dtype, device: given.device ?? x.device });
}
