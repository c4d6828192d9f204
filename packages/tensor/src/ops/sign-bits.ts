import { refuseArgumentsPast } from '../core/options.js';
import { noGrad } from '../autograd/grad-mode.js';
import { isTensor } from '../core/brand.js';
import { isFloating } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor, TensorOrScalar } from '../core/tensor.js';
import { castTo } from './convert.js';
import { abs, div, eq, gt, logicalAnd, logicalOr, lt, neg, prepareOperands, where } from './elementwise.js';
import { zerosLike } from './creation.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * Whether the sign bit is set (torch.signbit), as a bool tensor: true for negatives, −0 and −∞
 * (−0 is told from +0 by 1/x = −∞). Integers: x < 0; bool: all false. A NaN reads false whatever its
 * sign bit (arithmetic cannot see it; torch reads the bit). No gradient.
 * @example
 * signbit(tensor([-0, 0, -2])); // [true, false, true]
 */
export function signbit(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('signbit', ['x'], arguments);
  checkLive('signbit', 'input', x);
  if (x.dtype === 'bool') return noGrad(() => zerosLike(x, { dtype: 'bool' }));
  if (!isFloating(x.dtype)) return noGrad(() => lt(x, 0));
  return noGrad(() => composite(() => logicalOr(lt(x, 0), logicalAnd(eq(x, 0), lt(div(1, x), 0)))));
}

/**
 * |a| with the sign of b (torch.copysign): b's sign bit decides, so b = −0 makes the result negative.
 * Broadcasts; integer and bool inputs give float32, as torch. Gradients as torch: ±1 for a (0 where
 * a = 0), none for b.
 * @example
 * copysign(tensor([1, -2, 3]), tensor([-0, 1, -1])); // [-1, 2, -3]
 */
export function copysign(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('copysign', ['a', 'b'], arguments);
  return composite(() => {
    const [magnitude, sign] = prepareOperands('copysign', a, b, true);
    const size = abs(magnitude);
    return where(signbit(sign), neg(size), size);
  });
}

/**
 * The Heaviside step (torch.heaviside): 0 where x < 0, `values` where x = 0, 1 where x > 0 (and 0 for
 * NaN, as torch), broadcasting x with values. Both must have one dtype, as torch requires; bool and
 * int32 work too. No gradient.
 * @example
 * heaviside(tensor([-1, 0, 2]), tensor([0.5])); // [0, 0.5, 1]
 */
export function heaviside(x: Tensor, values: Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('heaviside', ['x', 'values'], arguments);
  if (!isTensor(values)) throw new Error('heaviside: values must be a tensor (torch.heaviside(input, values))');
  checkLive('heaviside', 'input', x);
  checkLive('heaviside', 'values', values);
  if (x.dtype !== values.dtype)
    throw new Error(`heaviside: input and values must have one dtype, got ${x.dtype} and ${values.dtype} (torch requires it too)`);
  return noGrad(() => composite(() => where(eq(x, 0), values, castTo(gt(x, 0), x.dtype))));
}
