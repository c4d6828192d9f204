import { describe, expect, it } from 'vitest';
import {
  BatchSampler,
  ConcatDataset,
  DataLoader,
  Dataset,
  Generator,
  IterableDataset,
  RandomSampler,
  SequentialSampler,
  Subset,
  TensorDataset,
  WeightedRandomSampler,
  defaultCollate,
  randomSplit,
} from '@dl/data';
import { arange, manualSeed, tensor, type Tensor } from '@dl/tensor';

class Range extends Dataset<number> {
  constructor(private readonly size: number) {
    super();
  }
  get length() {
    return this.size;
  }
  getItem(index: number) {
    return this.resolveIndex(index);
  }
}

const collect = async <T>(iterable: AsyncIterable<T>) => {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
};

describe('datasets', () => {
  it('TensorDataset, Subset and ConcatDataset index like PyTorch', () => {
    const data = new TensorDataset(
      tensor([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
      tensor([0, 1, 2], { dtype: 'int32' }),
    );
    expect(data.length).toBe(3);
    expect(data.getItem(-1).map((t) => t.toArraySync())).toEqual([[5, 6], 2]);
    expect(() => data.getItem(3)).toThrow(/index 3 is out of range for a dataset of length 3/);
    expect(() => new TensorDataset(tensor([1, 2]), tensor([1]))).toThrow(/size mismatch/);
    const subset = new Subset(new Range(10), [9, 2, 5]);
    expect([0, 1, 2].map((i) => subset.getItem(i))).toEqual([9, 2, 5]);
    const both = new ConcatDataset([new Range(2), new Range(0), new Range(3)]);
    expect(both.length).toBe(5);
    expect([0, 1, 2, 3, 4].map((i) => both.getItem(i))).toEqual([0, 1, 0, 1, 2]);
  });
  it('randomSplit partitions reproducibly, with counts or fractions', () => {
    const [a, b] = randomSplit(new Range(10), [7, 3], { generator: new Generator(1) });
    const [c] = randomSplit(new Range(10), [7, 3], { generator: new Generator(1) });
    expect(a!.indices).toEqual(c!.indices);
    expect([...a!.indices, ...b!.indices].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(randomSplit(new Range(11), [0.5, 0.3, 0.2], { generator: new Generator(0) }).map((s) => s.length)).toEqual([6, 3, 2]);
    expect(() => randomSplit(new Range(10), [5, 4])).toThrow(/does not equal the length/);
  });
});

describe('samplers', () => {
  it('sequential, random (new order each epoch, seeded), batch', () => {
    expect([...new SequentialSampler({ length: 4 })]).toEqual([0, 1, 2, 3]);
    const sampler = new RandomSampler({ length: 20 }, { generator: new Generator(3) });
    const first = [...sampler];
    const second = [...sampler];
    expect([...first].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(second).not.toEqual(first);
    expect([...new RandomSampler({ length: 20 }, { generator: new Generator(3) })]).toEqual(first);
    expect(
      [...new RandomSampler({ length: 3 }, { replacement: true, numSamples: 50, generator: new Generator(0) })].every(
        (i) => i >= 0 && i < 3,
      ),
    ).toBe(true);
    expect([...new BatchSampler(new SequentialSampler({ length: 5 }), 2)]).toEqual([[0, 1], [2, 3], [4]]);
    expect(new BatchSampler(new SequentialSampler({ length: 5 }), 2, true).length).toBe(2);
  });
  it('weighted random sampling follows the weights', () => {
    const draws = [...new WeightedRandomSampler([1, 3, 0, 6], 20000, { generator: new Generator(5) })];
    const frequency = [0, 1, 2, 3].map((k) => draws.filter((d) => d === k).length / draws.length);
    expect(frequency[0]).toBeCloseTo(0.1, 1);
    expect(frequency[1]).toBeCloseTo(0.3, 1);
    expect(frequency[2]).toBe(0);
    expect(frequency[3]).toBeCloseTo(0.6, 1);
    const unique = [...new WeightedRandomSampler([1, 1, 1, 1, 0], 4, { replacement: false, generator: new Generator(1) })];
    expect([...unique].sort()).toEqual([0, 1, 2, 3]);
    expect(() => new WeightedRandomSampler([1, 0], 2, { replacement: false })).toThrow(/without replacement/);
  });
});

describe('defaultCollate', () => {
  it('stacks tensors, numbers, nested arrays and objects', () => {
    const batch = defaultCollate([
      { image: tensor([1, 2]), label: 3, meta: ['a', 0.5] },
      { image: tensor([3, 4]), label: 4, meta: ['b', 1.5] },
    ]);
    expect(batch.image.toArraySync()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(batch.label.dtype).toBe('int32');
    expect(batch.meta[0]).toEqual(['a', 'b']);
    expect(batch.meta[1].dtype).toBe('float32');
    expect(() => defaultCollate([tensor([1]), tensor([1, 2])])).toThrow(/equal size/);
  });
});

describe('DataLoader', () => {
  const x = arange(10).float().unsqueeze(1);
  const y = arange(10);
  const dataset = new TensorDataset(x, y);

  it('batches in order, knows its length and reports progress', async () => {
    const progress: number[][] = [];
    const loader = new DataLoader(dataset, { batchSize: 4, onProgress: (p) => progress.push([p.batch, p.batches]) });
    expect(loader.length).toBe(3);
    const batches = await collect(loader);
    expect(batches.map(([, labels]) => (labels as Tensor).toArraySync())).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(batches[0]![0].shape).toEqual([4, 1]);
    expect(progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(loader.progress).toEqual({ epoch: 1, batch: 3, batches: 3 });
    expect(new DataLoader(dataset, { batchSize: 4, dropLast: true }).length).toBe(2);
    expect((await collect(new DataLoader(dataset, { batchSize: 4, dropLast: true }))).length).toBe(2);
  });
  it('shuffles reproducibly with a new order every epoch', async () => {
    const order = async (loader: DataLoader) => (await collect(loader)).flatMap(([, labels]) => Array.from((labels as Tensor).dataSync()));
    const loader = new DataLoader(dataset, { batchSize: 3, shuffle: true, generator: new Generator(11) });
    const epoch1 = await order(loader);
    const epoch2 = await order(loader);
    expect([...epoch1].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(epoch2).not.toEqual(epoch1);
    expect(await order(new DataLoader(dataset, { batchSize: 3, shuffle: true, generator: new Generator(11) }))).toEqual(epoch1);
    // without a generator: @dl/tensor's global one, so manualSeed reproduces it
    manualSeed(4);
    const global1 = await order(new DataLoader(dataset, { batchSize: 5, shuffle: true }));
    manualSeed(4);
    expect(await order(new DataLoader(dataset, { batchSize: 5, shuffle: true }))).toEqual(global1);
  });
  it('gathers a TensorDataset batch in one step, equal to collating getItem rows (and honours a getItem override)', async () => {
    // a float32 [10, 2, 3] image-like tensor, int32 labels and a bool flag: every dtype and rank keeps its own
    const images = arange(60).float().mul(0.25).reshape([10, 2, 3]);
    const labels = arange(10).int().mul(3);
    const flags = arange(10).remainder(2).eq(0);
    const data = new TensorDataset(images, labels, flags);
    const batchSampler = [[7, -1, 0], [3]] as unknown as BatchSampler;
    const gathered = await collect(new DataLoader(data, { batchSampler }));
    // the reference: the rows collated one by one (an explicit collateFn takes the per-item path)
    const collated = await collect(new DataLoader(data, { batchSampler, collateFn: defaultCollate }));
    expect(gathered.length).toBe(2);
    for (const [batch, reference] of gathered.map((batch, index) => [batch, collated[index]!] as const))
      for (const [position, item] of batch.entries()) {
        expect(item.dtype).toBe(reference[position]!.dtype);
        expect(item.shape).toEqual(reference[position]!.shape);
        expect(item.toArraySync()).toEqual(reference[position]!.toArraySync());
      }
    // rows 7, 9 (index -1) and 0, written out
    expect(gathered[0]![1]!.toArraySync()).toEqual([21, 27, 0]);
    expect(gathered[0]![0]!.toArraySync()).toEqual([
      [
        [10.5, 10.75, 11],
        [11.25, 11.5, 11.75],
      ],
      [
        [13.5, 13.75, 14],
        [14.25, 14.5, 14.75],
      ],
      [
        [0, 0.25, 0.5],
        [0.75, 1, 1.25],
      ],
    ]);
    const repeated = data.getRows([3, 3])[2]!;
    expect([repeated.dtype, ...repeated.dataSync()]).toEqual(['bool', 0, 0]);
    expect(() => data.getRows([10])).toThrow(/index 10 is out of range for a dataset of length 10/);
    // a subclass that changes getItem is read item by item, as PyTorch would
    class Doubled extends TensorDataset {
      override getItem(index: number): Tensor[] {
        return super.getItem(index).map((item) => item.mul(2));
      }
    }
    const doubled = await collect(new DataLoader(new Doubled(labels), { batchSize: 2 }));
    expect(doubled[0]![0]!.toArraySync()).toEqual([0, 6]);
  });
  it('iterates synchronously, with custom collate, batch samplers and no batching', async () => {
    const sums = [...new DataLoader(new Range(6), { batchSize: 2, collateFn: (items: number[]) => items.reduce((a, b) => a + b, 0) })];
    expect(sums).toEqual([1, 5, 9]);
    const custom = new DataLoader(new Range(6), { batchSampler: [[5, 0], [1]] as unknown as BatchSampler });
    expect((await collect(custom)).map((b) => (b as Tensor).toArraySync())).toEqual([[5, 0], [1]]);
    expect(await collect(new DataLoader(new Range(3), { batchSize: null }))).toEqual([0, 1, 2]);
    expect(() => new DataLoader(new Range(3), { shuffle: true, sampler: new SequentialSampler({ length: 3 }) })).toThrow(
      /mutually exclusive/,
    );
  });
  it('prefetches the next batches while the current one is used', async () => {
    const requested: number[] = [];
    class Slow extends Dataset<number> {
      get length() {
        return 8;
      }
      async getItem(index: number) {
        requested.push(index);
        await new Promise((resolve) => setTimeout(resolve, 1));
        return index;
      }
    }
    const loader = new DataLoader(new Slow(), { batchSize: 2, prefetchFactor: 2 });
    const iterator = loader[Symbol.asyncIterator]();
    await iterator.next();
    // while batch 0 is in the consumer's hands, batches 1 and 2 are already requested
    expect(requested.length).toBeGreaterThanOrEqual(6);
    await iterator.return?.();
    expect(() => [...new DataLoader(new Slow(), { batchSize: 2 })]).toThrow(/returned a promise/);
  });
  it('batches iterable datasets', async () => {
    class Stream extends IterableDataset<number> {
      *[Symbol.iterator]() {
        for (let i = 0; i < 5; i++) yield i * 10;
      }
    }
    const batches = await collect(new DataLoader(new Stream(), { batchSize: 2 }));
    expect(batches.map((b) => (b as Tensor).toArraySync())).toEqual([[0, 10], [20, 30], [40]]);
    expect(new DataLoader(new Stream(), { batchSize: 2 }).length).toBeNaN();
    expect(() => new DataLoader(new Stream(), { shuffle: true })).toThrow(/IterableDataset/);
  });
});
