import type { FusedKernels } from '@dl/tensor';
import { webgpuBackend } from '../src/index.js';

/**
 * Runs `run` with one of the webgpu backend's fused kernels switched off, so the composite reference
 * runs on the GPU instead: what each fused kernel is tested against (as @dl/tensor's `withoutFused`
 * does for the CPU).
 */
export function withoutWebGPUFused<T>(kernel: keyof FusedKernels, run: () => T): T {
  const backend = webgpuBackend();
  if (!backend?.fused) throw new Error('withoutWebGPUFused: init() the webgpu backend first');
  const fused = backend.fused as Record<string, unknown>;
  const saved = fused[kernel];
  delete fused[kernel];
  try {
    return run();
  } finally {
    fused[kernel] = saved;
  }
}
