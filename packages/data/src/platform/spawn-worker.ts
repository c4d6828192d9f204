/// <reference types="node" />
/**
 * Node's side of `#spawn-worker` (the `node` condition of package.json's `imports`): a
 * `worker_threads` Worker running the built `loader/worker-entry.js`. Browser bundles get
 * spawn-worker.browser.ts instead and never see `node:worker_threads`.
 */
import { workerFailedId, type SpawnWorkerOptions, type WorkerPort } from '../loader/worker-port.js';

/** Starts a module worker; `data` reaches it as `workerData`. */
export async function spawnWorker(data: unknown, options: SpawnWorkerOptions): Promise<WorkerPort> {
  if (options.createWorker)
    throw new Error(
      'DataLoader: createWorker makes browser Web Workers; in Node, pass workerDataset (the URL of a module exporting createDataset())',
    );
  const { Worker } = await import('node:worker_threads');
  // built: this file is dist/platform/spawn-worker.js, beside dist/loader/
  const worker = new Worker(options.entry ?? new URL('../loader/worker-entry.js', import.meta.url), { workerData: data });
  worker.unref();
  let failure: ((error: Error) => void) | undefined;
  worker.on('error', (error: Error) => failure?.(error));
  return {
    postMessage: (message) => worker.postMessage(message),
    onMessage: (listener) => {
      worker.on('message', listener);
      failure = (error) => listener({ id: workerFailedId, error: error.message });
    },
    terminate: async () => {
      await worker.terminate();
    },
  };
}
