import { typedArrayConstructors, type DType } from '../core/dtype.js';
import type { Tensor, TensorOrScalar } from '../core/tensor.js';
import { fromTypedArray } from './allocate.js';

/** A 0-d tensor holding a JavaScript number on `device`. */
export function scalarTensor(value: number | boolean, dtype: DType, device: string): Tensor {
  const data = new typedArrayConstructors[dtype](1);
  data[0] = Number(value);
  return fromTypedArray(data, [], dtype, device);
}

export function isScalar(value: TensorOrScalar): value is number | boolean {
  return typeof value === 'number' || typeof value === 'boolean';
}
