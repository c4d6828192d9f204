import type { Tensor } from '../core/tensor.js';
import { fromTypedArray } from './allocate.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';

// What the host samplers and their host-computed gradients share (standardGamma, sampleDirichlet):
// reading float32/float64 values synchronously and writing float64 results back in a tensor's dtype.

/**
 * Refuses, naming the op and the argument, what the host code cannot read: a dtype other than float32
 * and float64, a device that reads only asynchronously.
 * @example
 * checkHostReadable('standardGamma', 'concentration', tensor([1], { dtype: 'int32' })); // Error: … expects a float32 or float64 concentration, got int32 …
 */
export function checkHostReadable(operation: string, name: string, value: Tensor): void {
  checkTensorArguments(operation, { [name]: value });
  if (value.dtype !== 'float32' && value.dtype !== 'float64')
    throw new Error(`${operation}: expects a float32 or float64 ${name}, got ${value.dtype} (torch: not implemented for that dtype)`);
  if (!value.storage.backend.readSync)
    throw new Error(`${operation} runs on the CPU; move the ${name} with .to('cpu') (device '${value.device}' reads asynchronously)`);
}

/**
 * Values computed in float64 as a tensor of `like`'s dtype, device and shape (rounded to float32 when
 * `like` is float32).
 * @example
 * valuesLike(new Float64Array([0.1, 0.2]), like); // like.dtype, like.shape
 */
export function valuesLike(values: Float64Array, like: Tensor): Tensor {
  const data = like.dtype === 'float32' ? Float32Array.from(values) : values;
  return fromTypedArray(data, like.shape, like.dtype, like.device);
}
