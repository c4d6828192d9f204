import { describeValue, refuseExtraArguments } from '@dl/tensor';
import type { Sampler } from './sampler.js';

/**
 * Groups the indices of a sampler into batches (PyTorch's `BatchSampler`). The last batch is smaller
 * unless `dropLast`, so there are ⌈n / batchSize⌉ batches, or ⌊n / batchSize⌋ with `dropLast`.
 * @example
 * [...new BatchSampler(new SequentialSampler({ length: 5 }), 2, false)]; // [[0, 1], [2, 3], [4]]
 */
export class BatchSampler implements Sampler<number[]> {
  constructor(
    readonly sampler: Iterable<number> & { readonly length: number },
    readonly batchSize: number,
    readonly dropLast = false,
    ...extra: never[]
  ) {
    if (extra.length > 0) refuseExtraArguments('BatchSampler', ['sampler', 'batchSize', 'dropLast'], extra);
    if (!Number.isInteger(batchSize) || batchSize <= 0)
      throw new Error(`BatchSampler: batchSize should be a positive integer value, but got batchSize=${batchSize}`);
    // 'no' or 1 from a command line would read as true and drop the last batch (torch's check)
    if (typeof dropLast !== 'boolean')
      throw new Error(`BatchSampler: dropLast should be a boolean value, but got dropLast=${describeValue(dropLast)}`);
  }

  get length(): number {
    const n = this.sampler.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  *[Symbol.iterator](): Iterator<number[]> {
    let batch: number[] = [];
    for (const index of this.sampler) {
      batch.push(index);
      if (batch.length === this.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.dropLast) yield batch;
  }
}
