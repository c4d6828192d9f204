import { isTensor } from '../core/brand.js';
import { formatShape, shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { zerosLike } from '../ops/creation.js';
import { view } from '../ops/views.js';
import { grad } from './backward.js';

// What jacobian, hessian, vjp, jvp, vhp and hvp share (torch.autograd.functional's helpers): inputs
// and outputs as one tensor or an array of them, the copies the function is evaluated at, and a grad()
// that skips outputs which do not require grad.

/**
 * One tensor, or an array of them (torch's tuple): the inputs and outputs of torch.autograd.functional.
 * @example
 * const inputs: TensorOrTensors = [weight, bias];
 */
export type TensorOrTensors = Tensor | Tensor[];

/**
 * The tensors the function is evaluated at (torch's _grad_preprocess): with `createGraph` an input
 * that requires grad is viewed (a new node, so the results stay differentiable with respect to it);
 * every other is detached and made a leaf that requires grad (`needGraph`) or not.
 */
export function prepareInputs(inputs: Tensor[], createGraph: boolean, needGraph: boolean): Tensor[] {
  return inputs.map((input) => {
    input.assertAlive('autograd functional');
    if (createGraph && input.requiresGrad) return view(input, input.shape);
    const leaf = input.detach();
    return needGraph ? leaf.requiresGrad_(true) : leaf;
  });
}

/** Without `createGraph` the results leave the graph (torch's _grad_postprocess). */
export function finishResults<T extends Tensor[] | Tensor[][]>(results: T, createGraph: boolean): T {
  if (createGraph) return results;
  return results.map((entry) => (isTensor(entry) ? entry.detach() : entry.map((tensor) => tensor.detach()))) as T;
}

/** Undoes asList: the single tensor when the argument was not an array (torch's _tuple_postprocess). */
export function unlist<T>(values: T[], wasList: boolean): T | T[] {
  return wasList ? values : values[0]!;
}

/** Checks that `v` has one tensor per entry of `other`, each of its shape (torch's _validate_v). */
export function checkVector(operation: string, v: Tensor[], other: Tensor[], otherIsList: boolean): void {
  if (v.length !== other.length) {
    if (otherIsList) throw new Error(`${operation}: v is an array of invalid length: should be ${other.length} but got ${v.length}`);
    throw new Error(`${operation}: the given v should contain a single Tensor`);
  }
  v.forEach((entry, index) => {
    if (shapesEqual(entry.shape, other[index]!.shape)) return;
    const prefix = otherIsList ? `entry ${index} in ` : '';
    throw new Error(
      `${operation}: ${prefix}v has invalid size: should be ${formatShape(other[index]!.shape)} but got ${formatShape(entry.shape)}`,
    );
  });
}

/** What `checkRequiresGrad` is looking at, which picks torch's message. */
export type CheckedKind = 'outputs' | 'gradInputs' | 'jacobian';

/** In strict mode, throws torch's error for a missing gradient or one outside the graph (torch's _check_requires_grad). */
export function checkRequiresGrad(operation: string, tensors: (Tensor | null)[], kind: CheckedKind, strict: boolean): void {
  if (!strict) return;
  tensors.forEach((tensor, index) => {
    if (tensor === null)
      throw new Error(
        `${operation}: the output of the user-provided function is independent of input ${index}. This is not allowed in strict mode.`,
      );
    if (tensor.requiresGrad) return;
    if (kind === 'jacobian')
      throw new Error(
        `${operation}: while computing the hessian, found that the jacobian of the user-provided function with respect to input ${index} ` +
          'is independent of the input. This is not allowed in strict mode. You should ensure that your function is twice differentiable ' +
          'and that the jacobian depends on the inputs (this would be violated by a linear function for example).',
      );
    if (kind === 'gradInputs')
      throw new Error(
        `${operation}: the gradient with respect to input ${index} is independent of the inputs of the user-provided function. This is not allowed in strict mode.`,
      );
    throw new Error(
      `${operation}: output ${index} of the user-provided function does not require gradients. ` +
        'The outputs must be computed in a differentiable manner from the input when running in strict mode.',
    );
  });
}

/**
 * grad() of the outputs that require grad (null entries and constants are skipped, with their seeds);
 * null for every input when none does, and for inputs the outputs do not reach (torch's _autograd_grad).
 */
export function gradientsOf(
  outputs: (Tensor | null)[],
  inputs: Tensor[],
  seeds: (Tensor | undefined)[] | undefined,
  options: { createGraph: boolean; retainGraph?: boolean },
): (Tensor | null)[] {
  const used = outputs.flatMap((output, index) => (output?.requiresGrad ? [index] : []));
  if (used.length === 0) return inputs.map(() => null);
  return grad(
    used.map((index) => outputs[index]!),
    inputs,
    {
      gradOutputs: seeds && used.map((index) => seeds[index]),
      allowUnused: true,
      createGraph: options.createGraph,
      retainGraph: options.retainGraph ?? options.createGraph,
    },
  );
}

/**
 * Frees the graph from `outputs` back to `inputs` that the backward passes retained (jacobian's rows
 * each keep it for the next), by one last pass that does not retain it: PyTorch frees it when the
 * outputs go out of scope, which JavaScript cannot see. Its gradients (of zero seeds) are discarded.
 */
export function releaseGraph(outputs: Tensor[], inputs: Tensor[]): void {
  const used = outputs.filter((output) => output.requiresGrad);
  if (used.length > 0)
    gradientsOf(
      used,
      inputs,
      used.map((output) => zerosLike(output)),
      { createGraph: false, retainGraph: false },
    );
}

/** Which backward produced the gradients, which picks torch's strict-mode message. */
export type Stage = 'back' | 'backTrick' | 'doubleBack' | 'doubleBackTrick';

/** Zeros shaped as `references[i]` where a gradient is missing, or torch's strict-mode errors (torch's _fill_in_zeros). */
export function fillInZeros(
  operation: string,
  gradients: (Tensor | null)[],
  references: Tensor[],
  strict: boolean,
  createGraph: boolean,
  stage: Stage,
): Tensor[] {
  return gradients.map((gradient, index) => {
    if (gradient === null) {
      if (strict) throw new Error(`${operation}: ${missingMessage(stage, index)}`);
      return zerosLike(references[index]!);
    }
    if (strict && createGraph && !gradient.requiresGrad) {
      const what = stage === 'back' || stage === 'backTrick' ? 'jacobian' : 'hessian';
      throw new Error(
        `${operation}: the ${what} of the user-provided function is independent of input ${index}. This is not allowed in strict mode when createGraph is true.`,
      );
    }
    return gradient;
  });
}

function missingMessage(stage: Stage, index: number): string {
  const strict = 'This is not allowed in strict mode';
  if (stage === 'back') return `the output of the user-provided function is independent of input ${index}. ${strict}.`;
  if (stage === 'backTrick')
    return `the gradient with respect to the input is independent of entry ${index} in the grad_outputs when using the double backward trick to compute forward mode gradients. ${strict}.`;
  if (stage === 'doubleBack') return `the jacobian of the user-provided function is independent of input ${index}. ${strict}.`;
  return `the hessian of the user-provided function is independent of entry ${index} in the grad_jacobian. This is not allowed in strict mode as it prevents from using the double backward trick to replace forward mode AD.`;
}
