import { refuseArgumentsPast } from '../core/options.js';
import { isTensor } from '../core/brand.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { castTo, toDevice } from './convert.js';
import { where } from './elementwise.js';
import { scalarTensor } from './scalar.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * A new tensor of x's shape, dtype and device with every element `value` (torch.fill, the
 * out-of-place `fill_`): the value is converted to x's dtype as torch converts it (2.7 → 2 in int32,
 * any nonzero → true in bool); a tensor value must be 0-d. Built as where(true, value, x), so the
 * gradient is 0 for x and the sum of the output's gradient for a tensor value, as torch's.
 * @example
 * fill(zeros(2, 2), 7); // [[7, 7], [7, 7]]
 */
export function fill(x: Tensor, value: number | boolean | Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('fill', ['x', 'value'], arguments);
  checkLive('fill', 'input', x);
  if (isTensor(value)) {
    value.assertAlive('fill');
    assertSameDevice('fill', [x, value]);
    if (value.ndim !== 0)
      throw new Error(`fill: only supports a 0-dimension value tensor, but got a tensor of shape [${value.shape.join(', ')}]`);
  } else if (typeof value !== 'number' && typeof value !== 'boolean')
    throw new Error(`fill: the value must be a number, a boolean or a 0-d tensor, got ${typeof value}`);
  return composite(() => {
    // a number goes through float64 on the CPU (webgpu has none) so that the cast rounds it as torch
    // does (toward zero for int32), then moves to x's device
    const filler = isTensor(value)
      ? castTo(value, x.dtype)
      : toDevice(castTo(scalarTensor(Number(value), 'float64', 'cpu'), x.dtype), x.device);
    return where(scalarTensor(true, 'bool', x.device), filler, x);
  });
}
