/** The part of a worker the pool uses, the same for Node's worker_threads and web workers. */
export interface WorkerPort {
  postMessage(message: unknown): void;
  onMessage(listener: (message: any) => void): void;
  terminate(): Promise<void>;
}

/**
 * Starts a module worker: a `worker_threads` Worker in Node (loaded lazily, so browser bundles never
 * see `node:` imports), a module Web Worker elsewhere. `data` reaches the worker as its start message.
 */
export async function spawnWorker(entry: URL, data: unknown): Promise<WorkerPort> {
  const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
  if (isNode) {
    const { Worker } = await import('node:worker_threads');
    const worker = new Worker(entry, { workerData: data });
    worker.unref();
    let failure: ((error: Error) => void) | undefined;
    worker.on('error', (error: Error) => failure?.(error));
    return {
      postMessage: (message) => worker.postMessage(message),
      onMessage: (listener) => {
        worker.on('message', listener);
        failure = (error) => listener({ id: -1, error: error.message });
      },
      terminate: async () => {
        await worker.terminate();
      },
    };
  }
  const worker = new Worker(entry, { type: 'module' });
  worker.postMessage({ start: data });
  return {
    postMessage: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.addEventListener('message', (event) => listener(event.data)),
    terminate: async () => worker.terminate(),
  };
}
