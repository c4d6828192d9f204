/**
 * @dl/gpu: the WebGPU backend of @dl. `await init()` adds the `'webgpu'` device.
 * @example
 * import { tensor } from '@dl/tensor';
 * import { init } from '@dl/gpu';
 * await init();
 * const x = tensor([[1, 2], [3, 4]]).to('webgpu');
 * await x.matmul(x).data(); // Float32Array [7, 10, 15, 22]
 * @module @dl/gpu
 */
export {
  init,
  isWebGPUAvailable,
  deviceInfo,
  webgpuBackend,
  trimPool,
  kernelTimes,
  resetKernelTimes,
  type InitOptions,
  type WebGPUDeviceInfo,
} from './init.js';
export type { KernelTime } from './runtime/kernel-timer.js';
export type { AcquireOptions } from './acquire-device.js';
export { statistics, resetPeakBytes, type WebGPUStatistics } from './statistics.js';
export type { RuntimeOptions } from './runtime/gpu-runtime.js';
export { createWebGPUBackend, type WebGPUBackend } from './backend/webgpu-backend.js';
export { GpuRuntime } from './runtime/gpu-runtime.js';
