import { refuseExtraArguments } from '@dl/tensor';
import { spawnWorker } from '#spawn-worker';
import { decodeTransfer } from './transfer.js';
import { workerFailedId, type WorkerPort } from './worker-port.js';

let workerBaseOverride: URL | string | undefined;
/** Tests and unusual bundles: the folder holding `loader/worker-entry.js`. */
export function setWorkerBase(base: URL | string, ...extra: never[]): void {
  if (extra.length > 0) refuseExtraArguments('setWorkerBase', ['base'], extra);
  workerBaseOverride = base;
}
/** The worker script set by setWorkerBase; without it each platform's spawnWorker knows where its built entry is. */
function workerEntryOverride(): URL | undefined {
  return workerBaseOverride === undefined ? undefined : new URL('./loader/worker-entry.js', workerBaseOverride);
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
  /** Set once a worker has died (its script failed to load or threw): no batch can complete after that. */
  private failure: Error | undefined;

  private constructor(private readonly workers: WorkerPort[]) {
    for (const worker of workers)
      worker.onMessage((message: { id: number; batch?: unknown; error?: string }) => {
        if (message.id === workerFailedId) {
          // the failed worker's jobs would never be answered: fail them all rather than wait forever
          this.failure = new Error(`DataLoader worker: ${message.error}`);
          for (const job of this.jobs.values()) job.reject(this.failure);
          this.jobs.clear();
          return;
        }
        const job = this.jobs.get(message.id);
        if (!job) return;
        this.jobs.delete(message.id);
        if (message.error !== undefined) job.reject(new Error(`DataLoader worker: ${message.error}`));
        else job.resolve(decodeTransfer(message.batch));
      });
  }

  /** `datasetModule` is the workerDataset URL; `createWorker` (browsers) starts workers that know their dataset. */
  static async start(
    size: number,
    datasetModule: string | URL | undefined,
    datasetArguments: unknown[],
    collate: boolean,
    createWorker?: () => Worker,
  ): Promise<WorkerPool> {
    const entry = workerEntryOverride();
    const workers = await Promise.all(
      Array.from({ length: size }, (_, workerId) =>
        spawnWorker(
          { datasetModule: datasetModule === undefined ? undefined : String(datasetModule), datasetArguments, collate, workerId },
          { entry, createWorker },
        ),
      ),
    );
    return new this(workers);
  }

  /** Loads the items at `indices` in the next worker; collated there when `batched`. */
  load(indices: number[], batched: boolean): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
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
