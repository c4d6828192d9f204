import { refuseArgumentsPast } from '../core/options.js';
import { noGrad } from '../autograd/grad-mode.js';
import { readDim, type DimOptions } from '../core/dim-arguments.js';
import { isFloating } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import { normalizeDim } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { add, eq, exp, gt, isfinite, log, logicalOr, maximum, sub, where } from './elementwise.js';
import { cumsum } from './reduce.js';
import { inclusiveScan } from './inclusive-scan.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * log(eᵃ + eᵇ) = m + log(e^(a−m) + e^(b−m)), with m = max(a, b) held constant: it cancels from the
 * value and from the gradient, which is the weight e^(a−m)/(e^(a−m) + e^(b−m)), so nothing overflows
 * (±1000 stays finite). m is taken as 0 where it is ±∞ or NaN: two −∞ give log 0 = −∞ (not
 * −∞ − (−∞) = NaN), and a NaN stays NaN through its exp. (+∞ never reaches it: logcumsumexp sets the
 * results from the first +∞ on.)
 */
function logAddExp(a: Tensor, b: Tensor): Tensor {
  const shift = noGrad(() => {
    const larger = maximum(a, b);
    return where(isfinite(larger), larger, 0);
  });
  return add(log(add(exp(sub(a, shift)), exp(sub(b, shift)))), shift);
}

/**
 * log Σ_{j ≤ i} exp(x_j) along `dim` (torch.logcumsumexp), without overflow for large inputs; a −∞
 * input adds nothing (log 0 = −∞ while every input so far is −∞). Computed as a scan of pairwise
 * log-add-exps in ⌈log₂ n⌉ rounds of existing whole-tensor ops (no kernel of its own), and its gradient,
 * Σ_{i ≥ j} g_i·exp(x_j − y_i), and second derivative come from those ops. The gradient of a −∞
 * input is 0 (torch's too, except where every input so far is −∞, y_j = −∞, where torch's is NaN);
 * that of a +∞ input is 0 (torch's NaN, e^(∞ − ∞)), and every other input's is torch's.
 * Floating-point inputs only, as torch.
 * @example
 * logcumsumexp(tensor([0, 0, 1000]), 0); // [0, 0.6931, 1000]
 */
export function logcumsumexp(x: Tensor, dim: number | DimOptions): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('logcumsumexp', ['x', 'dim'], arguments);
  checkLive('logcumsumexp', 'input', x);
  const axis = normalizeDim('logcumsumexp', readDim('logcumsumexp', dim) as number, Math.max(x.ndim, 1));
  if (!isFloating(x.dtype)) throw new Error(`logcumsumexp: expects a floating-point input, got ${x.dtype}`);
  if (x.ndim === 0) return x.clone();
  return composite(() => {
    // −∞ inputs enter as a constant: their gradient, exp(x_j − y_i), is 0, where the scan's log-add-exp
    // of two −∞ (weights 0/0) would send back NaN. A +∞ enters as −∞ too, and the results from the first
    // +∞ on are set to +∞ as a constant: the partial sums of the scan stay finite (a +∞ one sent back
    // ∞/∞ = NaN to every earlier input), and every input's gradient through those results is
    // e^(x_j − ∞) = 0, as torch's (the +∞ input's own, e^(∞ − ∞), is 0 here, NaN in torch)
    const positive = eq(x, Number.POSITIVE_INFINITY);
    const input = where(logicalOr(positive, eq(x, Number.NEGATIVE_INFINITY)), Number.NEGATIVE_INFINITY, x);
    const scanned = inclusiveScan([input], axis, ([earlier], [later]) => [logAddExp(earlier!, later!)])[0]!;
    return where(gt(cumsum(positive, axis), 0), Number.POSITIVE_INFINITY, scanned);
  });
}
