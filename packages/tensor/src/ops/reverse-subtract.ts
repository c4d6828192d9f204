import { isTensor } from '../core/brand.js';
import { isFloating } from '../core/dtype.js';
import type { Tensor, TensorOrScalar } from '../core/tensor.js';
import { type AlphaOptions, alphaOf, sub } from './elementwise.js';

/**
 * other − alpha·input (torch.rsub, subtraction with its operands reversed), with `sub`'s broadcasting,
 * dtype rules and gradients. Default alpha 1; as a number or `{ alpha }`. As torch's, it refuses bool
 * operands (use logicalNot or logicalXor) and a fractional alpha with integer tensors.
 * @example
 * rsub(tensor([1, 2]), 5, 2); // [3, 1]
 */
export function rsub(input: Tensor, other: TensorOrScalar, alpha?: number | AlphaOptions): Tensor {
  input.assertAlive('rsub');
  const otherIsBool = isTensor(other) ? other.dtype === 'bool' : typeof other === 'boolean';
  if (input.dtype === 'bool' || otherIsBool)
    throw new Error("rsub: subtraction with a bool operand is not supported (as torch's `-`); use logicalNot() or logicalXor() instead");
  const scale = alpha === undefined ? 1 : alphaOf('rsub', alpha);
  // torch checks the operands' common dtype: a fractional number as `other` makes it floating too
  const floating = isFloating(input.dtype) || (isTensor(other) ? isFloating(other.dtype) : !Number.isInteger(other));
  if (!floating && !Number.isInteger(scale))
    throw new Error(`rsub: for integer tensors, alpha must not be a fractional number, got ${scale}`);
  return sub(other, input, scale);
}
