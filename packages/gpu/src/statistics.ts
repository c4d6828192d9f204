import { webgpuBackend } from './init.js';

/** Counters of the webgpu device since `init()` (dispatches, submits, compiled pipelines) and its memory. */
export interface WebGPUStatistics {
  /** Compute dispatches encoded. */
  dispatches: number;
  /** Command buffers submitted (dispatches are batched into shared encoders). */
  submits: number;
  /** Pipelines compiled synchronously at their first dispatch (each distinct kernel source once). */
  compiles: number;
  /** Pipelines compiled ahead of their first dispatch (createComputePipelineAsync). */
  asyncCompiles: number;
  /** Bytes of GPU buffers held now: tensors, pooled buffers, readback staging and parameters. */
  bytesOnDevice: number;
  /** The most `bytesOnDevice` has been since `init()` or `resetPeakBytes()`. */
  peakBytesOnDevice: number;
  /** Dispatches per kernel (its label, e.g. `conv2d forward bias`, `adam`, `binary mul`). */
  dispatchesByKernel: Record<string, number>;
}

/**
 * A snapshot of the webgpu device's counters, or null before `init()`. Differences of two snapshots
 * count what a piece of code dispatched, e.g. the dispatches and submits of one training step.
 * @example
 * const before = statistics()!;
 * trainingStep();
 * console.log(statistics()!.dispatches - before.dispatches, 'dispatches per step');
 */
export function statistics(): WebGPUStatistics | null {
  const runtime = webgpuBackend()?.runtime;
  if (!runtime) return null;
  // ops recorded for fusion count once their kernel is encoded: encode it now, so a snapshot sees them
  runtime.materialiseDeferred();
  return {
    ...runtime.statistics,
    bytesOnDevice: runtime.deviceBytes.live,
    peakBytesOnDevice: runtime.deviceBytes.peak,
    dispatchesByKernel: Object.fromEntries(runtime.dispatchesByKernel),
  };
}

/**
 * Starts a new peak of `statistics().peakBytesOnDevice` from the bytes held now (to measure the
 * peak of one workload).
 * @example
 * resetPeakBytes();
 * trainingStep();
 * console.log(statistics()!.peakBytesOnDevice);
 */
export function resetPeakBytes(): void {
  webgpuBackend()?.runtime.deviceBytes.resetPeak();
}
