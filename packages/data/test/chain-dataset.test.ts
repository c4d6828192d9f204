import { describe, expect, it } from 'vitest';
import { ChainDataset, DataLoader, IterableDataset, TensorDataset } from '@dl/data';
import { tensor } from '@dl/tensor';

/** 0, 1, …, n − 1 offset by `start`, synchronously; `length` as PyTorch's __len__. */
class Range extends IterableDataset<number> {
  constructor(
    readonly start: number,
    readonly length: number,
  ) {
    super();
  }
  *[Symbol.iterator]() {
    for (let i = 0; i < this.length; i++) yield this.start + i;
  }
}

/** The same, asynchronously, without a length. */
class AsyncRange extends IterableDataset<number> {
  constructor(
    readonly start: number,
    readonly count: number,
  ) {
    super();
  }
  [Symbol.iterator](): AsyncIterator<number> {
    return this[Symbol.asyncIterator]();
  }
  async *[Symbol.asyncIterator]() {
    for (let i = 0; i < this.count; i++) yield this.start + i;
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('ChainDataset like torch.utils.data.ChainDataset', () => {
  it('yields the datasets one after another, sync and async alike, afresh on every pass', async () => {
    const chain = new ChainDataset<number>([new Range(0, 3), new AsyncRange(10, 2), new Range(20, 0), [7, 8]]);
    expect(await collect(chain)).toEqual([0, 1, 2, 10, 11, 7, 8]);
    expect(await collect(chain)).toEqual([0, 1, 2, 10, 11, 7, 8]);
  });
  it('length sums the lengths, and is unknown (undefined) when one has none', () => {
    expect(new ChainDataset([new Range(0, 3), new Range(5, 4)]).length).toBe(7);
    expect(new ChainDataset<number>([new Range(0, 3), new AsyncRange(0, 2)]).length).toBeUndefined();
  });
  it('map-style datasets are errors; a DataLoader batches the chain', async () => {
    const mapStyle = new TensorDataset(tensor([1, 2]));
    expect(() => new ChainDataset([new Range(0, 2), mapStyle as never])).toThrow(
      'ChainDataset: only supports iterable datasets; dataset 1 is a TensorDataset',
    );
    const loader = new DataLoader(new ChainDataset([new Range(0, 3), new AsyncRange(3, 2)]), { batchSize: 2 });
    const batches = [];
    for await (const batch of loader) batches.push(await (batch as { toArray(): Promise<unknown> }).toArray());
    expect(batches).toEqual([[0, 1], [2, 3], [4]]);
  });
});
