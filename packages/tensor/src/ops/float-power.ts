import { refuseArgumentsPast } from '../core/options.js';
import { isTensor } from '../core/brand.js';
import { composite } from '../core/scope.js';
import type { Tensor, TensorOrScalar } from '../core/tensor.js';
import { castTo } from './convert.js';
import { pow } from './elementwise.js';

/**
 * base^exponent computed in float64 whatever the operands' dtypes (torch.float_power): int32 and
 * float32 tensors are widened first (a number stays a float64 number, so 0.1 is not rounded to
 * float32), so the result is always float64, NaN for a negative base with a fractional exponent.
 * Gradients as pow's, taken in float64 and cast back to each tensor's dtype. float64 exists on the CPU
 * only (WebGPU has no 64-bit floats), so on other devices this throws the device's float64 error.
 * @example
 * floatPower(tensor([2, 3], { dtype: 'int32' }), -1); // float64 [0.5, 0.3333]
 */
export function floatPower(base: TensorOrScalar, exponent: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('floatPower', ['base', 'exponent'], arguments);
  if (!isTensor(base) && !isTensor(exponent)) throw new Error('floatPower: at least one operand must be a tensor');
  const widened = (operand: TensorOrScalar) => (isTensor(operand) ? castTo(operand, 'float64') : operand);
  return composite(() => pow(widened(base), widened(exponent)));
}
