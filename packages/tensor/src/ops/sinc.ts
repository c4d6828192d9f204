import { refuseArgumentsPast } from '../core/options.js';
import { floatTypeFor, isFloating } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { castTo } from './convert.js';
import { abs, add, div, lt, mul, sin, where } from './elementwise.js';
import { checkLive } from '../core/tensor-arguments.js';

// below this |x| the Taylor series is used: with z = (πx)² ≤ 0.025 its first omitted term, z⁶/13!, is
// under 1e-19, and the quotient's gradient (π·cos(πx)·πx − π·sin(πx))/(πx)² would cancel away
const SERIES_BOUND = 0.05;
// 1, −1/3!, 1/5!, −1/7!, 1/9!, −1/11! in powers of z = (πx)², highest first for Horner
const SERIES = [-1 / 39916800, 1 / 362880, -1 / 5040, 1 / 120, -1 / 6, 1];

/**
 * The normalized sinc sin(πx)/(πx), 1 at x = 0 (torch.sinc, torch.special.sinc). Near 0 (|x| < 0.05)
 * it is the Taylor series 1 − (πx)²/3! + (πx)⁴/5! − …, so the value is 1 at 0 and the gradient is
 * exact there (0) and close to it (−π²x/3), where torch's quotient formula cancels to 0, and the
 * second derivative at 0 is −π²/3 (torch's is NaN); elsewhere the gradient is
 * (πx·cos(πx) − sin(πx))/(πx²), as torch's. Integer and bool inputs give float32.
 * @example
 * sinc(tensor([0, 0.5, 1])); // [1, 0.6366, 0]
 */
export function sinc(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('sinc', ['x'], arguments);
  checkLive('sinc', 'input', x);
  return composite(() => {
    const input = isFloating(x.dtype) ? x : castTo(x, floatTypeFor(x.dtype));
    const small = lt(abs(input), SERIES_BOUND);
    const angle = mul(where(small, 1, input), Math.PI);
    const quotient = div(sin(angle), angle);
    const square = mul(mul(where(small, input, 0), Math.PI), mul(where(small, input, 0), Math.PI));
    let series = add(mul(square, SERIES[0]!), SERIES[1]!);
    for (const coefficient of SERIES.slice(2)) series = add(mul(series, square), coefficient);
    return where(small, series, quotient);
  });
}
