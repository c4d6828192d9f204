import { checkBoolean, checkFunction, readArguments } from '../core/options.js';
import { scope } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { zerosLike } from '../ops/creation.js';
import {
  checkRequiresGrad,
  checkVector,
  fillInZeros,
  finishResults,
  gradientsOf,
  prepareInputs,
  type TensorOrTensors,
  unlist,
} from './functional-arguments.js';
import { enableGrad } from './grad-mode.js';
import { asList } from './tensor-list.js';

/**
 * The options of `vjp`, `jvp`, `vhp` and `hvp` (torch.autograd.functional's keywords), also accepted
 * positionally after the inputs in torch's order: `vjp(f, x, v, true)` is `vjp(f, x, { v, createGraph: true })`.
 * @example
 * vjp(f, x, { v: ones([3]), createGraph: true });
 */
export interface VectorProductOptions {
  /** The vector: one tensor or an array, shaped as the outputs for vjp and as the inputs otherwise. Default none, allowed only where those are one single element (then v = 1). */
  v?: TensorOrTensors;
  /** Record the computation, so that the results can be differentiated again. Default false. */
  createGraph?: boolean;
  /** Throw torch's errors where a result does not depend on an input, instead of giving zeros there. Default false. */
  strict?: boolean;
}

type VectorProductArguments = [v?: TensorOrTensors | VectorProductOptions, createGraph?: boolean | VectorProductOptions, strict?: boolean];

function readOptions(
  operation: string,
  rest: readonly unknown[],
): { v: TensorOrTensors | undefined; createGraph: boolean; strict: boolean } {
  const names = ['v', 'createGraph', 'strict'];
  const options = readArguments<VectorProductOptions>(operation, rest, names, names);
  return {
    v: options.v,
    createGraph: checkBoolean(operation, 'createGraph', options.createGraph ?? false),
    strict: checkBoolean(operation, 'strict', options.strict ?? false),
  };
}

/** `v` as a list of tensors of the shapes of `other`, or undefined (then `other` must be one single element). */
function readVector(
  operation: string,
  v: TensorOrTensors | undefined,
  other: Tensor[],
  otherIsList: boolean,
  createGraph: boolean,
  what: string,
): Tensor[] | undefined {
  if (v === undefined) {
    if (other.length !== 1 || other[0]!.numel() !== 1)
      throw new Error(`${operation}: the vector v can only be left out if ${what} is a single Tensor with a single element`);
    return undefined;
  }
  const vector = prepareInputs(asList(v, 'v', operation)[1], createGraph, false);
  checkVector(operation, vector, other, otherIsList);
  return vector;
}

/** The single-element output of the function given to vhp and hvp. */
function scalarOutputs(operation: string, output: TensorOrTensors, strict: boolean): Tensor[] {
  const [isList, outputs] = asList(output, 'outputs of the user-provided function', operation);
  checkRequiresGrad(operation, outputs, 'outputs', strict);
  if (isList) throw new Error(`${operation}: the function given to ${operation} should return a single Tensor`);
  if (outputs[0]!.numel() !== 1)
    throw new Error(
      `${operation}: the Tensor returned by the function given to ${operation} should contain a single element, got shape [${outputs[0]!.shape.join(', ')}]`,
    );
  return outputs;
}

/**
 * The vector-Jacobian product vᵀ·J of `f` at `inputs` (torch.autograd.functional.vjp), one backward
 * pass; returns `[outputs, vjp]`, the products shaped (and nested) as the inputs. `v` is shaped as the
 * outputs; it may be left out for a single-element output. Then positionally or as options:
 * createGraph, strict.
 * @example
 * const [y, vjpValue] = vjp((x) => x.pow(2), tensor([1, 2]), tensor([1, 1])); // y = [1, 4], vjpValue = [2, 4]
 */
export function vjp<Output extends TensorOrTensors, Input extends TensorOrTensors>(
  f: (...inputs: Tensor[]) => Output,
  inputs: Input,
  ...options: VectorProductArguments
): [Output, Input] {
  checkFunction('vjp', 'func', f);
  const { v, createGraph, strict } = readOptions('vjp', options);
  const [inputsWereList, inputList] = asList(inputs, 'inputs', 'vjp');
  return scope(() => {
    const [outputsWereList, outputs, prepared, vector] = enableGrad(() => {
      const prepared = prepareInputs(inputList, createGraph, true);
      const [outputsWereList, outputs] = asList(f(...prepared), 'outputs of the user-provided function', 'vjp');
      checkRequiresGrad('vjp', outputs, 'outputs', strict);
      const vector = readVector('vjp', v, outputs, outputsWereList, createGraph, 'the output of the user-provided function');
      return [outputsWereList, outputs, prepared, vector] as const;
    });
    const products = fillInZeros('vjp', gradientsOf(outputs, prepared, vector, { createGraph }), prepared, strict, createGraph, 'back');
    return [
      unlist(finishResults(outputs, createGraph), outputsWereList) as Output,
      unlist(finishResults(products, createGraph), inputsWereList) as Input,
    ];
  }, 'the end of vjp()');
}

/**
 * The Jacobian-vector product J·v of `f` at `inputs` (torch.autograd.functional.jvp), by torch's
 * double-backward trick: g(u) = uᵀ·J is linear in u, so J·v = ∂(g(u)·v)/∂u for any u (u = 0). Returns
 * `[outputs, jvp]`, the products shaped (and nested) as the outputs. `v` is shaped as the inputs; it may
 * be left out for a single-element input. Then positionally or as options: createGraph, strict.
 * @example
 * const [y, jvpValue] = jvp((x) => x.pow(2), tensor([1, 2]), tensor([1, 0])); // jvpValue = [2, 0]
 */
