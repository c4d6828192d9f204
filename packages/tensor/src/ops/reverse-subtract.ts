import { refuseArgumentsPast } from '../core/options.js';
import type { Tensor, TensorOrScalar } from '../core/tensor.js';
import { type AlphaOptions, alphaOf, checkIntegralAlpha, checkSubtraction, sub } from './elementwise.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * other − alpha·input (torch.rsub, subtraction with its operands reversed), with `sub`'s broadcasting,
 * dtype rules and gradients. Default alpha 1; as a number or `{ alpha }`. As torch's, it refuses bool
 * operands (use logicalNot or logicalXor) and a fractional alpha with integer tensors.
 * @example
 * rsub(tensor([1, 2]), 5, 2); // [3, 1]
 */
export function rsub(input: Tensor, other: TensorOrScalar, alpha?: number | AlphaOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('rsub', ['input', 'other', 'alpha'], arguments);
  checkLive('rsub', 'input', input);
  checkSubtraction('rsub', input, other);
  const scale = alpha === undefined ? 1 : alphaOf('rsub', alpha);
  checkIntegralAlpha('rsub', input, other, scale);
  return sub(other, input, scale);
}
