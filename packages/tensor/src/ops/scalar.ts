import { getBackend } from '../core/backend.js';
import { typedArrayConstructors, type DType } from '../core/dtype.js';
import { onEmptyCache } from '../core/memory.js';
import { Storage } from '../core/storage.js';
import { Tensor, type TensorOrScalar } from '../core/tensor.js';

// Ops meet the same few numbers over and over (x.mul(0.5), x.add(1)); each becomes one immutable 0-d
// tensor per (dtype, device, value), shared, counted in memory()'s bytesCached. Bounded so odd values
// (an optimizer's per-step bias corrections) cannot grow it forever: when full, it starts over.
const MAXIMUM_CACHED = 1024;
// keyed by "dtype|device", then by the value: no key string is built per call. A Map treats NaN as
// NaN but -0 as 0, so −0 has a key of its own (x / −0 is −∞, copysign(x, −0) negative, as torch's)
type ValueKey = number | 'negative zero';
const cache = new Map<string, Map<ValueKey, Tensor>>();
let cachedCount = 0;

function valuesFor(dtype: DType, device: string): Map<ValueKey, Tensor> {
  const key = `${dtype}|${device}`;
  let values = cache.get(key);
  if (!values) cache.set(key, (values = new Map()));
  return values;
}

// the last (dtype, device) looked up: ops meet one of them almost always
let lastDtype: DType | undefined;
let lastDevice: string | undefined;
let lastValues = new Map<ValueKey, Tensor>();

/** A 0-d tensor holding a JavaScript number on `device` (shared: never write into it). */
export function scalarTensor(value: number | boolean, dtype: DType, device: string): Tensor {
  if (dtype !== lastDtype || device !== lastDevice) {
    lastValues = valuesFor(dtype, device);
    lastDtype = dtype;
    lastDevice = device;
  }
  const scalar = Number(value);
  const key: ValueKey = scalar === 0 && 1 / scalar < 0 ? 'negative zero' : scalar;
  let cached = lastValues.get(key);
  if (!cached) {
    if (cachedCount >= MAXIMUM_CACHED) dropConstants(undefined);
    const data = new typedArrayConstructors[dtype](1);
    data[0] = scalar;
    const storage = Storage.allocate(device, dtype, 1);
    storage.ledger.markCached();
    getBackend(device).write(storage.buffer, data);
    cached = new Tensor(storage, [], [], 0, 'constant');
    lastValues.set(key, cached);
    cachedCount++;
  }
  return cached;
}

/**
 * The cache's references go, on `device` or on all devices: when the cache is full, and at
 * `emptyCache()`, which gives back what caches hold (`memory().bytesCached` is these constants). A
 * constant some tensor still holds (a view, a saved alias) stays alive through that holder's reference.
 */
function dropConstants(device: string | undefined): void {
  for (const [key, values] of cache) {
    if (device !== undefined && !key.endsWith(`|${device}`)) continue;
    for (const constant of values.values()) constant.storage.release();
    cachedCount -= values.size;
    values.clear();
  }
}

onEmptyCache(dropConstants);

export function isScalar(value: TensorOrScalar): value is number | boolean {
  return typeof value === 'number' || typeof value === 'boolean';
}
