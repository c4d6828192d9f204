import { refuseArgumentsPast } from '../core/options.js';
import { isTensor } from '../core/brand.js';
import { composite } from '../core/scope.js';
import type { Tensor, TensorOrScalar } from '../core/tensor.js';
import { ne } from './elementwise.js';

/** Whether an operand is nonzero: a bool tensor as it is, NaN counting as true (NaN ≠ 0). */
function truth(operand: TensorOrScalar): TensorOrScalar {
  if (!isTensor(operand)) return Boolean(operand);
  return operand.dtype === 'bool' ? operand : ne(operand, 0);
}

/**
 * Exactly one of a and b nonzero, as bool (torch.logical_xor): any dtypes, NaN counts as true, as in
 * torch; broadcasts, and either side may be a number. No gradient.
 * @example
 * logicalXor(tensor([0, 1, 2]), tensor([0, 0, 3])); // [false, true, false]
 */
export function logicalXor(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('logicalXor', ['a', 'b'], arguments);
  if (!isTensor(a) && !isTensor(b)) throw new Error('logicalXor: at least one operand must be a tensor');
  return composite(() => ne(truth(a), truth(b)));
}
