import { refuseArgumentsPast } from '../core/options.js';
import { floatTypeFor } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { noGrad } from '../autograd/grad-mode.js';
import { castTo } from './convert.js';
import { isnan, lt, where } from './elementwise.js';
import { scalarTensor } from './scalar.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * The argument of each element as a complex number (torch.angle), for real tensors: 0 for x ≥ 0
 * (−0 included), π for x < 0, NaN for NaN. Integer and bool input give float32. torch's derivative
 * for real input is 0 everywhere (the function is piecewise constant), NaN positions included: x
 * enters the result only through a branch of a `where` that is never taken, so its gradient is 0.
 * @example
 * angle(tensor([-2, 0, 3])); // [π, 0, 0]
 */
export function angle(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('angle', ['x'], arguments);
  checkLive('angle', 'input', x);
  const dtype = floatTypeFor(x.dtype);
  return composite(() => {
    const value = noGrad(() => {
      const input = castTo(x.detach(), dtype);
      const halfTurns = where(lt(input, 0), scalarTensor(Math.PI, dtype, x.device), scalarTensor(0, dtype, x.device));
      return where(isnan(input), input, halfTurns);
    });
    if (!x.requiresGrad) return value;
    return where(scalarTensor(false, 'bool', x.device), castTo(x, dtype), value);
  });
}
