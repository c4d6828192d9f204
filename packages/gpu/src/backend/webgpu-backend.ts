import type { Backend, BackendBuffer, DType, TensorView, TypedArray } from '@dl/tensor';
import { binaryExpression, unaryExpression } from '../kernels/elementwise-expressions.js';
import { runAdam } from '../kernels/adam-kernel.js';
import { convolutionKernels } from '../kernels/convolution-kernels.js';
import { runCumsum } from '../kernels/cumsum-kernel.js';
import { runGather, runScatter } from '../kernels/indexing-kernels.js';
import { runMaxPool2dGradient } from '../kernels/max-pool-gradient-kernel.js';
import { runMaxPool2dIndices } from '../kernels/max-pool-indices-kernel.js';
import { runUniform } from '../kernels/philox-kernel.js';
import { recurrenceKernels } from '../kernels/recurrence-kernels.js';
import { runReluGradient } from '../kernels/relu-gradient-kernel.js';
import { runScaledBernoulli } from '../kernels/scaled-bernoulli-kernel.js';
import { runSortIndices } from '../kernels/sort-indices-kernel.js';
import { runSumAxes } from '../kernels/sum-axes-kernel.js';
import { runFold, runUnfold } from '../kernels/window-kernels.js';
import { halfUnsupported, truthy } from '../kernels/wgsl-types.js';
import { refusingHalf } from './refuse-half.js';
import { ElementwiseFusion } from '../fusion/elementwise-fusion.js';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { assertGpuDType, GpuTensorBuffer, gpuBytes } from './gpu-tensor-buffer.js';
import { readBuffer, writeBuffer } from './transfer.js';

/** The webgpu backend also exposes its runtime (pools, pipeline cache, batching) to tests and tools. */
export interface WebGPUBackend extends Backend {
  readonly runtime: GpuRuntime;
}

function asGpuBuffer(operation: string, buffer: BackendBuffer): GpuTensorBuffer {
  if (!(buffer instanceof GpuTensorBuffer)) throw new Error(`webgpu ${operation}: the buffer does not belong to the webgpu device`);
  return buffer;
}

/** Implements @dl/tensor's backend contract on one GPUDevice. */
export function createWebGPUBackend(runtime: GpuRuntime): WebGPUBackend {
  const maximumBytes = Math.min(runtime.device.limits.maxStorageBufferBindingSize, runtime.device.limits.maxBufferSize);
  // elementwise ops and matmuls go through here: deferred and fused unless `runtime.fuse` is off
  const fusion = new ElementwiseFusion(runtime);
  return {
    device: 'webgpu',
    runtime,

    allocate(dtype: DType, size: number): BackendBuffer {
      assertGpuDType('allocate', dtype);
      const bytes = gpuBytes(dtype, size);
      if (bytes > maximumBytes)
        throw new Error(
          `webgpu allocate: ${size} ${dtype} elements (${bytes} bytes) exceed this device's largest storage buffer (${maximumBytes} bytes)`,
        );
      return new GpuTensorBuffer(runtime.storagePool.acquire(bytes), dtype, size);
    },

    free(buffer: BackendBuffer): void {
      const owned = asGpuBuffer('free', buffer);
      if (owned.released) return;
      // a pending kernel that reads it is encoded first (a pending one that writes it just skips it)
      fusion.beforeFree(owned);
      owned.released = true;
      // commands already encoded may still read or write it: pool it only once they are submitted
      runtime.whenSubmitted(() => runtime.storagePool.release(owned.buffer));
    },

    write: (buffer: BackendBuffer, data: TypedArray) => {
      const target = asGpuBuffer('write', buffer);
      fusion.beforeWrite(target);
      writeBuffer(runtime, target, data);
    },
    // readBuffer encodes its copy (so the pending work first) and submits
    read: (buffer, dtype, offset, size) => readBuffer(runtime, asGpuBuffer('read', buffer), dtype, offset, size),
    pooledBytes: () => runtime.pooledBytes,
    emptyPool: () => runtime.trimPools(),

    unary(op, x: TensorView, out: TensorView) {
      fusion.elementwise({ label: `unary ${op}`, inputs: [x], output: out, compute: ([value]) => unaryExpression(op, value!) });
    },
    binary(op, a, b, out) {
      fusion.elementwise({
        label: `binary ${op}`,
        inputs: [a, b],
        output: out,
        compute: ([left, right]) => binaryExpression(op, left!, right!),
      });
    },
    where(condition, a, b, out) {
      fusion.elementwise({
        label: 'where',
        inputs: [condition, a, b],
        output: out,
        compute: ([mask, left, right]) => ({ code: `select(${right!.code}, ${left!.code}, ${truthy(mask!)})`, type: left!.type }),
      });
    },
    reduce: (op, x, out) => {
      if (x.dtype === 'float16') throw new Error(halfUnsupported(`reduce ${op}`));
      fusion.reduce(op, x, out);
    },
    cumsum: refusingHalf<Backend['cumsum']>('cumsum', (x, out) => runCumsum(runtime, x, out)),
    matmul: (a, b, out, shape) => fusion.matmul(a, b, out, shape),
    unfold: refusingHalf<Backend['unfold']>('unfold', (x, out, geometry) => runUnfold(runtime, x, out, geometry)),
    fold: refusingHalf<Backend['fold']>('fold', (x, out, geometry) => runFold(runtime, x, out, geometry)),
    gather: refusingHalf<Backend['gather']>('gather', (x, index, out, axis) => runGather(runtime, x, index, out, axis)),
    scatter: refusingHalf<Backend['scatter']>('scatter', (out, index, source, axis, mode) =>
      runScatter(runtime, out, index, source, axis, mode),
    ),
    uniform: refusingHalf<Backend['uniform']>('uniform', (out, seed, offset) => runUniform(runtime, out, seed, offset)),
    fused: refusingHalf<Backend['fused']>('fused', {
      adam: (parameter, gradient, expAvg, expAvgSq, maxExpAvgSq, options) =>
        runAdam(runtime, parameter, gradient, expAvg, expAvgSq, maxExpAvgSq, options),
      conv2d: convolutionKernels(runtime, (x, weight, bias, out, geometry) => fusion.convolutionForward(x, weight, bias, out, geometry)),
      maxPool2dIndices: (x, indices, geometry, values) => runMaxPool2dIndices(runtime, x, indices, geometry, values),
      maxPool2dGradient: (gradient, indices, geometry, out) => runMaxPool2dGradient(runtime, gradient, indices, geometry, out),
      reluGradient: (gradient, output, out) => runReluGradient(runtime, gradient, output, out),
      scaledBernoulli: (out, seed, offset, probability, scale) => runScaledBernoulli(runtime, out, seed, offset, probability, scale),
      sortIndices: (x, out, descending) => runSortIndices(runtime, x, out, descending),
      sumAxes: (x, out, axes) => runSumAxes(runtime, x, out, axes),
      recurrence: recurrenceKernels(runtime),
    }),
  };
}
