import { getBackend, type TensorView } from '../core/backend.js';
import type { DType, TypedArray } from '../core/dtype.js';
import { isTensor } from '../core/brand.js';
import { checkTensor } from '../core/tensor-arguments.js';
import { sizeOf } from '../core/shape.js';
import { Storage } from '../core/storage.js';
import { Tensor } from '../core/tensor.js';

/** A new contiguous tensor whose values the caller's kernel will write. */
export function allocate(shape: readonly number[], dtype: DType, device: string): Tensor {
  return new Tensor(Storage.allocate(device, dtype, sizeOf(shape)), [...shape]);
}

/** A new contiguous tensor holding `data` (already of the right typed-array kind). */
export function fromTypedArray(data: TypedArray, shape: readonly number[], dtype: DType, device: string): Tensor {
  const output = allocate(shape, dtype, device);
  getBackend(device).write(output.storage.buffer, data);
  return output;
}

/** Every tensor of one op must share a device: mixing is an error, never a silent copy. */
export function assertSameDevice(operation: string, tensors: readonly Tensor[]): string {
  for (let index = 0; index < tensors.length; index++) {
    const tensor = tensors[index]!;
    // the argument's name is made only for the error: this runs for every op
    if (!isTensor(tensor)) checkTensor(operation, `argument ${index + 1}`, tensor);
    tensor.assertAlive(operation);
    if (tensor.device !== tensors[0]!.device)
      throw new Error(
        `${operation}: expected all tensors on one device, got ${tensors.map((t) => `'${t.device}'`).join(' and ')}; move them with .to(device)`,
      );
  }
  return tensors[0]!.device;
}

/** The kernel view of `x` broadcast to `shape` (0-strides on new and size-1 axes), without a handle. */
export function broadcastView(x: Tensor, shape: readonly number[]): TensorView {
  const lead = shape.length - x.ndim;
  const strides = shape.map((extent, axis) => {
    const own = axis - lead;
    return own >= 0 && x.shape[own] === extent ? x.strides[own]! : 0;
  });
  return { ...x.kernelView(), shape, strides };
}
