import { refuseArgumentsPast } from '../core/options.js';
import { noGrad } from '../autograd/grad-mode.js';
import { isTensor } from '../core/brand.js';
import { floatTypeFor, isFloating } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { castTo } from './convert.js';
import { abs, add, div, floor, ge, isfinite, log2, logicalAnd, lt, mul, ne, neg, pow, sub, where } from './elementwise.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * x·2^exponent (torch.ldexp), composed as torch's: x·pow(2.0, exponent), the power in float32 for an
 * int32 or bool exponent (so 2^e past 2¹²⁷ is ∞ even for a float64 x, as torch) and in the exponent's
 * own dtype for a floating one. An int32 x gives float32. Broadcasts; differentiable in both operands.
 * @example
 * ldexp(tensor([1.5, 3]), tensor([3, -1], { dtype: 'int32' })); // [12, 1.5]
 */
export function ldexp(x: Tensor, exponent: Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('ldexp', ['x', 'exponent'], arguments);
  if (!isTensor(x) || !isTensor(exponent)) throw new Error('ldexp: expects two tensors (torch.ldexp(input, other))');
  return composite(() => mul(x, pow(2, castTo(exponent, floatTypeFor(exponent.dtype)))));
}

/** torch.frexp's `(mantissa, exponent)` named tuple: read it by name or by position. */
export type MantissaAndExponent = readonly [mantissa: Tensor, exponent: Tensor] & { readonly mantissa: Tensor; readonly exponent: Tensor };

/** 2^(−e) applied to x in two halves, so that neither power overflows (e reaches −1073 for float64 subnormals). */
function scaleDown(x: Tensor, exponent: Tensor): Tensor {
  const half = floor(div(exponent, 2));
  return mul(mul(x, pow(2, neg(half))), pow(2, neg(sub(exponent, half))));
}

/**
 * x = mantissa·2^exponent with |mantissa| in [0.5, 1) (torch.frexp, C's frexp): returns
 * `[mantissa, exponent]`, the mantissa in x's dtype and the exponent int32, as torch. 0 and −0 give
 * themselves with exponent 0, ±∞ and NaN give themselves with exponent 0; subnormals are handled
 * exactly on the CPU (a device that flushes subnormals to zero reads them as 0). Floating-point
 * inputs only, as torch. The mantissa's gradient is 2^−exponent, as torch's, except at |x| ≥ 2¹⁰²³
 * (float32: 2¹²⁷), where torch's grad/2^exponent overflows to grad/∞ = 0 and this one stays 2^−exponent.
 * @example
 * const [mantissa, exponent] = frexp(tensor([8, -0.1])); // [0.5, -0.8], [4, -3]
 */
export function frexp(x: Tensor): MantissaAndExponent {
  if (arguments.length > 1) refuseArgumentsPast('frexp', ['x'], arguments);
  checkLive('frexp', 'input', x);
  if (!isFloating(x.dtype)) throw new Error(`frexp: only supports floating-point dtypes, got ${x.dtype} (as torch)`);
  const [mantissa, exponent] = composite(() => {
    const regular = logicalAnd(isfinite(x), ne(x, 0));
    // e = ⌊log₂|x|⌋ + 1, which a rounded log₂ next to a power of two may put one off: corrected below
    const [estimate, scaled] = noGrad(() => {
      const guess = add(floor(log2(where(regular, abs(x), 1))), 1);
      return [guess, scaleDown(where(regular, x, 1), guess)];
    });
    const tooLarge = ge(abs(scaled), 1);
    const tooSmall = lt(abs(scaled), 0.5);
    const correction = sub(castTo(tooLarge, x.dtype), castTo(tooSmall, x.dtype));
    const power = noGrad(() => add(estimate, correction));
    // x·2^(−e) with the corrected e: exact (a power of two times a normal result), and its gradient is 2^(−e)
    const fraction = scaleDown(x, power);
    return [where(regular, fraction, x), castTo(where(regular, power, 0), 'int32')] as const;
  });
  return Object.assign([mantissa, exponent] as const, { mantissa, exponent });
}
