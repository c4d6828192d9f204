import { refuseArgumentsPast } from './options.js';
import { getDefaultDtype } from './default-dtype.js';
import { type DType, resolveDType } from './dtype.js';

// torch.finfo and torch.iinfo: the limits of a dtype, for numerical guards such as
// `x.clamp(finfo(x.dtype).eps)` or a mask filled with the most negative finite value.

/** The limits of a floating dtype (torch.finfo). */
export interface FloatInfo {
  /** Bits in one element. */
  bits: number;
  /** 2^(1 − precision): the distance from 1 to the next larger number. */
  eps: number;
  /** The largest finite value. */
  max: number;
  /** The most negative finite value, −max. */
  min: number;
  /** The smallest positive normal number (torch's tiny). */
  tiny: number;
  /** The same as tiny (torch's smallest_normal). */
  smallestNormal: number;
  /** 10^−digits, the approximate decimal resolution (torch's resolution). */
  resolution: number;
  /** The dtype described. */
  dtype: DType;
}

/** The limits of an integer dtype (torch.iinfo). */
export interface IntegerInfo {
  /** Bits in one element. */
  bits: number;
  /** The largest value. */
  max: number;
  /** The smallest value. */
  min: number;
  /** The dtype described. */
  dtype: DType;
}

/** IEEE 754 binary formats: total bits, significand bits (with the hidden one), exponent bits, decimal digits. */
const FLOAT_FORMATS: Partial<Record<DType, { bits: number; precision: number; exponent: number; digits: number }>> = {
  float16: { bits: 16, precision: 11, exponent: 5, digits: 3 },
  float32: { bits: 32, precision: 24, exponent: 8, digits: 6 },
  float64: { bits: 64, precision: 53, exponent: 11, digits: 15 },
};

/**
 * The limits of a floating dtype (torch.finfo), of the default dtype without an argument:
 * eps = 2^(1 − p), max = (2 − 2^(1 − p))·2^emax, tiny = 2^(1 − emax) with emax = 2^(e − 1) − 1.
 * @example
 * finfo('float32').eps; // 1.1920928955078125e-7
 * scores.maskedFill(mask, finfo(scores.dtype).min);
 */
export function finfo(dtype: DType | string = getDefaultDtype()): FloatInfo {
  if (arguments.length > 1) refuseArgumentsPast('finfo', ['dtype'], arguments);
  const resolved = resolveDType('finfo', dtype);
  const format = FLOAT_FORMATS[resolved];
  if (!format) throw new Error(`finfo: requires a floating point dtype, got '${resolved}'; use iinfo for integers`);
  const largestExponent = 2 ** (format.exponent - 1) - 1;
  const eps = 2 ** (1 - format.precision);
  const max = (2 - eps) * 2 ** largestExponent;
  const tiny = 2 ** (1 - largestExponent);
  return { bits: format.bits, eps, max, min: -max, tiny, smallestNormal: tiny, resolution: 10 ** -format.digits, dtype: resolved };
}

/**
 * The limits of an integer dtype (torch.iinfo); int32 is the one integer dtype here.
 * @example
 * iinfo('int32').max; // 2147483647
 */
export function iinfo(dtype: DType | string): IntegerInfo {
  if (arguments.length > 1) refuseArgumentsPast('iinfo', ['dtype'], arguments);
  const resolved = resolveDType('iinfo', dtype);
  if (resolved === 'bool') throw new Error('iinfo: bool is not supported by iinfo');
  if (resolved !== 'int32') throw new Error(`iinfo: requires an integer dtype, got '${resolved}'; use finfo for floating point`);
  return { bits: 32, max: 2 ** 31 - 1, min: -(2 ** 31), dtype: resolved };
}
