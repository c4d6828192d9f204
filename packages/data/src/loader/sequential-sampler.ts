import { refuseExtraArguments } from '@dl/tensor';
import type { Sampler } from './sampler.js';

/**
 * Indices 0, 1, ..., n − 1 in order (PyTorch's `SequentialSampler`).
 * @example
 * [...new SequentialSampler({ length: 3 })]; // [0, 1, 2]
 */
export class SequentialSampler implements Sampler {
  constructor(
    private readonly dataSource: { readonly length: number },
    ...extra: never[]
  ) {
    if (extra.length > 0) refuseExtraArguments('SequentialSampler', ['dataSource'], extra);
  }

  get length(): number {
    return this.dataSource.length;
  }

  *[Symbol.iterator](): Iterator<number> {
    for (let index = 0; index < this.dataSource.length; index++) yield index;
  }
}
