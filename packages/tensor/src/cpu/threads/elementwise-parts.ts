import { type CallFrame, kernelPool } from '../wasm/instance.js';
import { partRanges } from './part-ranges.js';
import type { HelperKernel, WorkerPool } from './worker-pool.js';

/**
 * Below this many elements an elementwise kernel stays on the calling thread: waking a helper costs
 * ≈ 10–20 µs, and a four-lane pass over 2¹⁸ floats (1 MiB) takes ≈ 50–100 µs.
 */
export const ELEMENTWISE_MINIMUM_FOR_THREADS = 2 ** 18;
/** Parts start on whole four-lane vectors. */
const LANES = 4;

/**
 * The helper threads for an elementwise kernel over `count` elements, or null. Asked before the call's
 * `CallFrame` is made: starting helpers may move the kernels to a shared memory.
 */
export function elementwisePool(count: number): WorkerPool | null {
  return count >= ELEMENTWISE_MINIMUM_FOR_THREADS ? kernelPool() : null;
}

/**
 * Runs an elementwise kernel of the module over `count` elements, cut into one contiguous part per
 * thread of `pool` (from `elementwisePool`): `argumentsOf(first, size)` gives the kernel's arguments
 * for elements [first, first + size). Every element is computed by the same instructions whichever
 * thread takes it, so the result is bit-identical for any number of threads.
 */
export function runElementwise(
  kernel: HelperKernel,
  count: number,
  frame: CallFrame,
  pool: WorkerPool | null,
  argumentsOf: (first: number, size: number) => readonly number[],
): void {
  runInParts(kernel, count, LANES, frame, pool, argumentsOf);
}

/**
 * Runs a kernel of the module over `count` independent items (elements, rows, channels), one contiguous
 * part per thread of `pool`, each part starting on a multiple of `granule`: `argumentsOf(first, size)`
 * gives the kernel's arguments for items [first, first + size). Without a pool, or when the call is not
 * laid out in the shared memory the helpers see, the whole call runs on this thread.
 */
export function runInParts(
  kernel: HelperKernel,
  count: number,
  granule: number,
  frame: CallFrame,
  pool: WorkerPool | null,
  argumentsOf: (first: number, size: number) => readonly number[],
): void {
  const run = frame.exports[kernel] as (...values: number[]) => void;
  // helpers see only the shared memory: a call laid out elsewhere stays on this thread
  if (pool === null || !frame.shared) {
    run(...argumentsOf(0, count));
    return;
  }
  const parts = partRanges(count, pool.helpers + 1, granule);
  const [first, end] = parts[0]!;
  pool.run(
    parts.slice(1).map(([partFirst, partEnd]) => ({ kernel, arguments: argumentsOf(partFirst, partEnd - partFirst) })),
    () => run(...argumentsOf(first, end - first)),
  );
}
