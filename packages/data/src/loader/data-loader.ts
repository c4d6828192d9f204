import { readArguments, releaseUnreturned, trackCreated, type Tensor } from '@dl/tensor';
import type { Generator } from '../random/generator.js';
import { isIterableDataset, type IndexedSource, type IterableDataset } from '../dataset/dataset.js';
import { TensorDataset } from '../dataset/tensor-dataset.js';
import { BatchSampler } from './batch-sampler.js';
import { defaultCollate } from './collate.js';
import { RandomSampler } from './random-sampler.js';
import type { Sampler } from './sampler.js';
import { SequentialSampler } from './sequential-sampler.js';
import { WorkerPool } from './worker-pool.js';
import { BatchLoans, tensorsIn } from './batch-loans.js';
import { nextMacrotask } from '../platform/next-macrotask.js';
import { checkLoaderOptions } from './loader-options.js';

/** A batch and the tensors in it that the loader made (what it may release, see batch-loans.ts). */
interface Assembled<Batch> {
  batch: Batch;
  made: Tensor[];
}

/** How long a `for await` over the loader may run before it lets the event loop turn once. */
const EVENT_LOOP_TURN_MILLISECONDS = 10;

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
  /**
   * Browsers, instead of `workerDataset`: starts one Web Worker, whose module calls
   * `serveDataLoaderWorker(createDataset)` from `@dl/data/worker`. Bundlers build such a worker from
   * `() => new Worker(new URL('./dataset-worker.js', import.meta.url), { type: 'module' })` (Vite),
   * or from a second entry point (esbuild, Rollup); see docs/browser.md.
   */
  createWorker?: () => Worker;
  /** Arguments passed to the module's `createDataset(...args)` in every worker (structured-cloneable). */
  workerDatasetArguments?: unknown[];
  /** Called after each batch is delivered. */
  onProgress?: (progress: LoaderProgress) => void;
}

/** Every key of DataLoaderOptions, for the option check. */
const dataLoaderKeys = [
  'batchSize',
  'shuffle',
  'sampler',
  'batchSampler',
  'dropLast',
  'collateFn',
  'generator',
  'prefetchFactor',
  'numWorkers',
  'workerDataset',
  'workerDatasetArguments',
  'createWorker',
  'onProgress',
];

/**
 * Batches of a dataset, as PyTorch's `torch.utils.data.DataLoader`: `for await (const batch of loader)`
 * gives one epoch; iterate again for the next (with `shuffle`, in a new order). `loader.length` is the
 * number of batches and `loader.progress` tells where the current epoch stands.
 * @example
 * const loader = new DataLoader(new TensorDataset(x, y), { batchSize: 32, shuffle: true, generator: new Generator(0) });
 * for await (const [inputs, targets] of loader) { ... }
 */
// Item defaults to any, not unknown: the item type is read by options (collateFn) as well as produced,
// so with unknown a `(loader: DataLoader) => ...` helper would refuse every loader of a typed dataset
export class DataLoader<Item = any, Batch = any> implements AsyncIterable<Batch> {
  readonly batchSize: number | null;
  readonly dropLast: boolean;
  readonly batchSampler: Sampler<number[]> | null;
  readonly sampler: Sampler | null;
  readonly progress: LoaderProgress = { epoch: 0, batch: 0, batches: 0 };
  private readonly collate: (samples: Item[]) => Batch;
  private readonly prefetchFactor: number;
  /** Batches given out, over every pass: the last ones of an epoch go when the next epoch moves on. */
  private readonly loans = new BatchLoans();

  private readonly options: DataLoaderOptions<Item, Batch>;

  constructor(dataset: IndexedSource<Item> | IterableDataset<Item>, options?: DataLoaderOptions<Item, Batch>);
  /** PyTorch's order: `DataLoader(dataset, batch_size, shuffle)`, optionally then an options object. */
  constructor(
    dataset: IndexedSource<Item> | IterableDataset<Item>,
    batchSize: number | null,
    shuffle?: boolean,
    options?: DataLoaderOptions<Item, Batch>,
  );
  constructor(
    readonly dataset: IndexedSource<Item> | IterableDataset<Item>,
    ...rest: unknown[]
  ) {
    const options = readArguments<DataLoaderOptions<Item, Batch>>('DataLoader', rest, ['batchSize', 'shuffle'], dataLoaderKeys);
    this.options = options;
    this.batchSize = options.batchSize === undefined ? 1 : options.batchSize;
    this.dropLast = options.dropLast ?? false;
    this.collate = options.collateFn ?? (defaultCollate as (samples: Item[]) => Batch);
    this.prefetchFactor = options.prefetchFactor ?? 2;
    checkLoaderOptions(options);
    if (isIterableDataset(dataset)) {
      if (options.shuffle || options.sampler || options.batchSampler)
        throw new Error('DataLoader: an IterableDataset has no indices, so shuffle, sampler and batchSampler do not apply');
      this.sampler = null;
      this.batchSampler = null;
      return;
    }
    const indexed = dataset as IndexedSource<Item>;
    this.sampler =
      options.sampler ?? (options.shuffle ? new RandomSampler(indexed, { generator: options.generator }) : new SequentialSampler(indexed));
    this.batchSampler =
      options.batchSampler ?? (this.batchSize === null ? null : new BatchSampler(this.sampler, this.batchSize, this.dropLast));
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
    let lastTurn = performance.now();
    for await (const { batch, made } of source) {
      this.progress.batch += 1;
      this.options.onProgress?.({ ...this.progress });
      // Resolved promises never give the event loop a turn, so a `for await` over batches made in this
      // thread would starve timers, I/O, a page's rendering and the garbage-collection safety net;
      // one macrotask every few milliseconds costs well under 1%.
      if (performance.now() - lastTurn > EVENT_LOOP_TURN_MILLISECONDS) {
        await nextMacrotask();
        lastTurn = performance.now();
      }
      this.loans.lend(made);
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
      const assembled = this.assemble(indices);
      if (assembled instanceof Promise) throw new Error('DataLoader: getItem returned a promise; iterate with for await');
      this.progress.batch += 1;
      this.options.onProgress?.({ ...this.progress });
      this.loans.lend(assembled.made);
      yield assembled.batch;
    }
  }

