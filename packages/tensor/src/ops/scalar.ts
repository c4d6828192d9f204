import { getBackend } from '../core/backend.js';
import { typedArrayConstructors, type DType } from '../core/dtype.js';
import { Storage } from '../core/storage.js';
import { Tensor, type TensorOrScalar } from '../core/tensor.js';

// Ops meet the same few numbers over and over (x.mul(0.5), x.add(1)); each becomes one immutable 0-d
// tensor per (dtype, device, value), shared and never freed. Bounded so odd values cannot grow it forever.
const MAXIMUM_CACHED = 1024;
const cache = new Map<string, Tensor>();

/** A 0-d tensor holding a JavaScript number on `device` (shared: never write into it). */
export function scalarTensor(value: number | boolean, dtype: DType, device: string): Tensor {
  const key = `${dtype}|${device}|${Number(value)}`;
  let cached = cache.get(key);
  if (!cached) {
    if (cache.size >= MAXIMUM_CACHED) cache.clear();
    const data = new typedArrayConstructors[dtype](1);
    data[0] = Number(value);
    const storage = Storage.allocate(device, dtype, 1);
    getBackend(device).write(storage.buffer, data);
    cached = new Tensor(storage, [], [], 0, 'constant');
    cache.set(key, cached);
  }
  return cached;
}

export function isScalar(value: TensorOrScalar): value is number | boolean {
  return typeof value === 'number' || typeof value === 'boolean';
}
