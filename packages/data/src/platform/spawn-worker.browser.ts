/**
 * The browser side of `#spawn-worker` (the `browser` and `default` conditions): a module Web Worker.
 * Without `createWorker` it is started with the literal
 * `new Worker(new URL('../loader/worker-entry.js', import.meta.url), { type: 'module' })`, the form
 * Vite recognises and bundles as a worker; esbuild and Rollup copy no workers, so their users pass
 * `createWorker` (docs/browser.md).
 */
import { workerFailedId, type SpawnWorkerOptions, type WorkerPort } from '../loader/worker-port.js';

/** Starts a module Web Worker; `data` reaches it as its first message, `{ start: data }`. */
export async function spawnWorker(data: unknown, options: SpawnWorkerOptions): Promise<WorkerPort> {
  const worker = options.createWorker
    ? options.createWorker()
    : options.entry
      ? new Worker(options.entry, { type: 'module' })
      : new Worker(new URL('../loader/worker-entry.js', import.meta.url), { type: 'module' });
  if (!worker || typeof worker.postMessage !== 'function')
    throw new Error(`DataLoader: createWorker must return a Worker, got ${Object.prototype.toString.call(worker)}`);
  let failure: ((message: string) => void) | undefined;
  // a script that fails to load or throws at its top level reports here, not as a message
  worker.addEventListener('error', (event) => failure?.(event.message || 'the worker script failed to load'));
  worker.postMessage({ start: data });
  return {
    postMessage: (message) => worker.postMessage(message),
    onMessage: (listener) => {
      worker.addEventListener('message', (event) => listener(event.data));
      failure = (message) => listener({ id: workerFailedId, error: message });
    },
    terminate: async () => worker.terminate(),
  };
}
