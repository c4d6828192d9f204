import { isFloating, type DType } from '../core/dtype.js';
import { checkNumber, readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { eq, isnan, where } from './elementwise.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.nan_to_num's keywords.
 * @example
 * nanToNum(tensor([NaN, -Infinity]), { nan: 0, neginf: -1 }); // [0, -1]
 */
export interface NanToNumOptions {
  /** What NaN becomes. Default 0. */
  nan?: number;
  /** What +∞ becomes. Default the dtype's largest finite value. */
  posinf?: number;
  /** What −∞ becomes. Default the dtype's lowest finite value. */
  neginf?: number;
}

// the largest finite value of each floating dtype (torch.finfo(dtype).max)
const largestFinite: Partial<Record<DType, number>> = { float16: 65504, float32: 3.4028234663852886e38, float64: Number.MAX_VALUE };

/**
 * NaN, +∞ and −∞ replaced by finite numbers (torch.nan_to_num): by default 0 and the dtype's
 * largest and lowest finite values; given positionally (nan, posinf, neginf) or as an options object.
 * The gradient passes where the input was finite and is 0 at replaced elements, as torch's. Integer
 * and bool tensors have nothing to replace and come back as a copy.
 * @example
 * nanToNum(tensor([NaN, Infinity, -Infinity, 1])); // [0, 3.4028e38, -3.4028e38, 1]
 * nanToNum(tensor([NaN, Infinity]), { nan: -1, posinf: 100 }); // [-1, 100]
 */
export function nanToNum(x: Tensor, nan?: number | NanToNumOptions, posinf?: number, neginf?: number): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('nanToNum', ['x', 'nan', 'posinf', 'neginf'], arguments);
  const options = readArguments<NanToNumOptions>(
    'nanToNum',
    [nan, posinf, neginf],
    ['nan', 'posinf', 'neginf'],
    ['nan', 'posinf', 'neginf'],
  );
  for (const key of ['nan', 'posinf', 'neginf'] as const)
    if (options[key] !== undefined && options[key] !== null) checkNumber('nanToNum', key, options[key], true);
  checkLive('nanToNum', 'input', x);
  if (!isFloating(x.dtype)) return x.clone();
  const largest = largestFinite[x.dtype]!;
  const { nan: nanValue = 0, posinf: positive = largest, neginf: negative = -largest } = options;
  return composite(() => {
    const withoutNaN = where(isnan(x), nanValue, x);
    const withoutPositive = where(eq(x, Number.POSITIVE_INFINITY), positive, withoutNaN);
    return where(eq(x, Number.NEGATIVE_INFINITY), negative, withoutPositive);
  });
}
