import type { FusedKernels } from '../core/backend.js';
import { cpuBackend } from './backend.js';

/**
 * Runs `run` with one of the CPU backend's fused kernels switched off, so that the composite reference
 * runs instead — for tests that compare the two paths.
 * @example
 * const reference = withoutFused('maxPool2dIndices', () => maxPool2d(x, 2));
 */
export function withoutFused<T>(kernel: keyof FusedKernels, run: () => T): T {
  const fused = cpuBackend.fused as Record<string, unknown>;
  const saved = fused[kernel];
  delete fused[kernel];
  try {
    return run();
  } finally {
    fused[kernel] = saved;
  }
}
