import { nodeBuiltin } from '../../core/node-builtin.js';
import { browserWorkerSource, nodeWorkerSource } from './worker-source.js';

/** What a helper thread is given: the kernels' module, the shared memory, and its slot of the control array. */
export interface HelperData {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  slot: number;
  slotSize: number;
  kernelNames: readonly string[];
}

/** How this JavaScript environment runs helper threads. */
export interface HelperHost {
  /** Starts a helper on `data`; throws if the environment refuses. */
  start(data: HelperData): { stop(): void };
  /** Whether a started helper runs while its creator blocks, so the creator may wait for it to start (Node). */
  startsAtOnce: boolean;
  /** Whether the calling thread may block in `Atomics.wait` (Node, browser workers; not a page's main thread). */
  canBlock: boolean;
}

interface NodeWorker {
  unref(): void;
  terminate(): Promise<number>;
}
type NodeWorkerConstructor = new (source: string, options: { eval: true; workerData: unknown }) => NodeWorker;

interface BrowserScope {
  Worker: new (url: string) => { postMessage(message: unknown): void; terminate(): void };
  Blob: typeof Blob;
  URL: { createObjectURL(blob: Blob): string };
  WorkerGlobalScope?: abstract new () => unknown;
}

let browserUrl: string | undefined;

/** Node's worker_threads where they exist, else a browser's Worker from a `blob:` URL. */
export function helperHost(): HelperHost {
  const threads = nodeBuiltin<{ Worker: NodeWorkerConstructor }>('node:worker_threads');
  if (threads)
    return {
      startsAtOnce: true,
      canBlock: true,
      start(data) {
        const worker = new threads.Worker(nodeWorkerSource, { eval: true, workerData: data });
        worker.unref();
        return { stop: () => void worker.terminate() };
      },
    };
  const scope = globalThis as unknown as BrowserScope;
  return {
    startsAtOnce: false,
    // a page's main thread may not block; a worker (a DedicatedWorkerGlobalScope) may
    canBlock: typeof scope.WorkerGlobalScope === 'function' && globalThis instanceof scope.WorkerGlobalScope,
    start(data) {
      browserUrl ??= scope.URL.createObjectURL(new scope.Blob([browserWorkerSource], { type: 'text/javascript' }));
      const worker = new scope.Worker(browserUrl);
      // a WebAssembly.Module and a shared memory are cloned into the worker (same-agent-cluster sharing)
      worker.postMessage(data);
      return { stop: () => worker.terminate() };
    },
  };
}
