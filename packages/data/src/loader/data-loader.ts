import type { Generator } from '../random/generator.js';
import { isIterableDataset, type IndexedSource, type IterableDataset } from '../dataset/dataset.js';
import { BatchSampler } from './batch-sampler.js';
import { defaultCollate } from './collate.js';
import { RandomSampler } from './random-sampler.js';
import type { Sampler } from './sampler.js';
import { SequentialSampler } from './sequential-sampler.js';
import { WorkerPool } from './worker-pool.js';

/** Where an epoch stands, for progress bars. */
export interface LoaderProgress {
  epoch: number;
  /** Batches delivered so far in this epoch. */
  batch: number;
  /** Batches per epoch (`loader.length`), or NaN for an iterable dataset of unknown length. */
  batches: number;
}

export interface DataLoaderOptions<Item, Batch> {
  /** Samples per batch; default 1. `null` turns batching off (one sample at a time, no collate). */
  batchSize?: number | null;
  /** A new random order every epoch; default false. Exclusive with `sampler`. */
  shuffle?: boolean;
  /** Index order; exclusive with `shuffle`. */
  sampler?: Sampler;
  /** Yields whole batches of indices; exclusive with batchSize, shuffle, sampler and dropLast. */
  batchSampler?: Sampler<number[]>;
  /** Drop the last incomplete batch; default false. */
  dropLast?: boolean;
  /** Builds a batch from a list of samples; default `defaultCollate`. */
  collateFn?: (samples: Item[]) => Batch;
  /** Seeds the shuffling; default @dl/tensor's global generator (`manualSeed`). */
  generator?: Generator;
  /** Batches loaded ahead while the current one is used; default 2 (PyTorch's prefetch_factor). */
  prefetchFactor?: number;
  /**
   * Load batches in parallel in this many worker threads (Node) or web workers (browsers); default 0
   * (in the calling thread). A worker cannot share the dataset object, so it builds its own from
   * `workerDataset`.
   */
  numWorkers?: number;
  /** For `numWorkers > 0`: the URL of an ES module that exports `createDataset()` (sync or async). */
  workerDataset?: string | URL;
  /** Arguments passed to the module's `createDataset(...args)` in every worker (structured-cloneable). */
  workerDatasetArguments?: unknown[];
  /** Called after each batch is delivered. */
  onProgress?: (progress: LoaderProgress) => void;
}

/**
 * Batches of a dataset, as PyTorch's `torch.utils.data.DataLoader`: `for await (const batch of loader)`
 * gives one epoch; iterate again for the next (with `shuffle`, in a new order). `loader.length` is the
 * number of batches and `loader.progress` tells where the current epoch stands.
 * @example
 * const loader = new DataLoader(new TensorDataset(x, y), { batchSize: 32, shuffle: true, generator: new Generator(0) });
 * for await (const [inputs, targets] of loader) { ... }
 */
export class DataLoader<Item = unknown, Batch = any> implements AsyncIterable<Batch> {
  readonly batchSize: number | null;
  readonly dropLast: boolean;
  readonly batchSampler: Sampler<number[]> | null;
  readonly sampler: Sampler | null;
  readonly progress: LoaderProgress = { epoch: 0, batch: 0, batches: 0 };
  private readonly collate: (samples: Item[]) => Batch;
  private readonly prefetchFactor: number;

  constructor(readonly dataset: IndexedSource<Item> | IterableDataset<Item>, private readonly options: DataLoaderOptions<Item, Batch> = {}) {
    this.batchSize = options.batchSize === undefined ? 1 : options.batchSize;
    this.dropLast = options.dropLast ?? false;
    this.collate = options.collateFn ?? (defaultCollate as (samples: Item[]) => Batch);
    this.prefetchFactor = Math.max(1, options.prefetchFactor ?? 2);
    if (options.sampler && options.shuffle) throw new Error('DataLoader: sampler option is mutually exclusive with shuffle');
    if (options.batchSampler && (options.batchSize !== undefined || options.shuffle || options.sampler || options.dropLast))
      throw new Error('DataLoader: batchSampler option is mutually exclusive with batchSize, shuffle, sampler, and dropLast');
    if ((options.numWorkers ?? 0) > 0 && !options.workerDataset)
      throw new Error('DataLoader: numWorkers > 0 needs workerDataset, the URL of a module exporting createDataset()');
    if (isIterableDataset(dataset)) {
      if (options.shuffle || options.sampler || options.batchSampler)
        throw new Error('DataLoader: an IterableDataset has no indices, so shuffle, sampler and batchSampler do not apply');
      this.sampler = null;
      this.batchSampler = null;
      return;
    }
    const indexed = dataset as IndexedSource<Item>;
    this.sampler = options.sampler ?? (options.shuffle ? new RandomSampler(indexed, { generator: options.generator }) : new SequentialSampler(indexed));
    this.batchSampler = options.batchSampler ?? (this.batchSize === null ? null : new BatchSampler(this.sampler, this.batchSize, this.dropLast));
  }

