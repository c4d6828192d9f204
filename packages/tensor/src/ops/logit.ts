import { floatTypeFor, isFloating } from '../core/dtype.js';
import { checkNumber, readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { castTo } from './convert.js';
import { clamp, div, log, sub } from './elementwise.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.logit's keyword.
 * @example
 * logit(tensor([0, 0.5]), { eps: 1e-6 }); // [-13.8155, 0]
 */
export interface LogitOptions {
  /** Inputs are clamped into [eps, 1 − eps] first; none when undefined. Default undefined. */
  eps?: number;
}

/**
 * The log-odds log(p/(1 − p)), the inverse of sigmoid (torch.logit, torch.special.logit); with `eps`
 * the input is clamped into [eps, 1 − eps] first, and the gradient is 0 outside that interval, as
 * torch's. Without it 0 gives −∞, 1 gives +∞ and values outside [0, 1] NaN. `eps` is positional or
 * `{ eps }`; integer and bool inputs give float32.
 * @example
 * logit(tensor([0.5, 0.75])); // [0, 1.0986]
 * logit(tensor([0, 1]), { eps: 1e-6 }); // [-13.8155, 13.8155]
 */
export function logit(x: Tensor, eps?: number | LogitOptions): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('logit', ['x', 'eps'], arguments);
  const { eps: bound } = readArguments<LogitOptions>('logit', [eps], ['eps'], ['eps']);
  if (bound !== undefined && bound !== null) checkNumber('logit', 'eps', bound);
  checkLive('logit', 'input', x);
  return composite(() => {
    const probability = isFloating(x.dtype) ? x : castTo(x, floatTypeFor(x.dtype));
    const clamped = bound === undefined || bound === null ? probability : clamp(probability, bound, 1 - bound);
    return log(div(clamped, sub(1, clamped)));
  });
}
