/**
 * What a DataLoader worker does once connected, the same in worker threads and Web Workers: build
 * the dataset, then answer `{ id, indices, batched }` with the items (collated by `defaultCollate`
 * when asked), tensors sent as typed arrays.
 */
import { defaultCollate } from './collate.js';
import { encodeForTransfer } from './transfer.js';

/** Builds a worker's dataset from `workerDatasetArguments` (sync or async). */
export type CreateDataset = (...args: any[]) => unknown;

export interface WorkerStart {
  /** The module exporting `createDataset()` (the DataLoader's `workerDataset`); absent with `createWorker`. */
  datasetModule?: string;
  datasetArguments: unknown[];
  collate: boolean;
  workerId: number;
}
export interface WorkerRequest {
  id: number;
  indices: number[];
  batched: boolean;
}
export type WorkerReply = (message: unknown, transfer: ArrayBuffer[]) => void;
export type ConnectWorker = (
  start: WorkerStart,
  subscribe: (listener: (request: WorkerRequest) => void) => void,
  reply: WorkerReply,
) => void;

/** The dataset factory a bundled worker module registered with serveDataLoaderWorker(). */
let registeredFactory: CreateDataset | undefined;
export function registerDatasetFactory(createDataset: CreateDataset): void {
  registeredFactory = createDataset;
}

async function datasetFactory(start: WorkerStart): Promise<CreateDataset> {
  if (start.datasetModule === undefined) {
    if (!registeredFactory)
      throw new Error(
        'this worker has no dataset: its module must call serveDataLoaderWorker(createDataset) from @dl/data/worker at its top level',
      );
    return registeredFactory;
  }
  // a runtime URL (the user's module), never something for a bundler to follow
  const module = await import(/* @vite-ignore */ start.datasetModule);
  if (typeof module.createDataset !== 'function') throw new Error(`${start.datasetModule} does not export createDataset()`);
  return module.createDataset;
}

async function serve(
  start: WorkerStart,
  onRequest: (handler: (request: WorkerRequest) => void) => void,
  reply: WorkerReply,
): Promise<void> {
  const createDataset = await datasetFactory(start);
  const dataset = (await createDataset(...start.datasetArguments)) as { getItem(index: number): unknown };
  onRequest(async ({ id, indices, batched }) => {
    try {
      const items = await Promise.all(indices.map((index) => dataset.getItem(index)));
      const batch = !batched ? items[0] : start.collate ? defaultCollate(items) : items;
      const transfer: ArrayBuffer[] = [];
      const encoded = encodeForTransfer(batch, transfer);
      reply({ id, batch: encoded }, transfer);
    } catch (error) {
      reply({ id, error: error instanceof Error ? error.message : String(error) }, []);
    }
  });
}

/** Queues requests until the dataset is built; a failed start answers every request with its error. */
export const connectWorker: ConnectWorker = (start, subscribe, reply) => {
  let handler: ((request: WorkerRequest) => void) | undefined;
  let failure: string | undefined;
  const queue: WorkerRequest[] = [];
  subscribe((request) => {
    if (failure !== undefined) reply({ id: request.id, error: failure }, []);
    else if (handler) handler(request);
    else queue.push(request);
  });
  serve(
    start,
    (ready) => {
      handler = ready;
      for (const request of queue.splice(0)) ready(request);
    },
    reply,
  ).catch((error: unknown) => {
    failure = error instanceof Error ? error.message : String(error);
    for (const request of queue.splice(0)) reply({ id: request.id, error: failure }, []);
  });
};
