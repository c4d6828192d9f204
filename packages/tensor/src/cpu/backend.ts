import type { Backend, BackendBuffer, TensorView } from '../core/backend.js';
import { dtypeOfTypedArray, type DType, type TypedArray } from '../core/dtype.js';
import { countersFor } from '../core/memory.js';
import { BufferPool } from './buffer-pool.js';
import { adam } from './kernels/adam.js';
import { conv2dKernels } from './kernels/convolution.js';
import { binary, unary, where } from './kernels/elementwise.js';
import { gather, scatter } from './kernels/indexing.js';
import { logSoftmax, logSoftmaxGradient } from './kernels/log-softmax.js';
import { maxPool2dIndices } from './kernels/max-pool-indices.js';
import { nllLoss } from './kernels/nll-loss.js';
import { sortIndices } from './kernels/sort-indices.js';
import { philoxUniformWasm } from './kernels/philox-wasm.js';
import { matmul } from './kernels/matmul.js';
import { cumsum, reduce } from './kernels/reduce.js';
import { reluGradient } from './kernels/relu-gradient.js';
import { recurrenceKernels } from './kernels/recurrence.js';
import { scaledBernoulli } from './kernels/scaled-bernoulli.js';
import { normal } from './kernels/normal.js';
import { uniformRange } from './kernels/uniform-range.js';
import { sumAxes } from './kernels/sum-axes.js';
import { fold, unfold } from './kernels/window.js';
import { adoptResident, allocateResident, isResident, residentPooledBytes } from './resident.js';
import { releaseKernelMemory } from './wasm/instance.js';

/** Freed typed arrays wait here for the next allocation of the same size. */
const pool = new BufferPool();
/** The CPU's `memory()` counters: their bytes in use bound the pool (see BufferPool). */
const counters = countersFor('cpu');

function allocate(dtype: DType, size: number): TypedArray {
  if (dtype === 'float16')
    throw new Error(
      `cpu allocate: float16 tensors (${size} elements) live on the webgpu device only, as f16 storage with ` +
        "float32 arithmetic; keep them there, or cast with .float() before moving them to 'cpu'",
    );
  const array = (dtype === 'float32' ? allocateResident(size) : null) ?? pool.take(dtype, size);
  pool.noteBytesInUse(counters.bytesInUse + array.byteLength);
  return array;
}

/**
 * The reference backend: buffers are typed arrays (large float32 ones views of the WebAssembly kernels'
 * memory where it is shared, resident.ts), kernels are plain TypeScript and WebAssembly.
 */
export const cpuBackend: Backend = {
  device: 'cpu',
  garbageCollected: true,
  allocate,
  free: (buffer: BackendBuffer) => {
    const array = buffer as TypedArray;
    // a resident array's region goes back through its ledger (StorageLedger.freed)
    if (!isResident(array)) pool.give(array, dtypeOfTypedArray(array)!);
  },
  adopt: adoptResident,
  pooledBytes: () => pool.bytes + residentPooledBytes(),
  emptyPool: () => {
    pool.clear();
    releaseKernelMemory();
  },
  fused: {
    adam,
    conv2d: conv2dKernels,
    logSoftmax,
    logSoftmaxGradient,
    maxPool2dIndices,
    nllLoss,
    reluGradient,
    scaledBernoulli,
    normal,
    uniformRange,
    sumAxes,
    sortIndices,
    recurrence: recurrenceKernels,
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
  // philoxUniform's numbers, from the WebAssembly module (random/philox.ts is the reference)
  uniform: (out: TensorView, seed: bigint, offset: bigint) =>
    philoxUniformWasm(
      out.buffer as Float32Array | Float64Array,
      out.offset,
      out.shape.reduce((a, b) => a * b, 1),
      seed,
      offset,
    ),
};

function copyRange(buffer: BackendBuffer, offset: number, size: number): TypedArray {
  return (buffer as TypedArray).slice(offset, offset + size);
}
