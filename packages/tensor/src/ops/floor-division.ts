import { isGradEnabled, noGrad } from '../autograd/grad-mode.js';
import { isFloating } from '../core/dtype.js';
import { checkChoice, checkOptions, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor, TensorOrScalar } from '../core/tensor.js';
import { castTo } from './convert.js';
import { onesLike } from './creation.js';
import { add, div, eq, logicalAnd, lt, ne, prepareOperands, where } from './elementwise.js';
import { floorQuotient } from './exact-remainder.js';
import { checkIntegerDivisor } from './index-bounds.js';
import { exactIntegerDivision } from './integer-division.js';
import { copysign } from './sign-bits.js';
import { fmod, trunc } from './truncation.js';

/** How `divide` rounds its quotient: toward zero or toward −∞ (torch's rounding_mode). */
export type RoundingMode = 'trunc' | 'floor';

/** The operands of a rounded division in one dtype, bool refused and integer division by zero caught. */
function roundedOperands(operation: string, a: TensorOrScalar, b: TensorOrScalar): [Tensor, Tensor] {
  const [left, right] = prepareOperands(operation, a, b);
  if (left.dtype === 'bool') throw new Error(`${operation}: not implemented for bool tensors (torch refuses them too)`);
  checkIntegerDivisor(operation, left.dtype, right);
  return [left, right];
}

/**
 * int32 division rounded toward −∞ or toward zero, exact for every int32 value: the floor quotient,
 * one nearer to zero for 'trunc' where the quotient is negative and inexact (a nonzero remainder
 * with the signs of a and b differing).
 */
function integerDivision(left: Tensor, right: Tensor, mode: RoundingMode): Tensor {
  const { quotient, remainder } = exactIntegerDivision(left, right);
  if (mode === 'floor') return quotient;
  const inexactNegative = logicalAnd(ne(remainder, 0), ne(lt(left, 0), lt(right, 0)));
  return add(quotient, castTo(inexactNegative, 'int32'));
}

/**
 * Floating-point a // b as torch's div_floor: q = (a − fmod(a, b))/b, one less where the remainder's
 * sign differs from b's, then rounded to the nearest integer (q is one up to rounding); a zero
 * quotient takes the sign of a/b and b = 0 gives a/b (±∞ or NaN).
 */
function floatingFloorDivision(left: Tensor, right: Tensor): Tensor {
  const { quotient, rounded } = floorQuotient(left, right, fmod(left, right));
  const ratio = div(left, right);
  const signedZero = copysign(0, ratio);
  return where(eq(right, 0), ratio, where(eq(quotient, 0), signedZero, rounded));
}

function roundedDivision(left: Tensor, right: Tensor, mode: RoundingMode): Tensor {
  if (!isFloating(left.dtype)) return integerDivision(left, right, mode);
  return mode === 'floor' ? floatingFloorDivision(left, right) : trunc(div(left, right));
}

/**
 * a // b rounded toward −∞, as torch 1.13's floor_divide (earlier versions truncated) and Python's
 * `//`: floorDivide(−7, 2) is −4. Broadcasts and promotes as torch: int32 stays int32 (exact for
 * every value; division by zero throws on the CPU), an int32 tensor with a fractional scalar gives
 * float32, and bool is refused. Floats follow torch's div_floor: x/0 is ±∞ (NaN for 0/0), ±∞//b is
 * NaN, and −3 // ∞ is −1. Built on the exact `fmod`, as torch's, so 1 // 0.1 is 9, as in torch and
 * Python. Not differentiable, as torch (the result does not require grad).
 * @example
 * floorDivide(tensor([7, -7], { dtype: 'int32' }), 2); // [3, -4]
 */
export function floorDivide(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('floorDivide', ['a', 'b'], arguments);
  return noGrad(() =>
    composite(() => {
      const [left, right] = roundedOperands('floorDivide', a, b);
      return roundedDivision(left, right, 'floor');
    }),
  );
}

/** torch.divide's keyword. */
export interface DivideOptions {
  /** 'trunc' rounds the quotient toward zero, 'floor' toward −∞. Default: none, true division. */
  roundingMode?: RoundingMode | null;
}

/**
 * a / b (torch.div, torch.divide, exported under both names): true division unless `roundingMode` is
 * given: 'trunc' rounds the quotient toward zero (C's integer division), 'floor' toward −∞ (as
 * `floorDivide`); rounded int32 quotients stay int32. A rounded quotient's gradient is zero for both
 * operands, as torch's.
 * @example
 * div(tensor([7, -7], { dtype: 'int32' }), 2, { roundingMode: 'trunc' }); // [3, -3]
 * divide(x, y); // x / y
 */
export function divide(a: TensorOrScalar, b: TensorOrScalar, options?: DivideOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('divide', ['a', 'b', 'options'], arguments);
  // the plain quotient first: the ops of a training step divide without options
  if (options === undefined) return div(a, b);
  checkOptions('divide', options, ['roundingMode']);
  if (options.roundingMode === undefined || options.roundingMode === null) return div(a, b);
  const mode = checkChoice('divide', 'roundingMode', options.roundingMode, { trunc: 'trunc', floor: 'floor' } as const);
  return composite(() => {
    const [left, right] = roundedOperands('divide', a, b);
    const rounded = noGrad(() => roundedDivision(left, right, mode));
    if (!isGradEnabled() || !(left.requiresGrad || right.requiresGrad)) return rounded;
    // torch's gradient of a rounded quotient is 0: where() with an all-true mask passes the rounded
    // values on and gives each operand the gradient of an unselected branch, zero
    const selected = onesLike(rounded, { dtype: 'bool' });
    return where(selected, where(selected, rounded, left), right);
  });
}
