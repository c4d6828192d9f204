import { refuseArgumentsPast } from '../core/options.js';
import type { Tensor, TensorOrScalar } from '../core/tensor.js';
import { abs, acos, acosh, asin, asinh, atan, atan2, atanh, clamp, div, ge, gt, le, lt, mul, ne, neg, sign, sub } from './elementwise.js';
import { checkLive } from '../core/tensor-arguments.js';

// torch's second names of existing ops (NumPy's spellings, mostly): the same functions, so the same
// dtype rules, gradients and errors. `absolute === abs` holds.

/** |x| (torch.absolute, another name of `abs`). */
export const absolute = abs;
/** arccos x (torch.arccos, another name of `acos`). */
export const arccos = acos;
/** arcosh x (torch.arccosh, another name of `acosh`). */
export const arccosh = acosh;
/** arcsin x (torch.arcsin, another name of `asin`). */
export const arcsin = asin;
/** arsinh x (torch.arcsinh, another name of `asinh`). */
export const arcsinh = asinh;
/** arctan x (torch.arctan, another name of `atan`). */
export const arctan = atan;
/** artanh x (torch.arctanh, another name of `atanh`). */
export const arctanh = atanh;
/** The angle of the point (b, a) (torch.arctan2, another name of `atan2`). */
export const arctan2 = atan2;
/** −x (torch.negative, another name of `neg`). */
export const negative = neg;
/** a − alpha·b (torch.subtract, another name of `sub`). */
export const subtract = sub;
/** a·b (torch.multiply, another name of `mul`). */
export const multiply = mul;
/**
 * True division a/b, integers giving float32 (torch.true_divide): `div` without a rounding mode, so a
 * third argument (div's rounding mode) is refused rather than dropped.
 */
export function trueDivide(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('trueDivide', ['a', 'b'], arguments);
  return div(a, b);
}
/** a > b as bool (torch.greater, another name of `gt`). */
export const greater = gt;
/** a ≥ b as bool (torch.greater_equal, another name of `ge`). */
export const greaterEqual = ge;
/** a < b as bool (torch.less, another name of `lt`). */
export const less = lt;
/** a ≤ b as bool (torch.less_equal, another name of `le`). */
export const lessEqual = le;
/** a ≠ b as bool (torch.not_equal, another name of `ne`). */
export const notEqual = ne;
/** Limits to [min, max] (torch.clip, another name of `clamp`). */
export const clip = clamp;
/** The sign, −1, 0 or 1 (torch.sgn: for real tensors, `sign`; complex tensors do not exist here). */
export const sgn = sign;

/**
 * x itself (torch.positive returns its input, not a copy); bool is refused, as torch refuses `+` on
 * bool tensors.
 * @example
 * positive(x) === x; // true
 */
export function positive(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('positive', ['x'], arguments);
  checkLive('positive', 'input', x);
  if (x.dtype === 'bool') throw new Error('positive: not supported for bool tensors (torch refuses `+` on bool too)');
  return x;
}

/**
 * max(x, min) with clamp's gradient (torch.clamp_min, `clamp(x, min)`).
 * @example
 * clampMin(tensor([-1, 2]), 0); // [0, 2]
 */
export function clampMin(x: Tensor, min: number | Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('clampMin', ['x', 'min'], arguments);
  if (min === undefined) throw new Error('clampMin: min is required (torch.clamp_min(input, min))');
  return clamp(x, min);
}

/**
 * min(x, max) with clamp's gradient (torch.clamp_max, `clamp(x, undefined, max)`).
 * @example
 * clampMax(tensor([-1, 2]), 0); // [-1, 0]
 */
export function clampMax(x: Tensor, max: number | Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('clampMax', ['x', 'max'], arguments);
  if (max === undefined) throw new Error('clampMax: max is required (torch.clamp_max(input, max))');
  return clamp(x, undefined, max);
}
