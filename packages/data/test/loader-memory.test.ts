import { describe, expect, it } from 'vitest';
import { keep, memory, releaseFinishedGraphs, tensor, type Tensor } from '@dl/tensor';
import { DataLoader, TensorDataset } from '@dl/data';

const weight = tensor([1, 2], { requiresGrad: true });

/** A training step's backward pass, which is what lets the loader release a batch it lent. */
function trainingStep(batch: Tensor): void {
  batch.matmul(weight).sum().backward();
  weight.grad = null;
}

const dataset = () =>
  new TensorDataset(
    tensor([
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
      [9, 10],
      [11, 12],
    ]),
    tensor([0, 1, 0, 1, 0, 1]),
  );

describe('DataLoader memory: what it lends and when it takes it back', () => {
  it('releases the samples it collates a batch from at once, and a batch two batches later once training ran', async () => {
    const loader = new DataLoader(dataset(), { batchSize: 2 });
    const seen: Tensor[][] = [];
    releaseFinishedGraphs();
    const before = memory().cpu!.liveTensors;
    for await (const [inputs, labels] of loader as AsyncIterable<Tensor[]>) {
      seen.push([inputs!, labels!]);
      // the loop may look back one batch: the previous batch is still readable here
      if (seen.length >= 2) expect(seen[seen.length - 2]![0]!.toArraySync()).toHaveLength(2);
      trainingStep(inputs!);
    }
    expect(seen[0]![0]!.isDisposed).toBe(true);
    expect(() => seen[0]![0]!.toArraySync()).toThrow(
      /toArraySync: tensor \[2, 2\] .*was disposed: it was freed by the DataLoader when the loop, training, asked for the batch after next\. .*keep\(t\)/,
    );
    // what is left: the last two batches (still lent) and nothing else; the samples (2 × 2 views per
    // batch) did not outlive collation, the graphs' handles go with releaseFinishedGraphs()
    releaseFinishedGraphs();
    expect(memory().cpu!.liveTensors - before).toBe(2 * 2);
  });

  it('takes nothing back when no training step ran: batches collected into an array stay valid', async () => {
    const loader = new DataLoader(dataset(), { batchSize: 2 });
    const batches: Tensor[][] = [];
    for await (const batch of loader as AsyncIterable<Tensor[]>) batches.push(batch);
    for (const batch of loader as Iterable<Tensor[]>) batches.push(batch);
    expect(batches).toHaveLength(6);
    expect(batches.map(([inputs]) => (inputs!.toArraySync() as number[][])[0]![0])).toEqual([1, 5, 9, 1, 5, 9]);
  });

  it('the copies a loop makes of a batch (.to(), casts) go with it; kept ones stay', async () => {
    const loader = new DataLoader(dataset(), { batchSize: 2 });
    const copies: Tensor[] = [];
    let kept: Tensor | null = null;
    for await (const [inputs] of loader as AsyncIterable<Tensor[]>) {
      const copy = inputs!.double().float();
      copies.push(copy);
      kept ??= keep(inputs!);
      trainingStep(copy);
    }
    expect(copies[0]!.isDisposed).toBe(true);
    expect(kept!.toArraySync()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('the synchronous iterator lends the same way', () => {
    const loader = new DataLoader(dataset(), { batchSize: 2 });
    const first: Tensor[] = [];
    for (const [inputs] of loader as Iterable<Tensor[]>) {
      first.push(inputs!);
      trainingStep(inputs!);
    }
    expect(first[0]!.isDisposed).toBe(true);
    expect(first[2]!.isDisposed).toBe(false);
  });
});
