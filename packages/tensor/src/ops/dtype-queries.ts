import { refuseArgumentsPast } from '../core/options.js';
import { isTensor } from '../core/brand.js';
import { isFloating, promoteTypes, promoteWithScalar, resolveDType, type DType } from '../core/dtype.js';
import type { Tensor, TensorOrScalar } from '../core/tensor.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * Whether x's dtype is a floating-point one, float16, float32 or float64 (torch.is_floating_point).
 * @example
 * isFloatingPoint(tensor([1], { dtype: 'int32' })); // false
 */
export function isFloatingPoint(x: Tensor): boolean {
  if (arguments.length > 1) refuseArgumentsPast('isFloatingPoint', ['x'], arguments);
  checkLive('isFloatingPoint', 'input', x);
  return isFloating(x.dtype);
}

/**
 * Whether x's dtype is complex (torch.is_complex): always false, no complex dtype exists here.
 * @example
 * isComplex(tensor([1])); // false
 */
export function isComplex(x: Tensor): boolean {
  if (arguments.length > 1) refuseArgumentsPast('isComplex', ['x'], arguments);
  checkLive('isComplex', 'input', x);
  return false;
}

/**
 * Whether x's dtype holds negative values (torch.is_signed): true for int32 and the floats, false for bool.
 * @example
 * isSigned(tensor([true])); // false
 */
export function isSigned(x: Tensor): boolean {
  if (arguments.length > 1) refuseArgumentsPast('isSigned', ['x'], arguments);
  checkLive('isSigned', 'input', x);
  return x.dtype !== 'bool';
}

/** A number's own dtype when two numbers meet: bool for booleans, int32 for integers, float32 otherwise. */
function scalarType(value: number | boolean): DType {
  if (typeof value === 'boolean') return 'bool';
  return Number.isInteger(value) ? 'int32' : 'float32';
}

/**
 * The dtype an elementwise op of a and b gives (torch.result_type): tensors take the wider dtype of the
 * lattice bool < int32 < float16 < float32 < float64, a number is weakly typed (it changes only the
 * category: an int32 tensor with 2.5 gives float32, a float32 tensor with any number float32), and two
 * numbers give bool, int32 or float32. torch's int64 is int32 here. A 0-d tensor counts as any tensor,
 * as in this library's ops (torch types it weakly, like a number, against dimensioned tensors).
 * @example
 * resultType(tensor([1], { dtype: 'int32' }), 2.5); // 'float32'
 */
export function resultType(a: TensorOrScalar, b: TensorOrScalar): DType {
  if (arguments.length > 2) refuseArgumentsPast('resultType', ['a', 'b'], arguments);
  if (isTensor(a)) return isTensor(b) ? promoteTypes(a.dtype, b.dtype) : promoteWithScalar(a.dtype, b);
  if (isTensor(b)) return promoteWithScalar(b.dtype, a);
  for (const value of [a, b])
    if (typeof value !== 'number' && typeof value !== 'boolean')
      throw new Error(`resultType: expects tensors or numbers, got ${typeof value}`);
  return promoteTypes(scalarType(a), scalarType(b));
}

// bool < integer < floating point: a cast may keep or raise the category, never lower it
const category: Record<DType, number> = { bool: 0, int32: 1, float16: 2, float32: 2, float64: 2 };

/**
 * Whether torch's casting rules allow `from` to become `to` in an op that writes into an existing
 * tensor (torch.can_cast): never to a lower category (float to int32, int32 or float to bool), any
 * width within one. Takes dtype names as `cast` does ('float', 'double', 'int', ...).
 * @example
 * canCast('float64', 'float32'); // true
 * canCast('float32', 'int32');   // false
 */
export function canCast(from: DType | string, to: DType | string): boolean {
  if (arguments.length > 2) refuseArgumentsPast('canCast', ['from', 'to'], arguments);
  return category[resolveDType('canCast', from)] <= category[resolveDType('canCast', to)];
}
