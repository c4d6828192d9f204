import { isTensor } from '../core/brand.js';
import { checkBoolean, checkFunction, readArguments } from '../core/options.js';
import { scope } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { fromTypedArray } from '../ops/allocate.js';
import { zeros, zerosLike } from '../ops/creation.js';
import { stack } from '../ops/join.js';
import { reshape } from '../ops/own-views.js';
import {
  checkRequiresGrad,
  finishResults,
  gradientsOf,
  prepareInputs,
  releaseGraph,
  type TensorOrTensors,
} from './functional-arguments.js';
import { enableGrad } from './grad-mode.js';
import { asList } from './tensor-list.js';

/**
 * The options of `jacobian` and `hessian` (torch.autograd.functional's keywords), also accepted
 * positionally after the inputs in torch's order: `jacobian(f, x, true)` is `{ createGraph: true }`.
 * @example
 * jacobian(f, x, { createGraph: true, strict: true });
 */
export interface JacobianOptions {
  /** Record the computation, so that the result can be differentiated again with respect to the inputs. Default false. */
  createGraph?: boolean;
  /** Throw torch's errors when an output does not depend on an input, instead of giving zeros there. Default false. */
  strict?: boolean;
  /** torch's vmap-based evaluation, which is not supported: only false is accepted. Default false. */
  vectorize?: boolean;
}

/**
 * A function of one or several tensors (the inputs, spread as arguments), returning one tensor or an array of them.
 * @example
 * const f: DifferentiableFunction = (a, b) => [a!.mul(b!), a!.sum()];
 */
export type DifferentiableFunction<Output extends TensorOrTensors = TensorOrTensors> = (...inputs: Tensor[]) => Output;

type JacobianArguments = [createGraph?: boolean | JacobianOptions, strict?: boolean, vectorize?: boolean];

function readJacobianOptions(operation: string, rest: readonly unknown[]): { createGraph: boolean; strict: boolean } {
  const accepted = ['createGraph', 'strict', 'vectorize'];
  const options = readArguments<JacobianOptions>(operation, rest, accepted, accepted);
  if (checkBoolean(operation, 'vectorize', options.vectorize ?? false))
    throw new Error(`${operation}: vectorize: true is not supported (it needs vmap); pass vectorize: false`);
  return {
    createGraph: checkBoolean(operation, 'createGraph', options.createGraph ?? false),
    strict: checkBoolean(operation, 'strict', options.strict ?? false),
  };
}

/** A tensor shaped as `output`, 1 at row-major `element` and 0 elsewhere: the seed that picks one row. */
function oneHotSeed(output: Tensor, element: number): Tensor {
  const values = new Float64Array(output.numel());
  values[element] = 1;
  return fromTypedArray(values, output.shape, output.dtype, output.device);
}

/**
 * The Jacobian blocks [output][input] of `f` at `inputs`, each shaped output.shape ++ input.shape, and
 * whether `f` returned an array. Row j of a block is the gradient of the j-th output element, from one
 * backward pass seeded with a one-hot tensor (torch's reverse-mode loop, vectorize = false).
 */
export function jacobianBlocks(
  operation: string,
  f: DifferentiableFunction,
  inputs: Tensor[],
  createGraph: boolean,
  strict: boolean,
): [boolean, Tensor[][]] {
  return enableGrad(() => {
    const prepared = prepareInputs(inputs, createGraph, true);
    const [outputsWereList, outputs] = asList(f(...prepared), 'outputs of the user-provided function', operation);
    checkRequiresGrad(operation, outputs, 'outputs', strict);
    const blocks = outputs.map((output, outputIndex) => {
      const rows: Tensor[][] = prepared.map(() => []);
      for (let element = 0; element < output.numel(); element++) {
        const gradients = gradientsOf([output], prepared, [oneHotSeed(output, element)], { createGraph, retainGraph: true });
        gradients.forEach((gradient, inputIndex) => {
          if (gradient === null) {
            if (strict)
              throw new Error(
                `${operation}: output ${outputIndex} of the user-provided function is independent of input ${inputIndex}. This is not allowed in strict mode.`,
              );
            rows[inputIndex]!.push(zerosLike(prepared[inputIndex]!));
            return;
          }
          if (strict && createGraph && !gradient.requiresGrad)
            throw new Error(
              `${operation}: the jacobian of the user-provided function is independent of input ${inputIndex}. This is not allowed in strict mode when createGraph is true.`,
            );
          rows[inputIndex]!.push(gradient);
        });
      }
      return rows.map((gradients, inputIndex) => {
        const input = prepared[inputIndex]!;
        const shape = [...output.shape, ...input.shape];
        // an empty output has an empty Jacobian (torch's stack of no rows would throw)
        return gradients.length > 0 ? reshape(stack(gradients, 0), shape) : zeros(shape, { dtype: input.dtype, device: input.device });
      });
    });
    if (!createGraph) releaseGraph(outputs, prepared);
    return [outputsWereList, blocks];
  });
}

