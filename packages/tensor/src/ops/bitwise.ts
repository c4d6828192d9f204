import { refuseArgumentsPast } from '../core/options.js';
import { isTensor } from '../core/brand.js';
import { promoteTypes, promoteWithScalar, type DType } from '../core/dtype.js';
import type { Tensor, TensorOrScalar } from '../core/tensor.js';
import { binary, logicalAnd, logicalNot, logicalOr, unary } from './elementwise.js';
import { logicalXor } from './logical-xor.js';
import { checkLive } from '../core/tensor-arguments.js';

// torch's bitwise ops (`&`, `|`, `^`, `~`, `<<`, `>>` on tensors): on int32, two's complement bit by
// bit; on bool, the logical ops (True & False is False). Floating operands are refused, as torch's
// "not implemented for 'Float'".

/** The dtype two operands promote to, refused unless it is int32 or bool. */
function bitwiseType(operation: string, a: TensorOrScalar, b: TensorOrScalar): DType {
  if (!isTensor(a) && !isTensor(b)) throw new Error(`${operation}: at least one operand must be a tensor`);
  const dtype =
    isTensor(a) && isTensor(b)
      ? promoteTypes(a.dtype, b.dtype)
      : isTensor(a)
        ? promoteWithScalar(a.dtype, b as number)
        : promoteWithScalar((b as Tensor).dtype, a as number);
  if (dtype !== 'int32' && dtype !== 'bool')
    throw new Error(`${operation}: only int32 and bool tensors (and integer numbers) are supported, got ${dtype}`);
  return dtype;
}

/** a & b (torch.bitwise_and): bits of int32, the logical and of bools. */
export function bitwiseAnd(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('bitwiseAnd', ['a', 'b'], arguments);
  return bitwiseType('bitwiseAnd', a, b) === 'bool' ? logicalAnd(a, b) : binary('bitwiseAnd', a, b, 'same');
}

/** a | b (torch.bitwise_or). */
export function bitwiseOr(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('bitwiseOr', ['a', 'b'], arguments);
  return bitwiseType('bitwiseOr', a, b) === 'bool' ? logicalOr(a, b) : binary('bitwiseOr', a, b, 'same');
}

/** a ^ b (torch.bitwise_xor). */
export function bitwiseXor(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('bitwiseXor', ['a', 'b'], arguments);
  return bitwiseType('bitwiseXor', a, b) === 'bool' ? logicalXor(a, b) : binary('bitwiseXor', a, b, 'same');
}

/** ~x (torch.bitwise_not): −x − 1 for int32, the logical not of a bool. */
export function bitwiseNot(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('bitwiseNot', ['x'], arguments);
  checkLive('bitwiseNot', 'input', x);
  if (x.dtype === 'bool') return logicalNot(x);
  if (x.dtype !== 'int32') throw new Error(`bitwiseNot: only int32 and bool tensors are supported, got ${x.dtype}`);
  return unary('bitwiseNot', x, 'same');
}

/** The dtype of a shift, refused for two bools (torch: "not implemented for 'Bool'"); a bool with a number shifts as int32. */
function shiftType(operation: string, a: TensorOrScalar, b: TensorOrScalar): DType {
  const dtype = bitwiseType(operation, a, b);
  if (dtype === 'bool') throw new Error(`${operation}: not implemented for bool tensors (as torch's); cast with .int() first`);
  return dtype;
}

/** a << b (torch.bitwise_left_shift), the count modulo 32 as torch 1.13's CPU kernels. */
export function bitwiseLeftShift(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('bitwiseLeftShift', ['a', 'b'], arguments);
  shiftType('bitwiseLeftShift', a, b);
  return binary('leftShift', a, b, 'same');
}

/** a >> b (torch.bitwise_right_shift), arithmetic (the sign fills in), the count modulo 32. */
export function bitwiseRightShift(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('bitwiseRightShift', ['a', 'b'], arguments);
  shiftType('bitwiseRightShift', a, b);
  return binary('rightShift', a, b, 'same');
}
