import { describeValue } from '@dl/tensor';
import type { DataLoaderOptions } from './data-loader.js';

const isPositiveInteger = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value) && value > 0;

/**
 * The option combinations torch 1.13's `DataLoader.__init__` refuses, refused here too (with the
 * camelCase names), so a loader never quietly ignores an option it was given:
 * - batchSize a positive integer or null (BatchSampler's check, which torch also runs for iterable datasets);
 * - dropLast that is not a boolean (BatchSampler's check);
 * - batchSize null (no batching) with dropLast: nothing to drop;
 * - sampler with shuffle;
 * - batchSampler with batchSize (other than 1, torch's default), shuffle, sampler or dropLast;
 * - numWorkers a non-negative integer; prefetchFactor a positive integer (torch asserts > 0);
 * - numWorkers > 0 needs a dataset for the workers (workerDataset or createWorker, not both).
 */
export function checkLoaderOptions<Item, Batch>(options: DataLoaderOptions<Item, Batch>): void {
  const { batchSize, numWorkers, prefetchFactor } = options;
  if (batchSize !== undefined && batchSize !== null && !isPositiveInteger(batchSize))
    throw new Error(`DataLoader: batchSize should be a positive integer value, but got batchSize=${describeValue(batchSize)}`);
  if (options.dropLast !== undefined && typeof options.dropLast !== 'boolean')
    throw new Error(`DataLoader: dropLast should be a boolean value, but got dropLast=${describeValue(options.dropLast)}`);
  if (batchSize === null && options.dropLast)
    throw new Error('DataLoader: batchSize=null option disables auto-batching and is mutually exclusive with dropLast');
  if (options.sampler && options.shuffle) throw new Error('DataLoader: sampler option is mutually exclusive with shuffle');
  if (options.batchSampler && ((batchSize !== undefined && batchSize !== 1) || options.shuffle || options.sampler || options.dropLast))
    throw new Error('DataLoader: batchSampler option is mutually exclusive with batchSize, shuffle, sampler, and dropLast');
  if (numWorkers !== undefined && !(isPositiveInteger(numWorkers) || numWorkers === 0))
    throw new Error(
      `DataLoader: numWorkers option should be a non-negative integer, got ${describeValue(numWorkers)}; use numWorkers=0 to disable workers`,
    );
  if (prefetchFactor !== undefined && !isPositiveInteger(prefetchFactor))
    throw new Error(`DataLoader: prefetchFactor should be a positive integer, got ${describeValue(prefetchFactor)}`);
  if ((numWorkers ?? 0) > 0 && !options.workerDataset && !options.createWorker)
    throw new Error(
      'DataLoader: numWorkers > 0 needs workerDataset, the URL of a module exporting createDataset() (or, in browsers, createWorker)',
    );
  if (options.workerDataset && options.createWorker)
    throw new Error(
      'DataLoader: workerDataset and createWorker are exclusive: a createWorker worker names its dataset with serveDataLoaderWorker()',
    );
}
