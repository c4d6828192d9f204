import { describeValue, refuseExtraArguments } from '@dl/tensor';
import { IterableDataset, isIterableDataset } from './dataset.js';

/** A stream dataset that may iterate synchronously or asynchronously. */
type Stream<T> = IterableDataset<T> | Iterable<T> | AsyncIterable<T>;

/**
 * Iterable datasets one after another (PyTorch's `ChainDataset`): iterating yields every item of the
 * first, then of the second, and so on, each dataset iterated afresh per pass. Asynchronous, because
 * any of them may be (a DataLoader reads it with `for await`). Map-style datasets are errors, as in
 * PyTorch ("ChainDataset only supports IterableDataset").
 * @example
 * const both = new ChainDataset([streamA, streamB]);
 * for await (const item of both) console.log(item);
 */
export class ChainDataset<T> extends IterableDataset<T> {
  constructor(
    readonly datasets: readonly Stream<T>[],
    ...extra: never[]
  ) {
    super();
    if (extra.length > 0) refuseExtraArguments('ChainDataset', ['datasets'], extra);
    if (!Array.isArray(datasets)) throw new Error(`ChainDataset: datasets must be a list, got ${describeValue(datasets)}`);
    datasets.forEach((dataset, index) => {
      if (!isIterableDataset(dataset))
        throw new Error(`ChainDataset: only supports iterable datasets; dataset ${index} is ${describeValue(dataset)}`);
    });
  }

  /**
   * The total length (PyTorch's `len(chain)`): the sum of the datasets' `length`s, or undefined when
   * one of them has none (PyTorch raises a TypeError there; a DataLoader reads `length` for its
   * progress report, where undefined means "unknown").
   */
  get length(): number | undefined {
    let total = 0;
    for (const dataset of this.datasets) {
      const size = (dataset as { length?: unknown }).length;
      if (typeof size !== 'number') return undefined;
      total += size;
    }
    return total;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (const dataset of this.datasets) {
      const stream = dataset as Partial<Iterable<T> & AsyncIterable<T>>;
      // one loop for both kinds: awaiting a synchronous iterator's step is a no-op
      const iterator: Iterator<T> | AsyncIterator<T> = stream[Symbol.asyncIterator]
        ? stream[Symbol.asyncIterator]!()
        : stream[Symbol.iterator]!();
      for (let step = await iterator.next(); !step.done; step = await iterator.next()) yield step.value;
    }
  }

  [Symbol.iterator](): AsyncIterator<T> {
    return this[Symbol.asyncIterator]();
  }
}
