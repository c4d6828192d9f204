import { kernelPool } from '../wasm/instance.js';
import type { HelperKernel } from './worker-pool.js';

/**
 * Below this many elements an elementwise kernel stays on the calling thread: waking a helper costs
 * ≈ 10–20 µs, and a four-lane pass over 2¹⁸ floats (1 MiB) takes ≈ 50–100 µs.
 */
export const ELEMENTWISE_MINIMUM_FOR_THREADS = 2 ** 18;
/** Parts start on whole four-lane vectors. */
const LANES = 4;

/**
 * Runs an elementwise kernel of the module over `count` elements, cut into one contiguous part per
 * thread when there are enough: `argumentsOf(first, size)` gives the kernel's arguments for elements
 * [first, first + size). Every element is computed by the same instructions whichever thread takes
 * it, so the result is bit-identical for any number of threads.
 */
export function runElementwise(
  kernel: HelperKernel,
  count: number,
  exports: object,
  argumentsOf: (first: number, size: number) => readonly number[],
): void {
  const run = exports[kernel as keyof typeof exports] as (...values: number[]) => void;
  const pool = count >= ELEMENTWISE_MINIMUM_FOR_THREADS ? kernelPool() : null;
  if (pool === null) {
    run(...argumentsOf(0, count));
    return;
  }
  const threads = pool.helpers + 1;
  const size = Math.ceil(count / threads / LANES) * LANES;
  const parts: [number, number][] = [];
  for (let first = 0; first < count; first += size) parts.push([first, Math.min(size, count - first)]);
  pool.run(
    parts.slice(1).map(([first, partSize]) => ({ kernel, arguments: argumentsOf(first, partSize) })),
    () => run(...argumentsOf(parts[0]![0], parts[0]![1])),
  );
}
