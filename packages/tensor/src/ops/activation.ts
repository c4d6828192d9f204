import { checkChoice, checkNumber, readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { add, div, erf, exp, expm1, ge, gt, le, log1p, mul, neg, tanh, where } from './elementwise.js';

/**
 * σ(x) = 1 / (1 + e^{-x}) for x ≥ 0, e^{x} / (1 + e^{x}) below: e = e^{-|x|} ≤ 1 never overflows, so the
 * gradient stays finite (1 / (1 + e^{120}) is 0, but its gradient through e^{120} = ∞ was 0·∞ = NaN).
 * −|x| is where(x ≥ 0, −x, x) rather than abs(x), whose gradient at 0 would be 0.
 */
export function sigmoid(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('sigmoid', ['x'], arguments);
  return composite(() => {
    const positive = ge(x, 0);
    const e = exp(where(positive, neg(x), x));
    return div(where(positive, 1, e), add(e, 1));
  });
}

/** max(x, 0), one kernel (see elementwise.ts); its gradient at 0 is 0, as torch's. */
export { relu } from './elementwise.js';

// Each parameter is given as torch passes it, positionally (leakyRelu(x, 0.2)) or by keyword
// (leakyRelu(x, { negativeSlope: 0.2 }), torch's negative_slope=0.2), as the layers take them; anything
// else is an error naming the function, never a silently ignored value.

/** x for x > 0, negativeSlope·x otherwise (default slope 0.01). */
export function leakyRelu(x: Tensor, negativeSlope?: number | { negativeSlope?: number }): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('leakyRelu', ['x', 'negativeSlope'], arguments);
  const { negativeSlope: slope = 0.01 } = readArguments<{ negativeSlope?: number }>(
    'leakyRelu',
    [negativeSlope],
    ['negativeSlope'],
    ['negativeSlope'],
  );
  checkNumber('leakyRelu', 'negativeSlope', slope);
  return composite(() => where(gt(x, 0), x, mul(x, slope)));
}

/**
 * α(eˣ − 1) for x ≤ 0, x otherwise (default α 1), as torch's `x <= 0` test: a NaN takes the x branch
 * (its gradient passes on). The exponential reads min(x, 0), so that its unused branch stays finite:
 * e¹⁰⁰⁰ = ∞ there sent back 0·∞ = NaN, and every input above 88 (float32) had a NaN gradient.
 */
export function elu(x: Tensor, alpha?: number | { alpha?: number }): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('elu', ['x', 'alpha'], arguments);
  const { alpha: scale = 1 } = readArguments<{ alpha?: number }>('elu', [alpha], ['alpha'], ['alpha']);
  checkNumber('elu', 'alpha', scale);
  return composite(() => {
    const negative = le(x, 0);
    return where(negative, mul(expm1(where(negative, x, 0)), scale), x);
  });
}

/**
 * GELU: x·Φ(x) = x/2 · (1 + erf(x/√2)); with approximate 'tanh':
 * x/2 · (1 + tanh(√(2/π)(x + 0.044715x³))).
 */
export function gelu(x: Tensor, approximate?: 'none' | 'tanh' | { approximate?: 'none' | 'tanh' }): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('gelu', ['x', 'approximate'], arguments);
  const { approximate: form = 'none' } = readArguments<{ approximate?: string }>('gelu', [approximate], ['approximate'], ['approximate']);
  if (checkChoice('gelu', 'approximate', form, { none: 'none', tanh: 'tanh' }) === 'tanh')
    return composite(() => {
      const inner = mul(add(x, mul(mul(mul(x, x), x), 0.044715)), Math.sqrt(2 / Math.PI));
      return mul(mul(x, 0.5), add(tanh(inner), 1));
    });
  return composite(() => mul(mul(x, 0.5), add(erf(mul(x, Math.SQRT1_2)), 1)));
}

/** x·σ(x). */
export function silu(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('silu', ['x'], arguments);
  return composite(() => mul(x, sigmoid(x)));
}

/**
 * (1/β)·log(1 + e^{βx}), linear above `threshold` as torch. Written as max(z,0) + log1p(e^{-|z|}) so it
 * never overflows; both pieces take the z ≥ 0 branch at 0, so the gradient there is 1 − ½ = σ(0)
 * (abs and z > 0 would both give 0 there).
 */
export function softplus(
  x: Tensor,
  ...parameters: [beta?: number, threshold?: number] | [options: { beta?: number; threshold?: number }]
): Tensor {
  const names = ['beta', 'threshold'];
  const { beta = 1, threshold = 20 } = readArguments<{ beta?: number; threshold?: number }>('softplus', parameters, names, names);
  checkNumber('softplus', 'beta', beta);
  checkNumber('softplus', 'threshold', threshold, true);
  return composite(() => {
    const scaled = mul(x, beta);
    const positive = ge(scaled, 0);
    const stable = add(where(positive, scaled, 0), log1p(exp(where(positive, neg(scaled), scaled))));
    return where(gt(scaled, threshold), x, div(stable, beta));
  });
}
