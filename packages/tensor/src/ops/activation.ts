import type { Tensor } from '../core/tensor.js';
import { add, div, erf, exp, expm1, ge, gt, log1p, mul, neg, tanh, where } from './elementwise.js';

/**
 * σ(x) = 1 / (1 + e^{-x}) for x ≥ 0, e^{x} / (1 + e^{x}) below: e = e^{-|x|} ≤ 1 never overflows, so the
 * gradient stays finite (1 / (1 + e^{120}) is 0, but its gradient through e^{120} = ∞ was 0·∞ = NaN).
 * −|x| is where(x ≥ 0, −x, x) rather than abs(x), whose gradient at 0 would be 0.
 */
export function sigmoid(x: Tensor): Tensor {
  const positive = ge(x, 0);
  const e = exp(where(positive, neg(x), x));
  return div(where(positive, 1, e), add(e, 1));
}

/** max(x, 0), one kernel (see elementwise.ts); its gradient at 0 is 0, as torch's. */
export { relu } from './elementwise.js';

export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  return where(gt(x, 0), x, mul(x, negativeSlope));
}

/** x for x > 0, α(eˣ − 1) otherwise. */
export function elu(x: Tensor, alpha = 1): Tensor {
  return where(gt(x, 0), x, mul(expm1(x), alpha));
}

/**
 * GELU: x·Φ(x) = x/2 · (1 + erf(x/√2)); with approximate 'tanh':
 * x/2 · (1 + tanh(√(2/π)(x + 0.044715x³))).
 */
export function gelu(x: Tensor, approximate: 'none' | 'tanh' = 'none'): Tensor {
  if (approximate === 'tanh') {
    const inner = mul(add(x, mul(mul(mul(x, x), x), 0.044715)), Math.sqrt(2 / Math.PI));
    return mul(mul(x, 0.5), add(tanh(inner), 1));
  }
  return mul(mul(x, 0.5), add(erf(mul(x, Math.SQRT1_2)), 1));
}

/** x·σ(x). */
export function silu(x: Tensor): Tensor {
  return mul(x, sigmoid(x));
}

/**
 * (1/β)·log(1 + e^{βx}), linear above `threshold` as torch. Written as max(z,0) + log1p(e^{-|z|}) so it
 * never overflows; both pieces take the z ≥ 0 branch at 0, so the gradient there is 1 − ½ = σ(0)
 * (abs and z > 0 would both give 0 there).
 */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  const scaled = mul(x, beta);
  const positive = ge(scaled, 0);
  const stable = add(where(positive, scaled, 0), log1p(exp(where(positive, neg(scaled), scaled))));
  return where(gt(scaled, threshold), x, div(stable, beta));
}
