// Generator state: a shuffling DataLoader with its own generator resumes exactly from a checkpoint,
// and @dl/tensor's random ops honour a `generator` option (randperm(5, { generator }) once ignored it).
import { describe, expect, it } from 'vitest';
import { DataLoader, Generator, TensorDataset } from '@dl/data';
import { arange, manualSeed, rand, randint, randn, randperm } from '@dl/tensor';

/** Every batch's first column, per epoch: enough to see the order. */
async function epochs(loader: DataLoader<any, any>, count: number): Promise<number[][]> {
  const orders: number[][] = [];
  for (let epoch = 0; epoch < count; epoch++) {
    const order: number[] = [];
    for await (const [x] of loader) order.push(...Array.from((x as { dataSync(): ArrayLike<number> }).dataSync()));
    orders.push(order);
  }
  return orders;
}

describe('Generator getState / setState', () => {
  it('replays the same draws from a saved state', () => {
    const generator = new Generator(7);
    generator.uniform(5);
    const saved = generator.getState();
    const first = Array.from(generator.permutation(10));
    generator.uniform(3);
    generator.setState(saved);
    expect(Array.from(generator.permutation(10))).toEqual(first);
    expect(generator.initialSeed()).toBe(7n);
  });

  it('a shuffling DataLoader resumes exactly from a checkpoint taken between epochs', async () => {
    const dataset = new TensorDataset(arange(0, 12, 1, { dtype: 'float32' }).reshape([12, 1]));
    // uninterrupted: three epochs
    const reference = await epochs(new DataLoader(dataset, { batchSize: 4, shuffle: true, generator: new Generator(3) }), 3);
    expect(reference[0]).not.toEqual(reference[1]);

    // interrupted: one epoch, a checkpoint of the generator, then a new process resumes from it
    const generator = new Generator(3);
    const first = await epochs(new DataLoader(dataset, { batchSize: 4, shuffle: true, generator }), 1);
    const checkpoint = JSON.parse(JSON.stringify(generator.getState(), (_, value) => (typeof value === 'bigint' ? `${value}` : value)));
    const restored = new Generator(999).setState({ seed: BigInt(checkpoint.seed), offset: BigInt(checkpoint.offset) });
    const resumed = await epochs(new DataLoader(dataset, { batchSize: 4, shuffle: true, generator: restored }), 2);
    expect([...first, ...resumed]).toEqual(reference);
  });

  it('rejects a state that is not one', () => {
    expect(() => new Generator(0).setState({} as never)).toThrow('Generator.setState: expected { seed, offset }');
  });
});

describe('tensor random ops honour the generator option', () => {
  it('randperm, rand, randn, randint draw from the given generator, not the global one', () => {
    for (const draw of [
      (generator: Generator) => randperm(8, { generator }),
      (generator: Generator) => rand([5], { generator }),
      (generator: Generator) => randn(5, { generator }),
      (generator: Generator) => randint(0, 100, [5], { generator }),
    ]) {
      manualSeed(1);
      const a = Array.from(draw(new Generator(42)).dataSync());
      manualSeed(2); // a different global state changes nothing
      const b = Array.from(draw(new Generator(42)).dataSync());
      const c = Array.from(draw(new Generator(43)).dataSync());
      expect(a).toEqual(b);
      expect(a).not.toEqual(c);
    }
  });

  it('the same generator advances: two draws differ, and a restored state repeats them', () => {
    const generator = new Generator(5);
    const saved = generator.getState();
    const first = Array.from(randperm(10, { generator }).dataSync());
    const second = Array.from(randperm(10, { generator }).dataSync());
    expect(first).not.toEqual(second);
    generator.setState(saved);
    expect(Array.from(randperm(10, { generator }).dataSync())).toEqual(first);
  });

  it('something that is not a generator throws', () => {
    expect(() => randperm(5, { generator: 3 as never })).toThrow('generator: expected a Generator');
  });
});
