import { refuseExtraArguments } from '@dl/tensor';
import { Dataset, isIterableDataset, type IndexedSource, type MaybePromise } from './dataset.js';

/**
 * Datasets one after another (PyTorch's `ConcatDataset`). `cumulativeSizes[k]` is the total length of
 * the first k + 1 datasets; index i falls in the first dataset whose cumulative size exceeds it.
 * @example
 * const both = new ConcatDataset([trainSet, extraSet]);
 */
export class ConcatDataset<T> extends Dataset<T> {
  readonly cumulativeSizes: readonly number[];

  constructor(
    readonly datasets: readonly IndexedSource<T>[],
    ...extra: never[]
  ) {
    super();
    if (extra.length > 0) refuseExtraArguments('ConcatDataset', ['datasets'], extra);
    if (datasets.length === 0) throw new Error('ConcatDataset: datasets should not be an empty iterable');
    // as torch: a stream has no indices to concatenate (ChainDataset chains streams)
    for (const [position, dataset] of datasets.entries())
      if (isIterableDataset(dataset) || typeof dataset.length !== 'number')
        throw new Error(
          `ConcatDataset: does not support IterableDataset (dataset ${position} has no length and getItem); use ChainDataset`,
        );
    let total = 0;
    this.cumulativeSizes = datasets.map((dataset) => (total += dataset.length));
  }

  get length(): number {
    return this.cumulativeSizes[this.cumulativeSizes.length - 1]!;
  }

  getItem(index: number): MaybePromise<T> {
    const resolved = this.resolveIndex(index);
    // binary search: the first k with cumulativeSizes[k] > resolved
    let low = 0;
    let high = this.cumulativeSizes.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.cumulativeSizes[middle]! > resolved) high = middle;
      else low = middle + 1;
    }
    const start = low === 0 ? 0 : this.cumulativeSizes[low - 1]!;
    return this.datasets[low]!.getItem(resolved - start);
  }
}
