import { isFloating } from '../core/dtype.js';
import { describeValue, readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { div, mul, round } from './elementwise.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.round's keyword.
 * @example
 * special.round(tensor([1.2345, 1250]), { decimals: 2 }); // [1.23, 1250]
 */
export interface RoundOptions {
  /** The decimal places to round to; negative rounds to tens, hundreds, … Default 0. */
  decimals?: number;
}

/**
 * Rounds half to even to `decimals` decimal places (torch.round with its `decimals` keyword,
 * torch.special.round), as torch computes it: round(x·10^d)/10^d for d > 0 and round(x/10^|d|)·10^|d|
 * for d < 0, in the input's dtype (so 2.675 rounds to 2.67 or 2.68 as x·100 rounds). d = 0 is
 * {@link round}. The gradient is 0, as torch's. Integer inputs keep their dtype with d = 0; with
 * d ≠ 0 they throw, as torch's kernel does.
 * @example
 * special.round(tensor([1.2345, -0.5, 1254.5]), { decimals: 2 }); // [1.23, -0.5, 1254.5]
 * special.round(tensor([1254.5]), { decimals: -1 }); // [1250]
 */
export function roundDecimals(x: Tensor, options?: RoundOptions): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('roundDecimals', ['x', 'options'], arguments);
  const { decimals = 0 } = readArguments<RoundOptions>('round', [options], [], ['decimals']);
  if (typeof decimals !== 'number' || !Number.isInteger(decimals))
    throw new Error(`round: decimals must be an integer, got ${describeValue(decimals)}`);
  checkLive('round', 'input', x);
  if (decimals === 0) return round(x);
  if (!isFloating(x.dtype))
    throw new Error(
      `round: decimals is not implemented for ${x.dtype} input (torch's kernel refuses integer tensors too); cast to a floating dtype first`,
    );
  const scale = 10 ** Math.abs(decimals);
  return composite(() => (decimals > 0 ? div(round(mul(x, scale)), scale) : mul(round(div(x, scale)), scale)));
}