/** Unpacks [output][input] blocks as torch does: a level goes where its argument was a single tensor. */
function nest(blocks: Tensor[][], outputsWereList: boolean, inputsWereList: boolean): Tensor | Tensor[] | Tensor[][] {
  const rows = inputsWereList ? blocks : blocks.map((row) => row[0]!);
  return outputsWereList ? rows : rows[0]!;
}

/**
 * The Jacobian of `f` at `inputs` (torch.autograd.functional.jacobian), by one backward pass per output
 * element. `f` receives the inputs as arguments; for one output y and one input x the result has shape
 * y.shape ++ x.shape, J[i…][j…] = ∂y[i…]/∂x[j…]. With several (arrays), it is one such block per pair:
 * result[output][input] (one level fewer where the output or the input was a single tensor). Where an
 * output does not depend on an input the block is 0 (or `strict` throws). Options in torch's order,
 * positionally or as an object: createGraph, strict, vectorize (only false).
 * @example
 * const J = jacobian((x) => x.pow(2), tensor([1, 2])); // [[2, 0], [0, 4]]
 * const [[dSumDa, dSumDb], [dProductDa, dProductDb]] = jacobian((a, b) => [a.add(b), a.mul(b)], [a, b]) as Tensor[][];
 */
export function jacobian(f: (input: Tensor) => Tensor, inputs: Tensor, ...options: JacobianArguments): Tensor;
export function jacobian(f: DifferentiableFunction<Tensor>, inputs: Tensor[], ...options: JacobianArguments): Tensor[];
export function jacobian(f: DifferentiableFunction<Tensor[]>, inputs: Tensor, ...options: JacobianArguments): Tensor[];
export function jacobian(f: DifferentiableFunction<Tensor[]>, inputs: Tensor[], ...options: JacobianArguments): Tensor[][];
export function jacobian(f: DifferentiableFunction, inputs: TensorOrTensors, ...options: JacobianArguments): Tensor | Tensor[] | Tensor[][];
export function jacobian(
  f: DifferentiableFunction,
  inputs: TensorOrTensors,
  ...options: JacobianArguments
): Tensor | Tensor[] | Tensor[][] {
  checkFunction('jacobian', 'func', f);
  const { createGraph, strict } = readJacobianOptions('jacobian', options);
  const [inputsWereList, inputList] = asList(inputs, 'inputs', 'jacobian');
  return scope(() => {
    const [outputsWereList, blocks] = jacobianBlocks('jacobian', f, inputList, createGraph, strict);
    return nest(finishResults(blocks, createGraph), outputsWereList, inputsWereList);
  }, 'the end of jacobian()');
}

/** The single-element output of the function given to `hessian`, as a 0-d tensor. */
function scalarOutput(output: unknown, strict: boolean): Tensor {
  if (!isTensor(output)) throw new Error('hessian: the function given to hessian should return a single Tensor');
  if (output.numel() !== 1)
    throw new Error(
      `hessian: the Tensor returned by the function given to hessian should contain a single element, got shape [${output.shape.join(', ')}]`,
    );
  checkRequiresGrad('hessian', [output], 'outputs', strict);
  return reshape(output, []);
}

/**
 * The Hessian of a function with a single-element output (torch.autograd.functional.hessian): the
 * Jacobian of its gradient, H[i…][j…] = ∂²f/∂x[i…]∂x[j…], of shape x.shape ++ x.shape. With several
 * inputs (an array) it is the blocks result[i][j] = ∂²f/∂xᵢ∂xⱼ. Options as `jacobian`'s.
 * @example
 * hessian((x) => x.pow(3).sum(), tensor([1, 2])); // [[6, 0], [0, 12]]
 */
export function hessian(f: (input: Tensor) => Tensor, inputs: Tensor, ...options: JacobianArguments): Tensor;
export function hessian(f: DifferentiableFunction<Tensor>, inputs: Tensor[], ...options: JacobianArguments): Tensor[][];
export function hessian(f: DifferentiableFunction<Tensor>, inputs: TensorOrTensors, ...options: JacobianArguments): Tensor | Tensor[][];
export function hessian(f: DifferentiableFunction<Tensor>, inputs: TensorOrTensors, ...options: JacobianArguments): Tensor | Tensor[][] {
  checkFunction('hessian', 'func', f);
  const { createGraph, strict } = readJacobianOptions('hessian', options);
  const [inputsWereList, inputList] = asList(inputs, 'inputs', 'hessian');
  // the gradient, kept differentiable (createGraph), is the function whose Jacobian is taken
  const gradientOf = (...at: Tensor[]): Tensor[] => {
    const [, [gradients]] = jacobianBlocks('hessian', (...x) => scalarOutput(f(...x), strict), at, true, strict);
    checkRequiresGrad('hessian', gradients!, 'jacobian', strict);
    return gradients!;
  };
  return scope(() => {
    const [, blocks] = jacobianBlocks('hessian', gradientOf, inputList, createGraph, strict);
    return nest(finishResults(blocks, createGraph), inputsWereList, inputsWereList) as Tensor | Tensor[][];
  }, 'the end of hessian()');
}
