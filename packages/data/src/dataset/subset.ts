import { refuseExtraArguments } from '@dl/tensor';
import { Dataset, type IndexedSource, type MaybePromise } from './dataset.js';

/**
 * The items of `dataset` at `indices`, in that order (PyTorch's `Subset`).
 * @example
 * const firstTen = new Subset(mnist, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
 */
export class Subset<T> extends Dataset<T> {
  readonly indices: readonly number[];

  constructor(
    readonly dataset: IndexedSource<T>,
    indices: ArrayLike<number>,
    ...extra: never[]
  ) {
    super();
    if (extra.length > 0) refuseExtraArguments('Subset', ['dataset', 'indices'], extra);
    this.indices = Array.from(indices);
    for (const index of this.indices)
      if (!Number.isInteger(index) || index < -dataset.length || index >= dataset.length)
        throw new RangeError(`Subset: index ${index} is out of range for a dataset of length ${dataset.length}`);
  }

  get length(): number {
    return this.indices.length;
  }

  getItem(index: number): MaybePromise<T> {
    return this.dataset.getItem(this.indices[this.resolveIndex(index)]!);
  }
}
