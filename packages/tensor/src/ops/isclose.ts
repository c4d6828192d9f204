import { checkNumber, checkOptions, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { abs, add, eq, isfinite, isnan, le, logicalAnd, logicalOr, mul, sub } from './elementwise.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';

/**
 * Elementwise |a − b| ≤ atol + rtol·|b| as bool (torch.isclose): equal values (infinities included) are
 * close, NaNs only with `equalNan`; an infinite difference never is, so −∞ is not close to ∞ (nor 1 to
 * ∞), as torch. Defaults rtol 1e-5, atol 1e-8, equalNan false.
 */
export function isclose(a: Tensor, b: Tensor, options: { rtol?: number; atol?: number; equalNan?: boolean } = {}): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('isclose', ['a', 'b', 'options'], arguments);
  checkTensorArguments('isclose', { input: a, other: b });
  checkOptions('isclose', options, ['rtol', 'atol', 'equalNan']);
  const { rtol = 1e-5, atol = 1e-8, equalNan = false } = options;
  checkNumber('isclose', 'rtol', rtol);
  checkNumber('isclose', 'atol', atol);
  return composite(() => {
    // torch's rule: a finite |a − b| within the tolerance (rtol·|b| = ∞ would admit any difference)
    const difference = abs(sub(a, b));
    const close = logicalOr(eq(a, b), logicalAnd(isfinite(difference), le(difference, add(mul(abs(b), rtol), atol))));
    return equalNan ? logicalOr(close, logicalAnd(isnan(a), isnan(b))) : close;
  });
}