  /** Batches per epoch. */
  get length(): number {
    if (this.batchSampler) return this.batchSampler.length;
    if (this.sampler) return this.sampler.length;
    const size = (this.dataset as { length?: number }).length;
    if (typeof size !== 'number') return NaN;
    if (this.batchSize === null) return size;
    return this.dropLast ? Math.floor(size / this.batchSize) : Math.ceil(size / this.batchSize);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Batch> {
    this.progress.epoch += 1;
    this.progress.batch = 0;
    this.progress.batches = this.length;
    const source = isIterableDataset(this.dataset) ? this.iterableBatches() : this.indexedBatches();
    for await (const batch of source) {
      this.progress.batch += 1;
      this.options.onProgress?.({ ...this.progress });
      yield batch;
    }
  }

  /**
   * Synchronous iteration, for datasets whose `getItem` is synchronous and `numWorkers = 0`
   * (a promise from `getItem` is an error here: use `for await`).
   */
  *[Symbol.iterator](): Iterator<Batch> {
    if (isIterableDataset(this.dataset) || (this.options.numWorkers ?? 0) > 0)
      throw new Error('DataLoader: synchronous iteration needs a map-style dataset and numWorkers = 0; use for await');
    this.progress.epoch += 1;
    this.progress.batch = 0;
    this.progress.batches = this.length;
    for (const indices of this.indexGroups()) {
      const items = indices.map((index) => {
        const item = (this.dataset as IndexedSource<Item>).getItem(index);
        if (item instanceof Promise) throw new Error('DataLoader: getItem returned a promise; iterate with for await');
        return item;
      });
      this.progress.batch += 1;
      this.options.onProgress?.({ ...this.progress });
      yield this.batchSize === null && !this.options.batchSampler ? (items[0] as unknown as Batch) : this.collate(items);
    }
  }

  private *indexGroups(): IterableIterator<number[]> {
    if (this.batchSampler) yield* this.batchSampler;
    else for (const index of this.sampler!) yield [index];
  }

  /** Keeps up to `prefetchFactor` batches (per worker) in flight while the consumer works on the current one. */
  private async *indexedBatches(): AsyncGenerator<Batch> {
    const workers = this.options.numWorkers ?? 0;
    const pool = workers > 0
      ? await WorkerPool.start(workers, this.options.workerDataset!, this.options.workerDatasetArguments ?? [], this.options.collateFn === undefined)
      : null;
    const unbatched = this.batchSize === null && !this.options.batchSampler;
    const load = (indices: number[]): Promise<Batch> => {
      if (pool) return pool.load(indices, !unbatched) as Promise<Batch>;
      return Promise.all(indices.map((index) => (this.dataset as IndexedSource<Item>).getItem(index))).then((items) =>
        unbatched ? (items[0] as unknown as Batch) : this.collate(items),
      );
    };
    const groups = this.indexGroups();
    const pending: Promise<Batch>[] = [];
    const depth = this.prefetchFactor * Math.max(1, workers);
    const refill = () => {
      while (pending.length < depth) {
        const next = groups.next();
        if (next.done) return;
        const promise = load(next.value);
        promise.catch(() => undefined); // awaited in order below; avoid an unhandled rejection meanwhile
        pending.push(promise);
      }
    };
    try {
      refill();
      while (pending.length > 0) {
        const batch = await pending.shift()!;
        refill();
        if (pool && this.options.collateFn && !unbatched) yield this.options.collateFn(batch as unknown as Item[]);
        else yield batch;
      }
    } finally {
      await pool?.close();
    }
  }

  private async *iterableBatches(): AsyncGenerator<Batch> {
    const dataset = this.dataset as IterableDataset<Item> & Partial<AsyncIterable<Item>>;
    const iterable = (Symbol.asyncIterator in dataset ? dataset : { [Symbol.asyncIterator]: () => toAsync(dataset[Symbol.iterator]()) }) as AsyncIterable<Item>;
    let items: Item[] = [];
    for await (const item of iterable) {
      if (this.batchSize === null) {
        yield item as unknown as Batch;
        continue;
      }
      items.push(item);
      if (items.length === this.batchSize) {
        yield this.collate(items);
        items = [];
      }
    }
    if (items.length > 0 && !this.dropLast) yield this.collate(items);
  }
}

function toAsync<T>(iterator: Iterator<T> | AsyncIterator<T>): AsyncIterator<T> {
  return { next: async () => iterator.next() };
}
