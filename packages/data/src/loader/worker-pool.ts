import { decodeTransfer } from './transfer.js';
import { spawnWorker, type WorkerPort } from './spawn-worker.js';

/** Where the worker script lives: `worker-entry.js` next to this package's built modules. */
export const defaultWorkerEntry = (): URL => new URL('./loader/worker-entry.js', workerBase());

let workerBaseOverride: URL | string | undefined;
/** Tests and unusual bundles: the folder holding `loader/worker-entry.js`. */
export function setWorkerBase(base: URL | string): void {
  workerBaseOverride = base;
}
function workerBase(): URL | string {
  // built: this code sits in a file directly under dist/, beside dist/loader/worker-entry.js
  return workerBaseOverride ?? new URL('./', import.meta.url);
}

interface Job {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * `size` workers, each with its own copy of the dataset (built by the module's `createDataset`);
 * index batches go round-robin, results come back in any order and are matched by id.
 */
export class WorkerPool {
  private readonly jobs = new Map<number, Job>();
  private nextId = 0;
  private nextWorker = 0;

  private constructor(private readonly workers: WorkerPort[]) {
    for (const worker of workers)
      worker.onMessage((message: { id: number; batch?: unknown; error?: string }) => {
        const job = this.jobs.get(message.id);
        if (!job) return;
        this.jobs.delete(message.id);
        if (message.error !== undefined) job.reject(new Error(`DataLoader worker: ${message.error}`));
        else job.resolve(decodeTransfer(message.batch));
      });
  }

  static async start(size: number, datasetModule: string | URL, datasetArguments: unknown[], collate: boolean): Promise<WorkerPool> {
    const workers = await Promise.all(
      Array.from({ length: size }, (_, workerId) =>
        spawnWorker(defaultWorkerEntry(), { datasetModule: String(datasetModule), datasetArguments, collate, workerId }),
      ),
    );
    return new WorkerPool(workers);
  }

  /** Loads the items at `indices` in the next worker; collated there when `batched`. */
  load(indices: number[], batched: boolean): Promise<unknown> {
    const id = this.nextId++;
    const worker = this.workers[this.nextWorker++ % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.jobs.set(id, { resolve, reject });
      worker.postMessage({ id, indices, batched });
    });
  }

  async close(): Promise<void> {
    for (const job of this.jobs.values()) job.reject(new Error('DataLoader worker pool closed'));
    this.jobs.clear();
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