  /**
   * One batch from a map-style dataset, in this thread. The items, and whatever getItem made on the
   * way, are released as soon as the batch is collated from them: a loop over the loader then
   * leaves nothing for the garbage collector but the batches it was given. (A dataset that caches
   * tensors it creates in getItem must keep() them.) A promise when getItem returned one.
   */
  private assemble(indices: number[]): Assembled<Batch> | Promise<Assembled<Batch>> {
    const freedBy = 'the DataLoader, once the batch was collated from its samples';
    const rowSource = this.rowSource;
    if (rowSource) {
      // the same batch as collating getItem's rows, without a handle per row (see TensorDataset.getRows)
      const [batch, created] = trackCreated(() => rowSource.getRows(indices));
      releaseUnreturned(created, batch, freedBy);
      return { batch: batch as Batch, made: batch };
    }
    const [items, created] = trackCreated(() => indices.map((index) => (this.dataset as IndexedSource<Item>).getItem(index)));
    const collate = (samples: Item[]): Assembled<Batch> => {
      const [batch, collated] = trackCreated(() => (this.unbatched ? (samples[0] as unknown as Batch) : this.collate(samples)));
      releaseUnreturned(created, batch, freedBy);
      releaseUnreturned(collated, batch, freedBy);
      return { batch, made: tensorsIn(batch, (tensor) => created.has(tensor) || collated.has(tensor)) };
    };
    if (!items.some((item) => item instanceof Promise)) return collate(items as Item[]);
    return Promise.all(items).then(collate);
  }

  /** The dataset, where it is a TensorDataset as it comes (getItem not overridden) under the default collate: its batches are gathered rows. */
  private get rowSource(): TensorDataset | null {
    const dataset = this.dataset;
    const gathers =
      !this.unbatched &&
      this.options.collateFn === undefined &&
      dataset instanceof TensorDataset &&
      dataset.getItem === TensorDataset.prototype.getItem;
    return gathers ? dataset : null;
  }

  /** No batching: one sample at a time, no collate. */
  private get unbatched(): boolean {
    return this.batchSize === null && !this.options.batchSampler;
  }

  private *indexGroups(): IterableIterator<number[]> {
    if (this.batchSampler) yield* this.batchSampler;
    else for (const index of this.sampler!) yield [index];
  }

  /** Keeps up to `prefetchFactor` batches (per worker) in flight while the consumer works on the current one. */
  private async *indexedBatches(): AsyncGenerator<Assembled<Batch>> {
    const workers = this.options.numWorkers ?? 0;
    const pool =
      workers > 0
        ? await WorkerPool.start(
            workers,
            this.options.workerDataset,
            this.options.workerDatasetArguments ?? [],
            this.options.collateFn === undefined,
            this.options.createWorker,
          )
        : null;
    const unbatched = this.unbatched;
    const load = (indices: number[]): Promise<Assembled<Batch>> => {
      if (pool) return pool.load(indices, !unbatched).then((batch) => ({ batch: batch as Batch, made: tensorsIn(batch, () => true) }));
      return Promise.resolve(this.assemble(indices));
    };
    const groups = this.indexGroups();
    const pending: Promise<Assembled<Batch>>[] = [];
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
        const assembled = await pending.shift()!;
        refill();
        if (pool && this.options.collateFn && !unbatched) {
          const [batch, collated] = trackCreated(() => this.options.collateFn!(assembled.batch as unknown as Item[]));
          yield { batch, made: tensorsIn(batch, (tensor) => assembled.made.includes(tensor) || collated.has(tensor)) };
        } else yield assembled;
      }
    } finally {
      await pool?.close();
    }
  }

  private async *iterableBatches(): AsyncGenerator<Assembled<Batch>> {
    const dataset = this.dataset as IterableDataset<Item> & Partial<AsyncIterable<Item>>;
    const iterable = (
      Symbol.asyncIterator in dataset ? dataset : { [Symbol.asyncIterator]: () => toAsync(dataset[Symbol.iterator]()) }
    ) as AsyncIterable<Item>;
    let items: Item[] = [];
    for await (const item of iterable) {
      if (this.batchSize === null) {
        // the dataset's own item: nothing of it is the loader's to release
        yield { batch: item as unknown as Batch, made: [] };
        continue;
      }
      items.push(item);
      if (items.length === this.batchSize) {
        yield this.collateStream(items);
        items = [];
      }
    }
    if (items.length > 0 && !this.dropLast) yield this.collateStream(items);
  }

  /** A batch of an iterable dataset's items (which stay the dataset's). */
  private collateStream(items: Item[]): Assembled<Batch> {
    const [batch, collated] = trackCreated(() => this.collate(items));
    return { batch, made: tensorsIn(batch, (tensor) => collated.has(tensor)) };
  }
}

function toAsync<T>(iterator: Iterator<T> | AsyncIterator<T>): AsyncIterator<T> {
  return { next: async () => iterator.next() };
}