export function jvp<Output extends TensorOrTensors>(
  f: (...inputs: Tensor[]) => Output,
  inputs: TensorOrTensors,
  ...options: VectorProductArguments
): [Output, Output] {
  checkFunction('jvp', 'func', f);
  const { v, createGraph, strict } = readOptions('jvp', options);
  const [inputsWereList, inputList] = asList(inputs, 'inputs', 'jvp');
  return scope(() => {
    const [outputsWereList, outputs, vector, seeds, gradientInputs] = enableGrad(() => {
      const prepared = prepareInputs(inputList, createGraph, true);
      const vector = readVector('jvp', v, prepared, inputsWereList, createGraph, 'the input to the user-provided function');
      const [outputsWereList, outputs] = asList(f(...prepared), 'outputs of the user-provided function', 'jvp');
      checkRequiresGrad('jvp', outputs, 'outputs', strict);
      // u: the backward is linear in it, so its value (0) never reaches the result, only its graph
      const seeds = outputs.map((output) => zerosLike(output).requiresGrad_(true));
      const gradientInputs = gradientsOf(outputs, prepared, seeds, { createGraph: true });
      checkRequiresGrad('jvp', gradientInputs, 'gradInputs', strict);
      return [outputsWereList, outputs, vector, seeds, gradientInputs] as const;
    });
    const backward = () => gradientsOf(gradientInputs, seeds, vector, { createGraph });
    const gradients = createGraph ? enableGrad(backward) : backward();
    const products = fillInZeros('jvp', gradients, outputs, strict, createGraph, 'backTrick');
    return [
      unlist(finishResults(outputs, createGraph), outputsWereList) as Output,
      unlist(finishResults(products, createGraph), outputsWereList) as Output,
    ];
  }, 'the end of jvp()');
}

/**
 * The vector-Hessian product vᵀ·H of a function with a single-element output
 * (torch.autograd.functional.vhp): the gradient of (∇f)ᵀ·v. Returns `[output, vhp]`, the products shaped
 * (and nested) as the inputs; `v` is shaped as the inputs. Then positionally or as options:
 * createGraph, strict.
 * @example
 * const [value, product] = vhp((x) => x.pow(3).sum(), tensor([1, 2]), tensor([1, 1])); // product = [6, 12]
 */
export function vhp<Input extends TensorOrTensors>(
  f: (...inputs: Tensor[]) => Tensor,
  inputs: Input,
  ...options: VectorProductArguments
): [Tensor, Input] {
  return hessianProduct('vhp', f, inputs, options) as [Tensor, Input];
}

/**
 * The Hessian-vector product H·v of a function with a single-element output
 * (torch.autograd.functional.hvp), by the double-backward trick: H·v = ∂(g(u)·v)/∂u where
 * g(u) = uᵀ·H is the gradient of (∇f)ᵀ·u. Equal to vhp's result for a function with a symmetric
 * Hessian. Returns `[output, hvp]`, the products shaped (and nested) as the inputs. Then positionally or
 * as options: createGraph, strict.
 * @example
 * const [value, product] = hvp((x) => x.pow(3).sum(), tensor([1, 2]), tensor([1, 0])); // product = [6, 0]
 */
export function hvp<Input extends TensorOrTensors>(
  f: (...inputs: Tensor[]) => Tensor,
  inputs: Input,
  ...options: VectorProductArguments
): [Tensor, Input] {
  return hessianProduct('hvp', f, inputs, options) as [Tensor, Input];
}

function hessianProduct(
  operation: 'vhp' | 'hvp',
  f: (...inputs: Tensor[]) => Tensor,
  inputs: TensorOrTensors,
  rest: readonly unknown[],
): [Tensor, TensorOrTensors] {
  checkFunction(operation, 'func', f);
  const { v, createGraph, strict } = readOptions(operation, rest);
  const [inputsWereList, inputList] = asList(inputs, 'inputs', operation);
  return scope(() => {
    const [outputs, prepared, vector, gradient] = enableGrad(() => {
      const prepared = prepareInputs(inputList, createGraph, true);
      const vector = readVector(operation, v, prepared, inputsWereList, createGraph, 'the input to the user-provided function');
      const outputs = scalarOutputs(operation, f(...prepared), strict);
      const gradient = gradientsOf(outputs, prepared, undefined, { createGraph: true });
      checkRequiresGrad(operation, gradient, 'jacobian', strict);
      return [outputs, prepared, vector, gradient] as const;
    });
    let products: Tensor[];
    if (operation === 'vhp') {
      const backward = () => gradientsOf(gradient, prepared, vector, { createGraph });
      products = fillInZeros(operation, createGraph ? enableGrad(backward) : backward(), prepared, strict, createGraph, 'doubleBack');
    } else {
      // g(u) = ∂((∇f)ᵀ·u)/∂x = Hᵀ·u, linear in u; its derivative with respect to u, seeded with v, is H·v
      const [seeds, doubleBackward] = enableGrad(() => {
        const seeds = prepared.map((input) => zerosLike(input).requiresGrad_(true));
        return [seeds, gradientsOf(gradient, prepared, seeds, { createGraph: true })] as const;
      });
      const backward = () => gradientsOf(doubleBackward, seeds, vector, { createGraph });
      products = fillInZeros(operation, createGraph ? enableGrad(backward) : backward(), prepared, strict, createGraph, 'doubleBackTrick');
    }
    return [finishResults(outputs, createGraph)[0]!, unlist(finishResults(products, createGraph), inputsWereList)];
  }, `the end of ${operation}()`);
}
