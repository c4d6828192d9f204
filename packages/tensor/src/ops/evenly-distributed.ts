import { defineFunction, type FunctionContext } from '../autograd/custom-function.js';
import { isGradEnabled, noGrad } from '../autograd/grad-mode.js';
import type { Tensor } from '../core/tensor.js';
import { castTo } from './convert.js';
import { div, eq, isnan, logicalAnd, logicalOr, mul } from './elementwise.js';
import { sum } from './reduce.js';
import { reshape } from './views.js';

/**
 * Hands `value` on and, backward, gives each element of x its weight times the gradient of its slice:
 * a node of its own, so the value stays exactly the one computed (value + (s − stop s) would round a
 * sum of ties — three 0.1s make 0.30000000000000004 — and be NaN for an infinite value). The backward
 * is linear in the gradient, so higher orders are exact.
 */
const DistributedGradient = defineFunction({
  name: 'EvenlyDistributed',
  forward(
    context: FunctionContext & { keptShape: readonly number[] },
    _x: Tensor,
    value: Tensor,
    weights: Tensor,
    keptShape: readonly number[],
  ) {
    context.saveForBackward(weights);
    context.keptShape = keptShape;
    return value.detach();
  },
  backward(context, gradient) {
    const [weights] = context.savedTensors as [Tensor];
    return [mul(reshape(gradient, context.keptShape), weights), null, null, null];
  },
});

/**
 * `value`, a reduction of x over `axes` computed without a graph (its dims kept or not), with torch's
 * evenly_distribute_backward: each slice's gradient shared equally by the elements equal to the
 * slice's value (by its NaNs when the value is NaN), as torch's max(), min(), amax, amin, median() and
 * nanmedian() give it.
 * @example
 * evenlyDistributed(x, amaxValue, [0, 1]); // ties at the maximum share its gradient
 */
export function evenlyDistributed(x: Tensor, value: Tensor, axes: readonly number[]): Tensor {
  if (!isGradEnabled() || !x.requiresGrad) return value;
  const keptShape = x.shape.map((size, axis) => (axes.includes(axis) ? 1 : size));
  const weights = noGrad(() => {
    const kept = reshape(value, keptShape);
    const equal = logicalOr(eq(x, kept), logicalAnd(isnan(x), isnan(kept)));
    return div(castTo(equal, x.dtype), sum(equal, [...axes], true));
  });
  return DistributedGradient.apply(x, value, weights, keptShape);
}
