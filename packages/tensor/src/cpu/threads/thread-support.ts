import { nodeBuiltin } from '../../core/node-builtin.js';

/**
 * Whether this JavaScript environment can run the CPU kernels on several threads, and if not, why.
 *
 * The threads share one `WebAssembly.Memory`, so they need SharedArrayBuffer. Node (its main thread and
 * worker threads) has it. A browser gives it only to a cross-origin isolated page (served with
 * `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`), and
 * its workers; helpers there are `Worker`s from a `blob:` URL (see helper-host.ts).
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

interface BrowserGlobals {
  crossOriginIsolated?: boolean;
  Worker?: unknown;
  navigator?: { hardwareConcurrency?: number };
}

function detectThreadSupport(): ThreadSupport {
  const os = nodeBuiltin<{ availableParallelism?: () => number; cpus(): unknown[] }>('node:os');
  const browser = globalThis as BrowserGlobals;
  const cores = Math.max(1, os?.availableParallelism?.() ?? os?.cpus().length ?? browser.navigator?.hardwareConcurrency ?? 1);
  const unavailable = (reason: string): ThreadSupport => ({ available: false, reason, cores });
  if (nodeBuiltin('node:worker_threads')) {
    if (typeof SharedArrayBuffer === 'undefined') return unavailable('SharedArrayBuffer is not available in this Node process');
    return { available: true, reason: null, cores };
  }
  if (typeof browser.Worker !== 'function') return unavailable('this environment has neither worker_threads nor Worker');
  if (browser.crossOriginIsolated !== true || typeof SharedArrayBuffer === 'undefined')
    return unavailable(
      'the page is not cross-origin isolated, so it has no SharedArrayBuffer: serve it with the headers ' +
        '`Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`',
    );
  return { available: true, reason: null, cores };
}
