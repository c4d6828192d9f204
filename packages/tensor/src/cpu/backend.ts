import type { Backend, BackendBuffer, TensorView } from '../core/backend.js';
import { allocateTypedArray, type DType, type TypedArray } from '../core/dtype.js';
import { philoxUniform } from '../random/philox.js';
import { binary, unary, where } from './kernels/elementwise.js';
import { gather, scatter } from './kernels/indexing.js';
import { matmul } from './kernels/matmul.js';
import { cumsum, reduce } from './kernels/reduce.js';
import { fold, unfold } from './kernels/window.js';

/** The reference backend: buffers are typed arrays, kernels are plain TypeScript (+ WebAssembly sgemm). */
export const cpuBackend: Backend = {
  device: 'cpu',
  garbageCollected: true,
  allocate: (dtype: DType, size: number) => allocateTypedArray(dtype, size),
  free: () => {
    // typed arrays belong to the JavaScript heap; dropping the reference is the free
  },
  write: (buffer: BackendBuffer, data: TypedArray) => (buffer as TypedArray).set(data),
  read: async (buffer, dtype, offset, size) => copyRange(buffer, offset, size),
  readSync: (buffer, dtype, offset, size) => copyRange(buffer, offset, size),
  unary,
  binary,
  where,
  reduce,
  cumsum,
  matmul,
  unfold,
  fold,
  gather,
  scatter,
  uniform: (out: TensorView, seed: bigint, offset: bigint) => {
    const data = out.buffer as Float32Array;
    philoxUniform(data.subarray(out.offset, out.offset + out.shape.reduce((a, b) => a * b, 1)), seed, offset);
  },
};

function copyRange(buffer: BackendBuffer, offset: number, size: number): TypedArray {
  return (buffer as TypedArray).slice(offset, offset + size);
}
