import { type CustomFunction, defineFunction } from '../autograd/custom-function.js';
import { isGradEnabled, noGrad } from '../autograd/grad-mode.js';
import { floatTypeFor } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor, TensorOrScalar } from '../core/tensor.js';
import { broadcastTensors } from './broadcast-tensors.js';
import { castTo } from './convert.js';
import { prepareOperands } from './elementwise.js';
import { checkHostReadable, valuesLike } from './host-float-values.js';
import { checkLive } from '../core/tensor-arguments.js';

// What torch.special's Bessel, Airy and orthogonal-polynomial functions share: an elementwise kernel
// of plain numbers run on the host over a float32 or float64 tensor, and a graph node whose backward
// refuses by name, since torch 1.13 has no derivative formula for these functions.

/**
 * Rounds the result of one arithmetic step to the tensor's dtype: Math.fround for float32 (so a
 * recurrence overflows, and turns ∞ − ∞ into NaN, where torch's float32 arithmetic does), none for
 * float64.
 */
export type Rounding = (value: number) => number;

const unrounded: Rounding = (value) => value;

/** The rounding of a dtype's arithmetic (float32 or float64). */
function roundingOf(dtype: Tensor['dtype']): Rounding {
  return dtype === 'float32' ? Math.fround : unrounded;
}

const refusingNodes = new Map<string, CustomFunction<Tensor[]>>();

/** torch's snake_case name as a node name: 'special_bessel_j0' → 'SpecialBesselJ0'. */
function nodeName(torchName: string): string {
  return torchName
    .split('_')
    .map((part) => `${part[0]!.toUpperCase()}${part.slice(1)}`)
    .join('');
}

/** The custom function of one special function: the forward hands the value on, the backward throws. */
function refusingNode(operation: string, torchName: string): CustomFunction<Tensor[]> {
  let node = refusingNodes.get(torchName);
  if (node) return node;
  const message = `${operation}: the derivative for '${torchName}' is not implemented (torch 1.13 has no derivative formula for it); detach the input to use the value as a constant`;
  node = defineFunction<Tensor[]>({
    name: nodeName(torchName),
    forward: (_context, value) => value.detach(),
    backward: () => {
      throw new Error(message);
    },
  });
  refusingNodes.set(torchName, node);
  return node;
}

/**
 * `value` as the output of a node of `inputs` whose backward throws, naming `operation` and torch's
 * `torchName`: a backward that reaches it fails instead of treating the function as a constant.
 * Without a graph (no input requires grad, or under noGrad) it is `value` itself.
 * @example
 * withoutDerivative('besselJ0', 'special_bessel_j0', value, [x]); // value; backward through it throws
 */
export function withoutDerivative(operation: string, torchName: string, value: Tensor, inputs: readonly Tensor[]): Tensor {
  if (!isGradEnabled() || !inputs.some((input) => input.requiresGrad)) return value;
  return refusingNode(operation, torchName).apply(value, ...inputs);
}

/**
 * f(x) elementwise, `kernel` evaluated in float64 on the host and rounded once to the input's dtype.
 * Integer and bool inputs are promoted to the default float dtype (float32), as torch's; float16 and
 * devices that read asynchronously are refused (torch has no Half kernel either).
 * @example
 * unaryOnHost('besselJ0', 'special_bessel_j0', x, besselJ0Value);
 */
export function unaryOnHost(operation: string, torchName: string, x: Tensor, kernel: (value: number) => number): Tensor {
  checkLive(operation, 'input', x);
  return composite(() => {
    const input = castTo(x, floatTypeFor(x.dtype));
    checkHostReadable(operation, 'input', input);
    const values = input.dataSync();
    const results = new Float64Array(values.length);
    for (let index = 0; index < values.length; index++) results[index] = kernel(values[index]!);
    return withoutDerivative(operation, torchName, valuesLike(results, input), [input]);
  });
}

/**
 * f(x, n) elementwise over x and n broadcast, in their promoted float dtype (integer and bool operands
 * give float32, a number takes the tensor's dtype, as torch's): `kernel` receives both as numbers of
 * that dtype and rounds each arithmetic step with `round`.
 * @example
 * binaryOnHost('hermitePolynomialH', 'special_hermite_polynomial_h', x, 3, hermiteHValue);
 */
export function binaryOnHost(
  operation: string,
  torchName: string,
  x: TensorOrScalar,
  n: TensorOrScalar,
  kernel: (x: number, n: number, round: Rounding) => number,
): Tensor {
  return composite(() => {
    const [left, right] = prepareOperands(operation, x, n, true);
    checkHostReadable(operation, 'x', left);
    checkHostReadable(operation, 'n', right);
    const [shapedX, shapedN] = noGrad(() => broadcastTensors(left, right)) as [Tensor, Tensor];
    const xs = shapedX.dataSync();
    const ns = shapedN.dataSync();
    const round = roundingOf(left.dtype);
    const results = new Float64Array(xs.length);
    for (let index = 0; index < xs.length; index++) results[index] = kernel(xs[index]!, ns[index]!, round);
    return withoutDerivative(operation, torchName, valuesLike(results, shapedX), [left, right]);
  });
}
