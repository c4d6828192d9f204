/** An item or a promise of one: datasets may read lazily (files, network). */
export type MaybePromise<T> = T | Promise<T>;

/**
 * A map-style dataset (PyTorch's `torch.utils.data.Dataset`): `length` items, read by index.
 * Subclass it and implement `length` and `getItem`.
 * @example
 * class Squares extends Dataset<number> {
 *   get length() { return 10; }
 *   getItem(index: number) { return index * index; }
 * }
 * new Squares().getItem(3); // 9
 */
export abstract class Dataset<T> {
  abstract get length(): number;
  abstract getItem(index: number): MaybePromise<T>;

  /** Checks an index against the length, with Python-style negative indices. */
  protected resolveIndex(index: number): number {
    const length = this.length;
    const resolved = index < 0 ? index + length : index;
    if (!Number.isInteger(resolved) || resolved < 0 || resolved >= length)
      throw new RangeError(`${this.constructor.name}: index ${index} is out of range for a dataset of length ${length}`);
    return resolved;
  }
}

/**
 * A stream-style dataset (PyTorch's `IterableDataset`): items come from iteration, with no index.
 * @example
 * class Counter extends IterableDataset<number> {
 *   *[Symbol.iterator]() { for (let i = 0; i < 3; i++) yield i; }
 * }
 */
export abstract class IterableDataset<T> {
  abstract [Symbol.iterator](): Iterator<T> | AsyncIterator<T>;
}

/** Anything a DataLoader can read by index. */
export interface IndexedSource<T> {
  readonly length: number;
  getItem(index: number): MaybePromise<T>;
}

export function isIterableDataset<T>(source: unknown): source is IterableDataset<T> {
  return (
    source instanceof IterableDataset ||
    (typeof source === 'object' &&
      source !== null &&
      !('getItem' in source) &&
      (Symbol.iterator in source || Symbol.asyncIterator in source))
  );
}
