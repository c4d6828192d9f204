import { threadSupport } from './thread-support.js';

/**
 * The number of threads the CPU kernels may use (PyTorch's torch.set_num_threads). 1 until set:
 * matrix products are the only kernels split so far, so the default stays one thread until
 * convolutions and the large elementwise kernels are split too (then it becomes the number of cores).
 */
let requested = 1;
const listeners: (() => void)[] = [];

/**
 * Sets how many threads the CPU backend's matrix products may use (torch.set_num_threads). Results
 * are bit-identical for any number: each thread computes whole columns (or rows) of the product with
 * the same sums in the same order. Where threads are unavailable (see `threadsUnavailableReason()`)
 * the kernels keep running on the calling thread.
 * @example
 * setNumThreads(2); // both cores of a two-core machine
 */
export function setNumThreads(threads: number): void {
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`setNumThreads: threads must be an integer ≥ 1, got ${String(threads)}`);
  if (threads === requested) return;
  requested = threads;
  for (const listener of listeners) listener();
}

/**
 * The number of threads the CPU backend's matrix products use: what `setNumThreads` asked for, or 1
 * where threads are unavailable (torch.get_num_threads).
 * @example
 * getNumThreads(); // 1 until setNumThreads(n)
 */
export function getNumThreads(): number {
  return threadSupport().available ? requested : 1;
}

/**
 * Why the CPU backend runs on one thread whatever `setNumThreads` says (no SharedArrayBuffer, a
 * browser), or null where threads are available.
 * @example
 * threadsUnavailableReason(); // null in Node
 */
export function threadsUnavailableReason(): string | null {
  return threadSupport().reason;
}

/** Internal: runs `listener` whenever the requested number of threads changes. */
export function onThreadCountChange(listener: () => void): void {
  listeners.push(listener);
}
