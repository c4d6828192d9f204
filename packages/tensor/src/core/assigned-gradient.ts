import { isTensor } from './brand.js';
import { describeValue } from './options.js';
import { formatShape, shapesEqual } from './shape.js';
import type { Tensor } from './tensor.js';

/**
 * torch's checks on `x.grad = value`: a tensor of x's shape, dtype and device. Unchecked, a gradient
 * of another shape surfaced only later, in the optimizer's step or the next backward's accumulation,
 * far from the assignment that made it.
 */
export function checkAssignedGradient(tensor: Tensor, value: unknown): void {
  if (!isTensor(value)) throw new Error(`grad: assigned grad expected to be a Tensor or null, got ${describeValue(value)}`);
  if (!shapesEqual(value.shape, tensor.shape))
    throw new Error(
      `grad: assigned grad has data of a different size: ${formatShape(value.shape)}, the tensor's is ${formatShape(tensor.shape)}`,
    );
  if (value.dtype !== tensor.dtype)
    throw new Error(`grad: assigned grad has data of a different type: ${value.dtype}, the tensor's is ${tensor.dtype}`);
  if (value.device !== tensor.device)
    throw new Error(`grad: assigned grad has data located on a different device: '${value.device}', the tensor's is '${tensor.device}'`);
}
