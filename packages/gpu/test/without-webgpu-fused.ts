import type { FusedKernels } from '@dl/tensor';
import { webgpuBackend } from '../src/index.js';

/**
 * Runs `run` with some of the webgpu backend's fused kernels switched off, so the composite reference
 * runs on the GPU instead: what each fused kernel is tested against (as @dl/tensor's `withoutFused`
 * does for the CPU).
 */
export function withoutWebGPUFused<T>(kernels: keyof FusedKernels | (keyof FusedKernels)[], run: () => T): T {
  const backend = webgpuBackend();
  if (!backend?.fused) throw new Error('withoutWebGPUFused: init() the webgpu backend first');
  const fused = backend.fused as Record<string, unknown>;
  const names = Array.isArray(kernels) ? kernels : [kernels];
  const saved = names.map((name) => fused[name]);
  for (const name of names) delete fused[name];
  try {
    return run();
  } finally {
    names.forEach((name, index) => (fused[name] = saved[index]));
  }
}
