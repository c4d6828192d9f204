import { typedArrayConstructors, type DType } from '../core/dtype.js';
import { getDefaultDtype } from '../core/default-dtype.js';
import { roundToFloat16 } from '../core/float16.js';
import { checkNumber, readArguments, refuseArgumentsPast } from '../core/options.js';
import type { Tensor } from '../core/tensor.js';
import { fromTypedArray } from './allocate.js';
import type { CreationOptions } from './creation.js';
import { checkCreationOptions, creationKeys } from './creation-arguments.js';

/** torch.logspace's keywords: the base and the creation options. */
export interface LogspaceOptions extends CreationOptions {
  /** The base of the exponent. Default 10. */
  base?: number;
}

/** A number as the dtype holds it: C++'s static_cast (integers truncate toward zero). */
function roundTo(dtype: DType, value: number): number {
  if (dtype === 'float32') return Math.fround(value);
  if (dtype === 'float16') return roundToFloat16(value);
  if (dtype === 'int32') return Math.trunc(value);
  return value;
}

/**
 * `steps` values base^e for exponents e evenly spaced from `start` to `end` inclusive (torch.logspace),
 * as torch's CPU kernel computes them: start and end are first rounded to the dtype (truncated for
 * int32), the step (end − start)/(steps − 1) is a double, the first half counts up from start and the
 * second half down from end (so the last exponent is exactly `end`), and each power is a double
 * rounded (or truncated) to the dtype. One step gives base^start with start unrounded. float32 unless
 * a dtype is given; bool is not supported (as torch). `base` is positional too, as torch's.
 * @example
 * logspace(0, 3, 4); // [1, 10, 100, 1000]
 * logspace(-2, 2, 5, { base: 2 }); // [0.25, 0.5, 1, 2, 4]
 */
export function logspace(start: number, end: number, steps: number, base?: number | LogspaceOptions, options?: LogspaceOptions): Tensor {
  if (arguments.length > 5) refuseArgumentsPast('logspace', ['start', 'end', 'steps', 'base', 'options'], arguments);
  const { base: baseValue = 10, ...creation } = readArguments<LogspaceOptions>(
    'logspace',
    [base, options],
    ['base'],
    ['base', ...creationKeys],
  );
  const checked = checkCreationOptions<CreationOptions>('logspace', creation);
  checkNumber('logspace', 'start', start, true);
  checkNumber('logspace', 'end', end, true);
  checkNumber('logspace', 'base', baseValue, true);
  if (!Number.isInteger(steps) || steps < 0) throw new Error(`logspace: number of steps must be a non-negative integer, got ${steps}`);
  const dtype = checked.dtype ?? getDefaultDtype();
  if (dtype === 'bool') throw new Error('logspace: dtype bool is not supported (a floating or int32 dtype is)');
  const values = new typedArrayConstructors[dtype](steps);
  if (steps === 1) values[0] = roundTo(dtype, baseValue ** start);
  else if (steps > 1) {
    const first = roundTo(dtype, start);
    const last = roundTo(dtype, end);
    // the difference in the dtype's own arithmetic (a float32 subtraction for float32), then a double
    const step = roundTo(dtype === 'int32' ? 'float64' : dtype, last - first) / (steps - 1);
    const half = Math.floor(steps / 2);
    for (let i = 0; i < steps; i++)
      values[i] = roundTo(dtype, i < half ? baseValue ** (first + step * i) : baseValue ** (last - step * (steps - i - 1)));
  }
  const result = fromTypedArray(values, [steps], dtype, checked.device ?? 'cpu');
  if (checked.requiresGrad) result.requiresGrad = true;
  return result;
}
