import { defineFunction, type FunctionContext } from '../autograd/custom-function.js';
import { isGradEnabled } from '../autograd/grad-mode.js';
import type { Tensor } from '../core/tensor.js';
import { mul, where } from './elementwise.js';

/** f′ in differentiable ops of the input, the output and the parameters (each a stand-in where not valid). */
type DerivativeOf = (input: Tensor, output: Tensor, ...parameters: Tensor[]) => Tensor;

/**
 * Tensors besides x that f′ reads (igamma's a): saved with x for the backward, where f′ reads them (1
 * where `valid` is false). The function is not differentiated in them: a backward that needs their
 * gradient throws `noGradient`, as torch's "not implemented".
 */
export interface DerivativeParameters {
  tensors: readonly Tensor[];
  noGradient: string;
}

/** What the forward leaves for the backward besides the saved input, output and parameters. */
interface KnownDerivativeState {
  valid: Tensor;
  derivativeOf: DerivativeOf;
  noGradient: string;
}

/**
 * The node of a function whose value was computed without a graph: forward hands the value on,
 * backward multiplies the gradient by f′ written in differentiable ops of the saved input and output.
 * Differentiating that backward again goes through those ops, and through the output's own node when
 * f′ reads the output (erfinv′ = √π/2·e^(erfinv²)), so every order is exact when f′'s is.
 */
function knownDerivative(name: string) {
  return defineFunction({
    name,
    forward(
      context: FunctionContext & KnownDerivativeState,
      x: Tensor,
      value: Tensor,
      valid: Tensor,
      derivativeOf: DerivativeOf,
      noGradient: string,
      ...parameters: Tensor[]
    ) {
      // a new handle made here is the output itself, so saving it saves the output with its node
      const output = value.detach();
      context.saveForBackward(x, output, ...parameters);
      Object.assign(context, { valid, derivativeOf, noGradient });
      return output;
    },
    backward(context, gradient) {
      const [x, output, ...parameters] = context.savedTensors as Tensor[];
      const { valid, derivativeOf, noGradient } = context;
      if (context.needsInputGrad.slice(5).some(Boolean)) throw new Error(noGradient);
      const standIns = parameters.map((parameter) => where(valid, parameter!, 1));
      const derivative = where(valid, derivativeOf(where(valid, x!, 0.5), where(valid, output!, 0), ...standIns), 0);
      return [mul(gradient, derivative), ...context.needsInputGrad.slice(1).map(() => null)];
    },
  });
}

const functions = new Map<string, ReturnType<typeof knownDerivative>>();

/**
 * A function value computed without a graph (a series, a continued fraction, Newton steps), given
 * its known derivative: the result has `value`'s value and the gradient g·f′(x), with f′ written by
 * `derivativeOf` in differentiable ops of the input (and, where f′ is simpler so, of the output and
 * of `parameters`' tensors), so derivatives of every order are right. The graph node is named
 * `${name}Backward`. Where `valid` is false (poles, ±∞, outside the domain) the gradient is 0 and
 * `derivativeOf` reads stand-ins (input 0.5, output 0, parameters 1), so no ∞·0 = NaN reaches any
 * order through the unselected branch.
 * @example
 * // erfc with d erfc = −2/√π·e^(−x²) dx
 * attachDerivative('Erfc', noGrad(() => value), x, isfinite(x), (input) => mul(exp(neg(square(input))), -2 / Math.sqrt(Math.PI)));
 */
export function attachDerivative(
  name: string,
  value: Tensor,
  x: Tensor,
  valid: Tensor,
  derivativeOf: DerivativeOf,
  parameters: DerivativeParameters = { tensors: [], noGradient: '' },
): Tensor {
  if (!isGradEnabled() || !(x.requiresGrad || parameters.tensors.some((tensor) => tensor.requiresGrad))) return value;
  let definition = functions.get(name);
  if (!definition) functions.set(name, (definition = knownDerivative(name)));
  return definition.apply(x, value, valid, derivativeOf, parameters.noGradient, ...parameters.tensors);
}
