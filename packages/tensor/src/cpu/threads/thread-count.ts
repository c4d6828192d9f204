import { refuseArgumentsPast } from '../../core/options.js';
import { threadSupport } from './thread-support.js';

/**
 * The number of threads the CPU kernels may use (PyTorch's torch.set_num_threads): by default one per
 * core, as in torch. Only work large enough to pay for waking a helper is split (product-parts.ts,
 * convolution.ts); the rest runs on the calling thread whatever this says.
 */
let requested = threadSupport().cores;
/** Why helper threads asked for could not start or stopped (the kernels then run on one thread), until the next change. */
let failure: string | null = null;
const listeners: (() => void)[] = [];

/**
 * Sets how many threads the CPU backend's matrix products, convolutions and large elementwise
 * kernels may use (torch.set_num_threads). Results are bit-identical for any number: each thread
 * computes whole columns (or rows) of a product, whole images of a convolution or a run of elements,
 * and a convolution's weight gradient is summed over a fixed cut of the batch whatever the number of
 * threads. Where threads are unavailable (see `threadsUnavailableReason()`) the kernels keep running
 * on the calling thread.
 * @example
 * setNumThreads(2); // both cores of a two-core machine
 */
export function setNumThreads(threads: number): void {
  if (arguments.length > 1) refuseArgumentsPast('setNumThreads', ['threads'], arguments);
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`setNumThreads: threads must be an integer ≥ 1, got ${String(threads)}`);
  if (threads === requested) return;
  requested = threads;
  failure = null;
  for (const listener of listeners) listener();
}

/**
 * The number of threads the CPU backend's matrix products and convolutions use: what `setNumThreads` asked for, or 1
 * where threads are unavailable (torch.get_num_threads).
 * @example
 * getNumThreads(); // the number of cores, until setNumThreads(n)
 */
export function getNumThreads(): number {
  if (arguments.length > 0) refuseArgumentsPast('getNumThreads', [], arguments);
  return threadSupport().available && failure === null ? requested : 1;
}

/**
 * Why the CPU backend runs on one thread whatever `setNumThreads` says (no SharedArrayBuffer, a
 * browser, helper threads that failed to start or stopped after a failure), or null where threads are
 * available.
 * @example
 * threadsUnavailableReason(); // null in Node
 */
export function threadsUnavailableReason(): string | null {
  if (arguments.length > 0) refuseArgumentsPast('threadsUnavailableReason', [], arguments);
  return threadSupport().reason ?? failure;
}

/** Internal: helper threads failed (`reason` says how); the kernels run on one thread until setNumThreads changes. */
export function reportThreadFailure(reason: string): void {
  failure = reason;
}

/** Internal: runs `listener` whenever the requested number of threads changes. */
export function onThreadCountChange(listener: () => void): void {
  listeners.push(listener);
}
