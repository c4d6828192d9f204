import { checkNumber, checkOptions } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { abs, add, eq, isnan, le, logicalAnd, logicalOr, mul, sub } from './elementwise.js';

/**
 * Elementwise |a − b| ≤ atol + rtol·|b| as bool (torch.isclose): equal values (infinities included) are
 * close, NaNs only with `equalNan`. Defaults rtol 1e-5, atol 1e-8, equalNan false.
 */
export function isclose(a: Tensor, b: Tensor, options: { rtol?: number; atol?: number; equalNan?: boolean } = {}): Tensor {
  checkOptions('isclose', options, ['rtol', 'atol', 'equalNan']);
  const { rtol = 1e-5, atol = 1e-8, equalNan = false } = options;
  checkNumber('isclose', 'rtol', rtol);
  checkNumber('isclose', 'atol', atol);
  return composite(() => {
    const close = logicalOr(eq(a, b), le(abs(sub(a, b)), add(mul(abs(b), rtol), atol)));
    return equalNan ? logicalOr(close, logicalAnd(isnan(a), isnan(b))) : close;
  });
}
