import { nodeBuiltin } from '../../core/node-builtin.js';

/**
 * Whether this JavaScript environment can run the CPU kernels on several threads, and if not, why.
 *
 * The threads share one `WebAssembly.Memory`, so they need SharedArrayBuffer, and the calling thread
 * waits for its helpers with `Atomics.wait`, so it must be allowed to block. Node (its main thread and
 * worker threads) has both. Browsers are not supported yet: a page's main thread may not block, and a
 * worker started while its parent blocks never runs, so helpers would have to be started ahead of use.
 */
export interface ThreadSupport {
  available: boolean;
  /** Why the kernels run on one thread only; null when threads are available. */
  reason: string | null;
  /** Cores the environment reports (`os.availableParallelism()` in Node), at least 1. */
  cores: number;
}

let support: ThreadSupport | undefined;

export function threadSupport(): ThreadSupport {
  support ??= detectThreadSupport();
  return support;
}

function detectThreadSupport(): ThreadSupport {
  const os = nodeBuiltin<{ availableParallelism?: () => number; cpus(): unknown[] }>('node:os');
  const cores = Math.max(1, os?.availableParallelism?.() ?? os?.cpus().length ?? 1);
  const unavailable = (reason: string): ThreadSupport => ({ available: false, reason, cores });
  if (typeof SharedArrayBuffer === 'undefined')
    return unavailable('SharedArrayBuffer is not available (a browser page needs cross-origin isolation: COOP and COEP headers)');
  if (!nodeBuiltin('node:worker_threads'))
    return unavailable(
      'threads run in Node only for now (browsers: a page may not block on Atomics.wait, and helpers would have to start ahead of use)',
    );
  return { available: true, reason: null, cores };
}
