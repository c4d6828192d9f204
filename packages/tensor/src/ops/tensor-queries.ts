import { refuseArgumentsPast } from '../core/options.js';
import { isTensor } from '../core/brand.js';
import { shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * How many elements x holds (torch.numel), the product of its shape.
 * @example
 * numel(zeros([2, 3])); // 6
 */
export function numel(x: Tensor): number {
  if (arguments.length > 1) refuseArgumentsPast('numel', ['x'], arguments);
  checkLive('numel', 'input', x);
  return x.numel();
}

/**
 * Whether a and b have the same shape (torch.is_same_size); dtypes and devices do not matter.
 * @example
 * isSameSize(zeros([2, 3]), ones([2, 3], { dtype: 'int32' })); // true
 */
export function isSameSize(a: Tensor, b: Tensor): boolean {
  if (arguments.length > 2) refuseArgumentsPast('isSameSize', ['a', 'b'], arguments);
  if (!isTensor(a) || !isTensor(b)) throw new Error('isSameSize: expects two tensors');
  return shapesEqual(a.shape, b.shape);
}

/** Throws torch's errors unless x holds exactly one element. */
function checkSingleElement(x: Tensor): void {
  checkLive('isNonzero', 'input', x);
  const count = x.numel();
  if (count === 0) throw new Error('isNonzero: Boolean value of Tensor with no values is ambiguous');
  if (count > 1) throw new Error(`isNonzero: Boolean value of Tensor with more than one value is ambiguous (it has ${count})`);
}

/**
 * Whether the single element of x is not zero (torch.is_nonzero, Python's `bool(x)`): NaN counts as
 * nonzero; no element or more than one throws, as torch. Reads synchronously (CPU tensors); use
 * `isNonzeroAsync` on other devices.
 * @example
 * isNonzero(tensor([[0.5]])); // true
 */
export function isNonzero(x: Tensor): boolean {
  if (arguments.length > 1) refuseArgumentsPast('isNonzero', ['x'], arguments);
  checkSingleElement(x);
  return x.itemSync() !== 0;
}

/** `isNonzero` for any device: waits for the read. */
export async function isNonzeroAsync(x: Tensor): Promise<boolean> {
  if (arguments.length > 1) refuseArgumentsPast('isNonzeroAsync', ['x'], arguments);
  checkSingleElement(x);
  return (await x.item()) !== 0;
}
