import { tensor } from './creation.js';
import type { Tensor } from '../core/tensor.js';

/**
 * The matrices [*, m, n] of a float32 or float64 tensor read synchronously as float64, for the linear
 * algebra that runs in JavaScript on the CPU (linalg.eigh, linalg.svd); refuses, by name, a half
 * dtype and a device that reads only asynchronously.
 * @example
 * const { values, batch } = readMatrices('linalg.eigh', a); // a [2, 3, 3]: 18 values, batch 2
 */
export function readMatrices(operation: string, a: Tensor): { values: Float64Array; batch: number } {
  checkReadable(operation, a);
  const batch = a.shape.slice(0, -2).reduce((product, size) => product * size, 1);
  return { values: Float64Array.from(a.dataSync()), batch };
}

/**
 * Refuses, by name, what the CPU linear algebra in JavaScript cannot read: a dtype other than float32
 * and float64, a device that reads only asynchronously.
 * @example
 * checkReadable('linalg.svd', a.to('webgpu')); // Error: linalg.svd runs on the CPU; move the matrix with .to('cpu') …
 */
export function checkReadable(operation: string, a: Tensor): void {
  if (a.dtype !== 'float32' && a.dtype !== 'float64')
    throw new Error(`${operation}: Low precision dtypes not supported. Got ${a.dtype}; use float32 or float64`);
  if (!a.storage.backend.readSync)
    throw new Error(`${operation} runs on the CPU; move the matrix with .to('cpu') (device '${a.device}' reads asynchronously)`);
}

/**
 * A tensor of `like`'s dtype and device holding `values` in `shape`.
 * @example
 * fromValues(new Float64Array([1, 2]), [2], a); // a's dtype and device
 */
export function fromValues(values: Float64Array, shape: readonly number[], like: Tensor): Tensor {
  const data = like.dtype === 'float32' ? Float32Array.from(values) : values;
  return tensor(data, { shape, dtype: like.dtype, device: like.device });
}
