import { isFloating, type DType } from '../core/dtype.js';
import { checkOptions, describeValue } from '../core/options.js';
import { formatShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { scalarTensor } from './scalar.js';
import { add, logicalAnd, logicalOr, mul, where } from './elementwise.js';
import { isGradEnabled } from '../autograd/grad-mode.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';

/**
 * torch's keyword-only arguments of addmm, addmv, addr, addbmm and baddbmm: the result is
 * beta·input + alpha·product.
 * @example
 * addmm(bias, x, weight.t(), { beta: 0.5, alpha: 2 });
 */
export interface BetaAlphaOptions {
  /** The multiplier of `input`; 0 ignores input entirely (its NaN and ∞ do not propagate), as torch. Default 1. */
  beta?: number;
  /** The multiplier of the product. Default 1. */
  alpha?: number;
}

/**
 * What an integer (or bool) result does with a scale that is not an integer: torch truncates it
 * toward zero for addmm, addmv, addbmm, baddbmm, addcmul and addcdiv, and refuses it for addr.
 */
export type NonIntegerScale = 'truncate' | 'refuse';

/**
 * Reads one scale (beta, alpha, value) for a result of `dtype`: any number for a floating result
 * (NaN and ±∞ included, as torch), an integer for an integer or bool one (see `NonIntegerScale`).
 * @example
 * readScale('addmm', 'beta', 1.5, 'int32', 'truncate'); // 1
 */
export function readScale(operation: string, name: string, value: unknown, dtype: DType, nonInteger: NonIntegerScale): number {
  if (typeof value !== 'number') throw new Error(`${operation}: ${name} must be a number, got ${describeValue(value)}`);
  if (isFloating(dtype) || Number.isInteger(value)) return value;
  if (nonInteger === 'refuse')
    throw new Error(
      `${operation}: For integral input tensors, argument ${name} must not be a floating point number (got ${value} for ${dtype})`,
    );
  return Math.trunc(value);
}

/**
 * Reads `{ beta, alpha }` (keyword-only in torch, so an options object only) for a result of `dtype`.
 * @example
 * readBetaAlpha('addmm', { beta: 0 }, 'float32', 'truncate'); // { beta: 0, alpha: 1 }
 */
export function readBetaAlpha(
  operation: string,
  options: BetaAlphaOptions | undefined,
  dtype: DType,
  nonInteger: NonIntegerScale,
): { beta: number; alpha: number } {
  const { beta = 1, alpha = 1 } = checkOptions(operation, options, ['beta', 'alpha']) ?? {};
  return { beta: readScale(operation, 'beta', beta, dtype, nonInteger), alpha: readScale(operation, 'alpha', alpha, dtype, nonInteger) };
}

/**
 * Throws unless `input` broadcasts to `shape` without changing it (torch expands input to the
 * product's shape): no more dims, and each extent 1 or equal.
 * @example
 * checkBroadcastsTo('addmm', zeros([3, 2]), [2, 2]); // Error: addmm: input of shape [3, 2] cannot be broadcast to the result's shape [2, 2]
 */
export function checkBroadcastsTo(operation: string, input: Tensor, shape: readonly number[]): void {
  const offset = shape.length - input.ndim;
  if (offset < 0 || input.shape.some((extent, axis) => extent !== 1 && extent !== shape[offset + axis]))
    throw new Error(
      `${operation}: input of shape ${formatShape(input.shape)} cannot be broadcast to the result's shape ${formatShape(shape)}`,
    );
}

/**
 * beta·input + alpha·product, input broadcast to the product's shape and of its dtype. As torch,
 * beta = 0 ignores input's values (NaN and ∞ in it do not propagate) yet gives it a zero gradient,
 * through where(true, alpha·product, input); alpha = 0 still multiplies (0·NaN is NaN). For bool
 * results (addr) the sum is a logical or and the products logical ands.
 * @example
 * betaInputPlusAlphaProduct('addmm', bias, mm(x, w), 1, 1); // bias + x·w
 */
export function betaInputPlusAlphaProduct(operation: string, input: Tensor, product: Tensor, beta: number, alpha: number): Tensor {
  checkBroadcastsTo(operation, input, product.shape);
  if (product.dtype === 'bool') return logicalOr(beta !== 0 ? input : false, logicalAnd(product, alpha !== 0));
  const scaled = alpha === 1 ? product : mul(product, alpha);
  if (beta === 0) return input.requiresGrad && isGradEnabled() ? where(scalarTensor(true, 'bool', input.device), scaled, input) : scaled;
  return add(beta === 1 ? input : mul(input, beta), scaled);
}

/**
 * Throws unless `x` has `rank` dims, naming the operand and its shape.
 * @example
 * checkRank('addmm', 'mat1', tensor([1, 2]), 2); // Error: addmm: mat1 must be a 2-D tensor, got 1-D of shape [2]
 */
export function checkRank(operation: string, name: string, x: Tensor, rank: number): void {
  checkTensorArguments(operation, { [name]: x });
  if (x.ndim !== rank)
    throw new Error(`${operation}: ${name} must be a ${rank}-D tensor, got ${x.ndim}-D of shape ${formatShape(x.shape)}`);
}
