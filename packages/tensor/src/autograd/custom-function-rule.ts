import { isTensor } from '../core/brand.js';
import { formatShape, shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { castTo } from '../ops/convert.js';
import { sum } from '../ops/reduce.js';
import { reshape } from '../ops/views.js';
import { applyFunction, type FunctionContext } from './custom-function.js';
import { isGradEnabled, noGrad } from './grad-mode.js';
import type { RuleContext } from './primitives.js';

/**
 * The rule of a custom function's node: calls the user's backward with the output gradient and maps
 * what it returns (one entry per forward argument) to the node's inputs (the tensor arguments), with
 * torch's checks: the count, null for non-tensor arguments, the shape (a gradient that broadcasts from
 * the input's shape is summed back to it), the device; the dtype is cast to the input's. A gradient for
 * an input that needs none is ignored.
 */
export function customFunctionBackward(gradient: Tensor, rule: RuleContext<'customFunction'>): (Tensor | null)[] {
  const { params, inputShapes, inputDtypes, needsGradient } = rule;
  const { name, context, tensorIndexOf } = params;
  const backwardName = `${name}Backward`;
  const returned = params.onceDifferentiable ? noGrad(() => params.backward(context, gradient)) : params.backward(context, gradient);
  const list = isTensor(returned) || returned === null ? [returned] : returned;
  if (!Array.isArray(list))
    throw new Error(`function ${backwardName}: backward must return an array of gradients, one per forward argument`);
  const expected = tensorIndexOf.length;
  if (list.length < expected || list.slice(expected).some((extra) => extra != null))
    throw new Error(`function ${backwardName} returned an incorrect number of gradients (expected ${expected}, got ${list.length})`);
  const gradients = new Array<Tensor | null>(inputShapes.length).fill(null);
  for (let position = 0; position < expected; position++) {
    const value: unknown = list[position];
    if (value == null) continue;
    const index = tensorIndexOf[position]!;
    if (!isTensor(value))
      throw new Error(`function ${backwardName} returned a gradient at position ${position} that is neither a tensor nor null`);
    if (index < 0)
      throw new Error(
        `function ${backwardName} returned a gradient different than null at position ${position}, but the corresponding forward input was not a tensor`,
      );
    if (!needsGradient[index]) continue; // torch ignores a gradient nobody asked for
    gradients[index] = conform(backwardName, value, index, position, inputShapes[index]!, inputDtypes[index]!, params.devices[index]!);
  }
  // once differentiable: differentiating these gradients again must fail, not silently give zero
  if (params.onceDifferentiable && isGradEnabled() && (gradient.requiresGrad || context.saved.some((saved) => saved?.requiresGrad)))
    return gradients.map((value) => value && guardSecondOrder(backwardName, value));
  return gradients;
}

function conform(
  backwardName: string,
  value: Tensor,
  index: number,
  position: number,
  shape: readonly number[],
  dtype: Tensor['dtype'],
  device: string,
) {
  const where = `at index ${index} (forward argument ${position})`;
  if (value.device !== device)
    throw new Error(`function ${backwardName} returned an invalid gradient ${where} - expected device ${device} but got ${value.device}`);
  let result = value;
  if (!shapesEqual(value.shape, shape)) {
    if (!expandsTo(shape, value.shape))
      throw new Error(
        `function ${backwardName} returned an invalid gradient ${where} - got ${formatShape(value.shape)} but expected shape compatible with ${formatShape(shape)}`,
      );
    result = sumTo(value, shape);
  }
  return result.dtype === dtype ? result : castTo(result, dtype);
}

/** Whether `shape` broadcasts to `target` (torch's is_expandable_to). */
function expandsTo(shape: readonly number[], target: readonly number[]): boolean {
  if (shape.length > target.length) return false;
  const lead = target.length - shape.length;
  return shape.every((extent, axis) => extent === target[lead + axis] || extent === 1);
}

/** The gradient of a broadcast: summed over the leading axes and the axes `shape` has as 1. */
function sumTo(value: Tensor, shape: readonly number[]): Tensor {
  const lead = value.ndim - shape.length;
  const axes: number[] = [];
  for (let axis = 0; axis < value.ndim; axis++) if (axis < lead || (shape[axis - lead] === 1 && value.shape[axis] !== 1)) axes.push(axis);
  return reshape(axes.length > 0 ? sum(value, axes, true) : value, [...shape]);
}

/** Passes `value` on unchanged, with a node whose backward throws (torch's DelayedError). */
function guardSecondOrder(backwardName: string, value: Tensor): Tensor {
  return applyFunction(
    'OnceDifferentiable',
    (_context: FunctionContext, input: unknown) => input as Tensor,
    () => {
      throw new Error(`trying to differentiate twice a function that was marked with onceDifferentiable (${backwardName})`);
    },
    false,
    [value],
    true,
  );
}
