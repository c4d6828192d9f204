import { isGradEnabled, noGrad } from '../autograd/grad-mode.js';
import type { Tensor } from '../core/tensor.js';
import { add, mul, sub, where } from './elementwise.js';

/**
 * A function value computed without a graph (a series, a continued fraction, Newton steps), given
 * its known derivative: the result has `value`'s value and the gradient g·f′(x), with f′ written by
 * `derivativeOf` with differentiable ops, so second derivatives are right too.
 *
 * result = value + c·½(f′ + stop f′) with c = x − stop x, which is 0 exactly and has gradient 1: the
 * first derivative is f′; in the second, the product rule meets f′ twice (through c's gradient and
 * through f′ itself), and holding half of f′ constant counts its derivative once. Where `valid` is
 * false (poles, ±∞, outside the domain) the gradient is 0 and `derivativeOf` reads a stand-in input
 * of 0.5, so no ∞·0 = NaN reaches the gradient through the unselected branch.
 * @example
 * // erfc with d erfc = −2/√π·e^(−x²) dx
 * attachDerivative(noGrad(() => value), x, isfinite(x), (input) => mul(exp(neg(square(input))), -2 / Math.sqrt(Math.PI)));
 */
export function attachDerivative(value: Tensor, x: Tensor, valid: Tensor, derivativeOf: (input: Tensor) => Tensor): Tensor {
  if (!isGradEnabled() || !x.requiresGrad) return value;
  const input = where(valid, x, 0.5);
  const offset = sub(
    input,
    noGrad(() => input.detach()),
  );
  const derivative = where(valid, derivativeOf(input), 0);
  const half = mul(add(derivative, derivative.detach()), 0.5);
  return add(value, mul(offset, half));
}
