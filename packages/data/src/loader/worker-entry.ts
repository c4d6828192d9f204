/**
 * The script each DataLoader worker runs (`@dl/data/worker`). Started by the DataLoader itself, it
 * imports the `workerDataset` module and builds the dataset with its `createDataset(...args)`. In a
 * bundled page, a worker module of your own can import it instead and name the dataset directly:
 * @example
 * // dataset-worker.ts, started by `createWorker: () => new Worker(new URL('./dataset-worker.ts', import.meta.url), { type: 'module' })`
 * import { serveDataLoaderWorker } from '@dl/data/worker';
 * import { MnistDataset } from '@dl/data';
 * serveDataLoaderWorker(() => MnistDataset.load());
 */
import { connectToParent } from '#worker-host';
import { connectWorker, registerDatasetFactory, type CreateDataset } from './worker-connection.js';

/**
 * Serves a DataLoader from this worker with the dataset `createDataset(...workerDatasetArguments)`
 * builds (sync or async). Call it at the top level of a worker module that the DataLoader's
 * `createWorker` option starts; the worker then needs no `workerDataset` module URL.
 */
export function serveDataLoaderWorker(createDataset: CreateDataset): void {
  if (typeof createDataset !== 'function')
    throw new Error(`serveDataLoaderWorker: createDataset must be a function, got ${typeof createDataset}`);
  registerDatasetFactory(createDataset);
}

connectToParent(connectWorker);
